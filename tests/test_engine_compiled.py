"""The compiled executor is an optimisation of the same graph: the same numbers as the
readable core (rtol 1e-12), for every op, the perceptron, MLPs with each activation and
each optimizer, and a user's own op; and no new large arrays in steady state."""

import tracemalloc

import numpy as np
import pytest

from gdviz.engine import (
    AdamOptimizer,
    GradientDescentOptimizer,
    Graph,
    MomentumOptimizer,
    Operation,
    RegisterGradient,
    Session,
    Variable,
    add,
    exp,
    log,
    matmul,
    multiply,
    negative,
    placeholder,
    reduce_mean,
    reduce_sum,
    relu,
    sigmoid,
    softmax,
    softmax_cross_entropy,
    square,
    subtract,
    tanh,
)
from gdviz.engine.ops import absolute

OPTIMIZERS = {
    "gd": lambda: GradientDescentOptimizer(0.05),
    "momentum": lambda: MomentumOptimizer(0.05, 0.9),
    "adam": lambda: AdamOptimizer(0.01),
}
STEPS = 12


def _data(n=40, k=2, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    c = np.eye(k)[rng.integers(0, k, n)]
    return rng, X, c


def _both_paths(build, steps=STEPS, feeds=None):
    """Build the same graph twice (same seed); train one with the executor and one with
    the core alone; return their (losses, weights)."""
    results = []
    for compiled in (True, False):
        loss, train, variables, feed = build()
        session = Session(compiled=compiled)
        losses = []
        for i in range(steps):
            session.run(train, feeds[i % len(feeds)] if feeds else feed)
            losses.append(float(loss.output))
        results.append((np.array(losses), [v.value.copy() for v in variables]))
    return results


def _assert_same(results):
    (loss_a, w_a), (loss_b, w_b) = results
    np.testing.assert_allclose(loss_a, loss_b, rtol=1e-12)
    for a, b in zip(w_a, w_b):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


# **** every op, one line each: y = op(inputs), loss = sum(y * U) ****

def _pos(rng, shape):
    return rng.uniform(0.5, 2.0, shape)


def _nrm(rng, shape):
    return rng.standard_normal(shape)


OPS = [
    ("add", lambda a, b: add(a, b), [(5, 3), (3,)], [_nrm, _nrm]),
    ("add_narrow_bias", lambda a, b: add(a, b), [(50, 2), (2,)], [_nrm, _nrm]),
    ("subtract", lambda a, b: subtract(a, b), [(5, 3), (5, 1)], [_nrm, _nrm]),
    ("multiply", lambda a, b: multiply(a, b), [(5, 3), (1, 3)], [_nrm, _nrm]),
    ("matmul", lambda a, b: matmul(a, b), [(5, 3), (3, 4)], [_nrm, _nrm]),
    ("matmul_vector", lambda a, b: matmul(a, b), [(5, 3), (3,)], [_nrm, _nrm]),
    ("negative", lambda a: negative(a), [(4, 3)], [_nrm]),
    ("log", lambda a: log(a), [(4, 3)], [_pos]),
    ("exp", lambda a: exp(a), [(4, 3)], [_nrm]),
    ("square", lambda a: square(a), [(4, 3)], [_nrm]),
    ("sigmoid", lambda a: sigmoid(a), [(4, 3)], [_nrm]),
    ("tanh", lambda a: tanh(a), [(4, 3)], [_nrm]),
    ("relu", lambda a: relu(a), [(4, 3)], [_nrm]),
    ("absolute", lambda a: absolute(a), [(4, 3)], [_nrm]),
    ("absolute_of_an_op", lambda a: absolute(tanh(a)), [(4, 3)], [_nrm]),
    ("reduce_sum_rows", lambda a: reduce_sum(a, axis=1), [(6, 2)], [_nrm]),
    ("reduce_sum_cols", lambda a: reduce_sum(a, axis=0), [(6, 5)], [_nrm]),
    ("reduce_mean_rows", lambda a: reduce_mean(a, axis=1), [(6, 3)], [_nrm]),
    ("reduce_mean_all", lambda a: reduce_mean(a), [(6, 3)], [_nrm]),
    ("softmax", lambda a: softmax(a), [(6, 3)], [_nrm]),
    ("softmax_narrow", lambda a: softmax(a), [(30, 2)], [_nrm]),
    ("softmax_axis0", lambda a: softmax(a, axis=0), [(6, 3)], [_nrm]),
    ("softmax_cross_entropy", lambda a: softmax_cross_entropy(a, np.eye(3)[[0, 1, 2, 1]]), [(4, 3)], [_nrm]),
]


@pytest.mark.parametrize("name, op, shapes, samplers", OPS, ids=[o[0] for o in OPS])
def test_every_op_trains_the_same_through_both_paths(name, op, shapes, samplers):
    def build():
        rng = np.random.default_rng(1)
        with Graph():
            variables = [Variable(sample(rng, shape)) for sample, shape in zip(samplers, shapes)]
            y = op(*variables)
            upstream = rng.standard_normal(np.shape(Session().run(y)))
            loss = reduce_sum(multiply(y, upstream))
            train = GradientDescentOptimizer(0.01).minimize(loss)
        return loss, train, variables, {}

    _assert_same(_both_paths(build))


# **** the models gdviz trains ****

def _perceptron(reduction, optimizer):
    def build():
        rng, X, c = _data()
        with Graph():
            x_in, c_in = placeholder(), placeholder()
            W, b = Variable(rng.standard_normal((2, 2))), Variable(rng.standard_normal(2))
            p = softmax(add(matmul(x_in, W), b))
            reduce = reduce_sum if reduction == "sum" else reduce_mean
            loss = negative(reduce(reduce_sum(multiply(c_in, log(p)), axis=1)))
            train = OPTIMIZERS[optimizer]().minimize(loss)
        return loss, train, [W, b], {x_in: X, c_in: c}
    return build


def _mlp(activation, optimizer, hidden=(16, 16), k=2, reduction="mean"):
    act = {"tanh": tanh, "sigmoid": sigmoid, "relu": relu}[activation]

    def build():
        rng, X, c = _data(k=k)
        sizes = [2, *hidden, k]
        with Graph():
            x_in, c_in = placeholder(), placeholder()
            variables, h = [], x_in
            for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
                W, bias = Variable(rng.standard_normal((a, b)) * 0.5), Variable(rng.standard_normal(b) * 0.1)
                variables += [W, bias]
                h = add(matmul(h, W), bias)
                if i < len(sizes) - 2:
                    h = act(h)
            reduce = reduce_sum if reduction == "sum" else reduce_mean
            loss = reduce(softmax_cross_entropy(h, c_in))
            train = OPTIMIZERS[optimizer]().minimize(loss)
        return loss, train, variables, {x_in: X, c_in: c}
    return build


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_the_tutorials_perceptron_trains_the_same(reduction, optimizer):
    _assert_same(_both_paths(_perceptron(reduction, optimizer)))


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_mlps_train_the_same(activation, optimizer):
    _assert_same(_both_paths(_mlp(activation, optimizer)))


def test_a_four_class_mlp_with_summed_loss_trains_the_same():
    _assert_same(_both_paths(_mlp("tanh", "adam", hidden=(8, 8, 8), k=4, reduction="sum")))


def test_a_users_own_op_runs_through_its_compute_and_gradient():
    class cube(Operation):
        def __init__(self, x):
            super().__init__([x])

        def compute(self, x_value):
            return x_value ** 3

    RegisterGradient("cube")(lambda op, grad: 3 * op.inputs[0] ** 2 * grad)

    def build():
        rng = np.random.default_rng(2)
        with Graph():
            W = Variable(rng.standard_normal((2, 3)) * 0.3)
            x = placeholder()
            loss = reduce_mean(square(cube(matmul(x, W))))
            train = MomentumOptimizer(0.1).minimize(loss)
        return loss, train, [W], {x: rng.standard_normal((7, 2))}

    _assert_same(_both_paths(build))


def test_new_feed_shapes_recompile_and_stay_exact():
    rng = np.random.default_rng(3)
    feeds = []
    build = _perceptron("mean", "gd")
    loss, train, (W, b), feed = build()
    x_in, c_in = list(feed)
    for n in (5, 5, 8, 8, 3, 3, 5):
        feeds.append({x_in: rng.standard_normal((n, 2)), c_in: np.eye(2)[rng.integers(0, 2, n)]})

    def same_graph():
        return loss, train, [W, b], feed

    start = [W.value.copy(), b.value.copy()]
    compiled_run = _both_paths(same_graph, steps=len(feeds), feeds=feeds)[0]
    W.value, b.value = start[0].copy(), start[1].copy()
    core = Session(compiled=False)
    losses = []
    for f in feeds:
        core.run(train, f)
        losses.append(float(loss.output))
    np.testing.assert_allclose(compiled_run[0], losses, rtol=1e-12)
    np.testing.assert_allclose(compiled_run[1][0], W.value, rtol=1e-12)


def test_steady_state_steps_allocate_no_large_arrays():
    loss, train, variables, feed = _mlp("tanh", "adam")()
    session = Session()
    for _ in range(5):
        session.run(train, feed)
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for _ in range(50):
            session.run(train, feed)
        after = tracemalloc.take_snapshot()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename") if stat.size_diff > 0)
    one_activation = 40 * 16 * 8  # bytes of one (40, 16) float64 array
    assert peak < one_activation and grown < one_activation, (peak, grown)


def test_the_tutorials_log_of_zero_gives_the_same_non_finite_loss():
    # At a huge learning rate p reaches 0 inside log p: both paths report it alike.
    def build():
        loss, train, variables, feed = _perceptron("sum", "gd")()
        train.optimizer.learning_rate = 500.0
        return loss, train, variables, feed

    with np.errstate(all="ignore"):
        (a, _), (b, _) = _both_paths(build, steps=6)
    assert not np.all(np.isfinite(b))
    np.testing.assert_array_equal(np.isfinite(a), np.isfinite(b))
    finite = np.isfinite(b)
    np.testing.assert_allclose(a[finite], b[finite], rtol=1e-12)


def test_the_generated_code_is_there_to_read():
    loss, train, _, feed = _perceptron("sum", "gd")()
    session = Session()
    session.run(train, feed)
    session.run(train, feed)
    source = session._executor._steps[train].source
    assert source.startswith("def step(feed):") and "np.vdot" in source and "np.log" in source
