"""The graph view and inspector in the panel: drawing, hover, click, zoom, fit."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QPushButton

from gdviz.lesson.sample_graphs import build_mlp_graph, generated_graph
from gdviz.lesson.tutorial import build_tutorial_graph, tutorial_points
from gdviz.ui.graph.backprop_player import BackpropPlayer
from gdviz.ui.graph.graph_panel import GraphPanel
from gdviz.ui.graph.graph_view import GraphView
from gdviz.ui.graph.inspector import Inspector


@pytest.fixture
def tutorial_panel(qtbot):
    t = build_tutorial_graph()
    X, c = tutorial_points()
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(1400, 850)
    panel.show()
    qtbot.waitExposed(panel)
    panel.load(t.J, {t.X: X, t.c: c})
    return panel, t


def node_point(view, node) -> QPoint:
    """Where a node's centre is on the view's viewport."""
    return view.mapFromScene(view.node_item(node).sceneBoundingRect().center())


def test_tutorial_graph_is_drawn_with_named_widgets(tutorial_panel):
    panel, t = tutorial_panel
    assert panel.findChild(GraphView, "graphView") is panel.view
    assert panel.findChild(BackpropPlayer, "backpropPlayer") is panel.player
    assert panel.findChild(Inspector, "inspector") is panel.inspector
    for name in ("stepForwardButton", "stepBackButton", "playButton", "restartButton",
                 "endButton"):
        assert panel.findChild(QPushButton, name) is not None, name
    assert len(panel.view.nodes()) == 12
    assert len(panel.view.edges()) == 11


def test_nodes_are_shaped_and_labelled_by_kind(tutorial_panel):
    panel, t = tutorial_panel
    view = panel.view
    kinds = {n.name: view.node_item(n).kind for n in view.nodes()}
    assert kinds["X"] == kinds["c"] == "placeholder"
    assert kinds["W"] == kinds["b"] == "Variable"
    assert kinds["J"] == "loss"
    assert kinds["matmul"] == "operation"
    outlines = {view.node_item(n).kind: view.node_item(n).path().elementCount()
                for n in view.nodes()}
    # Pill, rectangle and hexagon: three different outlines.
    assert len({outlines[k] for k in ("placeholder", "Variable", "loss")}) == 3
    assert view.node_item(t.X).caption() == "placeholder · 100×2"
    assert view.node_item(t.W).caption() == "Variable · 2×2"
    assert view.node_item(t.J).caption() == "negative · scalar"


def test_hovering_a_node_shows_its_tooltip(tutorial_panel, qtbot):
    panel, t = tutorial_panel
    view = panel.view
    item = view.node_item(t.W)
    hovered = []
    view.nodeHovered.connect(hovered.append)
    qtbot.mouseMove(view.viewport(), QPoint(2, 2))
    qtbot.mouseMove(view.viewport(), node_point(view, t.W))
    qtbot.waitUntil(lambda: hovered == [t.W], timeout=2000)
    tip = item.toolTip()
    assert "W: Variable" in tip
    assert "shape 2×2" in tip
    assert "not reached yet" in tip
    # At the end of the backward pass the tooltip carries W's gradient.
    panel.player.to_end()
    assert "∂J/∂W" in panel.tooltip_for(t.W)


def test_clicking_a_node_shows_it_in_the_inspector(tutorial_panel, qtbot):
    panel, t = tutorial_panel
    view = panel.view
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=node_point(view, t.W))
    assert view.selected_node() is t.W
    inspector = panel.inspector
    assert inspector.node is t.W
    assert inspector.value_view.mode() == "table"
    table = inspector.value_view.table
    assert (table.rowCount(), table.columnCount()) == (2, 2)
    assert float(table.item(1, 1).text()) == pytest.approx(t.W.value[1, 1], rel=1e-3)
    assert inspector.gradient_view.mode() == "message"  # not reached yet
    panel.player.to_end()
    assert inspector.gradient_view.mode() == "table"
    assert "norm" in inspector.gradient_view.stats.text()
    # X is 100×2: too big for numbers, so a heatmap with a colour bar.
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=node_point(view, t.X))
    assert inspector.node is t.X
    assert inspector.value_view.mode() == "heatmap"
    levels = inspector.value_view.colour_bar.levels()
    X = panel.forward.steps[0].value if panel.forward.steps[0].node is t.X else None
    X = X if X is not None else next(s.value for s in panel.forward.steps if s.node is t.X)
    assert levels == pytest.approx((X.min(), X.max()))


def test_wheel_zooms_and_fit_shows_everything(tutorial_panel, qtbot):
    panel, t = tutorial_panel
    view = panel.view
    view.fit()
    before = view.transform().m11()
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(0, 0),
                        QPoint(0, 240), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    view.wheelEvent(event)
    assert view.transform().m11() == pytest.approx(before * 1.15 ** 2)
    view.fit()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for node in view.nodes():
        assert visible.contains(view.node_item(node).sceneBoundingRect()), node.name


def test_loading_the_same_graph_again_keeps_its_items(tutorial_panel):
    panel, t = tutorial_panel
    items = {n: panel.view.node_item(n) for n in panel.view.nodes()}
    t.W.value -= 0.5  # as a training step would
    X, c = tutorial_points()
    panel.load(t.J, {t.X: X, t.c: c})
    assert {n: panel.view.node_item(n) for n in panel.view.nodes()} == items
    assert panel.player.position == 0


def test_mlp_and_generated_graphs_are_drawn(qtbot):
    view = GraphView()
    qtbot.addWidget(view)
    loss, feed = build_mlp_graph()
    view.set_graph(loss)
    assert len(view.nodes()) == 22
    names = {n.name for n in view.nodes()}
    assert {"W1", "b1", "W2", "b2", "W3", "b3", "h1", "h2", "X", "c", "J"} <= names
    loss, _ = generated_graph(300, seed=1)
    view.set_graph(loss)
    assert len(view.nodes()) >= 300
    assert len(view.scene().items()) > 300


def test_a_long_name_is_drawn_unshrunk_in_a_wider_node(qtbot):
    from gdviz.lesson.graph_layout import NODE_WIDTH
    from gdviz.training.models import Model, ModelConfig

    view = GraphView()
    qtbot.addWidget(view)
    view.set_graph(Model(ModelConfig(kind="mlp"), 2).loss)
    items = [view.node_item(n) for n in view.nodes()]
    long_item = next(i for i in items if i.node.name == "softmax_cross_entropy")
    assert long_item.title.scale() == 1.0
    assert long_item.title.boundingRect().width() <= long_item._text_room()
    assert long_item.path().boundingRect().width() > 1.5 * NODE_WIDTH
    assert view.node_item(view.loss).title.scale() == 1.0  # the hexagon has room too
    # Nodes of mixed widths, drawn at their widths: no two outlines intersect.
    outlines = [i.path().boundingRect().translated(i.pos()) for i in items]
    assert len({round(r.width()) for r in outlines}) > 1
    for k, a in enumerate(outlines):
        for b in outlines[k + 1:]:
            assert not a.intersects(b), (a, b)


def test_panel_on_mlp_gradients_match_engine(qtbot):
    from gdviz.engine import compute_gradients

    loss, feed = build_mlp_graph()
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.load(loss, feed)
    panel.player.to_end()
    table = compute_gradients(loss)
    for node in panel.view.nodes():
        np.testing.assert_allclose(panel.player.gradient_at(node), table[node])


def test_inspector_follows_the_player_until_a_node_is_clicked(tutorial_panel, qtbot):
    panel, t = tutorial_panel
    inspector, player, view = panel.inspector, panel.player, panel.view
    # Before the first step: the loss, where the backward pass starts; value known, no gradient.
    assert inspector.node is t.J and not inspector.pinned
    assert inspector.value_view.mode() == "table"
    assert inspector.gradient_view.mode() == "message"
    for _ in range(3):
        player.step_forward()
        node = player.current_step().node
        assert inspector.node is node and not inspector.pinned
        assert node.name in inspector.title.text()
        # The current step has just computed this node's gradient: it is shown.
        assert inspector.gradient_view.mode() in ("table", "heatmap")
    # A click pins a node: stepping on no longer moves the inspector.
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=node_point(view, t.W))
    assert inspector.node is t.W and inspector.pinned
    player.step_forward()
    assert inspector.node is t.W
    # Clicking the background unpins: back to the player's node.
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=QPoint(3, 3))
    assert inspector.node is player.current_step().node and not inspector.pinned


def test_graph_background_and_badges_follow_the_palette(tutorial_panel):
    from PySide6.QtGui import QColor, QPalette

    panel, t = tutorial_panel
    view = panel.view
    dark = QPalette(view.palette())
    dark.setColor(QPalette.Base, QColor("#16191d"))
    dark.setColor(QPalette.Text, QColor("#e3e6ea"))
    view.setPalette(dark)
    assert view.backgroundBrush().color() == QColor("#16191d")
    assert view.node_item(t.J).badge.brush().color() == QColor("#e3e6ea")
