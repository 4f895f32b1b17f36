"""The main window: the graph panel, live training and the controls, wired together.

The window keeps no state of the session: the ``SessionModel`` (gdviz.session.model)
owns the points, where they came from, the model, the weights, the step, the curves,
the file and the warning on screen. Every change the user makes is an edit pushed
onto the one undo stack (the training panel's); the window observes the model and
brings the controls, the title, the status bar and the graph view up to date. The
graph panel plays a GUI-owned copy of the model ("Backprop this step"). Its commands,
menus and toolbar are built in actions.py, its docks and status bar in
window_layout.py; opening, saving and exporting are SessionFiles' (session_files.py,
exports.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gdviz.session import files
from gdviz.session.model import Change, SessionModel
from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.training.models import ModelConfig
from gdviz.ui.graph.graph_panel import GraphPanel
from gdviz.ui.icons import icon
from gdviz.ui.theme import COLOURS
from gdviz.ui.training.training_panel import TrainingPanel
from gdviz.ui.window import actions, extras, window_layout
from gdviz.ui.window.descent_docks import DescentDocks
from gdviz.ui.window.graph_steps import GraphSteps
from gdviz.ui.window.help_texts import about, how_to_read, shortcuts_html
from gdviz.ui.window.scenario_controls import ScenarioControls
from gdviz.ui.window.session_files import SessionFiles, tutorial_session
from gdviz.ui.window.window_layout import DEFAULT_SIZE  # noqa: F401 (the size tests and tools expect)

SETTINGS_VERSION = 4  # bump when the dock layout changes: old saved layouts are dropped


class MainWindow(QMainWindow):
    """gdviz's main window.

    Args:
        settings: where the layout and settings are remembered; None remembers nothing
            (screenshots, tests).
        theme_manager: the app's ThemeManager (View → Theme), or None.

    Signals:
        firstPainted(): emitted once, after the window's first paint.
    """

    firstPainted = Signal()

    def __init__(self, settings: QSettings | None = None, theme_manager=None, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.theme_manager = theme_manager
        self.session = SessionModel(files.Session(dataset=make_dataset(DatasetConfig()),
                                                  model_config=ModelConfig()))
        self.session_files = SessionFiles(self, settings)
        self._painted = False
        window_layout.place_on_screen(self)

        self.controls = ScenarioControls()
        self.graph_panel = GraphPanel()
        self.training = TrainingPanel(session=self.session)
        self.graph_steps = GraphSteps(self)
        self.undo_stack = self.training.undo_stack  # the one undo history of every edit
        actions.build_actions(self)
        window_layout.build_central(self)
        window_layout.build_docks(self)
        self.descent = DescentDocks(self)  # the loss landscape and the race, tabbed with training
        self.timeline = window_layout.build_timeline(self)
        extras.install(self)  # the neuron view, presentation mode, GIFs
        window_layout.show_training_first(self)
        actions.build_menus(self)
        actions.build_toolbar(self)
        self.pace_box.paceChanged.connect(self.set_pace)
        window_layout.build_status_bar(self)
        self.show_status(step=0)
        self._connect()
        self._default_state = self.saveState(SETTINGS_VERSION)
        self._restore_settings()
        self.session_files.update_title()

    def _connect(self):
        self.controls.datasetConfigChanged.connect(self._on_dataset_config)
        self.controls.modelConfigChanged.connect(self._on_model_config)
        self.controls.problem.connect(self.warn)
        self.training.status_changed.connect(self._on_training_status)
        # The panel's own undo keys would clash with the window's actions: drop them.
        for action in (self.training.undo_action, self.training.redo_action):
            action.setShortcuts([])
        self.undo_stack.canUndoChanged.connect(self.actions_by_name["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(self.actions_by_name["redo"].setEnabled)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.session.changed.connect(self._on_session_changed)
        self.session.warning_changed.connect(self._on_warning_changed)
        self.session.path_changed.connect(self._update_title)
        self.graph_panel.player.positionChanged.connect(self._on_player_moved)
        self._update_undo_actions()
        if self.theme_manager is not None:
            self.theme_manager.themeChanged.connect(self._on_theme_changed)
            self._on_theme_changed(self.theme_manager.theme)

    # **** the session: what is trained ****

    @property
    def backprop_step(self) -> int | None:
        """The training step the graph panel shows (about to happen); None before any."""
        return self.graph_steps.step

    @property
    def trace_loader(self):
        return self.graph_steps.loader

    @property
    def dataset_config(self) -> DatasetConfig:
        return self.session.dataset_config

    @property
    def view_settings(self) -> dict:
        return self.session.view_settings

    def apply_session(self, session: files.Session, path: Path | None = None,
                      undoable: bool = False) -> None:
        """Show ``session``: its points, settings, weights, step and curves.

        Args:
            session: a validated session (gdviz.session.files).
            path: the file it came from; None for an unsaved scenario.
            undoable: an edit Ctrl+Z takes back (File → Open); otherwise the history
                starts here (the session the app opens on).
        """
        self.training.pause()
        text = self.tr("Open {name}").format(name=path.name) if path is not None else self.tr("Open the tutorial")
        self.training.edit(self.session.open(session, path=path, text=text))
        self.pace_box.set_pace(session.view_settings.get("pace"))  # the session's own pace
        if not undoable:
            self.undo_stack.clear()
            self.graph_steps.follow_session(now=True)
        self.session_files.mark_saved()

    def prepare_view(self, view: str):
        """(widget, ready) to picture ``view`` (gdviz.cli.VIEWS) alone: DescentDocks.prepare."""
        return self.descent.prepare(view)

    def set_pace(self, steps_per_second) -> None:
        """Play at most this many steps a second (None: as fast as it goes); the session
        keeps it (saved in its file's view settings)."""
        self.training.set_pace(steps_per_second)
        self.session.set_view_settings({**self.session.view_settings, "pace": steps_per_second or 0})

    def open_tutorial(self) -> None:
        """Start over on the tutorial's scenario (asks to save changes first)."""
        if self.confirm_discard():
            self.apply_session(tutorial_session(), undoable=True)
            self.session_files.mark_saved(False)

    def open_dataset(self, dataset, origin: str | None = None) -> None:
        """Train on ``dataset`` afresh (undoable); the model stays. ``origin``: its file's name."""
        self.training.pause()
        self.training.edit(self.session.choose_dataset(dataset, origin=origin, path=None))

    def undo(self) -> None:
        """Undo the last change to the points or the settings."""
        self.undo_stack.undo()

    def redo(self) -> None:
        """Redo what undo took back."""
        self.undo_stack.redo()

    def _update_undo_actions(self) -> None:
        self.actions_by_name["undo"].setEnabled(self.undo_stack.canUndo())
        self.actions_by_name["redo"].setEnabled(self.undo_stack.canRedo())

    def _on_dataset_config(self, config: DatasetConfig) -> None:
        try:
            dataset = make_dataset(config)
        except ValueError as e:
            self.warn(str(e))
            self.controls.set_configs(self.session.dataset_config, self.session.model_config)
            return
        self.training.set_dataset(dataset, config)

    def _on_model_config(self, config: ModelConfig) -> None:
        try:
            config.validate()
        except ValueError as e:
            self.warn(str(e))
            self.controls.set_configs(self.session.dataset_config, self.session.model_config)
            return
        self.training.set_model_config(config)

    def _on_session_changed(self, change: Change) -> None:
        session = self.session
        self.controls.set_configs(session.dataset_config, session.model_config)
        self.controls.set_source(session.origin)
        self.session_files.update_title()
        self._update_undo_actions()
        # The graph view follows: paused, it shows the step about to happen now.
        if not self.training.is_playing():
            self.graph_steps.follow_session()
        elif self.backprop_step is not None:  # the step it shows is "Step k + 1, about to happen"
            self.graph_panel.set_caption(self.tr(
                "Showing step {step}, before the last change: press Ctrl+B for the step training is at"
            ).format(step=self.backprop_step + 1))

    def _update_title(self, *_) -> None:
        self.session_files.update_title()

    def _on_warning_changed(self, message: str | None) -> None:
        self.warning_label.setText(f"⚠ {message}" if message else "")
        self.warning_label.setToolTip(message or "")

    # **** training ****

    def toggle_training(self) -> None:
        """Play or pause training."""
        if self.training.is_playing():
            self.training.pause()
        else:
            self.training.play()
            self.hide_hint()
        self._update_play_action()

    def step_training(self) -> None:
        """One training step."""
        self.training.step_once()

    def reset_training(self) -> None:
        self.training.reset()

    def randomise_weights(self) -> None:
        self.training.randomise_weights()

    def pause_training(self) -> None:
        """Pause training and show Play on its button."""
        self.training.pause()
        self._update_play_action()

    def _update_play_action(self):
        playing = self.training.is_playing()
        action = self.actions_by_name["play"]
        action.setText(self.tr("Pause training") if playing else self.tr("Play training"))
        action.setIcon(icon("pause" if playing else "play"))

    def backprop_this_step(self, quiet: bool = False) -> None:
        """Pause training and load the step about to happen into the graph panel.

        The graph is a GUI-owned copy of the model (gdviz.training.models) with the worker's
        current weights, fed the training points: the player shows exactly the
        gradients the next step will apply. Training's own state is not touched, so
        Play resumes from it.
        """
        self.pause_training()
        state = self.training.training_state()
        self.graph_steps.load_exact(state.config, state.dataset, [w.copy() for w in state.weights],
                                    state.step, state.optimizer_state)
        if not quiet:
            self.statusBar().showMessage(self.tr(
                "Paused before step {step}: press Next ▶ (.) under the graph to walk through its "
                "backprop, then Play training (Space) to resume").format(step=self.backprop_step + 1), 8000)

    def _on_training_status(self, status) -> None:
        self.show_status(step=status.step, loss=status.loss, accuracy=status.accuracy,
                         rate=status.steps_per_second)
        self.session_files.update_title()  # training since the last save is a change
        self._update_play_action()
        if status.playing and self.backprop_step is not None and status.step != self.backprop_step:
            self.graph_panel.set_caption(self.tr(
                "Showing step {step}; training is at step {training_step}: press Ctrl+B to load the "
                "step about to happen").format(step=self.backprop_step + 1, training_step=status.step))

    def show_status(self, step=None, loss=None, accuracy=None, rate=None) -> None:
        """Show the latest figures in the status bar ("–" where not known)."""
        window_layout.show_status(self, step, loss, accuracy, rate)

    def warn(self, message: str) -> None:
        """Show a warning (the session's: the next edit clears it)."""
        self.session.set_warning(message)

    def _on_player_moved(self, position: int) -> None:
        if position > 0:
            self.hide_hint()

    def hide_hint(self) -> None:
        """Hide the first-run hint for good."""
        if self.hint.isVisible() or not self.hint.isHidden():
            self.hint.hide()
            if self.settings is not None:
                self.settings.setValue("hintShown", True)

    # **** files: SessionFiles opens, saves and exports ****

    @property
    def session_path(self) -> Path | None:
        """The session's file; None until the session is saved or opened from one."""
        return self.session.path

    @property
    def has_unsaved_changes(self) -> bool:
        return self.session_files.dirty

    def confirm_discard(self) -> bool:
        """Ask "Save changes?" when there are any. Returns False if the user cancelled."""
        return self.session_files.confirm_discard()

    def open_file(self, path=None) -> bool:
        """Open a session or a dataset, read off the GUI thread (SessionFiles.open_file).

        Returns True if reading began; ``session_files.fileOpened`` tells how it ended."""
        return self.session_files.open_file(path)

    def save_session(self) -> bool:
        """Save to the session's file, or ask for one. Returns True if saved."""
        return self.session_files.save_session()

    def save_session_as(self) -> bool:
        """Ask for a file and save the session there. Returns True if saved."""
        return self.session_files.save_session_as()

    def save_dataset_as(self) -> bool:
        """Ask for a file and save just the points. Returns True if saved."""
        return self.session_files.save_dataset_as()

    def export_view(self, name: str, path=None) -> bool:
        """Save a picture of a view ("window", "graph", "training", "controls") as PNG or SVG."""
        return self.session_files.export_view(name, path)

    def current_session(self) -> files.Session:
        """Everything needed to come back to this point, as a files.Session."""
        return self.session_files.current_session()

    # **** view, help ****

    def set_theme(self, choice: str) -> None:
        if self.theme_manager is not None:
            self.theme_manager.set_theme(choice)
        self.actions_by_name[f"theme_{choice}"].setChecked(True)
        if self.settings is not None:
            self.settings.setValue("theme", choice)

    def _on_theme_changed(self, theme: str) -> None:
        for name in ("open", "save", "undo", "redo", "step", "reset", "backprop", "export"):
            self.actions_by_name[name].setIcon(icon(name.replace("export", "screenshot")))
        self._update_play_action()
        # The loss and accuracy plots are pyqtgraph's: they take the theme's colours here.
        colours = COLOURS[theme]
        self.training.curves_view.setBackground(colours["plot_background"])
        for plot in (self.training.loss_plot, self.training.accuracy_plot):
            for axis in ("left", "bottom"):
                plot.getAxis(axis).setTextPen(colours["plot_foreground"])
                plot.getAxis(axis).setPen(colours["plot_foreground"])
        self.graph_panel.inspector.set_plot_colours(colours["plot_background"], colours["plot_foreground"])

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.actions_by_name["fullScreen"].setChecked(self.isFullScreen())

    def reset_layout(self) -> None:
        """Every dock back where it started, all shown, the toolbar too."""
        if self.isFullScreen():
            self.toggle_full_screen()
        self.restoreState(self._default_state, SETTINGS_VERSION)
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()
        self.toolbar.show()

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), shortcuts_html(actions.shortcut_rows(self)))

    def show_how_to_read(self) -> None:
        QMessageBox.information(self, self.tr("How to read this screen"), how_to_read())

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About gdviz"), about())

    # **** settings and lifetime ****

    def _restore_settings(self) -> None:
        settings = self.settings
        if settings is None:
            return
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("windowState")
        if isinstance(state, QByteArray):
            self.restoreState(state, SETTINGS_VERSION)
        if settings.value("hintShown", False, type=bool):
            self.hint.hide()

    def save_settings(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState(SETTINGS_VERSION))
        self.settings.sync()

    def showEvent(self, event):
        super().showEvent(event)
        # Fit once the view has its size (the view as context: never on a deleted view).
        QTimer.singleShot(0, self.graph_panel.view, self.graph_panel.view.fit)

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)

    def closeEvent(self, event):
        if not self.confirm_discard():
            event.ignore()
            return
        self.save_settings()
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop every thread and process of the window (closing does; so do screenshots)."""
        self.training.shutdown()
        self.graph_steps.stop()
        self.session_files.reader.stop()
        self.descent.shutdown()
        self.timeline.shutdown()
        extras.shutdown(self)
