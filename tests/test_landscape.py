"""The loss landscape without Qt: exact J in batches, surfaces, the principal plane, lines, arrows."""

import warnings
from dataclasses import dataclass

import numpy as np
import pytest

from gdviz.engine import AdamOptimizer, Graph, MomentumOptimizer, GradientDescentOptimizer, Session, Variable
from gdviz.engine import add, compute_gradients, multiply, reduce_sum, square
from gdviz.landscape.arrows import arrows_from_state, optimizer_arrows
from gdviz.landscape.batched import batched_loss, flatten, scalar_names, unflatten
from gdviz.landscape.surfaces import (
    line_profile,
    plane_directions,
    plane_surface,
    point_value,
    principal_plane,
    project,
    two_parameter_surface,
)
from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.training.models import Model, ModelConfig

CONFIGS = [
    ModelConfig(kind="perceptron", reduction="mean"),
    ModelConfig(kind="perceptron", reduction="sum"),
    *(ModelConfig(kind="mlp", hidden=h, activation=a, reduction=r)
      for a in ("sigmoid", "tanh", "relu") for r in ("mean", "sum")
      for h in [(5,), (4, 3)]),
]
DATASETS = {2: "moons", 3: "blobs3", 4: "blobs4"}


def problem(config, n_classes=2, n_points=60, seed=0):
    data = make_dataset(DatasetConfig(name=DATASETS[n_classes], n_points=n_points, seed=seed))
    return Model(config, n_classes), data.X[data.train_mask], data.one_hot(data.train_mask)


def engine_J(model, weights, X, one_hot):
    model.set_weights(weights)
    with np.errstate(all="ignore"):
        return model.evaluate(X, one_hot)[0]


def finite_difference(model, weights, X, one_hot, index, h=1e-6):
    shapes = [w.shape for w in weights]
    flat = flatten(weights)
    up, down = flat.copy(), flat.copy()
    up[index] += h
    down[index] -= h
    J = batched_loss(model, [np.stack(b) for b in zip(unflatten(up, shapes), unflatten(down, shapes))],
                     X, one_hot)
    return (J[0] - J[1]) / (2 * h)


# **** batched J equals the engine's ****


@pytest.mark.parametrize("n_classes", [2, 3, 4])
@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.kind}-{c.activation}-{c.reduction}-{c.hidden}")
def test_batched_loss_equals_the_engine_for_many_random_weights(config, n_classes):
    model, X, one_hot = problem(config, n_classes)
    shapes = [w.shape for w in model.get_weights()]
    rng = np.random.default_rng(n_classes)
    vectors = 1.5 * rng.standard_normal((25, sum(int(np.prod(s)) for s in shapes)))
    J = batched_loss(model, unflatten(vectors, shapes), X, one_hot)
    expected = [engine_J(model, unflatten(v, shapes), X, one_hot) for v in vectors]
    np.testing.assert_allclose(J, expected, rtol=1e-10)


def test_the_perceptrons_log_of_zero_is_the_engines_infinity_without_a_warning():
    model, X, one_hot = problem(ModelConfig(kind="perceptron", reduction="sum"))
    # Huge weights push some probability to exactly 0: the tutorial's log p is -inf there.
    huge = [np.array([[800.0, -800.0], [-900.0, 900.0]]), np.zeros(2)]
    fine = model.get_weights()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning leaking out of the landscape would raise
        J = batched_loss(model, [np.stack([a, b]) for a, b in zip(huge, fine)], X, one_hot)
    expected = engine_J(model, huge, X, one_hot)
    assert not np.isfinite(expected) and not np.isfinite(J[0])
    assert np.isnan(J[0]) == np.isnan(expected) and (np.isnan(J[0]) or J[0] == expected)
    assert np.isclose(J[1], engine_J(model, fine, X, one_hot), rtol=1e-12)


def test_a_chunked_batch_equals_one_chunk(monkeypatch):
    import gdviz.landscape.batched as batched

    model, X, one_hot = problem(ModelConfig(kind="mlp", hidden=(6,), activation="tanh"))
    shapes = [w.shape for w in model.get_weights()]
    vectors = np.random.default_rng(1).standard_normal((40, sum(int(np.prod(s)) for s in shapes)))
    whole = batched_loss(model, unflatten(vectors, shapes), X, one_hot)
    monkeypatch.setattr(batched, "MAX_CHUNK_BYTES", 1)  # one vector per chunk
    seen = []
    chunked = batched_loss(model, unflatten(vectors, shapes), X, one_hot, progress=seen.append)
    np.testing.assert_array_equal(whole, chunked)
    assert len(seen) == 40 and seen[-1] == 1.0


