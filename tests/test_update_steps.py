"""The optimizer's update, worked out ahead: what the player shows after the backward pass
is the weights of the next training step, and working it out changes nothing."""

from dataclasses import replace

import numpy as np
import pytest

from gdviz.engine import (
    Graph,
    GradientDescentOptimizer,
    Optimizer,
    Session,
    Variable,
    add,
    matmul,
    placeholder,
    check_gradients,
    reduce_sum,
    trace_backprop,
)
from gdviz.lesson.update_steps import UpdateStep, explain_update, explain_updates
from gdviz.training.models import Model, ModelConfig

OPTIMIZERS = ("gd", "momentum", "adam")
MODELS = (ModelConfig(kind="perceptron"), ModelConfig(kind="mlp", hidden=(5, 3), activation="tanh"))
WARM_UP_STEPS = 3  # real steps first, so that momentum's and Adam's state is not zero


def points(n=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    labels = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)
    return X, np.eye(2)[labels]


def trained_model(config, optimizer, compiled=True, warm_up=WARM_UP_STEPS):
    """A model after ``warm_up`` real steps, its latest run the loss on the same feed."""
    rates = {"gd": 0.1, "momentum": 0.05, "adam": 0.01}
    model = Model(replace(config, optimizer=optimizer, learning_rate=rates[optimizer]), 2)
    model.session = Session(compiled=compiled)
    feed = model.feed(*points())
    for _ in range(warm_up):
        model.train_step(feed)
    model.session.run(model.loss, feed)
    return model, feed


def optimizer_state(model):
    """Copies of everything the optimizer keeps, and of the weights."""
    opt = model.optimizer
    slots = {v: {k: a.copy() for k, a in opt._slots[v].items()} for v in opt._slots}
    return opt.iterations, slots, model.get_weights()


def assert_same_state(a, b):
    assert a[0] == b[0]
    assert a[1].keys() == b[1].keys()
    for v in a[1]:
        for k in a[1][v]:
            np.testing.assert_array_equal(a[1][v][k], b[1][v][k])
    for x, y in zip(a[2], b[2]):
        np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("config", MODELS, ids=lambda c: c.kind)
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_the_weights_after_the_update_are_the_next_training_steps(config, optimizer):
    model, feed = trained_model(config, optimizer, compiled=False)
    trace = trace_backprop(model.loss)
    state = optimizer_state(model)
    updates = explain_updates(model.optimizer, model.variables, trace.grad_table)
    assert_same_state(optimizer_state(model), state)  # nothing moved
    assert [u.variable for u in updates] == model.variables
    assert [u.name for u in updates] == [v.name for v in model.variables]
    for update, before in zip(updates, state[2]):
        np.testing.assert_array_equal(update.before, before)
        np.testing.assert_array_equal(update.value("g"), trace.grad_table[update.variable])
    model.train_step(feed)
    # The core takes the same floating-point steps in the same order: bit for bit.
    for update, variable in zip(updates, model.variables):
        np.testing.assert_array_equal(update.after, variable.value)
        assert not np.array_equal(update.after, update.before)


@pytest.mark.parametrize("config", MODELS, ids=lambda c: c.kind)
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_the_compiled_training_step_lands_on_the_same_weights(config, optimizer):
    # Training runs compiled (fused kernels): its gradients may differ in the last bit.
    model, feed = trained_model(config, optimizer)
    updates = explain_updates(model.optimizer, model.variables, trace_backprop(model.loss).grad_table)
    model.train_step(feed)
    for update, variable in zip(updates, model.variables):
        np.testing.assert_allclose(update.after, variable.value, rtol=1e-15, atol=1e-300)


@pytest.mark.parametrize("config", MODELS, ids=lambda c: c.kind)
@pytest.mark.parametrize("optimizer", ("momentum", "adam"))
def test_the_intermediate_quantities_are_what_the_optimizer_holds_after_the_step(config, optimizer):
    model, feed = trained_model(config, optimizer, compiled=False)
    opt = model.optimizer
    old = {v: {k: a.copy() for k, a in opt.slots(v).items()} for v in model.variables}
    updates = explain_updates(opt, model.variables, trace_backprop(model.loss).grad_table)
    model.train_step(feed)
    for update in updates:
        slots = opt.slots(update.variable)
        for name in opt.slot_names:
            np.testing.assert_array_equal(update.value(f"{name} before"), old[update.variable][name])
            np.testing.assert_array_equal(update.value(name), slots[name])
            assert np.any(update.value(name) != 0)
        if optimizer == "adam":
            assert int(update.value("t")) == opt.iterations == WARM_UP_STEPS + 1
            assert float(update.value("lr_t")) == opt.corrected_rate()
            assert dict(update.constants) == {"η": 0.01, "β₁": 0.9, "β₂": 0.999, "ε": 1e-8}
        else:
            assert dict(update.constants) == {"η": 0.05, "μ": 0.9}
            np.testing.assert_array_equal(update.value("step"), 0.05 * slots["accum"])


