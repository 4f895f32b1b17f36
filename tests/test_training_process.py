"""The training process's loop, without a process and without Qt: commands, credits, failures;
and the parent's handle on a real process: it never blocks, and ends a frozen child."""

import numpy as np
import pytest

from gdviz.training.datasets import make_dataset
from gdviz.training.models import ModelConfig
from gdviz.training.process import INITIAL_CREDITS, TrainingLoop
from gdviz.training.protocol import (
    Applied, Commands, Credit, CurveRows, CurveSender, Diverged, Failed, SetConfig, SetPace,
    SetPlaying, SetTrainOnly, SnapshotMessage, Start, Stop, TakeSteps)
from gdviz.training.trainer import History

TUTORIAL = ModelConfig()


class FakeClock:
    """A monotonic clock that moves ``tick`` seconds each time it is read: each training
    step reads it, so simulated time passes as training does, whatever the machine."""

    def __init__(self, tick=0.0005):
        self.now = 100.0
        self.tick = tick

    def __call__(self):
        self.now += self.tick
        return self.now


def _loop(max_fps=1000.0, clock=None):
    sent = []
    loop = TrainingLoop(sent.append, max_fps, clock=clock or FakeClock())
    loop.handle(Commands(1, (Start(TUTORIAL, make_dataset()),)))
    return loop, sent


def _run_for(loop, clock, seconds, on_snapshot=None, sent=None):
    """Train and send snapshots, as the child's main loop does, for ``seconds`` of ``clock``."""
    end = clock.now + seconds
    while clock.now < end:
        count = len(sent) if sent is not None else 0
        loop.train_chunk()
        loop.send_snapshot_if_due()
        if on_snapshot is not None and len(sent) > count and isinstance(sent[-1], SnapshotMessage):
            on_snapshot()


def _kinds(sent, kind):
    return [m for m in sent if isinstance(m, kind)]


def test_commands_apply_in_order_and_are_acknowledged_with_the_state():
    loop, sent = _loop()
    loop.handle(Commands(2, (SetPlaying(False), TakeSteps(3))))
    loop.handle(Commands(3, (SetConfig(ModelConfig(learning_rate=0.5)),)))
    applied = _kinds(sent, Applied)
    assert [m.serial for m in applied] == [1, 2, 3]
    state = applied[-1].state
    assert state.step == 3 and state.config.learning_rate == 0.5  # a new rate keeps the steps taken
    assert state.dataset is loop.trainer.dataset and not state.playing
    np.testing.assert_array_equal(state.weights[0], loop.trainer.model.get_weights()[0])
    loop.handle(Commands(4, (SetPlaying(True),)))
    assert _kinds(sent, Applied)[-1].state.playing  # the state record says it plays


def test_snapshots_wait_for_credits_and_carry_copies():
    clock = FakeClock()
    loop, sent = _loop(clock=clock)
    loop.handle(Commands(2, (SetPlaying(True),)))
    _run_for(loop, clock, 0.3)  # time for hundreds of snapshots at 1000 a second
    assert len(_kinds(sent, SnapshotMessage)) == INITIAL_CREDITS  # no credit left: none more
    loop.handle(Credit())
    _run_for(loop, clock, 0.01)
    snapshots = _kinds(sent, SnapshotMessage)
    assert len(snapshots) == INITIAL_CREDITS + 1
    assert snapshots[-1].snapshot.step > snapshots[0].snapshot.step
    curve = None
    for message in snapshots:  # the first carries the whole curve, the next only new rows
        curve = message.loss_curve.onto(curve)
    assert snapshots[0].loss_curve.start == 0 and snapshots[-1].loss_curve.start > 0
    steps, losses = curve
    np.testing.assert_array_equal(steps, np.arange(1, len(steps) + 1))  # no row lost or doubled
    assert snapshots[-1].playing and 0 < steps[-1] <= snapshots[-1].snapshot.step
    assert losses[-1] < losses[0]


