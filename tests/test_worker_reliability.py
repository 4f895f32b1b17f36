"""The training worker when the training process misbehaves: frozen, flooded, killed, or
unable to start. The GUI never waits on it, stop() always ends it, and training resumes."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gdviz.training import process_handle as process  # the parent's end starts the child
from gdviz.training.datasets import Dataset, data_extent, make_dataset
from gdviz.training.models import ModelConfig
from gdviz.ui.training.worker import MAX_BATCHES_IN_FLIGHT, MAX_RESTARTS, TrainingWorker

ROOT = Path(__file__).resolve().parents[1]
MLP = ModelConfig(kind="mlp", hidden=(8,), optimizer="adam", learning_rate=0.05)
BIG_POINTS = 400_000  # X, labels and split of one such dataset pickle to about 10 MB


@pytest.fixture
def make_worker(qtbot):
    workers = []

    def make(config=ModelConfig(), dataset=None, start=True):
        dataset = dataset or make_dataset()
        worker = TrainingWorker(config, dataset, data_extent(dataset), grid_size=30)
        workers.append(worker)
        if start:
            worker.start()
        return worker

    yield make
    for worker in workers:
        assert worker.stop()


def _big_dataset(seed):
    rng = np.random.default_rng(seed)
    return Dataset(rng.normal(size=(BIG_POINTS, 2)), rng.integers(0, 2, BIG_POINTS))


def _is_gone(pid) -> bool:
    """True once ``pid`` has ended and been reaped (the worker reaps its training process)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _collect(worker):
    frames = []

    def on_frame(frame):
        frames.append(frame)
        worker.frame_consumed()

    worker.frame_ready.connect(on_frame)
    return frames


def _next_process(qtbot, worker, old_pid):
    """Wait for the training process that replaces ``old_pid``; returns its pid."""
    qtbot.wait_until(lambda: worker.process_id not in (None, old_pid), timeout=10_000)
    return worker.process_id


# **** a frozen training process ****


def test_stop_ends_a_frozen_training_process_with_megabytes_of_commands_queued(qtbot, make_worker):
    worker = make_worker()
    assert worker.sync()
    pid = worker.process_id
    os.kill(pid, signal.SIGSTOP)
    try:
        # Each batch carries a 10 MB dataset: more than the socket holds, so the worker
        # has bytes it cannot send. It keeps them, and later datasets wait in the hand-off.
        for batches in range(1, MAX_BATCHES_IN_FLIGHT + 1):
            worker.set_dataset(_big_dataset(batches))
            qtbot.wait_until(lambda: worker.commands_in_flight == batches, timeout=10_000)
        worker.set_dataset(_big_dataset(10))
        worker.set_dataset(_big_dataset(11))
        assert not worker.sync(timeout=0)  # the GUI asks and gets an answer: nothing applied yet
        assert worker.stop()
        assert not worker.isRunning() and _is_gone(pid)
    finally:
        if not _is_gone(pid):
            os.kill(pid, signal.SIGKILL)


def test_a_plain_stop_leaves_no_frozen_training_process_behind(qtbot, make_worker):
    worker = make_worker()
    assert worker.sync()
    pid = worker.process_id
    os.kill(pid, signal.SIGSTOP)
    assert worker.stop()
    assert _is_gone(pid)


def test_a_drag_while_the_training_process_is_frozen_ends_on_the_newest_dataset(qtbot, make_worker):
    worker = make_worker()
    assert worker.sync()
    pid = worker.process_id
    os.kill(pid, signal.SIGSTOP)
    dataset = make_dataset()
    for i in range(200):  # a drag: one dataset per mouse move
        dataset = dataset.with_point_moved(0, 0.01 * i, 0.5)
        worker.set_dataset(dataset)
    assert worker.commands_in_flight <= MAX_BATCHES_IN_FLIGHT
    os.kill(pid, signal.SIGCONT)
    assert worker.sync(timeout=10)
    assert worker.state().dataset.X[0, 0] == pytest.approx(0.01 * 199)


