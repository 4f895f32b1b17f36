"""Session.run: evaluate a fetch by walking its ancestors in post-order.

The post-order of a fetch depends only on the fetch's ancestors, which are fixed once
the fetch is built, so it is computed once and kept on the node (the plan).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import EngineError, FeedError, GraphInUseError, NonFiniteError, ShapeError
from .graph import Constant, Node, Operation, Variable, placeholder

__all__ = ["Session", "traverse_postorder", "ForwardStep", "ForwardTrace", "trace_forward"]

_PLACEHOLDER, _STORED, _OPERATION, _UNARY, _BINARY = 0, 1, 2, 3, 4


def traverse_postorder(operation: Node) -> list[Node]:
    """Every ancestor of ``operation`` (and itself), each once, inputs before consumers.

    Iterative, with a visited set: a diamond is visited once per node and a chain
    thousands of nodes deep does not hit Python's recursion limit.
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


def _plan(fetch: Node):
    """The cached execution plan of ``fetch``: (node, kind code, input nodes) in post-order."""
    plan = fetch._plan
    if plan is None:
        plan = []
        for node in traverse_postorder(fetch):
            if isinstance(node, placeholder):
                plan.append((node, _PLACEHOLDER, None))
            elif isinstance(node, (Variable, Constant)):
                plan.append((node, _STORED, None))
            elif isinstance(node, Operation):
                arity = len(node.input_nodes)
                code = {1: _UNARY, 2: _BINARY}.get(arity, _OPERATION)
                plan.append((node, code, tuple(node.input_nodes)))
            else:
                raise EngineError(f"cannot evaluate {node!r}: not a placeholder, Variable or Operation")
        fetch._plan = plan
    return plan


def _fed_value(node, feed_dict):
    try:
        value = feed_dict[node]
    except KeyError:
        raise FeedError(
            f"placeholder '{node.name}' was not fed: add it to feed_dict"
        ) from None
    if type(value) is not np.ndarray:
        try:
            value = np.asarray(value, dtype=float)
        except (TypeError, ValueError) as error:
            raise FeedError(
                f"placeholder '{node.name}' was fed a value that is not an array of "
                f"numbers ({type(value).__name__}): {error}"
            ) from None
    return value


class Session:
    """Evaluates nodes of a graph, as the tutorial's ``Session``.

    Args:
        check_finite: if true, every op's output is checked and the first op that
            produces NaN or infinity raises ``NonFiniteError`` naming it.
    """

    def __init__(self, check_finite: bool = False):
        self.check_finite = check_finite

    def run(self, fetch, feed_dict=None, check_finite: bool | None = None):
        """Compute the output of ``fetch`` (a node, or a list of nodes).

        Args:
            fetch: the node whose value is wanted, or a list/tuple of nodes.
            feed_dict: placeholder -> value (lists become arrays).
            check_finite: overrides the session's ``check_finite`` for this run.

        Returns:
            The value (a copy for a Variable, so that later training does not change
            it), or a list of values for a list of fetches.
        """
        try:
            plan = fetch._plan or _plan(fetch)  # a node: its cached plan
        except AttributeError:
            if isinstance(fetch, (list, tuple)):
                return [self.run(f, feed_dict, check_finite) for f in fetch]
            raise TypeError(
                f"Session.run fetches a node of a graph, not {type(fetch).__name__}"
            ) from None
        lock = fetch.graph._run_lock
        if not lock.acquire(blocking=False):
            raise GraphInUseError(
                "this graph is being run by another thread: build one graph per "
                "thread (see gdviz.engine)"
            )
        try:
            _execute(
                plan,
                {} if feed_dict is None else feed_dict,
                self.check_finite if check_finite is None else check_finite,
            )
        finally:
            lock.release()
        out = fetch.output
        return out.copy() if fetch.kind in _STORED_KINDS else out


_STORED_KINDS = (Variable.kind, Constant.kind)


def _execute(plan, feed_dict, check_finite):
    node = code = None
    try:
        for node, code, inputs in plan:
            if code == _BINARY:  # the common cases, spelled out for speed
                a = inputs[0].output
                b = inputs[1].output
                node.inputs = (a, b)
                out = node.compute(a, b)
            elif code == _UNARY:
                a = inputs[0].output
                node.inputs = (a,)
                out = node.compute(a)
            elif code == _OPERATION:
                node.inputs = values = [n.output for n in inputs]
                out = node.compute(*values)
            elif code == _STORED:
                if node.value is None:
                    raise EngineError(
                        f"Variable '{node.name}' has no value: give it an initial_value"
                    )
                value = node.value
                if type(value) is not np.ndarray:  # e.g. a Python number set by hand
                    value = np.asarray(value, dtype=float)
                node.output = value
                continue
            else:
                value = feed_dict.get(node)
                if type(value) is not np.ndarray:  # missing, or a list to convert
                    value = _fed_value(node, feed_dict)
                node.output = value
                continue
            if type(out) is not np.ndarray and not isinstance(out, np.generic):
                if out is not None:  # None: an op run for its effect (a train op)
                    out = np.asarray(out)  # lists, Python numbers: every value has .shape
            node.output = out
            if check_finite and not np.all(np.isfinite(out)):
                raise NonFiniteError(
                    f"op '{node.name}' ({node.op_type}) produced "
                    f"{_describe_nonfinite(out)}",
                    node,
                )
    except (ValueError, IndexError) as error:
        if isinstance(error, EngineError) or code in (_PLACEHOLDER, _STORED, None):
            raise
        shapes = " and ".join(str(np.shape(v)) for v in node.inputs)
        raise ShapeError(
            f"op '{node.name}' ({node.op_type}) cannot combine inputs of shapes "
            f"{shapes}: {error}"
        ) from error


def _describe_nonfinite(value) -> str:
    value = np.asarray(value)
    nan = int(np.isnan(value).sum())
    inf = int(np.isinf(value).sum())
    parts = [f"{nan} NaN"] if nan else []
    if inf:
        parts.append(f"{inf} infinite")
    return " and ".join(parts) + f" value(s) out of {value.size}"


# **** forward trace ****


@dataclass(frozen=True)
class ForwardStep:
    """One node evaluated by the forward pass: its value (a copy) and its inputs'."""

    index: int
    node: Node
    value: np.ndarray
    input_values: tuple


@dataclass(frozen=True)
class ForwardTrace:
    """The forward pass of one run, in post-order (the order Session.run evaluates)."""

    fetch: Node
    steps: tuple

    @property
    def nodes(self):
        return [step.node for step in self.steps]


def trace_forward(fetch: Node, feed_dict=None, session: Session | None = None) -> ForwardTrace:
    """Run ``fetch`` and record every node's value in evaluation order.

    Returns:
        A ForwardTrace whose steps hold copies of what this run computed.
    """
    (session or Session()).run(fetch, feed_dict)
    steps = []
    for index, (node, code, inputs) in enumerate(_plan(fetch)):
        input_values = (
            tuple(np.array(v, copy=True) for v in node.inputs)
            if code in (_OPERATION, _UNARY, _BINARY)
            else ()
        )
        steps.append(ForwardStep(index, node, np.array(node.output, copy=True), input_values))
    return ForwardTrace(fetch, tuple(steps))
