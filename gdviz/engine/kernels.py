"""The compiled executor's kernels: code that writes each op's value and gradient into
preallocated buffers. ``compiled.py`` strings them into one step function.

Each kernel emits Python source lines through a ``Program`` (``program.py``) and
computes what the op's ``compute`` and registered gradient in ``ops.py`` compute, in
the same order of operations, so that both paths give the same numbers.
"""

from __future__ import annotations

import numpy as np

from . import ops
from .registry import _gradient_registry
from .session import _as_value

BUILTIN_GRADIENTS = {
    name: ops.__dict__[f"_{name}_gradient"]
    for name in ("add", "subtract", "multiply", "matmul", "negative", "log", "exp", "square",
                 "sigmoid", "tanh", "relu", "absolute", "reduce_sum", "reduce_mean", "softmax",
                 "softmax_cross_entropy")
}


# **** ops without a kernel: their own compute and registered gradient ****


def generic_forward(program, op) -> None:
    """An op without a kernel: its own compute, on the values of this step."""
    ins = ", ".join(program.value[n] for n in op.input_nodes)
    out = program.fresh("v")
    op_name = program.bind(op, "op")
    program.line(f"{out} = as_value({op_name}, {op_name}.compute({ins}), False)")
    program.env["as_value"] = _as_value
    program.set_value(op, out, stable=False)


def generic_backward(program, op, grad) -> list:
    """An op without a kernel: its registered gradient, looked up at every step."""
    op_name = program.bind(op, "op")
    out = program.fresh("gs")
    program.env["registry"] = _gradient_registry
    program.line(f"{out} = registry[{op.op_type!r}]({op_name}, {grad})")
    if len(op.input_nodes) == 1:
        return [out]
    return [f"{out}[{slot}]" for slot in range(len(op.input_nodes))]


# **** forward kernels: op -> lines writing its value ****


def _inputs(p, op):
    return [p.value[n] for n in op.input_nodes]


def _ufunc_forward(ufunc):
    def kernel(p, op):
        ins = _inputs(p, op)
        shape = p.shape[op]
        out = p.output_over_input(op)
        if shape == ():
            p.line(f"{out} = np.{ufunc}({', '.join(ins)})")
            return
        if len(ins) == 2 and len(shape) == 2:
            shapes = [tuple(p.shape[n]) for n in op.input_nodes]
            vector = [i for i in (0, 1) if shapes[i] in ((shape[1],), (1, shape[1])) and shapes[1 - i] == shape]
            if vector and p.narrow(shape):
                # (N, k) with a k-vector: a column at a time, with the k-th element.
                v = vector[0]
                matrix_columns = p.columns(ins[1 - v], shape)
                vector = ins[v] if p.shape[op.input_nodes[v]] == (shape[1],) else f"{ins[v]}.reshape(-1)"
                for j, (column, o) in enumerate(zip(matrix_columns, p.columns(out, shape))):
                    element = f"{vector}[{j}]"
                    args = (element, column) if v == 0 else (column, element)
                    p.line(f"np.{ufunc}({args[0]}, {args[1]}, out={o})")
                return
            ins = [_spread_if_needed(p, x, s, shape) for x, s in zip(ins, shapes)]
        p.line(f"np.{ufunc}({', '.join(ins)}, out={out})")
    return kernel


def _spread_if_needed(p, expression, shape, full_shape):
    """An input of a binary op that numpy would broadcast along short rows: spread it."""
    n, k = full_shape
    if shape in ((k,), (1, k)) and n > 1 or shape == (n, 1) and k > 1:
        return p.spread(expression, shape, full_shape)
    return expression


def _matmul_forward(p, op):
    a, b = _inputs(p, op)
    out = p.output(op)
    if p.shape[op] == ():
        p.line(f"{out} = np.dot({a}, {b})")
    else:
        p.line(f"np.dot({a}, {b}, out={out})")


def _square_forward(p, op):
    (a,) = _inputs(p, op)
    out = p.output(op)
    p.line(f"{out} = {a} * {a}" if p.shape[op] == () else f"np.multiply({a}, {a}, out={out})")


