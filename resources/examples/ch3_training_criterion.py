"""Chapter 3 of the tutorial: a training criterion.

How good are W and b? The cross-entropy J = −Σᵢ Σⱼ cᵢⱼ log pᵢⱼ, where pᵢⱼ is the
perceptron's probability that point i is of class j and cᵢⱼ is 1 for its true class
(one-hot labels), 0 otherwise. A small J means the right classes get high
probabilities: training will look for the W and b that make J smallest.

Run it:  python3 resources/examples/ch3_training_criterion.py
"""

import numpy as np

from gdviz.engine import (Graph, Session, Variable, add, log, matmul, multiply, negative,
                          placeholder, reduce_sum, softmax)

rng = np.random.default_rng(0)
red_points = rng.standard_normal((50, 2)) - 2 * np.ones((50, 2))
blue_points = rng.standard_normal((50, 2)) + 2 * np.ones((50, 2))

Graph().as_default()
X = placeholder(name="X")
c = placeholder(name="c")  # one-hot labels: [1, 0] for blue, [0, 1] for red
W = Variable([[1, -1], [1, -1]], name="W")
b = Variable([0, 0], name="b")
p = softmax(add(matmul(X, W), b), name="p")

# The cross-entropy: sum over the classes (axis 1), then over the points.
J = negative(reduce_sum(reduce_sum(multiply(c, log(p)), axis=1)), name="J")

feed_dict = {
    X: np.concatenate((blue_points, red_points)),
    c: [[1, 0]] * len(blue_points) + [[0, 1]] * len(red_points),
}
session = Session()
print("J =", session.run(J, feed_dict))

# A worse guess, the line the other way round, costs much more:
W.value = np.array([[-1.0, 1.0], [-1.0, 1.0]])
print("J with W negated =", session.run(J, feed_dict))
W.value = np.array([[1.0, -1.0], [1.0, -1.0]])
