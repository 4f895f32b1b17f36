"""The neuron picture of a model: what every unit computes over the input plane (Qt-free).

TensorFlow Playground's best idea: a unit is not a number but a function of the point
(x₁, x₂), so it can be drawn as a small heatmap over the plane the data lives in. Layer 0
holds the inputs (the features, x₁, x₂, x₁², ...), then come the hidden layers, and the
last layer holds the output probabilities, one unit per class.

``unit_outputs`` evaluates every unit of every layer on a res×res grid of the plane in one
batched numpy pass (the same products as the engine's forward pass, in float32);
``unit_formula`` and ``edge_formula`` say, with the current numbers, what a unit or an
edge computes; ``unit_nodes`` finds the nodes of the tutorial's operation graph that a
unit is a column of (hidden layer 1, unit 3: column 3 of W1, entry 3 of b1 and column 3
of the activation's output), so that the neuron picture and the graph explain each other.

Indices are 0-based in code; the text numbers hidden units from 1 as the formulas and the
inspector's table headers do (h₁,₁ is layer 1, unit 0), and classes from 0 as the app does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdviz.engine import traverse_postorder
from gdviz.i18n import translate
from gdviz.lesson.trace_text import format_number
from gdviz.training.features import feature_labels, feature_matrix

DIGITS = 3  # significant digits of the numbers in a formula
RANGE_RESOLUTION = 24  # grid on which a formula's ranges are measured when none are given
TERMS_PER_LINE = 4  # a long weighted sum wraps after this many terms
RANGES_PER_LINE = 3
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_ACTIVATIONS = {
    "tanh": np.tanh,
    # As the engine computes it: (1 + tanh(x/2)) / 2 never overflows.
    "sigmoid": lambda z: 0.5 * (np.tanh(0.5 * z) + 1.0),
    "relu": lambda z: np.maximum(z, 0.0),
}


def subscript(n: int) -> str:
    """``12`` -> ``"₁₂"``."""
    return str(int(n)).translate(_SUBSCRIPT)


# **** the layers and their units ****

def n_layers(config) -> int:
    """Layers of units: the inputs, each hidden layer, the output."""
    return 2 + (len(config.hidden) if config.kind == "mlp" else 0)


def layer_kind(config, layer: int) -> str:
    """``"input"``, ``"hidden"`` or ``"output"``."""
    if layer == 0:
        return "input"
    return "output" if layer == n_layers(config) - 1 else "hidden"


def layer_title(config, layer: int) -> str:
    """The caption over a layer's column: "Inputs", "Hidden 1 (tanh)", "Output (softmax)"."""
    kind = layer_kind(config, layer)
    # The neuron view puts what is in brackets (ASCII or full-width) on a second line.
    if kind == "input":
        return translate("Neurons", "Inputs")
    if kind == "output":
        return translate("Neurons", "Output (softmax)")
    return translate("Neurons", "Hidden {layer} ({activation})").format(
        layer=layer, activation=config.activation)


def unit_name(config, layer: int, unit: int) -> str:
    """How the formulas write a unit: ``x₁²`` (input), ``h₂,₅`` (hidden), ``p₀`` (class 0)."""
    kind = layer_kind(config, layer)
    if kind == "input":
        return feature_labels(config.features)[unit]
    if kind == "output":
        return f"p{subscript(unit)}"
    return f"h{subscript(layer)},{subscript(unit + 1)}"


def weight_names(config, layer: int) -> tuple:
    """The Variables feeding ``layer`` (1 or more): ("W1", "b1"), or ("W", "b") for the perceptron."""
    if config.kind == "perceptron":
        return "W", "b"
    return f"W{layer}", f"b{layer}"


def grid_points(extent, resolution: int) -> np.ndarray:
    """The grid's points (res², 2) float32: row i·res + j is (xs[j], ys[i]), ys increasing.

    Args:
        extent: (xmin, xmax, ymin, ymax), the boundary view's box.
        resolution: points along each side.
    """
    xmin, xmax, ymin, ymax = extent
    gx, gy = np.meshgrid(np.linspace(xmin, xmax, resolution), np.linspace(ymin, ymax, resolution))
    return np.column_stack([gx.ravel(), gy.ravel()]).astype(np.float32)