def _sigmoid_forward(p, op):
    (a,) = _inputs(p, op)
    out = p.output_over_input(op)
    if p.shape[op] == ():
        p.line(f"{out} = 0.5 * (np.tanh(0.5 * {a}) + 1.0)")
    else:  # 0.5 * (tanh(0.5 x) + 1), as ops.sigmoid
        p.line(f"np.multiply({a}, 0.5, out={out}); np.tanh({out}, out={out}); "
               f"np.add({out}, 1.0, out={out}); np.multiply({out}, 0.5, out={out})")


def _relu_forward(p, op):
    (a,) = _inputs(p, op)
    out = p.output_over_input(op)
    p.line(f"{out} = np.maximum({a}, 0.0)" if p.shape[op] == ()
           else f"np.maximum({a}, 0.0, out={out})")


def _reduce_forward(mean):
    def kernel(p, op):
        (a,) = _inputs(p, op)
        a_shape, shape = p.shape[op.input_nodes[0]], p.shape[op]
        count = max(1, int(np.prod(a_shape)) // max(1, int(np.prod(shape))))
        divide = f" / {count}" if mean else ""
        if shape == ():
            out = p.output(op)
            p.line(f"{out} = np.add.reduce({a}, axis=None){divide}")
        elif op.axis in (-1, len(a_shape) - 1) and p.narrow(a_shape):
            out = p.row_reduce("add", a, a_shape)
            p.set_value(op, out)
            if mean:
                p.line(f"np.divide({out}, {count}, out={out})")
        else:
            out = p.output(op)
            p.line(f"np.add.reduce({a}, axis={op.axis!r}, out={out})")
            if mean:
                p.line(f"np.divide({out}, {count}, out={out})")
    return kernel


def softmax_into(p, logits, shape, out) -> None:
    """out = stable softmax of a 2-D value along its last axis, as ops.stable_softmax."""
    m = p.row_reduce("maximum", logits, shape, "m")
    p.rowwise("subtract", logits, m, out, shape)
    p.line(f"np.exp({out}, out={out})")
    s = p.row_reduce("add", out, shape, "s")
    p.rowwise("divide", out, s, out, shape)


def _softmax_forward(p, op):
    (a,) = _inputs(p, op)
    shape = p.shape[op]
    if len(shape) != 2 or op.axis not in (-1, 1):
        return generic_forward(p, op)
    softmax_into(p, a, shape, p.output(op))


FORWARD = {
    "add": _ufunc_forward("add"),
    "subtract": _ufunc_forward("subtract"),
    "multiply": _ufunc_forward("multiply"),
    "negative": _ufunc_forward("negative"),
    "log": _ufunc_forward("log"),
    "exp": _ufunc_forward("exp"),
    "tanh": _ufunc_forward("tanh"),
    "matmul": _matmul_forward,
    "square": _square_forward,
    "sigmoid": _sigmoid_forward,
    "relu": _relu_forward,
    "absolute": _ufunc_forward("absolute"),
    "reduce_sum": _reduce_forward(mean=False),
    "reduce_mean": _reduce_forward(mean=True),
    "softmax": _softmax_forward,
}


# **** backward kernels: (op, its gradient G) -> one gradient expression per input ****


def _into(p, shape, expression_with_out, hint="g") -> str:
    """A gradient into a new buffer (or a scalar): ``expression_with_out`` has ``{out}``."""
    if shape == ():
        name = p.fresh(hint)
        p.line(f"{name} = " + expression_with_out.replace(", out={out}", ""))
        return name
    out = p.buffer(shape, hint)
    p.line(expression_with_out.format(out=out))
    return out


def _add_backward(p, op, g, needed):
    shape = p.shape[op]
    return [p.unbroadcast(g, shape, p.shape[n]) if want else None
            for n, want in zip(op.input_nodes, needed)]


def _subtract_backward(p, op, g, needed):
    shape = p.shape[op]
    a, b = op.input_nodes
    grads = [p.unbroadcast(g, shape, p.shape[a]) if needed[0] else None, None]
    if needed[1]:
        negated = _into(p, shape, f"np.negative({g}, out={{out}})")
        grads[1] = p.unbroadcast(negated, shape, p.shape[b])
    return grads


def _multiply_backward(p, op, g, needed):
    shape = p.shape[op]
    a, b = _inputs(p, op)
    grads = []
    for n, want, other in zip(op.input_nodes, needed, (b, a)):
        if want:
            product = _into(p, shape, f"np.multiply({g}, {other}, out={{out}})")
            grads.append(p.unbroadcast(product, shape, p.shape[n]))
        else:
            grads.append(None)
    return grads


def _matmul_backward(p, op, g, needed):
    a, b = _inputs(p, op)
    a_shape, b_shape = (p.shape[n] for n in op.input_nodes)
    if len(a_shape) != 2 or len(b_shape) != 2:
        return generic_backward(p, op, g)
    return [
        _into(p, a_shape, f"np.dot({g}, {b}.T, out={{out}})") if needed[0] else None,
        _into(p, b_shape, f"np.dot({a}.T, {g}, out={{out}})") if needed[1] else None,
    ]


def _unary_backward(template):
    """A one-input gradient into a buffer; the template names a (the input), y (the
    output), g, {out} and {tmp} (a second buffer), in the order ops.py computes."""
    def kernel(p, op, g, needed):
        shape = p.shape[op]
        if shape == ():
            return generic_backward(p, op, g)
        (a,) = _inputs(p, op)
        out = p.buffer(shape, "g")
        tmp = p.buffer(shape, "t") if "{tmp}" in template else None
        p.line(template.format(a=a, y=p.value[op], g=g, out=out, tmp=tmp))
        return [out]
    return kernel


def _relu_backward(p, op, g, needed):
    (a,) = _inputs(p, op)
    shape = p.shape[op]
    if shape == ():
        return [_into(p, shape, f"np.multiply({g}, {a} > 0, out={{out}})")]
    mask = p.buffer(shape, "mask")  # 1.0 where a > 0: float, so the product needs no cast
    p.line(f"np.greater({a}, 0, out={mask})")
    return [_into(p, shape, f"np.multiply({g}, {mask}, out={{out}})")]


def _reduce_backward(mean):
    def kernel(p, op, g, needed):
        a_shape, shape = p.shape[op.input_nodes[0]], p.shape[op]
        count = float(np.prod(a_shape)) / max(1, int(np.prod(shape)))
        if mean:
            g = _into(p, shape, f"np.divide({g}, {count!r}, out={{out}})")
        if op.axis is not None:  # put the reduced axes back, as length 1
            g = f"np.expand_dims({g}, {op.axis!r})"
        if a_shape == ():
            return [g]
        out = p.buffer(a_shape, "g")
        p.line(f"np.copyto({out}, {g})")
        return [out]
    return kernel


def _softmax_backward(p, op, g, needed):
    # s * (G - sum(G * s)), as ops' softmax gradient
    s = p.value[op]
    shape = p.shape[op]
    if len(shape) != 2 or op.axis not in (-1, 1):
        return generic_backward(p, op, g)
    t = _into(p, shape, f"np.multiply({g}, {s}, out={{out}})")
    r = p.row_reduce("add", t, shape)
    p.rowwise("subtract", g, r, t, shape)
    p.line(f"np.multiply({s}, {t}, out={t})")
    return [t]


BACKWARD = {
    "add": _add_backward,
    "subtract": _subtract_backward,
    "multiply": _multiply_backward,
    "matmul": _matmul_backward,
    "negative": _unary_backward("np.negative({g}, out={out})"),
    "log": _unary_backward("np.divide({g}, {a}, out={out})"),
    "exp": _unary_backward("np.multiply({g}, {y}, out={out})"),
    # 2.0 * a * grad
    "square": _unary_backward("np.multiply({a}, 2.0, out={out}); np.multiply({out}, {g}, out={out})"),
    # grad * s * (1 - s)
    "sigmoid": _unary_backward("np.multiply({g}, {y}, out={out}); np.subtract(1.0, {y}, out={tmp}); "
                               "np.multiply({out}, {tmp}, out={out})"),
    # grad * (1 - t * t)
    "tanh": _unary_backward("np.multiply({y}, {y}, out={out}); np.subtract(1.0, {out}, out={out}); "
                            "np.multiply({g}, {out}, out={out})"),
    "relu": _relu_backward,
    # grad * sign(a)
    "absolute": _unary_backward("np.sign({a}, out={out}); np.multiply({g}, {out}, out={out})"),
    "reduce_sum": _reduce_backward(mean=False),
    "reduce_mean": _reduce_backward(mean=True),
    "softmax": _softmax_backward,
}