def test_a_failing_command_is_reported_and_the_loop_serves_on():
    loop, sent = _loop()
    bad = ModelConfig(kind="mlp", hidden=(4,))
    object.__setattr__(bad, "hidden", (0,))  # slips past validation, as a bug would
    loop.handle(Commands(2, (SetConfig(bad),)))
    failed = _kinds(sent, Failed)
    assert len(failed) == 1 and "hidden layer widths" in failed[0].text
    loop.handle(Commands(3, (SetConfig(TUTORIAL), TakeSteps(2))))
    assert _kinds(sent, Applied)[-1].state.step == 2


def test_divergence_is_reported_once_and_training_stops():
    sent = []
    loop = TrainingLoop(sent.append, 1000.0, clock=FakeClock())
    config = ModelConfig(reduction="sum", learning_rate=100.0)
    loop.handle(Commands(1, (Start(config, make_dataset()), SetPlaying(True))))
    for _ in range(1000):  # it diverges within a few steps; the bound only ends a broken loop
        if not loop.busy:
            break
        loop.train_chunk()
    diverged = _kinds(sent, Diverged)
    assert len(diverged) == 1 and not loop.playing
    assert "stopped at step" in diverged[0].message and "log 0" in diverged[0].message and "learning rate" in diverged[0].message
    assert np.isfinite(loop.trainer.snapshot().loss)


@pytest.mark.parametrize("max_fps", [60.0, 24.0])
@pytest.mark.parametrize("tick", [0.0001, 0.0005, 0.004])
def test_snapshots_are_at_most_max_fps_whatever_the_step_time(max_fps, tick):
    """The display rate is a promise about the clock, tested on a clock the test drives:
    fast steps (0.1 ms) and slow ones (4 ms), the GUI taking every snapshot at once."""
    clock = FakeClock(tick)
    loop, sent = _loop(max_fps=max_fps, clock=clock)
    loop.handle(Commands(2, (SetPlaying(True),)))
    stamps = []

    def take():
        stamps.append(clock.now)
        loop.handle(Credit())

    _run_for(loop, clock, 3.0, on_snapshot=take, sent=sent)
    assert len(stamps) > 2 * max_fps  # it keeps sending while training plays
    # Any window of one second holds at most max_fps snapshots (+1 for its two ends).
    stamps = np.array(stamps)
    per_window = np.searchsorted(stamps, stamps + 1.0, side="left") - np.arange(len(stamps))
    assert per_window.max() <= max_fps + 1, per_window.max()
    steps = [m.snapshot.step for m in _kinds(sent, SnapshotMessage)]
    assert all(np.diff(steps) >= 1)  # slow steps: every snapshot is a new step
    if tick <= 0.0001:  # fast steps: many per snapshot (coalesced), none skipped in training
        assert (steps[-1] - steps[0]) > 10 * len(steps)


def test_stop_ends_the_loop_and_unknown_messages_are_refused():
    loop, _ = _loop()
    assert loop.handle(Credit()) and not loop.handle(Stop())
    with pytest.raises(TypeError, match="unknown message"):
        loop.handle(("commands", 2, []))  # the string-tagged tuples of old


def test_curves_travel_as_new_rows_and_whole_after_a_command_or_thinning():
    sender = CurveSender()
    history = History(capacity=4)
    received = None

    def send():
        nonlocal received
        rows = sender.rows("loss", history.arrays())
        received = rows.onto(received)
        np.testing.assert_array_equal(received, history.arrays())
        return rows

    for step in range(3):
        history.append(step, 1.0 / (step + 1))
    assert send().start == 0
    history.append(3, 0.2)
    rows = send()
    assert rows.start == 3 and list(rows.steps) == [3]
    assert send().start == 4 and len(send().steps) == 0  # nothing new: no rows
    for step in range(4, 12):  # past the capacity: the history thins itself
        history.append(step, 0.1)
    assert send().start == 0
    sender.forget()  # what the loop does when a command arrives
    assert send().start == 0
    with pytest.raises(ValueError, match="do not fit"):
        CurveRows(5, np.zeros(1), np.zeros(1)).onto(None)


