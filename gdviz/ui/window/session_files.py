"""The main window's files: open and save sessions and datasets, export pictures of views.

SessionFiles keeps what the window knows about its file: the session's path, whether
there are unsaved changes (the title's [*] and the "Save changes?" question) and the
folder last used. It reads and writes through gdviz.session.files; a refused file is named in
the status bar and a dialog, and leaves everything as it was. What is trained stays the
window's: opening a file hands the result to ``MainWindow.apply_session`` or
``MainWindow.open_dataset``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gdviz.session import files
from gdviz.resources import example_session_path
from gdviz.ui.window import exports

WINDOW_TITLE = "gdviz"
SESSION_FILTER = "gdviz session (*.gdviz)"
DATASET_FILTERS = "Dataset CSV (*.csv);;Dataset JSON (*.json)"
OPEN_FILTER = "Session or dataset (*.gdviz *.csv *.json);;" + SESSION_FILTER + ";;" + DATASET_FILTERS
EXPORT_FILTER = "PNG image (*.png);;SVG drawing (*.svg)"
EXPORT_VIEWS = ("window", "graph", "training", "controls")


def tutorial_session() -> files.Session:
    """The tutorial's scenario: its points, perceptron, summed loss and learning rate 0.01."""
    return files.load_session(example_session_path("tutorial"))