def test_flat_vectors_and_scalar_names_round_trip():
    model, _, _ = problem(ModelConfig(kind="mlp", hidden=(3,)))
    weights = model.get_weights()
    flat = flatten(weights)
    back = unflatten(flat, [w.shape for w in weights])
    assert all(np.array_equal(a, b) for a, b in zip(weights, back))
    names = scalar_names([v.name for v in model.variables], [w.shape for w in weights])
    assert len(names) == flat.size == 2 * 3 + 3 + 3 * 2 + 2
    assert names[:2] == ["W1[0,0]", "W1[0,1]"] and names[6] == "b1[0]" and names[-1] == "b2[1]"
    with pytest.raises(ValueError, match="cannot hold"):
        unflatten(flat[:-1], [w.shape for w in weights])


# **** surfaces ****


@pytest.mark.parametrize("config", [CONFIGS[1], ModelConfig(kind="mlp", hidden=(5, 4), activation="tanh")])
@pytest.mark.parametrize("pair", [(0, 3), (1, -1), (-2, -1)])
def test_two_parameter_surface_at_the_current_point_is_the_engines_J_and_gradient(config, pair):
    model, X, one_hot = problem(config)
    weights = model.get_weights()
    size = flatten(weights).size
    i, j = (p % size for p in pair)
    s = two_parameter_surface(model, weights, X, one_hot, i, j, span=1.5, n=16)
    J = engine_J(model, weights, X, one_hot)
    assert s.J.shape == (16, 16) and s.current == (flatten(weights)[i], flatten(weights)[j])
    assert s.J_current == J
    assert np.isclose(s.J[8, 8], J, rtol=1e-10)  # the current point is the grid's node (8, 8)
    # The gradient is the engine's, and it agrees with finite differences of J.
    model.set_weights(weights)
    model.session.run(model.loss, model.feed(X, one_hot))
    table = compute_gradients(model.loss, model.variables)
    g = flatten([table[v] for v in model.variables])
    assert s.gradient == (g[i], g[j])
    for index, value in zip((i, j), s.gradient):
        assert np.isclose(value, finite_difference(model, weights, X, one_hot, index), rtol=1e-5, atol=1e-8)
    # A node off the centre is J with only those two weights moved.
    moved = flatten(weights)
    moved[i], moved[j] = s.xs[3], s.ys[12]
    assert np.isclose(s.J[12, 3], engine_J(model, unflatten(moved, [w.shape for w in weights]), X, one_hot),
                      rtol=1e-10)


def test_a_path_lying_in_a_plane_is_projected_exactly():
    rng = np.random.default_rng(3)
    origin = rng.standard_normal(50)
    basis, _ = np.linalg.qr(rng.standard_normal((50, 2)))
    coords = np.column_stack([np.linspace(0, 4, 30), np.sin(np.linspace(0, 3, 30))])
    path = origin + coords @ basis.T
    plane = principal_plane(path)
    np.testing.assert_allclose(plane.centre + plane.coords @ plane.directions, path, atol=1e-12)
    np.testing.assert_allclose(plane.directions @ plane.directions.T, np.eye(2), atol=1e-12)
    # The directions span the path's plane: projecting the basis loses nothing.
    np.testing.assert_allclose(np.linalg.norm(plane.directions @ basis, axis=0), 1.0, atol=1e-12)
    assert plane.explained.sum() == pytest.approx(1.0)
    assert plane.coords[-1, 0] > plane.coords[0, 0]  # runs towards +x
    np.testing.assert_allclose(project(path, plane.centre, plane.directions), plane.coords, atol=1e-12)


