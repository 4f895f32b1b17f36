"""The Qt-free layered layout: inputs left, loss right, no overlaps, few crossings."""

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from gdviz.engine import GradientDescentOptimizer
import random

import pytest

from gdviz.lesson.graph_layout import (
    NODE_WIDTH,
    count_crossings,
    estimate_node_width,
    graph_edges,
    graph_nodes,
    layout_graph,
    rects_overlap,
)
from gdviz.training.models import Model, ModelConfig
from gdviz.lesson.sample_graphs import build_mlp_graph, generated_graph
from gdviz.lesson.tutorial import build_tutorial_graph


def assert_no_overlaps(layout):
    rects = sorted((layout.rect(n) for n in layout.nodes), key=lambda r: r[0])
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            if b[0] >= a[0] + a[2]:
                break  # sorted by left edge: nothing further right can touch a
            assert not rects_overlap(a, b), f"{a} overlaps {b}"


def assert_flows_left_to_right(layout, loss):
    for a, b in layout.edges:
        assert layout.positions[a][0] < layout.positions[b][0], (a, b)
    loss_left = layout.rect(loss)[0]
    for node in layout.nodes:
        if node.kind in ("placeholder", "Variable"):
            x, _, w, _ = layout.rect(node)
            assert x + w < loss_left, f"input {node.name} is not left of the loss"


def test_tutorial_graph_has_its_nodes_and_edges():
    t = build_tutorial_graph()
    layout = layout_graph(t.J)
    names = sorted(n.name for n in layout.nodes)
    assert names == sorted(["X", "c", "W", "b", "matmul", "add", "p", "log", "multiply",
                            "reduce_sum", "reduce_sum_1", "J"])
    assert len(layout.edges) == 11
    assert (t.X, t.W.consumers[0]) in layout.edges


def test_tutorial_graph_reads_left_to_right_without_crossings():
    t = build_tutorial_graph()
    layout = layout_graph(t.J)
    assert_flows_left_to_right(layout, t.J)
    assert_no_overlaps(layout)
    assert count_crossings(layout) == 0
    # The loss is alone in the rightmost column.
    rightmost = max(layout.layers.values())
    assert [n for n in layout.nodes if layout.layers[n] == rightmost] == [t.J]


def test_optimizer_ops_are_not_drawn():
    t = build_tutorial_graph()
    with t.graph:
        step = GradientDescentOptimizer(0.1).minimize(t.J)
    nodes = graph_nodes(t.graph)
    assert step not in nodes
    assert all(n.kind != "optimizer" for n in nodes)
    assert len(nodes) == 12


def test_mlp_graph_lays_out():
    loss, _ = build_mlp_graph()
    layout = layout_graph(loss)
    assert len(layout.nodes) == 22
    assert_flows_left_to_right(layout, loss)
    assert_no_overlaps(layout)
    assert count_crossings(layout) == 0


def test_300_node_generated_graph_lays_out():
    loss, _ = generated_graph(300, seed=3)
    layout = layout_graph(loss)
    assert 300 <= len(layout.nodes) <= 301  # the generator may overshoot by one
    assert len(layout.edges) == len(graph_edges(layout.nodes))
    assert_flows_left_to_right(layout, loss)
    assert_no_overlaps(layout)


@settings(max_examples=25, deadline=None)
@given(size=st.integers(3, 120), seed=st.integers(0, 10_000))
def test_random_graphs_never_overlap(size, seed):
    loss, _ = generated_graph(size, seed=seed)
    layout = layout_graph(loss)
    assert_flows_left_to_right(layout, loss)
    assert_no_overlaps(layout)


def assert_columns_fit_their_widest_node(layout):
    columns = {}
    for node in layout.nodes:
        columns.setdefault(layout.layers[node], []).append(layout.rect(node))
    spans = []
    for li in sorted(columns):
        rects = columns[li]
        left = min(r[0] for r in rects)
        right = max(r[0] + r[2] for r in rects)
        assert right - left == pytest.approx(max(r[2] for r in rects))  # centred in it
        spans.append((left, right))
    for (_, right), (left, _) in zip(spans, spans[1:]):
        assert right < left  # a gap between two columns, whatever their widths


def test_a_long_name_gets_a_node_wide_enough_for_it():
    loss = Model(ModelConfig(kind="mlp"), 2).loss
    layout = layout_graph(loss)
    long_node = next(n for n in layout.nodes if n.name == "softmax_cross_entropy")
    short_node = next(n for n in layout.nodes if n.name == "X")
    assert layout.size(short_node)[0] == NODE_WIDTH
    # 21 characters need far more than the compact width to be read unshrunk.
    assert layout.size(long_node)[0] > 1.5 * NODE_WIDTH
    assert layout.size(long_node)[0] == estimate_node_width(long_node)
    assert_flows_left_to_right(layout, loss)
    assert_no_overlaps(layout)
    assert_columns_fit_their_widest_node(layout)


@settings(max_examples=25, deadline=None)
@given(size=st.integers(3, 120), seed=st.integers(0, 10_000))
def test_mixed_widths_never_overlap(size, seed):
    loss, _ = generated_graph(size, seed=seed)
    pick = random.Random(seed)
    widths = {}
    layout = layout_graph(loss, lambda n: widths.setdefault(n, pick.uniform(40.0, 420.0)))
    assert all(layout.size(n)[0] == widths[n] for n in layout.nodes)
    assert_flows_left_to_right(layout, loss)
    assert_no_overlaps(layout)
    assert_columns_fit_their_widest_node(layout)


def test_a_width_that_is_not_positive_is_refused():
    loss, _ = build_mlp_graph()
    with pytest.raises(ValueError, match="widths must be positive"):
        layout_graph(loss, lambda n: 0.0)


def test_layout_modules_never_import_qt():
    code = ("import sys, gdviz.lesson.graph_layout, gdviz.lesson.trace_text, gdviz.lesson.sample_graphs; "
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]")
    subprocess.run([sys.executable, "-c", code], check=True)
