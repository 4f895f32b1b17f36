"""A gradient check of a learner's script: is every gradient what finite differences say? (Qt-free)

Two checks, made in the child process that ran the script (``gdviz.scripts.runner``):

- **Through the whole graph**, for every Variable the loss depends on: the gradient
  backprop gives against the loss's own finite differences. A wrong gradient anywhere
  on the way shows here, but not where it is.
- **Op by op**, for every operation on the way to the loss: its registered gradient,
  applied to a random upstream gradient G at the values of the run, against the finite
  differences of Σ G ⊙ op.compute(inputs) with respect to each input. This names the
  op whose gradient is wrong: a user's ``cube`` registered with 2x² instead of 3x².

The finite differences are central, on five points, (−f(x+2h) + 8f(x+h) − 8f(x−h) +
f(x−2h)) / 12h with h = 1e-4·max(1, |x|): their error is of order h⁴, far below the
thresholds, while h is large enough that rounding stays small. Where a step leaves an
op's domain (log of a tiny probability), h shrinks until the differences are finite.
An input with more than MAX_CHECKED_ELEMENTS elements is checked at that many, drawn at
random (the same every time).

The error of a node is relative to the size of its gradient: max |analytic − numeric|
over max(|analytic|, |numeric|). Below GREEN_BELOW it is right; above RED_ABOVE it is
wrong; ``gdviz --check-gradients`` fails above FAIL_ABOVE. Finite differences cannot
see below rounding: a model trained to a loss of 1e-7, whose gradients are near 1e-8,
is computed to about 1e-16 and so checked only to about 1e-5 ("borderline", passed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from gdviz.engine import Session, Variable, compute_gradients, traverse_postorder
from gdviz.engine.registry import get_gradient
from gdviz.i18n import QT_TRANSLATE_NOOP, translate

GREEN_BELOW = 1e-6  # a relative error below this is a correct gradient
RED_ABOVE = 1e-3  # above this, the gradient is wrong
FAIL_ABOVE = 1e-4  # the command line's verdict: fail above this
STEP = 1e-4  # the finite-difference step, relative to max(1, |x|)
SMALLEST_STEP = 1e-200  # shrinking the step stops here
STEP_SHRINK = 10.0
MAX_ESTIMATES = 5  # finite estimates per element, at most
AGREEMENT = 1e-10  # two steps' estimates this close: take the larger step's
ZERO_BELOW = 1e-5  # a gradient below this fraction of the function's size counts as zero
MAX_CHECKED_ELEMENTS = 64  # per input or Variable
SEED = 0  # of the upstream gradients and the sampled elements
CHECK_TIMEOUT_S = 600.0  # the command line stops a script that runs longer
VERDICT_WORDS = {  # verdict -> its word in the table (translated where shown)
    "ok": QT_TRANSLATE_NOOP("GradientCheck", "ok"),
    "borderline": QT_TRANSLATE_NOOP("GradientCheck", "borderline"),
    "WRONG": QT_TRANSLATE_NOOP("GradientCheck", "WRONG"),
}
GRADIENT_COUNT = QT_TRANSLATE_NOOP(
    "GradientCheck", "its gradient returned {returned} gradients for {inputs} inputs")
GRADIENT_SHAPE = QT_TRANSLATE_NOOP(
    "GradientCheck", "the gradient for input {slot} has shape {shape}, the input {input_shape}")


@dataclass(frozen=True)
class GradientRow:
    """The check of one node: a Variable (through the graph) or an op (its own gradient)."""

    name: str
    op_type: str  # "Variable" for a Variable
    error: float  # the largest relative error; inf when there is no gradient to compare
    passed: bool  # error <= FAIL_ABOVE
    note: str = ""  # why there is no number, when there is none (English, or Python's text)
    note_template: str = ""  # gdviz's sentence the note was made from, if it was
    note_fields: dict = field(default_factory=dict)  # and its fields

    @property
    def verdict(self) -> str:
        """'ok', 'borderline' or 'WRONG', by GREEN_BELOW and RED_ABOVE."""
        if self.error < GREEN_BELOW:
            return "ok"
        return "WRONG" if not self.error <= RED_ABOVE else "borderline"

    @property
    def note_text(self) -> str:
        """The note in the chosen language (Python's exception text stays as it is)."""
        if not self.note_template:
            return self.note
        return translate("GradientCheck", self.note_template).format(**self.note_fields)


def row(name: str, op_type: str, error: float, note: str = "", template: str = "",
        **fields) -> GradientRow:
    """A row; a note of gdviz's own is given as its ``template`` and ``fields``."""
    if template:
        note = template.format(**fields)
    return GradientRow(name, op_type, float(error), bool(error <= FAIL_ABOVE), note, template, fields)


def verdict_text(r: GradientRow) -> str:
    """The verdict as the table shows it: its word, and the note if there is one."""
    word = translate("GradientCheck", VERDICT_WORDS[r.verdict])
    if not r.note:
        return word
    return translate("GradientCheck", "{verdict} ({note})").format(verdict=word, note=r.note_text)


def relative_error(analytic, numeric, size: float = 0.0) -> float:
    """max |analytic − numeric| over max(|analytic|, |numeric|, ZERO_BELOW · size).

    ``size`` is the size of the function differentiated: a gradient far smaller than it
    is zero as far as finite differences can tell (they see only rounding there).
    """
    analytic, numeric = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    if analytic.size == 0:
        return 0.0
    if not (np.all(np.isfinite(analytic)) and np.all(np.isfinite(numeric))):
        return math.inf
    scale = max(np.abs(analytic).max(), np.abs(numeric).max(), ZERO_BELOW * size)
    return 0.0 if scale == 0 else float(np.abs(analytic - numeric).max() / scale)


# **** finite differences ****


def stencil(f, flat, index, original, step) -> float:
    """The five-point central difference of f at flat[index] with the step ``step``."""
    h = (original + step) - original  # a step that x + h represents exactly
    values = []
    for k in (2.0, 1.0, -1.0, -2.0):
        flat[index] = original + k * h
        values.append(f())
    flat[index] = original
    return (-values[0] + 8.0 * values[1] - 8.0 * values[2] + values[3]) / (12.0 * h)


def derivative(f, x: np.ndarray, index: int) -> float:
    """∂f/∂x[index] by five-point central differences; f reads x (a float array) in place.

    The step starts at STEP·max(1, |x|) and shrinks tenfold, up to MAX_ESTIMATES finite
    estimates (steps whose stencil leaves f's domain give none and do not count). The
    answer is the larger-step estimate of the two neighbours that agree best: where
    truncation no longer matters and rounding not yet. Near a domain's edge (log of a
    probability of 1e-6) that is a small step; elsewhere the first.

    Returns:
        The derivative, or NaN if no step down to SMALLEST_STEP gave finite values.
    """
    flat = x.reshape(-1)  # a view: writing it perturbs x
    original = flat[index]
    step = STEP * max(1.0, abs(original))
    estimates = []
    with np.errstate(all="ignore"):  # a step out of an op's domain is tried smaller
        try:
            while step > SMALLEST_STEP and len(estimates) < MAX_ESTIMATES:
                d = stencil(f, flat, index, original, step)
                if np.isfinite(d):
                    estimates.append(float(d))
                    if len(estimates) >= 2 and _gap(*estimates[-2:]) <= AGREEMENT:
                        break  # two steps agree: the smaller could only add rounding
                step /= STEP_SHRINK
        finally:
            flat[index] = original
    if not estimates:
        return math.nan
    if len(estimates) == 1:
        return estimates[0]
    gaps = [_gap(a, b) for a, b in zip(estimates, estimates[1:])]
    return estimates[int(np.argmin(gaps))]


def _gap(a: float, b: float) -> float:
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def sampled_indices(size: int, rng) -> np.ndarray:
    """Every flat index, or MAX_CHECKED_ELEMENTS of them drawn at random."""
    if size <= MAX_CHECKED_ELEMENTS:
        return np.arange(size)
    return np.sort(rng.choice(size, MAX_CHECKED_ELEMENTS, replace=False))


# **** through the whole graph ****


def check_variables(loss, feed) -> list:
    """One row per Variable the loss depends on: backprop against the loss's differences.

    A non-scalar loss is checked as the sum of its elements (what backprop's seed of
    ones differentiates).
    """
    session = Session(compiled=False)
    variables = [n for n in traverse_postorder(loss) if isinstance(n, Variable)]
    rng = np.random.default_rng(SEED)
    with np.errstate(all="ignore"):
        session.run(loss, feed)
        try:
            grad_table = compute_gradients(loss)
        except Exception as error:  # noqa: BLE001 - a missing or broken gradient is the finding
            return [row(v.name, "Variable", math.inf, f"{type(error).__name__}: {error}")
                    for v in variables]

    def f():
        return float(np.sum(session.run(loss, feed)))

    with np.errstate(all="ignore"):
        size = float(np.sum(np.abs(session.run(loss, feed))))
    rows = []
    for variable in variables:
        variable.value = np.array(variable.value, dtype=float)  # writable, perturbed in place
        analytic = np.broadcast_to(grad_table.get(variable, 0.0), variable.value.shape).reshape(-1)
        indices = sampled_indices(variable.value.size, rng)
        numeric = [derivative(f, variable.value, i) for i in indices]
        rows.append(row(variable.name, "Variable", relative_error(analytic[indices], numeric, size)))
    with np.errstate(all="ignore"):
        session.run(loss, feed)  # leave the latest run as it was
    return rows


# **** op by op ****


def check_op(op, record, rng) -> GradientRow:
    """The op's registered gradient, applied to a random G, against finite differences."""
    inputs = [np.array(v, dtype=float) for v in record.inputs_of(op)]
    output = record.values[op]
    G = rng.standard_normal(np.shape(output))
    try:
        with np.errstate(all="ignore"):
            grads = get_gradient(op)(op, G)
    except Exception as error:  # noqa: BLE001 - no gradient registered, or it raised
        return row(op.name, op.op_type, math.inf, f"{type(error).__name__}: {error}")
    if len(inputs) == 1:
        grads = [grads]  # the tutorial's one-input gradients return the gradient itself
    if len(grads) != len(inputs):
        return row(op.name, op.op_type, math.inf, template=GRADIENT_COUNT,
                   returned=len(grads), inputs=len(inputs))

    def f():
        return float(np.sum(G * np.asarray(op.compute(*inputs), dtype=float)))

    with np.errstate(all="ignore"):
        size = float(np.sum(np.abs(G * output)))
    worst = 0.0
    for slot, (x, grad) in enumerate(zip(inputs, grads)):
        if np.shape(grad) != x.shape:
            return row(op.name, op.op_type, math.inf, template=GRADIENT_SHAPE,
                       slot=slot, shape=str(np.shape(grad)), input_shape=str(x.shape))
        indices = sampled_indices(x.size, rng)
        numeric = [derivative(f, x, i) for i in indices]
        analytic = np.asarray(grad, dtype=float).reshape(-1)[indices]
        worst = max(worst, relative_error(analytic, numeric, size))
    return row(op.name, op.op_type, worst)


def check_ops(loss, feed) -> list:
    """One row per operation on the way to the loss, in the order they are computed."""
    with np.errstate(all="ignore"):
        Session(compiled=False).run(loss, feed)
    record = loss.graph.latest_run  # the gradient functions read op.inputs from it
    rng = np.random.default_rng(SEED)
    return [check_op(node, record, rng) for node in traverse_postorder(loss)
            if node.input_nodes]


def check_loss(loss, feed) -> tuple:
    """Every Variable's row, then every op's row (see the module's docstring)."""
    return (*check_variables(loss, feed), *check_ops(loss, feed))


# **** for people ****


def failures(rows) -> list:
    """The rows that did not pass, ops first (they say where the gradient is wrong)."""
    failed = [r for r in rows if not r.passed]
    return sorted(failed, key=lambda r: r.op_type == "Variable")


def format_table(rows) -> str:
    """The rows as a table for a terminal, with a verdict column."""
    header = (translate("GradientCheck", "node"), translate("GradientCheck", "op type"),
              translate("GradientCheck", "relative error"), translate("GradientCheck", "verdict"))
    lines = [(r.name, r.op_type, _error_text(r), verdict_text(r)) for r in rows]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(3)]
    text = [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:>{widths[2]}}  {d}".rstrip()
            for a, b, c, d in [header, *lines]]
    text.insert(1, "-" * len(text[0]))
    return "\n".join(text)