def test_plane_surface_passes_through_the_current_point():
    config = ModelConfig(kind="mlp", hidden=(4,), activation="sigmoid")
    model, X, one_hot = problem(config)
    weights = model.get_weights()
    P = flatten(weights).size
    path = flatten(weights) + np.random.default_rng(0).standard_normal((10, P)).cumsum(axis=0)
    directions = plane_directions(path)
    s = plane_surface(model, weights, directions, X, one_hot, extent=2.0, n=9)
    assert np.isclose(s.J[4, 4], engine_J(model, weights, X, one_hot), rtol=1e-10)
    corner = flatten(weights) + s.alphas[0] * directions[0] + s.betas[8] * directions[1]
    assert np.isclose(s.J[8, 0], engine_J(model, unflatten(corner, [w.shape for w in weights]), X, one_hot),
                      rtol=1e-10)
    np.testing.assert_allclose(s.gradient, directions @ s.point.gradient)
    # With no path to speak of, the plane holds the downhill direction.
    d = plane_directions(flatten(weights)[None], s.point.gradient)
    np.testing.assert_allclose(d[0], -s.point.gradient / np.linalg.norm(s.point.gradient))


def test_line_profile_starts_at_J_with_slope_minus_the_gradients_squared_norm():
    model, X, one_hot = problem(ModelConfig(kind="mlp", hidden=(5,), activation="tanh"))
    weights = model.get_weights()
    point = point_value(model, weights, X, one_hot)
    line = line_profile(model, weights, point.gradient, np.linspace(-0.5, 2, 41), X, one_hot,
                        learning_rate=0.7)
    assert line.J0 == pytest.approx(engine_J(model, weights, X, one_hot), rel=1e-10)
    assert line.J[np.argmin(np.abs(line.ts))] == pytest.approx(line.J0, rel=1e-10)
    assert line.slope == pytest.approx(-np.sum(point.gradient**2))
    h = 1e-6
    ends = line_profile(model, weights, point.gradient, [-h, h], X, one_hot, 0.7).J
    assert (ends[1] - ends[0]) / (2 * h) == pytest.approx(line.slope, rel=1e-5)
    stepped = [w - 0.7 * g for w, g in zip(weights, unflatten(point.gradient, [w.shape for w in weights]))]
    assert line.J_step == pytest.approx(engine_J(model, stepped, X, one_hot), rel=1e-10)


# **** optimizer arrows equal a real step ****


def _real_step(optimizer, start, steps):
    """Take ``steps`` steps of ``optimizer`` on J = Σ a ⊙ w² from ``start``; return the
    weights before the last step, the optimizer's state then, and the last step."""
    with Graph():
        w = Variable(start.copy(), name="w")
        a = np.array([1.0, 3.0, 0.5])
        J = reduce_sum(multiply(a, square(w)))
        op = optimizer.minimize(J, var_list=[w])
        session = Session(compiled=False)
        for _ in range(steps - 1):
            session.run(op)
        before = w.value.copy()
        state = {name: s.copy() for name, s in optimizer.slots(w).items()} if optimizer.slot_names else {}
        iterations = optimizer.iterations
        session.run(J)
        grad = compute_gradients(J, [w])[w]
        np.testing.assert_allclose(grad, 2 * a * before)  # the engine's gradient, checked by hand
        session.run(op)
        return before, grad, state, iterations, w.value - before


