"""The computational-graph view: nodes and edges of a gdviz.engine graph, on a QGraphicsView.

The positions come from ``gdviz.lesson.graph_layout`` (Qt-free); each node is as wide as its
name and op need at the default fonts (``node_width``). Items are created once per
graph by ``set_graph``; the player then only changes their state (``apply_state``),
labels and pulses, so stepping is cheap.

Node states: ``idle``, ``queued`` (in the backprop queue), ``current`` (being
dequeued or evaluated), ``done`` (its gradient or value is known). Edge states:
``idle``, ``active`` (a value flows along it in this step), ``flowed`` (it did earlier).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEasingCurve, QEvent, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from gdviz.lesson.graph_layout import NODE_HEIGHT, NODE_WIDTH, graph_edges, graph_nodes, layout_graph

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
# Text sizes in scene units (pixels at zoom 1), chosen with graph_layout's node height:
# at the zoom that fits the tutorial's graph into the window they stay readable.
TITLE_PX = 17
DETAIL_PX = 13
BADGE_PX = 14
EDGE_LABEL_PX = 14
LABEL_PADDING = 6.0  # room kept between a node's text and its outline
PULSE_COLOUR = "#e8590c"
PULSE_RADIUS = 7.0
ARROW_SIZE = 10.0
PORT_SPREAD = 16.0  # vertical distance between the arrival points of an op's inputs
ZOOM_STEP = 1.15
MIN_SCALE, MAX_SCALE = 0.02, 6.0
TEXT_MIN_SCALE = 0.35  # below this zoom, labels would be unreadable: hide them
READABLE_SCALE = 0.45  # a graph that only fits smaller is shown at this zoom, followed
FIT_MARGIN = 30.0


def node_kind(node, loss=None) -> str:
    """The kind that decides a node's shape and colour: the loss is its own kind."""
    return "loss" if node is loss else node.kind


