"""Optimizers (TensorFlow 1 semantics) and random graphs checked by hypothesis."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdviz.engine import (
    AdamOptimizer,
    GradientDescentOptimizer,
    Graph,
    MomentumOptimizer,
    Session,
    Variable,
    add,
    check_gradients,
    exp,
    matmul,
    multiply,
    negative,
    placeholder,
    reduce_mean,
    reduce_sum,
    sigmoid,
    softmax,
    softmax_cross_entropy,
    square,
    subtract,
    tanh,
)


def quadratic(optimizer):
    """loss = sum(w^2) from w = [1, -2]: the gradient is 2w."""
    with Graph():
        w = Variable([1.0, -2.0])
        loss = reduce_sum(square(w))
        train = optimizer.minimize(loss)
    return w, loss, train


def test_gradient_descent_step():
    w, loss, train = quadratic(GradientDescentOptimizer(0.1))
    Session().run(train)
    np.testing.assert_allclose(w.value, [1.0, -2.0] - 0.1 * 2 * np.array([1.0, -2.0]))
    assert float(loss.output) == 5.0  # the loss before the step


def test_momentum_matches_tensorflow_1():
    lr, mu = 0.1, 0.9
    w, _, train = quadratic(MomentumOptimizer(lr, mu))
    expected, accum = np.array([1.0, -2.0]), np.zeros(2)
    for _ in range(5):
        Session().run(train)
        accum = mu * accum + 2 * expected
        expected = expected - lr * accum
    np.testing.assert_allclose(w.value, expected)


def test_adam_matches_tensorflow_1():
    lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
    w, _, train = quadratic(AdamOptimizer(lr))
    expected, m, v = np.array([1.0, -2.0]), np.zeros(2), np.zeros(2)
    for t in range(1, 6):
        Session().run(train)
        g = 2 * expected
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        lr_t = lr * np.sqrt(1 - b2**t) / (1 - b1**t)
        expected = expected - lr_t * m / (np.sqrt(v) + eps)
    np.testing.assert_allclose(w.value, expected)


def test_learning_rate_change_keeps_state():
    optimizer = MomentumOptimizer(0.1, 0.9)
    w, _, train = quadratic(optimizer)
    w0 = w.value.copy()
    Session().run(train)
    accum1 = 2 * w0
    w1 = w0 - 0.1 * accum1
    optimizer.learning_rate = 0.01  # no reset: the momentum carries on
    Session().run(train)
    accum2 = 0.9 * accum1 + 2 * w1
    np.testing.assert_allclose(w.value, w1 - 0.01 * accum2)


def test_training_only_updates_variables_on_the_path():
    with Graph():
        X = placeholder()
        W = Variable(np.ones((2, 2)))
        other = Variable([7.0])
        loss = reduce_sum(softmax_cross_entropy(matmul(X, W), [[1.0, 0.0]]))
        unrelated = add(other, 1.0)  # noqa: F841
        train = GradientDescentOptimizer(0.5).minimize(loss)
    Session().run(train, {X: [[1.0, 2.0]]})
    np.testing.assert_allclose(other.value, [7.0])
    assert not np.allclose(W.value, 1.0)


def test_mlp_with_mean_loss_trains_on_xor():
    rng = np.random.default_rng(0)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float) * 2 - 1
    y = np.eye(2)[[0, 1, 1, 0]]
    with Graph():
        x_in, c = placeholder(), placeholder()
        W1, b1 = Variable(rng.standard_normal((2, 8))), Variable(np.zeros(8))
        W2, b2 = Variable(rng.standard_normal((8, 2))), Variable(np.zeros(2))
        h = tanh(add(matmul(x_in, W1), b1))
        loss = reduce_mean(softmax_cross_entropy(add(matmul(h, W2), b2), c))
        train = AdamOptimizer(0.05).minimize(loss)
    session, feed = Session(), {x_in: X, c: y}
    first = session.run(loss, feed)
    for _ in range(300):
        session.run(train, feed)
    assert session.run(loss, feed) < first / 10


# **** hypothesis: random small graphs against finite differences ****

UNARY = [negative, sigmoid, tanh, square, lambda a: exp(multiply(a, 0.3))]
BINARY = [add, subtract, multiply]


@st.composite
def random_graph(draw):
    """A random DAG over two Variables of shape (3, 2) and one of shape (2,), where
    later nodes may reuse any earlier node (shared nodes, diamonds, skips)."""
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    recipe = draw(st.lists(
        st.tuples(st.booleans(), st.integers(0, 10), st.integers(0, 100), st.integers(0, 100)),
        min_size=1, max_size=8))
    finish = draw(st.sampled_from(["sum", "mean", "softmax", "xent", "matmul"]))
    return seed, rng, recipe, finish


@settings(max_examples=40, deadline=None)
@given(random_graph())
def test_random_graphs_match_finite_differences(case):
    seed, rng, recipe, finish = case
    with Graph():
        leaves = [Variable(rng.uniform(-1, 1, (3, 2))), Variable(rng.uniform(-1, 1, (3, 2))),
                  Variable(rng.uniform(-1, 1, 2))]
        nodes = list(leaves)
        for binary, op_index, i, j in recipe:
            a = nodes[i % len(nodes)]
            if binary:
                b = nodes[j % len(nodes)]
                nodes.append(BINARY[op_index % len(BINARY)](a, b))
            else:
                nodes.append(UNARY[op_index % len(UNARY)](a))
        top = nodes[-1]
        if finish == "sum":
            loss = reduce_sum(top)
        elif finish == "mean":
            loss = reduce_mean(add(top, nodes[0]))
        elif finish == "softmax":
            loss = reduce_sum(multiply(softmax(add(top, nodes[0])), rng.standard_normal((3, 2))))
        elif finish == "xent":
            loss = reduce_sum(softmax_cross_entropy(add(top, nodes[1]), np.eye(2)[[0, 1, 1]]))
        else:
            loss = reduce_sum(matmul(add(top, nodes[0]), rng.standard_normal((2, 2))))
    check_gradients(loss, leaves)


def test_softmax_is_finite_on_both_sides_of_its_fast_path():
    with Graph():
        a = placeholder()
        p = softmax(a)
    for logits in ([[-690.0, 690.0], [1.0, 2.0]], [[800.0, -800.0], [0.0, 1e-3]]):
        value = Session().run(p, {a: logits})
        assert np.all(np.isfinite(value))
        np.testing.assert_allclose(value.sum(axis=1), [1.0, 1.0])
        np.testing.assert_allclose(value[0], [0.0, 1.0] if logits[0][1] > 0 else [1.0, 0.0])


def test_training_steps_stay_exact_when_the_data_changes_shape():
    # The train op checks gradient shapes on its first step per input shape and
    # runs a compiled plan afterwards: a dataset of another size must still be right.
    rng = np.random.default_rng(3)
    with Graph():
        X, c = placeholder(), placeholder()
        W, b = Variable(rng.standard_normal((2, 2))), Variable(rng.standard_normal(2))
        loss = reduce_sum(softmax_cross_entropy(add(matmul(X, W), b), c))
        train = GradientDescentOptimizer(0.01).minimize(loss)
    session = Session()
    for n in (5, 5, 8, 8, 3):
        feed = {X: rng.standard_normal((n, 2)), c: np.eye(2)[rng.integers(0, 2, n)]}
        W0, b0 = W.value.copy(), b.value.copy()
        session.run(loss, feed)
        from gdviz.engine import compute_gradients

        table = compute_gradients(loss)
        expected_W, expected_b = W0 - 0.01 * table[W], b0 - 0.01 * table[b]
        session.run(train, feed)
        np.testing.assert_allclose(W.value, expected_W)
        np.testing.assert_allclose(b.value, expected_b)


def test_a_gradient_registered_after_training_started_is_used():
    from gdviz.engine import Operation, RegisterGradient

    class scale(Operation):
        def __init__(self, x):
            super().__init__([x])

        def compute(self, x_value):
            return 2.0 * x_value

    RegisterGradient("scale")(lambda op, grad: 2.0 * grad)
    with Graph():
        w = Variable([1.0])
        train = GradientDescentOptimizer(0.1).minimize(reduce_sum(scale(w)))
    session = Session()
    session.run(train)
    session.run(train)  # the compiled path
    np.testing.assert_allclose(w.value, [1.0 - 0.4])
    RegisterGradient("scale")(lambda op, grad: 0.0 * grad)  # a different rule now
    session.run(train)
    np.testing.assert_allclose(w.value, [0.6])


@pytest.mark.parametrize("kind", ["gd", "momentum", "adam"])
def test_an_optimizers_state_carries_training_on_exactly(kind):
    from gdviz.training.datasets import DatasetConfig, make_dataset
    from gdviz.training.models import Model, ModelConfig

    dataset = make_dataset(DatasetConfig(name="moons", n_points=40))
    config = ModelConfig(kind="mlp", hidden=(4,), optimizer=kind, learning_rate=0.05)
    feed_of = lambda m: m.feed(dataset.X, dataset.one_hot())  # noqa: E731
    first = Model(config, 2)
    for _ in range(3):
        first.train_step(feed_of(first))
    state = first.optimizer.state(first.variables)
    assert state.iterations == 3 and state.kind == type(first.optimizer).__name__
    second = Model(config, 2, first.get_weights())
    second.optimizer.load_state(second.variables, state)
    first.train_step(feed_of(first))
    second.train_step(feed_of(second))
    for a, b in zip(first.get_weights(), second.get_weights()):  # a model's first step runs
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)  # the core, later ones compiled
    other = Model(replace_optimizer(config, kind), 2)
    with pytest.raises(ValueError, match="does not fit"):
        other.optimizer.load_state(other.variables, state)


def replace_optimizer(config, kind):
    from dataclasses import replace

    return replace(config, optimizer={"gd": "adam", "momentum": "gd", "adam": "momentum"}[kind])
