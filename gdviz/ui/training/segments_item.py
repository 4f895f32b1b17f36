"""Line segments (the decision boundary and its trail) drawn from one numpy array.

pyqtgraph's PlotCurveItem recomputes its bounds with nanmin/nanmax several times per
paint, and the boundary view repaints 60 times a second with six such curves: about a
third of the GUI thread's painting time. This item is given (2M, 2) segment ends (as
``PlotCurveItem(connect="pairs")`` takes them), keeps them as a QLineF array that numpy
fills (pyqtgraph's PrimitiveArray), draws them with one ``drawLines`` and has a fixed
bounding box: the view's extent, set when the extent changes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPen


class SegmentsItem(pg.GraphicsObject):
    """Segments in data coordinates, drawn with a cosmetic pen (its width in pixels)."""

    def __init__(self, pen: QPen):
        super().__init__()
        self._pen = QPen(pen)
        self._pen.setCosmetic(True)
        self._ends = np.zeros((0, 2))
        self._lines = PrimitiveArray(QLineF, 4)
        self._bounds = QRectF()

    def set_extent(self, extent) -> None:
        """The box the segments lie in (xmin, xmax, ymin, ymax): the bounding rect."""
        xmin, xmax, ymin, ymax = extent
        self.prepareGeometryChange()
        self._bounds = QRectF(xmin, ymin, xmax - xmin, ymax - ymin)

    def set_segments(self, ends) -> None:
        """Draw these segments: (2M, 2) ends, consecutive pairs (None or empty: none)."""
        ends = np.zeros((0, 2)) if ends is None else np.asarray(ends, dtype=float).reshape(-1, 2)
        self._ends = ends
        self._lines.resize(len(ends) // 2)
        self._lines.ndarray()[:] = ends[: 2 * (len(ends) // 2)].reshape(-1, 4)
        self.update()

    def setPen(self, pen: QPen) -> None:
        self._pen = QPen(pen)
        self._pen.setCosmetic(True)
        self.update()

    def getData(self):
        """(x, y) of the segment ends, as PlotCurveItem.getData gives them."""
        return self._ends[:, 0], self._ends[:, 1]

    def boundingRect(self) -> QRectF:
        return self._bounds

    def dataBounds(self, axis, frac=1.0, orthoRange=None):
        return None, None  # never widens the view's range

    def paint(self, painter, option, widget=None):
        if len(self._ends) < 2:
            return
        painter.setPen(self._pen)
        painter.drawLines(*self._lines.drawargs())
