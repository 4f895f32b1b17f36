"""The trainer, without Qt: loss goes down, divergence is caught, snapshots stay finite;
mini-batches, penalties and input features."""

import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from gdviz.training.datasets import DATASET_NAMES, DatasetConfig, make_dataset
from gdviz.training.models import Model, ModelConfig
from gdviz.training.trainer import History, Trainer, minibatch

MLP = ModelConfig(kind="mlp", hidden=(16, 16), activation="tanh", optimizer="adam", learning_rate=0.03)


def _all_finite(snapshot):
    numbers = [snapshot.loss, snapshot.accuracy, snapshot.test_loss, snapshot.test_accuracy]
    return all(x is None or np.isfinite(x) for x in numbers) and all(
        np.all(np.isfinite(w)) for w in snapshot.weights
    )


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_training_lowers_the_loss_on_every_dataset(name):
    dataset = make_dataset(DatasetConfig(name=name, n_points=120, test_fraction=0.2))
    trainer = Trainer(MLP, dataset)
    trainer.train(1)
    first = trainer.snapshot()
    trainer.train(300)
    last = trainer.snapshot()
    assert last.step == 301
    assert last.loss < 0.7 * first.loss
    assert last.test_loss < first.test_loss
    assert last.accuracy >= first.accuracy


def test_perceptron_learns_the_tutorials_clouds():
    trainer = Trainer(ModelConfig(), make_dataset())
    trainer.train(100)
    assert trainer.snapshot().accuracy == 1.0


def test_learning_rate_100_with_the_sum_loss_diverges_and_is_reported():
    trainer = Trainer(ModelConfig(reduction="sum", learning_rate=100.0), make_dataset())
    taken = trainer.train(50)
    snapshot = trainer.snapshot()
    assert taken < 50
    assert snapshot.diverged_at is not None and snapshot.diverged_at >= 1
    assert snapshot.step < snapshot.diverged_at
    assert _all_finite(snapshot) and snapshot.loss is not None
    # The curves never received the non-finite value.
    assert np.all(np.isfinite(trainer.loss_history.arrays()[1]))
    # Lowering the learning rate lets training go on from the restored weights.
    trainer.set_learning_rate(0.01)
    assert trainer.diverged_at is None
    assert trainer.train(20) == 20 and _all_finite(trainer.snapshot())


def test_divergence_of_a_nan_weight_restores_finite_weights():
    trainer = Trainer(ModelConfig(), make_dataset())
    trainer.train(3)
    trainer.model.variables[0].value[0, 0] = np.nan
    assert trainer.train(5) == 0
    assert trainer.diverged_at == 4
    assert all(np.all(np.isfinite(w)) for w in trainer.model.get_weights())
    assert _all_finite(trainer.snapshot())


def test_snapshots_generator_yields_immutable_copies():
    trainer = Trainer(ModelConfig(), make_dataset())
    snapshots = list(trainer.snapshots(10, every=5))
    assert [s.step for s in snapshots] == [5, 10]
    with pytest.raises(ValueError):
        snapshots[0].weights[0][0, 0] = 1.0
    assert not np.array_equal(snapshots[0].weights[0], snapshots[1].weights[0])
    with pytest.raises(AttributeError):
        snapshots[0].step = 3


def test_learning_rate_keeps_training_model_change_resets():
    trainer = Trainer(ModelConfig(optimizer="momentum"), make_dataset())
    trainer.train(10)
    weights = trainer.model.get_weights()
    trainer.set_learning_rate(0.5)
    assert trainer.step == 10
    np.testing.assert_array_equal(trainer.model.get_weights()[0], weights[0])
    assert np.any(trainer.model.optimizer.slots(trainer.model.variables[0])["accum"])  # momentum kept
    assert not trainer.set_config(ModelConfig(optimizer="adam", learning_rate=0.5))
    assert trainer.step == 10
    assert trainer.set_config(ModelConfig(kind="mlp", hidden=(4,)))
    assert trainer.step == 0 and len(trainer.loss_history) == 0


def test_reset_repeats_randomise_differs():
    trainer = Trainer(ModelConfig(), make_dataset())
    start = trainer.model.get_weights()
    trainer.train(10)
    trainer.reset()
    np.testing.assert_array_equal(trainer.model.get_weights()[0], start[0])
    trainer.randomise_weights(seed=99)
    assert not np.array_equal(trainer.model.get_weights()[0], start[0])
    assert trainer.step == 0


def test_dataset_edits_keep_training_going():
    dataset = make_dataset()
    trainer = Trainer(ModelConfig(), dataset)
    trainer.train(10)
    trainer.set_dataset(dataset.with_point_moved(0, -3.0, -3.0))
    assert trainer.step == 10 and trainer.train(5) == 5
    trainer.set_dataset(make_dataset(DatasetConfig(name="blobs3")))  # other classes: restart
    assert trainer.step == 0 and trainer.model.n_classes == 3


