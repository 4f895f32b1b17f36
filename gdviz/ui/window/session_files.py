"""The main window's files: open and save sessions and datasets, export pictures of views.

The session model (gdviz.session.model) owns the file a session belongs to; SessionFiles
asks and tells: the dialogs, whether there are unsaved changes (the title's [*] and
"Save changes?"), the folder last used. There are unsaved changes when the undo stack
has moved from where it was saved, or training has taken steps since. It reads and
writes through gdviz.session.files; a refused file is named in a warning and a dialog
and leaves everything as it was. What is saved is what the window shows: the model's
points, settings, and the weights, step and curves of the last frame drawn.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.session import files
from gdviz.resources import example_session_path
from gdviz.ui.window import exports
from gdviz.ui.window.file_reader import READ_ERRORS, FileReader, ReadResult, read_file

WINDOW_TITLE = "gdviz"
# The file dialogs' filters, translated where a dialog shows them; code reads the chosen
# filter's patterns (*.json), never its words.
SESSION_FILTER = QT_TRANSLATE_NOOP("SessionFiles", "gdviz session (*.gdviz)")
DATASET_FILTERS = QT_TRANSLATE_NOOP("SessionFiles", "Dataset CSV (*.csv);;Dataset JSON (*.json)")
ANY_FILTER = QT_TRANSLATE_NOOP("SessionFiles", "Session or dataset (*.gdviz *.csv *.json)")
EXPORT_FILTER = QT_TRANSLATE_NOOP("SessionFiles", "PNG image (*.png);;SVG drawing (*.svg)")
EXPORT_VIEWS = ("window", "graph", "training", "controls")


def open_filter() -> str:
    """File → Open's filters: any file gdviz opens, sessions, datasets."""
    return ";;".join(translate("SessionFiles", f) for f in (ANY_FILTER, SESSION_FILTER, DATASET_FILTERS))


def tutorial_session() -> files.Session:
    """The tutorial's scenario: its points, perceptron, summed loss and learning rate 0.01."""
    return files.load_session(example_session_path("tutorial"))


