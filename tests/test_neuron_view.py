"""The neuron view: items per architecture, heatmaps off the GUI thread, clicks, live hover
formulas, readability at dock size, and the thread stopped on close and deletion."""

import threading

import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QToolTip

from _mouse import click, hover
from _window import dialogs, window  # noqa: F401 (fixtures)
from gdviz.lesson.neurons import unit_outputs
from gdviz.training.models import ModelConfig, initial_weights
from gdviz.ui.neurons import neuron_thread
from gdviz.ui.neurons.neuron_items import UNIT_PX
from gdviz.ui.neurons.neuron_view import CAPTION_PX, RESOLUTION, NeuronView
from gdviz.ui.neurons.unit_colours import SKY_BLUE, unit_images
from gdviz.ui.theme import DARK, make_palette

EXTENT = (-3.0, 3.0, -2.5, 2.5)
TIMEOUT = 10000
PERCEPTRON = ModelConfig()
MLP = ModelConfig(kind="mlp", hidden=(16, 16))
DEEP = ModelConfig(kind="mlp", hidden=(16,) * 4)


def weights_for(config, n_classes=2, seed=1):
    rng = np.random.default_rng(seed)
    return [w + 0.4 * rng.standard_normal(np.shape(w)) for w in initial_weights(config, n_classes)]


@pytest.fixture
def make_view(qtbot):
    views = []

    def make(config, weights=None, size=(420, 500)):
        view = NeuronView()
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
        qtbot.waitExposed(view)
        with qtbot.waitSignal(view.thread.resultReady, timeout=TIMEOUT):
            view.set_model(config, weights_for(config) if weights is None else weights, EXTENT)
        views.append(view)
        return view

    yield make
    for view in views:
        view.shutdown()


@pytest.mark.parametrize("config, units, edges", [
    (PERCEPTRON, 2 + 2, 2 * 2),
    (MLP, 2 + 16 + 16 + 2, 2 * 16 + 16 * 16 + 16 * 2),
    (DEEP, 2 + 4 * 16 + 2, 2 * 16 + 3 * 16 * 16 + 16 * 2),
])
def test_one_square_per_unit_and_one_line_per_weight(make_view, config, units, edges):
    view = make_view(config)
    assert view.unit_count() == units and view.edge_count() == edges
    assert all(item.has_image() for layer in view.units for item in layer)


def test_a_new_architecture_rebuilds_the_items(make_view, qtbot):
    view = make_view(MLP)
    with qtbot.waitSignal(view.thread.resultReady, timeout=TIMEOUT):
        view.set_model(PERCEPTRON, weights_for(PERCEPTRON), EXTENT)
    assert (view.unit_count(), view.edge_count()) == (4, 4)
    with pytest.raises(ValueError, match="set_model"):
        view.set_weights(weights_for(MLP))


def test_heatmaps_are_the_units_outputs_computed_off_the_gui_thread(make_view, qtbot):
    view = make_view(MLP)
    weights = weights_for(MLP, seed=7)
    with qtbot.waitSignal(view.thread.resultReady, timeout=TIMEOUT) as blocker:
        view.set_weights(weights)
    result = blocker.args[0]
    assert result.computed_by != threading.get_ident()
    qtbot.waitUntil(lambda: view._shown_serial == result.serial, timeout=TIMEOUT)
    expected = unit_images(MLP, unit_outputs(MLP, weights, EXTENT, RESOLUTION), view._colours)
    for layer in (0, 1, 3):
        np.testing.assert_array_equal(view.units[layer][1]._pixels, expected[layer][1])
    assert not result.images[1].flags.writeable  # shared between threads: read-only copies


def test_a_burst_of_weights_is_coalesced_into_few_pictures(make_view, qtbot, monkeypatch):
    view = make_view(DEEP)
    requests = []
    original = view.thread.request
    monkeypatch.setattr(view.thread, "request", lambda r: (requests.append(r), original(r)))
    last = None
    for seed in range(100):  # as a training run streams weights, without an event in between
        last = weights_for(DEEP, seed=seed)
        view.set_weights(last)
    assert len(requests) <= 1
    qtbot.waitUntil(lambda: bool(requests) and requests[-1].weights[0][0, 0] == last[0][0, 0], timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view._shown_serial == requests[-1].serial, timeout=TIMEOUT)
    assert len(requests) <= 2


