"""One place for each command, and keys whose meaning never depends on the focus
(issue 9, items 8 and 13)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton

from _window import dialogs, training_step, wait_for_step, window  # noqa: F401 (fixtures)


def _focus(qtbot, widget):
    widget.setFocus(Qt.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def _focus_targets(window):
    """Widgets a user may have clicked last: the graph, the training views, combo boxes,
    the inspector's table, the main window itself (text fields take typed keys)."""
    return {
        "graph": window.graph_panel.view.viewport(),
        "boundary": window.training.boundary_view.viewport(),
        "datasetBox": window.controls.dataset_box,
        "optimizerBox": window.controls.optimizer_box,
        "inspectorTable": window.graph_panel.inspector.value_view.table,
        "curves": window.training.curves_view.viewport(),
        "window": window,
    }


def test_each_key_does_the_same_whatever_has_the_focus(window, qtbot):
    qtbot.waitUntil(lambda: window.activateWindow() or window.isActiveWindow(), timeout=3000)
    player = window.graph_panel.player
    for name, widget in _focus_targets(window).items():
        window.training.pause()
        _focus(qtbot, widget)
        position, step = player.position, training_step(window)
        # . and , step the walk-through, never training.
        qtbot.keyClick(widget, Qt.Key_Period)
        assert player.position == position + 1, name
        qtbot.keyClick(widget, Qt.Key_Comma)
        assert player.position == position, name
        qtbot.keyClick(widget, Qt.Key_Period)
        # Ctrl+→ takes one training step, never a walk-through step.
        qtbot.keyClick(widget, Qt.Key_Right, Qt.ControlModifier)
        wait_for_step(qtbot, window, step + 1)
        assert player.position == position + 1, name
        # Space plays and pauses training; P plays and pauses the walk-through.
        qtbot.keyClick(widget, Qt.Key_Space)
        assert window.training.is_playing() and not player.is_playing(), name
        qtbot.keyClick(widget, Qt.Key_Space)
        assert not window.training.is_playing(), name
        qtbot.keyClick(widget, Qt.Key_P)
        assert player.is_playing() and not window.training.is_playing(), name
        qtbot.keyClick(widget, Qt.Key_P)
        assert not player.is_playing(), name
        # Home and End jump within the walk-through.
        qtbot.keyClick(widget, Qt.Key_End)
        assert player.position == player.step_count, name
        qtbot.keyClick(widget, Qt.Key_Home)
        assert player.position == 0, name
        assert widget.hasFocus(), name  # the keys did not move the focus either


def test_typing_a_number_is_not_taken_for_a_key(window, qtbot):
    box = window.controls.rate_box
    qtbot.waitUntil(lambda: window.activateWindow() or window.isActiveWindow(), timeout=3000)
    _focus(qtbot, box)
    box.selectAll()
    position = window.graph_panel.player.position
    qtbot.keyClicks(box, "0.05")
    qtbot.keyClick(box, Qt.Key_Return)
    assert window.training.model_config().learning_rate == pytest.approx(0.05)
    assert window.graph_panel.player.position == position  # the "." was typed, not stepped


def test_no_two_commands_share_a_key(window):
    keys = {}
    for action in window.findChildren(QAction):
        for shortcut in action.shortcuts():
            if not shortcut.isEmpty():
                keys.setdefault(shortcut.toString(), set()).add(action.objectName())
    clashes = {key: names for key, names in keys.items() if len(names) > 1}
    assert not clashes
    assert {"Space", "Ctrl+Right", ".", ",", "P", "Home", "End", "Ctrl+B"} <= set(keys)
    assert "Right" not in keys and "Left" not in keys  # arrows keep their usual meaning


def test_one_visible_button_per_command_and_they_say_which(window):
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible() and b.text()]
    texts = [b.text().replace("&", "") for b in buttons]
    assert texts.count("Play training") == 1 and texts.count("Step training") == 1
    assert texts.count("▶ Play walk-through") == 1 and texts.count("Next ▶") == 1
    assert not [t for t in texts if t in ("Play", "Step", "▶ Play", "Step ▶")]
    tips = {b.text().replace("&", ""): b.toolTip() for b in buttons}
    assert "(Space)" in tips["Play training"] and "(P)" in tips["▶ Play walk-through"]
    assert "(.)" in tips["Next ▶"] and "(,)" in tips["◀ Back"]
    key = QKeySequence("Ctrl+Right").toString(QKeySequence.NativeText)
    assert f"({key})" in tips["Step training"]


def test_help_lists_every_key_the_actions_have(window, dialogs, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window.actions_by_name["shortcuts"].trigger()
    text = shown[-1]
    for label in ("Space", QKeySequence("Ctrl+Right").toString(QKeySequence.NativeText),
                  ".", ",", "P", "Home", "End", "Ctrl+B"):
        assert f"<b>{label}</b>" in text, label
    assert "Play the walk-through" in text or "walk-through" in text


def test_backprop_this_step_switches_the_player_to_the_backward_pass(window, qtbot):
    player = window.graph_panel.player
    player.set_mode("forward")
    player.step_forward()
    button = window.toolbar.widgetForAction(window.actions_by_name["backprop"])
    qtbot.mouseClick(button, Qt.LeftButton)
    assert player.mode == "backward" and player.mode_box.currentData() == "backward"
    # The backward pass, then one update step per Variable (the perceptron's W and b).
    assert player.position == 0 and player.step_count == len(window.graph_panel.backward.steps) + 2
    assert [u.name for u in player.updates] == ["W", "b"]
    assert "backward pass starts at the loss" in player.explanation.text()
    # Also from the keyboard, whatever the focus.
    player.set_mode("forward")
    qtbot.waitUntil(lambda: window.activateWindow() or window.isActiveWindow(), timeout=3000)
    _focus(qtbot, window.training.boundary_view.viewport())
    qtbot.keyClick(window.training.boundary_view.viewport(), Qt.Key_B, Qt.ControlModifier)
    assert player.mode == "backward"
