"""The main window: every view, every action, files through the window, backprop this step."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from _window import dialogs, on_screen_px, open_through, wait_for_step, window  # noqa: F401 (fixtures)
from gdviz.session import files
from gdviz.training.models import Model
from gdviz.ui.window.main_window import DEFAULT_SIZE, MainWindow


def state(window):
    config, dataset, weights, step = window.training.current_state()
    return config, dataset, [w.copy() for w in weights], step


def assert_same_state(a, b):
    assert a[0] == b[0]
    assert np.array_equal(a[1].X, b[1].X) and np.array_equal(a[1].labels, b[1].labels)
    assert all(np.array_equal(x, y) for x, y in zip(a[2], b[2]))
    assert a[3] == b[3]


def test_window_opens_on_the_tutorial_with_every_view(window):
    assert window.objectName() == "mainWindow"
    for name in ("graphView", "backpropPlayer", "inspector", "trainingPanel", "scenarioControls",
                 "curvesView", "firstRunHint"):
        widget = window.findChild(object, name)
        assert widget is not None and widget.isVisible(), name
    names = {n.name for n in window.graph_panel.view.nodes()}
    assert {"X", "W", "b", "c", "p", "J"} <= names
    assert window.graph_panel.player.step_count > 0  # ready to step through backprop
    config = window.training.model_config()
    assert (config.kind, config.reduction, config.learning_rate) == ("perceptron", "sum", 0.01)
    for widget in window.controls.findChildren(object):
        if hasattr(widget, "toolTip") and widget.objectName().endswith(("Box", "Edit", "Button")):
            assert widget.toolTip(), widget.objectName()


def test_every_menu_and_toolbar_action_runs(window, qtbot, dialogs):
    actions = [a for a in window.findChildren(QAction) if a.objectName().endswith("Action")
               and a.objectName() != "quitAction"]
    assert len(actions) >= 20
    shortcuts = {a.shortcut().toString() for a in actions}
    assert {"Ctrl+O", "Ctrl+S", "Ctrl+Shift+S", "Ctrl+Z", "Ctrl+Shift+Z", "Space", "Ctrl+Right", "F11"} <= shortcuts
    for action in actions:
        assert action.toolTip()
        if action.isEnabled():
            action.trigger()
            qtbot.wait(5)
    for action in window.toolbar.actions():
        if action.isEnabled():
            action.trigger()
    window.training.pause()
    assert "information" in dialogs["calls"] and "save" in dialogs["calls"]
    window.actions_by_name["theme_dark"].trigger()
    window.actions_by_name["theme_light"].trigger()
    dialogs["question"] = QMessageBox.Discard
    window.actions_by_name["quit"].trigger()
    assert not window.isVisible()


def test_backprop_this_step_shows_exactly_the_next_step_then_resumes(window, qtbot):
    window.training.play()
    wait_for_step(qtbot, window, 20)
    window.actions_by_name["backprop"].trigger()
    held = state(window)
    assert not window.training.is_playing()
    config, dataset, weights, step = held
    # The gradients in the player are those of a fresh model at the held weights.
    reference = Model(config, dataset.n_classes, weights)
    feed = reference.feed(dataset.X, dataset.one_hot())
    reference.session.run(reference.loss, feed)
    from gdviz.engine import trace_backprop
    expected = trace_backprop(reference.loss).grad_table
    trace = window.graph_panel.backward
    by_name = {n.name: g for n, g in trace.grad_table.items()}
    for node, gradient in expected.items():
        if node.name in ("W", "b"):
            np.testing.assert_allclose(by_name[node.name], gradient)
    # Stepping through the player changes nothing in training; Play goes on from there.
    window.graph_panel.player.to_end()
    assert_same_state(state(window), held)
    window.toggle_training()
    wait_for_step(qtbot, window, step + 5)
    window.training.pause()
    assert state(window)[3] > step


def test_session_round_trip_through_the_window(window, qtbot, dialogs, tmp_path):
    window.controls.rate_box.setValue(0.05)
    window.training.step_once()
    window.training.step_once()
    wait_for_step(qtbot, window, 2)
    window.training.pause()
    saved = state(window)
    assert window.has_unsaved_changes
    dialogs["save"] = str(tmp_path / "mine")
    assert window.save_session_as()
    path = tmp_path / "mine.gdviz"
    assert path.exists() and not window.has_unsaved_changes
    window.controls.model_box.setCurrentIndex(1)  # an MLP
    assert window.training.model_config().kind == "mlp"
    dialogs["open"] = str(path)
    assert open_through(qtbot, window, window.actions_by_name["open"].trigger)
    assert_same_state(state(window), saved)
    assert window.controls.model_config == saved[0]
    reloaded = files.load_session(path)
    assert reloaded.step == 2 and reloaded.model_config.learning_rate == 0.05


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_dataset_round_trip_through_the_window(window, qtbot, dialogs, tmp_path, suffix):
    window.controls.dataset_box.setCurrentIndex(window.controls.dataset_box.findData("moons"))
    moons = window.training.dataset()
    dialogs["save"] = str(tmp_path / f"points{suffix}")
    assert window.save_dataset_as()
    window.open_tutorial()
    assert window.training.dataset().name == "tutorial"
    assert open_through(qtbot, window, lambda: window.open_file(tmp_path / f"points{suffix}"))
    opened = window.training.dataset()
    assert np.array_equal(opened.X, moons.X) and np.array_equal(opened.labels, moons.labels)


BAD_FILES = {
    "garbage.gdviz": "this is not json {",
    "truncated.gdviz": None,  # the tutorial session, cut in half
    "nan.json": json.dumps({"format": "gdviz-dataset", "format_version": 1, "n_classes": 2,
                            "X": [[0, 0], [1, 1]], "labels": [0, 1]}).replace("[1, 1]", "[NaN, 1]"),
    "shape.csv": "x,y,label\n1,2\n3,4,1\n",
    "oversized.csv": "x,y,label\n" + "0.5,0.5,0\n0.5,0.5,1\n" * 50_001,
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_are_refused_with_state_unchanged(window, qtbot, dialogs, tmp_path, name):
    text = BAD_FILES[name]
    if text is None:
        from gdviz.resources import example_session_path
        full = example_session_path("tutorial").read_text()
        text = full[: len(full) // 2]
    path = tmp_path / name
    path.write_text(text)
    before = state(window)
    before_configs = (window.controls.dataset_config, window.controls.model_config)
    assert not open_through(qtbot, window, lambda: window.open_file(path))
    assert "warning" in dialogs["calls"]
    assert name in window.warning_label.text()
    assert_same_state(state(window), before)
    assert (window.controls.dataset_config, window.controls.model_config) == before_configs


def test_undo_and_redo_settings_and_point_edits(window, qtbot):
    window.controls.rate_box.setValue(0.2)
    assert window.training.model_config().learning_rate == 0.2
    dataset = window.training.dataset()
    window.training._remove_point(0)  # as a right-click on a point does
    assert len(window.training.dataset()) == len(dataset) - 1
    window.undo()
    assert len(window.training.dataset()) == len(dataset)
    window.undo()
    assert window.training.model_config().learning_rate == 0.01
    assert window.controls.rate_box.value() == 0.01
    window.redo()
    window.redo()
    assert window.training.model_config().learning_rate == 0.2
    assert len(window.training.dataset()) == len(dataset) - 1


def test_save_changes_is_asked_on_close(window, dialogs, qtbot):
    window.controls.noise_box.setValue(0.5)
    assert window.has_unsaved_changes
    dialogs["question"] = QMessageBox.Cancel
    assert not window.close()
    assert window.isVisible()
    dialogs["question"] = QMessageBox.Discard
    window.training.play()
    assert window.close()
    assert not window.training.worker.isRunning()


def test_layout_and_theme_are_remembered(qtbot, tmp_path, dialogs):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.docks["inspector"].hide()
    first.hide_hint()
    first.close()
    second = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(second)
    second.show()
    assert not second.docks["inspector"].isVisible()
    assert not second.hint.isVisible()
    second.reset_layout()
    assert second.docks["inspector"].isVisible()
    second.close()


def test_export_views_as_png_and_svg(window, tmp_path):
    for name in ("window", "graph", "training"):
        assert window.export_view(name, str(tmp_path / f"{name}.png"))
        assert window.export_view(name, str(tmp_path / f"{name}.svg"))
        assert (tmp_path / f"{name}.png").stat().st_size > 1000
        assert (tmp_path / f"{name}.svg").read_text().lstrip().startswith("<?xml")


def test_tutorial_graph_is_readable_at_the_default_size(window, qtbot):
    from PySide6.QtWidgets import QSlider

    from gdviz.ui.graph.label_placement import intersects

    assert window.size() == DEFAULT_SIZE
    view = window.graph_panel.view
    qtbot.waitUntil(view.fits)  # the window fits the graph once shown
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for node in view.nodes():
        item = view.node_item(node)
        assert visible.contains(item.sceneBoundingRect()), node.name  # no panning needed
        assert on_screen_px(view, item.title) >= 9, node.name
        assert on_screen_px(view, item.detail) >= 9, node.name
    window.graph_panel.player.to_end()
    nodes = [view.node_item(n).sceneBoundingRect().getRect() for n in view.nodes()]
    shown = [e for e in view.edges() if view.edge_label(*e)]
    assert len(shown) >= 0.8 * len(view.edges())  # the numbers of nearly every edge at once
    for edge in shown:
        label = view.edge_item(*edge).label
        assert on_screen_px(view, view.edge_item(*edge).label_text) >= 9
        assert not any(intersects(label.sceneBoundingRect().getRect(), r) for r in nodes)
    # The step slider is a real slider, not a square squeezed beside the buttons.
    slider = window.graph_panel.player.findChild(QSlider, "stepSlider")
    assert slider.width() >= 240


def test_export_is_one_toolbar_menu_of_views(window, dialogs, tmp_path):
    texts = [a.text() for a in window.toolbar.actions()]
    assert "Export…" in texts and not any("Whole Window" in t for t in texts)
    export = window.actions_by_name["export"]
    assert [a.text() for a in export.menu().actions()] == [
        "Whole Window…", "Computational Graph…", "Training Views…", "Controls…", "Graph at &Scale…"]
    dialogs["save"] = str(tmp_path / "graph.svg")
    window.export_actions["graph"].trigger()
    assert (tmp_path / "graph.svg").read_text().lstrip().startswith("<?xml")


def test_controls_lie_along_the_dock_area_they_are_in(window):
    dock = window.docks["controls"]
    assert window.dockWidgetArea(dock) == Qt.TopDockWidgetArea
    assert window.controls.orientation == Qt.Horizontal
    assert dock.height() < 260  # a strip: the graph keeps the height
    window.addDockWidget(Qt.LeftDockWidgetArea, dock)
    assert window.controls.orientation == Qt.Vertical
    window.reset_layout()
    assert window.controls.orientation == Qt.Horizontal
