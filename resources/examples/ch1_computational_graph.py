"""Chapter 1 of the tutorial: a computational graph.

z = A x + b, built as a graph of nodes (the Variables A and b, the placeholder x, the
operations matmul and add) and evaluated by a Session, which computes the nodes in
post-order: every input before the operation that reads it.

Run it:  python3 resources/examples/ch1_computational_graph.py
"""

from gdviz.engine import Graph, Session, Variable, add, matmul, placeholder

# A new graph: the nodes made from here on join it.
Graph().as_default()

A = Variable([[1, 0], [0, -1]], name="A")  # a 2x2 matrix we could learn
b = Variable([1, 1], name="b")
x = placeholder(name="x")  # a value we give when we run the graph

y = matmul(A, x, name="y")  # y = A x
z = add(y, b, name="z")  # z = y + b

session = Session()
output = session.run(z, feed_dict={x: [1, 2]})
print("x =", [1, 2])
print("z = A x + b =", output)  # [ 2. -1.]