def _error_text(r: GradientRow) -> str:
    return "—" if math.isinf(r.error) or math.isnan(r.error) else f"{r.error:.2e}"


# **** the command line: gdviz --check-gradients SCRIPT ****


def check_script(path, timeout: float | None = CHECK_TIMEOUT_S):
    """Run ``path`` in a child process and check the gradients of its main graph.

    Returns:
        A gdviz.scripts.runner.ScriptResult whose ``checks`` are GradientRows.
    """
    from gdviz.scripts.runner import run_script

    return run_script(path, timeout=timeout, check=True)


def report(result, out, err) -> int:
    """Print the check of ``result`` (a ScriptResult) for a terminal; return the exit code.

    Returns:
        0 if every gradient passed, 1 if one is wrong (each failing node is named on
        ``err``), 2 if the script failed or gave nothing to check.
    """
    for text, stream in ((result.stdout, out), (result.stderr, err)):  # what the script printed
        if text:
            print(text, end="" if text.endswith("\n") else "\n", file=stream)
    if result.error is not None:
        print(f"gdviz: the script failed: {result.error}", file=err)
        if result.error.details:
            print(result.error.details.rstrip(), file=err)
        return 2
    graph = result.main_graph
    if graph is None or graph.loss is None:
        what = "built no graph" if graph is None else "built a graph without operations"
        print(f"gdviz: nothing to check: {result.path.name} {what}", file=err)
        return 2
    if result.check_problem:
        print(f"gdviz: the gradient check failed: {result.check_problem}", file=err)
        return 2
    from gdviz.scripts.messages import loss_reason_text

    print("\n" + translate("GradientCheck", "Gradient check of {script}: the loss '{loss}' ({reason}), "
                                          "graph {number} of {count}").format(
        script=result.path.name, loss=graph.loss.name, reason=loss_reason_text(graph),
        number=graph.number + 1, count=len(result.graphs)), file=out)
    print(format_table(result.checks), file=out)
    failed = failures(result.checks)
    for r in failed:
        what = f"the gradient of op '{r.name}' ({r.op_type})" if r.op_type != "Variable" else \
            f"the gradient of the loss with respect to Variable '{r.name}'"
        why = r.note_text or f"relative error {r.error:.2e} > {FAIL_ABOVE:g}"
        print(f"gdviz: {what} is wrong: {why}", file=err)
    if failed:
        return 1
    print(translate("GradientCheck", "Every gradient agrees with finite differences "
                                     "(relative error <= {limit:g}).").format(limit=FAIL_ABOVE), file=out)
    return 0
