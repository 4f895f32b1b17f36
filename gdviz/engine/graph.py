"""Graph and its nodes: placeholder, Variable, Constant and the Operation base class.

A node knows its ``input_nodes`` (what it reads) and its ``consumers`` (who reads
it). A consumer appears once in ``consumers`` per input slot it occupies, as in the
tutorial: ``multiply(x, x)`` makes ``x.consumers == [mul, mul]``.

The values of a run belong to the run: ``Session.run`` fills a ``RunRecord``
(node -> value). ``node.output`` and ``op.inputs``, which the tutorial's gradient
functions read, are a mirror of the calling thread's latest record of the graph,
so two threads may run one graph, each seeing its own values.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections import defaultdict

import numpy as np

__all__ = [
    "Graph",
    "Node",
    "placeholder",
    "Variable",
    "Constant",
    "Operation",
    "RunRecord",
    "get_default_graph",
    "as_node",
    "traverse_postorder",
    "live_graphs",
]


class RunRecord:
    """The values of one run of a graph: ``values[node]`` is the node's output."""

    __slots__ = ("values",)

    def __init__(self):
        self.values: dict[Node, np.ndarray] = {}

    def inputs_of(self, op: "Operation") -> tuple:
        """The values ``op`` was computed from in this run."""
        return tuple(map(self.values.__getitem__, op.input_nodes))


# The default graph is per thread, so that two threads building models at once never
# put nodes into each other's graph.
_thread = threading.local()


def get_default_graph() -> "Graph":
    """The graph that nodes created now, in this thread, join."""
    graph = getattr(_thread, "graph", None)
    if graph is None:
        graph = _thread.graph = Graph()
    return graph


# Every Graph of this process that is still alive, by the order it was made. Weak: a graph
# nobody holds is not kept. gdviz.scripts reads it to find the graphs a learner's script
# built, whether or not the script kept them as the default.
_live_graphs: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
_graph_numbers = itertools.count()


def live_graphs() -> list["Graph"]:
    """The graphs of this process that are still alive, oldest first."""
    return [graph for _, graph in sorted(_live_graphs.items(), key=lambda item: item[0])]


class Graph:
    """A computational graph: the nodes created while it is the default graph.

    ``Graph().as_default()`` makes it the graph new nodes join, as in the tutorial;
    ``with Graph() as g:`` does the same for the block and restores the previous
    default afterwards. Each thread has its own default graph.
    """

    def __init__(self):
        self.operations: list[Operation] = []
        self.placeholders: list[placeholder] = []
        self.variables: list[Variable] = []
        self.constants: list[Constant] = []
        self._name_counts: dict[str, int] = defaultdict(int)
        self._names: set[str] = set()
        self._previous_defaults: list[Graph] = []
        self._latest = threading.local()  # each thread's latest RunRecord of this graph
        _live_graphs[next(_graph_numbers)] = self

    def as_default(self) -> "Graph":
        """Make this the graph that new nodes join (in this thread). Returns the graph."""
        _thread.graph = self
        return self

    def __enter__(self) -> "Graph":
        self._previous_defaults.append(get_default_graph())
        return self.as_default()

    def __exit__(self, *exc_info) -> None:
        self._previous_defaults.pop().as_default()

    @property
    def latest_run(self) -> RunRecord | None:
        """This thread's latest run of the graph (None before the first)."""
        return getattr(self._latest, "record", None)

    @latest_run.setter
    def latest_run(self, record: RunRecord) -> None:
        self._latest.record = record

    @property
    def nodes(self) -> list["Node"]:
        """Every node of the graph: placeholders, Variables, constants, operations."""
        return [*self.placeholders, *self.variables, *self.constants, *self.operations]

    def unique_name(self, base: str) -> str:
        """A display name not yet used in this graph: ``base``, then ``base_1``, ..."""
        name = base
        while name in self._names:
            self._name_counts[base] += 1
            name = f"{base}_{self._name_counts[base]}"
        self._names.add(name)
        return name

    def __repr__(self) -> str:
        return (
            f"<Graph: {len(self.placeholders)} placeholders, {len(self.variables)} "
            f"Variables, {len(self.operations)} operations>"
        )


