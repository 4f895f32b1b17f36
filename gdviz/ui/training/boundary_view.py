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
"""

from __future__ import annotations

from collections import deque

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem

from gdviz.training.boundary import CLASS_COLOURS, boundary_segments, contour_segments, heatmap_rgb, heatmap_rgbx  # noqa: F401
from gdviz.training.datasets import Dataset
from gdviz.ui.training.points_item import PointsItem
from gdviz.ui.training.segments_item import SegmentsItem

PICK_RADIUS_PX = 9
POINT_SIZE = 9
TRAIL_LENGTH = 5
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
        elif ev.button() == Qt.MouseButton.LeftButton and index is None:
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

        plot = self.getPlotItem()
        cache_axes(plot)
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.showGrid(x=False, y=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        # While training plays, the grid may be coarser than the view: scale it smoothly.
        self.image.setOpts(update=False)
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

    def move_point(self, index: int, x: float, y: float) -> None:
        """Show point ``index`` at (x, y) while it is dragged (the dataset follows at the end)."""
        self.points.move_point(index, x, y)

    def set_probabilities(self, probabilities: np.ndarray, extent, heatmap=None, segments=None) -> None:
        """Redraw the heatmap and the boundary from a (ny, nx, K) probability grid.

        Args:
            probabilities: the grid's class probabilities.
            extent: (xmin, xmax, ymin, ymax) the grid spans.
            heatmap, segments: ``heatmap_rgbx(probabilities)`` and
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
            heatmap = heatmap_rgbx(probabilities)
        if segments is None:
            segments = boundary_segments(probabilities, extent)
        # uint8 colours and no levels: shown as they are, no rescaling or lookup table.
        self.image.setImage(heatmap, autoLevels=False)
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
        """Put ``label`` at the middle of the line ``segments`` (hidden without either)."""
        if label is None or segments is None or not len(segments):
            item.hide()
            return
        x, y = segments[len(segments) // 2]
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
