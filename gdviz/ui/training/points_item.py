"""The training points, drawn from numpy arrays: fast enough to drag one of 1,000 at the
mouse's pace and to edit a set of 100,000.

pyqtgraph's ScatterPlotItem keeps a Python record per point: setting 1,000 points costs
about 8 ms and 100,000 about 600 ms, on every edit and every step of a drag. This item
keeps the points as arrays, and a style code per point (class × training or test); it
paints them as fragments of a small atlas of pre-drawn symbols, one per style, with
``drawPixmapFragments`` over a buffer numpy fills (pyqtgraph's own PrimitiveArray).
So an edit only copies arrays, and moving a point writes two numbers. In an SVG export
each point is a small vector circle.

Two optional layers use the same trick, each from an atlas of its own: a *halo* under
each point whose size says how large the point's own loss is (one translucent disc per
class, scaled per point by the fragments' scale column: one numpy write for all the
points), and a *ring* around marked points (the current step's mini-batch).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPaintEngine, QPen, QPixmap

SYMBOL_SIZE = 9  # pixels across
PAD = 2  # pixels around each symbol in the atlas
HALO_SIZE = 30  # pixels across the largest halo (a point whose loss is at the top of the scale)
HALO_ALPHA = 80
RING_SIZE = SYMBOL_SIZE + 8  # pixels across a mark's ring
RING_COLOUR = (20, 20, 20)


class PointsItem(pg.GraphicsObject):
    """Points in data coordinates, drawn SYMBOL_SIZE pixels across whatever the zoom.

    Args:
        colours: the RGB colour of each class.
    """

    def __init__(self, colours):
        super().__init__()
        self._colours = [tuple(int(c) for c in colour) for colour in colours]
        self.pos = np.zeros((0, 2))
        self.codes = np.zeros(0, dtype=np.intp)  # 2 * class + (1 if a test point)
        self._bounds = QRectF()
        self._atlas = None  # (pixmap, dpr)
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)
        self._fragments_for = None  # (version, dpr) the fragments' source rects were filled for
        self._version = 0  # counts set_points
        self._fragments_capacity = self._fragments_filled = 0
        self._fragments_dpr = None
        self._export = False
        self.halo_fractions = None  # (N,) in [0, 1]: each halo's size on its scale, or None
        self.marked = None  # indices of the ringed points, or None
        self._layer_atlases = {}  # (layer, dpr) -> pixmap
        # Painted once per change, then composed from a pixmap: the heatmap beneath
        # repaints 60 times a second while training, the points only when edited.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    # **** data ****

    def set_points(self, pos, labels, is_test) -> None:
        """Show these points: (N, 2) positions, their classes, and which are test points."""
        self.pos = np.array(pos, dtype=float).reshape(-1, 2)
        self.codes = 2 * np.asarray(labels, dtype=np.intp) + np.asarray(is_test, dtype=np.intp)
        self._version += 1
        self._update_bounds()

    def set_halos(self, fractions) -> None:
        """Halos under the points, ``fractions`` (N,) from 0 (none: just the point) to 1
        (HALO_SIZE pixels across); None hides them. Values outside 0..1 are clipped."""
        if fractions is None:
            self.halo_fractions = None
        else:
            fractions = np.asarray(fractions, dtype=float).reshape(-1)
            self.halo_fractions = np.clip(np.nan_to_num(fractions, nan=1.0), 0.0, 1.0)
        self.update()

    def halo_diameters(self) -> np.ndarray | None:
        """Each halo's diameter in pixels (None without halos): what the eye compares."""
        if self.halo_fractions is None or len(self.halo_fractions) != len(self.pos):
            return None
        return SYMBOL_SIZE + self.halo_fractions * (HALO_SIZE - SYMBOL_SIZE)

    def set_marked(self, indices) -> None:
        """Ring these points (None or empty: none). Unchanged, nothing is repainted: it is
        called with every frame, and a repaint redraws every point."""
        marked = None if indices is None or not len(indices) else np.array(indices, dtype=np.intp)
        if (marked is None and self.marked is None) or (
                marked is not None and self.marked is not None and np.array_equal(marked, self.marked)):
            return
        self.marked = marked
        self.update()

    def move_point(self, index: int, x: float, y: float) -> None:
        """Move one point (a drag): two numbers written, one repaint."""
        self.pos[index] = (x, y)
        if not self._bounds.contains(QPointF(x, y)):  # dragged past the others: grow
            self.prepareGeometryChange()
            pad = 0.05 * max(self._bounds.width(), self._bounds.height(), 1.0)
            self._bounds = self._bounds.united(QRectF(x - pad, y - pad, 2 * pad, 2 * pad))
        self.update()

    def _update_bounds(self) -> None:
        self.prepareGeometryChange()
        if len(self.pos):
            # Column by column: numpy reduces along a last axis of 2 slowly.
            x, y = self.pos[:, 0], self.pos[:, 1]
            x0, x1, y0, y1 = x.min(), x.max(), y.min(), y.max()
            pad = 0.05 * max(x1 - x0, y1 - y0, 1.0)  # room for the symbols' pixels
            self._bounds = QRectF(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)
        else:
            self._bounds = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def dataBounds(self, axis, frac=1.0, orthoRange=None):
        if not len(self.pos):
            return None, None
        return float(self.pos[:, axis].min()), float(self.pos[:, axis].max())

    def setExportMode(self, export, opts=None):
        """pyqtgraph's exporters (and gdviz.ui.window.exports) call this around a render."""
        self._export = bool(export)
        # An export must call paint (vectors for SVG), not compose the cached pixmap.
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache if export
                          else QGraphicsItem.CacheMode.DeviceCoordinateCache)
        return super().setExportMode(export, opts)

    # **** painting ****

    def _style(self, code: int):
        """(pen, brush) of a style: a filled disc for training points, a ring for test ones."""
        colour = QColor(*self._colours[(code // 2) % len(self._colours)])
        if code % 2:
            return QPen(colour, 2), QBrush(QColor(255, 255, 255))
        return QPen(QColor(255, 255, 255), 1), QBrush(colour)

    def _atlas_for(self, dpr: float) -> QPixmap:
        """One row of symbols, one per style, drawn once per device pixel ratio."""
        if self._atlas is not None and self._atlas[1] == dpr:
            return self._atlas[0]
        cell = SYMBOL_SIZE + 2 * PAD
        styles = 2 * len(self._colours)
        image = QImage(int(cell * styles * dpr), int(cell * dpr), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for code in range(styles):
            pen, brush = self._style(code)
            painter.setPen(pen)
            painter.setBrush(brush)
            r = (SYMBOL_SIZE - 1) / 2
            painter.drawEllipse(QPointF(code * cell + cell / 2, cell / 2), r, r)
        painter.end()
        pixmap = QPixmap.fromImage(image)
        self._atlas = (pixmap, dpr)
        return pixmap

    def _layer_atlas(self, layer: str, dpr: float) -> QPixmap:
        """The halos' atlas (one translucent disc per class) or the ring's (one ring)."""
        key = (layer, dpr)
        if key not in self._layer_atlases:
            if layer == "halo":
                size, count = HALO_SIZE, len(self._colours)
            else:
                size, count = RING_SIZE, 1
            cell = size + 2 * PAD
            image = QImage(int(cell * count * dpr), int(cell * dpr), QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(dpr)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            r = (size - 2) / 2
            for k in range(count):
                if layer == "halo":
                    colour = self._colours[k]
                    painter.setPen(QPen(QColor(*colour, 2 * HALO_ALPHA), 1))
                    painter.setBrush(QBrush(QColor(*colour, HALO_ALPHA)))
                else:
                    painter.setPen(QPen(QColor(*RING_COLOUR), 2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(k * cell + cell / 2, cell / 2), r, r)
            painter.end()
            self._layer_atlases[key] = QPixmap.fromImage(image)
        return self._layer_atlases[key]

    def _paint_layer(self, painter, layer: str, xy, source_index, scale, dpr) -> None:
        """Draw one fragment of ``layer``'s atlas at each row of ``xy`` (device pixels)."""
        if not len(xy):
            return
        size = HALO_SIZE if layer == "halo" else RING_SIZE
        cell = (size + 2 * PAD) * dpr
        fragments = PrimitiveArray(QPainter.PixmapFragment, 10)
        fragments.resize(len(xy))
        rows = fragments.ndarray()
        rows[:, 0:2] = xy
        rows[:, 2] = source_index * cell
        rows[:, 3] = 0.0
        rows[:, 4:6] = cell
        rows[:, 6] = rows[:, 7] = scale / dpr
        rows[:, 8:10] = (0.0, 1.0)
        painter.drawPixmapFragments(*fragments.drawargs(), self._layer_atlas(layer, dpr))

    def paint(self, painter: QPainter, option, widget=None):
        if not len(self.pos):
            return
        t = painter.transform()
        # Data -> device pixels (one product), then draw untransformed: symbols keep
        # their pixel size whatever the zoom.
        xy = self.pos.dot(np.array([[t.m11(), t.m12()], [t.m21(), t.m22()]]))
        xy += (t.dx(), t.dy())
        np.clip(xy, -2.0**30, 2.0**30, out=xy)
        painter.resetTransform()
        engine = painter.paintEngine()
        if self._export or (engine is not None and engine.type() == QPaintEngine.Type.SVG):
            self._paint_vectors(painter, xy)
            return
        dpr = widget.devicePixelRatioF() if widget is not None else painter.device().devicePixelRatioF()
        diameters = self.halo_diameters()
        if diameters is not None:  # under the points; one no wider than its point would not show
            shown = np.flatnonzero(diameters > SYMBOL_SIZE + 1)
            self._paint_layer(painter, "halo", xy[shown], (self.codes[shown] // 2) % len(self._colours),
                              diameters[shown] / HALO_SIZE, dpr)
        atlas = self._atlas_for(dpr)
        cell = (SYMBOL_SIZE + 2 * PAD) * dpr
        self._fill_fragments(len(xy), dpr, cell)
        fragments = self._fragments.ndarray()
        fragments[:, 0:2] = xy
        painter.drawPixmapFragments(*self._fragments.drawargs(), atlas)
        if self.marked is not None:
            marked = self.marked[self.marked < len(xy)]
            self._paint_layer(painter, "ring", xy[marked], 0, 1.0, dpr)

    def _fill_fragments(self, n: int, dpr: float, cell: float) -> None:
        """The fragments' source rects and scales for ``n`` points. The buffer grows by a
        quarter at a time and keeps what is filled, so adding a point to 100,000 rewrites
        only the style column, not every column of every row."""
        if self._fragments_dpr != dpr:
            self._fragments_dpr, self._fragments_filled = dpr, 0
        if n > self._fragments_capacity:
            self._fragments_capacity = n + n // 4 + 16
            self._fragments.resize(self._fragments_capacity)  # a new, empty buffer
            self._fragments_filled = 0
        self._fragments.resize(n)
        fragments = self._fragments.ndarray()
        if self._fragments_filled < n:
            rows = fragments[self._fragments_filled:]
            rows[:, 3] = 0.0
            rows[:, 4:6] = cell
            rows[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
            self._fragments_filled = n
        if self._fragments_for != (self._version, dpr):
            fragments[:, 2] = self.codes * cell  # source x of each point's style
            self._fragments_for = (self._version, dpr)

    def _paint_vectors(self, painter: QPainter, xy) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = (SYMBOL_SIZE - 1) / 2
        circle = QPainterPath()
        circle.addEllipse(QPointF(0, 0), r, r)
        for code in np.unique(self.codes):
            pen, brush = self._style(int(code))
            painter.setPen(pen)
            painter.setBrush(brush)
            for px, py in xy[self.codes == code]:
                painter.drawPath(circle.translated(px, py))
