"""The items of the graph view: a node (shape by kind, name, op and shape, a badge under
it) and an edge (a curve with an arrowhead, and a label for the gradient it carries).

Sizes are in scene units (pixels at zoom 1). Every text is at least ``SMALL_PX`` high,
so that the view can promise a minimum size on screen by never fitting below
``MIN_TEXT_PX / SMALL_PX`` (graph_view.py).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QStyle,
)

from gdviz.lesson.graph_layout import NODE_HEIGHT, NODE_WIDTH

KIND_FILLS = {
    "placeholder": "#a9d6f5",
    "Variable": "#ffd166",
    "constant": "#e9ecef",
    "operation": "#f1f3f5",
    "loss": "#ffc9c9",
}
KIND_CAPTIONS = {"placeholder": "placeholder", "Variable": "Variable", "constant": "constant"}
NODE_STATE_PENS = {  # colour, width, style
    "idle": ("#495057", 1.3, Qt.SolidLine),
    "queued": ("#1c7ed6", 3.0, Qt.DashLine),
    "current": ("#e8590c", 4.5, Qt.SolidLine),
    "done": ("#2f9e44", 3.0, Qt.SolidLine),
}
EDGE_STATE_PENS = {
    "idle": ("#adb5bd", 1.4),
    "active": ("#e8590c", 3.2),
    "flowed": ("#c2410c", 1.8),
}
LABEL_FILL = QColor(255, 255, 255, 235)
# Text sizes in scene units. Every small text has the same size, SMALL_PX, so that the
# zoom that keeps it readable keeps all of them readable; the name is bold and larger.
TITLE_PX = 14
SMALL_PX = 13
DETAIL_PX = BADGE_PX = EDGE_LABEL_PX = SMALL_PX
LABEL_PADDING = 5.0  # room kept between a node's text and its outline
TITLE_WRAP_WIDTH = 2 * NODE_WIDTH  # longer names break at an underscore onto two lines
HEXAGON_CUT = NODE_HEIGHT / 5  # how far the loss's hexagon cuts in at each side
BADGE_GAP = 2.0  # between a node's outline and its badge
ARROW_SIZE = 10.0


def node_kind(node, loss=None) -> str:
    """The kind that decides a node's shape and colour: the loss is its own kind."""
    return "loss" if node is loss else node.kind