def test_quitting_the_window_with_a_frozen_flooded_training_process_exits_cleanly(tmp_path):
    script = (
        "import os, signal, sys, numpy as np\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMessageBox\n"
        "QMessageBox.question = lambda *a, **k: QMessageBox.Discard\n"
        "from gdviz import app as gdviz_app\n"
        "from gdviz.training.datasets import Dataset\n"
        "app = QApplication([])\n"
        "def go():\n"
        "    w = next(w for w in app.topLevelWidgets() if w.objectName() == 'mainWindow')\n"
        "    worker = w.training.worker\n"
        "    assert worker.sync(timeout=30)\n"
        "    print(worker.process_id, flush=True)\n"
        "    os.kill(worker.process_id, signal.SIGSTOP)\n"
        f"    for seed in range(4):\n"
        f"        rng = np.random.default_rng(seed)\n"
        f"        worker.set_dataset(Dataset(rng.normal(size=({BIG_POINTS}, 2)), rng.integers(0, 2, {BIG_POINTS})))\n"
        "        worker.step_once()  # keeps the datasets apart: each goes in a batch of its own\n"
        "    def quit_when_flooded():\n"
        f"        if worker.commands_in_flight < {MAX_BATCHES_IN_FLIGHT}:\n"
        "            QTimer.singleShot(20, quit_when_flooded)\n"
        "        else:\n"
        "            w.close()  # what File > Quit does\n"
        "    quit_when_flooded()\n"
        "QTimer.singleShot(0, go)\n"
        "sys.exit(gdviz_app.main([]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDVIZ_SETTINGS=str(tmp_path / "s.ini"))
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                            timeout=120, cwd=ROOT)  # the timeout only guards against a hang
    assert result.returncode == 0, result.stderr
    assert "QThread: Destroyed while thread is still running" not in result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert _is_gone(int(result.stdout.split()[0]))


# **** a killed training process ****


def test_a_training_process_killed_while_playing_is_replaced_and_keeps_playing(qtbot, make_worker, capfd):
    worker = make_worker(MLP)
    frames = _collect(worker)
    worker.play()
    qtbot.wait_until(lambda: bool(frames) and frames[-1].snapshot.step > 20, timeout=10_000)
    pid = worker.process_id
    with qtbot.waitSignal(worker.failed, timeout=10_000) as blocker:
        os.kill(pid, signal.SIGKILL)
    assert "killed by SIGKILL" in blocker.args[0] and "still training" in blocker.args[0]
    _next_process(qtbot, worker, pid)
    before = len(frames)
    qtbot.wait_until(lambda: len(frames) >= before + 3, timeout=10_000)
    after = frames[before:]
    assert all(f.playing for f in after)
    assert [f.snapshot.step for f in after] == sorted({f.snapshot.step for f in after})  # increasing
    assert worker.state().playing
    assert "BrokenPipeError" not in capfd.readouterr().err


def test_a_replacement_killed_before_it_answers_is_replaced_too(qtbot, make_worker, capfd):
    worker = make_worker()
    for _ in range(4):
        worker.step_once()
    assert worker.sync()
    first = worker.process_id
    os.kill(first, signal.SIGKILL)
    second = _next_process(qtbot, worker, first)
    os.kill(second, signal.SIGKILL)  # still importing numpy: it has not said a word
    _next_process(qtbot, worker, second)
    frames = _collect(worker)
    worker.step_once()
    assert worker.sync(timeout=10)
    qtbot.wait_until(lambda: bool(frames) and frames[-1].snapshot.step == 5, timeout=10_000)
    err = capfd.readouterr().err
    assert "BrokenPipeError" not in err and "Traceback" not in err


def test_a_training_process_that_keeps_dying_is_given_up_with_a_clear_message(qtbot, make_worker):
    worker = make_worker()
    assert worker.sync()
    messages = []
    worker.failed.connect(messages.append)
    pid = worker.process_id
    for restart in range(MAX_RESTARTS + 1):
        os.kill(pid, signal.SIGKILL)
        if restart < MAX_RESTARTS:
            pid = _next_process(qtbot, worker, pid)
    qtbot.wait_until(lambda: not worker.isRunning(), timeout=10_000)
    assert sum("restarted" in m for m in messages) == MAX_RESTARTS
    assert "stopped restarting it" in messages[-1] and "killed by SIGKILL" in messages[-1]
    assert worker.process_id is None and _is_gone(pid)


def test_a_training_process_that_cannot_start_is_reported_with_its_exit_code_and_error(
        qtbot, make_worker, monkeypatch):
    # As if numpy were missing: the child writes its error and exits 3 before it answers.
    monkeypatch.setattr(process, "CHILD_COMMAND", (
        "-c", "import sys; sys.stderr.write('ModuleNotFoundError: No module named numpy\\n'); sys.exit(3)"))
    worker = make_worker(start=False)
    with qtbot.waitSignal(worker.failed, timeout=10_000) as blocker:
        worker.start()
    message = blocker.args[0]
    assert "could not start" in message and "exit code 3" in message
    assert "No module named numpy" in message
    qtbot.wait_until(lambda: not worker.isRunning(), timeout=10_000)  # not restarted in a loop
    assert not worker.sync()
