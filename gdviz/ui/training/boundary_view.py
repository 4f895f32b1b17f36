"""The boundary view: points by class over the model's class probabilities (pyqtgraph).

Every item is created once and updated in place: an ImageItem for the probability
heatmap (class colours blended by probability, fixed levels), a PlotCurveItem of
segments for the decision boundary (the 0.5 isocurve for two classes, the argmax
borders for more), a few fading curves for the trail of earlier boundaries, and one
PointsItem for the points (hollow symbols for held-out test points), drawn from arrays
so that a drag or an edit costs what changed, not a Python record per point.

The mouse edits the data but the view never changes a Dataset itself: it emits
``point_dragged``/``drag_finished``, ``add_requested`` and ``remove_requested``, and
the owner (the training panel) applies the edit, undoably, and calls ``set_dataset``.
Pan and zoom are off: the view shows the grid's extent, and dragged points stay in it.

Points show their pull (``gdviz.lesson.point_pull``, computed by the owner off the GUI
thread): a halo whose size is each point's own loss (``set_point_losses``), and for a
clicked point (``pointSelected``) an arrow along its ∂J/∂x and its share of each
gradient (``set_pull``). In draw mode (``set_draw_mode``) a drag sprays points around the
mouse (``sprayed``) until ``stroke_finished``: the owner makes the stroke one edit.
"""

from __future__ import annotations

from collections import deque

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

from gdviz.training.boundary import CLASS_COLOURS, boundary_segments, contour_segments, heatmap_rgb, heatmap_rgb32  # noqa: F401
from gdviz.training.datasets import Dataset
from gdviz.ui.training.heatmap_item import HeatmapItem
from gdviz.ui.training.points_item import PointsItem
from gdviz.ui.training.pull_overlay import (ARROW_PEN, arrow_segments, arrow_tooltip, halo_fractions,
                                            halo_legend, make_pull_label, pull_text)
from gdviz.ui.training.segments_item import SegmentsItem

PICK_RADIUS_PX = 9
POINT_SIZE = 9
TRAIL_LENGTH = 5
SPRAY_PER_MOVE = 3  # points sprayed per mouse move in draw mode
SPRAY_RADIUS_PX = 14  # within this many pixels of the mouse
# Wide and dashed pens go through Qt's path stroker, several times slower than a
# 2-pixel solid line: the boundary repaints 60 times a second.
BOUNDARY_PEN = pg.mkPen((20, 20, 20), width=2)


def class_colour(k: int) -> tuple:
    """The RGB colour of class ``k``."""
    return tuple(int(c) for c in CLASS_COLOURS[k % len(CLASS_COLOURS)])


def cache_axes(plot: pg.PlotItem) -> None:
    """Paint the plot's axes from a pixmap cache.

    An axis replays its tick labels (text: slow to render) whenever a repaint touches
    it, which a 60 Hz heatmap next to it does every frame; cached, it is a blit and is
    drawn again only when its range changes.
    """
    for name in ("left", "bottom", "right", "top"):
        plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


class _EditingViewBox(pg.ViewBox):
    """A ViewBox whose mouse edits points instead of panning."""

    def __init__(self):
        super().__init__(enableMenu=False)
        self._owner = None  # the BoundaryView, set once it exists
        self._dragging = None  # (index, start position)
        self.setMouseEnabled(False, False)

    def mouseDragEvent(self, ev, axis=None):
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if self._owner.draw_mode:  # a stroke: sprayed points, one edit when it ends
            ev.accept()
            self._owner.spray_at(ev.scenePos())
            if ev.isFinish():
                self._owner.stroke_finished.emit()
            return
        if ev.isStart():
            index = self._owner.point_at_scene(ev.buttonDownScenePos())
            if index is None:
                ev.ignore()
                return
            self._dragging = (index, tuple(self._owner.dataset.X[index]))
        if self._dragging is None:
            ev.ignore()
            return
        ev.accept()
        index, start = self._dragging
        x, y = self._owner.clamp(self.mapSceneToView(ev.scenePos()))
        self._owner.point_dragged.emit(index, x, y)
        if ev.isFinish():
            self._dragging = None
            self._owner.drag_finished.emit(index, start[0], start[1], x, y)

    def mouseClickEvent(self, ev):
        index = self._owner.point_at_scene(ev.scenePos())
        if ev.button() == Qt.MouseButton.RightButton and index is not None:
            ev.accept()
            self._owner.remove_requested.emit(index)
        elif ev.button() == Qt.MouseButton.LeftButton and index is not None:
            ev.accept()
            self._owner.select_point(index)
        elif ev.button() == Qt.MouseButton.LeftButton and self._owner.selected_point is not None:
            ev.accept()  # a click away from the selected point clears it (and adds nothing)
            self._owner.select_point(None)
        elif ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            x, y = self._owner.clamp(self.mapSceneToView(ev.scenePos()))
            shift = bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._owner.add_requested.emit(x, y, shift)
        else:
            ev.ignore()


