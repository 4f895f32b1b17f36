"""The training timeline: a scrubber over every step's weights, "Backprop this step" at
any past step, and "Continue from here".

The weights come from the session model (``Progress.weight_history``: every step of the
first thousand, then thinned as the curves are), recorded by the training process.
Dragging the scrubber pauses training and shows that step: the boundary (computed in a
thread of its own), a cursor on the curves and the step's backprop in the graph (traced
off the GUI thread). "Continue from here" is an undoable edit that branches training
from that step; "Now" goes back to where training is.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from gdviz.training.boundary import boundary_segments, heatmap_rgb32
from gdviz.training.models import Model
from gdviz.ui.newest_job import NewestJobThread

PREVIEW_GRID = 120  # the boundary of a past step: a grid this many points a side
CURSOR_PEN = pg.mkPen((200, 30, 30), width=1.5, style=Qt.PenStyle.DashLine)


class Preview(NewestJobThread):
    """Class probabilities of past weights on the boundary grid, in a thread of its own
    (the newest request wins); ``ready(step, probabilities, extent, heatmap, segments)``."""

    ready = Signal(int, object, object, object, object)

    def __init__(self, parent=None):
        super().__init__("gdviz-timeline", parent)

    def request(self, config, n_classes, weights, extent, step) -> None:
        self.submit(lambda serial: (config, n_classes, weights, tuple(extent), step))

    def work(self, job) -> None:
        config, n_classes, weights, extent, step = job
        xs = np.linspace(extent[0], extent[1], PREVIEW_GRID)
        ys = np.linspace(extent[2], extent[3], PREVIEW_GRID)
        gx, gy = np.meshgrid(xs, ys)
        with np.errstate(all="ignore"):
            p = Model(config, n_classes, weights, dtype=np.float32).predict(
                np.column_stack([gx.ravel(), gy.ravel()]).astype(np.float32))
        if np.all(np.isfinite(p)):
            probabilities = p.reshape(PREVIEW_GRID, PREVIEW_GRID, n_classes)
            self.ready.emit(step, probabilities, extent, heatmap_rgb32(probabilities),
                            boundary_segments(probabilities, extent))


class Timeline(QWidget):
    """The scrubber bar of ``window`` (a MainWindow), for a dock at the bottom."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("timeline")
        self.window = window
        self.step = None  # the past step shown; None: live
        self.slider = QSlider(Qt.Horizontal, objectName="timelineSlider")
        self.slider.setToolTip(self.tr("Drag through training's history: the boundary, the curves' cursor "
                                       "and the graph show that step (training pauses)"))
        self.label = QLabel("", objectName="timelineLabel")
        self.label.setMinimumWidth(150)
        self.backprop_button = QPushButton(self.tr("Backprop this step"), objectName="timelineBackprop")
        self.backprop_button.setToolTip(self.tr("Load the step shown into the graph, to walk through its backprop"))
        self.branch_button = QPushButton(self.tr("Continue from here"), objectName="timelineBranch")
        self.branch_button.setToolTip(self.tr("Train on from the step shown: the later steps are dropped "
                                              "(undoable with Ctrl+Z)"))
        self.now_button = QPushButton(self.tr("Now"), objectName="timelineNow")
        self.now_button.setToolTip(self.tr("Back to where training is"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel(self.tr("Timeline")))
        layout.addWidget(self.slider, 1)
        for widget in (self.label, self.backprop_button, self.branch_button, self.now_button):
            layout.addWidget(widget)
        self.preview = Preview(self)
        self.preview.ready.connect(self._show_preview)
        self.cursors = [pg.InfiniteLine(angle=90, pen=CURSOR_PEN) for _ in range(2)]
        for cursor, plot in zip(self.cursors, (window.training.loss_plot, window.training.accuracy_plot)):
            cursor.hide()
            plot.addItem(cursor, ignoreBounds=True)
        self.slider.valueChanged.connect(self._on_slider)
        self.backprop_button.clicked.connect(self.backprop)
        self.branch_button.clicked.connect(self.branch)
        self.now_button.clicked.connect(self.live)
        self._steps = np.zeros(0)
        self._refresh = QTimer(self, singleShot=True, interval=200)  # the range, at most 5 a second
        self._refresh.timeout.connect(self._update_range)
        window.session.progressed.connect(self._on_progress)
        window.session.changed.connect(lambda change: self._update_range())
        self._update_range()

    # **** following training ****

    def _on_progress(self) -> None:
        playing = self.window.training.is_playing()
        if self.step is not None and playing:
            self.live()  # playing again: back to now
        if not playing:  # a step or an edit: shown at once (a picture taken now is right)
            self._refresh.stop()
            self._update_range()
        elif not self._refresh.isActive():
            self._refresh.start()  # while training plays, at most 5 a second

    def _update_range(self) -> None:
        steps = self.window.session.progress.weight_history[0]
        self._steps = steps
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(steps) - 1))
        if self.step is None:
            self.slider.setValue(max(0, len(steps) - 1))
        self.slider.blockSignals(False)
        enabled = len(steps) > 0
        for widget in (self.slider, self.backprop_button, self.branch_button):
            widget.setEnabled(enabled)
        self._update_label()

    def _update_label(self) -> None:
        session = self.window.session
        if self.step is None:
            self.label.setText(self.tr("step {step:,} (now)").format(step=session.step))
        else:
            self.label.setText(self.tr("step {step:,} of {total:,}").format(step=self.step, total=session.step))
        self.now_button.setEnabled(self.step is not None)

    # **** scrubbing ****

    def weights_at(self, step: int):
        """(recorded step, weight list) at or before ``step``."""
        return self.window.session.weights_at(step)

    def _on_slider(self, index: int) -> None:
        if not len(self._steps):
            return
        self.show_step(int(self._steps[min(index, len(self._steps) - 1)]))

    def show_step(self, step: int) -> None:
        """Show ``step`` of the history (training pauses): boundary, curves' cursor, graph."""
        window = self.window
        if window.training.is_playing():
            window.pause_training()
        step, weights = self.weights_at(step)
        self.step = step
        session = window.session
        self.preview.request(session.model_config, session.dataset.n_classes, weights,
                             window.training.boundary_view.extent, step)
        for cursor in self.cursors:
            cursor.setValue(step)
            cursor.show()
        window.graph_steps.show_step(session.model_config, session.dataset, weights, step, past=True)
        self._update_label()

    def _show_preview(self, step, probabilities, extent, heatmap, segments) -> None:
        if step == self.step:
            self.window.training.boundary_view.set_probabilities(probabilities, extent, heatmap, segments)

    def backprop(self) -> None:
        """The step shown (or the current one) in the graph, now."""
        if self.step is None:
            self.window.backprop_this_step()
            return
        step, weights = self.weights_at(self.step)
        session = self.window.session
        self.window.graph_steps.load_exact(session.model_config, session.dataset, weights, step, past=True)

    def branch(self) -> None:
        """Continue training from the step shown (undoable)."""
        if self.step is None:
            return
        edit = self.window.session.branch(self.step)
        self.live()
        self.window.training.edit(edit)

    def live(self) -> None:
        """Back to where training is."""
        self.step = None
        for cursor in self.cursors:
            cursor.hide()
        frame = self.window.training.last_frame
        if frame is not None:
            self.window.training.boundary_view.set_probabilities(frame.probabilities, frame.extent,
                                                                 frame.heatmap, frame.boundary)
        self._update_range()

    def shutdown(self) -> None:
        self.preview.stop()
