"""On a short screen (a 1280×800 laptop) the right column is one tab group, so that the
decision boundary gets the column's height; the inspector comes forward on a click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QSize, Qt

from _window import dialogs  # noqa: F401 (fixture)
from gdviz.ui.window import window_layout
from gdviz.ui.window.main_window import MainWindow, tutorial_session


def _window(qtbot, tmp_path, monkeypatch, room):
    """The main window built as on a screen with ``room`` (offscreen has no real screen)."""
    monkeypatch.setattr(window_layout, "screen_room", lambda: room)
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.apply_session(tutorial_session())
    w.pace_box.set_pace(None)
    w.setWindowState(Qt.WindowNoState)
    w.resize(room.width(), min(room.height(), 900))  # maximised on a 1280×800 screen
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def laptop(qtbot, tmp_path, monkeypatch, dialogs):
    w = _window(qtbot, tmp_path, monkeypatch, QSize(1280, 770))
    yield w
    w.training.shutdown()


def _in_front(dock) -> bool:
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def test_on_a_short_screen_the_boundary_gets_the_right_column(laptop, qtbot):
    docks = laptop.docks
    assert laptop.compact
    assert docks["inspector"] in laptop.tabifiedDockWidgets(docks["training"])
    qtbot.waitUntil(lambda: _in_front(docks["training"]))
    assert not _in_front(docks["inspector"])
    view = laptop.training.boundary_view
    assert view.height() >= 300, view.height()  # stacked with the inspector it was ~75 pixels


def test_clicking_a_node_brings_the_inspector_forward(laptop, qtbot):
    graph = laptop.graph_panel.view
    node = laptop.graph_panel.backward.loss
    point = graph.mapFromScene(graph.node_item(node).sceneBoundingRect().center())
    qtbot.mouseClick(graph.viewport(), Qt.LeftButton, pos=point)
    qtbot.waitUntil(lambda: _in_front(laptop.docks["inspector"]))
    assert laptop.graph_panel.inspector.node is node
    laptop.reset_layout()  # the compact layout is the default to go back to
    assert laptop.docks["inspector"] in laptop.tabifiedDockWidgets(laptop.docks["training"])


def test_on_a_tall_screen_the_inspector_stays_under_the_training_views(qtbot, tmp_path, monkeypatch, dialogs):
    w = _window(qtbot, tmp_path, monkeypatch, QSize(1920, 1080))
    try:
        assert not w.compact
        assert w.docks["inspector"] not in w.tabifiedDockWidgets(w.docks["training"])
        assert _in_front(w.docks["inspector"]) and _in_front(w.docks["training"])
    finally:
        w.training.shutdown()
