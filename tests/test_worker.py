"""The training worker: frames as copies, coalesced, commands between steps, clean stop."""

import time

import numpy as np
import pytest
from PySide6.QtCore import QThread

from gdviz.training.datasets import DatasetConfig, data_extent, make_dataset
from gdviz.training.models import ModelConfig
from gdviz.training.protocol import SetConfig
from gdviz.ui.training.worker import MAX_FRAMES_IN_FLIGHT, TrainingWorker

MLP = ModelConfig(kind="mlp", hidden=(8,), optimizer="adam", learning_rate=0.05)


@pytest.fixture
def make_worker(qtbot):
    workers = []

    def make(config=ModelConfig(), dataset=None, **kwargs):
        dataset = dataset or make_dataset()
        worker = TrainingWorker(config, dataset, data_extent(dataset), grid_size=30, **kwargs)
        workers.append(worker)
        worker.start()
        return worker

    yield make
    for worker in workers:
        assert worker.stop()


def _collect(worker):
    frames = []

    def on_frame(frame):
        frames.append(frame)
        worker.frame_consumed()

    worker.frame_ready.connect(on_frame)
    return frames


def test_playing_trains_and_frames_carry_finite_copies(qtbot, make_worker):
    worker = make_worker(MLP, make_dataset(DatasetConfig(name="moons")))
    frames = _collect(worker)
    worker.play()
    qtbot.wait_until(lambda: bool(frames) and frames[-1].snapshot.step > 200, timeout=10_000)
    frame = frames[-1]
    assert frame.probabilities.shape == (30, 30, 2)
    assert np.all(np.isfinite(frame.probabilities))
    np.testing.assert_allclose(frame.probabilities.sum(axis=-1), 1, atol=1e-5)
    assert not frame.probabilities.flags.writeable
    assert frame.loss_curve[1][-1] < frame.loss_curve[1][0]
    assert frames[0].snapshot.weights[0] is not frame.snapshot.weights[0]


def test_frames_coalesce_many_steps_when_training_outruns_the_display(qtbot, make_worker):
    # The pacing itself (at most max_fps a second) is tested on a driven clock in
    # test_training_process.py; here: the worker passes its rate on, and a frame
    # carries the newest state, not every step.
    worker = make_worker(MLP, max_fps=4)
    frames = _collect(worker)
    worker.play()
    qtbot.wait_until(lambda: len(frames) >= 3, timeout=10_000)
    worker.pause()
    steps = [f.snapshot.step for f in frames]
    assert steps[-1] - steps[0] > len(steps)  # a quarter of a second holds many steps
def test_flooding_worker_does_not_grow_the_event_queue(qtbot, make_worker):
    worker = make_worker(MLP, max_fps=100_000)
    frames = []
    worker.frame_ready.connect(frames.append)  # never acknowledged: a GUI that cannot keep up
    worker.play()
    # The GUI thread is busy (no events processed) until the worker has as many frames
    # in flight as it allows; then training goes on for a while and nothing more is sent.
    for _ in range(1000):
        if worker.frames_in_flight >= MAX_FRAMES_IN_FLIGHT:
            break
        time.sleep(0.01)
    assert worker.frames_in_flight == MAX_FRAMES_IN_FLIGHT
    assert worker.sync(timeout=10)
    qtbot.wait_until(lambda: len(frames) == MAX_FRAMES_IN_FLIGHT, timeout=5000)
    assert worker.sync(timeout=10) and worker.frames_in_flight == MAX_FRAMES_IN_FLIGHT
    assert 1 <= len(frames) <= MAX_FRAMES_IN_FLIGHT
    steps = frames[-1].snapshot.step
    for _ in frames:
        worker.frame_consumed()
    qtbot.wait_until(lambda: len(frames) > MAX_FRAMES_IN_FLIGHT, timeout=5000)
    assert frames[-1].snapshot.step > steps  # the next frame is the newest state


