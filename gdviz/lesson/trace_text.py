"""Words and numbers for the traces the player shows (Qt-free).

Every number here comes from a ``ForwardTrace`` or ``BackpropTrace``: the engine's
real computation. The texts are HTML fragments for Qt's rich-text labels.
"""

from __future__ import annotations

import html
import math

import numpy as np

from gdviz.i18n import QT_TRANSLATE_NOOP, translate

__all__ = [
    "format_number",
    "format_array",
    "shape_text",
    "short_value",
    "badge_value",
    "edge_value",
    "full_value",
    "array_stats",
    "explain_backprop_step",
    "explain_forward_step",
    "rule_text",
]

TINY_SIZE = 4  # tensors with at most this many numbers are written out in full on edges
BADGE_SIZE = 2  # and under nodes, where there is less room
SIGNIFICANT = 4  # every number on screen keeps this many significant digits
SCIENTIFIC_BELOW = 1e-3  # smaller magnitudes (but not 0) in scientific notation
SCIENTIFIC_FROM = 1e5  # and magnitudes from this on
# The engine's local-derivative rules (``grad_rules`` in gdviz.engine.ops) that hold words:
# shown translated by ``rule_text``, filled with the inputs' names as the engine fills them.
RULE_WORDS = (
    QT_TRANSLATE_NOOP("TraceText", "G (summed to {0}'s shape)"),
    QT_TRANSLATE_NOOP("TraceText", "G (summed to {1}'s shape)"),
    QT_TRANSLATE_NOOP("TraceText", "G repeated along the summed axes"),
    QT_TRANSLATE_NOOP("TraceText", "G / n repeated along the averaged axes"),
)


# **** numbers: one formatter for every view ****

def format_number(x, significant: int = SIGNIFICANT) -> str:
    """One number as every view of gdviz writes it.

    Significant digits rather than fixed decimals, so that a small gradient is never
    rounded to a misleading zero: ``1.58e-05`` stays ``1.58e-05``, not ``0.``. Exact
    zero (and negative zero) is ``0``, never ``-0``; trailing zeros are dropped.

    Args:
        x: a number (anything ``float`` accepts).
        significant: how many significant digits to keep.

    Returns:
        ``"0.5"``, ``"-1.58e-05"``, ``"1.235e+05"``, ``"12.35"``, ``"0"``, ``"nan"``, ``"inf"``.
    """
    x = float(x)
    if x == 0:  # also -0.0: its sign says nothing a learner can use
        return "0"
    if not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    size = abs(x)
    if size < SCIENTIFIC_BELOW or size >= SCIENTIFIC_FROM:
        mantissa, exponent = f"{x:.{significant - 1}e}".split("e")
        return f"{_strip_zeros(mantissa)}e{exponent}"
    decimals = max(0, significant - 1 - math.floor(math.log10(size)))
    text = _strip_zeros(f"{x:.{decimals}f}")
    if abs(float(text)) >= SCIENTIFIC_FROM:  # 99999.99 rounds up to 100000: say 1e+05
        return format_number(float(f"{x:.{significant - 1}e}"), significant)
    return text


def _strip_zeros(text: str) -> str:
    """``"1.500"`` -> ``"1.5"``, ``"2.000"`` -> ``"2"``; whole numbers stay as they are."""
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_array(value, separator: str = ", ", threshold: int = 1000,
                 max_line_width: int = 1000) -> str:
    """An array written element-wise with ``format_number``: ``[1.58e-05, -1.58e-05]``.

    Args:
        value: the array (a scalar gives one number).
        separator: between the numbers of a row.
        threshold: more numbers than this are elided with ``...`` (numpy's rule).
        max_line_width: where numpy breaks rows onto further lines.
    """
    a = np.asarray(value, dtype=float)
    if a.ndim == 0:
        return format_number(a)
    return np.array2string(a, separator=separator, threshold=threshold, edgeitems=3,
                           max_line_width=max_line_width,
                           formatter={"float_kind": format_number})


def shape_text(value) -> str:
    """``"scalar"`` or the shape as ``"100×2"``."""
    shape = np.shape(value)
    if shape == ():
        return translate("TraceText", "scalar")
    return "×".join(str(d) for d in shape)