def _label_item(colour) -> pg.TextItem:
    """A step number on a boundary line (hidden until used)."""
    item = pg.TextItem(color=colour, anchor=(0.5, 1.0), fill=pg.mkBrush(255, 255, 255, 190))
    font = item.textItem.font()
    font.setBold(True)
    item.setFont(font)
    item.setZValue(5)
    item.hide()
    return item


class BoundaryView(pg.PlotWidget):
    """Points, the probability heatmap, the decision boundary and its trail."""

    point_dragged = Signal(int, float, float)  # index, x, y: while the mouse moves
    drag_finished = Signal(int, float, float, float, float)  # index, from x, y, to x, y
    add_requested = Signal(float, float, bool)  # x, y, shift held
    remove_requested = Signal(int)  # index
    pointSelected = Signal(int)  # index of the clicked point; -1 when the selection is cleared
    sprayed = Signal(object)  # (k, 2) points sprayed by one mouse move in draw mode
    stroke_finished = Signal()  # the draw-mode drag ended

    def __init__(self, parent=None):
        viewbox = _EditingViewBox()
        super().__init__(parent, viewBox=viewbox, background="w")
        self._viewbox = viewbox
        viewbox._owner = self
        self.setObjectName("boundaryView")
        self.dataset = Dataset(np.zeros((0, 2)), [])
        self.extent = (-1.0, 1.0, -1.0, 1.0)
        self._hover_scene_pos = None
        self._trail_visible = True
        self._trail = deque(maxlen=TRAIL_LENGTH)
        self.redraw_count = 0  # boundary redraws, for the benchmark
        self._image_geometry = None  # (extent, nx, ny) the image's rect was set for
        self.boundary_point_count = 0
        self.draw_mode = False
        self.selected_point = None
        self.pull = None  # the selected point's PointPull, once computed
        self._rng = np.random.default_rng()
        # Repainted 60 times a second while training: the plain background is filled where
        # it shows instead of copied whole from a cached pixmap, and the viewport is not
        # cleared first (the scene paints all of it). 3 % of a core less, measured.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

        plot = self.getPlotItem()
        cache_axes(plot)
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.showGrid(x=False, y=False)
        self.image = HeatmapItem()
        self.image.setZValue(-10)
        # Pens from the oldest line (faintest) to the newest.
        # Opaque greys, lighter with age: translucent lines take Qt's slow path, and the
        # trail is painted at every frame.
        self._trail_pens = [pg.mkPen((int(215 - 120 * (age + 1) / TRAIL_LENGTH),) * 3, width=1)
                            for age in range(TRAIL_LENGTH)]
        self.trail_curves = []
        for pen in self._trail_pens:
            curve = SegmentsItem(pen)
            curve.setZValue(-5)
            self.trail_curves.append(curve)
        # The curves in age order, oldest first: a new line goes to the oldest curve and
        # only the pens move along, so one path is rebuilt per push, not all of them.
        self._trail_order = list(self.trail_curves)
        # At a slow pace each line is numbered by its step, like the tutorial's figure.
        self._trail_labels = deque(maxlen=TRAIL_LENGTH)
        self.trail_label_items = {curve: _label_item(pen.color()) for curve, pen in
                                  zip(self.trail_curves, self._trail_pens)}
        self.boundary_label = _label_item(BOUNDARY_PEN.color())
        self.boundary = SegmentsItem(BOUNDARY_PEN)
        self.points = PointsItem(CLASS_COLOURS)
        for item in (self.image, *self.trail_curves, self.boundary, self.points,
                     *self.trail_label_items.values(), self.boundary_label):
            plot.addItem(item)
        self.pull_arrow = pg.PlotCurveItem(pen=ARROW_PEN, connect="pairs")
        self.pull_arrow.setZValue(8)
        plot.addItem(self.pull_arrow)
        self.pull_label = make_pull_label(self)
        self.setToolTip(halo_legend())
        viewbox.sigTransformChanged.connect(self._draw_arrow)  # its length is in pixels
        self.scene().sigMouseMoved.connect(self._remember_hover)
        self.set_extent(self.extent)

    # **** data in ****

    def set_extent(self, extent) -> None:
        """Show exactly this box (xmin, xmax, ymin, ymax): the grid's extent."""
        self.extent = tuple(float(v) for v in extent)
        xmin, xmax, ymin, ymax = self.extent
        for curve in (self.boundary, *self.trail_curves):
            curve.set_extent(self.extent)
        self._viewbox.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0)

    def set_dataset(self, dataset: Dataset) -> None:
        """Draw these points (colour by class, hollow for test points)."""
        self.dataset = dataset
        self.points.set_points(dataset.X, dataset.labels, dataset.is_test)
        if self.selected_point is not None and self.selected_point >= len(dataset):
            self.select_point(None)
        self._draw_arrow()

    def set_point_losses(self, own_losses) -> None:
        """Halos from each point's own loss (None: none); ignored if the points changed since."""
        if own_losses is not None and len(own_losses) != len(self.dataset):
            return
        self.points.set_halos(None if own_losses is None else halo_fractions(own_losses))

    def set_batch(self, indices) -> None:
        """Ring the points of the current step's mini-batch (None: no ring)."""
        self.points.set_marked(indices)

    # **** a point's pull ****

    def select_point(self, index: int | None) -> None:
        """Select point ``index`` (None clears): ``pointSelected`` tells the owner, which
        computes the pull and hands it to ``set_pull``."""
        if index is not None and not 0 <= index < len(self.dataset):
            index = None
        if index == self.selected_point:
            return
        self.selected_point = index
        self.set_pull(None)
        self.pointSelected.emit(-1 if index is None else int(index))

    def set_pull(self, pull) -> None:
        """Show ``pull`` (a PointPull of the selected point): the arrow and the numbers."""
        if pull is not None and pull.index != self.selected_point:
            return  # computed for a point no longer selected
        self.pull = pull
        self._draw_arrow()
        if pull is None:
            self.pull_label.hide()
            return
        self.pull_label.setText(pull_text(pull))
        self.pull_label.adjustSize()
        self.pull_label.show()
        self.pull_label.raise_()

    def _draw_arrow(self, *_):
        pull, index = self.pull, self.selected_point
        segments = None
        if pull is not None and index is not None and index < len(self.points.pos):
            segments = arrow_segments(self.points.pos[index], pull.dx, self._viewbox.viewPixelSize())
        if segments is None:
            self.pull_arrow.setData([], [])
            self.pull_arrow.setToolTip("")
            self.pull_arrow.hide()
            return
        self.pull_arrow.setData(segments[:, 0], segments[:, 1])
        self.pull_arrow.setToolTip(arrow_tooltip(pull))
        self.pull_arrow.show()

    def keyPressEvent(self, ev):
        if ev.key() == Qt.Key.Key_Escape and self.selected_point is not None:
            self.select_point(None)
            ev.accept()
            return
        super().keyPressEvent(ev)

    # **** draw mode ****

    def set_draw_mode(self, on: bool) -> None:
        """Dragging sprays points (on) or moves the point under the mouse (off)."""
        self.draw_mode = bool(on)
        self.setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)

    def spray_at(self, scene_pos) -> None:
        """A few points at random within SPRAY_RADIUS_PX of ``scene_pos``, kept in the extent."""
        x, y = self.clamp(self._viewbox.mapSceneToView(QPointF(scene_pos)))
        pixel_w, pixel_h = self._viewbox.viewPixelSize()
        r = SPRAY_RADIUS_PX * np.sqrt(self._rng.uniform(size=SPRAY_PER_MOVE))  # even over the disc
        angle = self._rng.uniform(0, 2 * np.pi, size=SPRAY_PER_MOVE)
        points = np.column_stack([x + r * np.cos(angle) * pixel_w, y + r * np.sin(angle) * pixel_h])
        xmin, xmax, ymin, ymax = self.extent
        points[:, 0] = np.clip(points[:, 0], xmin, xmax)
        points[:, 1] = np.clip(points[:, 1], ymin, ymax)
        self.sprayed.emit(points)

    def move_point(self, index: int, x: float, y: float) -> None:
        """Show point ``index`` at (x, y) while it is dragged (the dataset follows at the end)."""
        self.points.move_point(index, x, y)
        if index == self.selected_point:
            self._draw_arrow()

    def set_probabilities(self, probabilities: np.ndarray, extent, heatmap=None, segments=None) -> None:
        """Redraw the heatmap and the boundary from a (ny, nx, K) probability grid.

        Args:
            probabilities: the grid's class probabilities.
            extent: (xmin, xmax, ymin, ymax) the grid spans.
            heatmap, segments: ``heatmap_rgb32(probabilities)`` and
                ``boundary_segments(probabilities, extent)`` if already computed (the
                worker computes them off the GUI thread); computed here if None.
        """
        ny, nx, _ = probabilities.shape
        xmin, xmax, ymin, ymax = extent
        self.redraw_count += 1  # frames shown: the same picture again counts, and costs nothing
        if heatmap is not None and heatmap is getattr(self, "_latest_heatmap", None):
            return  # the weights moved too little to change a pixel (the grid thread kept it)
        self._latest_heatmap = heatmap
        if heatmap is None:
            heatmap = heatmap_rgb32(probabilities)
        if segments is None:
            segments = boundary_segments(probabilities, extent)
        self.image.setImage(heatmap)  # Qt's own pixels: no levels, lookup table or conversion
        if (extent, nx, ny) != self._image_geometry:
            # Pixel centres sit on the grid points.
            dx, dy = (xmax - xmin) / max(nx - 1, 1), (ymax - ymin) / max(ny - 1, 1)
            self.image.setRect(QRectF(xmin - dx / 2, ymin - dy / 2, nx * dx, ny * dy))
            self._image_geometry = (extent, nx, ny)
        self.boundary_point_count = len(segments)
        self._set_segments(self.boundary, segments)
        self._latest_segments = segments

    def push_trail(self, label: str | None = None) -> None:
        """Keep the current boundary as the newest line of the trail, numbered ``label``."""
        segments = getattr(self, "_latest_segments", None)
        if segments is None:
            return
        self._trail.append(segments)
        self._trail_labels.append(label)
        if not self._trail_visible:
            return
        curve = self._trail_order.pop(0)
        self._set_segments(curve, segments)
        self._place_label(self.trail_label_items[curve], segments, label)
        self._trail_order.append(curve)
        for curve, pen in zip(self._trail_order, self._trail_pens):
            curve.setPen(pen)
            self.trail_label_items[curve].setColor(pen.color())

    def set_boundary_label(self, label: str | None) -> None:
        """Number the current boundary (None: no number)."""
        self._place_label(self.boundary_label, getattr(self, "_latest_segments", None), label)

    def trail_labels(self) -> list:
        """The trail's numbers on screen, oldest first (tests and tools)."""
        return [self.trail_label_items[c].toPlainText() for c in self._trail_order
                if self.trail_label_items[c].isVisible()]

    @staticmethod
    def _place_label(item, segments, label) -> None:
        """Put ``label`` on the line ``segments`` (hidden without either), near its right
        end: successive lines cross near the middle, where numbers would pile up."""
        if label is None or segments is None or not len(segments):
            item.hide()
            return
        finite = segments[np.isfinite(segments).all(axis=1)]
        if not len(finite):
            item.hide()
            return
        x, y = finite[np.argsort(finite[:, 0])[int(0.85 * (len(finite) - 1))]]
        item.setText(label)
        item.setPos(float(x), float(y))
        item.show()

    def clear_trail(self) -> None:
        self._trail.clear()
        self._trail_labels.clear()
        self._draw_trail()
        self.boundary_label.hide()

    def set_trail_visible(self, visible: bool) -> None:
        self._trail_visible = bool(visible)
        self._draw_trail()

    def _draw_trail(self):
        older = list(self._trail) if self._trail_visible else []
        labels = list(self._trail_labels) if self._trail_visible else []
        padded = [None] * (TRAIL_LENGTH - len(older)) + older
        labels = [None] * (TRAIL_LENGTH - len(labels)) + labels
        self._trail_order = list(self.trail_curves)
        for curve, pen, segments, label in zip(self._trail_order, self._trail_pens, padded, labels):
            curve.setPen(pen)
            self._set_segments(curve, segments)
            self.trail_label_items[curve].setColor(pen.color())
            self._place_label(self.trail_label_items[curve], segments, label)

    @staticmethod
    def _set_segments(curve, segments):
        curve.set_segments(segments)

    # **** mouse ****

    def clamp(self, pos: QPointF) -> tuple:
        """(x, y) of ``pos`` kept inside the extent: points cannot leave the view."""
        xmin, xmax, ymin, ymax = self.extent
        return (float(np.clip(pos.x(), xmin, xmax)), float(np.clip(pos.y(), ymin, ymax)))

    def point_at_scene(self, scene_pos) -> int | None:
        """Index of the point drawn under ``scene_pos`` (within a few pixels), or None."""
        if scene_pos is None or len(self.dataset) == 0:
            return None
        pos = self._viewbox.mapSceneToView(QPointF(scene_pos))
        pixel_w, pixel_h = self._viewbox.viewPixelSize()
        d2 = ((self.dataset.X[:, 0] - pos.x()) / pixel_w) ** 2 + ((self.dataset.X[:, 1] - pos.y()) / pixel_h) ** 2
        index = int(np.argmin(d2))
        return index if d2[index] <= PICK_RADIUS_PX**2 else None

    def point_under_cursor(self) -> int | None:
        """Index of the point under the mouse, for the Delete key."""
        return self.point_at_scene(self._hover_scene_pos)

    def _remember_hover(self, scene_pos):
        self._hover_scene_pos = QPointF(scene_pos)

    def scene_pos_of(self, x: float, y: float) -> QPointF:
        """Where data point (x, y) is in scene coordinates (tests and tools)."""
        return self._viewbox.mapViewToScene(QPointF(x, y))
