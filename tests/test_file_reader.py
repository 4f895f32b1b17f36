"""File → Open reads off the GUI thread: the window draws on, the newest file wins, closing is clean."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import QThread

from _window import dialogs, open_through, window  # noqa: F401 (fixtures)
from gdviz.session import files
from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.ui.window import file_reader


def _csv(tmp_path, name, n, seed=0):
    path = tmp_path / name
    files.save_dataset(path, make_dataset(DatasetConfig(name="moons", n_points=n, seed=seed)))
    return path


def test_a_file_is_read_off_the_gui_thread(window, qtbot, tmp_path, monkeypatch):
    readers = []
    real = file_reader.read_file
    monkeypatch.setattr(file_reader, "read_file", lambda p: readers.append(threading.current_thread()) or real(p))
    path = _csv(tmp_path, "big.csv", 20_000)
    assert open_through(qtbot, window, lambda: window.open_file(path))
    assert readers and readers[0] is not threading.main_thread()
    assert QThread.currentThread() is window.thread()  # applied in the GUI thread
    assert len(window.session.dataset) == 20_000 and window.session.origin == "big.csv"


def test_the_window_keeps_drawing_while_a_file_is_read(window, qtbot, tmp_path, monkeypatch):
    release = threading.Event()
    real = file_reader.read_file
    monkeypatch.setattr(file_reader, "read_file", lambda p: release.wait(10) and real(p))
    path = _csv(tmp_path, "slow.csv", 50)
    window.open_file(path)
    ticks = []
    from PySide6.QtCore import QTimer
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)  # the event loop runs on
    assert "Opening slow.csv" in window.statusBar().currentMessage()
    assert window.session.origin != "slow.csv"
    with qtbot.waitSignal(window.session_files.fileOpened, timeout=10000):
        release.set()
    timer.stop()
    assert window.session.origin == "slow.csv"


def test_only_the_newest_of_two_opens_is_applied(window, qtbot, tmp_path, monkeypatch):
    first_started, release = threading.Event(), threading.Event()
    real = file_reader.read_file

    def slow_first(p):
        if p.name == "first.csv":
            first_started.set()
            release.wait(10)
        return real(p)

    monkeypatch.setattr(file_reader, "read_file", slow_first)
    first, second = _csv(tmp_path, "first.csv", 40, seed=1), _csv(tmp_path, "second.csv", 60, seed=2)
    opened = []
    window.session_files.fileOpened.connect(lambda p, ok: opened.append(p.name))
    window.open_file(first)
    assert first_started.wait(5)
    window.open_file(second)
    release.set()
    qtbot.waitUntil(lambda: "second.csv" in opened, timeout=10000)
    # One thread reads both in turn: the first file's result was delivered (and dropped) before.
    assert opened == ["second.csv"]
    assert window.session.origin == "second.csv" and len(window.session.dataset) == 60


def test_a_refused_file_read_off_the_thread_changes_nothing(window, qtbot, dialogs, tmp_path):
    before = window.session.dataset
    bad = tmp_path / "broken.csv"
    bad.write_text("x,y,label\n1,2,0\n3,oops,1\n")
    assert not open_through(qtbot, window, lambda: window.open_file(bad))
    assert "Refused broken.csv" in window.warning_label.text() and "line 3" in window.warning_label.text()
    assert window.session.dataset is before and "warning" in dialogs["calls"]


def test_closing_the_window_while_a_file_is_read_is_clean(window, qtbot, tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real = file_reader.read_file
    monkeypatch.setattr(file_reader, "read_file", lambda p: started.set() or release.wait(10) and real(p))
    window.open_file(_csv(tmp_path, "late.csv", 30))
    assert started.wait(5)
    threading.Timer(0.05, release.set).start()
    window.close()
    assert not window.session_files.reader._thread.is_alive()
    assert window.session.origin != "late.csv"


def test_a_large_well_formed_csv_reads_exactly(tmp_path):
    dataset = make_dataset(DatasetConfig(name="moons", n_points=30_000, seed=3))
    path = tmp_path / "exact.csv"
    files.save_dataset(path, dataset)
    loaded = files.load_dataset(path)
    assert np.array_equal(loaded.X, dataset.X) and np.array_equal(loaded.labels, dataset.labels)
