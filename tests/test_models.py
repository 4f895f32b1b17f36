"""Models: the tutorial's perceptron, MLPs, weights, the batched prediction op, the penalty
as ops of the graph and the input features."""

from dataclasses import replace

import numpy as np
import pytest

from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.engine import Session, check_gradients, compute_gradients, traverse_postorder
from gdviz.training.models import ACTIVATIONS, OPTIMIZERS, Model, ModelConfig, architecture_key
from gdviz.lesson.tutorial import build_tutorial_graph, tutorial_points


def test_perceptron_with_sum_is_the_tutorials_loss():
    tutorial = build_tutorial_graph()
    X, c = tutorial_points()
    weights = [tutorial.W.value, tutorial.b.value]
    model = Model(ModelConfig(kind="perceptron", reduction="sum"), 2, weights)
    expected = Session().run(tutorial.J, {tutorial.X: X, tutorial.c: c})
    loss, probabilities = model.evaluate(X, c)
    assert loss == pytest.approx(expected)
    np.testing.assert_allclose(probabilities, Session().run(tutorial.p, {tutorial.X: X}))
    assert [v.name for v in model.variables] == ["W", "b"]


def test_mean_is_sum_divided_by_the_number_of_points():
    X, c = tutorial_points()
    w = Model(ModelConfig(), 2).get_weights()
    mean = Model(ModelConfig(reduction="mean"), 2, w).evaluate(X, c)[0]
    total = Model(ModelConfig(reduction="sum"), 2, w).evaluate(X, c)[0]
    assert total == pytest.approx(len(X) * mean)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("hidden", [(4,), (8, 8), (3, 4, 5, 6)])
def test_mlp_shapes(activation, hidden):
    model = Model(ModelConfig(kind="mlp", hidden=hidden, activation=activation), 3)
    shapes = [w.shape for w in model.get_weights()]
    sizes = [2, *hidden, 3]
    assert shapes == [s for a, b in zip(sizes[:-1], sizes[1:]) for s in ((a, b), (b,))]
    p = model.predict(np.random.default_rng(0).standard_normal((7, 2)))
    assert p.shape == (7, 3)
    np.testing.assert_allclose(p.sum(axis=1), 1)


def test_prediction_op_shares_the_weights_and_matches_the_training_forward():
    d = make_dataset(DatasetConfig(name="moons"))
    model = Model(ModelConfig(kind="mlp", hidden=(6,)), 2)
    feed = model.feed(d.X, d.one_hot())
    before = model.predict(d.X)
    for _ in range(5):
        model.train_step(feed)
    after = model.predict(d.X)
    assert not np.allclose(before, after)  # the grid sees the trained weights
    np.testing.assert_allclose(after, model.evaluate(d.X, d.one_hot())[1])


def test_get_and_set_weights_are_copies():
    model = Model(ModelConfig(), 2)
    w = model.get_weights()
    w[0][0, 0] = 123.0
    assert model.get_weights()[0][0, 0] != 123.0
    model.set_weights(w)
    w[0][0, 0] = 7.0
    assert model.get_weights()[0][0, 0] == 123.0
    with pytest.raises(ValueError, match="shape"):
        model.set_weights([np.zeros((3, 2)), np.zeros(2)])


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_every_optimizer_lowers_the_loss(optimizer):
    X, c = tutorial_points()
    lr = 0.05 if optimizer == "adam" else 0.1
    model = Model(ModelConfig(optimizer=optimizer, learning_rate=lr), 2)
    first = model.train_step(model.feed(X, c))
    for _ in range(50):
        last = model.train_step(model.feed(X, c))
    assert last < first


def test_learning_rate_changes_without_resetting_momentum():
    X, c = tutorial_points()
    model = Model(ModelConfig(optimizer="momentum"), 2)
    model.train_step(model.feed(X, c))
    model.learning_rate = 0.01
    assert model.optimizer.learning_rate == 0.01 and np.any(model.optimizer.slots(model.variables[0])["accum"])


