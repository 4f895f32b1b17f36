"""gdviz: see gradient descent and backpropagation on a computational graph."""

__version__ = "0.1.0"