def _activations(config, weights, points) -> list:
    """Every layer's values (N, units) at ``points`` (N, 2), float32, input to output."""
    h = np.asarray(feature_matrix(points, config.features), dtype=np.float32)
    layers = [h]
    arrays = [np.asarray(w, dtype=np.float32) for w in weights]
    activation = _ACTIVATIONS.get(config.activation, np.tanh)
    last = len(arrays) - 2
    for i in range(0, len(arrays), 2):
        z = h @ arrays[i] + arrays[i + 1]
        if i == last:
            z = z - z.max(axis=1, keepdims=True)  # the engine's stable softmax
            e = np.exp(z)
            h = e / e.sum(axis=1, keepdims=True)
        else:
            h = activation(z)
        layers.append(h)
    return layers


def unit_outputs(config, weights, extent, resolution: int) -> list:
    """Every unit's output over the input plane.

    Args:
        config: the ModelConfig (kind, hidden, activation, features).
        weights: [W1, b1, ..., Wk, bk] ([W, b] for the perceptron).
        extent: (xmin, xmax, ymin, ymax).
        resolution: grid points along each side.

    Returns:
        One float32 array per layer (inputs, hidden layers, output probabilities), each
        (units, res, res): [u, i, j] is unit u at x = xs[j], y = ys[i] (row 0 at ymin).
    """
    points = grid_points(extent, resolution)
    with np.errstate(over="ignore", invalid="ignore"):  # saturated weights: shown as they are
        layers = _activations(config, weights, points)
    return [np.ascontiguousarray(h.T).reshape(h.shape[1], resolution, resolution) for h in layers]


def output_ranges(outputs) -> list:
    """Each layer's (min, max) per unit over the grid: a list of (units, 2) arrays."""
    return [np.column_stack([o.reshape(len(o), -1).min(axis=1), o.reshape(len(o), -1).max(axis=1)])
            for o in outputs]


# **** formulas with the current numbers ****

def _number(x) -> str:
    """A number of a formula, with a true minus sign (as the sums write theirs)."""
    text = format_number(x, DIGITS)
    return "−" + text[1:] if text.startswith("-") else text


def _range_text(low, high) -> str:
    return f"[{_number(low)}, {_number(high)}]"


def _weighted_sum(coefficients, names, bias) -> str:
    """``0.52·x₁ − 1.3·x₂ + 0.07``, wrapped after every TERMS_PER_LINE terms."""
    parts = []
    for k, (w, name) in enumerate(zip(coefficients, names)):
        sign = "−" if w < 0 else "+"
        text = f"{_number(abs(w))}·{name}"
        if k == 0:
            parts.append(f"−{text}" if w < 0 else text)
        else:
            joint = "\n    " if k % TERMS_PER_LINE == 0 else " "
            parts.append(f"{joint}{sign} {text}")
    parts.append(f" {'−' if bias < 0 else '+'} {_number(abs(bias))}")
    return "".join(parts)


def _ranges_lines(names, ranges) -> list:
    items = [f"{name} ∈ {_range_text(*r)}" for name, r in zip(names, ranges)]
    return ["  " + ", ".join(items[k:k + RANGES_PER_LINE]) for k in range(0, len(items), RANGES_PER_LINE)]


def _ranges_or_measured(config, weights, extent, ranges):
    if ranges is not None:
        return ranges
    return output_ranges(unit_outputs(config, weights, extent, RANGE_RESOLUTION))


def unit_formula(config, weights, layer: int, unit: int, extent, ranges=None) -> str:
    """What a unit computes, with the current numbers plugged in.

    A hidden unit reads ``h₁,₃ = tanh(0.52·x₁ − 1.3·x₂ + 0.07)``, then each input's range
    over the plane and the unit's own; an output unit is a softmax of such sums; an input
    unit names its feature and range.

    Args:
        config, weights: the model and its weights [W1, b1, ...].
        layer, unit: 0-based (layer 0: the inputs).
        extent: (xmin, xmax, ymin, ymax): the plane the ranges are measured over.
        ranges: ``output_ranges(unit_outputs(...))`` if already known (the view has
            them); measured on a small grid otherwise.

    Returns:
        Plain text, several lines.
    """
    ranges = _ranges_or_measured(config, weights, extent, ranges)
    name = unit_name(config, layer, unit)
    own = translate("Neurons", "{name} ∈ {range} over the plane").format(
        name=name, range=_range_text(*ranges[layer][unit]))
    kind = layer_kind(config, layer)
    if kind == "input":
        return translate("Neurons", "{name}: input feature").format(name=name) + f"\n{own}"
    W, b = weights[2 * (layer - 1)], weights[2 * (layer - 1) + 1]
    n_in = np.shape(W)[0]
    names = [unit_name(config, layer - 1, k) for k in range(n_in)]
    total = _weighted_sum(np.asarray(W)[:, unit], names, float(np.asarray(b)[unit]))
    if kind == "hidden":
        head = f"{name} = {config.activation}({total})"
    else:
        z = f"z{subscript(unit)}"
        head = translate("Neurons", "{name} = softmax(z){index}: probability of class {unit}").format(
            name=name, index=subscript(unit), unit=unit) + f"\n{z} = {total}"
    return "\n".join([head, translate("Neurons", "with"), *_ranges_lines(names, ranges[layer - 1]),
                      own])