def test_bad_configs_name_the_field():
    for config, word in [
        (ModelConfig(kind="cnn"), "kind"),
        (ModelConfig(kind="mlp", hidden=()), "hidden"),
        (ModelConfig(kind="mlp", hidden=(1, 2, 3, 4, 5)), "hidden"),
        (ModelConfig(optimizer="sgd"), "optimizer"),
        (ModelConfig(learning_rate=0), "learning rate"),
    ]:
        with pytest.raises(ValueError, match=word):
            Model(config, 2)


def test_architecture_key_ignores_how_it_trains():
    a = ModelConfig(kind="mlp")
    assert architecture_key(a) == architecture_key(ModelConfig(kind="mlp", optimizer="adam", learning_rate=3))
    assert architecture_key(a) != architecture_key(ModelConfig(kind="mlp", hidden=(4,)))


# **** the penalty, as ops of the graph ****

PENALISED = [ModelConfig(penalty="l2", penalty_rate=0.3),
             ModelConfig(penalty="l1", penalty_rate=0.3),
             ModelConfig(kind="mlp", hidden=(4, 3), penalty="l2", penalty_rate=0.05),
             ModelConfig(kind="mlp", hidden=(4, 3), penalty="l1", penalty_rate=0.05)]


def _ids(config):
    return f"{config.kind}-{config.penalty}"


@pytest.mark.parametrize("config", PENALISED, ids=_ids)
def test_the_penalty_gradient_is_2_lambda_W_or_lambda_sign_W(config):
    X, c = tutorial_points()
    model = Model(config, 2)
    feed = model.feed(X, c)
    Session().run(model.loss, feed)
    grads = compute_gradients(model.penalty)
    lam = config.penalty_rate
    for variable in model.variables:
        W = variable.value
        if variable.name.startswith("W"):
            expected = 2 * lam * W if config.penalty == "l2" else lam * np.sign(W)
        else:  # biases are not penalised
            expected = np.zeros_like(W)
        np.testing.assert_allclose(grads.get(variable, np.zeros_like(W)), expected, rtol=1e-12)
    # and J's gradient, data and penalty together, against finite differences
    check_gradients(model.loss, model.variables, feed)


@pytest.mark.parametrize("config", PENALISED, ids=_ids)
def test_j_is_the_data_loss_plus_the_named_penalty(config):
    X, c = tutorial_points()
    model = Model(config, 2)
    names = {node.name for node in traverse_postorder(model.loss)}
    assert model.loss.name == "J" and {"data_loss", "penalty", "λ"} <= names
    J, data_loss, penalty = Session().run([model.loss, model.data_loss, model.penalty], model.feed(X, c))
    matrices = [w for v, w in zip(model.variables, model.get_weights()) if v.name.startswith("W")]
    norm = sum(np.sum(w * w) if config.penalty == "l2" else np.sum(np.abs(w)) for w in matrices)
    assert penalty == pytest.approx(config.penalty_rate * norm, rel=1e-12)
    assert J == pytest.approx(data_loss + penalty, rel=1e-12)
    # Without a penalty, the loss is the cross-entropy itself, named J, as in the tutorial.
    plain = Model(replace(config, penalty="none"), 2, model.get_weights())
    assert plain.penalty is None and plain.loss.name == "J"
    assert plain.evaluate(X, c)[0] == pytest.approx(data_loss, rel=1e-12)


@pytest.mark.parametrize("config", [*PENALISED, replace(PENALISED[3], optimizer="adam"),
                                    ModelConfig(kind="mlp", hidden=(5,), features=("x1", "x2", "x1*x2"),
                                                penalty="l1", penalty_rate=0.01, optimizer="momentum")],
                         ids=lambda c: f"{_ids(c)}-{c.optimizer}-{len(c.features)}")
