"""Graph and its nodes: placeholder, Variable, Constant and the Operation base class.

A node knows its ``input_nodes`` (what it reads) and its ``consumers`` (who reads
it). A consumer appears once in ``consumers`` per input slot it occupies, as in the
tutorial: ``multiply(x, x)`` makes ``x.consumers == [mul, mul]``.
"""

from __future__ import annotations

import threading
from collections import defaultdict

import numpy as np

__all__ = [
    "Graph",
    "Node",
    "placeholder",
    "Variable",
    "Constant",
    "Operation",
    "get_default_graph",
    "as_node",
]


class Graph:
    """A computational graph: the nodes created while it is the default graph.

    ``Graph().as_default()`` makes it the graph new nodes join, as in the tutorial;
    ``with Graph() as g:`` does the same for the block and restores the previous
    default afterwards.
    """

    def __init__(self):
        self.operations: list[Operation] = []
        self.placeholders: list[placeholder] = []
        self.variables: list[Variable] = []
        self.constants: list[Constant] = []
        self._name_counts: dict[str, int] = defaultdict(int)
        self._names: set[str] = set()
        self._previous_defaults: list[Graph] = []
        # Held while a Session runs a fetch of this graph: a graph belongs to one
        # thread at a time (see gdviz.engine's docstring).
        self._run_lock = threading.RLock()

    def as_default(self) -> "Graph":
        """Make this the graph that new nodes join. Returns the graph itself."""
        global _default_graph
        _default_graph = self
        return self

    def __enter__(self) -> "Graph":
        self._previous_defaults.append(_default_graph)
        return self.as_default()

    def __exit__(self, *exc_info) -> None:
        self._previous_defaults.pop().as_default()

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


_default_graph = Graph()


def get_default_graph() -> Graph:
    """The graph that nodes created now join."""
    return _default_graph


class Node:
    """What every node has: a graph, a display name, inputs and consumers.

    ``output`` holds the node's value from the latest ``Session.run`` of this graph;
    ``inputs`` (operations only) the values it was computed from.
    """

    kind = "node"
    input_nodes: list["Node"] = []

    def __init__(self, name: str | None = None, default_name: str | None = None):
        self.graph = _default_graph
        self.name = self.graph.unique_name(name or default_name or type(self).__name__)
        self.consumers: list[Operation] = []
        # Every attribute a run sets exists from the start: instances of one class
        # then share their attribute layout, which keeps attribute access fast.
        self.output = None  # the value of the latest run
        self.inputs = ()  # an operation's input values in the latest run
        self._plan = None  # Session's execution plan for this node as a fetch
        self._backward_plans = {}  # backprop plans with this node as the loss

    @property
    def op_type(self) -> str:
        """The node's type as the gradient registry knows it, e.g. ``"matmul"``."""
        return type(self).__name__

    def __repr__(self) -> str:
        return f"<{self.op_type} '{self.name}'>"

    # Arithmetic builds operations, so ``x + x * y`` reads as the maths does.
    def __add__(self, other):
        from .ops import add

        return add(self, other)

    def __radd__(self, other):
        from .ops import add

        return add(other, self)

    def __sub__(self, other):
        from .ops import subtract

        return subtract(self, other)

    def __rsub__(self, other):
        from .ops import subtract

        return subtract(other, self)

    def __mul__(self, other):
        from .ops import multiply

        return multiply(self, other)

    def __rmul__(self, other):
        from .ops import multiply

        return multiply(other, self)

    def __matmul__(self, other):
        from .ops import matmul

        return matmul(self, other)

    def __neg__(self):
        from .ops import negative

        return negative(self)


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
        self.value = None if initial_value is None else np.array(initial_value, dtype=float)
        self.graph.variables.append(self)


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

    def compute(self, *input_values):
        """Compute the output from the input values. Subclasses implement it."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement compute(*input_values)"
        )
