"""Benchmark: the loss landscape's surfaces, computed exactly as the view's thread computes them.

An MLP 2-16-16-2 (tanh, mean cross-entropy) on 1,000 points, trained 300 steps so that
the path has a shape. Prints ``name = value`` lines:

    machine_mlp_limit_steps_per_s = S  this machine's own speed (benchmarks/engine.py's
                                       hand-fused MLP step, as benchmarks/live_training.py
                                       measures it)
    surface_two_ms_64 = T              a new 64×64 two-parameter surface (weights of the
                                       first layer: the whole network per node), median
    surface_plane_ms_64 = P            a new 64×64 surface on the path's principal plane
                                       (every weight moves), median
    surface_ms_64 = M                  the larger of the two (target <= 1000)
    line_ms_200 = L                    the 200-point profile along the gradient, median
    set_weights_ms = W                 GUI-thread time of LandscapeView.set_weights, median
                                       (target well under 5)
    path_fps = F                       the landscape's point and path moved per second while
                                       training plays in the app (target >= 10)

Each surface is a SurfaceRequest run through SurfaceThread._compute (contours
included), in this thread, with one BLAS thread as the app's threads use.

Run: python benchmarks/landscape.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gdviz.landscape.batched import flatten  # noqa: E402
from gdviz.training.datasets import DatasetConfig, make_dataset  # noqa: E402
from gdviz.training.models import ModelConfig  # noqa: E402
from gdviz.training.trainer import Trainer  # noqa: E402
from gdviz.ui.landscape.landscape_view import LandscapeView  # noqa: E402
from gdviz.ui.landscape.surface_thread import Problem, SurfaceRequest, SurfaceThread  # noqa: E402
from gdviz.ui.training.grid_thread import use_one_blas_thread  # noqa: E402
from live_training import machine_mlp_limit_steps_per_s  # noqa: E402

CONFIG = ModelConfig(kind="mlp", hidden=(16, 16), activation="tanh", optimizer="gd", learning_rate=0.1)
DATASET = DatasetConfig(name="moons", n_points=1000, seed=0)
TRAIN_STEPS = 300


def median_ms(compute, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        compute()
        times.append(time.perf_counter() - started)
    return 1e3 * statistics.median(times)


def surface_figures(trainer, path, rounds):
    """Median ms of each mode's request, computed by the thread's own code."""
    dataset = trainer.dataset
    train = dataset.train_mask
    problem = Problem(CONFIG, dataset.n_classes, dataset.X[train], dataset.one_hot(train))
    thread = SurfaceThread()  # not started: its _compute runs here, as run() would run it
    weights = tuple(trainer.model.get_weights())

    def request(mode, n, serial=[0]):
        serial[0] += 1
        return SurfaceRequest(serial[0], problem, mode, weights, i=0, j=17, span=1.5, n=n,
                              path=path, learning_rate=CONFIG.learning_rate)

    figures = {}
    for name, mode, n in (("surface_two_ms_64", "two", 64), ("surface_plane_ms_64", "plane", 64),
                          ("line_ms_200", "line", 200)):
        thread._compute(request(mode, n), None)  # warm: the Model is built once
        figures[name] = median_ms(lambda: thread._compute(request(mode, n), None), rounds)
    return figures


def set_weights_ms(trainer, app) -> float:
    """GUI-thread time of set_weights while training plays (the view open, offscreen)."""
    view = LandscapeView()
    view.resize(420, 400)
    view.show()
    view.set_problem(CONFIG, trainer.dataset, trainer.model.get_weights())
    deadline = time.perf_counter() + 30
    while view._shown is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    times = []
    for _ in range(300):
        trainer.train(1)
        weights = trainer.model.get_weights()
        started = time.perf_counter()
        view.set_weights(weights, trainer.step)
        times.append(time.perf_counter() - started)
        app.processEvents()
    view.close()
    return 1e3 * statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=8.0, help="of training for path_fps")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    use_one_blas_thread()

    print(f"machine_mlp_limit_steps_per_s = {machine_mlp_limit_steps_per_s():.0f}")
    trainer = Trainer(CONFIG, make_dataset(DATASET))
    path = [flatten(trainer.model.get_weights())]
    for _ in range(TRAIN_STEPS // 10):
        trainer.train(10)
        path.append(flatten(trainer.model.get_weights()))
    figures = surface_figures(trainer, np.array(path), args.rounds)
    figures["surface_ms_64"] = max(figures["surface_two_ms_64"], figures["surface_plane_ms_64"])
    for name in ("surface_two_ms_64", "surface_plane_ms_64", "surface_ms_64", "line_ms_200"):
        print(f"{name} = {figures[name]:.0f}")
    print(f"set_weights_ms = {set_weights_ms(trainer, app):.2f}")
    # The path while training plays in the app (the landscape beside the training view).
    from live_training import headless_steps_per_second, view_figures

    headless = headless_steps_per_second(make_dataset(DATASET))
    live = view_figures(app, "landscape", args.seconds, headless)
    print(f"path_fps = {live['landscape_path_fps']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
