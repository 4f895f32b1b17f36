"""Benchmark: live training with the boundary view open (offscreen), and editing.

An MLP 2-16-16-2 on 1,000 points with a 200×200 boundary grid. Prints:

    machine_mlp_limit_steps_per_s = S   this machine's own speed (benchmarks/engine.py's
                              hand-fused MLP step): the targets hold as stated where
                              S <= 1200; on a faster machine, run with --contended
    boundary_fps = F          boundary redraws per second during training (target >= 60)
    gui_headless_ratio = R    training steps/s with the view open / headless (>= 0.85)
    event_latency_p99_ms = L  lateness of a 10 ms timer in the GUI thread, 99th percentile (<= 20)
    memory_growth_mb = M      resident memory growth over --steps (100,000) steps after the
                              measured turns (<= 20), this process and the training process together
    drag_event_ms = D         GUI-thread time of one drag event, median over a burst, the
                              main window showing 1,000 points (<= 5)
    edit_ms_100k = E          GUI-thread time of one edit (a point added), median, with
                              100,000 points (<= 50)
    VIEW_fps, VIEW_ratio      with --views landscape,neurons (the default), each view shown
                              in the main window beside the training view while training
                              plays: the boundary's redraws per second (>= 30) and training
                              steps/s over headless (>= 0.7); landscape_path_fps is how often
                              the landscape's point and path moved (>= 10)
    open_freeze_ms_100k = O   the longest the GUI thread is busy at a stretch (the largest gap
                              between ticks of a 10 ms timer, less 10 ms) while File → Open
                              reads, checks and shows a 100,000-point CSV (<= 500)

Training runs in a child process (gdviz.training.process); headless is the same
Trainer alone in this process, with the same allocator settings. The two are measured
in turns (five of each, the panel paused while headless runs), so that the machine's
drift, as large as the effect on a shared host, falls on both.
``--contended`` keeps a busy process spinning on one core for the whole measurement,
as a slow laptop's background load would.

Run: python benchmarks/live_training.py [--steps 100000] [--window 10] [--contended]
"""

from __future__ import annotations

import argparse
import os
from contextlib import contextmanager
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gdviz.training import cores  # noqa: E402
from gdviz.training.datasets import DatasetConfig, make_dataset  # noqa: E402
from gdviz.training.models import ModelConfig  # noqa: E402
from gdviz.training.trainer import Trainer  # noqa: E402
from gdviz.training.process import tune_allocator  # noqa: E402
from gdviz.ui.training.training_panel import TrainingPanel  # noqa: E402

CONFIG = ModelConfig(kind="mlp", hidden=(16, 16), activation="tanh", optimizer="gd", learning_rate=0.1)
DATASET = DatasetConfig(name="moons", n_points=1000, seed=0)
GRID_SIZE = 200
TIMER_MS = 10
HEADLESS_SECONDS = 3.0
SEGMENTS = 5  # turns of training with the view and headless (interleaved)
SETTLE_SECONDS = 0.3  # after Play, before a turn is measured
HEADLESS_SEGMENT_SECONDS = 1.5


def _rss_kb(pid) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS in /proc/{pid}/status: this benchmark needs Linux")


def _child_pids(pid) -> list:
    children = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            children += [int(c) for c in f.read().split()]
    return children


def resident_mb() -> float:
    """Resident memory of this process and its children (the training process), in MB,
    after this process has handed back what it freed (the headless turns' trainers)."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the figure includes freed memory the allocator kept
    pids, total = [os.getpid()], 0
    while pids:
        pid = pids.pop()
        try:
            total += _rss_kb(pid)
            pids += _child_pids(pid)
        except FileNotFoundError:
            pass  # ended meanwhile
    return total / 1024


def headless_steps_per_second(dataset, seconds: float = HEADLESS_SECONDS) -> float:
    # Same conditions as the training process, which tunes its allocator the same way.
    tune_allocator()
    trainer = Trainer(CONFIG, dataset)
    trainer.train(200)  # warm up
    start, steps = time.perf_counter(), trainer.step
    while time.perf_counter() - start < seconds:
        trainer.train(50)
    return (trainer.step - steps) / (time.perf_counter() - start)


def run_until(app, condition, timeout):
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the benchmark's training stalled")
        app.processEvents()
        time.sleep(0.005)  # an idle GUI thread, as in a real event loop


def play_for(app, seconds: float) -> None:
    """Run the application's events for ``seconds`` in a local event loop (quitting the
    application's own loop would shut the panel down)."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def interleaved(app, panel, dataset, seconds: float, counters=(), during=None) -> dict:
    """Training with the view and headless, in turns: SEGMENTS times, the panel plays for
    ``seconds / SEGMENTS`` (after a short settling), then pauses while the same Trainer
    runs headless here for HEADLESS_SEGMENT_SECONDS. The machine's speed drifts over a
    minute by more than the effect measured (another tenant of the host, the spinner's
    core): side by side in short turns, both rates see the same drift.

    Returns: {"gui_rate", "headless_rate", "fps", "seconds", and each of ``counters``
    (name → a function giving a count) as a rate per second while playing}. ``during``,
    a context manager factory, wraps each measured turn (the latency timer).
    """
    from contextlib import nullcontext

    step = lambda: panel.last_frame.snapshot.step if panel.last_frame is not None else 0  # noqa: E731
    counts = {"steps": step, "redraws": lambda: panel.boundary_view.redraw_count, **dict(counters)}
    totals, played, headless = dict.fromkeys(counts, 0), 0.0, []
    for _ in range(SEGMENTS):
        panel.play()
        play_for(app, SETTLE_SECONDS)
        start, t0 = {name: count() for name, count in counts.items()}, time.perf_counter()
        with (during or nullcontext)():
            play_for(app, seconds / SEGMENTS)
        played += time.perf_counter() - t0
        for name, count in counts.items():
            totals[name] += count() - start[name]
        panel.pause()  # returns once training has stopped
        # Paused, this process's threads may run on every core again (gdviz.training.cores):
        # headless is measured once they do.
        run_until(app, lambda: not cores.gui_side.held, timeout=10)
        headless.append(headless_steps_per_second(dataset, HEADLESS_SEGMENT_SECONDS))
    panel.play()
    rates = {name: total / played for name, total in totals.items()}
    return {"gui_rate": rates.pop("steps"), "fps": rates.pop("redraws"), "seconds": played,
            "headless_rate": float(np.mean(headless)), "headless": headless, **rates}


