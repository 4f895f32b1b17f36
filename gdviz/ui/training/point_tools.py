"""The points' tools in the training panel: a class picker, draw mode, pulls and the batch ring.

- *Class picker*: one coloured button per class of the dataset (keys 1–4); a click adds a
  point of the chosen class (shift-click the next one).
- *Draw mode* (a toggle, key D): a drag sprays points of the chosen class around the
  mouse; the whole stroke is ONE undoable edit, pushed when the button is released.
- *Pulls*: each point's own loss as a halo, and the clicked point's ∂J/∂x and shares of
  the gradient (``gdviz.lesson.point_pull``), computed by a ``PullThread`` off the GUI
  thread, at most PULLS_PER_SECOND times a second while the weights change, so that the
  selection follows training.
- *The batch ring*: with mini-batches at a pace of NUMBERED_TRAIL_MAX_PACE steps a second
  or slower (or a single step), the current step's batch is ringed.

The panel owns this object and tells it about frames (``on_frame``) and shutting down.
"""

from __future__ import annotations

import sys
import time

import numpy as np
from PySide6.QtCore import QObject, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.session.model import Change
from gdviz.ui.training.boundary_view import class_colour
from gdviz.ui.training.pull_overlay import halo_legend
from gdviz.ui.training.pull_thread import PullJob, PullThread

MAX_CLASS_KEYS = 4  # keys 1..4 pick a class
PULLS_PER_SECOND = 4  # halos and the selected pull, recomputed at most this often
MAX_HALO_POINTS = 20_000  # above this many points halos are off (a blob of halos says nothing)
BATCH_RING_MAX_PACE = 10  # steps a second: at this pace or slower the batch is ringed
DRAW_TOOLTIP = QT_TRANSLATE_NOOP("PointTools", "Draw mode: drag to spray points of the chosen class; "
                                 "the whole stroke is one undo (D)")