def test_clicking_a_unit_selects_it_and_says_which(make_view, qtbot):
    view = make_view(MLP)
    for layer, unit in ((2, 5), (0, 1), (3, 0)):
        view.canvas.ensureVisible(view.units[layer][unit].sceneBoundingRect())
        with qtbot.waitSignal(view.unitClicked, timeout=TIMEOUT) as blocker:
            click(view.canvas, view.unit_pos(layer, unit))
        assert blocker.args == [layer, unit]
        assert view.selected_unit() == (layer, unit) and view.units[layer][unit].selected
    assert sum(item.selected for layer in view.units for item in layer) == 1


def test_select_unit_frames_it_without_a_signal(make_view, qtbot):
    view = make_view(MLP)
    with qtbot.assertNotEmitted(view.unitClicked):
        view.select_unit(1, 3)
    assert view.selected_unit() == (1, 3)
    view.clear_selection()
    assert view.selected_unit() is None and not view.units[1][3].selected


def test_hovering_a_unit_shows_its_formula_and_it_follows_the_weights(make_view, qtbot):
    config = ModelConfig(kind="mlp", hidden=(4,))
    view = make_view(config)
    hover(view.canvas, view.unit_pos(1, 2))
    qtbot.waitUntil(lambda: view.hover_text().startswith("h₁,₃ = tanh("), timeout=TIMEOUT)
    assert QToolTip.isVisible() and QToolTip.text() == view.hover_text()
    before = view.hover_text()
    weights = weights_for(config)
    weights[0][:, 2] = [0.25, -1.5]
    weights[1][2] = 0.75
    view.set_weights(weights)
    qtbot.waitUntil(lambda: view.hover_text() != before, timeout=TIMEOUT)
    assert view.hover_text().startswith("h₁,₃ = tanh(0.25·x₁ − 1.5·x₂ + 0.75)")
    qtbot.waitUntil(lambda: QToolTip.text() == view.hover_text(), timeout=TIMEOUT)


def test_hovering_an_edge_shows_its_weight(make_view, qtbot):
    config = ModelConfig(kind="mlp", hidden=(3,))
    weights = weights_for(config)
    weights[2][1, 0] = -0.625
    view = make_view(config, weights)
    hover(view.canvas, view.edge_pos(2, 1, 0))
    qtbot.waitUntil(lambda: view.hover_text().startswith("h₁,₂ → p₀: w = −0.625"), timeout=TIMEOUT)
    assert view.edges.hovered is not None
    hover(view.canvas, view.canvas.viewport().rect().topLeft() + QRect(0, 0, 2, 2).bottomRight())
    qtbot.waitUntil(lambda: view.hover_text() == "", timeout=TIMEOUT)


def test_four_layers_of_sixteen_stay_readable_in_a_dock(make_view, qtbot):
    view = make_view(DEEP, size=(420, 500))
    canvas = view.canvas
    assert view.scale() * UNIT_PX >= 20  # each heatmap at least 20 px on screen
    assert view.scale() * CAPTION_PX >= 7  # captions readable
    assert canvas.horizontalScrollBar().maximum() == 0  # every layer in sight side by side
    viewport = canvas.viewport().rect()
    for layer in range(len(view.units)):  # each unit can be scrolled to and clicked
        for unit in (0, len(view.units[layer]) - 1):
            canvas.ensureVisible(view.units[layer][unit].sceneBoundingRect())
            assert viewport.contains(view.unit_pos(layer, unit))
    with qtbot.waitSignal(view.unitClicked, timeout=TIMEOUT) as blocker:
        click(canvas, view.unit_pos(4, 15))
    assert blocker.args == [4, 15]


def test_a_small_model_fits_without_scrolling(make_view):
    view = make_view(PERCEPTRON)
    assert view.canvas.verticalScrollBar().maximum() == 0 and view.canvas.horizontalScrollBar().maximum() == 0
    assert view.scale() >= 1.0


def test_the_dark_theme_changes_background_and_colours(make_view, qtbot):
    view = make_view(MLP)
    with qtbot.waitSignal(view.thread.resultReady, timeout=TIMEOUT):
        view.setPalette(make_palette(DARK))
    assert view.canvas.backgroundBrush().color().name() == DARK["base"]
    assert view.edges.positive.getRgb()[:3] == SKY_BLUE
    assert view._colours.centre == tuple(int(DARK["base"][i:i + 2], 16) for i in (1, 3, 5))


