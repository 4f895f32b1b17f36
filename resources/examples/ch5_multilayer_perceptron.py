"""Chapter 5 of the tutorial: a multi-layer perceptron.

Red points around (0, 0) and (1, 1), blue ones around (0, 1) and (1, 0): no single line
separates them (the XOR problem). A hidden layer of sigmoid neurons bends the space
so that the output layer's softmax can: p = softmax(σ(X W₁ + b₁) W₂ + b₂).

Run it:  python3 resources/examples/ch5_multilayer_perceptron.py
"""

import numpy as np

from gdviz.engine import (GradientDescentOptimizer, Graph, Session, Variable, add, log,
                          matmul, multiply, negative, placeholder, reduce_sum, sigmoid, softmax)

rng = np.random.default_rng(2)
red_points = np.concatenate((
    0.2 * rng.standard_normal((25, 2)) + np.array([[0, 0]] * 25),
    0.2 * rng.standard_normal((25, 2)) + np.array([[1, 1]] * 25),
))
blue_points = np.concatenate((
    0.2 * rng.standard_normal((25, 2)) + np.array([[0, 1]] * 25),
    0.2 * rng.standard_normal((25, 2)) + np.array([[1, 0]] * 25),
))

Graph().as_default()
X = placeholder(name="X")
c = placeholder(name="c")

# The hidden layer: two sigmoid neurons
W_hidden = Variable(rng.standard_normal((2, 2)), name="W_hidden")
b_hidden = Variable(rng.standard_normal(2), name="b_hidden")
p_hidden = sigmoid(add(matmul(X, W_hidden), b_hidden), name="p_hidden")

# The output layer: softmax over the two classes
W_output = Variable(rng.standard_normal((2, 2)), name="W_output")
b_output = Variable(rng.standard_normal(2), name="b_output")
p_output = softmax(add(matmul(p_hidden, W_output), b_output), name="p_output")

J = negative(reduce_sum(reduce_sum(multiply(c, log(p_output)), axis=1)), name="J")
minimization_op = GradientDescentOptimizer(learning_rate=0.03).minimize(J)

feed_dict = {
    X: np.concatenate((blue_points, red_points)),
    c: [[1, 0]] * len(blue_points) + [[0, 1]] * len(red_points),
}
session = Session()
for step in range(1000):
    J_value = session.run(J, feed_dict)
    if step % 100 == 0:
        print("Step:", step, " Loss:", J_value)
    session.run(minimization_op, feed_dict)

probabilities = session.run(p_output, feed_dict)
labels = np.argmax(feed_dict[c], axis=1)
print("accuracy:", np.mean(np.argmax(probabilities, axis=1) == labels))