class PointTools(QObject):
    """The tools of ``panel`` (a TrainingPanel): ``bar`` is their row of widgets."""

    def __init__(self, panel):
        super().__init__(panel)
        self.panel, self.view, self.session = panel, panel.boundary_view, panel.session
        self._stroke = []  # (k, 2) arrays sprayed in the current stroke
        self._stroke_before = None  # the dataset when the stroke began
        self._pulled_at = -1.0
        self._known_points = len(self.session.dataset)
        self.pull_thread = PullThread(self)
        self.pull_thread.computed.connect(self._on_computed)
        self.pull_thread.failed.connect(self._on_failed)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.request_pull)
        self._build_bar()
        self._build_actions()
        self.view.pointSelected.connect(lambda _index: self.request_pull())
        self.view.sprayed.connect(self._on_sprayed)
        self.view.stroke_finished.connect(self._on_stroke_finished)
        self.session.changed.connect(self._on_session_changed)
        self.show_classes()
        thread = self.pull_thread
        panel.destroyed.connect(lambda *_: thread.stop())
        self.schedule_pull()

    # **** widgets ****

    def _build_bar(self):
        self.bar = QWidget(objectName="pointToolsBar")
        layout = QHBoxLayout(self.bar)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Class:")))
        self.class_group = QButtonGroup(self.bar, exclusive=True)
        self.class_buttons = []
        for k in range(MAX_CLASS_KEYS):
            button = QToolButton(self.bar, objectName=f"classButton{k}", checkable=True)
            # The class's colour as text, not an icon: an exported SVG keeps points vector-only.
            button.setText(f"● {k}")
            button.setStyleSheet("QToolButton { color: rgb(%d, %d, %d); font-weight: bold; }" % class_colour(k))
            button.setToolTip(self.tr("A click adds a class {k} point ({key})").format(k=k, key=k + 1))
            self.class_group.addButton(button, k)
            self.class_buttons.append(button)
            layout.addWidget(button)
        self.class_group.idClicked.connect(self.panel.set_point_class)
        self.draw_button = QToolButton(self.bar, objectName="drawModeButton", checkable=True)
        self.draw_button.setText(self.tr("Draw"))
        self.draw_button.setToolTip(translate("PointTools", DRAW_TOOLTIP))
        self.draw_button.toggled.connect(self.view.set_draw_mode)
        layout.addWidget(self.draw_button)
        self.legend = QLabel(self.tr("◯ = loss"), objectName="haloLegend")
        self.legend.setToolTip(halo_legend())
        # Cut short in a narrow dock (its tooltip says it all): it never holds the dock wide.
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend.setMinimumWidth(0)
        layout.addWidget(self.legend, 1)
        layout.addStretch(1)

    def _build_actions(self):
        self.class_actions = []
        for k in range(MAX_CLASS_KEYS):
            action = QAction(self.tr("Add points of class {k}").format(k=k), self.panel)
            action.setShortcut(QKeySequence(str(k + 1)))
            action.triggered.connect(lambda _=False, k=k: self._pick_class(k))
            self.class_actions.append(action)
        self.draw_action = QAction(self.tr("Draw mode"), self.panel, checkable=True)
        self.draw_action.setShortcut(QKeySequence("D"))
        self.draw_action.toggled.connect(self.draw_button.setChecked)
        self.draw_button.toggled.connect(self.draw_action.setChecked)
        self.clear_selection_action = QAction(self.tr("Clear the selected point"), self.panel)
        self.clear_selection_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_selection_action.triggered.connect(lambda: self.view.select_point(None))
        for action in (*self.class_actions, self.draw_action, self.clear_selection_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.panel.addAction(action)

    def _pick_class(self, k: int) -> None:
        if k < self.session.dataset.n_classes:
            self.panel.set_point_class(k)

    def show_classes(self) -> None:
        """One button per class of the dataset; the panel's chosen class checked."""
        n = self.session.dataset.n_classes
        for k, button in enumerate(self.class_buttons):
            button.setVisible(k < n)
        self.show_class(min(self.panel._point_class, n - 1))

    def show_class(self, k: int) -> None:
        """Check class ``k``'s button (the panel calls this from ``set_point_class``)."""
        with QSignalBlocker(self.class_group):
            self.class_buttons[k].setChecked(True)

    # **** draw mode: one stroke, one edit ****

    def _on_sprayed(self, points):
        if self._stroke_before is None:
            self._stroke_before = self.session.dataset
        self._stroke.append(np.asarray(points, dtype=float))
        self.view.set_dataset(self._stroked(self._stroke_before))  # seen at once, applied at the end

    def _stroked(self, dataset):
        added = np.vstack(self._stroke)
        label = self.panel._point_class
        return dataset.with_points(np.vstack([dataset.X, added]),
                                   np.append(dataset.labels, np.full(len(added), label)),
                                   np.append(dataset.is_test, np.zeros(len(added), dtype=bool)))

    def _on_stroke_finished(self):
        if self._stroke_before is None:
            return
        after = self._stroked(self.session.dataset)
        count = len(after) - len(self.session.dataset)
        self._stroke, self._stroke_before = [], None
        label = self.panel._point_class
        text = self.tr("Draw {count} class {label} points").format(count=count, label=label)
        self.panel.edit(self.session.edit_points(after, text))

    # **** pulls: halos and the selected point ****

    def on_frame(self, frame) -> None:
        """A frame from training: new weights (pulls follow), and the batch's ring."""
        self.schedule_pull()
        pace = self.panel.pace
        slow = not frame.playing or (pace is not None and pace <= BATCH_RING_MAX_PACE)
        batch = frame.snapshot.batch
        ring = frame.config.batch_size > 0 and slow and batch is not None
        self.view.set_batch(batch if ring else None)

    def schedule_pull(self) -> None:
        """Recompute the halos and the selected pull soon: at once, or when
        1/PULLS_PER_SECOND has passed since the last time."""
        if self._timer.isActive():
            return
        wait = self._pulled_at + 1.0 / PULLS_PER_SECOND - time.perf_counter()
        if wait <= 0:
            self.request_pull()
        else:
            self._timer.start(int(wait * 1000) + 1)

    def request_pull(self) -> None:
        """Hand the current weights, points and selection to the pull thread."""
        session = self.session
        dataset = session.dataset
        if self._stroke_before is not None or len(dataset) == 0:
            return  # mid-stroke: the points are not the session's yet
        self._pulled_at = time.perf_counter()
        weights = session.weights_now()
        self.pull_thread.request(PullJob(session.model_config, dataset.n_classes, tuple(weights), dataset,
                                         self.view.selected_point, len(dataset) <= MAX_HALO_POINTS))

    def _on_computed(self, result):
        if result.dataset is not self.view.dataset:
            return  # the points changed since: the next result is theirs
        self.view.set_point_losses(result.own_losses)
        if result.pull is not None:
            self.view.set_pull(result.pull)

    def _on_failed(self, details):
        # A model and weights that do not fit (a restart on its way): the next request fits.
        print(f"gdviz: could not compute the points' pull:\n{details}", file=sys.stderr)

    def _on_session_changed(self, change: Change) -> None:
        if "dataset" in change.fields:
            self.show_classes()
            if change.restarts or len(self.session.dataset) < self._known_points:
                self.view.select_point(None)  # indices moved: the selection is not that point now
            self._known_points = len(self.session.dataset)
        self.schedule_pull()

    def shutdown(self) -> None:
        self._timer.stop()
        if not self.pull_thread.stop():
            print("gdviz: the point-pull thread did not stop within 2 s", file=sys.stderr)
