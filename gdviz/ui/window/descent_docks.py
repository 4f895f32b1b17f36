"""The gradient-descent docks: the loss landscape and the optimizers' race.

Both observe the session model (gdviz.session.model), as every view does: a new
problem (points, model, a fresh start) resets them; training's progress moves the
landscape's point and path (only while its dock is on screen: a hidden view costs
nothing). The race's paths are drawn on the landscape, and "train only these two"
on the landscape tells the training process to move just those two weights.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget

from gdviz.session.model import PROBLEM_FIELDS
from gdviz.training.weight_history import unflat_weights

# The engine's optimizer classes, as the landscape names them, with their settings
# (gdviz.training.models builds each with the engine's defaults).
OPTIMIZER_KINDS = {"GradientDescentOptimizer": "gd", "MomentumOptimizer": "momentum", "AdamOptimizer": "adam"}
RACE_SCREENSHOT_STEPS = 300  # --screenshot --view race: the race run this far first
LANDSCAPE_UPDATES_PER_S = 20  # the point and path while training plays (the issue asks >= 10)
PATH_ROWS_SHOWN = 200  # a landscape opened late draws the path so far from this many rows


def landscape_state(optimizer_state, config) -> dict | None:
    """An engine OptimizerState (training's, per frame) as the landscape's dict."""
    if optimizer_state is None:
        return None
    kind = OPTIMIZER_KINDS.get(optimizer_state.kind)
    if kind is None:
        return None
    hyper = {"gd": {}, "momentum": {"momentum": 0.9},
             "adam": {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}}[kind]
    slots = {i: dict(s) for i, s in enumerate(optimizer_state.slots) if s}
    return {"kind": kind, "learning_rate": config.learning_rate, "iterations": optimizer_state.iterations,
            "hyper": hyper, "slots": slots}


class DescentDocks(QObject):
    """The landscape and race docks of ``window`` (a MainWindow), tabbed with training."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._views = {}  # built when a dock is first shown: nothing at startup
        self._moved_at = -1e9
        self.docks = {}
        for name, title in (("landscape", self.tr("Landscape")), ("race", self.tr("Race"))):
            dock = QDockWidget(title, window)
            dock.setObjectName(f"{name}Dock")
            dock.setWidget(QWidget())
            window.addDockWidget(Qt.RightDockWidgetArea, dock)
            window.tabifyDockWidget(window.docks["training"], dock)
            window.docks[name] = self.docks[name] = dock
            dock.visibilityChanged.connect(lambda visible, n=name: self._shown(n, visible))
        window.docks["training"].raise_()
        self._stale = {"landscape": True, "race": True}  # a problem they have not seen yet
        session = window.session
        session.changed.connect(self._on_session_changed)
        session.progressed.connect(self._on_progress)
        window.graph_panel.inspector.elementClicked.connect(self._element_clicked)

    @property
    def landscape(self):
        """The LandscapeView, built on first use."""
        if "landscape" not in self._views:
            from gdviz.ui.landscape.landscape_view import LandscapeView

            view = self._views["landscape"] = LandscapeView()
            view.trainOnlyChanged.connect(self.window.training.worker.set_train_only)
            self.docks["landscape"].setWidget(view)
        return self._views["landscape"]

    @property
    def race(self):
        """The RaceView, built on first use."""
        if "race" not in self._views:
            from gdviz.ui.race.race_view import RaceView

            view = self._views["race"] = RaceView()
            view.pathsChanged.connect(self._show_race_paths)
            self.docks["race"].setWidget(view)
        return self._views["race"]

    # **** the session ****

    def _on_session_changed(self, change) -> None:
        if not (change.fields & PROBLEM_FIELDS):
            return
        for name in self._stale:
            self._stale[name] = True
            if self._on_screen(name):
                self._catch_up(name)

    def _on_progress(self) -> None:
        if not self._on_screen("landscape") or self._stale["landscape"]:
            return
        now = time.monotonic()
        if self.window.training.is_playing() and now - self._moved_at < 1.0 / LANDSCAPE_UPDATES_PER_S:
            return  # the point and path move at most this often while training plays
        self._moved_at = now
        session = self.window.session
        progress = session.progress
        if progress.weights is not None:
            self.landscape.set_weights(progress.weights, progress.step,
                                       landscape_state(progress.optimizer_state, session.model_config))

    def _shown(self, name, visible) -> None:
        if visible and self._stale[name]:
            # After the dock has its size (a tab raised now is laid out next).
            QTimer.singleShot(0, self, lambda: self._catch_up(name))

    def _on_screen(self, name) -> bool:
        dock = self.docks[name]
        return name in self._views and dock.isVisible() and not dock.widget().visibleRegion().isEmpty()

    def _catch_up(self, name) -> None:
        """Give a view the session's current problem."""
        if not self._stale[name]:
            return
        self._stale[name] = False
        session = self.window.session
        if name == "landscape":
            state = landscape_state(session.progress.optimizer_state, session.model_config)
            steps, rows = session.progress.weight_history
            if len(steps) > 1:  # the path so far, from the timeline (every k-th row)
                shapes = session.weights_now()  # arrays of the model's shapes
                picks = np.unique(np.linspace(0, len(steps) - 1, min(len(steps), PATH_ROWS_SHOWN)).astype(int))
                self.landscape.set_problem(session.model_config, session.dataset, unflat_weights(rows[0], shapes))
                for i in picks[1:]:
                    self.landscape.set_weights(unflat_weights(rows[i], shapes), int(steps[i]), state)
            else:
                self.landscape.set_problem(session.model_config, session.dataset, session.weights_now(), state)
            self._show_race_paths()
        else:
            self.race.set_problem(session.model_config, session.dataset, session.weights_now())

    def _element_clicked(self, name: str, index: tuple) -> None:
        """A weight clicked in the Inspector becomes one of the landscape's two parameters."""
        scalar = f"{name}[{','.join(str(i) for i in index)}]" if index else name
        if "landscape" in self._views and self.landscape._problem is not None and scalar in self.landscape._names:
            self.landscape.select_parameter(scalar)
            self.window.statusBar().showMessage(self.tr(
                "Landscape: {weight} is now its x axis (the Landscape tab beside Training)").format(weight=scalar), 5000)

    def _show_race_paths(self) -> None:
        if "landscape" not in self._views or "race" not in self._views:
            return
        if self._stale["landscape"] or self.landscape._problem is None:
            return  # drawn when the landscape catches up
        self.landscape.clear_extra_paths()
        try:
            for label, (colour, rows) in self.race.paths().items():
                if len(rows):
                    self.landscape.add_path(self.tr("race: {optimizer}").format(optimizer=label), rows, colour)
        except ValueError:
            pass  # the race is of another model than the landscape shows: nothing to overlay

    # **** for screenshots and the window ****

    def show(self, name: str) -> None:
        """Bring the dock ``name`` to the front, with the session's current problem."""
        dock = self.docks[name]
        dock.show()
        dock.raise_()
        self._catch_up(name)

    def prepare(self, name: str):
        """(widget, ready) for ``--screenshot --view name``: ready() is True once it shows
        what it should (the landscape's surface; the race run RACE_SCREENSHOT_STEPS steps)."""
        window = self.window
        if name == "neurons":
            return window.neurons.prepare()
        if name not in self.docks:
            if name == "training":
                window.docks["training"].raise_()
            return {"window": window, "graph": window.graph_panel, "training": window.training}[name], lambda: True
        self.show(name)
        if name == "landscape":
            return self.landscape, lambda: self.landscape._shown is not None
        self.race.steps_spin.setValue(RACE_SCREENSHOT_STEPS)
        self.race.start()
        def ready():
            s = self.race.snapshot()
            return s is not None and (s.rounds >= RACE_SCREENSHOT_STEPS or not s.running)
        return self.race, ready

    def shutdown(self) -> None:
        for view in self._views.values():
            view.close()
