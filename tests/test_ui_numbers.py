"""One number formatter for every view: small gradients are never rounded to a
misleading zero, and no view prints -0 (issue 9, item 9)."""

from __future__ import annotations

import numpy as np
import pytest

from gdviz.engine import Graph, Variable, add, multiply, placeholder, reduce_sum
from gdviz.lesson.trace_text import format_array, format_number
from gdviz.ui.graph.graph_panel import GraphPanel


@pytest.mark.parametrize("value, text", [
    (1.58e-05, "1.58e-05"),
    (-1.58e-05, "-1.58e-05"),
    (-0.0, "0"),
    (0.0, "0"),
    (123456.0, "1.235e+05"),
    (0.5, "0.5"),
    (12.3456, "12.35"),
    (0.001234, "0.001234"),
    (12345.0, "12345"),
    (99999.99, "1e+05"),
    (np.float32(-2.5), "-2.5"),
    (float("nan"), "nan"),
    (float("-inf"), "-inf"),
])
def test_format_number_keeps_significant_digits(value, text):
    assert format_number(value) == text


def test_format_array_formats_each_element_alike():
    assert format_array([1.58e-05, -1.58e-05, -0.0, 0.5]) == "[1.58e-05, -1.58e-05, 0, 0.5]"
    assert format_array([[123456.0, 0.0]]) == "[[1.235e+05, 0]]"


@pytest.fixture
def tiny_gradient_panel(qtbot):
    """A graph in which ∂J/∂b3 = [1.58e-05, -1.58e-05] and a value holds -0.0."""
    with Graph():
        x = placeholder(name="x")
        b3 = Variable(np.array([-0.0, 0.0]), name="b3")
        k = Variable(np.array([[1.58e-05, -1.58e-05]]), name="k")
        J = reduce_sum(multiply(add(x, b3, name="z"), k, name="m"), name="J")
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(1300, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.load(J, {x: np.array([[1.0, 2.0]])})
    return panel, b3


def _no_misleading_zero(text):
    assert "-0 " not in text + " " and "-0," not in text and "-0]" not in text, text
    assert "0." not in text.replace("0.5", ""), text  # no "0." for a value that is not zero


def test_every_view_writes_a_tiny_gradient_alike(tiny_gradient_panel):
    panel, b3 = tiny_gradient_panel
    step = next(s for s in panel.backward.steps if s.node is b3)
    panel.player.seek(step.index + 1)
    explanation = panel.player.explanation.text()
    badge = panel.view.node_item(b3).badge_text()
    edge = panel.view.edge_label(b3, step.flows[0].consumer)
    tooltip = panel.tooltip_for(b3)
    for text in (explanation, badge, edge, tooltip):
        assert "1.58e-05" in text and "-1.58e-05" in text, text
    assert "[0., -0.]" not in explanation and "[0., -0.]" not in badge
    _no_misleading_zero(badge)
    _no_misleading_zero(edge)
    table = panel.inspector.gradient_view.table
    cells = [table.item(0, j).text() for j in range(table.columnCount())]
    assert cells == ["1.58e-05", "-1.58e-05"]
    stats = panel.inspector.gradient_view.stats.text()
    assert "min -1.58e-05" in stats and "max 1.58e-05" in stats


def test_negative_zero_is_written_as_zero_in_the_inspector(tiny_gradient_panel, qtbot):
    panel, b3 = tiny_gradient_panel
    panel.view.select_node(b3)  # its value is [-0.0, 0.0]
    table = panel.inspector.value_view.table
    assert [table.item(0, j).text() for j in range(table.columnCount())] == ["0", "0"]
    assert "-0" not in panel.tooltip_for(b3)
