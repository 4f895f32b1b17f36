"""The training process's loop, without a process and without Qt: commands, credits, failures."""

import time

import numpy as np

from gdviz.datasets import make_dataset
from gdviz.models import ModelConfig
from gdviz.training_process import INITIAL_CREDITS, TrainingLoop

TUTORIAL = ModelConfig()


def _loop(max_fps=1000.0):
    sent = []
    loop = TrainingLoop(sent.append, max_fps)
    loop.handle(("commands", 1, [("start", (TUTORIAL, make_dataset()))]))
    return loop, sent


def _kinds(sent, kind):
    return [m for m in sent if m[0] == kind]


def test_commands_apply_in_order_and_are_acknowledged_with_the_state():
    loop, sent = _loop()
    loop.handle(("commands", 2, [("playing", False), ("steps", 3)]))
    loop.handle(("commands", 3, [("config", ModelConfig(learning_rate=0.5))]))
    applied = _kinds(sent, "applied")
    assert [m[1] for m in applied] == [1, 2, 3]
    _, _, config, weights, step = applied[-1]
    assert step == 3 and config.learning_rate == 0.5  # a new rate keeps the steps taken
    np.testing.assert_array_equal(weights[0], loop.trainer.model.get_weights()[0])


def test_snapshots_wait_for_credits_and_carry_copies():
    loop, sent = _loop()
    loop.handle(("commands", 2, [("playing", True)]))
    deadline = time.perf_counter() + 0.3  # time for hundreds of snapshots at 1000 a second
    while time.perf_counter() < deadline:
        loop.train_chunk()
        loop.send_snapshot_if_due()
    assert len(_kinds(sent, "snapshot")) == INITIAL_CREDITS  # no credit left: none more
    loop.handle(("credit",))
    loop.train_chunk()
    time.sleep(0.002)
    loop.send_snapshot_if_due()
    snapshots = [m[1] for m in _kinds(sent, "snapshot")]
    assert len(snapshots) == INITIAL_CREDITS + 1
    assert snapshots[-1]["snapshot"].step > snapshots[0]["snapshot"].step
    steps, losses = snapshots[-1]["loss_curve"]
    assert snapshots[-1]["playing"] and 0 < steps[-1] <= snapshots[-1]["snapshot"].step
    assert losses[-1] < losses[0]


def test_a_failing_command_is_reported_and_the_loop_serves_on():
    loop, sent = _loop()
    bad = ModelConfig(kind="mlp", hidden=(4,))
    object.__setattr__(bad, "hidden", (0,))  # slips past validation, as a bug would
    loop.handle(("commands", 2, [("config", bad)]))
    failed = _kinds(sent, "failed")
    assert len(failed) == 1 and "hidden layer widths" in failed[0][1]
    loop.handle(("commands", 3, [("config", TUTORIAL), ("steps", 2)]))
    assert _kinds(sent, "applied")[-1][4] == 2


def test_divergence_is_reported_once_and_training_stops():
    sent = []
    loop = TrainingLoop(sent.append, 1000.0)
    config = ModelConfig(reduction="sum", learning_rate=100.0)
    loop.handle(("commands", 1, [("start", (config, make_dataset())), ("playing", True)]))
    deadline = time.perf_counter() + 5
    while loop.busy and time.perf_counter() < deadline:
        loop.train_chunk()
    diverged = _kinds(sent, "diverged")
    assert len(diverged) == 1 and not loop.playing
    assert "diverged at step" in diverged[0][2] and "learning rate" in diverged[0][2]
    assert np.isfinite(loop.trainer.snapshot().loss)