def test_penalised_training_is_the_same_compiled_and_in_the_core(config):
    X, c = tutorial_points()
    results = []
    for compiled in (True, False):
        model = Model(config, 2)
        model.session = Session(compiled=compiled)
        feed = model.feed(X, c)
        losses = [model.train_step(feed) for _ in range(12)]
        results.append((losses, model.get_weights()))
    (losses_a, w_a), (losses_b, w_b) = results
    np.testing.assert_allclose(losses_a, losses_b, rtol=1e-12)
    for a, b in zip(w_a, w_b):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_a_penalty_rate_is_a_feed_not_a_new_graph():
    X, c = tutorial_points()
    model = Model(ModelConfig(penalty="l2", penalty_rate=0.0), 2)
    zero = model.evaluate(X, c)[0]
    model.penalty_rate = 2.0
    W = model.get_weights()[0]
    assert model.evaluate(X, c)[0] == pytest.approx(zero + 2.0 * np.sum(W * W), rel=1e-12)


def test_either_penalty_keeps_the_weights_smaller():
    X, c = tutorial_points()
    norms = {}
    for penalty in ("none", "l2", "l1"):
        model = Model(ModelConfig(kind="mlp", hidden=(8,), penalty=penalty, penalty_rate=0.05,
                                  learning_rate=0.1), 2)
        feed = model.feed(X, c)
        for _ in range(300):
            model.train_step(feed)
        norms[penalty] = sum(np.sum(w * w) for w in model.get_weights()[0::2])
    assert norms["l2"] < norms["none"] and norms["l1"] < norms["none"]


# **** input features ****

FEATURED = ModelConfig(features=("x1", "x2", "x1^2", "x2^2", "x1*x2"))


def test_features_set_the_input_width_and_the_weights_shapes():
    model = Model(FEATURED, 3)
    assert FEATURED.layer_sizes(3) == [5, 3]
    assert [w.shape for w in model.get_weights()] == [(5, 3), (3,)]
    mlp = replace(FEATURED, kind="mlp", hidden=(4,), features=("sin(x1)",))
    assert [w.shape for w in Model(mlp, 2).get_weights()] == [(1, 4), (4,), (4, 2), (2,)]
    assert model.X.columns == ("x₁", "x₂", "x₁²", "x₂²", "x₁·x₂")


def test_the_model_is_fed_the_points_features_everywhere():
    points = np.array([[1.0, 2.0], [-3.0, 0.5]])
    model = Model(FEATURED, 2)
    expected = np.array([[1, 2, 1, 4, 2], [-3, 0.5, 9, 0.25, -1.5]])
    np.testing.assert_array_equal(model.input_matrix(points), expected)
    c = np.eye(2)[[0, 1]]
    np.testing.assert_array_equal(model.feed(points, c)[model.X], expected)
    W, b = model.get_weights()
    logits = expected @ W + b
    np.testing.assert_allclose(model.predict(points), np.exp(logits) / np.exp(logits).sum(1, keepdims=True))
    np.testing.assert_allclose(model.evaluate(points, c)[1], model.predict(points))


def test_a_float32_model_predicts_its_grid_in_float32_with_features():
    model = Model(FEATURED, 2, dtype=np.float32)
    grid = np.random.default_rng(0).standard_normal((50, 2)).astype(np.float32)
    assert model.input_matrix(grid).dtype == np.float32
    p = model.predict(grid)
    assert p.dtype == np.float32
    reference = Model(FEATURED, 2, model.get_weights()).predict(grid.astype(float))
    np.testing.assert_allclose(p, reference, rtol=1e-4, atol=1e-6)


def test_features_are_part_of_the_architecture_penalty_and_batch_are_not():
    base = ModelConfig()
    assert architecture_key(base) != architecture_key(FEATURED)
    assert architecture_key(base) == architecture_key(replace(base, penalty="l1", penalty_rate=3.0,
                                                              batch_size=10))


def test_bad_knobs_name_the_field():
    for config, words in [
        (ModelConfig(penalty="l3"), "penalty"),
        (ModelConfig(penalty="l2", penalty_rate=-1.0), "penalty rate"),
        (ModelConfig(penalty_rate=float("nan")), "penalty rate"),
        (ModelConfig(batch_size=-1), "batch size"),
        (ModelConfig(batch_size=2.5), "batch size"),
        (ModelConfig(features=()), "feature"),
        (ModelConfig(features=("x3",)), "feature 'x3'"),
        (ModelConfig(features=("x1", "x1")), "features repeat"),
    ]:
        with pytest.raises(ValueError, match=words):
            Model(config, 2)
