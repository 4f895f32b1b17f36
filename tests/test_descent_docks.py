"""Issue 10 in the window: the landscape and race docks follow the session; train only two."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from _window import dialogs, window  # noqa: F401 (fixtures)
from gdviz.engine import OptimizerState
from gdviz.ui.window.descent_docks import landscape_state

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_MS = 20000


def test_the_docks_are_tabs_beside_training(window):
    tabbed = window.tabifiedDockWidgets(window.docks["training"])
    assert {window.docks["landscape"], window.docks["race"]} <= set(tabbed)


def test_the_landscape_follows_the_session_and_training(window, qtbot):
    window.descent.show("landscape")
    view = window.descent.landscape
    qtbot.waitUntil(lambda: view._shown is not None, timeout=TIMEOUT_MS)  # the surface, off-thread
    before = len(view._path)
    window.training.play()
    qtbot.waitUntil(lambda: window.session.step >= 30 and len(view._path) > before + 3, timeout=TIMEOUT_MS)
    window.pause_training()
    # A new model: the landscape starts afresh, with that model's weights.
    config = replace(window.session.model_config, kind="mlp", hidden=(3,), reduction="mean", learning_rate=0.1)
    window.training.edit(window.session.choose_model(config))
    qtbot.waitUntil(lambda: view._shapes == [(2, 3), (3,), (3, 2), (2,)], timeout=TIMEOUT_MS)


def _take_steps(qtbot, window, n):
    target = window.session.step + n
    for _ in range(n):
        window.training.step_once()
    qtbot.waitUntil(lambda: window.session.step >= target, timeout=TIMEOUT_MS)


def _flat(window):
    return np.concatenate([np.ravel(w) for w in window.session.weight_list()])


def test_train_only_two_moves_just_those_two_weights(window, qtbot):
    window.descent.show("landscape")
    view = window.descent.landscape
    qtbot.waitUntil(lambda: view._problem is not None, timeout=TIMEOUT_MS)
    _take_steps(qtbot, window, 1)  # weights from training, to compare with
    i, j = view.selected_pair()
    view.train_only.setChecked(True)
    before = _flat(window)
    _take_steps(qtbot, window, 5)
    after = _flat(window)
    assert set(np.flatnonzero(after != before)) <= {i, j} and np.any(after != before)
    view.train_only.setChecked(False)
    _take_steps(qtbot, window, 3)
    assert np.count_nonzero(_flat(window) != after) > 2


def test_the_race_starts_from_the_sessions_weights_and_its_paths_reach_the_landscape(window, qtbot):
    window.descent.show("race")
    race = window.descent.race
    race.steps_spin.setValue(50)
    race.start()
    qtbot.waitUntil(lambda: race.snapshot() is not None and race.snapshot().rounds >= 50, timeout=TIMEOUT_MS)
    start = np.concatenate([np.ravel(w) for w in window.session.weight_list()])
    for colour, rows in race.paths().values():
        np.testing.assert_allclose(rows[0], start)
    window.descent.show("landscape")
    qtbot.waitUntil(lambda: len(window.descent.landscape._extra) == 3, timeout=TIMEOUT_MS)


def test_optimizer_state_becomes_the_landscapes(window):
    config = replace(window.session.model_config, optimizer="adam", learning_rate=0.05)
    state = OptimizerState("AdamOptimizer", 7, ({"m": np.ones((2, 2)), "v": np.ones((2, 2))}, {}))
    mapped = landscape_state(state, config)
    assert mapped["kind"] == "adam" and mapped["iterations"] == 7 and mapped["learning_rate"] == 0.05
    assert set(mapped["slots"]) == {0} and mapped["hyper"]["beta2"] == 0.999
    assert landscape_state(None, config) is None


@pytest.mark.parametrize("view", ["landscape", "race", "training", "graph"])
def test_a_screenshot_of_one_view(tmp_path, view):
    out = tmp_path / f"{view}.png"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(out), "--view", view,
                             "--steps", "5"], capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-2000:]
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert not image.isNull() and image.width() > 200
    assert len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}) > 20


def test_clicking_a_weight_in_the_inspector_picks_it_for_the_landscape(window, qtbot):
    from PySide6.QtCore import Qt

    window.descent.show("landscape")
    view = window.descent.landscape
    qtbot.waitUntil(lambda: view._problem is not None, timeout=TIMEOUT_MS)
    panel = window.graph_panel
    w = next(n for n in panel.view.nodes() if n.name == "W")
    panel.inspector.show_node(w, value=np.ones((2, 2)))
    table = panel.inspector.value_view.table
    cell = table.visualItemRect(table.item(1, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    names = [view.x_combo.itemText(i) for i in range(view.x_combo.count())]
    assert view.x_combo.currentText() == "W[1,0]" or names[view.x_combo.currentIndex()] == "W[1,0]"
