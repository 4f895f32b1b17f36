"""A race of trainers, without Qt: same start, exact curves, bounded memory, divergence."""

from dataclasses import replace

import numpy as np
import pytest

from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.training.models import ModelConfig, initial_weights
from gdviz.training.race import (
    LOWS_CAPACITY, PATH_EXACT_STEPS, PATH_MAX_BYTES, Entrant, Race, ThinnedRows, available_comparisons,
    entrants_for, first_step_at_or_below, flatten)
from gdviz.training.trainer import HISTORY_CAPACITY, Trainer

MLP = ModelConfig(kind="mlp", hidden=(8, 8), activation="tanh", learning_rate=0.1)


@pytest.fixture
def moons():
    return make_dataset(DatasetConfig(name="moons", n_points=60, seed=3))


def _race(comparison, config, dataset, seed=7):
    weights = initial_weights(config, dataset.n_classes, seed=seed)
    return Race(entrants_for(comparison, config), dataset, weights), weights


@pytest.mark.parametrize("config", [ModelConfig(), MLP], ids=["perceptron", "mlp"])
def test_a_race_curve_is_exactly_a_lone_trainers_curve(config, moons):
    race, weights = _race("optimizers", config, moons)
    race.step(300)
    snapshot = race.snapshot()
    for result in snapshot.entrants:
        alone = Trainer(result.config, moons, weights)
        alone.train(300)
        steps, losses = alone.loss_history.arrays()
        assert np.array_equal(result.curve[0], steps) and np.array_equal(result.curve[1], losses)
        assert np.array_equal(result.weights, flatten(alone.model.get_weights()))
        assert result.step == 300 and result.loss == alone.loss
    labels = [e.label for e in snapshot.entrants]
    assert labels == ["gradient descent", "momentum", "Adam"]
    # The three really trained differently.
    assert len({float(e.curve[1][-1]) for e in snapshot.entrants}) == 3


def test_every_entrant_starts_from_the_same_weights_and_keeps_every_early_step(moons):
    race, weights = _race("learning rates", MLP, moons)
    race.step(50)
    results = race.snapshot().entrants
    assert [e.config.learning_rate for e in results] == [0.1, 1.0]
    for result in results:
        steps, rows = result.path
        assert np.array_equal(rows[0], flatten(weights)) and steps[0] == 0
        assert np.array_equal(steps, np.arange(51))  # every step, the start included
        assert np.array_equal(rows[-1], result.weights)
    assert not np.array_equal(results[0].weights, results[1].weights)


def test_the_race_does_not_change_the_weights_it_was_given(moons):
    weights = initial_weights(ModelConfig(), 2)
    before = [w.copy() for w in weights]
    race = Race(entrants_for("optimizers", ModelConfig()), moons, weights)
    race.step(10)
    assert all(np.array_equal(a, b) for a, b in zip(weights, before))


def test_steps_to_reach_on_a_known_curve():
    lows = ThinnedRows(100, 1)
    curve = [5.0, 4.0, 4.5, 3.0, 3.0, 1.0, 2.0, 0.5]  # steps 1..8
    best = np.inf
    for step, loss in enumerate(curve, start=1):
        if loss < best:
            best = loss
            lows.append(step, loss)
    views = lows.views()
    expected = {6.0: 1, 5.0: 1, 4.9: 2, 4.0: 2, 3.5: 4, 3.0: 4, 2.0: 6, 1.0: 6, 0.7: 8, 0.5: 8, 0.4: None}
    assert {target: first_step_at_or_below(views, target) for target in expected} == expected


def test_steps_to_reach_agrees_with_the_curves(moons):
    race, _ = _race("optimizers", ModelConfig(), moons)
    race.step(400)
    snapshot = race.snapshot()
    steps, losses = snapshot.entrants[0].curve
    target = float(losses[steps == 200][0])  # gradient descent reached it at step 200
    answers = race.steps_to_reach(target)
    assert answers == snapshot.steps_to_reach(target)
    for result in snapshot.entrants:
        steps, losses = result.curve
        below = np.flatnonzero(losses <= target)
        assert answers[result.label] == (int(steps[below[0]]) if len(below) else None)
    assert answers["gradient descent"] == 200
    assert set(race.steps_to_reach(0.0).values()) == {None}


def test_paths_and_lows_stay_bounded_after_many_steps(moons):
    race, weights = _race("optimizers", ModelConfig(learning_rate=0.01), moons)
    race.step(6000)
    for result in race.snapshot().entrants:
        steps, rows = result.path
        assert len(rows) <= 2 * (PATH_EXACT_STEPS + 1)
        assert np.array_equal(steps[: PATH_EXACT_STEPS + 1], np.arange(PATH_EXACT_STEPS + 1))
        assert np.all(np.diff(steps) > 0) and steps[-1] == result.step == 6000
        assert np.array_equal(rows[0], flatten(weights)) and np.array_equal(rows[-1], result.weights)
        assert len(result.curve[0]) <= 2 * HISTORY_CAPACITY
        assert len(result.lows[0]) <= LOWS_CAPACITY