class SessionFiles(QObject):
    """The files of one MainWindow: its session's path, unsaved changes, dialogs.

    Args:
        window: the MainWindow; dialogs are its children, messages go to its status bar.
        settings: where the last folder used is remembered; None remembers nothing.

    Signals:
        fileOpened(Path, bool): a file File → Open read was applied (True) or refused.
    """

    fileOpened = Signal(object, bool)

    def __init__(self, window, settings=None):
        super().__init__(window)
        self.window = window
        self.reader = FileReader(self)
        self.reader.done.connect(self._opened)
        self.settings = settings
        self._saved_step = 0

    @property
    def path(self) -> Path | None:
        return self.window.session.path

    # **** unsaved changes ****

    @property
    def dirty(self) -> bool:
        """Edits since the last save (or open), or training steps taken since."""
        window = self.window
        return not window.undo_stack.isClean() or window.session.step != self._saved_step

    def mark_saved(self, saved: bool = True) -> None:
        """What is on screen is what the file holds (after a save or an open)."""
        if saved:
            self.window.undo_stack.setClean()
            self._saved_step = self.window.session.step
        else:
            self._saved_step = -1
        self.update_title()

    def update_title(self) -> None:
        session = self.window.session
        if self.path is not None:
            name = self.path.name
        elif session.origin:
            name = self.tr("{name} (unsaved session)").format(name=session.origin)
        else:
            name = self.tr("Untitled")
        self.window.setWindowTitle(f"{name}[*] – {WINDOW_TITLE}")
        self.window.setWindowModified(self.dirty)

    def confirm_discard(self) -> bool:
        """Ask "Save changes?" when there are any. Returns False if the user cancelled.

        Training pauses while the question is open (what is saved is what is asked
        about) and plays on if the user cancels.
        """
        if not self.dirty:
            return True
        window = self.window
        was_playing = window.training.is_playing()
        window.pause_training()
        answer = QMessageBox.question(
            window, self.tr("Save changes?"), self.tr("This session has unsaved changes. Save them first?"),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            saved = self.save_session()
            if not saved and was_playing:
                window.toggle_training()
            return saved
        if answer == QMessageBox.Cancel and was_playing:
            window.toggle_training()
        return answer == QMessageBox.Discard

    def current_session(self) -> files.Session:
        """Everything needed to come back to this point, as a files.Session: what is shown."""
        return self.window.session.session

    # **** open ****

    def _refuse(self, path, error: Exception) -> None:
        """Tell the user why ``path`` was refused; nothing has changed."""
        self.window.warn(self.tr("Refused {name}: {error}").format(name=Path(path).name, error=error))
        QMessageBox.warning(self.window, self.tr("File refused"),
                            self.tr("{error}\n\nNothing was changed.").format(error=error))

    def open_file(self, path=None) -> bool:
        """Open a session (.gdviz) or a dataset (.csv, .json); asks for a file without ``path``.

        The file is read and checked off the GUI thread (the window draws and trains on
        meanwhile); ``opened`` then applies it, or names why it was refused, with
        nothing changed. Returns True if reading began (False: cancelled).
        """
        if not self.confirm_discard():
            return False
        window = self.window
        if not path:
            path, _ = QFileDialog.getOpenFileName(window, self.tr("Open"), self._folder(), open_filter())
            if not path:
                return False
        path = Path(path)
        self.reader.read(path)
        window.statusBar().showMessage(self.tr("Opening {name}…").format(name=path.name))
        return True

    def _opened(self, result: ReadResult) -> None:
        """A file was read: apply it (undoably), or tell why it was refused."""
        if not self.reader.is_current(result):
            return
        path = result.path
        try:
            if result.error is not None:
                raise result.error
            self._apply(path, result.content)
        except READ_ERRORS as e:
            self.window.statusBar().clearMessage()
            self._refuse(path, e)
            self.fileOpened.emit(path, False)
            return
        self._remember_folder(path)
        self.window.statusBar().showMessage(self.tr("Opened {name}").format(name=path.name), 5000)
        self.fileOpened.emit(path, True)

    def _apply(self, path: Path, content) -> None:
        if isinstance(content, files.Session):
            self.window.apply_session(content, path, undoable=True)
        else:
            self.window.open_dataset(content, origin=path.name)

    def open_path(self, path) -> None:
        """Open ``path`` as File → Open does, without asking or telling (the command line's FILE).

        Raises:
            files.FileFormatError, OSError, ValueError: the file was refused; nothing changed.
        """
        path = Path(path)
        self._apply(path, read_file(path))

    # **** save ****

    def save_session(self) -> bool:
        """Save to the session's file, or ask for one. Returns True if saved."""
        if self.path is None:
            return self.save_session_as()
        return self._save_session_to(self.path)

    def save_session_as(self) -> bool:
        """Ask for a file (.gdviz is added if missing) and save the session there."""
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save session"), self._folder("session.gdviz"),
                                              translate("SessionFiles", SESSION_FILTER))
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != files.SESSION_SUFFIX:
            path = path.with_name(path.name + files.SESSION_SUFFIX)
        return self._save_session_to(path)

    def _save_session_to(self, path: Path) -> bool:
        window = self.window
        try:
            files.save_session(path, self.current_session())
        except Exception as e:  # whatever it was, the window stays open and says so
            reason = str(e) if isinstance(e, (files.FileFormatError, OSError)) else f"{type(e).__name__}: {e}"
            window.warn(self.tr("Not saved: {reason}").format(reason=reason))
            QMessageBox.warning(window, self.tr("Not saved"),
                                self.tr("{reason}\n\nThe file on disk was not changed.").format(reason=reason))
            return False
        window.session.set_path(path)
        self._remember_folder(path)
        self.mark_saved()
        window.statusBar().showMessage(self.tr("Saved {name}").format(name=path.name), 5000)
        return True

    def save_dataset_as(self) -> bool:
        """Ask for a file and save just the training points, as CSV or JSON."""
        window = self.window
        path, chosen = QFileDialog.getSaveFileName(window, self.tr("Save dataset"), self._folder("points.csv"),
                                                   translate("SessionFiles", DATASET_FILTERS))
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() not in (".csv", ".json"):
            path = path.with_name(path.name + (".json" if "*.json" in chosen else ".csv"))
        try:
            files.save_dataset(path, window.session.dataset)
        except Exception as e:
            QMessageBox.warning(window, self.tr("Not saved"),
                                self.tr("{reason}\n\nThe file on disk was not changed.").format(reason=e))
            return False
        self._remember_folder(path)
        window.statusBar().showMessage(self.tr("Saved {name}").format(name=path.name), 5000)
        return True

    def export_view(self, name: str, path=None) -> bool:
        """Save a picture of a view ("window", "graph", "training", "controls") as PNG or SVG.

        The graph is its scene alone (gdviz.ui.window.exports.export_graph): not the
        player's buttons, and all of it even where it is scrolled out of view.
        """
        window = self.window
        if name not in EXPORT_VIEWS:
            raise ValueError(f"no view named {name!r}: choose one of {', '.join(EXPORT_VIEWS)}")
        if not path:
            path, chosen = QFileDialog.getSaveFileName(window, self.tr("Export view"), self._folder(f"{name}.png"),
                                                       translate("SessionFiles", EXPORT_FILTER))
            if not path:
                return False
            if Path(path).suffix.lower() not in (".png", ".svg"):
                path += ".svg" if "*.svg" in chosen else ".png"
        try:
            if name == "graph":
                exports.export_graph(window.graph_panel.view, path)
            else:
                widget = {"window": window, "training": window.training, "controls": window.controls}[name]
                exports.export_widget(widget, path)
        except OSError as e:
            QMessageBox.warning(window, self.tr("Not exported"), str(e))
            return False
        window.statusBar().showMessage(self.tr("Exported {name}").format(name=Path(path).name), 5000)
        return True

    # **** the last folder used ****

    def _folder(self, name: str = "") -> str:
        folder = self.settings.value("lastFolder", "") if self.settings is not None else ""
        return str(Path(folder) / name) if folder else name

    def _remember_folder(self, path: Path) -> None:
        if self.settings is not None:
            self.settings.setValue("lastFolder", str(path.resolve().parent))