class Node:
    """What every node has: a graph, a display name, inputs and consumers."""

    kind = "node"
    input_nodes: list["Node"] = []

    def __init__(self, name: str | None = None, default_name: str | None = None):
        self.graph = get_default_graph()
        self.name = self.graph.unique_name(name or default_name or type(self).__name__)
        self.consumers: list[Operation] = []

    @property
    def op_type(self) -> str:
        """The node's type as the gradient registry knows it, e.g. ``"matmul"``."""
        return type(self).__name__

    @property
    def output(self):
        """The node's value in this thread's latest run of its graph (None if none)."""
        record = getattr(self.graph._latest, "record", None)
        return None if record is None else record.values.get(self)

    @output.setter
    def output(self, value) -> None:
        record = self.graph.latest_run
        if record is None:
            record = self.graph.latest_run = RunRecord()
        record.values[self] = value

    def __repr__(self) -> str:
        return f"<{self.op_type} '{self.name}'>"


class placeholder(Node):
    """A node whose value is given at run time through ``feed_dict``."""

    kind = "placeholder"

    def __init__(self, name: str | None = None):
        super().__init__(name)
        self.graph.placeholders.append(self)


class Variable(Node):
    """A trainable parameter. ``value`` is a float array, updated in place by optimizers."""

    kind = "Variable"

    def __init__(self, initial_value=None, name: str | None = None):
        super().__init__(name)
        self.value = None if initial_value is None else _float_array(initial_value)
        self.graph.variables.append(self)


def _float_array(value) -> np.ndarray:
    """A copy of ``value`` as a float array: float64 unless it already is floating
    (a float32 model, such as the boundary grid's, stays float32)."""
    value = np.array(value)
    return value if value.dtype.kind == "f" else value.astype(np.float64)


class Constant(Node):
    """A fixed value: plain numbers, lists and arrays given as op inputs become these."""

    kind = "constant"

    def __init__(self, value, name: str | None = None):
        super().__init__(name, default_name="const")
        self.value = np.array(value, dtype=float)
        self.value.flags.writeable = False
        self.graph.constants.append(self)


def as_node(value) -> Node:
    """``value`` itself if it is a node, else a new Constant holding it."""
    return value if isinstance(value, Node) else Constant(value)


class Operation(Node):
    """A node that computes its output from its inputs' values.

    Subclasses implement ``compute(*input_values)`` and register a gradient with
    ``@RegisterGradient("their_class_name")``.
    """

    kind = "operation"
    #: The local-derivative rule for each input, in symbols, for the visualiser:
    #: G is the gradient arriving at the op's output.
    grad_rules: tuple[str, ...] = ()

    def __init__(self, input_nodes=(), name: str | None = None):
        super().__init__(name)
        self.input_nodes = [as_node(n) for n in input_nodes]
        for input_node in self.input_nodes:
            input_node.consumers.append(self)
        self.graph.operations.append(self)

    @property
    def inputs(self) -> tuple:
        """The input values of this thread's latest run, as the tutorial's ``op.inputs``."""
        record = getattr(self.graph._latest, "record", None)
        return () if record is None else record.inputs_of(self)

    def compute(self, *input_values):
        """Compute the output from the input values. Subclasses implement it."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement compute(*input_values)"
        )


def traverse_postorder(operation: Node) -> list[Node]:
    """Every ancestor of ``operation`` (and itself), each once, inputs before consumers.

    The tutorial recurses; this walks with an explicit stack and a visited set, so a
    diamond is visited once per node and a chain thousands of nodes deep does not hit
    Python's recursion limit.
    """
    order: list[Node] = []
    visited = {operation}
    stack = [(operation, iter(operation.input_nodes))]
    while stack:
        node, inputs = stack[-1]
        for input_node in inputs:
            if input_node not in visited:
                visited.add(input_node)
                stack.append((input_node, iter(input_node.input_nodes)))
                break
        else:
            stack.pop()
            order.append(node)
    return order