@pytest.mark.parametrize("pace", [1.0, 10.0, 30.0])
def test_at_a_pace_training_takes_that_many_steps_a_second_each_one_shown(pace):
    clock = FakeClock(tick=0.0001)
    loop, sent = _loop(max_fps=60.0, clock=clock)
    loop.handle(Commands(2, (SetPace(pace), SetPlaying(True))))
    start = loop.trainer.step
    _run_for(loop, clock, 3.0, on_snapshot=lambda: loop.handle(Credit()), sent=sent)
    taken = loop.trainer.step - start
    assert abs(taken - 3.0 * pace) <= 1
    shown = {m.snapshot.step for m in _kinds(sent, SnapshotMessage)}
    assert set(range(start + 1, loop.trainer.step)) <= shown  # every step gets its frame
    assert not loop.busy or clock() >= loop._next_step  # between steps it waits (no busy loop)
    waits = loop.seconds_until_step()
    assert waits is not None and waits <= 1.0 / pace


def test_the_pace_lifted_trains_as_fast_as_it_goes():
    clock = FakeClock(tick=0.0001)
    loop, sent = _loop(max_fps=60.0, clock=clock)
    loop.handle(Commands(2, (SetPace(2.0), SetPlaying(True))))
    _run_for(loop, clock, 1.0, on_snapshot=lambda: loop.handle(Credit()), sent=sent)
    slow = loop.trainer.step
    loop.handle(Commands(3, (SetPace(None),)))
    assert loop.seconds_until_step() is None and loop.busy
    _run_for(loop, clock, 1.0, on_snapshot=lambda: loop.handle(Credit()), sent=sent)
    assert loop.trainer.step - slow > 100


def test_training_only_two_weights_is_exact_descent_in_those_two():
    from gdviz.engine import compute_gradients

    loop, sent = _loop()
    model = loop.trainer.model
    loop.handle(Commands(2, (SetTrainOnly((0, 3)),)))
    before = np.concatenate([v.value.ravel() for v in model.variables])
    feed = model.feed(loop.trainer.dataset.X, loop.trainer.dataset.one_hot())
    model.session.run(model.loss, feed)
    grads = compute_gradients(model.loss, model.variables)
    gradient = np.concatenate([grads[v].ravel() for v in model.variables])
    loop.handle(Commands(3, (TakeSteps(1),)))
    after = np.concatenate([v.value.ravel() for v in model.variables])
    moved = np.flatnonzero(after != before)
    assert set(moved) <= {0, 3} and len(moved) == 2
    np.testing.assert_allclose(after[[0, 3]], before[[0, 3]] - TUTORIAL.learning_rate * gradient[[0, 3]],
                               rtol=1e-12)
    loop.handle(Commands(4, (SetTrainOnly(None), TakeSteps(1))))
    assert np.count_nonzero(np.concatenate([v.value.ravel() for v in model.variables]) != after) > 2


def test_the_receiver_grows_curves_in_place_and_what_it_handed_out_never_changes():
    from gdviz.training.protocol import CurveBuffer
    from gdviz.training.weight_history import WeightHistory

    history, sender, buffer = WeightHistory(max_rows=8), CurveSender(), CurveBuffer()
    handed = []
    for step in range(40):
        history.append(step, np.full(3, float(step)))
        steps, rows = buffer.add(sender.history_rows(history))
        np.testing.assert_array_equal(steps, history.arrays()[0])
        np.testing.assert_array_equal(rows, history.arrays()[1])
        handed.append((steps, rows, steps.copy(), rows.copy()))
        assert not steps.flags.writeable and not rows.flags.writeable
    for steps, rows, steps_then, rows_then in handed:  # later rows went past their end
        np.testing.assert_array_equal(steps, steps_then)
        np.testing.assert_array_equal(rows, rows_then)
    sender.forget()
    assert sender.history_rows(history).start == 0  # after a command: all of it again


def _measured_at(weights, dataset, config=TUTORIAL):
    """(J, accuracy) of ``config`` on ``dataset`` at ``weights``, measured afresh."""
    from gdviz.training.trainer import Trainer

    fresh = Trainer(config, dataset, weights=[np.array(w) for w in weights])
    return fresh.loss, fresh.accuracy


