"""The tutorial's perceptron scenario: its red and blue points, W, b and loss graph."""

from __future__ import annotations

from dataclasses import dataclass

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
)

SEED = 0


def tutorial_points(seed: int = SEED, n: int = 50):
    """Blue around (2, 2) with label [1, 0], red around (-2, -2) with [0, 1], as the tutorial."""
    rng = np.random.default_rng(seed)
    red_points = rng.standard_normal((n, 2)) - 2 * np.ones((n, 2))
    blue_points = rng.standard_normal((n, 2)) + 2 * np.ones((n, 2))
    X = np.concatenate((blue_points, red_points))
    c = np.array([[1.0, 0.0]] * n + [[0.0, 1.0]] * n)
    return X, c


@dataclass
class TutorialGraph:
    """The nodes of the tutorial's perceptron graph, built in ``graph``."""

    graph: Graph
    X: placeholder
    c: placeholder
    W: Variable
    b: Variable
    p: softmax
    J: negative


def build_tutorial_graph(seed: int = SEED) -> TutorialGraph:
    """softmax(XW + b) and its summed cross-entropy J, named as in the tutorial."""
    rng = np.random.default_rng(seed + 1)
    with Graph() as graph:
        X = placeholder(name="X")
        c = placeholder(name="c")
        W = Variable(rng.standard_normal((2, 2)), name="W")
        b = Variable(rng.standard_normal(2), name="b")
        p = softmax(add(matmul(X, W), b), name="p")
        J = negative(reduce_sum(reduce_sum(multiply(c, log(p)), axis=1)), name="J")
    return TutorialGraph(graph, X, c, W, b, p, J)