class SessionFiles:
    """The files of one MainWindow: its session's path, unsaved changes, dialogs.

    Args:
        window: the MainWindow; dialogs are its children, messages go to its status bar.
        settings: where the last folder used is remembered; None remembers nothing.
    """

    def __init__(self, window, settings=None):
        self.window = window
        self.settings = settings
        self.path: Path | None = None
        self.dirty = False
        # The curves saved with the session: the worker's own restart where it was opened.
        self.loaded_histories: dict = {}

    # **** unsaved changes ****

    def set_dirty(self, dirty: bool) -> None:
        """Mark the session changed (or saved) and show it in the window's title."""
        self.dirty = dirty
        self.update_title()

    def update_title(self) -> None:
        name = self.path.name if self.path else "Untitled"
        self.window.setWindowTitle(f"{name}[*] – {WINDOW_TITLE}")
        self.window.setWindowModified(self.dirty)

    def confirm_discard(self) -> bool:
        """Ask "Save changes?" when there are any. Returns False if the user cancelled."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self.window, "Save changes?", "This session has unsaved changes. Save them first?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save_session()
        return answer == QMessageBox.Discard

    # **** the session's curves ****

    def show_loaded_curves(self, session: files.Session) -> None:
        """Keep ``session``'s curves (saving puts them first) and draw them."""
        self.loaded_histories = {h: getattr(session, h) for h in files.HISTORIES}
        training = self.window.training
        for curve, name in ((training.train_loss_curve, "loss_history"),
                            (training.test_loss_curve, "test_loss_history"),
                            (training.accuracy_curve, "accuracy_history")):
            history = self.loaded_histories.get(name, np.zeros((0, 2)))
            curve.setData(history[:, 0], history[:, 1])

    def current_session(self) -> files.Session:
        """Everything needed to come back to this point, as a files.Session."""
        window = self.window
        config, dataset, weights, step = window.training.current_state()
        return files.Session(
            dataset=dataset, model_config=config, dataset_config=window.dataset_config,
            weights=files.named_weights(config, weights), step=step,
            view_settings=window.view_settings, **self._histories(step))

    def _histories(self, step: int) -> dict:
        """The curves up to ``step``: those loaded with the session, then the worker's."""
        frame = self.window.training.last_frame
        curves = {"loss_history": frame.loss_curve, "accuracy_history": frame.accuracy_curve,
                  "test_loss_history": frame.test_loss_curve} if frame is not None else {}
        result = {}
        for name in files.HISTORIES:
            loaded = self.loaded_histories.get(name, np.zeros((0, 2)))
            steps, values = curves.get(name, ((), ()))
            recent = np.column_stack([np.asarray(steps, float), np.asarray(values, float)]).reshape(-1, 2)
            recent = recent[np.isfinite(recent).all(axis=1)]
            start = recent[0, 0] if len(recent) else np.inf
            rows = np.vstack([loaded[loaded[:, 0] < start], recent])
            result[name] = rows[rows[:, 0] <= step]
        return result

    # **** open ****

    def _refuse(self, path, error: Exception) -> None:
        """Tell the user why ``path`` was refused; nothing has changed."""
        self.window.warn(f"Refused {Path(path).name}: {error}")
        QMessageBox.warning(self.window, "File refused", f"{error}\n\nNothing was changed.")

    def open_file(self, path=None) -> bool:
        """Open a session (.gdviz) or a dataset (.csv, .json); asks for a file without ``path``.

        Returns:
            True if the file was opened; a refused file leaves everything as it was.
        """
        if not self.confirm_discard():
            return False
        window = self.window
        if not path:
            path, _ = QFileDialog.getOpenFileName(window, "Open", self._folder(), OPEN_FILTER)
            if not path:
                return False
        path = Path(path)
        try:
            self.open_path(path)
        except (files.FileFormatError, OSError, ValueError) as e:
            self._refuse(path, e)
            return False
        self._remember_folder(path)
        window.statusBar().showMessage(f"Opened {path.name}", 5000)
        return True

    def open_path(self, path) -> None:
        """Open ``path`` as File → Open does, without asking or telling (the command line's FILE).

        Raises:
            files.FileFormatError, OSError, ValueError: the file was refused; nothing changed.
        """
        path = Path(path)
        if path.suffix.lower() == files.SESSION_SUFFIX:
            self.window.apply_session(files.load_session(path), path)
        else:
            self.window.open_dataset(files.load_dataset(path))

    # **** save ****

    def save_session(self) -> bool:
        """Save to the session's file, or ask for one. Returns True if saved."""
        if self.path is None:
            return self.save_session_as()
        return self._save_session_to(self.path)

    def save_session_as(self) -> bool:
        """Ask for a file (.gdviz is added if missing) and save the session there."""
        path, _ = QFileDialog.getSaveFileName(self.window, "Save session", self._folder("session.gdviz"),
                                              SESSION_FILTER)
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != files.SESSION_SUFFIX:
            path = path.with_name(path.name + files.SESSION_SUFFIX)
        return self._save_session_to(path)

    def _save_session_to(self, path: Path) -> bool:
        window = self.window
        window.pause_training()
        try:
            files.save_session(path, self.current_session())
        except (files.FileFormatError, OSError) as e:
            window.warn(f"Not saved: {e}")
            QMessageBox.warning(window, "Not saved", f"{e}\n\nThe file on disk was not changed.")
            return False
        self.path = path
        self._remember_folder(path)
        self.set_dirty(False)
        window.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    def save_dataset_as(self) -> bool:
        """Ask for a file and save just the training points, as CSV or JSON."""
        window = self.window
        path, chosen = QFileDialog.getSaveFileName(window, "Save dataset", self._folder("points.csv"),
                                                   DATASET_FILTERS)
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() not in (".csv", ".json"):
            path = path.with_name(path.name + (".json" if "JSON" in chosen else ".csv"))
        try:
            files.save_dataset(path, window.training.dataset())
        except (files.FileFormatError, OSError) as e:
            QMessageBox.warning(window, "Not saved", f"{e}\n\nThe file on disk was not changed.")
            return False
        self._remember_folder(path)
        window.statusBar().showMessage(f"Saved {path.name}", 5000)
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
            path, chosen = QFileDialog.getSaveFileName(window, "Export view", self._folder(f"{name}.png"),
                                                       EXPORT_FILTER)
            if not path:
                return False
            if Path(path).suffix.lower() not in (".png", ".svg"):
                path += ".svg" if "SVG" in chosen else ".png"
        try:
            if name == "graph":
                exports.export_graph(window.graph_panel.view, path)
            else:
                widget = {"window": window, "training": window.training, "controls": window.controls}[name]
                exports.export_widget(widget, path)
        except OSError as e:
            QMessageBox.warning(window, "Not exported", str(e))
            return False
        window.statusBar().showMessage(f"Exported {Path(path).name}", 5000)
        return True

    # **** the last folder used ****

    def _folder(self, name: str = "") -> str:
        folder = self.settings.value("lastFolder", "") if self.settings is not None else ""
        return str(Path(folder) / name) if folder else name

    def _remember_folder(self, path: Path) -> None:
        if self.settings is not None:
            self.settings.setValue("lastFolder", str(path.resolve().parent))