def test_step_once_pause_and_state(qtbot, make_worker):
    worker = make_worker()
    frames = _collect(worker)
    assert worker.sync()
    for _ in range(3):
        worker.step_once()
    assert worker.sync()
    qtbot.wait_until(lambda: bool(frames) and frames[-1].snapshot.step == 3, timeout=5000)
    state = worker.state()
    assert state.step == 3 and not frames[-1].playing
    worker.play()
    qtbot.wait(100)
    assert worker.pause()
    a = worker.state()
    qtbot.wait(100)
    b = worker.state()
    assert a.step == b.step > 3  # paused means paused
    np.testing.assert_array_equal(a.weights[0], b.weights[0])


def test_learning_rate_keeps_going_model_change_resets(qtbot, make_worker):
    worker = make_worker()
    for _ in range(5):
        worker.step_once()
    worker.set_model_config(ModelConfig(learning_rate=0.01))
    assert worker.sync() and worker.state().step == 5
    worker.set_model_config(MLP)
    assert worker.sync() and worker.state().step == 0


def test_divergence_is_signalled_once_and_training_pauses(qtbot, make_worker):
    worker = make_worker(ModelConfig(reduction="sum", learning_rate=100.0))
    frames = _collect(worker)
    with qtbot.waitSignal(worker.diverged, timeout=5000) as blocker:
        worker.play()
    step, message = blocker.args
    assert "stopped at step" in message and "p reached 0" in message and "learning rate" in message
    qtbot.wait_until(lambda: bool(frames) and frames[-1].snapshot.diverged_at == step, timeout=5000)
    assert not frames[-1].playing
    assert all(np.all(np.isfinite(f.probabilities)) for f in frames)
    assert frames[-1].snapshot.loss is not None and np.isfinite(frames[-1].snapshot.loss)


def test_an_exception_in_the_worker_is_reported_and_it_survives(qtbot, make_worker):
    worker = make_worker()
    bad = ModelConfig(kind="mlp", hidden=(4,))
    object.__setattr__(bad, "hidden", (0,))  # slips past set_model_config's check
    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker._post(SetConfig(bad))
    assert "hidden layer widths" in blocker.args[0]
    frames = _collect(worker)
    worker.set_model_config(ModelConfig())
    worker.step_once()
    qtbot.wait_until(lambda: bool(frames) and frames[-1].snapshot.step == 1, timeout=5000)


def test_stop_during_training_is_quick(qtbot, make_worker):
    worker = make_worker(MLP, make_dataset(DatasetConfig(n_points=1000)))
    worker.play()
    qtbot.wait_until(lambda: (worker.state() or 0) and worker.state().step > 0, timeout=10_000)
    assert worker.stop()  # True: the threads and the process ended within STOP_TIMEOUT_MS
    assert not worker.isRunning()


def test_frames_arrive_in_the_gui_thread(qtbot, make_worker):
    worker = make_worker()
    threads = []
    worker.frame_ready.connect(lambda frame: threads.append(QThread.currentThread()))
    worker.step_once()
    qtbot.wait_until(lambda: bool(threads), timeout=5000)
    assert all(t == qtbot_thread() for t in threads)


def qtbot_thread():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_a_training_process_that_dies_is_reported_and_replaced(qtbot, make_worker):
    import os
    import signal

    worker = make_worker()
    for _ in range(4):
        worker.step_once()
    assert worker.sync()
    weights = worker.state().weights
    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        os.kill(worker.process_id, signal.SIGKILL)
    assert "ended unexpectedly (killed by SIGKILL)" in blocker.args[0]
    assert "restarted from step 4" in blocker.args[0]
    frames = _collect(worker)
    worker.step_once()
    assert worker.sync(timeout=10)
    qtbot.wait_until(lambda: bool(frames) and frames[-1].snapshot.step == 5, timeout=10_000)
    assert worker.state().step == 5 and worker.state().weights[0].shape == weights[0].shape