def test_a_large_model_keeps_fewer_path_rows_within_its_memory_budget(moons):
    big = ModelConfig(kind="mlp", hidden=(64, 64, 64, 64))
    race, _ = _race("learning rates", big, moons)
    race.step(3)
    steps, rows = race.snapshot().entrants[0].path
    capacity = race._runners[0].path.capacity
    assert rows.nbytes <= PATH_MAX_BYTES and capacity * rows.shape[1] * 8 <= PATH_MAX_BYTES
    assert np.array_equal(steps, [0, 1, 2, 3])


def test_thinning_keeps_the_head_and_never_rewrites_a_view_handed_out():
    rows = ThinnedRows(10, 2, head=4)
    for step in range(8):
        rows.offer(step, [step, -step])
    early_steps, early_rows = rows.views()
    kept = early_rows.copy()
    for step in range(8, 200):
        rows.offer(step, [step, -step])
    steps, values = rows.views()
    assert len(steps) <= 10 and list(steps[:4]) == [0, 1, 2, 3] and rows.thinned
    assert np.array_equal(values[:, 0], steps)
    assert np.array_equal(early_rows, kept)  # the old view still reads what it read


def test_a_diverging_entrant_stops_and_says_why_while_the_others_go_on(moons):
    config = ModelConfig(reduction="sum")
    entrants = (Entrant("calm", replace(config, learning_rate=0.01)),
                Entrant("wild", replace(config, learning_rate=1e4)))
    race = Race(entrants, moons, initial_weights(config, 2))
    race.step(200)
    snapshot = race.snapshot()
    calm, wild = snapshot.entrants
    assert calm.step == 200 and calm.message is None and calm.diverged_at is None
    assert wild.diverged_at is not None and wild.step < wild.diverged_at < 200
    assert f"step {wild.diverged_at}" in wild.message and "learning rate" in wild.message
    assert np.all(np.isfinite(wild.curve[1])) and np.all(np.isfinite(wild.path[1]))
    assert snapshot.running and race.rounds == 200
    # Only the calm entrant takes steps now.
    race.step(5)
    calm, again = race.snapshot().entrants
    assert calm.step == 205 and again.step == wild.step


def test_a_race_in_which_every_entrant_stops_ends():
    empty = make_dataset(DatasetConfig(n_points=4)).with_points(np.zeros((0, 2)), [])
    race = Race(entrants_for("optimizers", ModelConfig()), empty, initial_weights(ModelConfig(), 2))
    assert race.step(10) == 0 and not race.running
    assert all(e.message == "no points to train on" for e in race.snapshot().entrants)
    assert race.snapshot().start_loss is None


def test_snapshots_are_read_only():
    race = Race(entrants_for("optimizers", ModelConfig()), make_dataset(), initial_weights(ModelConfig(), 2))
    race.step(3)
    result = race.snapshot().entrants[0]
    for array in (*result.curve, *result.path, *result.lows, result.weights):
        with pytest.raises(ValueError):
            array[...] = 0


def test_comparisons_follow_the_configs_fields():
    config = ModelConfig()
    available = available_comparisons(config)
    assert available[:2] == ("optimizers", "learning rates")
    assert ("batch sizes" in available) == hasattr(config, "batch_size")
    assert ("penalties" in available) == hasattr(config, "penalty")
    with pytest.raises(ValueError, match="unknown comparison"):
        entrants_for("colours", config)
    with pytest.raises(ValueError, match="distinct labels"):
        Race([Entrant("a", config)] * 2, make_dataset(), initial_weights(config, 2))
    rates = entrants_for("learning rates", config, values=(0.5, 0.05))
    assert [e.label for e in rates] == ["η = 0.5", "η = 0.05"]


def _trainer_draws_batches():
    return hasattr(ModelConfig(), "batch_size") and hasattr(Trainer(ModelConfig(), make_dataset()), "last_batch")


@pytest.mark.skipif(not _trainer_draws_batches(), reason="the Trainer draws no mini-batches yet")
def test_batch_sizes_race_the_whole_set_against_mini_batches(moons):
    entrants = entrants_for("batch sizes", ModelConfig())
    assert [e.config.batch_size for e in entrants] == [0, 10]
    race = Race(entrants, moons, initial_weights(ModelConfig(), 2))
    race.step(20)
    whole, mini = race.snapshot().entrants
    assert whole.step == mini.step == 20 and not np.array_equal(whole.weights, mini.weights)


@pytest.mark.skipif(not hasattr(ModelConfig(), "penalty"), reason="ModelConfig has no penalty yet")
def test_penalties_race_none_l2_and_l1(moons):
    entrants = entrants_for("penalties", ModelConfig())
    assert [(e.config.penalty, e.config.penalty_rate) for e in entrants] == [
        ("none", 0.0), ("l2", 0.01), ("l1", 0.01)]
    race = Race(entrants, moons, initial_weights(ModelConfig(), 2))
    race.step(20)
    assert all(e.step == 20 for e in race.snapshot().entrants)
