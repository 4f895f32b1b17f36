"""A core of its own for training while it plays (Qt-free; Linux, elsewhere nothing happens).

On a two-core machine the GUI's threads (painting, the worker, the boundary grid) wake
60 times a second, and the scheduler runs them wherever a core is free for a moment:
often on the training process's core, which then loses its caches as well as the time.
Measured with a busy process on one core (``benchmarks/live_training.py --contended``):
training with the view open ran at 0.79 of headless however little the GUI did; with the
training process on one core and the GUI's threads on the others, at 0.91-0.95, at the
same 60 frames a second. The scheduler then puts other work on the GUI's side.

``CorePlan`` makes the split: the training process gets the last core this process may
use, and while any view plays training at full speed (``gui_off_training_core``) every
thread of this process keeps to the other cores; paused, everything may run anywhere
again (a paused app's own work, a landscape or a script, has every core). With fewer
than two cores, or without ``os.sched_setaffinity`` (not Linux), nothing is pinned.

The training process watches its own share of its core (``ShareWatch``): if something
else holds that core (another program pinned there), it frees itself to run anywhere.
"""

from __future__ import annotations

import os
import threading
import time

ALL_CPUS_ENV = "GDVIZ_ALL_CPUS"  # the training process's cores before it was pinned
PINNING_ENV = "GDVIZ_PIN_TRAINING"  # "0": never pin (for comparing, and a way out)
MIN_SHARE = 0.6  # below this share of its core while busy, the training process unpins
SHARE_WINDOW_S = 2.0


def _can_pin() -> bool:
    return hasattr(os, "sched_setaffinity") and os.environ.get(PINNING_ENV, "1") != "0"


class CorePlan:
    """Which cores training gets and which the GUI keeps to (None: no split)."""

    def __init__(self, cpus=None):
        if cpus is None and _can_pin():
            cpus = gui_side.all_cpus()  # this process's own, even while it keeps off one
        cpus = set(cpus or ())
        self.all = frozenset(cpus)
        if len(cpus) >= 2:
            self.training = frozenset({max(cpus)})
            self.gui = frozenset(cpus - self.training)
        else:
            self.training = self.gui = None

    @property
    def splits(self) -> bool:
        return self.training is not None

    def pin_training_process(self, pid: int) -> bool:
        """Put process ``pid`` (one thread) on the training core; True if done."""
        if not self.splits:
            return False
        try:
            os.sched_setaffinity(pid, self.training)
        except OSError:  # gone, or not ours to move: it runs where the scheduler says
            return False
        return True

    def environment(self) -> dict:
        """What the training process needs to know to free itself again."""
        return {ALL_CPUS_ENV: ",".join(map(str, sorted(self.all)))} if self.splits else {}


def _set_threads(cpus) -> None:
    """Every thread of this process (and the threads they start later) on ``cpus``."""
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        tids = ["0"]
    for tid in tids:
        try:
            os.sched_setaffinity(int(tid), cpus)
        except OSError:
            pass  # a thread that ended meanwhile


class _GuiSide:
    """Counts the views playing at full speed; the threads keep off the training core while
    any does. Thread-safe: the training workers call it from their own threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._holders = set()
        self._plan = None

    def hold(self, holder, plan: CorePlan) -> None:
        with self._lock:
            if not plan.splits or holder in self._holders:
                return
            self._holders.add(holder)
            if len(self._holders) == 1:
                self._plan = plan
                _set_threads(plan.gui)

    def release(self, holder) -> None:
        with self._lock:
            if holder not in self._holders:
                return
            self._holders.discard(holder)
            if not self._holders and self._plan is not None:
                _set_threads(self._plan.all)
                self._plan = None

    def all_cpus(self) -> set:
        """The cores this process may use when nothing is held."""
        with self._lock:
            return set(self._plan.all if self._plan is not None else os.sched_getaffinity(0))

    @property
    def held(self) -> bool:
        with self._lock:
            return bool(self._holders)


gui_side = _GuiSide()


def give_all_cores(pid: int) -> None:
    """Let process ``pid``, started by this one, run on every core this process may use:
    a child inherits the cores of the thread that started it, which keeps off the
    training core while training plays (a learner's script would keep to one core)."""
    if not _can_pin():
        return
    try:
        os.sched_setaffinity(pid, gui_side.all_cpus())
    except OSError:
        pass  # ended already: nothing to give


def gui_off_training_core(holder, plan: CorePlan, playing: bool) -> None:
    """``holder`` (a training worker) plays at full speed (``playing``) or not: while any
    does, this process's threads run on ``plan.gui`` only."""
    if playing:
        gui_side.hold(holder, plan)
    else:
        gui_side.release(holder)


class ShareWatch:
    """In the training process: frees it from its core if it gets less than MIN_SHARE of
    it while busy (something else was put there). ``busy()`` is called between chunks."""

    def __init__(self, clock=time.monotonic, cpu_clock=time.process_time, environ=os.environ):
        cpus = environ.get(ALL_CPUS_ENV, "")
        self._all = {int(c) for c in cpus.split(",") if c.strip()} if cpus else None
        self._clock, self._cpu_clock = clock, cpu_clock
        self._mark = None
        self.freed = False

    def busy(self, is_busy: bool) -> None:
        if self._all is None or self.freed:
            return
        if not is_busy:
            self._mark = None  # idle time is not a lost share
            return
        now, cpu = self._clock(), self._cpu_clock()
        if self._mark is None:
            self._mark = (now, cpu)
            return
        wall = now - self._mark[0]
        if wall < SHARE_WINDOW_S:
            return
        share = (cpu - self._mark[1]) / wall
        self._mark = (now, cpu)
        if share < MIN_SHARE:
            self.freed = True
            if hasattr(os, "sched_setaffinity"):
                try:
                    os.sched_setaffinity(0, self._all)
                except OSError:
                    pass
