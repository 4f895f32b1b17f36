"""Graphs to show and to measure the graph view on (Qt-free).

``build_mlp_graph`` is the graph of an MLP with two hidden layers, written in the
tutorial's style; ``generated_graph`` is a random DAG of any size. gdviz.training.models builds
the app's own models; these are for the graph view's tests and benchmark, and for
anyone who wants a graph to look at.
"""

from __future__ import annotations

import numpy as np

from gdviz.engine import (
    Graph,
    Variable,
    add,
    log,
    matmul,
    multiply,
    negative,
    placeholder,
    reduce_sum,
    softmax,
    tanh,
)
from gdviz.lesson.tutorial import tutorial_points

__all__ = ["build_mlp_graph", "generated_graph"]


def build_mlp_graph(hidden=(4, 4), seed: int = 0, points: int = 20):
    """An MLP with two hidden tanh layers on the tutorial's points, and its feed.

    Args:
        hidden: widths of the two hidden layers.
        seed: seeds the weights and the points.
        points: points per class.

    Returns:
        (loss, feed_dict): J = −Σ c ⊙ log softmax(...), and X, c fed.
    """
    rng = np.random.default_rng(seed)
    X_value, c_value = tutorial_points(seed, points)
    widths = (2, *hidden, 2)
    with Graph():
        X = placeholder(name="X")
        c = placeholder(name="c")
        a = X
        for layer, (n_in, n_out) in enumerate(zip(widths[:-1], widths[1:]), start=1):
            W = Variable(rng.standard_normal((n_in, n_out)) / np.sqrt(n_in), name=f"W{layer}")
            b = Variable(np.zeros(n_out), name=f"b{layer}")
            z = add(matmul(a, W), b, name=f"z{layer}")
            a = tanh(z, name=f"h{layer}") if layer < len(widths) - 1 else z
        p = softmax(a, name="p")
        J = negative(reduce_sum(reduce_sum(multiply(c, log(p)), axis=1)), name="J")
    return J, {X: X_value, c: c_value}


def generated_graph(size: int, seed: int = 0):
    """A random DAG of ``size`` nodes (or one more), all of them ancestors of one loss.

    Ops take one or two recent nodes as inputs (so the graph is deep as well as wide);
    every node left without a consumer is finally summed into the loss.

    Returns:
        (loss, feed_dict) with every placeholder fed a (4, 3) array.
    """
    rng = np.random.default_rng(seed)
    unary = (tanh, negative)
    binary = (add, multiply)
    feed = {}
    with Graph():
        nodes = []
        sources = max(2, size // 8)
        for i in range(sources):
            if i % 2:
                nodes.append(Variable(rng.standard_normal((4, 3)), name=f"V{i}"))
            else:
                x = placeholder(name=f"x{i}")
                feed[x] = rng.standard_normal((4, 3))
                nodes.append(x)
        loose = set(nodes)
        # Stop when the adds that gather the loose ends, plus the loss, make ``size``.
        while len(nodes) + len(loose) < size:
            window = nodes[-min(len(nodes), 24):]
            if rng.random() < 0.6 and len(window) > 1:
                a, b = rng.choice(len(window), 2, replace=False)
                op = binary[rng.integers(len(binary))](window[a], window[b])
            else:
                op = unary[rng.integers(len(unary))](window[rng.integers(len(window))])
            loose.difference_update(op.input_nodes)
            loose.add(op)
            nodes.append(op)
        loose = [n for n in nodes if n in loose]
        total = loose[0]
        for n in loose[1:]:
            total = add(total, n)
        loss = reduce_sum(total, name="J")
    return loss, feed