@pytest.mark.parametrize("config", MODELS, ids=lambda c: c.kind)
def test_the_gradient_each_update_uses_is_the_finite_difference_slope(config):
    model, feed = trained_model(config, "adam", compiled=False)
    checks = check_gradients(model.loss, model.variables, feed)
    model.session.run(model.loss, feed)
    updates = explain_updates(model.optimizer, model.variables, trace_backprop(model.loss).grad_table)
    for update, check in zip(updates, checks):
        assert check.node is update.variable
        np.testing.assert_allclose(update.value("g"), check.numeric, rtol=1e-4, atol=1e-7)


@pytest.mark.parametrize("optimizer", ("momentum", "adam"))
def test_before_the_first_step_the_state_is_zero_and_is_not_created(optimizer):
    model, feed = trained_model(MODELS[1], optimizer, compiled=False, warm_up=0)
    updates = explain_updates(model.optimizer, model.variables, trace_backprop(model.loss).grad_table)
    assert model.optimizer._slots == {} and model.optimizer.iterations == 0
    for update in updates:
        for name in model.optimizer.slot_names:
            assert not np.any(update.value(f"{name} before"))
    model.train_step(feed)
    for update, variable in zip(updates, model.variables):
        np.testing.assert_array_equal(update.after, variable.value)
    if optimizer == "adam":  # step 1: m/√v is ±1 where g ≠ 0, the step lr_t in size
        assert float(updates[0].value("lr_t")) == model.optimizer.corrected_rate()


def test_a_variable_without_gradient_is_skipped_as_the_optimizer_skips_it():
    with Graph():
        x = placeholder(name="x")
        W = Variable([[1.0], [2.0]], name="W")
        unused = Variable([3.0], name="unused")
        J = reduce_sum(matmul(x, W), name="J")
        add(unused, W)  # another graph branch: not on the loss's path
    Session().run(J, {x: np.array([[1.0, -1.0]])})
    grads = trace_backprop(J).grad_table
    updates = explain_updates(GradientDescentOptimizer(0.5), [W, unused], grads)
    assert [u.name for u in updates] == ["W"]
    np.testing.assert_array_equal(updates[0].after, [[0.5], [2.5]])
    np.testing.assert_array_equal(unused.value, [3.0])


def test_an_optimizer_of_unknown_rule_is_refused_by_name():
    class Halving(Optimizer):
        def _update(self, variable, grad, slots):
            variable.value /= 2

    with pytest.raises(TypeError, match="Halving"):
        explain_updates(Halving(0.1), [], {})


def test_the_explanation_shows_the_numbers_never_a_misleading_zero():
    with Graph():
        x = placeholder(name="x")
        W = Variable([[0.5], [-1.0]], name="W")
        J = reduce_sum(matmul(x, W), name="J")
    Session().run(J, {x: np.array([[2e-7, 3.0]])})
    (update,) = explain_updates(GradientDescentOptimizer(0.1), [W], trace_backprop(J).grad_table)
    assert isinstance(update, UpdateStep) and update.node is W and update.kind == "gd"
    text = explain_update(update, 1, position=5, total=5)
    assert "<b>Update 1 of 1</b> (step 5 of 5)" in text
    assert "η = <code>0.1</code>" in text
    assert "g = ∂J/∂W = <code>[[2e-07], [3]]</code>" in text  # not [[0], [3]]
    assert "step = η·g = <code>[[2e-08], [0.3]]</code>" in text
    assert "W before = <code>[[0.5], [-1]]</code>" in text
    assert "W after = W − step = <code>[[0.5], [-1.3]]</code>" in text
    assert "Change: W after − W before = <code>[[-2e-08], [-0.3]]</code>" in text
    assert "Done:" in text


def test_a_large_array_is_summarised_and_a_change_below_the_digits_is_said():
    with Graph():
        x = placeholder(name="x")
        W = Variable(np.full((2, 6), 0.25), name="W")
        J = reduce_sum(matmul(x, W), name="J")
    Session().run(J, {x: np.array([[1e-6, 2e-6]])})
    (update,) = explain_updates(GradientDescentOptimizer(0.01), [W], trace_backprop(J).grad_table)
    text = explain_update(update, 2)
    assert "W before = (2×6, norm <code>0.866</code>, from <code>0.25</code> to <code>0.25</code>)" in text
    assert "before and after read the same" in text
    assert "from <code>-2e-08</code> to <code>-1e-08</code>" in text  # the change itself
    assert "Done:" not in text  # another Variable's update follows
