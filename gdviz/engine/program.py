"""The program a compiled step is written into: its source lines, the objects and
preallocated buffers they refer to, and helpers for tall, narrow arrays.

numpy habits that matter for what gdviz trains (N points × 2..4 classes): broadcasting
along a last axis this short runs an inner loop of length 2 (and, into ``out=``,
allocates a temporary the size of the result), and reducing along it costs
microseconds a call; one call per column, or an outer product with ones, is faster.
"""

from __future__ import annotations

import numpy as np

from .graph import Node, RunRecord
from .registry import unbroadcast

NARROW = 4  # a last axis this short is handled column by column


class Program:
    """The source of one step function, the objects it refers to, and its buffers.

    Args:
        values: a run of the core (node -> value): the shapes the buffers take.
    """

    def __init__(self, values):
        self.shape = {node: np.shape(value) for node, value in values.items()}
        self.value = {}  # node -> the expression holding its value in the step
        self.env = {"np": np, "ndarray": np.ndarray, "f8": np.dtype(np.float64),
                    "asarray": np.asarray}
        self.lines = []
        self._bound = {}
        self._count = 0
        self._unstable = []  # nodes whose value is a new object at every step
        self.record = RunRecord()
        self.record_name = self.bind(self.record, "record")

    # **** names ****

    def fresh(self, hint="t") -> str:
        self._count += 1
        return f"{hint}{self._count}"

    def bind(self, obj, hint="k") -> str:
        """A name for ``obj`` in the step function's globals."""
        name = self._bound.get(id(obj))
        if name is None:
            name = self._bound[id(obj)] = self.fresh(hint)
            self.env[name] = obj
        return name

    def buffer(self, shape, hint="b", dtype=float) -> str:
        return self.bind(np.empty(shape, dtype=dtype), hint)

    def constant_array(self, value, hint="c") -> str:
        value = np.array(value, dtype=float)
        value.flags.writeable = False
        return self.bind(value, hint)

    def is_one(self, expression) -> bool:
        """True if ``expression`` is a constant holding exactly 1 (the loss's own gradient)."""
        value = self.env.get(expression)
        return isinstance(value, np.ndarray) and value.shape == () and value == 1.0

    def is_buffer(self, expression) -> bool:
        return isinstance(self.env.get(expression), np.ndarray)

    def line(self, text: str) -> None:
        # An augmented assignment (b += x) would make a bound buffer's name local.
        assert not any(f" {op}= " in text for op in "+-*/"), text
        self.lines.append(text)

    # **** values ****

    def set_value(self, node: Node, expression: str, stable: bool = True) -> None:
        """``node``'s value is ``expression``: a buffer (stable) or a new object per step."""
        self.value[node] = expression
        if stable:
            self.record.values[node] = self.env[expression]
        else:
            self._unstable.append(node)

    def output(self, node: Node, hint="v") -> str:
        """A buffer of node's shape, or a fresh name for a scalar. Sets the node's value."""
        shape = self.shape[node]
        if shape == ():
            name = self.fresh(hint)
            self.set_value(node, name, stable=False)
        else:
            name = self.buffer(shape, hint)
            self.set_value(node, name)
        return name

    def output_over_input(self, op: Node, hint="v") -> str:
        """Like ``output``, but in the buffer of an input that nothing reads after ``op``
        (``may_overwrite`` says which), so that a layer's matmul, bias and activation
        share one buffer, as a hand-written step would. That input leaves the run record."""
        for node in dict.fromkeys(op.input_nodes):
            name = self.value.get(node)
            if (self.shape.get(node) == self.shape[op] and self.is_buffer(name)
                    and self.may_overwrite(node, op)):
                self.record.values.pop(node, None)
                self.set_value(op, name)
                return name
        return self.output(op, hint)

    def may_overwrite(self, node: Node, op: Node) -> bool:  # set by the compiler
        return False

    def feed(self, node) -> None:
        name = self.fresh("x")
        self.line(f"{name} = feed[{self.bind(node, 'ph')}]")
        self.line(f"if type({name}) is not ndarray or {name}.dtype is not f8: {name} = asarray({name}, f8)")
        self.line(f"if {name}.shape != {self.shape[node]!r}: return False")
        self.set_value(node, name, stable=False)

    def variable(self, node) -> None:
        name = self.fresh("w")
        self.line(f"{name} = {self.bind(node, 'var')}.value")
        self.line(f"if type({name}) is not ndarray or {name}.shape != {self.shape[node]!r} "
                  f"or {name}.dtype is not f8: return False")
        self.set_value(node, name, stable=False)

    def constant(self, node) -> None:
        self.set_value(node, self.bind(node.value, "const"), stable=False)

    def finish_forward(self) -> None:
        """The run record gets the values that are new objects at every step."""
        for node in self._unstable:
            self.line(f"{self.record_name}.values[{self.bind(node, 'n')}] = {self.value[node]}")

    # **** helpers for tall, narrow arrays ****

    def columns(self, expression, shape) -> list:
        """Expressions for the columns of a 2-D value (views bound once for a buffer)."""
        if self.is_buffer(expression):
            array = self.env[expression]
            return [self.bind(array[:, j], "col") for j in range(shape[1])]
        return [f"{expression}[:, {j}]" for j in range(shape[1])]

    def narrow(self, shape) -> bool:
        return len(shape) == 2 and shape[1] <= NARROW

    def rowwise(self, ufunc, matrix, vector, out, shape) -> None:
        """out = ufunc(matrix, vector[:, None]): one call per column when narrow."""
        if self.narrow(shape):
            for m, o in zip(self.columns(matrix, shape), self.columns(out, shape)):
                self.line(f"np.{ufunc}({m}, {vector}, out={o})")
        else:
            wide = self.spread(vector, (shape[0], 1), shape)
            self.line(f"np.{ufunc}({matrix}, {wide}, out={out})")

    def spread(self, vector, vector_shape, shape) -> str:
        """A buffer of ``shape`` (N, k) holding a (k,), (1, k) or (N, 1) vector repeated.

        numpy's own broadcasting along rows this short allocates a temporary the size
        of the result; an outer product with ones does not (and copies exactly).
        """
        n, k = shape
        out = self.buffer(shape, "spread")
        if tuple(vector_shape) in ((k,), (1, k)):
            ones = self.constant_array(np.ones((n, 1)), "ones")
            self.line(f"np.dot({ones}, {vector}.reshape(1, {k}), out={out})")
        else:
            ones = self.constant_array(np.ones((1, k)), "ones")
            self.line(f"np.dot({vector}.reshape({n}, 1), {ones}, out={out})")
        return out

    def row_reduce(self, ufunc, matrix, shape, hint="r") -> str:
        """A buffer holding ufunc reduced along the last axis of a 2-D value."""
        out = self.buffer(shape[:1], hint)
        if self.narrow(shape):
            cols = self.columns(matrix, shape)
            if len(cols) == 1:
                self.line(f"np.copyto({out}, {cols[0]})")
            else:
                self.line(f"np.{ufunc}({cols[0]}, {cols[1]}, out={out})")
            for col in cols[2:]:
                self.line(f"np.{ufunc}({out}, {col}, out={out})")
        else:
            self.line(f"np.{ufunc}.reduce({matrix}, axis=-1, out={out})")
        return out

    def sum_of(self, expressions, shape) -> str:
        """The sum of the gradients along several edges (one of them: itself)."""
        if len(expressions) == 1:
            return expressions[0]
        if shape == ():
            name = self.fresh("g")
            self.line(f"{name} = {' + '.join(expressions)}")
            return name
        out = self.buffer(shape, "g")
        self.line(f"np.add({expressions[0]}, {expressions[1]}, out={out})")
        for expression in expressions[2:]:
            self.line(f"np.add({out}, {expression}, out={out})")
        return out

    def unbroadcast(self, grad, from_shape, to_shape) -> str:
        """``unbroadcast(grad, to_shape)``, into a buffer where it sums."""
        if tuple(from_shape) == tuple(to_shape):
            return grad
        if to_shape == ():
            name = self.fresh("g")
            self.line(f"{name} = np.sum({grad})")
            return name
        out = self.buffer(to_shape, "g")
        if len(from_shape) == 2 and tuple(to_shape) == from_shape[1:]:
            # The bias of N rows: the sum over the rows, as a product with ones.
            ones = self.constant_array(np.ones(from_shape[0]), "ones")
            self.line(f"np.dot({ones}, {grad}, out={out})")
        else:
            self.env["unbroadcast"] = unbroadcast
            self.line(f"{out}[...] = unbroadcast({grad}, {tuple(to_shape)!r})")
        return out

    def build(self):
        """The step function and its source."""
        body = "\n".join("    " + line for line in self.lines)
        source = f"def step(feed):\n{body}\n    return True\n"
        exec(compile(source, "<gdviz compiled step>", "exec"), self.env)
        return self.env["step"], source
