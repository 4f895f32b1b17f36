"""Where each node of a computational graph goes on the screen (Qt-free, pure functions).

A layered drawing, data flowing left to right: placeholders and Variables on the left,
the loss on the right. Three stages, each a function the tests call directly:

1. ``assign_layers``: longest-path layering (a node sits one layer right of its
   deepest input), then every source (placeholder, Variable, constant) is pulled right
   to just before its first consumer, so that ``b`` sits beside ``matmul`` rather
   than far away at the left edge.
2. ``order_layers``: barycentre ordering, alternating sweeps: each node moves to the
   mean position of its neighbours in the layers already ordered, which removes most
   edge crossings.
3. ``assign_coordinates``: each layer is a column as wide as its widest node; nodes
   slide towards the mean height of their neighbours (straight edges) but never closer
   than one row apart, so no two nodes overlap.

Nodes are as wide as their labels need (``estimate_node_width``, or a function the
caller passes: the Qt view measures with its real fonts), never narrower than
``NODE_WIDTH``, so that a long name such as ``softmax_cross_entropy`` is not shrunk.

``layout_graph`` runs the three and returns a ``Layout``.
"""

from __future__ import annotations

from dataclasses import dataclass

from gdviz.engine import Graph, Node
from gdviz.engine.session import traverse_postorder

__all__ = [
    "NODE_WIDTH",
    "NODE_HEIGHT",
    "Layout",
    "estimate_node_width",
    "graph_nodes",
    "graph_edges",
    "assign_layers",
    "order_layers",
    "assign_coordinates",
    "layout_graph",
    "count_crossings",
    "rects_overlap",
]

# The narrowest a node gets, and the gaps: compact, so that an MLP's graph fits a
# 900-pixel-wide view with its smallest text (13 units in gdviz.ui.graph.graph_items)
# still 9 pixels high on screen. Nodes with longer names are wider.
NODE_WIDTH = 64.0
NODE_HEIGHT = 58.0
# Between columns: the arrows. The numbers on the edges go to free spots near them
# (gdviz.ui.graph.label_placement), so the gap need not hold them.
LAYER_GAP = 26.0
ROW_GAP = 54.0  # vertical room between two nodes of a column: the text under a node (3 lines)
ORDER_SWEEPS = 6
COORDINATE_SWEEPS = 6
_SOURCE_KINDS = ("placeholder", "Variable", "constant")
# A Qt-free guess at the node's title (bold, 14 px in the view): a mean advance per
# character, on the generous side so that the estimate rarely falls short.
TITLE_CHAR_WIDTH = 9.0
TEXT_MARGIN = 5.0  # kept on each side between a label and the node's outline


@dataclass(frozen=True)
class Layout:
    """Node centres in scene units, x growing to the right and y downwards.

    Attributes:
        nodes: the nodes laid out, in post-order (inputs before consumers).
        edges: (input node, consumer) pairs, one per distinct data edge.
        layers: node -> column index (0 is the leftmost).
        positions: node -> (x, y) centre.
        widths: node -> width of its rectangle.
        node_height: the height of every node's rectangle.
    """

    nodes: tuple
    edges: tuple
    layers: dict
    positions: dict
    widths: dict
    node_height: float = NODE_HEIGHT

    def size(self, node: Node) -> tuple:
        """The node's (width, height)."""
        return (self.widths[node], self.node_height)

    def rect(self, node: Node) -> tuple:
        """The node's rectangle as (left, top, width, height)."""
        x, y = self.positions[node]
        w, h = self.widths[node], self.node_height
        return (x - w / 2, y - h / 2, w, h)

    def bounds(self) -> tuple:
        """(left, top, width, height) of the rectangle holding every node."""
        rects = [self.rect(n) for n in self.nodes]
        if not rects:
            return (0.0, 0.0, 0.0, 0.0)
        left = min(r[0] for r in rects)
        top = min(r[1] for r in rects)
        right = max(r[0] + r[2] for r in rects)
        bottom = max(r[1] + r[3] for r in rects)
        return (left, top, right - left, bottom - top)