@pytest.mark.parametrize("batch_size", [0, 20])  # 0: the whole set
def test_at_full_speed_a_snapshot_may_be_one_step_old_but_is_whole_and_true(batch_size):
    """At full speed the loop sends the state before the last step (the step measured its
    J and accuracy on its way): weights, loss, accuracy and curves all of that one step.
    Paused, the snapshot is the state now."""
    from dataclasses import replace

    config = replace(TUTORIAL, batch_size=batch_size)
    clock = FakeClock()
    sent = []
    loop = TrainingLoop(sent.append, 1000.0, clock=clock)
    dataset = make_dataset()
    loop.handle(Commands(1, (Start(config, dataset), SetPlaying(True))))
    _run_for(loop, clock, 0.3, on_snapshot=lambda: loop.handle(Credit()), sent=sent)
    playing = [m for m in _kinds(sent, SnapshotMessage) if m.playing]
    assert len(playing) > 20
    one_step_old = [m for m in playing if m.snapshot.step < loop.trainer.step]
    assert one_step_old  # the cheap snapshot is the one sent while training runs
    loss_curve = None
    for message in _kinds(sent, SnapshotMessage):
        loss_curve = message.loss_curve.onto(loss_curve)
        shot = message.snapshot
        assert not len(loss_curve[0]) or loss_curve[0][-1] <= shot.step  # no curve runs ahead
        if message in one_step_old[-3:]:
            loss, accuracy = _measured_at(shot.weights, dataset, config)
            assert shot.loss == pytest.approx(loss, rel=1e-9) and shot.accuracy == accuracy
    loop.handle(Commands(2, (SetPlaying(False),)))
    loop.send_snapshot_if_due()
    loop.handle(Credit())
    _run_for(loop, clock, 0.01, sent=sent)
    last = _kinds(sent, SnapshotMessage)[-1]
    assert not last.playing and last.snapshot.step == loop.trainer.step  # paused: the state now
    np.testing.assert_array_equal(last.snapshot.weights[0], loop.trainer.model.get_weights()[0])
    assert last.snapshot.loss == pytest.approx(_measured_at(last.snapshot.weights, dataset, config)[0])


def test_after_a_command_or_at_a_pace_the_snapshot_is_the_state_now():
    clock = FakeClock(tick=0.0001)
    loop, sent = _loop(max_fps=60.0, clock=clock)
    loop.handle(Commands(2, (SetPace(20.0), SetPlaying(True))))
    lagging = []

    def check():
        loop.handle(Credit())
        lagging.append(sent[-1].snapshot.step != loop.trainer.step)

    _run_for(loop, clock, 1.0, on_snapshot=check, sent=sent)
    assert len(lagging) > 10 and not any(lagging)  # at a pace, each step is shown as it is
    loop.handle(Commands(3, (SetPace(None),)))
    _run_for(loop, clock, 0.1, on_snapshot=lambda: loop.handle(Credit()), sent=sent)
    loop.handle(Commands(4, (SetPlaying(False), TakeSteps(1))))  # a step taken by a command
    loop.handle(Credit())
    _run_for(loop, clock, 0.1, sent=sent)
    assert _kinds(sent, SnapshotMessage)[-1].snapshot.step == loop.trainer.step


def test_with_momentum_or_adam_every_snapshot_is_the_state_now():
    """Their slots are the last step's, not its start's: a snapshot one step old would pair
    the weights before a step with the accumulator after it."""
    from dataclasses import replace

    for optimizer in ("momentum", "adam"):
        clock = FakeClock()
        sent = []
        loop = TrainingLoop(sent.append, 1000.0, clock=clock)
        loop.handle(Commands(1, (Start(replace(TUTORIAL, optimizer=optimizer), make_dataset()),
                                 SetPlaying(True))))
        current = []

        def check():
            loop.handle(Credit())
            message = sent[-1]
            current.append(message.snapshot.step == loop.trainer.step
                           and message.optimizer_state.iterations
                           == loop.trainer.model.optimizer.state(loop.trainer.model.variables).iterations)

        _run_for(loop, clock, 0.2, on_snapshot=check, sent=sent)
        assert len(current) > 10 and all(current), optimizer
