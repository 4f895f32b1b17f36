"""Benchmark of the graph view and the backprop player (offscreen).

Prints, side by side from one run, medians over repeats:
    layout_paint_ms_50 / _300 / _1000: layout, item creation and the first paint of a
        generated graph of that many nodes (target <= 300 ms for 300 nodes);
    player_step_ms: one player step (state, explanation, queue strip) and the repaint
        of the panel, on the MLP graph (target <= 16 ms).

Run: python benchmarks/graph_view.py
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from gdviz.lesson.sample_graphs import build_mlp_graph, generated_graph  # noqa: E402
from gdviz.ui.graph.graph_panel import GraphPanel  # noqa: E402
from gdviz.ui.graph.graph_view import GraphView  # noqa: E402

SIZES = (50, 300, 1000)
LAYOUT_REPEATS = 5
STEP_REPEATS = 3  # passes over the whole backward trace
VIEW_SIZE = (1200, 800)


def layout_paint_ms(app, size: int) -> float:
    """Median ms of laying out, drawing and painting a fresh ``size``-node graph."""
    times = []
    for repeat in range(LAYOUT_REPEATS):
        loss, _ = generated_graph(size, seed=repeat)
        view = GraphView()
        view.resize(*VIEW_SIZE)
        view.show()
        app.processEvents()
        start = time.perf_counter()
        view.set_graph(loss)
        view.viewport().repaint()  # a synchronous paint of what is on screen
        times.append((time.perf_counter() - start) * 1000)
        view.close()
        view.deleteLater()
        app.processEvents()
    return statistics.median(times)


def player_step_ms(app) -> float:
    """Median ms of one player step plus the panel's repaint, on the MLP graph."""
    loss, feed = build_mlp_graph()
    panel = GraphPanel()
    panel.resize(1500, 900)
    panel.show()
    panel.load(loss, feed)
    panel.view.select_node(panel.view.nodes()[2])  # the inspector updates too
    app.processEvents()
    player = panel.player
    times = []
    for _ in range(STEP_REPEATS):
        player.restart()
        app.processEvents()
        while player.position < player.step_count:
            start = time.perf_counter()
            player.step_forward()
            panel.repaint()
            times.append((time.perf_counter() - start) * 1000)
    panel.close()
    return statistics.median(times)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    figures = {f"layout_paint_ms_{size}": layout_paint_ms(app, size) for size in SIZES}
    figures["player_step_ms"] = player_step_ms(app)
    for name, value in figures.items():
        print(f"{name} = {value:.1f}")


if __name__ == "__main__":
    main()
