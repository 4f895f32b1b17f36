"""A user's own op whose gradient is WRONG, on purpose: find it with a gradient check.

``cube`` computes x³, whose derivative is 3x². Its gradient below is registered as
2x² (a slip anyone can make), so backpropagation runs without a complaint and gives
wrong numbers. ``gdviz --check-gradients resources/examples/wrong_gradient.py``
compares every gradient with finite differences and names the op: cube.

Run it:  python3 resources/examples/wrong_gradient.py
"""

import numpy as np

from gdviz.engine import (Graph, Operation, RegisterGradient, Session, Variable,
                          compute_gradients, reduce_sum)


class cube(Operation):
    """x³ element-wise."""

    def __init__(self, x, name=None):
        super().__init__([x], name)

    def compute(self, x_value):
        return x_value ** 3


@RegisterGradient("cube")
def _cube_gradient(op, grad):
    x = op.inputs[0]
    return grad * 2 * x ** 2  # WRONG on purpose: the derivative of x³ is 3x²


Graph().as_default()
x = Variable([0.5, -1.0, 2.0], name="x")
J = reduce_sum(cube(x, name="cube"), name="J")

session = Session()
print("J = Σ x³ =", session.run(J))
grad_table = compute_gradients(J)
print("backprop's dJ/dx:", grad_table[x])
print("the true dJ/dx:  ", 3 * np.array([0.5, -1.0, 2.0]) ** 2)
