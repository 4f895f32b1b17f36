"""The main window: the graph panel, live training and the controls, wired together.

The window owns no training state of its own: the TrainingPanel (and its worker) holds
the weights and the step, the ScenarioControls show the configs, and the graph panel
plays a GUI-owned copy of the model ("Backprop this step"). The window connects them,
keeps the undo history of the scenario, and remembers its layout and settings in a
QSettings it is given. Opening, saving and exporting are SessionFiles' (session_files.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gdviz.session import files
from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.training.models import Model, ModelConfig
from gdviz.ui.graph.graph_panel import GraphPanel
from gdviz.ui.window.help_texts import HOW_TO_READ, shortcuts_html
from gdviz.ui.icons import icon
from gdviz.ui.window.scenario_controls import ScenarioControls
from gdviz.ui.window.session_files import SessionFiles, tutorial_session
from gdviz.ui.theme import COLOURS, THEME_CHOICES
from gdviz.ui.training.training_panel import TrainingPanel

DEFAULT_SIZE = QSize(1500, 900)
RIGHT_COLUMN_WIDTH = 380  # the decision boundary and the inspector
SETTINGS_VERSION = 2  # bump when the dock layout changes: old saved layouts are dropped
MAX_UNDO = 100
FIRST_RUN_HINT = ("<b>Start here:</b> press <b>Step →</b> under the graph (or click the graph and press →) "
                  "to follow backpropagation from the loss J back to W and b. "
                  "Then press <b>Play</b> (Space) in the toolbar to train.")


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
        self.session_files = SessionFiles(self, settings)
        self.dataset_config = DatasetConfig()
        self.view_settings: dict = {}
        self._painted = False
        self._undo: list = []
        self._redo: list = []
        self._backprop_model = None
        self.backprop_step = None
        self._last_step = 0
        self._timeline: list = []  # "window" or "panel": which history holds each undo
        self._redo_timeline: list = []
        self._undoing = False
        self.resize(DEFAULT_SIZE)

        self._build_actions()
        self.controls = ScenarioControls(self.actions_by_name)
        self.graph_panel = GraphPanel()
        self.training = TrainingPanel()
        self._build_central()
        self._build_docks()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self._default_state = self.saveState(SETTINGS_VERSION)
        self._restore_settings()
        self.session_files.update_title()

    # **** actions, menus, toolbar ****

    def _action(self, name, text, tip, slot, shortcut=None, icon_name=None, checkable=False):
        action = QAction(text, self)
        action.setObjectName(f"{name}Action")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            tip = f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(slot)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self):
        self.actions_by_name = {}
        a = self._action
        a("open", "&Open…", "Open a session (.gdviz) or a dataset (.csv, .json)", self.open_file,
          QKeySequence.Open, "open")
        a("save", "&Save", "Save the session: points, settings, weights and curves", self.save_session,
          QKeySequence.Save, "save")
        a("saveAs", "Save &As…", "Save the session under another name", self.save_session_as, "Ctrl+Shift+S")
        a("saveDataset", "Save &Dataset…", "Save just the points, as CSV or JSON", self.save_dataset_as)
        a("openTutorial", "Open the &Tutorial Scenario", "Back to the tutorial's perceptron and points",
          self.open_tutorial)
        a("quit", "&Quit", "Quit gdviz", self.close, "Ctrl+Q")
        a("undo", "&Undo", "Undo the last change to the points or settings", self.undo, "Ctrl+Z", "undo")
        a("redo", "&Redo", "Redo what was undone", self.redo, "Ctrl+Shift+Z", "redo")
        a("play", "Play", "Train continuously; press again to pause", self.toggle_training, "Space", "play")
        a("step", "Step", "Take one gradient-descent step", self.step_training, "Right", "step")
        a("reset", "Reset", "Start training again from the first weights, step 0", self.reset_training,
          None, "reset")
        a("randomise", "New weights", "Start again from fresh random weights", self.randomise_weights)
        a("backprop", "Backprop this step", "Pause training and step through the gradients of the "
          "exact step about to happen, in the graph", self.backprop_this_step, "Ctrl+B", "backprop")
        a("fullScreen", "&Full Screen", "Fill the screen with the window", self.toggle_full_screen,
          "F11", checkable=True)
        a("resetLayout", "&Reset Layout", "Put every panel back where it started", self.reset_layout)
        a("shortcuts", "&Keyboard Shortcuts", "Every key gdviz knows", self.show_shortcuts)
        a("howToRead", "&How to Read This Screen", "What each view and colour means", self.show_how_to_read)
        a("about", "&About gdviz", "What gdviz is", self.show_about)
        self.export_actions = {}
        for name, title in (("window", "Whole Window"), ("graph", "Computational Graph"),
                            ("training", "Training Views"), ("controls", "Controls")):
            self.export_actions[name] = a(
                f"export_{name}", f"{title}…", f"Save a picture of the {title.lower()} as PNG or SVG",
                lambda _=False, n=name: self.export_view(n))
        # The toolbar's button: "Export…" opens the menu of views; a click on the action
        # itself (or its shortcut) saves the whole window.
        a("export", "Export…", "Save a picture (PNG or SVG) of the whole window or of one view",
          lambda _=False: self.export_view("window"), "Ctrl+E", "screenshot")

    def _build_menus(self):
        bar = self.menuBar()
        acts = self.actions_by_name
        file_menu = bar.addMenu("&File")
        for name in ("open", "openTutorial", None, "save", "saveAs", "saveDataset"):
            file_menu.addAction(acts[name]) if name else file_menu.addSeparator()
        export = file_menu.addMenu("&Export View")
        export.setObjectName("exportMenu")
        for action in self.export_actions.values():
            export.addAction(action)
        self.export_menu = export
        acts["export"].setMenu(export)
        file_menu.addSeparator()
        file_menu.addAction(acts["quit"])
        edit = bar.addMenu("&Edit")
        edit.addAction(acts["undo"])
        edit.addAction(acts["redo"])
        train = bar.addMenu("&Training")
        for name in ("play", "step", "reset", "randomise", None, "backprop"):
            train.addAction(acts[name]) if name else train.addSeparator()
        view = bar.addMenu("&View")
        self.view_menu = view
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        theme_menu = view.addMenu("&Theme")
        theme_menu.setObjectName("themeMenu")
        self.theme_group = QActionGroup(self)
        for choice in THEME_CHOICES:
            action = QAction(choice.capitalize() if choice != "system" else "Follow the System", self)
            action.setObjectName(f"theme_{choice}Action")
            action.setCheckable(True)
            action.setToolTip(f"Use the {choice} theme" if choice != "system" else "Light or dark as the desktop is")
            action.triggered.connect(lambda _=False, c=choice: self.set_theme(c))
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
            self.actions_by_name[f"theme_{choice}"] = action
        current = self.theme_manager.choice if self.theme_manager else "system"
        self.actions_by_name[f"theme_{current}"].setChecked(True)
        view.addSeparator()
        view.addAction(acts["fullScreen"])
        view.addAction(acts["resetLayout"])
        help_menu = bar.addMenu("&Help")
        for name in ("howToRead", "shortcuts", None, "about"):
            help_menu.addAction(acts[name]) if name else help_menu.addSeparator()

    def _build_toolbar(self):
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for name in ("open", "save", None, "undo", "redo", None, "play", "step", "reset", None, "backprop",
                     None, "export"):
            toolbar.addAction(self.actions_by_name[name]) if name else toolbar.addSeparator()
        # Export… asks which view first: its button opens the menu at once.
        toolbar.widgetForAction(self.actions_by_name["export"]).setPopupMode(QToolButton.InstantPopup)
        self.toolbar = toolbar

    # **** layout ****

    def _build_central(self):
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QWidget()
        self.hint.setObjectName("firstRunHint")
        hint_layout = QHBoxLayout(self.hint)
        hint_layout.setContentsMargins(10, 6, 10, 6)
        hint_text = QLabel(FIRST_RUN_HINT)
        hint_text.setWordWrap(True)
        hint_layout.addWidget(hint_text, 1)
        hide = QPushButton("Got it")
        hide.setObjectName("hideHintButton")
        hide.setToolTip("Hide this hint (Help → How to read this screen has more)")
        hide.clicked.connect(self.hide_hint)
        hint_layout.addWidget(hide)
        self.hint.setStyleSheet("#firstRunHint { background: #fff3bf; border-bottom: 1px solid #f08c00; }"
                                "#firstRunHint QLabel { color: #1f2329; }")
        layout.addWidget(self.hint)
        layout.addWidget(self.graph_panel, 1)
        self.setCentralWidget(central)

    def _dock(self, name, title, widget, area):
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        return dock

    def _build_docks(self):
        self.docks = {}
        # The graph is wide (one column per op): it gets the window's full width but for
        # one column of docks on the right. The controls are a strip above it, the
        # training views and the inspector share the right column.
        self.setCorner(Qt.TopRightCorner, Qt.RightDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.controls_scroll = QScrollArea()
        self.controls_scroll.setWidgetResizable(True)
        self.controls_scroll.setWidget(self.controls)
        controls = self._dock("controls", "Controls", self.controls_scroll, Qt.TopDockWidgetArea)
        controls.dockLocationChanged.connect(self._controls_moved)
        self._controls_moved(Qt.TopDockWidgetArea)
        self._dock("training", "Training: decision boundary and loss", self.training, Qt.RightDockWidgetArea)
        # The inspector gets its own dock so it can sit wherever the user likes.
        self._dock("inspector", "Inspector", self.graph_panel.inspector, Qt.RightDockWidgetArea)
        self.resizeDocks([self.docks["training"], self.docks["inspector"]], [540, 310], Qt.Vertical)
        self.resizeDocks([self.docks["training"]], [RIGHT_COLUMN_WIDTH], Qt.Horizontal)

    def _controls_moved(self, area) -> None:
        """Lay the controls out along the dock area they were put in."""
        dock, scroll = self.docks["controls"], self.controls_scroll
        features = dock.features() & ~QDockWidget.DockWidgetVerticalTitleBar
        if area in (Qt.TopDockWidgetArea, Qt.BottomDockWidgetArea):
            self.controls.set_orientation(Qt.Horizontal)
            # The title bar on the strip's left edge: the strip stays as low as its groups.
            dock.setFeatures(features | QDockWidget.DockWidgetVerticalTitleBar)
            scroll.setMinimumWidth(0)
            scroll.setMinimumHeight(self.controls.sizeHint().height() + 4)
        else:
            self.controls.set_orientation(Qt.Vertical)
            dock.setFeatures(features)
            scroll.setMinimumHeight(0)
            scroll.setMinimumWidth(self.controls.sizeHint().width() + 20)

    def _build_status_bar(self):
        bar = self.statusBar()
        self.status_labels = {}
        for name, tip in (("step", "Training steps taken"), ("loss", "The loss J at the latest step"),
                          ("accuracy", "Share of training points classified right"),
                          ("rate", "Training steps per second")):
            label = QLabel()
            label.setObjectName(f"{name}Status")
            label.setToolTip(tip)
            bar.addPermanentWidget(label)
            self.status_labels[name] = label
        self.warning_label = QLabel()
        self.warning_label.setObjectName("warningStatus")
        self.warning_label.setStyleSheet("color: #c92a2a; font-weight: bold;")
        self.warning_label.setToolTip("The latest warning")
        bar.addWidget(self.warning_label, 1)
        self.show_status(step=0)

    def _connect(self):
        self.controls.datasetConfigChanged.connect(self._on_dataset_config)
        self.controls.modelConfigChanged.connect(self._on_model_config)
        self.controls.problem.connect(self.warn)
        self.training.status_changed.connect(self._on_training_status)
        self.training.warning_raised.connect(self.warn)
        # One timeline for Ctrl+Z: the panel's point edits and the window's scenario
        # changes. The panel's own Ctrl+Z would clash with the window's: drop its keys.
        for action in (self.training.undo_action, self.training.redo_action):
            action.setShortcuts([])
        self.training.undo_stack.indexChanged.connect(self._on_panel_undo_index)
        self.graph_panel.player.positionChanged.connect(self._on_player_moved)
        # The backprop player's own Space and → would clash with the window's: the
        # window's actions route them to the player when the graph has focus.
        # The menus show Space and → on Play and Step, but the keys go through
        # _space_key/_right_key, which pick the player or training by focus.
        for shortcut in self.graph_panel.findChildren(QShortcut):
            if shortcut.key() in (QKeySequence(Qt.Key_Space), QKeySequence(Qt.Key_Right)):
                shortcut.setEnabled(False)
        for name, key, slot in (("play", Qt.Key_Space, self._space_key), ("step", Qt.Key_Right, self._right_key)):
            self.actions_by_name[name].setShortcutContext(Qt.WidgetShortcut)
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setObjectName(f"{name}Key")
            shortcut.activated.connect(slot)
        if self.theme_manager is not None:
            self.theme_manager.themeChanged.connect(self._on_theme_changed)
            self._on_theme_changed(self.theme_manager.theme)

    # **** scenario: what is trained ****

    def apply_session(self, session: files.Session, path: Path | None = None) -> None:
        """Show ``session``: its points, settings, weights, step and curves.

        Args:
            session: a validated session (gdviz.session.files).
            path: the file it came from; None for an unsaved scenario.
        """
        self.training.pause()
        self.dataset_config = session.dataset_config
        self.view_settings = dict(session.view_settings)
        self.controls.set_configs(session.dataset_config, session.model_config)
        self.training.set_dataset(session.dataset)
        self.training.set_model_config(session.model_config)
        if session.weights:
            self.training.set_weights(session.weight_list(), session.step)
        else:
            self.training.reset()
        self.training.pause()  # waits until the worker holds exactly this state
        # The worker's curves restart here; saving puts the session's earlier ones first.
        self.session_files.show_loaded_curves(session)
        self._undo.clear()
        self._redo.clear()
        self._timeline.clear()
        self._update_undo_actions()
        self.session_path = path
        self._last_step = session.step
        self.show_status(step=session.step)
        self.backprop_this_step(quiet=True)
        self._set_dirty(False)

    def open_tutorial(self) -> None:
        """Start over on the tutorial's scenario (asks to save changes first)."""
        if self.confirm_discard():
            self.apply_session(tutorial_session())

    def open_dataset(self, dataset) -> None:
        """Train on ``dataset`` (undoable); the model stays."""
        self._push_undo()
        self.training.set_dataset(dataset)
        self._set_dirty(True)

    def _scenario(self):
        return (self.training.dataset(), self.dataset_config, self.training.model_config())

    def _push_undo(self):
        self._undo.append(self._scenario())
        if len(self._undo) > MAX_UNDO:  # forget the oldest scenario change
            del self._undo[0]
            self._timeline.remove("window")
        self._redo.clear()
        self._redo_timeline.clear()
        self._timeline.append("window")
        self._update_undo_actions()

    def _on_panel_undo_index(self, index: int) -> None:
        stack = self.training.undo_stack
        if stack.count() == 0:  # set_dataset cleared the panel's edits
            self._timeline = [t for t in self._timeline if t == "window"]
            self._redo_timeline = [t for t in self._redo_timeline if t == "window"]
        elif not self._undoing and index == stack.count():  # a new point edit (not an undo or redo)
            self._timeline.append("panel")
            self._redo.clear()
            self._redo_timeline.clear()
            self._set_dirty(True)
        self._update_undo_actions()

    def _restore_scenario(self, scenario):
        dataset, dataset_config, model_config = scenario
        self.dataset_config = dataset_config
        self.controls.set_configs(dataset_config, model_config)
        if model_config != self.training.model_config():
            self.training.set_model_config(model_config)
        if dataset is not self.training.dataset():  # set_dataset forgets the point edits
            self.training.set_dataset(dataset)
        self._set_dirty(True)

    def undo(self) -> None:
        """Undo the last change to the points or the settings."""
        if not self._timeline:
            return
        which = self._timeline.pop()
        self._undoing = True
        try:
            if which == "panel":
                self.training.undo_stack.undo()
            else:
                self._redo.append(self._scenario())
                self._restore_scenario(self._undo.pop())
        finally:
            self._undoing = False
        self._redo_timeline.append(which)
        self._set_dirty(True)
        self._update_undo_actions()

    def redo(self) -> None:
        """Redo what undo took back."""
        if not self._redo_timeline:
            return
        which = self._redo_timeline.pop()
        self._undoing = True
        try:
            if which == "panel":
                self.training.undo_stack.redo()
            else:
                self._undo.append(self._scenario())
                self._restore_scenario(self._redo.pop())
        finally:
            self._undoing = False
        self._timeline.append(which)
        self._set_dirty(True)
        self._update_undo_actions()

    def _update_undo_actions(self):
        self.actions_by_name["undo"].setEnabled(bool(self._timeline))
        self.actions_by_name["redo"].setEnabled(bool(self._redo_timeline))

    def _on_dataset_config(self, config: DatasetConfig) -> None:
        try:
            dataset = make_dataset(config)
        except ValueError as e:
            self.warn(str(e))
            self.controls.set_configs(self.dataset_config, self.controls.model_config)
            return
        self._push_undo()
        self.dataset_config = config
        self.training.set_dataset(dataset)
        self._set_dirty(True)

    def _on_model_config(self, config: ModelConfig) -> None:
        try:
            config.validate()
        except ValueError as e:
            self.warn(str(e))
            return
        self._push_undo()
        self.training.set_model_config(config)
        self._set_dirty(True)

    # **** training ****

    def _graph_has_focus(self) -> bool:
        focus = self.focusWidget()
        return focus is not None and (focus is self.graph_panel or self.graph_panel.isAncestorOf(focus))

    def _space_key(self) -> None:
        """Space: the backprop player when the graph has focus, otherwise training."""
        if self._graph_has_focus() and self.graph_panel.player.step_count:
            self.graph_panel.player.toggle_play()
        else:
            self.toggle_training()

    def _right_key(self) -> None:
        """→: one backprop step when the graph has focus, otherwise one training step."""
        if self._graph_has_focus() and self.graph_panel.player.step_count:
            self.graph_panel.player.step_forward()
        else:
            self.step_training()

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
        self._set_dirty(True)

    def randomise_weights(self) -> None:
        self.training.randomise_weights()
        self._set_dirty(True)

    def pause_training(self) -> None:
        """Pause training and show Play on its button."""
        self.training.pause()
        self._update_play_action()

    def _update_play_action(self):
        playing = self.training.is_playing()
        action = self.actions_by_name["play"]
        action.setText("Pause" if playing else "Play")
        action.setIcon(icon("pause" if playing else "play"))

    def backprop_this_step(self, quiet: bool = False) -> None:
        """Pause training and load the step about to happen into the graph panel.

        The graph is a GUI-owned copy of the model (gdviz.training.models) with the worker's
        current weights, fed the training points: the player shows exactly the
        gradients the next step will apply. Training's own state is not touched, so
        Play resumes from it.
        """
        self.pause_training()
        config, dataset, weights, step = self.training.current_state()
        model = self._backprop_model
        if model is None or model.config != config or model.n_classes != dataset.n_classes:
            model = self._backprop_model = Model(config, dataset.n_classes, weights)
        else:
            model.set_weights(weights)
        train = dataset.train_mask
        feed = model.feed(dataset.X[train], dataset.one_hot(train))
        self.graph_panel.load(model.loss, feed)
        self.graph_panel.view.fit()
        self.backprop_step = step
        if not quiet:
            self.graph_panel.setFocus()
            self.statusBar().showMessage(
                f"Paused before step {step + 1}: press → (graph focused) to step through its "
                "backprop, then Play to resume training", 8000)

    def _on_training_status(self, status) -> None:
        self.show_status(step=status.step, loss=status.loss, accuracy=status.accuracy,
                         rate=status.steps_per_second)
        if status.step != self._last_step:
            self._last_step = status.step
            self._set_dirty(True)
        self._update_play_action()
        self._update_undo_actions()

    def show_status(self, step=None, loss=None, accuracy=None, rate=None) -> None:
        """Show the latest figures in the status bar ("–" where not known)."""
        labels = self.status_labels
        labels["step"].setText(f"Step {step if step is not None else '–'}")
        labels["loss"].setText(f"Loss J {loss:.4g}" if loss is not None and np.isfinite(loss) else "Loss J –")
        labels["accuracy"].setText(f"Accuracy {accuracy:.0%}" if accuracy is not None else "Accuracy –")
        labels["rate"].setText(f"{rate:,.0f} steps/s" if rate else "0 steps/s")

    def warn(self, message: str) -> None:
        """Show a warning in the status bar until the next one."""
        self.warning_label.setText(f"⚠ {message}")
        self.warning_label.setToolTip(message)

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
        return self.session_files.path

    @session_path.setter
    def session_path(self, path: Path | None) -> None:
        self.session_files.path = path

    @property
    def has_unsaved_changes(self) -> bool:
        return self.session_files.dirty

    def _set_dirty(self, dirty: bool) -> None:
        self.session_files.set_dirty(dirty)

    def confirm_discard(self) -> bool:
        """Ask "Save changes?" when there are any. Returns False if the user cancelled."""
        return self.session_files.confirm_discard()

    def open_file(self, path=None) -> bool:
        """Open a session or a dataset (SessionFiles.open_file). Returns True if opened."""
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
        QMessageBox.information(self, "Keyboard shortcuts", shortcuts_html())

    def show_how_to_read(self) -> None:
        QMessageBox.information(self, "How to read this screen", HOW_TO_READ)

    def show_about(self) -> None:
        QMessageBox.about(self, "About gdviz",
                          "<b>gdviz</b> shows gradient descent and backpropagation on a "
                          "computational graph, as in the tutorial <i>Deep Learning From Scratch "
                          "IV</i>.")

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
        QTimer.singleShot(0, self.graph_panel.view.fit)  # fit once the view has its size

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
        self.training.shutdown()
        event.accept()