def estimate_node_width(node: Node) -> float:
    """A width that holds ``node``'s name, from its length alone (no fonts needed).

    Args:
        node: the node drawn.

    Returns:
        At least ``NODE_WIDTH``; wider for names longer than about ten characters.
    """
    return max(NODE_WIDTH, len(node.name) * TITLE_CHAR_WIDTH + 2 * TEXT_MARGIN)


def graph_nodes(source) -> list:
    """The nodes to draw for ``source``, inputs before consumers.

    Args:
        source: a node (its ancestors and itself are drawn: pass the loss), a
            ``Graph`` (all its nodes), or an iterable of nodes.

    Returns:
        The nodes in post-order. Optimizer ops (kind "optimizer", made by
        ``minimize``) are left out: they are not part of the computation drawn.
    """
    if isinstance(source, Node):
        nodes = traverse_postorder(source)
    elif isinstance(source, Graph):
        seen, nodes = set(), []
        for node in source.nodes:
            for n in traverse_postorder(node):
                if n not in seen:
                    seen.add(n)
                    nodes.append(n)
    else:
        nodes = list(source)
    return [n for n in nodes if n.kind != "optimizer"]


def graph_edges(nodes) -> list:
    """(input node, consumer) for each distinct data edge between ``nodes``."""
    members = set(nodes)
    edges = []
    for node in nodes:
        for input_node in dict.fromkeys(node.input_nodes):
            if input_node in members:
                edges.append((input_node, node))
    return edges


def assign_layers(nodes, edges) -> dict:
    """Longest-path layering with sources pulled next to their first consumer.

    Args:
        nodes: the nodes in post-order (inputs first).
        edges: (input node, consumer) pairs.

    Returns:
        node -> layer index; every edge goes from a lower layer to a higher one.
    """
    inputs = {n: [] for n in nodes}
    consumers = {n: [] for n in nodes}
    for a, b in edges:
        inputs[b].append(a)
        consumers[a].append(b)
    layer = {}
    for node in nodes:  # post-order: inputs are done first
        layer[node] = 1 + max((layer[i] for i in inputs[node]), default=-1)
    for node in nodes:
        if node.kind in _SOURCE_KINDS and consumers[node]:
            layer[node] = min(layer[c] for c in consumers[node]) - 1
    return layer


def order_layers(nodes, edges, layers, sweeps: int = ORDER_SWEEPS) -> list:
    """Order the nodes within each layer by barycentre sweeps.

    Args:
        nodes: the nodes, post-order; their order is the starting order.
        edges: (input node, consumer) pairs.
        layers: node -> layer index, from ``assign_layers``.
        sweeps: how many alternating left-to-right / right-to-left passes.

    Returns:
        A list of layers, each a list of nodes from top to bottom.
    """
    count = 1 + max(layers.values(), default=-1)
    columns = [[] for _ in range(count)]
    for node in nodes:
        columns[layers[node]].append(node)
    inputs = {n: [] for n in nodes}
    consumers = {n: [] for n in nodes}
    for a, b in edges:
        inputs[b].append(a)
        consumers[a].append(b)
    rank = {n: i for column in columns for i, n in enumerate(column)}

    def sweep(order, neighbours):
        for li in order:
            column = columns[li]
            keyed = []
            for i, node in enumerate(column):
                near = neighbours[node]
                # A node with no neighbours on this side keeps its place.
                bary = sum(rank[n] for n in near) / len(near) if near else i
                keyed.append((bary, i, node))
            keyed.sort(key=lambda k: (k[0], k[1]))
            columns[li] = [k[2] for k in keyed]
            for i, node in enumerate(columns[li]):
                rank[node] = i

    for s in range(sweeps):
        if s % 2 == 0:
            sweep(range(1, count), inputs)
        else:
            sweep(range(count - 2, -1, -1), consumers)
    return columns


