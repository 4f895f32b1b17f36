"""The neuron picture's numbers (Qt-free): each unit's heatmap is the engine's activation on
the grid, and the formulas carry the current weights."""

import re
import time

import numpy as np
import pytest

from gdviz.engine import Session
from gdviz.lesson.neurons import (
    edge_formula,
    grid_points,
    layer_title,
    n_layers,
    output_ranges,
    unit_formula,
    unit_name,
    unit_nodes,
    unit_outputs,
)
from gdviz.training.models import Model, ModelConfig, initial_weights

EXTENT = (-2.0, 2.5, -1.5, 3.0)
CONFIGS = {
    "perceptron": (ModelConfig(), 2),
    "perceptron_circle_features": (ModelConfig(features=("x1", "x2", "x1^2", "x2^2")), 3),
    "mlp_tanh": (ModelConfig(kind="mlp", hidden=(16, 16)), 2),
    "mlp_sigmoid_features": (ModelConfig(kind="mlp", hidden=(5, 3), activation="sigmoid",
                                         features=("x1", "x2", "x1*x2", "sin(x1)")), 3),
    "mlp_relu_4x16_l2": (ModelConfig(kind="mlp", hidden=(16,) * 4, activation="relu",
                                     penalty="l2", penalty_rate=0.01), 4),
}
NUMBER = r"[−-]?\d+(?:\.\d+)?(?:e[+-]\d+)?"


def _weights(config, n_classes, seed=3):
    """Weights with nonzero biases (initial MLP biases are 0: a wrong bias index would hide)."""
    rng = np.random.default_rng(seed)
    return [w + 0.3 * rng.standard_normal(np.shape(w)) for w in initial_weights(config, n_classes)]


def _number(text):
    return float(text.replace("−", "-"))


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_unit_outputs_equal_the_engines_forward_pass(name):
    config, n_classes = CONFIGS[name]
    weights = _weights(config, n_classes)
    res = 17
    outputs = unit_outputs(config, weights, EXTENT, res)
    sizes = config.layer_sizes(n_classes)
    assert [o.shape for o in outputs] == [(s, res, res) for s in sizes]
    assert all(o.dtype == np.float32 for o in outputs)

    model = Model(config, n_classes, weights, dtype=np.float32)
    points = grid_points(EXTENT, res)
    feed = {model.X: model.input_matrix(points)}
    session = Session()
    for layer in range(n_layers(config) - 1):  # the inputs and the hidden layers
        node = unit_nodes(model.loss, config, layer, 0).output
        engine = session.run(node, feed)  # (res², units)
        ours = outputs[layer].reshape(sizes[layer], -1).T
        np.testing.assert_allclose(ours, engine, rtol=2e-6, atol=2e-6)
    np.testing.assert_allclose(outputs[-1].reshape(n_classes, -1).T, model.predict(points), rtol=2e-6, atol=2e-6)


def test_the_grid_runs_with_x_along_columns_and_y_up_the_rows():
    config = ModelConfig()
    x1, x2 = unit_outputs(config, _weights(config, 2), EXTENT, 5)[0]
    np.testing.assert_allclose(x1[0], np.linspace(-2.0, 2.5, 5), rtol=1e-6)  # row 0: x varies
    np.testing.assert_allclose(x2[:, 0], np.linspace(-1.5, 3.0, 5), rtol=1e-6)  # y increases by row


def test_saturated_weights_raise_no_warning():
    config = ModelConfig(kind="mlp", hidden=(4,), activation="sigmoid")
    weights = [1e6 * w for w in _weights(config, 2)]
    outputs = unit_outputs(config, weights, EXTENT, 8)  # RuntimeWarnings would fail the test
    assert np.all(np.isfinite(outputs[-1]))


def test_four_layers_of_sixteen_at_resolution_24_take_under_15_ms():
    config, n_classes = CONFIGS["mlp_relu_4x16_l2"]
    weights = _weights(config, n_classes)
    unit_outputs(config, weights, EXTENT, 24)
    best = min(_timed(lambda: unit_outputs(config, weights, EXTENT, 24)) for _ in range(20))
    assert best < 0.015, f"{best * 1e3:.1f} ms"


def _timed(f):
    started = time.perf_counter()
    f()
    return time.perf_counter() - started


