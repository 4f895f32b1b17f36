"""Training on a core of its own while it plays (gdviz.training.cores): the split, the GUI's
threads kept off the training core and let go again, the training process freeing itself
when something else holds its core, and the app doing all of it while training plays."""

from __future__ import annotations

import os
import threading

import pytest

from gdviz.training import cores
from gdviz.training.cores import ALL_CPUS_ENV, CorePlan, ShareWatch

linux_two_cores = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
    reason="needs os.sched_setaffinity and two cores")


def test_the_plan_gives_training_the_last_core_and_the_gui_the_rest():
    plan = CorePlan({0, 1, 2, 3})
    assert plan.training == {3} and plan.gui == {0, 1, 2} and plan.all == {0, 1, 2, 3}
    assert plan.environment() == {ALL_CPUS_ENV: "0,1,2,3"}
    one = CorePlan({5})
    assert not one.splits and one.environment() == {} and not one.pin_training_process(os.getpid())


def test_pinning_can_be_turned_off(monkeypatch):
    monkeypatch.setenv(cores.PINNING_ENV, "0")
    assert not CorePlan().splits


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_training_process_frees_itself_when_it_gets_too_little_of_its_core(monkeypatch):
    wall, cpu = Clock(), Clock()
    freed_to = []
    monkeypatch.setattr(os, "sched_setaffinity", lambda pid, cpus: freed_to.append((pid, set(cpus))),
                        raising=False)
    watch = ShareWatch(clock=wall, cpu_clock=cpu, environ={ALL_CPUS_ENV: "0,1"})
    for _ in range(10):  # busy with its core to itself: it stays
        watch.busy(True)
        wall.now += 0.5
        cpu.now += 0.49
    watch.busy(False)  # paused: idle time is no lost share
    wall.now += 30
    assert not watch.freed
    for _ in range(10):  # another program took half its core
        watch.busy(True)
        wall.now += 0.5
        cpu.now += 0.2
    assert watch.freed and freed_to == [(0, {0, 1})]
    quiet = ShareWatch(clock=wall, cpu_clock=cpu, environ={})  # never pinned: never frees
    for _ in range(10):
        quiet.busy(True)
        wall.now += 1.0
    assert not quiet.freed


def _affinity(tid):
    return set(os.sched_getaffinity(tid))


@linux_two_cores
def test_while_held_every_thread_keeps_off_the_training_core_and_is_let_go_after():
    plan = CorePlan()
    started, stop = threading.Event(), threading.Event()
    tids = []

    def sleeper():
        tids.append(threading.get_native_id())
        started.set()
        stop.wait()

    thread = threading.Thread(target=sleeper, daemon=True)
    thread.start()  # a thread that was there before the hold
    started.wait()
    holder_a, holder_b = object(), object()
    try:
        cores.gui_off_training_core(holder_a, plan, True)
        cores.gui_off_training_core(holder_b, plan, True)
        assert _affinity(0) == plan.gui and _affinity(tids[0]) == plan.gui
        cores.gui_off_training_core(holder_a, plan, False)
        assert _affinity(tids[0]) == plan.gui  # another view still plays
        cores.gui_off_training_core(holder_b, plan, False)
        assert _affinity(0) == plan.all and _affinity(tids[0]) == plan.all
    finally:
        for holder in (holder_a, holder_b):
            cores.gui_off_training_core(holder, plan, False)
        stop.set()


@linux_two_cores
def test_the_app_trains_on_a_core_of_its_own_while_it_plays(qtbot):
    from gdviz.training.datasets import make_dataset
    from gdviz.training.models import ModelConfig
    from gdviz.ui.training.training_panel import TrainingPanel

    panel = TrainingPanel(make_dataset(), ModelConfig())
    qtbot.addWidget(panel)
    try:
        panel.play()
        qtbot.waitUntil(lambda: panel.worker.process_id is not None and cores.gui_side.held, timeout=15000)
        plan = CorePlan()
        assert _affinity(panel.worker.process_id) == plan.training
        assert all(_affinity(int(tid)) == plan.gui for tid in os.listdir("/proc/self/task"))
        panel.pause()
        qtbot.waitUntil(lambda: not cores.gui_side.held, timeout=15000)
        assert _affinity(0) == plan.all
    finally:
        panel.shutdown()
    assert not cores.gui_side.held


@linux_two_cores
def test_a_script_started_while_training_plays_gets_every_core(tmp_path):
    from gdviz.scripts.runner import ScriptRun

    script = tmp_path / "slow.py"
    script.write_text("import time\ntime.sleep(30)\n")
    plan, holder = CorePlan(), object()
    cores.gui_off_training_core(holder, plan, True)
    try:
        run = ScriptRun(script).start()  # started by a thread that keeps off the training core
        try:
            assert _affinity(0) == plan.gui and _affinity(run._process.pid) == plan.all
        finally:
            run.stop()
    finally:
        cores.gui_off_training_core(holder, plan, False)
