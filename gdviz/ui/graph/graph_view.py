"""The computational-graph view: nodes and edges of a gdviz.engine graph, on a QGraphicsView.

The positions come from ``gdviz.lesson.graph_layout`` (Qt-free); each node is as wide as its
name and op need at the default fonts (``graph_items.node_width``). Items are created once
per graph by ``set_graph``; the player then only changes their state (``apply_state``),
labels and pulses, so stepping is cheap.

Readable at any window size: Fit shows the whole graph (with the text under the nodes
and room for the numbers on the edges) but never below the zoom at which the smallest
text is ``MIN_TEXT_PX`` on screen; a graph too big for that is shown at that zoom,
centred on the node being worked on, with scroll bars. Edge labels go to a free spot
near their edge (``label_placement``), never over a node.

Node states: ``idle``, ``queued`` (in the backprop queue), ``current`` (being
dequeued or evaluated), ``done`` (its gradient or value is known). Edge states:
``idle``, ``active`` (a value flows along it in this step), ``flowed`` (it did earlier).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView

from gdviz.lesson.graph_layout import LAYER_GAP, graph_edges, graph_nodes, layout_graph
from gdviz.ui.graph.graph_items import (
    BADGE_GAP,
    BADGE_PX,
    SMALL_PX,
    TITLE_PX,
    DETAIL_PX,
    EdgeItem,
    NodeItem,
    font,
    node_kind,
    node_width,
)
from gdviz.ui.graph.label_placement import place_labels
from gdviz.ui.graph.pulse import EdgePulse

PORT_SPREAD = 16.0  # vertical distance between the arrival points of an op's inputs
ZOOM_STEP = 1.15
MIN_SCALE, MAX_SCALE = 0.02, 6.0
TEXT_MIN_SCALE = 0.35  # zoomed out below this, text would be unreadable: hide it
MIN_TEXT_PX = 9.0  # Fit never makes the smallest text smaller than this on screen
READABLE_SCALE = MIN_TEXT_PX / SMALL_PX
MAX_FIT_SCALE = 1.6  # a tiny graph is not blown up
FIT_MARGIN = 10.0
BADGE_LINES = 3  # the text under a node wraps onto at most about this many lines
LABEL_ROOM = 30.0  # above the top row: room for the numbers on its edges
MARK_COLOURS = {"ok": "#2f9e44", "borderline": "#f59f00", "wrong": "#e03131"}  # mark_nodes


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
        # No BSP index: the player moves and shows labels at every step, and a BSP tree
        # over a 1000-node graph took a second to rebuild; a linear scan of the items
        # in C++ costs well under a millisecond per paint.
        self.scene().setItemIndexMethod(QGraphicsScene.NoIndex)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.text_colour = QColor("#1f2329")  # for the badges under the nodes
        self._apply_palette()
        # Fit leaves no scroll bars when the graph fits; they show that there is more
        # when it does not (dragging pans too).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.layout = None
        self.source = None
        self.loss = None
        self._nodes = {}
        self._edges = {}
        self._marks = {}  # node -> (level, text, marker item): see mark_nodes
        self._text_visible = True
        self.tooltip_provider = None
        self._fit_mode = None  # "fit": redone when the view is resized
        self._label_keys, self._label_required = [], set()  # the labels shown, by priority
        self._focus = None
        self._pulse = EdgePulse(self.scene(), self)

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
        self._pulse.forget()
        self.scene().clear()
        self._nodes, self._edges, self._marks = {}, {}, {}
        self._label_keys, self._label_required = [], set()
        self.source = source
        nodes = graph_nodes(source)
        consumed = {a for a, _ in graph_edges(nodes)}
        sinks = [n for n in nodes if n not in consumed]
        self.loss = sinks[0] if len(sinks) == 1 else None
        title = QFontMetricsF(font(TITLE_PX, bold=True))
        detail = QFontMetricsF(font(DETAIL_PX))
        layout = layout_graph(
            nodes, lambda n: node_width(n, node_kind(n, self.loss), title, detail))
        self.layout = layout
        column_widths = {}
        for node in layout.nodes:
            layer = layout.layers[node]
            column_widths[layer] = max(column_widths.get(layer, 0.0), layout.widths[node])
        for node in layout.nodes:
            # A badge may spread over the gap on either side, not into the next column.
            badge_width = column_widths[layout.layers[node]] + LAYER_GAP - 8
            item = NodeItem(node, node_kind(node, self.loss), layout.size(node), self, badge_width)
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
            for item in (edge, edge.label, edge.leader):
                self.scene().addItem(item)
            self._edges[(input_node, consumer)] = edge
        self.setSceneRect(self.fit_rect())
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
            labels: (input, consumer) -> (text, tooltip) written on the edge. The
                labels of active edges are placed first; a label with no free spot
                near its edge is left out (its tooltip stays on the edge).
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
        # The current step's labels first, then the most recent earlier ones.
        wanted = [k for k in reversed(list(labels)) if k in self._edges and labels[k][0]]
        wanted.sort(key=lambda k: edge_states.get(k) != "active")
        self._place_labels(wanted, {k for k in wanted if edge_states.get(k) == "active"})
        if not self._text_visible:
            self._set_text_visible(False, force=True)

    def _place_labels(self, keys=None, required=None) -> None:
        """Put the labels of ``keys`` (edges, in order of priority) at free spots; the
        ``required`` ones (the current step's) wherever there is room in view."""
        if keys is None:  # the view moved or was resized: the same labels again
            keys, required = self._label_keys, self._label_required
        self._label_keys, self._label_required = keys, required or set()
        obstacles = []
        for item in self._nodes.values():
            for rect in (item.sceneBoundingRect(), item.badge_scene_rect()):
                if not rect.isEmpty():
                    obstacles.append((rect.x(), rect.y(), rect.width(), rect.height()))
        area = self._label_area()
        edges = [self._edges[k] for k in keys]
        spots = place_labels(
            [(e.label_size(), e.anchors(), k in self._label_required) for k, e in zip(keys, edges)],
            obstacles, (area.x(), area.y(), area.width(), area.height()))
        placed = dict(zip(map(id, edges), spots))
        for edge in self._edges.values():
            edge.place_label(placed.get(id(edge)))

    def _label_area(self) -> QRectF:
        """Where labels may go: what Fit shows, and, once fitted, all the view shows
        (a wide graph leaves room above and below it)."""
        area = self.fit_rect()
        if self._fit_mode == "fit":
            area = area.united(self.mapToScene(self.viewport().rect()).boundingRect())
        return area

    def tooltip_for(self, node) -> str:
        """The tooltip of a node: ``tooltip_provider(node)`` if set, else its name and op."""
        if self.tooltip_provider is not None:
            return self.tooltip_provider(node)
        return f"{node.name} ({node.op_type}, {node.kind})"

    # **** marks: a verdict on each node (the gradient check's) ****

    def mark_nodes(self, marks: dict) -> None:
        """Tint nodes by a verdict and write a short text on a tag at their top-right.

        Args:
            marks: node -> (level, text), level one of MARK_COLOURS ("ok", "borderline",
                "wrong"). Replaces every earlier mark; {} clears them.
        """
        for _, _, tag in self._marks.values():
            self.scene().removeItem(tag)
        self._marks = {}
        for node, (level, text) in marks.items():
            item = self._nodes.get(node)
            if item is None:
                continue
            colour = QColor(MARK_COLOURS[level])
            tag = QGraphicsSimpleTextItem(text)
            tag.setFont(font(SMALL_PX, bold=True))
            tag.setBrush(QBrush(QColor("white")))
            box = QGraphicsRectItem(tag.boundingRect().adjusted(-3, -1, 3, 1), item)
            box.setBrush(QBrush(colour))
            box.setPen(QPen(colour.darker(130), 1))
            tag.setParentItem(box)
            w, h = item._size
            box.setPos(w / 2 - box.rect().width() + 3, -h / 2 - box.rect().height() + 3)
            box.setZValue(4)
            box.setToolTip(text)
            self._marks[node] = (level, text, box)

    def node_marks(self) -> dict:
        """node -> (level, text) of the marks shown (``mark_nodes``)."""
        return {node: (level, text) for node, (level, text, _) in self._marks.items()}

    # **** the pulse: a dot running along the edges a value flows on ****

    def pulse(self, edges, duration_ms: int = 500, against_data: bool = True) -> None:
        """Run a dot along each edge, from consumer to input if ``against_data``."""
        self._pulse.run([self._edges[e] for e in edges if e in self._edges], duration_ms, against_data)

    # **** navigation ****

    def fit_rect(self) -> QRectF:
        """What Fit shows: every node, room for the text under the nodes and for the
        numbers on the edges, and anything drawn beyond that now."""
        if self.layout is None:
            return QRectF()
        x, y, w, h = self.layout.bounds()
        badge_room = BADGE_GAP + BADGE_LINES * QFontMetricsF(font(BADGE_PX)).lineSpacing()
        rect = QRectF(x, y, w, h).adjusted(-FIT_MARGIN, -FIT_MARGIN - LABEL_ROOM,
                                           FIT_MARGIN, FIT_MARGIN + badge_room)
        for item in self._nodes.values():
            rect = rect.united(item.badge_scene_rect()) if item.badge_text() else rect
        return rect

    def fit(self, focus=None) -> None:
        """Show the whole graph, or, when that would make its text smaller than
        ``MIN_TEXT_PX``, as much of it as fits at that size, centred on ``focus``
        (the loss if None); scroll bars then reach the rest."""
        self._fit_mode = "fit"
        self._focus = focus if focus is not None else self._focus
        self._fit_all()

    def fit_readable(self, focus=None) -> None:
        """``fit``, centred on ``focus`` when the graph does not fit; ``follow`` then
        keeps the player's node in view."""
        self.fit(focus)

    def fits(self) -> bool:
        """Whether the whole graph is in view at a readable size."""
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        return visible.adjusted(-1, -1, 1, 1).contains(self.fit_rect())

    def follow(self, node) -> None:
        """Scroll, if needed, so that ``node`` and its badge are in view (the player's
        current step)."""
        self._focus = node
        item = self._nodes.get(node)
        if item is not None:
            rect = item.sceneBoundingRect().united(item.badge_scene_rect())
            self.ensureVisible(rect, 20, 20)

    def _fit_all(self) -> None:
        if self.layout is None:
            return
        rect = self.fit_rect()
        self.setSceneRect(rect)
        port = self.viewport().rect()
        # The scroll bars' room counts as the view's: at a fitting zoom they go away.
        width = port.width() + (self.verticalScrollBar().width() if self.verticalScrollBar().isVisible() else 0)
        height = port.height() + (self.horizontalScrollBar().height()
                                  if self.horizontalScrollBar().isVisible() else 0)
        scale = min((width - 4) / rect.width(), (height - 4) / rect.height(), MAX_FIT_SCALE)
        self.resetTransform()
        if scale >= READABLE_SCALE:
            self.scale(scale, scale)
            self.centerOn(rect.center())
        else:
            self.scale(READABLE_SCALE, READABLE_SCALE)
            focus = self._nodes.get(self._focus) or self._nodes.get(self.loss)
            self.centerOn(focus if focus is not None else rect.center())
        self._update_detail()
        self._place_labels()

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
        if self._fit_mode == "fit":
            self._fit_all()  # places the labels again too
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