@pytest.mark.parametrize("kind, optimizer, hyper", [
    ("gd", GradientDescentOptimizer(0.1), {}),
    ("momentum", MomentumOptimizer(0.05, momentum=0.8), {"momentum": 0.8}),
    ("adam", AdamOptimizer(0.2, beta1=0.85, beta2=0.99, epsilon=1e-7),
     {"beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7}),
])
def test_optimizer_arrows_equal_a_real_optimizer_step(kind, optimizer, hyper):
    _, grad, state, iterations, step = _real_step(optimizer, np.array([1.0, -2.0, 0.5]), steps=4)
    arrows = optimizer_arrows(kind, grad[[0, 2]], {k: v[[0, 2]] for k, v in state.items()},
                              {"learning_rate": optimizer.learning_rate, **hyper}, iterations)
    np.testing.assert_allclose(arrows.step(), step[[0, 2]], rtol=1e-12)
    np.testing.assert_allclose(arrows.gradient_step, -optimizer.learning_rate * grad[[0, 2]])
    np.testing.assert_array_equal(arrows.negative_gradient, -grad[[0, 2]])
    # The same through the app's optimizer_state dict, at flat indices of one Variable.
    from_state = arrows_from_state({"kind": kind, "learning_rate": optimizer.learning_rate,
                                    "iterations": iterations, "hyper": hyper, "slots": {0: state}},
                                   grad, [(3,)], indices=[0, 2])
    np.testing.assert_allclose(from_state.step(), step[[0, 2]], rtol=1e-12)


def test_a_fresh_adam_moves_each_coordinate_by_about_the_learning_rate():
    arrows = optimizer_arrows("adam", np.array([1e-3, 50.0]), None, {"learning_rate": 0.01}, 0)
    np.testing.assert_allclose(np.abs(arrows.adam_step), 0.01, rtol=1e-3)  # ε aside
    with pytest.raises(ValueError, match="not one of"):
        optimizer_arrows("sgd", np.zeros(2), None, {"learning_rate": 0.1})


# **** the penalty, with a stand-in config ****


@dataclass(frozen=True)
class PenalisedConfig(ModelConfig):
    """ModelConfig as it will be once the penalty lands."""

    penalty: str = "none"
    penalty_rate: float = 0.0


@pytest.mark.parametrize("penalty", ["l2", "l1"])
def test_the_penalty_adds_to_J_over_weight_matrices_only(penalty):
    plain = ModelConfig(kind="mlp", hidden=(4,), activation="tanh", reduction="sum")
    config = PenalisedConfig(kind="mlp", hidden=(4,), activation="tanh", reduction="sum",
                             penalty=penalty, penalty_rate=0.3)
    model, X, one_hot = problem(config)
    weights = [w + 0.1 for w in model.get_weights()]  # nonzero biases: they must not count
    matrices = weights[0::2]
    extra = 0.3 * sum(np.sum(w**2) if penalty == "l2" else np.sum(np.abs(w)) for w in matrices)
    J_plain = batched_loss(plain, [w[None] for w in weights], X, one_hot)[0]
    J = batched_loss(config, [w[None] for w in weights], X, one_hot)[0]
    assert J == pytest.approx(J_plain + extra, rel=1e-12)
    # The gradient at the point includes the penalty's, checked by finite differences.
    point = point_value(model, weights, X, one_hot)
    assert point.J == pytest.approx(J, rel=1e-12)
    for index in (0, 5, 9, 12, 21):  # W1, W1, b1, W2, b2 entries
        assert point.gradient[index] == pytest.approx(
            finite_difference(model, weights, X, one_hot, index), rel=1e-5, abs=1e-8)


# **** contours and the recorded path ****


def test_contour_lines_of_a_bowl_are_circles_and_non_finite_nodes_have_their_own_band():
    from gdviz.landscape.contours import NONFINITE_BAND, bands, contour_bands, level_segments

    xs = ys = np.linspace(-2, 2, 81)
    J = xs[None, :] ** 2 + ys[:, None] ** 2
    ends = level_segments(J, xs, ys, 1.0)
    radii = np.hypot(ends[:, 0], ends[:, 1])
    assert len(ends) > 100 and np.all(np.abs(radii - 1.0) < 0.01)
    J[0, 0], J[1, 1] = np.inf, np.nan
    b, levels, lines = contour_bands(J, (xs, ys))
    assert b[0, 0] == b[1, 1] == NONFINITE_BAND and b[40, 40] == 0
    assert np.all(np.diff(levels) > 0) and len(lines) % 2 == 0
    np.testing.assert_array_equal(bands(np.array([0.5, 1.5, 9.0]), np.array([1.0, 2.0])), [0, 1, 2])


def test_the_path_stays_bounded_keeps_its_ends_and_projects_each_new_row():
    from gdviz.landscape.path import WeightPath

    path = WeightPath(capacity=100)
    rows = np.random.default_rng(0).standard_normal((1000, 5))
    origin, directions = rows[0], np.eye(5)[:2]
    path.append(rows[0], 0)
    path.set_plane(origin, directions)
    for k in range(1, 1000):
        path.append(rows[k], k)
    assert len(path) <= 100 and path.steps()[0] == 0
    np.testing.assert_array_equal(path.rows()[0], rows[0])
    np.testing.assert_array_equal(path.latest, rows[-1])
    np.testing.assert_allclose(path.coords(), (path.rows() - origin)[:, :2], atol=1e-12)
    np.testing.assert_allclose(path.project_latest(), (rows[-1] - origin)[:2])
