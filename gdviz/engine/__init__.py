"""gdviz.engine: the tutorial's computational-graph engine, written from scratch, numpy only.

The API keeps the tutorial's names, so its code runs unchanged after
``from gdviz.engine import *``: Graph, placeholder, Variable, Operation, the ops,
Session.run, traverse_postorder, RegisterGradient, compute_gradients and
GradientDescentOptimizer. It adds what the tutorial's code lacks: backprop that is
correct on shared nodes and off-path consumers, broadcasting gradients, a stable
softmax, more ops and optimizers, traces of the forward and backward passes for the
visualiser, clear errors and a gradient checker.

Two layers. The readable core follows the tutorial: ``graph.py`` (nodes),
``ops.py`` (one class per op, its gradient registered right below it),
``session.py`` (``Session.run``, a post-order loop), ``backprop.py`` (the
breadth-first backward pass), ``optimizers.py``. Speed lives beside it:
``compiled.py`` (with ``kernels.py`` and ``fusions.py``) compiles a minimisation op
and its feed shapes into one step function over preallocated buffers, and
``Session.run(train_op, feed)`` uses it; ``Session(compiled=False)`` does not.

Runs and threads. Each ``Session.run`` records its values in a ``RunRecord`` of its
own (node -> value). ``node.output`` and ``op.inputs``, which the tutorial's gradient
functions read, mirror the calling thread's latest record, so two threads may run
the same graph, each with its own values. The default graph is per thread too.
Traces hold copies and may be handed to any thread.

This package never imports Qt.
"""

from .backprop import BackpropStep, BackpropTrace, EdgeFlow, compute_gradients, rule_text, trace_backprop
from .errors import (
    EngineError,
    FeedError,
    MissingGradientError,
    NonFiniteError,
    ShapeError,
)
from .gradcheck import GradientCheck, check_gradients
from .graph import (
    Constant,
    Graph,
    Node,
    Operation,
    RunRecord,
    Variable,
    as_node,
    get_default_graph,
    placeholder,
)
from .ops import (
    absolute,
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
    stable_softmax,
    subtract,
    tanh,
)
from .optimizers import (
    AdamOptimizer,
    GradientDescentOptimizer,
    MinimizationOperation,
    MomentumOptimizer,
    Optimizer,
    OptimizerState,
)
from .registry import RegisterGradient, unbroadcast
from .session import ForwardStep, ForwardTrace, Session, trace_forward, traverse_postorder

__all__ = [
    # the tutorial's names
    "Graph", "Operation", "placeholder", "Variable", "Session", "traverse_postorder",
    "RegisterGradient", "compute_gradients", "GradientDescentOptimizer",
    "add", "matmul", "multiply", "negative", "log", "reduce_sum", "softmax",
    # more ops
    "subtract", "exp", "square", "absolute", "sigmoid", "tanh", "relu", "reduce_mean",
    "softmax_cross_entropy",
    # more optimizers
    "Optimizer", "MomentumOptimizer", "AdamOptimizer", "MinimizationOperation", "OptimizerState",
    # nodes and helpers
    "Node", "Constant", "RunRecord", "as_node", "stable_softmax", "get_default_graph", "unbroadcast", "check_gradients",
    "GradientCheck",
    # traces
    "trace_backprop", "trace_forward", "BackpropTrace", "BackpropStep", "EdgeFlow",
    "ForwardTrace", "ForwardStep", "rule_text",
    # errors
    "EngineError", "FeedError", "ShapeError", "MissingGradientError", "NonFiniteError",
]
