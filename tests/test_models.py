"""Models: the tutorial's perceptron, MLPs, weights, the batched prediction op."""

import numpy as np
import pytest

from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.engine import Session
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
