"""The training points, drawn from numpy arrays: fast enough to drag one of 1,000 at the
mouse's pace and to edit a set of 100,000.

pyqtgraph's ScatterPlotItem keeps a Python record per point: setting 1,000 points costs
about 8 ms and 100,000 about 600 ms, on every edit and every step of a drag. This item
keeps the points as arrays, and a style code per point (class × training or test); it
paints them as fragments of a small atlas of pre-drawn symbols, one per style, with
``drawPixmapFragments`` over a buffer numpy fills (pyqtgraph's own PrimitiveArray).
So an edit only copies arrays, and moving a point writes two numbers. In an SVG export
each point is a small vector circle.
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
        atlas = self._atlas_for(dpr)
        cell = (SYMBOL_SIZE + 2 * PAD) * dpr
        self._fill_fragments(len(xy), dpr, cell)
        fragments = self._fragments.ndarray()
        fragments[:, 0:2] = xy
        painter.drawPixmapFragments(*self._fragments.drawargs(), atlas)

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
