"""Readable at 1280×800: the controls without a scroll bar, MLP graphs whose labels
cover no node, text at least 9 px on screen after Fit (issue 9, item 14)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox

from _window import dialogs, on_screen_px, window  # noqa: F401 (fixtures)
from gdviz.lesson.sample_graphs import build_mlp_graph, generated_graph
from gdviz.ui.graph.graph_panel import GraphPanel
from gdviz.ui.graph.graph_view import MIN_TEXT_PX, GraphView
from gdviz.ui.graph.label_placement import intersects

SMALL_SCREEN = (1280, 800)


def _rect(r):
    return (r.x(), r.y(), r.width(), r.height())


def assert_readable(view):
    """After Fit: every node and the text under it in view, all its text >= 9 px on
    screen, and no number on an edge over a node or the text under one."""
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    covered = []
    for node in view.nodes():
        item = view.node_item(node)
        for text in (item.title, item.detail, item.badge):
            assert on_screen_px(view, text) >= MIN_TEXT_PX, node.name
        assert visible.contains(item.sceneBoundingRect()), node.name
        if item.badge_text():
            assert visible.contains(item.badge_scene_rect()), node.name
            covered.append(_rect(item.badge_scene_rect()))
        covered.append(_rect(item.sceneBoundingRect()))
    for edge in view.edges():
        if view.edge_label(*edge):
            label = view.edge_item(*edge).label.sceneBoundingRect()
            assert visible.contains(label), edge
            assert not any(intersects(_rect(label), other) for other in covered), edge


def test_controls_fit_at_1280x800_without_a_scroll_bar(window, qtbot):
    window.resize(*SMALL_SCREEN)
    qtbot.waitUntil(lambda: window.width() == SMALL_SCREEN[0])
    scroll = window.controls_scroll
    qtbot.waitUntil(lambda: scroll.viewport().width() >= window.controls.minimumSizeHint().width())
    assert not scroll.horizontalScrollBar().isVisible()
    assert not scroll.verticalScrollBar().isVisible()
    port = scroll.viewport().rect()
    more = window.controls.more_panel  # the playground's knobs drop down from "More"
    fields = [w for w in window.controls.findChildren(object)
              if hasattr(w, "objectName") and w.objectName().endswith(("Box", "Edit"))
              and not more.isAncestorOf(w)]
    assert len(fields) == 12 and window.controls.more_button.isVisible()
    for field in fields:
        assert field.isVisible(), field.objectName()
        top_left = field.mapTo(scroll.viewport(), field.rect().topLeft())
        assert port.contains(top_left) and port.contains(top_left + field.rect().bottomRight()), \
            field.objectName()
    # Every toolbar command has its button on screen (none folded behind a » menu).
    for action in window.toolbar.actions():
        if not action.isSeparator():
            assert window.toolbar.widgetForAction(action).isVisible(), action.text()


def _choose(qtbot, box: QComboBox, key):
    box.setCurrentIndex(box.findData(key))
    qtbot.waitUntil(lambda: box.currentData() == key)


def test_the_apps_mlp_graph_is_readable_at_1280x800(window, qtbot):
    window.resize(*SMALL_SCREEN)
    qtbot.waitUntil(lambda: window.width() == SMALL_SCREEN[0])
    _choose(qtbot, window.controls.model_box, "mlp")
    # The worker (another process) holds the MLP's weights before the step is loaded.
    qtbot.waitUntil(lambda: window.training.current_state()[0].kind == "mlp", timeout=10000)
    window.actions_by_name["backprop"].trigger()
    panel = window.graph_panel
    view = panel.view
    assert "softmax_cross_entropy" in {n.name for n in view.nodes()}
    player = panel.player
    fit = panel.findChild(QAbstractButton, "fitButton")
    for position in range(player.step_count + 1):
        player.seek(position)
        qtbot.mouseClick(fit, Qt.LeftButton)
        assert view.fits(), (position, view.transform().m11(), view.viewport().size(),
                             view.fit_rect(), window.size())
        assert_readable(view)


@pytest.mark.parametrize("hidden", [(4, 4), (8, 8)])
def test_the_sample_mlp_graph_is_readable_after_fit(qtbot, hidden):
    loss, feed = build_mlp_graph(hidden)
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(1500, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.load(loss, feed)
    for position in range(panel.player.step_count + 1):
        panel.player.seek(position)
        panel.view.fit()
        assert panel.view.fits(), position
        assert_readable(panel.view)


def test_a_graph_too_big_to_fit_keeps_its_text_readable_and_scrolls(qtbot):
    view = GraphView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    loss, _ = generated_graph(80, seed=3)
    view.set_graph(loss)
    view.fit()
    assert not view.fits()
    qtbot.waitUntil(view.horizontalScrollBar().isVisible)  # there is more, and it says so
    for node in view.nodes():
        item = view.node_item(node)
        assert on_screen_px(view, item.title) >= MIN_TEXT_PX
        assert on_screen_px(view, item.detail) >= MIN_TEXT_PX
    # Fit centres on the loss, where the backward pass starts.
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.node_item(view.loss).sceneBoundingRect())
    first = view.nodes()[0]
    view.follow(first)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.node_item(first).sceneBoundingRect())


def test_label_placement_covers_nothing_and_keeps_required_labels():
    from gdviz.ui.graph.label_placement import place_labels

    area = (0.0, 0.0, 300.0, 120.0)
    nodes = [(0.0, 40.0, 60.0, 40.0), (120.0, 40.0, 60.0, 40.0), (240.0, 40.0, 60.0, 40.0)]
    wide = ((100.0, 20.0), [(90.0, 60.0)], False)  # its edge lies between two nodes
    required = ((100.0, 20.0), [(210.0, 60.0)], True)
    hopeless = ((400.0, 20.0), [(150.0, 60.0)], True)  # wider than the area itself
    spots = place_labels([required, wide, hopeless], nodes, area)
    assert spots[0] is not None and spots[1] is not None and spots[2] is None
    for spot in spots[:2]:
        assert not any(intersects(spot, node) for node in nodes)
        assert spot[0] >= 0 and spot[1] >= 0 and spot[0] + spot[2] <= 300 and spot[1] + spot[3] <= 120
    assert not intersects(spots[0], spots[1])
