"""Each point's own term of J and its pull: the shares add up to the whole gradient, ∂J/∂x
agrees with finite differences, the own terms add up to J (gdviz.lesson.point_pull)."""

from dataclasses import replace

import numpy as np
import pytest

from gdviz.lesson.point_pull import (
    input_gradients,
    penalty_gradients,
    per_point_loss,
    point_pull,
    point_shares,
    whole_gradients,
)
from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.training.models import Model, ModelConfig

PERCEPTRON = ModelConfig()
MLP = ModelConfig(kind="mlp", hidden=(5, 4), activation="tanh")
CONFIGS = {
    "perceptron-mean": PERCEPTRON,
    "perceptron-sum": replace(PERCEPTRON, reduction="sum"),
    "mlp-mean": MLP,
    "mlp-sum": replace(MLP, reduction="sum"),
    "mlp-relu-l2": replace(MLP, activation="relu", penalty="l2", penalty_rate=0.05),
    "perceptron-features-l1": replace(PERCEPTRON, features=("x1", "x2", "x1^2", "x1*x2", "sin(x2)"),
                                      penalty="l1", penalty_rate=0.02),
}


def _dataset(name="blobs3", n=30, test_fraction=0.2):
    return make_dataset(DatasetConfig(name=name, n_points=n, noise=1.0, test_fraction=test_fraction, seed=3))


def _model(config, dataset):
    model = Model(config, dataset.n_classes)
    # Away from the starting weights, so that no gradient is special.
    rng = np.random.default_rng(7)
    model.set_weights([w + 0.3 * rng.standard_normal(w.shape) for w in model.get_weights()])
    return model


def _loss(model, dataset):
    train = dataset.train_mask
    return model.evaluate(dataset.X[train], dataset.one_hot(train))[0]


@pytest.mark.parametrize("name", CONFIGS)
def test_shares_add_up_to_the_whole_gradient(name):
    dataset = _dataset()
    model = _model(CONFIGS[name], dataset)
    shares = point_shares(model, dataset)
    penalty = penalty_gradients(model, dataset)
    whole = whole_gradients(model, dataset)
    assert list(shares) == [v.name for v in model.variables]
    for variable in model.variables:
        total = shares[variable.name].sum(axis=0) + penalty[variable.name]
        np.testing.assert_allclose(total, whole[variable.name], rtol=1e-10, atol=1e-14)
    if CONFIGS[name].penalty == "none":
        assert all(not np.any(p) for p in penalty.values())


@pytest.mark.parametrize("name", CONFIGS)
def test_one_points_pull_is_its_row_of_the_shares(name):
    dataset = _dataset()
    model = _model(CONFIGS[name], dataset)
    shares = point_shares(model, dataset)
    train_indices = np.flatnonzero(dataset.train_mask)
    for row in (0, 7, len(train_indices) - 1):
        pull = point_pull(model, dataset, int(train_indices[row]))
        for variable in model.variables:
            np.testing.assert_allclose(pull.shares[variable.name], shares[variable.name][row], rtol=1e-12)
        assert not pull.is_test


@pytest.mark.parametrize("name", CONFIGS)
def test_input_pull_matches_finite_differences(name):
    dataset = _dataset(n=20)
    model = _model(CONFIGS[name], dataset)
    eps = 1e-6
    for index in np.flatnonzero(dataset.train_mask)[:4]:
        pull = point_pull(model, dataset, int(index))
        numeric = np.zeros(2)
        for axis in range(2):
            shifted = []
            for sign in (1, -1):
                X = dataset.X.copy()
                X[index, axis] += sign * eps
                shifted.append(_loss(model, dataset.with_points(X, dataset.labels, dataset.is_test)))
            numeric[axis] = (shifted[0] - shifted[1]) / (2 * eps)
        np.testing.assert_allclose(pull.dx, numeric, rtol=1e-5, atol=1e-9)
    rows = input_gradients(model, dataset)
    first = int(np.flatnonzero(dataset.train_mask)[0])
    np.testing.assert_allclose(rows[0], point_pull(model, dataset, first).dx, rtol=1e-12)


