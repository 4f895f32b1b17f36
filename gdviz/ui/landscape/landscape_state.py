"""The landscape view's words and arrows: its modes, the steps drawn at the point, the status line.

Kept apart from the widget so that the view reads as controls and signals. Nothing
here touches a widget: ``arrow_steps`` and ``describe`` turn numbers into what is drawn
and said.
"""

from __future__ import annotations

import numpy as np

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.landscape.arrows import arrows_from_state
from gdviz.lesson.trace_text import format_number

# The modes' identifiers and shown words (translated where they are shown: ``mode_text``).
MODES = (
    ("two", QT_TRANSLATE_NOOP("LandscapeView", "Two parameters")),
    ("plane", QT_TRANSLATE_NOOP("LandscapeView", "All parameters (projection)")),
    ("line", QT_TRANSLATE_NOOP("LandscapeView", "Along the gradient (1-D)")),
)
MODE_TOOLTIPS = {
    "two": QT_TRANSLATE_NOOP("LandscapeView", "J as two chosen weights vary, every other weight held at "
                             "its current value"),
    "plane": QT_TRANSLATE_NOOP("LandscapeView", "J on the plane of the path's two principal directions "
                               "(PCA of the weights visited), through the current weights: every weight moves"),
    "line": QT_TRANSLATE_NOOP("LandscapeView", "J(w − t·∇J): the mountain along the gradient, its slope "
                              "at t = 0, and where the learning rate's step lands"),
}
MODE_NOTES = {
    "two": QT_TRANSLATE_NOOP("LandscapeView", "J over two weights; every other weight held where it is now."),
    "plane": QT_TRANSLATE_NOOP("LandscapeView", "A projection onto the path's two principal directions: J on "
                               "the plane through the current weights; the path is its shadow on that plane."),
    "line": QT_TRANSLATE_NOOP("LandscapeView", "J along the gradient's line through the current weights."),
}
STEP_KEYS = ("gradient_step", "momentum_step", "adam_step")
LEAVE_FRACTION = 0.9  # the point has left the surface beyond this share of its half-width


def mode_text(words: str) -> str:
    """One of the words above (a mode's title, tooltip or note) in the user's language."""
    return translate("LandscapeView", words)


def variable_names(config, n_arrays: int) -> list:
    """The Variables' names, as gdviz.training.models names them: W, b for the
    perceptron; W1, b1, ..., Wk, bk for an MLP."""
    if config.kind == "perceptron" and n_arrays == 2:
        return ["W", "b"]
    return [f"{'W' if k % 2 == 0 else 'b'}{k // 2 + 1}" for k in range(n_arrays)]


def arrow_steps(shown, gradient, flat, path, shapes, optimizer_state, learning_rate):
    """Where the arrows start and the steps they show, in the picture's two coordinates.

    Two parameters: the optimizer's rules at those two weights. Projection: the rules
    on the whole weight vector, projected onto the plane's directions (a step's shadow).

    Returns:
        ((x, y) of the current point, {step key: (dx, dy) or None}).
    """
    if shown.mode == "two":
        i, j = shown.surface.i, shown.surface.j
        arrows = arrows_from_state(optimizer_state, gradient, shapes, [i, j], learning_rate)
        start = (flat[i], flat[j])
        return start, {key: getattr(arrows, key) for key in STEP_KEYS}
    arrows = arrows_from_state(optimizer_state, gradient, shapes, None, learning_rate)
    directions = shown.surface.directions
    here = path.project_latest()
    steps = {}
    for key in STEP_KEYS:
        step = getattr(arrows, key)
        steps[key] = None if step is None else directions @ step
    return (float(here[0]), float(here[1])), steps


def describe(view, shown) -> str:
    """The status line: J and the gradient at the current weights, and the steps drawn."""
    if view._problem is None:
        return translate("LandscapeView", "No model yet.")
    if shown is None or view._gradient is None:
        return translate("LandscapeView", "Computing the landscape…")
    J = view._point_J
    parts = [translate("LandscapeView", "step {step}").format(step=view._step),
             f"J = {format_number(J) if J is not None else '…'}"]
    g = view._gradient
    if shown.mode == "two":
        i, j = shown.surface.i, shown.surface.j
        parts.append(f"∂J/∂{view._names[i]} = {format_number(g[i])}, "
                     f"∂J/∂{view._names[j]} = {format_number(g[j])}")
    elif shown.mode == "plane":
        d = shown.surface.directions
        parts.append(translate("LandscapeView", "|∇J| = {norm}, on the plane ({alpha}, {beta})").format(
            norm=format_number(np.linalg.norm(g)), alpha=format_number(d[0] @ g), beta=format_number(d[1] @ g)))
    else:
        line = shown.surface
        parts.append(translate("LandscapeView", "slope at t = 0: −|∇J|² = {slope}").format(
            slope=format_number(line.slope)))
        parts.append(translate("LandscapeView", "the step (t = lr = {rate}) lands at J = {J}").format(
            rate=format_number(line.learning_rate), J=format_number(line.J_step)))
    kind = (view._optimizer_state or {}).get("kind", "gd")
    if shown.mode != "line" and kind != "gd":
        parts.append(translate("LandscapeView", "momentum state included") if kind == "momentum"
                     else translate("LandscapeView", "Adam state included"))
    return " · ".join(parts)


def axis_labels(result, names) -> tuple:
    """The axes' titles for a surface result."""
    if result.mode == "two":
        return names[result.surface.i], names[result.surface.j]
    second = translate("LandscapeView", "β: its second principal direction")
    if result.explained is None:
        return translate("LandscapeView", "α: the path's first principal direction"), second
    return translate("LandscapeView", "α: the path's first principal direction ({share} % of its "
                     "variance)").format(share=format_number(100 * result.explained[0])), second


def left_surface(shown, flat, path) -> bool:
    """True if the current point has left the computed surface (it is redrawn then)."""
    if shown is None or shown.mode == "line":
        return False
    if shown.mode == "two":
        s = shown.surface
        x, y = flat[s.i], flat[s.j]
        return not (_inside(x, s.xs) and _inside(y, s.ys))
    here = path.project_latest()
    s = shown.surface
    return here is None or not (_inside(here[0], s.alphas) and _inside(here[1], s.betas))


def _inside(value, axis) -> bool:
    centre, half = (axis[0] + axis[-1]) / 2, (axis[-1] - axis[0]) / 2
    return abs(value - centre) <= LEAVE_FRACTION * half