def short_value(value) -> str:
    """A value small enough for an edge: the numbers if tiny, else its shape and norm."""
    a = np.asarray(value, dtype=float)
    if a.ndim == 0:
        return format_number(a)
    if a.size <= TINY_SIZE:
        return format_array(a).replace("\n", "")
    return f"{shape_text(a)}, ‖·‖={format_number(np.linalg.norm(a))}"


def badge_value(value) -> str:
    """Shorter than ``short_value``, for under a node whose shape is already shown: the
    numbers of a scalar or a pair, else the norm (the edges and the inspector have all)."""
    a = np.asarray(value, dtype=float)
    if a.ndim == 0 or a.size <= BADGE_SIZE:
        return short_value(a)
    return f"‖·‖={format_number(np.linalg.norm(a))}"


def edge_value(value) -> str:
    """``short_value`` folded to be narrow enough for the gap between two columns.

    A scalar stays one number; a tiny tensor gets one line per row; a larger one its
    shape on one line and its norm on the next.
    """
    a = np.asarray(value, dtype=float)
    if a.ndim == 0:
        return format_number(a)
    if a.size <= TINY_SIZE:
        rows = a.reshape(-1, a.shape[-1]) if a.ndim > 1 else a.reshape(1, -1)
        return "\n".join("[" + ", ".join(format_number(x) for x in row) + "]" for row in rows)
    return f"{shape_text(a)}\n‖·‖={format_number(np.linalg.norm(a))}"


def full_value(value, threshold: int = 64) -> str:
    """The value written out (elided beyond ``threshold`` numbers), with its shape."""
    a = np.asarray(value, dtype=float)
    shape = translate("TraceText", "shape {shape}").format(shape=shape_text(a))
    return f"{shape}\n{format_array(a, ' ', threshold, max_line_width=80)}"


def array_stats(value) -> dict:
    """min, max, mean and (Frobenius) norm of a value, as floats."""
    a = np.asarray(value, dtype=float)
    if a.size == 0:
        return {"min": float("nan"), "max": float("nan"), "mean": float("nan"), "norm": 0.0}
    return {
        "min": float(a.min()),
        "max": float(a.max()),
        "mean": float(a.mean()),
        "norm": float(np.linalg.norm(a)),
    }


def rule_text(flow) -> str:
    """The local-derivative rule of a gradient flow as shown (``flow.rule`` translated)."""
    consumer = flow.consumer
    rules = getattr(consumer, "grad_rules", ())
    if flow.slot < len(rules):
        if rules[flow.slot] not in RULE_WORDS:
            return flow.rule  # maths only
        try:
            return translate("TraceText", rules[flow.slot]).format(
                *[n.name for n in consumer.input_nodes])
        except (IndexError, KeyError):
            return flow.rule
    if flow.rule == f"registered gradient of {consumer.op_type}":  # the engine's fallback
        return translate("TraceText", "registered gradient of {op}").format(op=consumer.op_type)
    return flow.rule


def _b(text) -> str:
    return f"<b>{html.escape(str(text))}</b>"


def _grad(loss_name, node_name) -> str:
    return f"∂{html.escape(loss_name)}/∂{html.escape(node_name)}"


def _with_value(value) -> str:
    """``shape 2×2 = [[...]]``, or the norm when the tensor is big."""
    a = np.asarray(value, dtype=float)
    if a.ndim == 0 or a.size <= TINY_SIZE:
        return f"<code>{html.escape(short_value(a))}</code>"
    return translate("TraceText", "({shape}, norm <code>{norm}</code>)").format(
        shape=shape_text(a), norm=format_number(np.linalg.norm(a)))


