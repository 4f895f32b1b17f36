"""The neuron view's scene items: units as small heatmaps, all the edges in one item.

A unit is a square that paints its image (the unit's output over the plane, made off
the GUI thread) scaled smoothly, with a frame that shows hover and selection. The edges,
up to about 800 of them for four hidden layers of 16, are one item that draws them in a
few strokes: grouped by sign and by a handful of widths, so that a new set of weights
costs a few numpy lines and one repaint, not 800 pen changes. It finds the edge under
the mouse itself (distance to each segment, vectorised).

``column_layout`` places the units (Qt-free arithmetic): one column per layer, each
column centred on the tallest, its caption above.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

UNIT_PX = 32  # a unit's square, in scene units (pixels at zoom 1)
UNIT_GAP = 8  # between the squares of a column
COLUMN_STEP = 84  # from one column's left side to the next's
CAPTION_HEIGHT = 34  # two lines of caption above the tallest column
LABEL_ROOM = 34  # left of the inputs and right of the outputs: their names
WIDTH_LEVELS = 6  # edges are drawn in this many widths
MIN_EDGE_PX, MAX_EDGE_PX = 0.6, 4.5
SMOOTH_EDGES_UP_TO = 300  # more edges than this are drawn without antialiasing
FRAME_PX = 1.0
SELECTED_FRAME_PX = 3.0


def column_layout(sizes) -> list:
    """Top-left corners of every unit: per layer an (units, 2) array of (x, y)."""
    tallest = max(sizes) * (UNIT_PX + UNIT_GAP) - UNIT_GAP
    corners = []
    for layer, n in enumerate(sizes):
        height = n * (UNIT_PX + UNIT_GAP) - UNIT_GAP
        x = LABEL_ROOM + layer * COLUMN_STEP
        ys = CAPTION_HEIGHT + (tallest - height) / 2 + np.arange(n) * (UNIT_PX + UNIT_GAP)
        corners.append(np.column_stack([np.full(n, float(x)), ys]))
    return corners


def _segment_distances(points_a, points_b, p) -> np.ndarray:
    """Distance from point ``p`` to each segment a→b ((E, 2) arrays)."""
    d = points_b - points_a
    length2 = np.maximum((d * d).sum(axis=1), 1e-12)
    t = np.clip(((p - points_a) * d).sum(axis=1) / length2, 0.0, 1.0)
    nearest = points_a + t[:, None] * d
    return np.hypot(*(nearest - p).T)


class UnitItem(QGraphicsItem):
    """One unit: its image over the plane, framed (thicker when hovered or selected)."""

    def __init__(self, layer: int, unit: int):
        super().__init__()
        self.layer, self.unit = layer, unit
        self._image = None
        self._pixels = None  # the array the QImage reads: kept alive with it
        self.selected = False
        self.hovered = False
        self.frame_colour = QColor(128, 128, 128)
        self.accent = QColor(42, 122, 176)

    def boundingRect(self) -> QRectF:
        m = SELECTED_FRAME_PX
        return QRectF(-m, -m, UNIT_PX + 2 * m, UNIT_PX + 2 * m)

    def set_image(self, rgba: np.ndarray) -> None:
        """Show ``rgba`` (res, res, 4) uint8, row 0 at the top; the array is kept, not copied."""
        h, w = rgba.shape[:2]
        self._pixels = rgba
        self._image = QImage(rgba.data, w, h, 4 * w, QImage.Format_RGBA8888)
        self.update()

    def has_image(self) -> bool:
        return self._image is not None

    def set_state(self, selected: bool | None = None, hovered: bool | None = None) -> None:
        if selected is not None:
            self.selected = selected
        if hovered is not None:
            self.hovered = hovered
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = QRectF(0, 0, UNIT_PX, UNIT_PX)
        if self._image is not None:
            painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
            painter.drawImage(rect, self._image)
        if self.selected:
            pen = QPen(self.accent, SELECTED_FRAME_PX)
        else:
            pen = QPen(self.accent if self.hovered else self.frame_colour,
                       2 * FRAME_PX if self.hovered else FRAME_PX)
        pen.setJoinStyle(Qt.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        painter.drawRect(rect)


class EdgesItem(QGraphicsItem):
    """Every edge: a line from a unit's right side to the next layer's unit's left side.

    Width: the weight's size relative to its layer's largest (``WIDTH_LEVELS`` widths);
    colour: the sign (``positive``/``negative``). The hovered edge is drawn on top in the
    accent colour.
    """

    def __init__(self):
        super().__init__()
        self.setZValue(-1)
        # Painted again only when the weights or the hovered edge change, not when a unit
        # over it does (each picture repaints every unit).
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.positive, self.negative = QColor(0, 114, 178), QColor(230, 159, 0)
        self.background = QColor(255, 255, 255)
        self.accent = QColor(42, 122, 176)
        self._keys = []  # (layer, source, target) of each edge; layer is the target's
        self._starts = self._ends = np.zeros((0, 2))
        self._lines = []
        self._groups = []  # (sign, level, [QLineF]) drawn thinnest first
        self._rect = QRectF()
        self.hovered = None  # index of the hovered edge

    def set_layout(self, corners) -> None:
        """Lay the edges between the unit squares whose corners ``column_layout`` gave."""
        keys, starts, ends = [], [], []
        for layer in range(1, len(corners)):
            src, dst = corners[layer - 1], corners[layer]
            for s, (sx, sy) in enumerate(src):
                for t, (tx, ty) in enumerate(dst):
                    keys.append((layer, s, t))
                    starts.append((sx + UNIT_PX, sy + UNIT_PX / 2))
                    ends.append((tx, ty + UNIT_PX / 2))
        self.prepareGeometryChange()
        self._keys = keys
        self._starts = np.array(starts, dtype=float).reshape(-1, 2)
        self._ends = np.array(ends, dtype=float).reshape(-1, 2)
        self._lines = [QLineF(*a, *b) for a, b in zip(self._starts, self._ends)]
        self._groups = []
        self.hovered = None
        if keys:
            low, high = np.minimum(self._starts, self._ends).min(axis=0), np.maximum(self._starts, self._ends).max(axis=0)
            m = MAX_EDGE_PX
            self._rect = QRectF(low[0] - m, low[1] - m, high[0] - low[0] + 2 * m, high[1] - low[1] + 2 * m)
        else:
            self._rect = QRectF()
        self.update()

    def edge_count(self) -> int:
        return len(self._keys)

    def key(self, index: int) -> tuple:
        return self._keys[index]

    def set_weights(self, weights, strengths) -> None:
        """Style the edges after weight matrices ``weights`` and their ``strengths`` (0 to 1)."""
        signs = np.concatenate([np.asarray(W).ravel() >= 0 for W in weights]) if weights else np.zeros(0, bool)
        sizes = np.concatenate([np.asarray(s).ravel() for s in strengths]) if strengths else np.zeros(0)
        if len(signs) != len(self._lines):
            raise ValueError(f"{len(signs)} weights for {len(self._lines)} edges: call set_layout first")
        levels = np.minimum((sizes * WIDTH_LEVELS).astype(int), WIDTH_LEVELS - 1)
        groups = []
        for level in range(WIDTH_LEVELS):
            for sign in (False, True):
                chosen = np.flatnonzero((levels == level) & (signs == sign))
                if len(chosen):
                    groups.append((sign, level, [self._lines[i] for i in chosen]))
        self._groups = groups
        self.update()

    def edge_at(self, scene_pos: QPointF, tolerance: float) -> int | None:
        """Index of the edge within ``tolerance`` (scene units) of ``scene_pos``, or None."""
        if not self._keys:
            return None
        d = _segment_distances(self._starts, self._ends, np.array([scene_pos.x(), scene_pos.y()]))
        i = int(np.argmin(d))
        return i if d[i] <= tolerance else None

    def set_hovered(self, index: int | None) -> None:
        if index != self.hovered:
            self.hovered = index
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        # Smooth lines for a small model; hundreds of them are painted three times faster
        # without (a 4×16 MLP's 832: 14 ms smooth, under 5 ms not), and they are thin.
        painter.setRenderHint(QPainter.Antialiasing, len(self._lines) <= SMOOTH_EDGES_UP_TO)
        for sign, level, lines in self._groups:
            share = level / (WIDTH_LEVELS - 1)
            colour = _blend(self.background, self.positive if sign else self.negative, 0.3 + 0.7 * share)
            width = MIN_EDGE_PX + (MAX_EDGE_PX - MIN_EDGE_PX) * share
            painter.setPen(QPen(colour, width, Qt.SolidLine, Qt.FlatCap))
            painter.drawLines(lines)
        if self.hovered is not None:
            painter.setPen(QPen(self.accent, MAX_EDGE_PX, Qt.SolidLine, Qt.FlatCap))
            painter.drawLine(self._lines[self.hovered])


def _blend(background: QColor, colour: QColor, share: float) -> QColor:
    """``share`` of ``colour`` over ``background``, opaque: faint lines recede.

    Translucent pens would do the same, five times slower (800 wide lines of a 4×16 MLP
    took 90 ms to paint with alpha, under 20 ms opaque).
    """
    return QColor(*(round(b + share * (c - b)) for b, c in zip(background.getRgb()[:3], colour.getRgb()[:3])))