def assign_coordinates(columns, edges, widths=None, node_height: float = NODE_HEIGHT,
                       layer_gap: float = LAYER_GAP, row_gap: float = ROW_GAP,
                       sweeps: int = COORDINATE_SWEEPS) -> dict:
    """Centres for ordered layers: columns left to right, rows at least a row apart.

    Args:
        columns: layers from ``order_layers``, each top to bottom.
        edges: (input node, consumer) pairs.
        widths: node -> width; a column is as wide as its widest node and its nodes
            are centred in it. None: every node is ``NODE_WIDTH`` wide.
        node_height: the height of a node.
        layer_gap: horizontal space between two columns.
        row_gap: minimum vertical space between two nodes of a column.
        sweeps: passes that pull nodes towards their neighbours' mean height.

    Returns:
        node -> (x, y) centre. The order within each column is kept.
    """
    step = node_height + row_gap
    neighbours = {n: [] for column in columns for n in column}
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    y = {}
    for column in columns:
        top = -(len(column) - 1) * step / 2
        for i, node in enumerate(column):
            y[node] = top + i * step
    for _ in range(sweeps):
        for column in columns:
            wanted = [
                sum(y[n] for n in neighbours[node]) / len(neighbours[node])
                if neighbours[node] else y[node]
                for node in column
            ]
            placed = _pack(wanted, step)
            for node, value in zip(column, placed):
                y[node] = value
    # Columns side by side, each as wide as its widest node: nodes of two columns
    # cannot overlap, whatever their widths. The first column's centre is at x = 0.
    centres, left = [], 0.0
    for column in columns:
        column_width = max((widths[n] if widths else NODE_WIDTH for n in column),
                           default=NODE_WIDTH)
        centres.append(left + column_width / 2)
        left += column_width + layer_gap
    shift = centres[0] if centres else 0.0
    return {
        node: (centres[li] - shift, y[node])
        for li, column in enumerate(columns)
        for node in column
    }


def _pack(wanted, step):
    """Heights as close to ``wanted`` as possible, in order, at least ``step`` apart.

    Pushes down from the top, then shifts the whole column so that on average the
    nodes sit where they want to be.
    """
    placed = []
    for value in wanted:
        placed.append(value if not placed else max(value, placed[-1] + step))
    shift = sum(w - p for w, p in zip(wanted, placed)) / len(placed) if placed else 0.0
    return [p + shift for p in placed]


def layout_graph(source, node_width=estimate_node_width,
                 node_height: float = NODE_HEIGHT) -> Layout:
    """Lay out a graph: layers, order within layers, then coordinates.

    Args:
        source: a node (usually the loss: its ancestors are drawn), a Graph or a
            list of nodes; see ``graph_nodes``.
        node_width: node -> width of its rectangle. The default guesses from the
            name's length; a view passes one that measures its labels.
        node_height: the height of every node's rectangle.

    Returns:
        The ``Layout``.
    """
    nodes = graph_nodes(source)
    edges = graph_edges(nodes)
    widths = {n: float(node_width(n)) for n in nodes}
    for node, width in widths.items():
        if not width > 0:
            raise ValueError(f"node_width gave {width} for node {node.name!r}: "
                             "widths must be positive numbers")
    layers = assign_layers(nodes, edges)
    columns = order_layers(nodes, edges, layers)
    positions = assign_coordinates(columns, edges, widths, node_height)
    return Layout(tuple(nodes), tuple(edges), layers, positions, widths, node_height)


def count_crossings(layout: Layout) -> int:
    """How many pairs of edges between the same two adjacent columns cross."""
    by_columns = {}
    for a, b in layout.edges:
        key = (layout.layers[a], layout.layers[b])
        by_columns.setdefault(key, []).append(
            (layout.positions[a][1], layout.positions[b][1])
        )
    crossings = 0
    for segments in by_columns.values():
        for i, (a0, b0) in enumerate(segments):
            for a1, b1 in segments[i + 1:]:
                if (a0 - a1) * (b0 - b1) < 0:
                    crossings += 1
    return crossings


def rects_overlap(r1, r2) -> bool:
    """Whether two (left, top, width, height) rectangles share any area."""
    return (
        r1[0] < r2[0] + r2[2] and r2[0] < r1[0] + r1[2]
        and r1[1] < r2[1] + r2[3] and r2[1] < r1[1] + r1[3]
    )