def test_a_hidden_units_formula_carries_its_weights_bias_and_input_ranges():
    config = ModelConfig(kind="mlp", hidden=(4, 3))
    weights = _weights(config, 2)
    text = unit_formula(config, weights, 1, 2, EXTENT)
    head = text.splitlines()[0]
    assert head.startswith("h₁,₃ = tanh(") and head.endswith(")")
    numbers = [_number(n) * (-1 if sign == "−" else 1)
               for sign, n in re.findall(rf"([+−]?)\s*({NUMBER})", head.split("(", 1)[1])]
    # Two weighted inputs (number then the input's name) and the bias.
    np.testing.assert_allclose(numbers, [*weights[0][:, 2], weights[1][2]], rtol=5e-3)
    assert "x₁ ∈ [−2, 2.5]" in text and "x₂ ∈ [−1.5, 3]" in text
    low, high = output_ranges(unit_outputs(config, weights, EXTENT, 24))[1][2]
    assert text.splitlines()[-1] == f"h₁,₃ ∈ [{_fmt(low)}, {_fmt(high)}] over the plane"


def _fmt(x):
    from gdviz.lesson.neurons import _number as formula_number
    return formula_number(x)


def test_a_second_layer_unit_reads_the_first_layers_units():
    config = ModelConfig(kind="mlp", hidden=(2, 2), activation="sigmoid")
    weights = _weights(config, 2)
    head = unit_formula(config, weights, 2, 0, EXTENT).splitlines()[0]
    assert head.startswith("h₂,₁ = sigmoid(") and "·h₁,₁" in head and "·h₁,₂" in head


def test_an_output_units_formula_is_a_softmax_of_its_sum():
    config = ModelConfig()
    weights = _weights(config, 2)
    lines = unit_formula(config, weights, 1, 1, EXTENT).splitlines()
    assert lines[0] == "p₁ = softmax(z)₁: probability of class 1"
    terms = re.findall(rf"([+−]?)\s*({NUMBER})", lines[1].split("=", 1)[1])
    values = [_number(n) * (-1 if s == "−" else 1) for s, n in terms]
    np.testing.assert_allclose(values, [*weights[0][:, 1], weights[1][1]], rtol=5e-3)


def test_an_input_unit_names_its_feature_and_range():
    config = ModelConfig(features=("x1", "x1^2"))
    text = unit_formula(config, _weights(config, 2), 0, 1, EXTENT)
    assert text.startswith("x₁²: input feature")
    low, high = re.search(rf"x₁² ∈ \[({NUMBER}), ({NUMBER})\]", text).groups()
    assert _number(low) == pytest.approx(0.0, abs=0.02) and _number(high) == pytest.approx(6.25, rel=1e-3)


def test_an_edges_formula_names_its_entry_and_value():
    config = ModelConfig(kind="mlp", hidden=(3,))
    weights = _weights(config, 2)
    text = edge_formula(config, weights, 2, 1, 0, EXTENT)
    w = weights[2][1, 0]
    assert text.startswith(f"h₁,₂ → p₀: w = {_fmt(w)}")
    assert "W2, row 2, column 1" in text
    assert _number(re.search(rf"w = ({NUMBER})", text).group(1)) == pytest.approx(w, rel=5e-3)


def test_long_sums_wrap_onto_several_lines():
    config = ModelConfig(kind="mlp", hidden=(16, 16))
    text = unit_formula(config, _weights(config, 2), 2, 0, EXTENT)
    head = text.split("\nwith\n")[0]
    assert head.count("\n") == 3 and max(len(line) for line in head.splitlines()) < 80
    assert head.count("·h₁,") == 16


def test_units_are_columns_of_the_graphs_nodes():
    config = ModelConfig(kind="mlp", hidden=(3, 4))
    model = Model(config, 2)
    nodes = unit_nodes(model.loss, config, 2, 3)
    assert (nodes.weights.name, nodes.bias.name, nodes.column) == ("W2", "b2", 3)
    assert nodes.output.op_type == "tanh" and nodes.primary is nodes.weights
    last = unit_nodes(model.loss, config, 3, 1)
    assert (last.weights.name, last.output.op_type) == ("W3", "add")
    assert unit_nodes(model.loss, config, 0, 1).primary.name == "X"
    perceptron = Model(ModelConfig(), 2)
    assert unit_nodes(perceptron.loss, ModelConfig(), 1, 0).output.name == "p"
    with pytest.raises(LookupError, match="W3"):
        unit_nodes(perceptron.loss, config, 3, 0)


def test_names_and_titles():
    config = ModelConfig(kind="mlp", hidden=(3, 4), activation="relu")
    assert [layer_title(config, k) for k in range(4)] == ["Inputs", "Hidden 1 (relu)", "Hidden 2 (relu)",
                                                          "Output (softmax)"]
    assert unit_name(config, 2, 11) == "h₂,₁₂" and unit_name(config, 3, 0) == "p₀"