def explain_backprop_step(step, count, loss, grads, values) -> str:
    """What one dequeue of the breadth-first pass computed, with its numbers.

    Args:
        step: the ``BackpropStep``.
        count: how many steps the pass has.
        loss: the loss node.
        grads: node -> its summed gradient (from the trace).
        values: node -> its value in the run (from the forward trace).

    Returns:
        HTML: the node dequeued, each consumer's contribution with its local rule
        and shapes, their sum term by term, and what entered the queue.
    """
    node = step.node
    d_node = _grad(loss.name, node.name)
    lines = [translate(
        "TraceText", "<b>Step {step} of {count}</b>: take {node} ({op}) off the front of the "
        "queue and compute {gradient}.").format(
            step=step.index + 1, count=count, node=_b(node.name),
            op=html.escape(node.op_type), gradient=d_node)]
    if not step.flows:
        lines.append(translate(
            "TraceText", "{gradient} = <code>1</code>: the gradient of the loss with respect to "
            "itself is 1 (shape {shape}).").format(gradient=d_node, shape=shape_text(step.total)))
    else:
        consumers = ", ".join(_b(f.consumer.name) for f in step.flows)
        lines.append(translate(
            "TraceText", "{node} feeds {consumers}. Each consumer c passes back its gradient "
            "G = {consumer_gradient} times its local derivative:").format(
                node=_b(node.name), consumers=consumers, consumer_gradient=_grad(loss.name, "c")))
        for flow in step.flows:
            c = flow.consumer
            g = grads.get(c)
            inputs = ", ".join(
                f"{html.escape(n.name)} {shape_text(values[n])}" for n in c.input_nodes
                if n in values
            )
            if inputs:
                item = translate(
                    "TraceText", "&nbsp;&nbsp;• from {consumer} ({op}, input {slot}): {gradient} ← "
                    "<code>{rule}</code>, with G = {consumer_gradient} {shape}; inputs {inputs} "
                    "→ {value}")
            else:
                item = translate(
                    "TraceText", "&nbsp;&nbsp;• from {consumer} ({op}, input {slot}): {gradient} ← "
                    "<code>{rule}</code>, with G = {consumer_gradient} {shape} → {value}")
            lines.append(item.format(
                consumer=_b(c.name), op=html.escape(c.op_type), slot=flow.slot, gradient=d_node,
                rule=html.escape(rule_text(flow)), consumer_gradient=_grad(loss.name, c.name),
                shape=shape_text(g) if g is not None else "", inputs=inputs,
                value=_with_value(flow.grad)))
        if len(step.flows) > 1:
            terms = " + ".join(_with_value(f.grad) for f in step.flows)
            lines.append(translate(
                "TraceText", "Sum over the consumers: {gradient} = {terms} = {total}").format(
                    gradient=d_node, terms=terms, total=_with_value(step.total)))
        else:
            lines.append(translate("TraceText", "One consumer, so {gradient} = {total}.").format(
                gradient=d_node, total=_with_value(step.total)))
    if step.enqueued:
        names = ", ".join(_b(n.name) for n in step.enqueued)
        lines.append(translate(
            "TraceText", "All consumers of {names} are now done: into the queue.").format(names=names))
    return "<br>".join(lines)


def explain_forward_step(step, count, values=None) -> str:
    """What one evaluation of the forward pass computed, with its numbers (HTML).

    Args:
        step: the ``ForwardStep``.
        count: how many steps the pass has.
        values: node -> value in the same run; the inputs' values are read from it
            when ``step.input_values`` is empty (the engine's trace_forward leaves it
            empty for ops it runs through its unary/binary fast paths).
    """
    node = step.node
    input_values = step.input_values
    if len(input_values) != len(node.input_nodes) and values is not None:
        input_values = tuple(values.get(n) for n in node.input_nodes)
    fields = {"step": step.index + 1, "count": count, "node": _b(node.name),
              "op": html.escape(node.op_type), "value": _with_value(step.value)}
    if node.kind == "placeholder":
        text = translate("TraceText", "<b>Step {step} of {count}</b>: evaluate {node} ({op}): "
                                      "its value comes from feed_dict: {value}.")
    elif node.kind in ("Variable", "constant"):
        text = translate("TraceText", "<b>Step {step} of {count}</b>: evaluate {node} ({op}): "
                                      "its current value: {value}.")
    else:
        fields["arguments"] = ", ".join(
            f"{html.escape(n.name)} = {_with_value(v)}"
            for n, v in zip(node.input_nodes, input_values)
        )
        fields["shape"] = shape_text(step.value)
        text = translate("TraceText", "<b>Step {step} of {count}</b>: evaluate {node} ({op}): "
                                      "{op}({arguments}) = {value}, shape {shape}.")
    post_order = translate("TraceText", "Post-order: every input of a node is evaluated before "
                                        "the node itself.")
    return f"{text.format(**fields)}<br>{post_order}"