def test_no_training_points_means_no_step_and_no_nan():
    dataset = make_dataset(DatasetConfig(n_points=4))
    empty = dataset.with_points(dataset.X, dataset.labels, np.ones(4, dtype=bool))
    trainer = Trainer(ModelConfig(), empty)
    assert trainer.train(5) == 0
    assert _all_finite(trainer.snapshot())


def test_history_stays_bounded_and_keeps_the_whole_range():
    history = History(capacity=100)
    for step in range(1, 100_001):
        history.append(step, 1.0 / step)
    steps, values = history.arrays()
    assert len(steps) <= 200
    assert steps[0] == 1 and steps[-1] > 99_000
    assert np.all(np.diff(steps) > 0)


def test_qt_free_modules_never_import_qt():
    code = (
        "import sys, gdviz.training.datasets, gdviz.training.models, gdviz.training.trainer, gdviz.engine; "
        "print(sorted(m for m in sys.modules if 'PySide' in m or 'pyqtgraph' in m))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_step_zero_reports_the_loss_before_any_training():
    from gdviz.training.datasets import DatasetConfig, make_dataset
    from gdviz.training.models import ModelConfig
    from gdviz.training.trainer import Trainer

    trainer = Trainer(ModelConfig(kind="perceptron", reduction="sum", learning_rate=0.01),
                      make_dataset(DatasetConfig(name="tutorial")))
    snapshot = trainer.snapshot()
    assert snapshot.step == 0 and snapshot.loss is not None and snapshot.loss > 0
    dataset = trainer.dataset
    loss, _ = trainer.model.evaluate(dataset.X, dataset.one_hot())
    assert snapshot.loss == loss


def test_loss_shown_follows_a_change_of_reduction_and_of_points():
    from dataclasses import replace as _replace

    data = make_dataset(DatasetConfig(name="tutorial"))
    trainer = Trainer(ModelConfig(kind="perceptron", reduction="mean"), data)
    mean_loss = trainer.snapshot().loss
    trainer.set_config(_replace(trainer.config, reduction="sum"))
    assert trainer.snapshot().loss == pytest.approx(mean_loss * len(data))
    moved = data.with_points(data.X + 5.0, data.labels)
    trainer.set_dataset(moved)
    assert trainer.snapshot().loss != pytest.approx(mean_loss * len(data))


def test_snapshot_loss_is_the_loss_at_its_weights():
    # What the status bar says must equal J in the backprop player for the next step.
    data = make_dataset(DatasetConfig(name="tutorial"))
    trainer = Trainer(ModelConfig(kind="perceptron", reduction="sum", learning_rate=0.01), data)
    trainer.train(7)
    snapshot = trainer.snapshot()
    from gdviz.training.models import Model

    fresh = Model(trainer.config, data.n_classes, list(snapshot.weights))
    loss, _ = fresh.evaluate(data.X, data.one_hot())
    assert snapshot.step == 7 and snapshot.loss == pytest.approx(loss, rel=1e-12)


def test_divergence_says_what_really_happened():
    """At rate 100 on the tutorial's summed loss the weights stay finite: p reaches 0
    inside log p. With an MLP at an absurd rate, the weights overflow."""
    from gdviz.training.trainer import divergence_message

    tutorial = Trainer(ModelConfig(reduction="sum", learning_rate=100.0), make_dataset())
    tutorial.train(200)
    assert tutorial.diverged_at is not None and tutorial.divergence_cause == "log0"
    message = divergence_message(tutorial.diverged_at, 100.0, tutorial.divergence_cause)
    assert "p reached 0" in message and "log 0" in message and "mean loss" in message
    assert all(np.isfinite(w).all() for w in tutorial.model.get_weights())
    mlp = Trainer(ModelConfig(kind="mlp", hidden=(8,), activation="relu", learning_rate=1e6), make_dataset())
    mlp.train(200)
    assert mlp.diverged_at is not None and mlp.divergence_cause == "overflow"
    assert "diverged at step" in divergence_message(mlp.diverged_at, 1e6, mlp.divergence_cause)


# **** mini-batches ****

BATCHED = ModelConfig(kind="mlp", hidden=(6,), optimizer="momentum", learning_rate=0.05, batch_size=16)


def _split_data():
    return make_dataset(DatasetConfig(name="moons", n_points=80, test_fraction=0.25))


@pytest.mark.parametrize("batch_size", [60, 61, 1000])  # 60 training points
def test_a_batch_of_every_point_is_batch_descent(batch_size):
    data = _split_data()
    assert data.train_mask.sum() == 60
    whole = Trainer(replace(BATCHED, batch_size=0), data)
    every = Trainer(replace(BATCHED, batch_size=batch_size), data)
    whole.train(25)
    every.train(25)
    for a, b in zip(whole.model.get_weights(), every.model.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert whole.last_batch is None and every.last_batch is None


def test_each_step_draws_a_fresh_batch_of_training_points():
    data = _split_data()
    trainer = Trainer(BATCHED, data)
    batches = []
    for _ in range(5):
        trainer.train(1)
        batch = trainer.last_batch
        assert len(batch) == 16 and len(set(batch.tolist())) == 16
        assert not data.is_test[batch].any()  # never a held-out point
        batches.append(tuple(batch))
    assert len(set(batches)) == 5
    snapshot = trainer.snapshot()
    np.testing.assert_array_equal(snapshot.batch, trainer.last_batch)
    with pytest.raises(ValueError):
        snapshot.batch[0] = 0


def test_a_batch_step_is_a_step_on_those_points_alone():
    data = _split_data()
    trainer = Trainer(replace(BATCHED, optimizer="gd"), data)
    trainer.train(3)
    start = trainer.model.get_weights()
    trainer.train(1)
    batch = trainer.last_batch
    alone = Model(trainer.config, data.n_classes, start)
    alone.train_step(alone.feed(data.X[batch], data.one_hot()[batch]))
    for a, b in zip(alone.get_weights(), trainer.model.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_the_curve_records_the_whole_training_sets_loss():
    data = _split_data()
    trainer = Trainer(BATCHED, data)
    trainer.train(4)
    before = trainer.model.get_weights()
    trainer.train(1)
    steps, losses = trainer.loss_history.arrays()
    train = data.train_mask
    whole_loss, _ = Model(BATCHED, data.n_classes, before).evaluate(data.X[train], data.one_hot(train))
    assert steps[-1] == 5 and losses[-1] == pytest.approx(whole_loss, rel=1e-12)


def test_a_step_draws_the_same_batch_after_a_resume():
    data = _split_data()
    trainer = Trainer(BATCHED, data)
    trainer.train(7)
    resumed = Trainer(BATCHED, data, trainer.model.get_weights(), step=7)
    trainer.train(1)
    resumed.train(1)
    np.testing.assert_array_equal(trainer.last_batch, resumed.last_batch)
    # ... and minibatch() says which, for a view that replays the step
    indices = minibatch(60, 16, BATCHED.seed, 7)
    np.testing.assert_array_equal(np.flatnonzero(data.train_mask)[indices], trainer.last_batch)


def test_stochastic_descent_lowers_the_whole_sets_loss():
    trainer = Trainer(replace(BATCHED, batch_size=8, optimizer="adam", learning_rate=0.03), _split_data())
    first = trainer.snapshot().loss
    trainer.train(300)
    assert trainer.snapshot().loss < 0.7 * first


# **** knobs that continue, knobs that restart ****

def test_batch_and_penalty_continue_features_restart():
    trainer = Trainer(BATCHED, _split_data())
    trainer.train(10)
    weights = trainer.model.get_weights()
    loss = trainer.snapshot().loss
    for change in ({"batch_size": 4}, {"penalty": "l2", "penalty_rate": 0.1}, {"penalty_rate": 0.5},
                   {"penalty": "l1"}):
        assert not trainer.set_config(replace(trainer.config, **change)), change
        assert trainer.step == 10, change
        for a, b in zip(weights, trainer.model.get_weights()):
            np.testing.assert_array_equal(a, b)
    # The loss shown includes the penalty at once, without a step.
    W = [w for w in weights[0::2]]
    penalty = 0.5 * sum(np.abs(w).sum() for w in W)
    assert trainer.snapshot().loss == pytest.approx(loss + penalty, rel=1e-9)
    assert trainer.set_config(replace(trainer.config, features=("x1", "x2", "x1*x2")))
    assert trainer.step == 0 and trainer.model.get_weights()[0].shape == (3, 6)


# **** input features ****

def test_a_perceptron_with_squares_separates_the_circles():
    data = make_dataset(DatasetConfig(name="circles", n_points=200))
    plain = Trainer(ModelConfig(learning_rate=0.1), data)
    squares = Trainer(ModelConfig(learning_rate=0.1, features=("x1", "x2", "x1^2", "x2^2")), data)
    plain.train(500)
    squares.train(500)
    assert squares.snapshot().accuracy >= 0.95
    assert plain.snapshot().accuracy < 0.8  # no straight line separates two rings


def test_stochastic_descent_diverges_cleanly_too():
    trainer = Trainer(ModelConfig(kind="mlp", hidden=(8,), activation="relu", learning_rate=1e6,
                                  batch_size=8), _split_data())
    trainer.train(200)
    assert trainer.diverged_at is not None and _all_finite(trainer.snapshot())
    assert np.all(np.isfinite(trainer.loss_history.arrays()[1]))
