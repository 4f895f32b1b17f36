"""The compiled executor: training steps at the speed of hand-written numpy.

The readable core (``graph.py``, ``ops.py``, ``session.py``, ``backprop.py``) takes a
step by walking the graph, calling each op's ``compute`` and gradient and allocating
new arrays as it goes. Training runs the same graph thousands of times with the same
shapes, so this module compiles (a minimisation op, the shapes of its feeds) into one
straight-line Python function over preallocated buffers:

- the forward pass in post-order, each op writing into a buffer of its own;
- the backward pass in the core's breadth-first order, restricted to the gradients the
  update needs (``matmul(X, W)`` with X a placeholder never computes ∂J/∂X);
- the optimizer's own rule, on the optimizer's own state.

Two patterns are fused: the tutorial's loss −Σ Σ c ⊙ log softmax(z) (its forward is
kept literal, so a p that reaches 0 gives the same inf or NaN as the core; its
backward is the closed form softmax(z)·Σc − c) and ``softmax_cross_entropy``
followed by a sum or mean.

It is an optimisation of the same graph, not a second engine. An op it has no kernel
for (a user's own, or a built-in whose gradient was registered again) runs through
its ``compute`` and its registered gradient, as in the core. The first step for a set
of shapes is taken by the core, which checks every gradient's shape; the compiled
function takes the next ones. ``program.py`` holds the code being written, ``kernels.py``
the per-op kernels, ``fusions.py`` the fused patterns. ``tests/test_engine_compiled.py`` proves that both give
the same numbers. ``CompiledStep.source`` is the generated code, for the curious.
"""

from __future__ import annotations

import numpy as np

from . import kernels
from .program import Program
from .fusions import find_fusions
from .backprop import backward_plan
from .graph import Constant, Operation, RunRecord, Variable, placeholder
from .optimizers import (
    AdamOptimizer,
    GradientDescentOptimizer,
    MinimizationOperation,
    MomentumOptimizer,
)
from .registry import _gradient_registry, registry_version
from .session import Session, postorder

__all__ = ["Executor", "CompiledStep", "compile_step"]


class Executor:
    """Runs minimisation ops: compiled after a first, checked step through the core."""

    def __init__(self):
        self._steps = {}  # train op -> CompiledStep, or None where it cannot compile

    @staticmethod
    def handles(fetch) -> bool:
        return isinstance(fetch, MinimizationOperation)

    def run(self, train_op: MinimizationOperation, feed_dict) -> None:
        step = self._steps.get(train_op)
        if step is not None and step.version == registry_version[0]:
            try:
                if step.function(feed_dict):
                    return None
            except (KeyError, ValueError, IndexError, TypeError):
                pass  # e.g. a user's op changed its output's shape: the core says what
        # The first step for these shapes, or something changed: the core takes the
        # step (checking every gradient), and the next one runs compiled.
        Session(compiled=False).run(train_op, feed_dict)
        if train_op in self._steps and self._steps[train_op] is None:
            return None  # declined before: it will not compile now either
        self._steps[train_op] = compile_step(train_op, train_op.graph.latest_run)
        return None


class CompiledStep:
    """A generated step function: ``function(feed_dict)`` takes one training step and
    returns True, or returns False, untouched, if the feeds' shapes are not its own."""

    def __init__(self, function, source: str, version: int):
        self.function = function
        self.source = source
        self.version = version


def compile_step(train_op: MinimizationOperation, record: RunRecord) -> CompiledStep | None:
    """Compile ``train_op`` for the shapes of ``record`` (a run of the core).

    Returns None when it cannot: values that are not float64 arrays (a float32 model
    is left to the core), or an optimizer without a compiled rule.
    """
    values = record.values
    nodes = [n for n in postorder(train_op.loss)]
    if not all(isinstance(values.get(n), (np.ndarray, np.generic)) and values[n].dtype == np.float64
               for n in nodes):
        return None
    program = Program(values)
    fused = find_fusions(train_op.loss, values, set(backward_plan_nodes(train_op)))
    program.may_overwrite = lambda node, op: _may_overwrite(node, op, train_op.loss, fused)
    _emit_forward(program, train_op, nodes, fused)
    gradients = _emit_backward(program, train_op, fused)
    if not _emit_update(program, train_op.optimizer, train_op.var_list, gradients):
        return None
    function, source = program.build()
    return CompiledStep(function, source, registry_version[0])


# Kernels whose gradient reads the op's inputs, and those whose gradient reads its output.
READS_INPUTS = {"matmul", "multiply", "log", "relu", "square", "absolute"}
READS_OUTPUT = {"tanh", "sigmoid", "exp", "softmax"}


def _may_overwrite(node, op, loss, fused) -> bool:
    """True if ``op`` may write its value over ``node``'s: nothing reads node's value after
    op (op is its only consumer and neither gradient needs it)."""
    return (isinstance(node, Operation) and node is not loss
            and node not in fused.members and node not in fused.heads
            and set(node.consumers) == {op} and op.input_nodes.count(node) == 1
            and node.op_type in kernels.FORWARD and op.op_type in kernels.FORWARD
            and _builtin_gradient(node) and _builtin_gradient(op)
            and node.op_type not in READS_OUTPUT and op.op_type not in READS_INPUTS)


