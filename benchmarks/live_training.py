"""Benchmark: live training with the boundary view open (offscreen).

An MLP 2-16-16-2 on 1,000 points with a 200×200 boundary grid. Prints:

    boundary_fps = F          boundary redraws per second during training (target >= 60)
    gui_headless_ratio = R    training steps/s with the view open / headless (target >= 0.7)
    event_latency_p99_ms = L  lateness of a 10 ms timer in the GUI thread, 99th percentile (<= 30)
    memory_growth_mb = M      resident memory after 100,000 steps minus after 1,000 (<= 20),
                              this process and the training process together

Training runs in a child process (gdviz.training.process); headless is the same
Trainer alone in this process, with the same allocator settings, before and after.

Run: python benchmarks/live_training.py [--steps 100000] [--window 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

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
    """Resident memory of this process and its children (the training process), in MB."""
    pids, total = [os.getpid()], 0
    while pids:
        pid = pids.pop()
        try:
            total += _rss_kb(pid)
            pids += _child_pids(pid)
        except FileNotFoundError:
            pass  # ended meanwhile
    return total / 1024


def headless_steps_per_second(dataset) -> float:
    # Same conditions as the training process, which tunes its allocator the same way.
    tune_allocator()
    trainer = Trainer(CONFIG, dataset)
    trainer.train(200)  # warm up
    start, steps = time.perf_counter(), trainer.step
    while time.perf_counter() - start < HEADLESS_SECONDS:
        trainer.train(50)
    return (trainer.step - steps) / (time.perf_counter() - start)


def run_until(app, condition, timeout):
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the benchmark's training stalled")
        app.processEvents()
        time.sleep(0.005)  # an idle GUI thread, as in a real event loop


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=100_000, help="steps before the second memory reading")
    parser.add_argument("--window", type=float, default=10.0, help="seconds of the fps/ratio/latency window")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv)
    dataset = make_dataset(DATASET)
    headless = [headless_steps_per_second(dataset)]

    panel = TrainingPanel(dataset, CONFIG, grid_size=GRID_SIZE)
    panel.resize(1000, 900)
    panel.show()

    def step():
        return panel.last_frame.snapshot.step if panel.last_frame is not None else 0

    panel.play()
    run_until(app, lambda: step() >= 1000, timeout=120)
    rss_1000 = resident_mb()

    # The measured window: the GUI thread runs its event loop with a 10 ms timer.
    lateness = []
    clock = QElapsedTimer()
    timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=TIMER_MS)

    def tick():
        elapsed = clock.nsecsElapsed() / 1e6
        clock.restart()
        lateness.append(max(0.0, elapsed - TIMER_MS))

    timer.timeout.connect(tick)
    redraws_0, step_0, t0 = panel.boundary_view.redraw_count, step(), time.perf_counter()
    clock.start()
    timer.start()
    # Local event loops: quitting the application's own loop would shut the panel down.
    window = QEventLoop()
    QTimer.singleShot(int(args.window * 1000), window.quit)
    window.exec()
    timer.stop()
    seconds = time.perf_counter() - t0
    fps = (panel.boundary_view.redraw_count - redraws_0) / seconds
    gui_rate = (step() - step_0) / seconds

    rest = QEventLoop()
    done = QTimer(interval=50)
    done.timeout.connect(lambda: rest.quit() if step() >= args.steps else None)
    done.start()
    rest.exec()
    done.stop()
    rss_end = resident_mb()
    final_step = step()
    panel.shutdown()
    headless.append(headless_steps_per_second(dataset))

    headless_rate = float(np.mean(headless))
    print(f"# {final_step:,} steps; steps/s with view {gui_rate:,.0f}, headless {headless_rate:,.0f} "
          f"({', '.join(f'{h:,.0f}' for h in headless)}); resident {rss_1000:.1f} -> {rss_end:.1f} MB")
    print(f"boundary_fps = {fps:.1f}")
    print(f"gui_headless_ratio = {gui_rate / headless_rate:.2f}")
    print(f"event_latency_p99_ms = {np.percentile(lateness, 99):.1f}")
    print(f"memory_growth_mb = {rss_end - rss_1000:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
