"""Session.run: evaluate a fetch by walking its ancestors in post-order.

Each run fills a RunRecord (node -> value) of its own; ``node.output`` shows the
calling thread's latest one. A minimisation op is the exception: running it is a
training step, which the compiled executor (``compiled.py``) takes with
preallocated buffers, unless the session was made with ``compiled=False``.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

import numpy as np

from .errors import EngineError, FeedError, NonFiniteError, ShapeError
from .graph import Constant, Node, Operation, RunRecord, Variable, placeholder, traverse_postorder

__all__ = ["Session", "traverse_postorder", "ForwardStep", "ForwardTrace", "trace_forward"]

# A fetch's ancestors are fixed once it is built, so its post-order is worked out once.
_postorders: WeakKeyDictionary = WeakKeyDictionary()


def postorder(fetch: Node) -> list[Node]:
    """``traverse_postorder(fetch)``, kept for the next run."""
    order = _postorders.get(fetch)
    if order is None:
        order = _postorders[fetch] = traverse_postorder(fetch)
    return order


class Session:
    """Evaluates nodes of a graph, as the tutorial's ``Session``.

    Args:
        check_finite: if true, every op's output is checked and the first op that
            produces NaN or infinity raises ``NonFiniteError`` naming it.
        compiled: run minimisation ops with the compiled executor (the default); with
            False every step goes through the readable core alone.
    """

    def __init__(self, check_finite: bool = False, compiled: bool = True):
        self.check_finite = check_finite
        self._executor = None
        if compiled:
            from .compiled import Executor

            self._executor = Executor()

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
        feed_dict = _checked_feed_dict(feed_dict)
        if isinstance(fetch, (list, tuple)):
            return [self.run(f, feed_dict, check_finite) for f in fetch]
        if not isinstance(fetch, Node):
            raise TypeError(f"Session.run fetches a node of a graph, not {type(fetch).__name__}")
        if self._executor is not None and self._executor.handles(fetch):
            return self._executor.run(fetch, feed_dict)
        check = self.check_finite if check_finite is None else check_finite
        record = fetch.graph.latest_run = RunRecord()
        values = record.values
        node = None
        try:
            for node in postorder(fetch):  # inputs before the ops that read them
                if isinstance(node, Operation):
                    value = node.compute(*record.inputs_of(node))
                    if type(value) is not np.ndarray or check:
                        value = _as_value(node, value, check)
                elif isinstance(node, placeholder):
                    value = _fed_value(node, feed_dict)
                else:
                    value = _stored_value(node)
                values[node] = value
        except EngineError:
            raise
        except Exception as error:  # an op failed: say which, and with what
            raise _op_failed(node, record, error) from error
        value = values[fetch]
        return value.copy() if isinstance(fetch, (Variable, Constant)) else value


def _op_failed(op: Operation, record: RunRecord, error: Exception) -> EngineError:
    """The error to raise when ``op.compute`` raised ``error``: it names the op."""
    if isinstance(error, (ValueError, IndexError)):
        shapes = " and ".join(str(np.shape(v)) for v in record.inputs_of(op))
        return ShapeError(f"op '{op.name}' ({op.op_type}) cannot combine inputs of shapes "
                          f"{shapes}: {error}")
    return EngineError(f"op '{op.name}' ({op.op_type}) failed: {type(error).__name__}: {error}")


def _stored_value(node):
    """A Variable's or constant's value, as a float array."""
    value = node.value
    if type(value) is np.ndarray and value.dtype.kind == "f":
        return value  # float64, or float32 in a float32 model
    if value is None:
        raise EngineError(f"Variable '{node.name}' has no value: give it an initial_value")
    if not isinstance(node, (Variable, Constant)):
        raise EngineError(f"cannot evaluate {node!r}: not a placeholder, Variable or Operation")
    return np.asarray(value, dtype=float)


def _as_value(node, value, check_finite):
    """An op's output as a numpy value; a clear error if it is not numbers."""
    if value is None:
        return None  # an op run for its effect (a train op)
    if not isinstance(value, (np.ndarray, np.generic)):
        value = np.asarray(value)  # lists, Python numbers: every value has .shape
    if value.dtype.kind not in "fiub":
        raise EngineError(f"op '{node.name}' ({node.op_type}) returned {value.dtype} values "
                          f"({type(value).__name__}), not numbers")
    if check_finite and not np.all(np.isfinite(value)):
        raise NonFiniteError(f"op '{node.name}' ({node.op_type}) produced "
                             f"{describe_nonfinite(value)}", node)
    return value


def _checked_feed_dict(feed_dict) -> dict:
    if feed_dict is None:
        return {}
    if not hasattr(feed_dict, "get"):
        raise FeedError(f"feed_dict must map placeholders to values (a dict), "
                        f"not {type(feed_dict).__name__}")
    return feed_dict


def _fed_value(node, feed_dict):
    try:
        value = feed_dict[node]
    except KeyError:
        raise FeedError(f"placeholder '{node.name}' was not fed: add it to feed_dict") from None
    if type(value) is np.ndarray and value.dtype.kind == "f":
        return value  # float64, or float32 fed to a float32 model
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise FeedError(
            f"placeholder '{node.name}' was fed a value that is not an array of "
            f"numbers ({type(value).__name__}): {error}"
        ) from None


def describe_nonfinite(value) -> str:
    """'2 NaN and 1 infinite value(s) out of 6', for error messages."""
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
    (session or Session(compiled=False)).run(fetch, feed_dict)
    record = fetch.graph.latest_run
    steps = []
    for index, node in enumerate(postorder(fetch)):
        inputs = record.inputs_of(node) if isinstance(node, Operation) else ()
        steps.append(ForwardStep(index, node, np.array(record.values[node], copy=True),
                                 tuple(np.array(v, copy=True) for v in inputs)))
    return ForwardTrace(fetch, tuple(steps))
