"""Chapter 4 of the tutorial: gradient descent and backpropagation.

compute_gradients(J) walks the graph backwards from J, breadth-first, and gives the
gradient of J with respect to every node. GradientDescentOptimizer(rate).minimize(J)
returns an operation; each run of it is one step W ← W − rate · ∂J/∂W (and b alike).

Run it:  python3 resources/examples/ch4_gradient_descent.py
"""

import numpy as np

from gdviz.engine import (GradientDescentOptimizer, Graph, Session, Variable, add,
                          compute_gradients, log, matmul, multiply, negative, placeholder,
                          reduce_sum, softmax)

rng = np.random.default_rng(0)
red_points = rng.standard_normal((50, 2)) - 2 * np.ones((50, 2))
blue_points = rng.standard_normal((50, 2)) + 2 * np.ones((50, 2))

Graph().as_default()
X = placeholder(name="X")
c = placeholder(name="c")

# Random starting weights
W = Variable(rng.standard_normal((2, 2)), name="W")
b = Variable(rng.standard_normal(2), name="b")

# The perceptron and its cross-entropy loss
p = softmax(add(matmul(X, W), b), name="p")
J = negative(reduce_sum(reduce_sum(multiply(c, log(p)), axis=1)), name="J")

# The minimisation op: running it takes one step downhill
minimization_op = GradientDescentOptimizer(learning_rate=0.01).minimize(J)

feed_dict = {
    X: np.concatenate((blue_points, red_points)),
    c: [[1, 0]] * len(blue_points) + [[0, 1]] * len(red_points),
}
session = Session()

# Backpropagation by hand, once: the gradient of J with respect to W at the start.
session.run(J, feed_dict)
grad_table = compute_gradients(J)
print("dJ/dW at the start:\n", grad_table[W])

# 100 steps of gradient descent
for step in range(100):
    J_value = session.run(J, feed_dict)
    if step % 10 == 0:
        print("Step:", step, " Loss:", J_value)
    session.run(minimization_op, feed_dict)

print("Weight matrix:\n", session.run(W))
print("Bias:\n", session.run(b))
