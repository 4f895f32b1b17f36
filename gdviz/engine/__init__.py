"""gdviz.engine: the tutorial's computational-graph engine, written from scratch, numpy only.

The API keeps the tutorial's names, so its code runs unchanged after
``from gdviz.engine import *``: Graph, placeholder, Variable, Operation, the ops,
Session.run, traverse_postorder, RegisterGradient, compute_gradients and
GradientDescentOptimizer. It adds what the tutorial's code lacks: backprop that is
correct on shared nodes and off-path consumers, broadcasting gradients, a stable
softmax, more ops and optimizers, traces of the forward and backward passes for the
visualiser, clear errors and a gradient checker.

Threads. As in the tutorial, a run leaves its values on the nodes (``node.output``,
``op.inputs``), where ``compute_gradients`` reads them. So **a graph belongs to one
thread at a time**: the training worker and the GUI each build their own graph (a
model is cheap to build twice) and exchange plain numpy copies, never nodes. A run
holds its graph's lock; a second thread running the same graph meanwhile gets
``GraphInUseError`` instead of silently mixing the two runs' values. Traces hold
copies and may be handed to any thread.

This package never imports Qt.
"""

from .backprop import BackpropStep, BackpropTrace, EdgeFlow, compute_gradients, rule_text, trace_backprop
from .errors import (
    EngineError,
    FeedError,
    GraphInUseError,
    MissingGradientError,
    NonFiniteError,
    ShapeError,
)
from .gradcheck import GradientCheck, check_gradients
from .graph import Constant, Graph, Node, Operation, Variable, as_node, get_default_graph, placeholder
from .ops import (
    add,
    exp,
    log,
    matmul,
    multiply,
    negative,
    reduce_mean,
    reduce_sum,
    relu,
    sigmoid,
    softmax,
    softmax_cross_entropy,
    square,
    subtract,
    tanh,
)
from .optimizers import (
    AdamOptimizer,
    GradientDescentOptimizer,
    MinimizationOperation,
    MomentumOptimizer,
    Optimizer,
)
from .registry import RegisterGradient, unbroadcast
from .session import ForwardStep, ForwardTrace, Session, trace_forward, traverse_postorder

__all__ = [
    # the tutorial's names
    "Graph", "Operation", "placeholder", "Variable", "Session", "traverse_postorder",
    "RegisterGradient", "compute_gradients", "GradientDescentOptimizer",
    "add", "matmul", "multiply", "negative", "log", "reduce_sum", "softmax",
    # more ops
    "subtract", "exp", "square", "sigmoid", "tanh", "relu", "reduce_mean",
    "softmax_cross_entropy",
    # more optimizers
    "Optimizer", "MomentumOptimizer", "AdamOptimizer", "MinimizationOperation",
    # nodes and helpers
    "Node", "Constant", "as_node", "get_default_graph", "unbroadcast", "check_gradients",
    "GradientCheck",
    # traces
    "trace_backprop", "trace_forward", "BackpropTrace", "BackpropStep", "EdgeFlow",
    "ForwardTrace", "ForwardStep", "rule_text",
    # errors
    "EngineError", "FeedError", "ShapeError", "MissingGradientError", "NonFiniteError",
    "GraphInUseError",
]
