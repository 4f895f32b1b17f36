"""The loss-landscape view: the mountain that gradient descent walks down, for the real model.

Three ways to look at J (issue 10, item 3):

- **Two parameters**: J over two chosen weights, every other weight held at its current
  value; the descent path's shadow on those two axes; at the current point the step of
  gradient descent (−lr·∇J) and, with momentum or Adam, that optimizer's own step
  (item 6), all to scale.
- **All parameters (projection)**: J on the plane through the current weights spanned
  by the path's two principal directions (PCA); the path projected onto it.
- **Along the gradient (1-D)**: J(w − t·∇J), the tangent at t = 0, and where the
  learning rate's step lands.

The surfaces are computed by a SurfaceThread. ``set_weights`` is called at the display
rate while training plays: it only records the point, moves the marker and asks the
thread for the gradient there (served between chunks of any surface under way). A new
surface is asked for when the point leaves the computed range, when the parameters or
the mode change, and once the weights have settled (``SETTLE_MS`` without a change).
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gdviz.landscape.batched import flatten, scalar_names
from gdviz.landscape.path import WeightPath
from gdviz.ui.landscape.landscape_controls import make_controls
from gdviz.ui.landscape.landscape_state import (
    MODE_NOTES, MODES, arrow_steps, axis_labels, describe, left_surface, mode_text, variable_names,
)
from gdviz.ui.landscape.surface_thread import PointRequest, Problem, SurfaceRequest, SurfaceThread
from gdviz.ui.newest_job import stop_with_owner

GRID_SIZE = 64
LINE_POINTS = 200
SETTLE_MS = 400  # weights unchanged this long: the surface is redrawn where they are
# While training moves the point out of the surface, a new surface at most this often: each
# takes a core for a fraction of a second, which training needs more than the picture.
MOVING_SURFACE_INTERVAL_S = 2.0
# ...and at this resolution, a quarter of the work (the full grid follows once the weights
# settle, SETTLE_MS after training pauses).
MOVING_GRID_SIZE = 32
LINE_REFRESH_MS = 250  # the 1-D profile follows training at most this often
MIN_SPAN = 1.0


class LandscapeView(QWidget):
    """The landscape of J around the current weights, for a dock.

    Signals:
        trainOnlyChanged(object): the pair of flat indices to train alone, or None.
    """

    trainOnlyChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("landscapeView")
        self._problem = None
        self._shapes = None
        self._names = []
        self._weights = None
        self._flat = None
        self._step = 0
        self._optimizer_state = None
        self._gradient = None  # the flat gradient at the newest weights, when known
        self._point_J = None
        self._path = WeightPath()
        self._extra = {}  # name -> (rows, colour)
        self._serial = 0
        self._surface_serial = 0  # the newest surface asked for
        self._point_serial = 0
        self._shown = None  # the SurfaceResult on screen
        self._build()
        self.thread = SurfaceThread(self)
        self.thread.surfaceReady.connect(self._on_surface)
        self.thread.pointReady.connect(self._on_point)
        self.thread.progress.connect(self._on_progress)
        self.thread.failed.connect(self._on_failed)
        stop_with_owner(self, self.thread.stop, self.shutdown)

    # **** building ****

    def _build(self):
        make_controls(self)  # the widgets, with their words and tooltips
        for combo in (self.x_combo, self.y_combo):
            combo.currentIndexChanged.connect(self._on_parameters_changed)
        self.train_only.toggled.connect(self._emit_train_only)

        top = QHBoxLayout()
        top.addWidget(self.mode_combo, 1)
        top.addWidget(self.refresh_button)
        params = QHBoxLayout()
        params.addWidget(QLabel("x:", toolTip=self.x_combo.toolTip()))
        params.addWidget(self.x_combo, 1)
        params.addWidget(QLabel("y:", toolTip=self.y_combo.toolTip()))
        params.addWidget(self.y_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addLayout(params)
        layout.addWidget(self.train_only)
        layout.addWidget(self.note)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        self.mode_combo.currentIndexChanged.connect(self._on_mode_changed)
        self.refresh_button.clicked.connect(self.request_surface)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS, timeout=self._on_settled)
        self._surface_asked_at = -1e9
        self._line_timer = QTimer(self, singleShot=True, interval=LINE_REFRESH_MS,
                                  timeout=self.request_surface)
        self._update_controls()

    # **** public API ****

    @property
    def mode(self) -> str:
        return self.mode_combo.currentData()

    def set_mode(self, mode: str) -> None:
        """"two", "plane" or "line"."""
        index = self.mode_combo.findData(mode)
        if index < 0:
            raise ValueError(f"landscape mode {mode!r} is not one of {', '.join(k for k, _ in MODES)}")
        self.mode_combo.setCurrentIndex(index)

    def set_problem(self, config, dataset, weights, optimizer_state=None) -> None:
        """A new model or new points: the path starts afresh and the surface is recomputed."""
        train = dataset.train_mask
        self._problem = Problem(config, dataset.n_classes, np.array(dataset.X[train], dtype=float),
                                dataset.one_hot(train))
        shapes = [np.shape(w) for w in weights]
        if shapes != self._shapes:
            self._shapes = shapes
            self._names = scalar_names(variable_names(config, len(shapes)), shapes)
            self._fill_combos()
        self._optimizer_state = optimizer_state
        self._weights = [np.array(w, dtype=float) for w in weights]
        self._flat = flatten(self._weights)
        self._gradient = None
        self._path.clear()
        self._path.clear_plane()
        self._path.append(self._flat, 0)
        self._shown = None
        self.plot.clear_surface()
        self._show_error("")
        self.request_surface()
        self._request_point()

    def set_weights(self, weights, step, optimizer_state=None) -> None:
        """Training progressed: move the current point, extend the path, update the arrows.

        Cheap (a few hundred microseconds): the surface is recomputed only when the point
        leaves it, and the gradient at the new point arrives from the thread.
        """
        if self._problem is None:
            return
        flat = flatten(weights)
        if flat.size != len(self._names):
            self._show_error(self.tr("The landscape got {got} weights for a model of {need}: call set_problem "
                                     "with the new model first.").format(got=flat.size, need=len(self._names)))
            return
        self._weights, self._flat, self._step = list(weights), flat, int(step)
        if optimizer_state is not None:
            self._optimizer_state = optimizer_state
        self._path.append(flat, self._step)
        self._draw_point_and_path()
        self._request_point()
        if left_surface(self._shown, self._flat, self._path) and (
                time.monotonic() - self._surface_asked_at >= MOVING_SURFACE_INTERVAL_S):
            self.request_surface(moving=True)
            self._settle.start()
        elif self.mode == "line":
            if not self._line_timer.isActive():
                self._line_timer.start()
        else:
            self._settle.start()

    def clear_path(self) -> None:
        """Forget the recorded path (the current point stays)."""
        self._path.clear()
        if self._flat is not None:
            self._path.append(self._flat, self._step)
        self._draw_point_and_path()

    def add_path(self, name: str, weight_rows, color) -> None:
        """Show another run's path (rows of weight vectors, ``flatten`` order) in ``color``."""
        rows = np.array(weight_rows, dtype=float)
        if rows.ndim != 2 or rows.shape[1] != len(self._names):
            raise ValueError(f"path {name!r} has rows of shape {rows.shape[1:]} for a model of "
                             f"{len(self._names)} weights")
        self._extra[name] = (rows, color)
        self._draw_extra_paths()

    def clear_extra_paths(self) -> None:
        self._extra.clear()
        self.plot.clear_extra_paths()
        self.plot.update_legend(self.mode == "line")

    def select_parameter(self, name: str, axis: str | None = None) -> None:
        """Choose the weight called ``name`` ("W1[0,3]"; "W1" means its first entry).

        Args:
            axis: "x" or "y"; by default x, and the previous x moves to y, so that two
                clicks choose the last two weights clicked.
        """
        if name not in self._names:
            matches = [n for n in self._names if n.startswith(name + "[")]
            if not matches:
                raise ValueError(f"no weight called {name!r}; the weights are "
                                 f"{', '.join(self._names[:6])}{' ...' if len(self._names) > 6 else ''}")
            name = matches[0]
        index = self._names.index(name)
        if axis == "y":
            self.y_combo.setCurrentIndex(index)
            return
        previous = self.x_combo.currentIndex()
        self.x_combo.blockSignals(True)
        self.x_combo.setCurrentIndex(index)
        self.x_combo.blockSignals(False)
        if axis is None and previous != index:
            self.y_combo.setCurrentIndex(previous)  # recomputes
        else:
            self._on_parameters_changed()

    def selected_pair(self) -> tuple:
        """The flat indices (x, y) of the chosen weights."""
        return self.x_combo.currentIndex(), self.y_combo.currentIndex()

    def shutdown(self) -> None:
        """Stop the thread (also on close)."""
        self._settle.stop()
        self._line_timer.stop()
        self.thread.stop()

    def closeEvent(self, event):
        self.shutdown()
        super().closeEvent(event)

    # **** asking the thread ****

    def request_surface(self, moving: bool = False) -> None:
        """Compute the current mode's picture around the current weights (off the GUI
        thread); ``moving``: training is moving them, a coarser grid will do for now."""
        if self._problem is None or self._weights is None:
            return
        i, j = self.selected_pair()
        if self.mode == "two" and i == j:
            self._show_error(self.tr("Choose two different weights for the axes."))
            return
        self._serial += 1
        self._surface_serial = self._serial
        self._surface_asked_at = time.monotonic()
        path = self._path.rows().copy() if self.mode == "plane" else None
        span = max(MIN_SPAN, 1.5 * abs(self._flat[i]), 1.5 * abs(self._flat[j]))
        if self.mode == "plane":
            span = max(MIN_SPAN, 0.1 * float(np.linalg.norm(self._flat)))
        self.thread.request_surface(SurfaceRequest(
            serial=self._serial, problem=self._problem, mode=self.mode,
            weights=tuple(np.array(w) for w in self._weights), i=i, j=j, span=span,
            n=LINE_POINTS if self.mode == "line" else MOVING_GRID_SIZE if moving else GRID_SIZE, path=path,
            learning_rate=self._learning_rate()))

    def _request_point(self):
        self._serial += 1
        self._point_serial = self._serial
        self.thread.request_point(PointRequest(self._serial, self._problem,
                                               tuple(np.array(w) for w in self._weights)))

    def _learning_rate(self) -> float:
        state = self._optimizer_state or {}
        return float(state.get("learning_rate", getattr(self._problem.config, "learning_rate", 0.1)))

    # **** results ****

    def _on_surface(self, result) -> None:
        if result.serial != self._surface_serial:
            return  # overtaken by a newer request
        self.progress_bar.hide()
        self._show_error("")
        self._shown = result
        if result.mode == "line":
            self.plot.show_line(result)
        else:
            if result.mode == "plane":
                s = result.surface
                self._path.set_plane(s.origin, s.directions)
            labels = axis_labels(result, self._names)
            self.plot.show_surface(result, *labels)
        self._update_controls()
        self._draw_point_and_path()
        self._draw_extra_paths()
        self._draw_arrows()

    def _on_point(self, result) -> None:
        if result.serial != self._point_serial:
            return
        self._gradient = result.gradient
        self._point_J = result.J
        self._draw_arrows()

    def _on_progress(self, serial, fraction) -> None:
        if serial == self._surface_serial:
            self.progress_bar.show()
            self.progress_bar.setValue(int(round(100 * fraction)))

    def _on_failed(self, serial, message) -> None:
        if serial in (self._surface_serial, self._point_serial):
            self.progress_bar.hide()
            self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # **** drawing ****

    def _draw_point_and_path(self) -> None:
        shown = self._shown
        if shown is None or self._flat is None or shown.mode == "line":
            return
        if shown.mode == "two":
            i, j = shown.surface.i, shown.surface.j
            rows = self._path.rows()
            self.plot.set_path(rows[:, i], rows[:, j])
            self.plot.set_current(self._flat[i], self._flat[j])
        else:
            coords = self._path.coords()
            self.plot.set_path(coords[:, 0], coords[:, 1])
            here = self._path.project_latest()
            self.plot.set_current(*here)

    def _draw_extra_paths(self) -> None:
        shown = self._shown
        if shown is None or shown.mode == "line":
            return
        for name, (rows, color) in self._extra.items():
            if shown.mode == "two":
                x, y = rows[:, shown.surface.i], rows[:, shown.surface.j]
            else:
                s = shown.surface
                x, y = (rows @ s.directions.T - s.directions @ s.origin).T
            self.plot.set_extra_path(name, x, y, color)
        self.plot.update_legend(False)

    def _draw_arrows(self) -> None:
        shown = self._shown
        if shown is None or self._gradient is None or self._flat is None:
            self.status.setText(describe(self, None))
            return
        if shown.mode != "line":
            start, steps = arrow_steps(shown, self._gradient, self._flat, self._path, self._shapes,
                                       self._optimizer_state, self._learning_rate())
            self.plot.set_arrows(start, steps)
        self.plot.update_legend(shown.mode == "line")
        self.status.setText(describe(self, shown))

    def _update_controls(self) -> None:
        mode = self.mode
        for widget in (self.x_combo, self.y_combo, self.train_only):
            widget.setEnabled(mode == "two")
        self.note.setText(mode_text(MODE_NOTES[mode]))

    # **** controls ****

    def _fill_combos(self) -> None:
        for combo, default in ((self.x_combo, 0), (self.y_combo, 1)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(self._names)
            combo.setCurrentIndex(min(default, len(self._names) - 1))
            combo.blockSignals(False)

    def _on_parameters_changed(self, *_) -> None:
        self._emit_train_only()
        if self.mode == "two":
            self.request_surface()

    def _on_mode_changed(self, *_) -> None:
        self._update_controls()
        self._shown = None
        if self.mode != "plane":
            self._path.clear_plane()
        self.plot.update_legend(self.mode == "line")
        self.request_surface()

    def _emit_train_only(self, *_) -> None:
        pair = self.selected_pair() if self.train_only.isChecked() else None
        if pair is not None and pair[0] == pair[1]:
            pair = None
        self.trainOnlyChanged.emit(pair)

    def _on_settled(self) -> None:
        shown = self._shown
        if shown is not None and shown.mode != "line" and (
                not np.array_equal(shown.surface.point.weights, self._flat)
                or shown.surface.J.shape[0] < GRID_SIZE):  # drawn coarse while moving
            self.request_surface()
