"""Cycles are collected in the GUI thread only: a widget destroyed by the cycle collector
in a worker thread deadlocked the GUI (Qt's destructor waited for the GIL while holding
a lock the GUI thread, holding the GIL, waited for)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget

from gdviz.ui import gui_gc
from gdviz.ui.newest_job import NewestJobThread


class Cycle:
    """A reference cycle that records the thread that finally frees it."""

    freed_in: list = []

    def __init__(self):
        self.me = self

    def __del__(self):
        Cycle.freed_in.append(threading.current_thread().name)


class Allocator(NewestJobThread):
    def work(self, job):
        job()


def test_a_worker_thread_that_allocates_never_collects_a_cycle(qtbot):
    widget = QWidget()  # an owner of a worker thread installs the collector, as the app's do
    allocator = Allocator("test-allocator")
    try:
        assert gui_gc.ensure() is gui_gc.ensure()
        done = threading.Event()
        Cycle.freed_in.clear()
        gc.collect()  # from an empty youngest generation: nothing here fills it
        for _ in range(50):
            Cycle()  # garbage, reachable only from itself

        def allocate():
            junk = [[i] for i in range(200_000)]  # far past every generation's threshold
            del junk
            done.set()

        allocator.submit(lambda serial: allocate)
        qtbot.waitUntil(done.is_set, timeout=10000)
        assert "test-allocator" not in Cycle.freed_in
        qtbot.waitUntil(lambda: len(Cycle.freed_in) == 50, timeout=5000)  # the GUI's timer
        assert set(Cycle.freed_in) == {threading.main_thread().name}
    finally:
        allocator.stop()
        widget.deleteLater()


def test_the_collector_collects_young_then_older_generations(qapp):
    collector = gui_gc.ensure(qapp)
    gc.collect()
    assert collector.collect_due() == 0  # nothing new: nothing done
    Cycle.freed_in.clear()
    Cycle()
    assert collector.collect_due() > 0 and Cycle.freed_in  # one cycle is enough
    for _ in range(collector.thresholds[1]):
        Cycle()
        collector.collect_due()
    assert gc.get_count()[1] < collector.thresholds[1]  # the middle generation's turn came