def font(pixels: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(pixels)
    f.setBold(bold)
    return f


def title_text(name: str, metrics: QFontMetricsF) -> str:
    """The node's name as drawn: on two lines, broken after an underscore, when it is
    wider than ``TITLE_WRAP_WIDTH`` (``softmax_`` / ``cross_entropy``)."""
    if metrics.horizontalAdvance(name) <= TITLE_WRAP_WIDTH or "_" not in name[1:-1]:
        return name
    breaks = [i + 1 for i, ch in enumerate(name[:-1]) if ch == "_" and i > 0]
    best = min(breaks, key=lambda i: max(metrics.horizontalAdvance(name[:i]),
                                         metrics.horizontalAdvance(name[i:])))
    return f"{name[:best]}\n{name[best:]}"


def text_width(text: str, metrics: QFontMetricsF) -> float:
    """The width of the widest line of ``text``."""
    return max(metrics.horizontalAdvance(line) for line in text.split("\n"))


def wrap_text(text: str, metrics: QFontMetricsF, width: float) -> str:
    """``text`` with lines broken after ``", "`` and ``": "`` to be at most ``width`` wide
    where it can be (a single number is never broken)."""
    lines = []
    for line in text.split("\n"):
        if metrics.horizontalAdvance(line) <= width:
            lines.append(line)
            continue
        current = ""
        pieces = []
        for piece in re.split(r"(?<=, )|(?<=: )", line):
            # A long name (∂J/∂softmax_cross_entropy:) breaks after its underscores.
            pieces.extend(re.split(r"(?<=_)", piece) if metrics.horizontalAdvance(piece) > width
                          else [piece])
        for piece in pieces:
            if current and metrics.horizontalAdvance((current + piece).rstrip()) > width:
                lines.append(current.rstrip())
                current = piece
            else:
                current += piece
        lines.append(current.rstrip())
    return "\n".join(lines)


def node_width(node, kind: str, title_metrics: QFontMetricsF,
               detail_metrics: QFontMetricsF) -> float:
    """How wide ``node`` is drawn: room for its name (``title_text``) and its op.

    Args:
        node: the node.
        kind: its kind from ``node_kind`` (the loss's hexagon needs more room).
        title_metrics: metrics of the name's font.
        detail_metrics: metrics of the op's font (the line under the name).

    Returns:
        At least ``graph_layout.NODE_WIDTH``, so that short names keep the compact size.
    """
    op = KIND_CAPTIONS.get(node.kind, node.op_type)
    text = max(text_width(title_text(node.name, title_metrics), title_metrics),
               detail_metrics.horizontalAdvance(op))
    # The loss's hexagon is narrower at its top and bottom than its box: see _text_room.
    cut = 2 * HEXAGON_CUT if kind == "loss" else 0.0
    # Rounded up, plus a pixel each side, so that rounding never shrinks the text.
    return max(NODE_WIDTH, math.ceil(text + 2 * LABEL_PADDING + cut) + 2.0)


def _node_path(kind: str, w: float, h: float) -> QPainterPath:
    path = QPainterPath()
    rect = QRectF(-w / 2, -h / 2, w, h)
    if kind == "placeholder":
        path.addRoundedRect(rect, h / 2, h / 2)  # a pill: data comes in here
    elif kind in ("Variable", "constant"):
        path.addRect(rect)
    elif kind == "loss":
        cut = HEXAGON_CUT
        path.addPolygon(QPolygonF([
            QPointF(-w / 2 + cut, -h / 2), QPointF(w / 2 - cut, -h / 2),
            QPointF(w / 2, 0), QPointF(w / 2 - cut, h / 2),
            QPointF(-w / 2 + cut, h / 2), QPointF(-w / 2, 0),
        ]))
        path.closeSubpath()
    else:
        path.addRoundedRect(rect, 10, 10)
    return path


class NodeItem(QGraphicsPathItem):
    """One node: its shape by kind, name, op and shape, and a badge for a number.

    Args:
        node: the engine node.
        kind: from ``node_kind``.
        size: (width, height) from the layout.
        view: the GraphView (tooltips, selection, the badge's colour).
        badge_width: the widest a line of the badge may be (it wraps beyond).
    """

    def __init__(self, node, kind: str, size, view, badge_width: float):
        w, h = size
        super().__init__(_node_path(kind, w, h))
        self.node = node
        self.kind = kind
        self._view = view
        self.state = None
        self.badge_width = badge_width
        self.setBrush(QBrush(QColor(KIND_FILLS.get(kind, KIND_FILLS["operation"]))))
        self.setFlag(QGraphicsItem.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        title_font = font(TITLE_PX, bold=True)
        self.title = QGraphicsSimpleTextItem(title_text(node.name, QFontMetricsF(title_font)), self)
        self.title.setFont(title_font)
        self.title.setBrush(QBrush(QColor("#1f2329")))  # on the node's light fill, in any theme
        self.detail = QGraphicsSimpleTextItem("", self)
        self.detail.setFont(font(DETAIL_PX))
        self.detail.setBrush(QBrush(QColor("#343a40")))
        self.halo = QGraphicsPathItem(_node_path(kind, w + 14, h + 14), self)
        self.halo.setPen(QPen(QColor("#7048e8"), 3.5))
        self.halo.setFlag(QGraphicsItem.ItemStacksBehindParent)
        self.halo.setVisible(False)
        self.badge = QGraphicsSimpleTextItem("", self)  # under the node: on the background
        self.badge.setFont(font(BADGE_PX))
        self.badge.setBrush(QBrush(view.text_colour))
        self._badge_source = ""
        self._size = (w, h)
        self.set_shape_text("")
        self.set_state("idle")

    def set_shape_text(self, shape: str) -> None:
        """Show the op (or kind) and the output's shape under the name.

        An op named after itself (``matmul``, ``reduce_sum_1``) shows only its shape:
        the name already says the op.
        """
        op = KIND_CAPTIONS.get(self.node.kind, self.node.op_type)
        named_after_op = self.node.kind not in KIND_CAPTIONS and (
            self.node.name == op or self.node.name.startswith(op + "_"))
        if named_after_op and shape:
            text = shape
        else:
            text = f"{op} · {shape}" if shape else op
        if shape and not named_after_op and \
                QFontMetricsF(self.detail.font()).horizontalAdvance(text) > self._text_room():
            text = f"{op}\n{shape}"  # two lines rather than shrunk to fit
        if text != self.detail.text():
            self.detail.setText(text)
        self._centre_labels()

    def caption(self) -> str:
        """The op (or kind) and shape under the name, on one line: ``"add · 100×2"``."""
        return self.detail.text().replace("\n", " · ")

    def _text_room(self) -> float:
        """How wide a label may be inside this node's outline."""
        w, _ = self._size
        # The loss's hexagon is narrower at its top and bottom than its box.
        return w - 2 * LABEL_PADDING - (2 * HEXAGON_CUT if self.kind == "loss" else 0)

    def _centre_labels(self) -> None:
        w, h = self._size
        room = self._text_room()
        heights = []
        for text in (self.title, self.detail):
            r = text.boundingRect()
            # Nodes are sized to their name and op (node_width), so this stays 1; only
            # an unusually long shape line is shrunk rather than spill over the edges.
            text.setScale(min(1.0, room / r.width()) if r.width() > 0 else 1.0)
            heights.append(r.height() * text.scale())
        top = -sum(heights) / 2
        for text, height in zip((self.title, self.detail), heights):
            text.setPos(-text.boundingRect().width() * text.scale() / 2, top)
            top += height
        self._place_badge()

    def badge_text(self) -> str:
        """The badge as the player wrote it, on one line (drawn wrapped to fit)."""
        return self._badge_source

    def set_badge(self, text: str) -> None:
        """Write ``text`` under the node, wrapped to ``badge_width``."""
        if text == self._badge_source:
            return
        self._badge_source = text
        self.badge.setText(wrap_text(text, QFontMetricsF(self.badge.font()), self.badge_width))
        self._place_badge()

    def _place_badge(self) -> None:
        b = self.badge.boundingRect()
        self.badge.setPos(-b.width() / 2, self._size[1] / 2 + BADGE_GAP)

    def badge_scene_rect(self) -> QRectF:
        """Where the badge is in the scene (empty when there is none)."""
        if not self._badge_source:
            return QRectF()
        return self.badge.sceneBoundingRect()

    def set_state(self, state: str) -> None:
        if state == self.state:
            return
        self.state = state
        colour, width, style = NODE_STATE_PENS[state]
        pen = QPen(QColor(colour), width, style)
        pen.setCosmetic(False)
        self.setPen(pen)

    def hoverEnterEvent(self, event):
        # The tooltip is written when the mouse arrives, so it shows the numbers of
        # the player's current step.
        self.setToolTip(self._view.tooltip_for(self.node))
        self._view.nodeHovered.emit(self.node)
        super().hoverEnterEvent(event)

    def itemChange(self, change, value):
        if change == QGraphicsItem.ItemSelectedHasChanged:
            self.halo.setVisible(bool(value))
            self._view._selection_changed(self, bool(value))
        return super().itemChange(change, value)

    def paint(self, painter, option, widget=None):
        # Selection is drawn by the halo item rather than Qt's dashed box.
        option.state &= ~QStyle.State_Selected
        super().paint(painter, option, widget)


class EdgeItem(QGraphicsPathItem):
    """The edge input → consumer, with an arrowhead at the consumer and a label.

    The label is a top-level item (drawn over nodes' neighbours, not under them) that
    the view puts at a free spot (``place_label``); a thin leader line joins it to its
    edge when it had to move off the curve.
    """

    def __init__(self, source: NodeItem, target: NodeItem, port: float):
        super().__init__()
        self.source = source
        self.target = target
        self.state = None
        self.setZValue(0)
        self.arrow = QGraphicsPolygonItem(self)
        self.label = QGraphicsRectItem()
        self.label.setBrush(QBrush(LABEL_FILL))
        self.label.setPen(QPen(QColor("#c2410c"), 1))
        self.label.setZValue(3)
        self.label.setAcceptHoverEvents(True)
        self.label_text = QGraphicsSimpleTextItem("", self.label)
        self.label_text.setFont(font(EDGE_LABEL_PX))
        self.label_text.setBrush(QBrush(QColor("#7c2d12")))
        self.label.setVisible(False)
        self.leader = QGraphicsLineItem()
        self.leader.setPen(QPen(QColor("#c2410c"), 1, Qt.DotLine))
        self.leader.setZValue(1)
        self.leader.setVisible(False)
        self.label_wanted = False  # the player gave a text; the view may find no room
        self._route(port)
        self.set_state("idle")

    def _route(self, port: float) -> None:
        s, t = self.source, self.target
        start = s.pos() + QPointF(s._size[0] / 2, 0)
        end = t.pos() + QPointF(-t._size[0] / 2 - 1, port)
        dx = max(40.0, (end.x() - start.x()) / 2)
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end)
        self.setPath(path)
        angle = math.atan2(end.y() - (end - QPointF(dx, 0)).y(), dx)
        back = QPointF(math.cos(angle), math.sin(angle)) * ARROW_SIZE
        side = QPointF(-math.sin(angle), math.cos(angle)) * (ARROW_SIZE * 0.5)
        self.arrow.setPolygon(QPolygonF([end, end - back + side, end - back - side]))
        self.midpoint = path.pointAtPercent(0.5)

    def anchors(self) -> list:
        """Points of the edge to put its label on, best first: the middle, then outwards."""
        path = self.path()
        return [(p.x(), p.y()) for p in
                (path.pointAtPercent(t) for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8))]

    def set_state(self, state: str) -> None:
        if state == self.state:
            return
        self.state = state
        colour, width = EDGE_STATE_PENS[state]
        self.setPen(QPen(QColor(colour), width))
        self.arrow.setPen(QPen(QColor(colour), 1))
        self.arrow.setBrush(QBrush(QColor(colour)))
        self.setZValue(1 if state == "active" else 0)

    def set_label(self, text: str, tooltip: str = "") -> None:
        """Write ``text`` on the label (empty: no label); ``tooltip`` in full on hover.

        The label stays hidden until the view places it (``place_label``).
        """
        self.label_wanted = bool(text)
        # Hovering the edge itself shows the numbers too, even if no room was found.
        self.setToolTip(tooltip)
        if text == self.label_text.text():
            return
        self.label_text.setText(text)
        self.label.setToolTip(tooltip)
        r = self.label_text.boundingRect()
        self.label.setRect(QRectF(-3, -1, r.width() + 6, r.height() + 2))

    def label_size(self) -> tuple:
        r = self.label.rect()
        return (r.width(), r.height())

    def place_label(self, rect) -> None:
        """Show the label at ``rect`` (left, top, width, height), or hide it if None."""
        if rect is None or not self.label_wanted:
            self.label.setVisible(False)
            self.leader.setVisible(False)
            return
        left, top, w, h = rect
        self.label.setPos(left + 3, top + 1)
        self.label.setVisible(True)
        box = QRectF(left, top, w, h)
        anchor = min((QPointF(x, y) for x, y in self.anchors()),
                     key=lambda p: QLineF(p, box.center()).length())
        if box.contains(anchor):
            self.leader.setVisible(False)
        else:
            end = QPointF(min(max(anchor.x(), box.left()), box.right()),
                          min(max(anchor.y(), box.top()), box.bottom()))
            self.leader.setLine(QLineF(anchor, end))
            self.leader.setVisible(True)