@pytest.mark.parametrize("name", CONFIGS)
def test_per_point_losses_sum_to_j(name):
    config = replace(CONFIGS[name], penalty="none", penalty_rate=0.0)
    dataset = _dataset()
    model = _model(config, dataset)
    terms = per_point_loss(model, dataset)
    assert terms.shape == (len(dataset),)
    assert np.all(terms >= 0)
    np.testing.assert_allclose(terms[dataset.train_mask].sum(), _loss(model, dataset), rtol=1e-10)


def test_mean_terms_are_the_own_loss_over_n():
    dataset = _dataset(test_fraction=0.0)
    mean_model = _model(replace(MLP, reduction="mean"), dataset)
    sum_model = _model(replace(MLP, reduction="sum"), dataset)
    np.testing.assert_allclose(per_point_loss(mean_model, dataset) * len(dataset),
                               per_point_loss(sum_model, dataset), rtol=1e-12)
    pull = point_pull(mean_model, dataset, 4)
    assert pull.term == pytest.approx(pull.own_loss / len(dataset), rel=1e-12)


def test_a_badly_classified_point_has_the_larger_loss_and_pulls_harder():
    dataset = _dataset(name="tutorial", n=40, test_fraction=0.0)
    model = _model(PERCEPTRON, dataset)
    own = per_point_loss(model, dataset)
    worst, best = int(np.argmax(own)), int(np.argmin(own))
    assert own[worst] > 10 * own[best]
    assert np.linalg.norm(point_pull(model, dataset, worst).dx) > np.linalg.norm(point_pull(model, dataset, best).dx)


def test_a_test_point_has_a_loss_but_no_pull():
    dataset = _dataset()
    model = _model(MLP, dataset)
    index = int(np.flatnonzero(dataset.is_test)[0])
    pull = point_pull(model, dataset, index)
    assert pull.is_test and pull.own_loss > 0
    assert not np.any(pull.dx)
    assert all(not np.any(s) for s in pull.shares.values())
    assert any(np.any(t) for t in pull.totals.values())


def test_errors_name_what_is_wrong():
    dataset = _dataset()
    model = _model(MLP, dataset)
    with pytest.raises(IndexError, match="point 99"):
        point_pull(model, dataset, 99)
    all_test = dataset.with_points(dataset.X, dataset.labels, np.ones(len(dataset), dtype=bool))
    with pytest.raises(ValueError, match="no training points"):
        point_pull(model, all_test, 0)


def test_the_players_row_term_is_the_points_share():
    from gdviz.engine import Session, trace_backprop, trace_forward
    from gdviz.lesson.point_pull import row_term_html, training_row

    dataset = _dataset(name="tutorial", n=12, test_fraction=0.25)
    model = _model(PERCEPTRON, dataset)
    train = dataset.train_mask
    forward = trace_forward(model.loss, model.feed(dataset.X[train], dataset.one_hot(train)), session=Session())
    backward = trace_backprop(model.loss)
    W = model.variables[0]
    step = next(s for s in backward.steps if s.node is W)
    values = {s.node: s.value for s in forward.steps}
    index = int(np.flatnonzero(train)[3])
    row = training_row(dataset, index)
    assert row == 3
    html = row_term_html(step, row, "J", backward.grad_table, values)
    share = point_pull(model, dataset, index).shares["W"]
    assert f"{share.ravel()[0]:.3g}" in html and "row 3" in html
    assert training_row(dataset, int(np.flatnonzero(dataset.is_test)[0])) is None
    assert training_row(dataset, index, batch=[0, index]) == 1
    assert training_row(dataset, index, batch=[0, 1]) is None
    assert row_term_html(backward.steps[0], 0, "J", backward.grad_table, values) == ""
