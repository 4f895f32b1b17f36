"""Issue 12 in the main window: the scenario's code, run from the code dock; File → Open script."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from _window import dialogs, window  # noqa: F401 (fixtures)

TIMEOUT_MS = 30000
EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"


def test_the_code_dock_shows_the_scenarios_code_with_its_weights(window, qtbot):
    dock = window.code
    dock.dock.show()
    dock.dock.raise_()
    dock.refresh()
    code = dock.panel.code()
    assert "GradientDescentOptimizer" in code and "placeholder" in code
    namespace = {"__name__": "gdviz_generated"}
    exec(compile(code, "scenario.py", "exec"), namespace)  # it builds the graph (no training)
    weights = window.session.weight_list()
    values = [v for v in namespace.values() if hasattr(v, "value") and type(v).__name__ == "Variable"]
    assert any(np.allclose(v.value, weights[0]) for v in values)


def test_ctrl_enter_runs_the_code_and_shows_its_graph_in_a_window(window, qtbot):
    dock = window.code
    dock.refresh()
    dock.run_code(dock.panel.code())
    shown = dock.script_windows[-1]
    qtbot.waitUntil(lambda: not shown.busy() and shown.panel.backward is not None, timeout=TIMEOUT_MS)
    names = {n.name for n in shown.panel.view.nodes()}
    assert "W" in names and "b" in names
    shown.close()


def test_open_script_opens_a_learners_script(window, qtbot, dialogs):
    dialogs["open"] = str(EXAMPLES / "ch1_computational_graph.py")
    assert window.code.ask_and_open()
    shown = window.code.script_windows[-1]
    qtbot.waitUntil(lambda: not shown.busy() and shown.panel.backward is not None, timeout=TIMEOUT_MS)
    shown.close()