def edge_formula(config, weights, layer: int, source: int, target: int, extent, ranges=None) -> str:
    """What one weight does: the edge from unit ``source`` of layer ``layer − 1`` to unit
    ``target`` of ``layer``.

    Says which entry of which matrix it is (row and column numbered from 1, as the
    inspector's table), its value, and the range of its term w·input over the plane.

    Args:
        config, weights: the model and its weights.
        layer: the target unit's layer (1 or more).
        source, target: 0-based units.
        extent, ranges: as for ``unit_formula``.
    """
    ranges = _ranges_or_measured(config, weights, extent, ranges)
    w = float(np.asarray(weights[2 * (layer - 1)])[source, target])
    low, high = sorted(w * np.asarray(ranges[layer - 1][source], dtype=float))
    src, dst = unit_name(config, layer - 1, source), unit_name(config, layer, target)
    into = f"z{subscript(target)}" if layer_kind(config, layer) == "output" else dst
    matrix = weight_names(config, layer)[0]
    where = translate("Neurons", "{matrix}, row {row}, column {column}").format(
        matrix=matrix, row=source + 1, column=target + 1)
    adds = translate("Neurons", "adds {w}·{source} to {target}, from {low} to {high} over the "
                                "plane").format(w=_number(w), source=src, target=into,
                                                low=_number(low), high=_number(high))
    return f"{src} → {dst}: w = {_number(w)}\n{where}\n{adds}"


# **** the same unit in the operation graph ****

@dataclass(frozen=True)
class UnitNodes:
    """The nodes of the operation graph that one unit is a column of.

    ``column`` is the unit's column of ``weights`` (its incoming weights), its entry of
    ``bias`` and its column of ``output`` (the activation's output for a hidden unit, the
    logits' ``add`` or the perceptron's ``p`` for an output unit, the placeholder ``X``
    for an input). ``weights`` and ``bias`` are None for an input unit.
    """

    layer: int
    unit: int
    column: int
    output: object
    weights: object = None
    bias: object = None

    @property
    def primary(self):
        """The node to select for the unit: its incoming weights (X for an input)."""
        return self.weights if self.weights is not None else self.output


def unit_nodes(loss, config, layer: int, unit: int) -> UnitNodes:
    """Find, among the ancestors of ``loss`` (a Model's ``loss``), the unit's nodes.

    Args:
        loss: the node the graph view draws (its ancestors are searched).
        config: the model's ModelConfig.
        layer, unit: 0-based (layer 0: the inputs).

    Raises:
        LookupError: the graph has no such nodes (another model's graph).
    """
    nodes = traverse_postorder(loss)
    inside = set(nodes)
    by_name = {node.name: node for node in nodes}

    def consumer(node, op_type=None):
        for c in node.consumers:
            if c in inside and (op_type is None or c.op_type == op_type):
                return c
        raise LookupError(f"no {op_type or 'consumer'} of {node.name} leads to {loss.name}")

    if layer == 0:
        if "X" not in by_name:
            raise LookupError(f"{loss.name} does not read the placeholder X")
        return UnitNodes(layer, unit, unit, by_name["X"])
    w_name, b_name = weight_names(config, layer)
    if w_name not in by_name or b_name not in by_name:
        raise LookupError(f"{loss.name} does not read the Variables {w_name} and {b_name}")
    columns = np.shape(by_name[w_name].value)[-1]
    if not 0 <= unit < columns:
        raise LookupError(f"{w_name} has {columns} columns: there is no unit {unit} in layer {layer}")
    output = consumer(consumer(by_name[w_name], "matmul"), "add")
    kind = layer_kind(config, layer)
    if kind == "hidden":
        output = consumer(output, config.activation)
    elif config.kind == "perceptron":
        output = consumer(output, "softmax")  # the tutorial's p
    return UnitNodes(layer, unit, unit, output, by_name[w_name], by_name[b_name])
