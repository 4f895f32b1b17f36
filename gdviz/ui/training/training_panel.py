"""The training panel: the boundary view, loss and accuracy curves, and the training controls' API.

The panel observes a ``SessionModel`` (gdviz.session.model), the one owner of the
session, and keeps no copy of its own: the points it draws, the model it trains and
the warning it shows are the model's. Every edit (points, dataset, model, learning
rate, reset, new weights) is an ``Edit`` pushed onto the one ``undo_stack``, which
applies it to the model; the panel hears the change and tells the training worker:
a fresh start restarts the worker (and frames of the run before are dropped), any
other change is forwarded as it is. Frames from the worker report the weights, step
and curves back to the model.

Frames arrive through a queued signal; the slot runs in the GUI thread (it checks),
acknowledges the frame so that the worker may send the next, and updates items
created once.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QThread, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from gdviz.session.files import Session
from gdviz.session.model import Change, Edit, Progress, SessionModel
from gdviz.training.datasets import Dataset, DatasetConfig, data_extent, make_dataset
from gdviz.training.models import ModelConfig, initial_weights
from gdviz.ui.training.boundary_view import BoundaryView
from gdviz.ui.training.curves import TrainingStatus, status_text
from gdviz.ui.training.curves_view import CurvesView
from gdviz.ui.training.point_tools import PointTools
from gdviz.ui.training.worker import DEFAULT_GRID_SIZE, Frame, TrainingState, TrainingWorker

TRAIL_EVERY_STEPS = 10
# However fast training goes, the trail takes at most a few lines a second: each push
# redraws the trail, and a trail is for seeing the boundary move, not for every step.
TRAIL_INTERVAL_SECONDS = 0.25
NUMBERED_TRAIL_MAX_PACE = 10  # steps a second: at this pace or slower each step's line is numbered
# The boundary redraws with every frame (up to 60 a second); curves and the status
# line change little between frames and repaint their axes: 5 a second is enough.
CURVES_INTERVAL_SECONDS = 0.2
WARNING_STYLE = "background: #fff3cd; color: #664d03; border: 1px solid #ffecb5; padding: 4px;"


class EditCommand(QUndoCommand):
    """An ``Edit`` of the session model on the undo stack: redo applies it, undo reverts it."""

    def __init__(self, model: SessionModel, edit: Edit):
        super().__init__(edit.text)
        self.model, self.edit = model, edit

    def redo(self):
        self.model.apply(self.edit)

    def undo(self):
        self.model.apply(self.edit, undo=True)


class TrainingPanel(QWidget):
    """Live training: boundary view, curves, status line, undoable edits.

    Args:
        dataset, config: what to start with when no ``session`` is given (default: the
            tutorial's points and perceptron).
        grid_size: resolution of the boundary grid (grid_size × grid_size).
        session: the session model to observe (default: a new one of dataset and config).
    """

    status_changed = Signal(object)  # TrainingStatus
    warning_raised = Signal(str)  # divergence or a failure of the worker, as a sentence

    def __init__(self, dataset: Dataset | None = None, config: ModelConfig | None = None,
                 grid_size: int = DEFAULT_GRID_SIZE, parent=None, session: SessionModel | None = None):
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        if session is None:
            dataset = dataset if dataset is not None else make_dataset(DatasetConfig())
            session = SessionModel(Session(dataset=dataset, model_config=config or ModelConfig()))
        self.session = session
        self._grid_size = grid_size
        self._extent = data_extent(session.dataset)
        self._point_class = 0
        self._playing = False
        self._drag_start = None
        self._last_trail_step = None
        self._trail_pushed_at = 0.0
        self._shown_step = None  # the step of the boundary on screen
        self.pace = None  # steps a second while playing (None: as fast as it goes)
        self._curves_drawn_at = 0.0
        self._shut_down = False
        self._run_serial = 0  # frames from before the latest restart are not drawn
        self._diverged_at = self._divergence_warning = None
        self.last_frame: Frame | None = None

        self.undo_stack = QUndoStack(self)
        self._build_widgets()
        self._build_actions()

        self.boundary_view.set_extent(self._extent)
        self.boundary_view.set_dataset(session.dataset)
        self.worker = TrainingWorker(session.model_config, session.dataset, self._extent, grid_size, parent=self)
        self.worker.frame_ready.connect(self._on_frame)
        self.worker.diverged.connect(self._on_diverged)
        self.worker.failed.connect(self._on_failed)
        self.worker.start()
        if session.weight_list() is not None or session.step:
            self._run_serial = self.worker.restart(session.model_config, session.dataset,
                                                   session.weight_list(), session.step,
                                                   session.progress.resume_curves())
        self._show_curves(session.progress)
        session.changed.connect(self._on_session_changed)
        session.warning_changed.connect(self._on_warning_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        # The worker is our child: stop it before Qt deletes it, whoever deletes us.
        worker = self.worker
        self.destroyed.connect(lambda *_: worker.stop())

    # **** building ****

    def _build_widgets(self):
        self.status_label = QLabel(self.tr("step 0"), objectName="trainingStatus", wordWrap=True)
        # Its width follows the panel, never the text; the text wraps between items when
        # the dock is narrow (the panel re-lays out only when the number of lines changes).
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.status_label.setSizePolicy(policy)
        self.warning_label = QLabel(objectName="trainingWarning", wordWrap=True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.hide()
        self.boundary_view = BoundaryView(self)
        self.boundary_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.curves_view = CurvesView(self)
        view = self.curves_view  # its pieces, by the names the window and the tests use
        self.loss_plot, self.accuracy_plot = view.loss_plot, view.accuracy_plot
        self.train_loss_curve, self.test_loss_curve = view.train_loss_curve, view.test_loss_curve
        self.accuracy_curve = view.accuracy_curve
        self.loss_readout, self.accuracy_readout = view.loss_readout, view.accuracy_readout

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status_label)
        layout.addWidget(self.warning_label)
        self.point_tools = PointTools(self)  # class picker, draw mode, pulls, the batch ring
        layout.addWidget(self.point_tools.bar)
        layout.addWidget(self.boundary_view, 3)
        layout.addWidget(self.curves_view, 1)

        view = self.boundary_view
        view.point_dragged.connect(self._on_point_dragged)
        view.drag_finished.connect(self._on_drag_finished)
        view.add_requested.connect(self._on_add_requested)
        view.remove_requested.connect(self._remove_point)

    def _build_actions(self):
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.delete_action = QAction(self.tr("Delete point under the mouse"), self)
        self.delete_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete)])
        self.delete_action.triggered.connect(self._delete_under_cursor)
        for action in (self.undo_action, self.redo_action, self.delete_action):
            action.setShortcutContext(pg.QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    # **** controller API (the main window calls these) ****

    def edit(self, edit: Edit) -> None:
        """Apply an edit of the session, undoably (the one undo stack)."""
        self.undo_stack.push(EditCommand(self.session, edit))

    def play(self) -> None:
        """Train continuously."""
        self._playing = True
        self.worker.play()

    def pause(self) -> bool:
        """Stop training; returns once the worker has stopped (True) or after 1 s (False)."""
        self._playing = False
        return self.worker.pause(wait=True)

    def is_playing(self) -> bool:
        return self._playing

    def set_pace(self, steps_per_second: float | None) -> None:
        """Play at most this many steps a second (None: as fast as it goes). At a slow
        pace every step's boundary joins a numbered trail."""
        if (self.pace is None) != (steps_per_second is None) or (
                steps_per_second is not None and (self.pace > NUMBERED_TRAIL_MAX_PACE)
                != (steps_per_second > NUMBERED_TRAIL_MAX_PACE)):
            self._clear_run()  # numbered lines and sampled ones do not mix
        self.pace = steps_per_second
        self.worker.set_pace(steps_per_second)

    def step_once(self) -> None:
        """Take one training step and stay paused."""
        self._playing = False
        self.worker.step_once()

    def reset(self) -> None:
        """Retrain from scratch: the model's starting weights, step 0, empty curves (undoable)."""
        self.edit(self.session.restart(text=self.tr("Reset training")))

    def randomise_weights(self, seed: int | None = None) -> None:
        """Start again from fresh random weights (undoable)."""
        if seed is None:
            seed = int(np.random.default_rng().integers(2**31))
        weights = initial_weights(self.session.model_config, self.session.dataset.n_classes, seed=seed)
        self.edit(self.session.restart(weights, text=self.tr("New random weights")))

    def set_learning_rate(self, learning_rate: float) -> None:
        """A new learning rate from the next step; training is not reset (undoable)."""
        self.set_model_config(replace(self.session.model_config, learning_rate=float(learning_rate)))

    def set_model_config(self, config: ModelConfig) -> None:
        """Train another model (restarts) or the same one another way (keeps the weights)."""
        if config != self.session.model_config:
            self.edit(self.session.choose_model(config))

    def set_dataset(self, dataset: Dataset, config: DatasetConfig | None = None,
                    origin: str | None = None) -> None:
        """Train on new points afresh (undoable): from a generator's ``config`` or a file."""
        self.edit(self.session.choose_dataset(dataset, config, origin))

    def set_point_class(self, label: int) -> None:
        """The class a click adds (shift-click adds the next one)."""
        if not 0 <= label < self.session.dataset.n_classes:
            raise ValueError(f"class {label} is not one of 0..{self.session.dataset.n_classes - 1}")
        self._point_class = label
        self.point_tools.show_class(label)

    def set_trail_visible(self, visible: bool) -> None:
        """Show the last few boundaries as fading dashed lines."""
        self.boundary_view.set_trail_visible(visible)

    def dataset(self) -> Dataset:
        return self.session.dataset

    def model_config(self) -> ModelConfig:
        return self.session.model_config

    def current_state(self):
        """(ModelConfig, Dataset, weights copies, step) where training stands.

        Call ``pause()`` first to hold it there (what "backprop this step" needs).
        """
        state = self.training_state()
        return state.config, state.dataset, [w.copy() for w in state.weights], state.step

    def training_state(self) -> TrainingState:
        """Where training stands, with the optimizer's state (see ``current_state``)."""
        self.worker.sync()
        state: TrainingState | None = self.worker.state()
        if state is None:
            raise RuntimeError("the training worker has not started yet; try again in a moment")
        return state

    def shutdown(self) -> None:
        """Stop the worker (within about a second). Call it before the window closes."""
        if self._shut_down:
            return
        self._shut_down = True
        self.point_tools.shutdown()
        if not self.worker.stop():
            print("gdviz: the training thread did not stop within 1 s", file=sys.stderr)

    def closeEvent(self, event):
        self.shutdown()
        super().closeEvent(event)

    # **** the session changed: tell the worker, redraw ****

    def _on_session_changed(self, change: Change) -> None:
        session = self.session
        self._point_class = min(self._point_class, session.dataset.n_classes - 1)
        if change.restarts:
            if "dataset" in change.fields:  # new points: the view fits them
                self._extent = data_extent(session.dataset)
                self.boundary_view.set_extent(self._extent)
                self.worker.set_grid(self._extent, self._grid_size)
            self._clear_run()
            self.last_frame = None  # the run before is not this one
            self._run_serial = self.worker.restart(
                session.model_config, session.dataset, session.weight_list(), session.step,
                session.progress.resume_curves() if session.step else None)
            self._show_curves(session.progress)
        else:
            if "dataset" in change.fields:
                self.worker.set_dataset(session.dataset)
            if "model_config" in change.fields:
                self.worker.set_model_config(session.model_config)
        if "dataset" in change.fields:
            self.boundary_view.set_dataset(session.dataset)

    def _on_warning_changed(self, message: str | None) -> None:
        if message is None:
            self.warning_label.hide()
            return
        self.warning_label.setText(message)
        self.warning_label.show()
        self.warning_raised.emit(message)

    def _show_curves(self, progress: Progress) -> None:
        self.curves_view.show_progress(progress)

    # **** point edits (undoable) ****

    def _on_point_dragged(self, index, x, y):
        # While the mouse moves, the points follow it (drawn and trained on); the
        # drag becomes one undoable edit when the button is released.
        if self._drag_start is None:
            self._drag_start = self.session.dataset
            self._dragged = self.session.dataset
        self._dragged = self._dragged.with_point_moved(index, x, y)
        self.boundary_view.move_point(index, x, y)
        self.worker.set_dataset(self._dragged)

    def _on_drag_finished(self, index, x0, y0, x1, y1):
        if self._drag_start is None:
            return
        before, after = self._drag_start, self._dragged
        self._drag_start = self._dragged = None
        edit = self.session.edit_points(after, self.tr("Move point {index}").format(index=index))
        self.edit(Edit(edit.text, {"dataset": before}, {"dataset": after}))

    def _on_add_requested(self, x, y, shift):
        dataset = self.session.dataset
        label = (self._point_class + 1) % dataset.n_classes if shift else self._point_class
        text = self.tr("Add a class {label} point").format(label=label)
        self.edit(self.session.edit_points(dataset.with_point_added(x, y, label), text))

    def _remove_point(self, index):
        dataset = self.session.dataset
        text = self.tr("Remove point {index}").format(index=index)
        self.edit(self.session.edit_points(dataset.with_point_removed(index), text))

    def _delete_under_cursor(self):
        index = self.boundary_view.point_under_cursor()
        if index is not None:
            self._remove_point(index)

    # **** from the worker ****

    def _on_frame(self, frame: Frame):
        if QThread.currentThread() != self.thread():
            raise RuntimeError("a worker frame reached the panel outside the GUI thread")
        self.worker.frame_consumed()
        if self._shut_down or frame.applied < self._run_serial:
            return  # the run before a restart: not this session's any more
        self.last_frame = frame
        snapshot = frame.snapshot
        self.session.report_progress(Progress(snapshot.weights, snapshot.step, frame.loss_curve,
                                              frame.accuracy_curve, frame.test_loss_curve,
                                              frame.optimizer_state, frame.weight_history
                                              if frame.weight_history is not None else Progress.weight_history))
        view = self.boundary_view
        numbered = self.pace is not None and self.pace <= NUMBERED_TRAIL_MAX_PACE
        shown = self._shown_step
        if numbered and shown is not None and snapshot.step != shown:
            view.push_trail(label=str(shown))  # the boundary of the step before joins the trail
        view.set_probabilities(frame.probabilities, frame.extent, frame.heatmap, frame.boundary)
        view.set_boundary_label(str(snapshot.step) if numbered else None)
        self.point_tools.on_frame(frame)
        self._shown_step = snapshot.step
        now = time.perf_counter()
        if not numbered and (self._last_trail_step is None or (
                snapshot.step >= self._last_trail_step + TRAIL_EVERY_STEPS
                and now - self._trail_pushed_at >= TRAIL_INTERVAL_SECONDS)):
            view.push_trail()
            self._last_trail_step, self._trail_pushed_at = snapshot.step, now
        if frame.applied >= self.worker.posted:  # a frame from before a Play or Pause says nothing of it
            self._playing = frame.playing  # e.g. training stopped itself: no points left
        if (self._diverged_at is not None and frame.playing and snapshot.step >= self._diverged_at
                and self.session.warning == self._divergence_warning):
            self.session.set_warning(None)  # training went past where it failed: all is well again
            self._diverged_at = None
        now = time.perf_counter()
        if frame.playing and now - self._curves_drawn_at < CURVES_INTERVAL_SECONDS:
            return
        self._curves_drawn_at = now
        self._show_curves(self.session.progress)
        status = TrainingStatus(snapshot.step, snapshot.loss, snapshot.accuracy, snapshot.test_loss,
                                snapshot.test_accuracy, frame.steps_per_second, frame.playing)
        self.status_label.setText(status_text(status))
        self.status_changed.emit(status)

    def _on_diverged(self, step, message):
        self._playing = False
        self._diverged_at, self._divergence_warning = step, message
        self.session.set_warning(message)

    def _on_failed(self, details):
        last_line = details.strip().splitlines()[-1] if details.strip() else self.tr("unknown error")
        print(details, file=sys.stderr)  # the whole traceback, for whoever reports the bug
        self._playing = False
        self.session.set_warning(self.tr("Training stopped: {reason}. Change the settings or reset to go "
                                         "on.").format(reason=last_line))

    def _clear_run(self):
        self._last_trail_step = self._shown_step = None
        self.boundary_view.clear_trail()