def machine_mlp_limit_steps_per_s() -> float:
    """benchmarks/engine.py's hand-fused MLP step on 1,000 points, steps per second."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from engine import machine_mlp_limit_steps_per_s as measure_machine

    return measure_machine()


def start_contention():
    """A process spinning on one core until it is killed."""
    import subprocess

    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def editing_figures(app) -> tuple:
    """(drag_event_ms at 1,000 points, edit_ms_100k): GUI-thread time per event, medians,
    in the main window, paused, each event followed by the repaint it causes."""
    import statistics

    from gdviz.session import files
    from gdviz.ui.window.main_window import MainWindow

    figures = []
    for n_points, kind in ((1000, "drag"), (100_000, "edit")):
        window = MainWindow()
        window.resize(1280, 800)
        window.show()
        dataset = make_dataset(DatasetConfig(name="moons", n_points=n_points, seed=0))
        window.apply_session(files.Session(dataset=dataset, model_config=CONFIG))
        run_until(app, lambda: window.training.last_frame is not None, timeout=120)
        view, panel, times = window.training.boundary_view, window.training, []
        for i in range(60 if kind == "drag" else 15):
            start = time.perf_counter()
            if kind == "drag":
                view.point_dragged.emit(0, 0.5 * np.sin(i / 5), 0.5 * np.cos(i / 5))
            else:
                panel._on_add_requested(0.3 + 0.001 * i, -0.2, False)
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        figures.append(statistics.median(times))
        window.training.shutdown()
        window.graph_steps.stop()
        window.deleteLater()
        app.processEvents()
    return tuple(figures)


def open_freeze_ms(app) -> float:
    """The longest GUI-thread stall while the main window opens a 100,000-point CSV."""
    import tempfile
    from pathlib import Path

    from gdviz.session import files
    from gdviz.ui.window.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.apply_session(files.Session(dataset=make_dataset(DATASET), model_config=CONFIG))
    run_until(app, lambda: window.training.last_frame is not None, timeout=120)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "points.csv"
        files.save_dataset(path, make_dataset(DatasetConfig(name="moons", n_points=100_000, seed=1)))
        opened, gaps = [], []
        window.session_files.fileOpened.connect(lambda p, ok: opened.append(ok))
        clock = QElapsedTimer()
        timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=TIMER_MS)

        def tick():
            gaps.append(max(0.0, clock.nsecsElapsed() / 1e6 - TIMER_MS))
            clock.restart()

        timer.timeout.connect(tick)
        clock.start()
        timer.start()
        window.open_file(path)
        run_until(app, lambda: bool(opened), timeout=120)
        settle = time.perf_counter() + 0.5  # the repaints the new points cause
        run_until(app, lambda: time.perf_counter() > settle, timeout=5)
        timer.stop()
        assert opened == [True] and len(window.session.dataset) == 100_000, opened
    window.training.shutdown()
    window.graph_steps.stop()
    window.session_files.reader.stop()
    window.deleteLater()
    app.processEvents()
    return max(gaps)


def view_figures(app, view: str, seconds: float, dataset) -> dict:
    """Training plays in the main window with ``view`` on screen (its tab raised) beside the
    training view: {VIEW_fps, VIEW_ratio[, landscape_path_fps]}."""
    from PySide6.QtWidgets import QDockWidget

    from gdviz.session import files
    from gdviz.ui.window.main_window import MainWindow

    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    window.apply_session(files.Session(dataset=make_dataset(DATASET), model_config=CONFIG))
    window.pace_box.set_pace(None)
    # The view in a dock of its own beside training (not a tab behind it): both on screen.
    dock = window.docks[view]
    window.removeDockWidget(dock)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    dock.show()
    window.descent.show(view) if view in window.descent.docks else window.neurons.show()
    moves = []
    if view == "landscape":
        landscape = window.descent.landscape
        original = landscape.set_weights
        landscape.set_weights = lambda *a, **k: (moves.append(1), original(*a, **k))[1]
    panel = window.training
    step = lambda: panel.last_frame.snapshot.step if panel.last_frame is not None else 0  # noqa: E731
    panel.play()
    run_until(app, lambda: step() >= 500, timeout=120)
    turns = interleaved(app, panel, dataset, seconds, counters={"moves": lambda: len(moves)})
    figures = {f"{view}_fps": turns["fps"], f"{view}_ratio": turns["gui_rate"] / turns["headless_rate"]}
    if view == "landscape":
        figures["landscape_path_fps"] = turns["moves"]
    window.shutdown()
    window.deleteLater()
    app.processEvents()
    assert isinstance(dock, QDockWidget)
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=100_000, help="steps before the second memory reading")
    parser.add_argument("--window", type=float, default=10.0, help="seconds of the fps/ratio/latency window")
    parser.add_argument("--contended", action="store_true",
                        help="keep a busy process spinning on one core throughout")
    parser.add_argument("--views", default="landscape,neurons",
                        help="comma-separated views to measure as extra runs (default: "
                             "landscape,neurons; '' for none)")
    args = parser.parse_args(argv)

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    print(f"machine_mlp_limit_steps_per_s = {machine_mlp_limit_steps_per_s():.0f}", flush=True)
    busy = start_contention() if args.contended else None
    try:
        return measure(args)
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()


def measure(args) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    dataset = make_dataset(DATASET)
    headless_steps_per_second(dataset, 1.0)  # warm up numpy and the allocator

    panel = TrainingPanel(dataset, CONFIG, grid_size=GRID_SIZE)
    panel.resize(1000, 900)
    panel.show()

    def step():
        return panel.last_frame.snapshot.step if panel.last_frame is not None else 0

    panel.play()
    run_until(app, lambda: step() >= 1000, timeout=120)

    # The measured turns: the GUI thread runs its event loop with a 10 ms timer.
    lateness = []
    clock = QElapsedTimer()
    timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=TIMER_MS)

    def tick():
        elapsed = clock.nsecsElapsed() / 1e6
        clock.restart()
        lateness.append(max(0.0, elapsed - TIMER_MS))

    timer.timeout.connect(tick)

    @contextmanager
    def timed():
        clock.start()
        timer.start()
        yield
        timer.stop()

    turns = interleaved(app, panel, dataset, args.window, during=timed)
    fps, gui_rate, headless_rate = turns["fps"], turns["gui_rate"], turns["headless_rate"]
    # Memory: from here (the headless turns' trainers have come and gone) to --steps more.
    rss_start, step_start, own_start = resident_mb(), step(), _rss_kb(os.getpid()) / 1024

    rest = QEventLoop()
    done = QTimer(interval=50)
    done.timeout.connect(lambda: rest.quit() if step() >= step_start + args.steps else None)
    done.start()
    rest.exec()
    done.stop()
    rss_end, own_end = resident_mb(), _rss_kb(os.getpid()) / 1024
    final_step = step()
    panel.shutdown()
    print(f"# {final_step:,} steps; in {SEGMENTS} turns each: steps/s with view {gui_rate:,.0f}, headless "
          f"{headless_rate:,.0f} ({', '.join(f'{h:,.0f}' for h in turns['headless'])}); "
          f"resident {rss_start:.1f} -> {rss_end:.1f} MB over {final_step - step_start:,} steps "
          f"(this process {own_start:.1f} -> {own_end:.1f})")
    print(f"boundary_fps = {fps:.1f}")
    print(f"gui_headless_ratio = {gui_rate / headless_rate:.2f}")
    print(f"event_latency_p99_ms = {np.percentile(lateness, 99):.1f}")
    print(f"memory_growth_mb = {rss_end - rss_start:.1f}")
    drag_ms, edit_ms = editing_figures(app)
    print(f"drag_event_ms = {drag_ms:.1f}")
    print(f"edit_ms_100k = {edit_ms:.1f}")
    print(f"open_freeze_ms_100k = {open_freeze_ms(app):.0f}")
    for view in filter(None, args.views.split(",")):
        for name, value in view_figures(app, view, args.window, dataset).items():
            print(f"{name} = {value:.2f}" if name.endswith("ratio") else f"{name} = {value:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
