"""Chapter 2 of the tutorial: perceptrons.

First one perceptron: σ(wᵀx + b), the probability that the point x is blue. Then the
multi-class version on a cloud of red and blue points: softmax(X W + b) gives, for
each point (a row of X), the probability of each class (a column).

Run it:  python3 resources/examples/ch2_perceptron.py
"""

import numpy as np

from gdviz.engine import Graph, Session, Variable, add, matmul, placeholder, sigmoid, softmax

# **** one perceptron: the line x₁ + x₂ = 0 ****
Graph().as_default()
x = placeholder(name="x")
w = Variable([1, 1], name="w")
b = Variable(0, name="b")
p = sigmoid(add(matmul(w, x), b), name="p")  # σ(wᵀx + b)

session = Session()
print("P(blue | x = [3, 2]) =", session.run(p, {x: [3, 2]}))  # 0.9933...

# **** softmax: a probability for each class, for many points at once ****
rng = np.random.default_rng(0)  # seeded: the same points every run
red_points = rng.standard_normal((50, 2)) - 2 * np.ones((50, 2))
blue_points = rng.standard_normal((50, 2)) + 2 * np.ones((50, 2))

Graph().as_default()
X = placeholder(name="X")  # one point per row
W = Variable([[1, -1], [1, -1]], name="W")  # column 0: blue, column 1: red
b = Variable([0, 0], name="b")
p = softmax(add(matmul(X, W), b), name="p")

output = session.run(p, {X: np.concatenate((blue_points, red_points))})
print("first blue point: P(blue), P(red) =", output[0])
print("first red point:  P(blue), P(red) =", output[50])