def backward_plan_nodes(train_op):
    return [step.node for step in backward_plan(train_op.loss, train_op.var_list)]


# **** forward ****


def _emit_forward(program, train_op, nodes, fused) -> None:
    graph = train_op.loss.graph
    program.line(f"{program.bind(graph, 'graph')}.latest_run = {program.record_name}")
    for node in nodes:
        if isinstance(node, placeholder):
            program.feed(node)
        elif isinstance(node, Variable):
            program.variable(node)
        elif isinstance(node, Constant):
            program.constant(node)
        elif node in fused.members:
            continue  # computed by its fusion's head
        elif node in fused.heads:
            fused.heads[node].forward(program)
        else:
            kernel = kernels.FORWARD.get(node.op_type)
            if kernel is None or not _builtin_gradient(node):
                kernels.generic_forward(program, node)
            else:
                kernel(program, node)
    program.finish_forward()


def _builtin_gradient(op) -> bool:
    """True if op's registered gradient is the engine's own (then a kernel may stand in)."""
    return _gradient_registry.get(op.op_type) is kernels.BUILTIN_GRADIENTS.get(op.op_type)


# **** backward ****


def _emit_backward(program, train_op, fused) -> dict:
    """Emit the breadth-first backward pass; returns node -> gradient expression."""
    loss = train_op.loss
    contributions = {}  # (consumer, slot) -> expression of the gradient along that edge
    gradients = {}
    for step in backward_plan(loss, train_op.var_list):
        node = step.node
        if node in fused.members:
            continue
        if not step.contributions:
            total = program.constant_array(np.ones(program.shape[node]), "one")
        else:
            total = program.sum_of([contributions[c] for c in step.contributions], program.shape[node])
        gradients[node] = total
        if not (isinstance(node, Operation) and any(step.needed)):
            continue
        if node in fused.heads:
            grads = fused.heads[node].backward(program, total)
            contributions.update(grads)
            continue
        kernel = kernels.BACKWARD.get(node.op_type)
        if kernel is None or not _builtin_gradient(node):
            grads = kernels.generic_backward(program, node, total)
        else:
            grads = kernel(program, node, total, step.needed)
        for slot, expression in enumerate(grads):
            if step.needed[slot]:
                contributions[(node, slot)] = expression
    return gradients


# **** the optimizer's update ****


def _emit_update(program, optimizer, variables, gradients) -> bool:
    kind = type(optimizer)
    if kind not in (GradientDescentOptimizer, MomentumOptimizer, AdamOptimizer):
        return False  # a user's optimizer: left to the core
    opt = program.bind(optimizer, "opt")
    program.line(f"{opt}.iterations = {opt}.iterations + 1")
    program.line(f"lr = {opt}.learning_rate")
    if kind is AdamOptimizer:
        program.line(f"lr_t = {opt}.corrected_rate()")
        program.line(f"b1, b2, eps = {opt}.beta1, {opt}.beta2, {opt}.epsilon")
    elif kind is MomentumOptimizer:
        program.line(f"mu = {opt}.momentum")
    for variable in variables:
        grad = gradients.get(variable)
        if grad is None:
            continue
        w = program.value[variable]
        step = program.buffer(program.shape[variable], "step")
        if kind is GradientDescentOptimizer:  # value -= lr * grad
            program.line(f"np.multiply({grad}, lr, out={step}); np.subtract({w}, {step}, out={w})")
            continue
        slots = program.fresh("slots")
        program.line(f"{slots} = {opt}.slots({program.bind(variable, 'var')})")
        if kind is MomentumOptimizer:  # accum = mu * accum + grad; value -= lr * accum
            program.line(f"a = {slots}['accum']; np.multiply(a, mu, out=a); np.add(a, {grad}, out=a)")
            program.line(f"np.multiply(a, lr, out={step}); np.subtract({w}, {step}, out={w})")
        else:  # Adam: m, v moments, then value -= lr_t * m / (sqrt(v) + eps)
            other = program.buffer(program.shape[variable], "t")
            program.line(f"m = {slots}['m']; v = {slots}['v']")
            program.line(f"np.multiply(m, b1, out=m); np.multiply({grad}, 1 - b1, out={step}); "
                         f"np.add(m, {step}, out=m)")
            program.line(f"np.multiply(v, b2, out=v); np.multiply({grad}, {grad}, out={step}); "
                         f"np.multiply({step}, 1 - b2, out={step}); np.add(v, {step}, out=v)")
            program.line(f"np.multiply(m, lr_t, out={step}); np.sqrt(v, out={other}); "
                         f"np.add({other}, eps, out={other})")
            program.line(f"np.divide({step}, {other}, out={step}); np.subtract({w}, {step}, out={w})")
    return True