def test_closing_mid_computation_stops_the_thread_and_drops_the_result(qtbot, monkeypatch):
    started = threading.Event()
    real = neuron_thread.compute
    view = NeuronView()
    qtbot.addWidget(view)

    def slow_compute(request):  # a computation that lasts until the view is closed
        started.set()
        while not view.thread.abort_requested():
            started.wait(0.001)
        return real(request)

    monkeypatch.setattr(neuron_thread, "compute", slow_compute)
    emitted = []
    view.thread.resultReady.connect(lambda r: emitted.append(r), Qt.DirectConnection)
    view.show()
    view.set_model(MLP, weights_for(MLP), EXTENT)
    qtbot.waitUntil(started.is_set, timeout=TIMEOUT)
    view.close()
    assert not view.thread.is_alive()
    assert emitted == []
    view.set_weights(weights_for(MLP, seed=3))  # after closing: nothing starts again
    assert not view.thread.is_alive()


def test_a_view_deleted_unclosed_stops_its_thread(qtbot):
    view = NeuronView()
    view.set_model(MLP, weights_for(MLP), EXTENT)
    thread = view.thread
    assert thread.is_alive()
    view.deleteLater()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=TIMEOUT)


def _panel_showing(qtbot, model):
    from gdviz.ui.graph.graph_panel import GraphPanel

    panel = GraphPanel()
    qtbot.addWidget(panel)
    rng = np.random.default_rng(0)
    points = rng.uniform(-2, 2, (12, 2))
    labels = (points[:, 0] > 0).astype(int)
    panel.load(model.loss, model.feed(points, np.eye(model.n_classes)[labels]))
    return panel


def test_a_clicked_unit_selects_its_weights_and_column_in_the_graph_and_inspector(make_view, qtbot):
    from gdviz.training.models import Model
    from gdviz.ui.neurons.graph_link import show_unit_in_graph

    config = ModelConfig(kind="mlp", hidden=(12, 5, 4))
    model = Model(config, 2)
    panel = _panel_showing(qtbot, model)
    view = make_view(config, model.get_weights())
    view.unitClicked.connect(lambda layer, unit: show_unit_in_graph(panel, config, layer, unit))

    click(view.canvas, view.unit_pos(3, 2))  # W3 is 5×4: a table
    assert panel.view.selected_node().name == "W3" and panel.inspector.node.name == "W3"
    assert panel.inspector.value_view.mode() == "table"
    assert {i.column() for i in panel.inspector.value_view.table.selectedIndexes()} == {2}
    assert len(panel.inspector.value_view.table.selectedIndexes()) == 5  # the whole column

    click(view.canvas, view.unit_pos(1, 10))  # W1 is 2×12: a heatmap, the column framed
    inspector = panel.inspector
    assert inspector.node.name == "W1" and inspector.highlighted_column() == 10
    assert inspector.value_view.mode() == "heatmap" and inspector.value_view.column_frame.isVisible()
    assert inspector.value_view.column_frame.rect().x() == 10

    panel.view.select_node(model.variables[1])  # another node: no column carried over
    assert inspector.highlighted_column() is None and not inspector.value_view.column_frame.isVisible()
    assert show_unit_in_graph(panel, ModelConfig(), 1, 0) is None  # a perceptron's W is not in this graph
    assert show_unit_in_graph(panel, config, 3, 4) is None  # W3 has 4 columns


def test_in_the_window_the_dock_follows_training_and_a_click_selects_the_graphs_column(window, qtbot):
    from gdviz.ui.neurons.neuron_dock import NeuronDock

    neurons = NeuronDock(window)
    view, ready = neurons.prepare()
    qtbot.waitUntil(ready, timeout=TIMEOUT)
    session = window.session
    assert view.unit_count() == sum(session.model_config.layer_sizes(session.dataset.n_classes))
    shown = view.results_shown
    window.training.play()
    qtbot.waitUntil(lambda: view.results_shown > shown + 1, timeout=TIMEOUT)  # live while training
    window.training.pause()
    window.backprop_this_step(quiet=True)
    qtbot.waitUntil(lambda: window.graph_panel.loss is not None, timeout=TIMEOUT)
    last = len(view.units) - 1
    click(view.canvas, view.unit_pos(last, 1))
    assert window.graph_panel.inspector.node is window.graph_panel.view.selected_node()
    assert window.graph_panel.inspector.highlighted_column() == 1
    neurons.shutdown()
    assert not view.thread.is_alive()


def test_a_layer_caption_puts_its_bracketed_detail_on_a_second_line_in_either_language():
    from gdviz.ui.neurons.neuron_view import caption_lines

    assert caption_lines("Hidden 2 (tanh)") == "Hidden 2\ntanh"
    assert caption_lines("隐藏层 2（tanh）") == "隐藏层 2\ntanh"  # full-width brackets, as Chinese writes them
    assert caption_lines("输出（softmax）") == "输出\nsoftmax"
    assert caption_lines("Inputs") == "Inputs"
