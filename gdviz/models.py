"""Models built with gdviz.engine: the tutorial's perceptron and MLPs (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass

MODEL_KINDS = ("perceptron", "mlp")
ACTIVATIONS = ("sigmoid", "tanh", "relu")
OPTIMIZERS = ("gd", "momentum", "adam")
REDUCTIONS = ("mean", "sum")


@dataclass(frozen=True)
class ModelConfig:
    """The model and how it is trained. ``hidden`` lists the hidden layers' widths (MLP)."""

    kind: str = "perceptron"
    hidden: tuple = (8, 8)
    activation: str = "tanh"
    reduction: str = "mean"
    optimizer: str = "gd"
    learning_rate: float = 0.1
    seed: int = 0