def node_width(node, kind: str, title_metrics: QFontMetricsF,
               detail_metrics: QFontMetricsF) -> float:
    """How wide ``node`` is drawn: room for its name and its op at their fonts.

    Args:
        node: the node.
        kind: its kind from ``node_kind`` (the loss's hexagon needs more room).
        title_metrics: metrics of the name's font.
        detail_metrics: metrics of the op's font (the line under the name).

    Returns:
        At least ``graph_layout.NODE_WIDTH``, so that short names keep the compact size.
    """
    op = KIND_CAPTIONS.get(node.kind, node.op_type)
    text = max(title_metrics.horizontalAdvance(node.name),
               detail_metrics.horizontalAdvance(op))
    # The loss's hexagon is narrower at its top and bottom than its box: see _text_room.
    cut = 2 * NODE_HEIGHT / 3 if kind == "loss" else 0.0
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
        cut = h / 3
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
    """One node: its shape by kind, name, op and shape, and a badge for a number."""

    def __init__(self, node, kind: str, size, view: "GraphView"):
        w, h = size
        super().__init__(_node_path(kind, w, h))
        self.node = node
        self.kind = kind
        self._view = view
        self.state = None
        self.setBrush(QBrush(QColor(KIND_FILLS.get(kind, KIND_FILLS["operation"]))))
        self.setFlag(QGraphicsItem.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self.title = QGraphicsSimpleTextItem(node.name, self)
        self.title.setFont(_font(TITLE_PX, bold=True))
        self.title.setBrush(QBrush(QColor("#1f2329")))  # on the node's light fill, in any theme
        self.detail = QGraphicsSimpleTextItem("", self)
        self.detail.setFont(_font(DETAIL_PX))
        self.detail.setBrush(QBrush(QColor("#343a40")))
        self.halo = QGraphicsPathItem(_node_path(kind, w + 14, h + 14), self)
        self.halo.setPen(QPen(QColor("#7048e8"), 3.5))
        self.halo.setFlag(QGraphicsItem.ItemStacksBehindParent)
        self.halo.setVisible(False)
        self.badge = QGraphicsSimpleTextItem("", self)  # under the node: on the background
        self.badge.setFont(_font(BADGE_PX))
        self.badge.setBrush(QBrush(view.text_colour))
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
        w, h = self._size
        # The loss's hexagon is narrower at its top and bottom than its box.
        return w - 2 * LABEL_PADDING - (2 * h / 3 if self.kind == "loss" else 0)

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
        b = self.badge.boundingRect()
        self.badge.setPos(-b.width() / 2, h / 2 + 2)

    def set_state(self, state: str) -> None:
        if state == self.state:
            return
        self.state = state
        colour, width, style = NODE_STATE_PENS[state]
        pen = QPen(QColor(colour), width, style)
        pen.setCosmetic(False)
        self.setPen(pen)

    def set_badge(self, text: str) -> None:
        if text != self.badge.text():
            self.badge.setText(text)
            b = self.badge.boundingRect()
            self.badge.setPos(-b.width() / 2, self._size[1] / 2 + 2)

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
        option.state &= ~QStyleStateSelected
        super().paint(painter, option, widget)


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _style_state_selected():
    from PySide6.QtWidgets import QStyle

    return QStyle.State_Selected


QStyleStateSelected = _style_state_selected()


class EdgeItem(QGraphicsPathItem):
    """The edge input → consumer, with an arrowhead at the consumer and a label."""

    def __init__(self, source: NodeItem, target: NodeItem, port: float):
        super().__init__()
        self.source = source
        self.target = target
        self.state = None
        self.setZValue(0)
        self.arrow = QGraphicsPolygonItem(self)
        # A top-level item, so that labels are drawn over the nodes, not under them.
        self.label = QGraphicsRectItem()
        self.label.setBrush(QBrush(LABEL_FILL))
        self.label.setPen(QPen(QColor("#c2410c"), 1))
        self.label.setZValue(3)
        self.label.setAcceptHoverEvents(True)
        self.label_text = QGraphicsSimpleTextItem("", self.label)
        self.label_text.setFont(_font(EDGE_LABEL_PX))
        self.label_text.setBrush(QBrush(QColor("#7c2d12")))
        self.label.setVisible(False)
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
        """Write ``text`` on the edge (empty: no label); ``tooltip`` in full on hover."""
        if text == self.label_text.text() and self.label.isVisible() == bool(text):
            return
        self.label_text.setText(text)
        self.label.setToolTip(tooltip)
        if text:
            r = self.label_text.boundingRect()
            self.label.setRect(QRectF(-3, -1, r.width() + 6, r.height() + 2))
            self.label.setPos(self.midpoint - QPointF(r.width() / 2, r.height() / 2))
        self.label.setVisible(bool(text))


class GraphView(QGraphicsView):
    """Draws a gdviz.engine graph: layered, inputs left, loss right.

    Wheel zooms under the mouse, dragging the background pans, double-click fits,
    a click selects a node (``nodeSelected``), hovering shows ``tooltip_for(node)``.

    Signals:
        nodeSelected(object): the selected node, or None when the selection is cleared.
        nodeHovered(object): the node under the mouse.
    """

    nodeSelected = Signal(object)
    nodeHovered = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("graphView")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.text_colour = QColor("#1f2329")  # for the badges under the nodes
        self._apply_palette()
        # Dragging pans; scroll bars would only take room from the graph.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.layout = None
        self.source = None
        self.loss = None
        self._nodes = {}
        self._edges = {}
        self._pulses = []
        self._pulse_edges = []
        self._pulse_reverse = True
        self._text_visible = True
        self.tooltip_provider = None
        self._fit_mode = None  # "all" or "readable": redone when the view is resized
        self._focus = None
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.InOutQuad)
        self._animation.valueChanged.connect(self._move_pulses)
        self._animation.finished.connect(self._hide_pulses)

    # **** colours: the view follows the theme's palette ****

    def _apply_palette(self) -> None:
        """Background and badge text from the palette (light or dark theme)."""
        palette = self.palette()
        self.setBackgroundBrush(QBrush(palette.color(QPalette.Base)))
        self.text_colour = palette.color(QPalette.Text)
        for item in getattr(self, "_nodes", {}).values():
            item.badge.setBrush(QBrush(self.text_colour))

    def changeEvent(self, event):
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange,
                            QEvent.StyleChange):
            self._apply_palette()
        super().changeEvent(event)

    # **** building ****

    def set_graph(self, source) -> None:
        """Draw ``source``: a node (usually the loss: its ancestors are drawn), a Graph
        or a list of nodes. Replaces what was drawn; the items are made here, once."""
        self._animation.stop()
        self.scene().clear()
        self._nodes, self._edges, self._pulses = {}, {}, []
        self.source = source
        nodes = graph_nodes(source)
        consumed = {a for a, _ in graph_edges(nodes)}
        sinks = [n for n in nodes if n not in consumed]
        self.loss = sinks[0] if len(sinks) == 1 else None
        title = QFontMetricsF(_font(TITLE_PX, bold=True))
        detail = QFontMetricsF(_font(DETAIL_PX))
        layout = layout_graph(
            nodes, lambda n: node_width(n, node_kind(n, self.loss), title, detail))
        self.layout = layout
        for node in layout.nodes:
            item = NodeItem(node, node_kind(node, self.loss), layout.size(node), self)
            item.setPos(*layout.positions[node])
            self.scene().addItem(item)
            self._nodes[node] = item
        for input_node, consumer in layout.edges:
            slots = [i for i, n in enumerate(consumer.input_nodes) if n is input_node]
            inputs = len(dict.fromkeys(consumer.input_nodes))
            order = list(dict.fromkeys(consumer.input_nodes)).index(input_node)
            port = (order - (inputs - 1) / 2) * PORT_SPREAD
            edge = EdgeItem(self._nodes[input_node], self._nodes[consumer], port)
            edge.slots = slots
            self.scene().addItem(edge)
            self.scene().addItem(edge.label)
            self._edges[(input_node, consumer)] = edge
        x, y, w, h = layout.bounds()
        self.scene().setSceneRect(QRectF(x, y, w, h).adjusted(
            -FIT_MARGIN * 4, -FIT_MARGIN * 4, FIT_MARGIN * 4, FIT_MARGIN * 4))
        self.fit_readable(self.loss)

    def nodes(self) -> list:
        """The nodes drawn, inputs before consumers."""
        return list(self._nodes)

    def edges(self) -> list:
        """The (input node, consumer) edges drawn."""
        return list(self._edges)

    def node_item(self, node) -> NodeItem:
        return self._nodes[node]

    def edge_item(self, input_node, consumer) -> EdgeItem:
        return self._edges[(input_node, consumer)]

    def edge_label(self, input_node, consumer) -> str:
        """The text written on an edge now ('' if none)."""
        edge = self._edges[(input_node, consumer)]
        return edge.label_text.text() if edge.label.isVisible() else ""

    # **** state, driven by the player ****

    def set_shapes(self, shapes: dict) -> None:
        """node -> shape text, shown under each node's name."""
        for node, item in self._nodes.items():
            item.set_shape_text(shapes.get(node, ""))

    def apply_state(self, node_states=None, badges=None, edge_states=None, labels=None):
        """Set every node's and edge's state at once; what is not given is reset.

        Args:
            node_states: node -> "queued" | "current" | "done" (others: "idle").
            badges: node -> text under the node.
            edge_states: (input, consumer) -> "active" | "flowed" (others: "idle").
            labels: (input, consumer) -> (text, tooltip) written on the edge.
        """
        node_states = node_states or {}
        badges = badges or {}
        edge_states = edge_states or {}
        labels = labels or {}
        for node, item in self._nodes.items():
            item.set_state(node_states.get(node, "idle"))
            item.set_badge(badges.get(node, ""))
        for key, edge in self._edges.items():
            edge.set_state(edge_states.get(key, "idle"))
            text, tooltip = labels.get(key, ("", ""))
            edge.set_label(text, tooltip)
        if not self._text_visible:
            self._set_text_visible(False, force=True)

    def tooltip_for(self, node) -> str:
        """The tooltip of a node: ``tooltip_provider(node)`` if set, else its name and op."""
        if self.tooltip_provider is not None:
            return self.tooltip_provider(node)
        return f"{node.name} ({node.op_type}, {node.kind})"

    # **** the pulse: a dot running along the edges a value flows on ****

    def pulse(self, edges, duration_ms: int = 500, against_data: bool = True) -> None:
        """Run a dot along each edge, from consumer to input if ``against_data``."""
        self._animation.stop()
        edges = [self._edges[e] for e in edges if e in self._edges]
        while len(self._pulses) < len(edges):
            dot = QGraphicsEllipseItem(-PULSE_RADIUS, -PULSE_RADIUS,
                                       2 * PULSE_RADIUS, 2 * PULSE_RADIUS)
            dot.setBrush(QBrush(QColor(PULSE_COLOUR)))
            dot.setPen(QPen(QColor("white"), 1.5))
            dot.setZValue(4)
            dot.setVisible(False)
            self.scene().addItem(dot)
            self._pulses.append(dot)
        self._hide_pulses()
        self._pulse_edges = edges
        self._pulse_reverse = against_data
        if not edges or duration_ms <= 0:
            return
        self._animation.setDuration(int(duration_ms))
        self._move_pulses(0.0)
        self._animation.start()

    def _move_pulses(self, t) -> None:
        t = float(t)
        for dot, edge in zip(self._pulses, self._pulse_edges):
            dot.setPos(edge.path().pointAtPercent(1.0 - t if self._pulse_reverse else t))
            dot.setVisible(True)

    def _hide_pulses(self) -> None:
        for dot in self._pulses:
            dot.setVisible(False)

    # **** navigation ****

    def fit(self) -> None:
        """Zoom and scroll so that the whole graph is visible."""
        self._fit_mode = "all"
        self._fit_all()

    def fit_readable(self, focus=None) -> None:
        """The whole graph if it fits at a readable zoom, else a readable part of it
        centred on ``focus``, which ``follow`` then keeps in view."""
        self._fit_mode = "readable"
        self._focus = focus
        self._fit_all()
        if self.transform().m11() < READABLE_SCALE:
            self.resetTransform()
            self.scale(READABLE_SCALE, READABLE_SCALE)
            if focus in self._nodes:
                self.centerOn(self._nodes[focus])
            self._update_detail()

    def follow(self, node) -> None:
        """Scroll, if needed, so that ``node`` is in view (the player's current step)."""
        self._focus = node
        item = self._nodes.get(node)
        if item is not None:
            self.ensureVisible(item, 30, 30)

    def _fit_all(self) -> None:
        if self.layout is None:
            return
        x, y, w, h = self.layout.bounds()
        self.fitInView(QRectF(x, y, w, h).adjusted(-FIT_MARGIN, -FIT_MARGIN,
                                                   FIT_MARGIN, FIT_MARGIN + 16),
                       Qt.KeepAspectRatio)
        if self.transform().m11() > 1.6:  # a tiny graph: do not blow it up
            self.resetTransform()
            self.scale(1.6, 1.6)
            self.centerOn(x + w / 2, y + h / 2)
        self._update_detail()

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor``, within limits."""
        scale = self.transform().m11()
        factor = max(MIN_SCALE / scale, min(MAX_SCALE / scale, factor))
        self.scale(factor, factor)
        self._update_detail()

    def wheelEvent(self, event):
        steps = event.angleDelta().y() / 120.0
        if steps:
            self._fit_mode = None
            self.zoom(ZOOM_STEP ** steps)
        event.accept()

    def mouseDoubleClickEvent(self, event):
        if self.itemAt(event.position().toPoint()) is None:
            self.fit()
        else:
            super().mouseDoubleClickEvent(event)

    def mousePressEvent(self, event):
        super().mousePressEvent(event)
        if event.button() == Qt.LeftButton and self.itemAt(event.position().toPoint()) is None:
            self.scene().clearSelection()

    def mouseMoveEvent(self, event):
        if event.buttons() & Qt.LeftButton:
            self._fit_mode = None  # the user pans: stop re-fitting on resize
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event):
        if event.key() == Qt.Key_F:
            self.fit()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self._fit_mode == "all":
            self._fit_all()
        elif self._fit_mode == "readable":
            self.fit_readable(self._focus)
        self._update_detail()

    def _update_detail(self) -> None:
        visible = self.transform().m11() >= TEXT_MIN_SCALE
        if visible != self._text_visible:
            self._set_text_visible(visible)

    def _set_text_visible(self, visible: bool, force: bool = False) -> None:
        # Far out, text is unreadable and slow to draw: keep the shapes only.
        self._text_visible = visible
        for item in self._nodes.values():
            item.title.setVisible(visible)
            item.detail.setVisible(visible)
            item.badge.setVisible(visible)
        for edge in self._edges.values():
            edge.label_text.setVisible(visible)

    # **** selection ****

    def select_node(self, node) -> None:
        """Select ``node`` (None: clear the selection), as a click would."""
        self.scene().clearSelection()
        if node is not None:
            self._nodes[node].setSelected(True)

    def selected_node(self):
        items = [i for i in self.scene().selectedItems() if isinstance(i, NodeItem)]
        return items[0].node if items else None

    def _selection_changed(self, item: NodeItem, selected: bool) -> None:
        if selected:
            for other in self.scene().selectedItems():
                if other is not item:
                    other.setSelected(False)
            self.nodeSelected.emit(item.node)
        elif not self.scene().selectedItems():
            self.nodeSelected.emit(None)
