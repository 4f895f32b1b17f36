"""Models built with gdviz.engine: the tutorial's perceptron and MLPs (Qt-free).

A ``Model`` builds its own Graph:

- the placeholders ``X`` (points) and ``c`` (one-hot labels), as in the tutorial;
- the Variables, ``W``/``b`` for the perceptron, ``W1, b1, ..., Wk, bk`` for an MLP;
- ``loss``, the cross-entropy reduced by mean or sum, and ``train_op``, the optimizer's
  minimize op (running it is one step of training);
- ``probabilities``, a prediction op fed through its own placeholder ``grid`` that
  shares the Variables: the boundary view's whole grid is one batched run.

The perceptron is the tutorial's graph, node for node: ``p = softmax(XW + b)`` and
``J = -Σ Σ c ⊙ log p`` (``reduce_mean`` instead of the outer sum when the reduction is
"mean"). Taking log p literally, as the tutorial does, means a step that is too large
makes p exactly 0 and the loss infinite: the divergence the trainer reports. MLPs use
the engine's fused, stable ``softmax_cross_entropy`` so that a long, healthy training
run never meets log(0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdviz.engine import (
    AdamOptimizer,
    Graph,
    GradientDescentOptimizer,
    MomentumOptimizer,
    Session,
    Variable,
    add,
    log,
    matmul,
    multiply,
    negative,
    placeholder,
    reduce_mean,
    reduce_sum,
    relu,
    sigmoid,
    softmax,
    softmax_cross_entropy,
    stable_softmax,
    tanh,
)

MODEL_KINDS = ("perceptron", "mlp")
ACTIVATIONS = ("sigmoid", "tanh", "relu")
OPTIMIZERS = ("gd", "momentum", "adam")
REDUCTIONS = ("mean", "sum")
MAX_HIDDEN_LAYERS = 4
MAX_HIDDEN_WIDTH = 64  # neurons in one hidden layer: what the graph view can draw

_ACTIVATION_OPS = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu}
_OPTIMIZER_CLASSES = {
    "gd": GradientDescentOptimizer,
    "momentum": MomentumOptimizer,
    "adam": AdamOptimizer,
}


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

    def validate(self) -> None:
        """Raise ValueError naming the first field that is not allowed."""
        for value, allowed, what in (
            (self.kind, MODEL_KINDS, "kind"),
            (self.activation, ACTIVATIONS, "activation"),
            (self.reduction, REDUCTIONS, "reduction"),
            (self.optimizer, OPTIMIZERS, "optimizer"),
        ):
            if value not in allowed:
                raise ValueError(f"model {what} {value!r} is not one of {', '.join(allowed)}")
        if self.kind == "mlp":
            if not 1 <= len(self.hidden) <= MAX_HIDDEN_LAYERS:
                raise ValueError(f"an MLP has 1 to {MAX_HIDDEN_LAYERS} hidden layers, not {len(self.hidden)}")
            if any(int(w) < 1 for w in self.hidden):
                raise ValueError(f"hidden layer widths must be 1 or more: {self.hidden}")
        if not (np.isfinite(self.learning_rate) and self.learning_rate > 0):
            raise ValueError(f"the learning rate must be a positive number, not {self.learning_rate}")

    def layer_sizes(self, n_inputs: int, n_classes: int) -> list:
        """Widths from input to output, e.g. [2, 16, 16, 2]."""
        hidden = list(self.hidden) if self.kind == "mlp" else []
        return [n_inputs, *(int(w) for w in hidden), n_classes]


def architecture_key(config: ModelConfig) -> tuple:
    """What decides the Variables and their starting values: equal keys, same weights.

    Two configs with equal keys differ only in how they train (optimizer, learning
    rate, reduction), so training can switch between them without a reset.
    """
    if config.kind == "perceptron":
        return (config.kind, config.seed)
    return (config.kind, tuple(int(w) for w in config.hidden), config.activation, config.seed)


def initial_weights(config: ModelConfig, n_classes: int, seed: int | None = None) -> list:
    """Starting weights [W1, b1, ..., Wk, bk] for ``config``.

    The perceptron starts as the tutorial's (standard normal W and b); MLP layers use
    Glorot-scaled normal weights (He-scaled for relu) and zero biases, so that
    training starts neither saturated nor dead.

    Args:
        config: the model.
        n_classes: output width.
        seed: overrides ``config.seed`` (randomise weights).
    """
    rng = np.random.default_rng(config.seed + 1 if seed is None else seed)
    sizes = config.layer_sizes(2, n_classes)
    if config.kind == "perceptron":
        return [rng.standard_normal((2, n_classes)), rng.standard_normal(n_classes)]
    weights = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        scale = np.sqrt(2.0 / fan_in) if config.activation == "relu" else np.sqrt(2.0 / (fan_in + fan_out))
        weights += [scale * rng.standard_normal((fan_in, fan_out)), np.zeros(fan_out)]
    return weights


class Model:
    """A model of ``config`` for ``n_classes`` classes, in its own Graph.

    Args:
        config: the model and its optimizer.
        n_classes: how many classes the output distinguishes.
        weights: starting weights (copied); by default ``initial_weights(config, n_classes)``.
        dtype: of the weights and of what is predicted. float32 halves the cost of a
            big grid (the boundary view's); training keeps the default float64.
    """

    def __init__(self, config: ModelConfig, n_classes: int, weights=None, dtype=np.float64):
        config.validate()
        self.config = config
        self.n_classes = n_classes
        self.dtype = np.dtype(dtype)
        start = initial_weights(config, n_classes) if weights is None else weights
        start = [np.asarray(w, dtype=self.dtype) for w in start]
        with Graph() as graph:
            self.graph = graph
            self.X = placeholder(name="X")
            self.c = placeholder(name="c")
            self.grid = placeholder(name="grid")
            if config.kind == "perceptron":
                self._build_perceptron(start)
            else:
                self._build_mlp(start)
            self.optimizer = _OPTIMIZER_CLASSES[config.optimizer](config.learning_rate)
            self.train_op = self.optimizer.minimize(self.loss, var_list=self.variables)
        self.session = Session()

    def _check_shapes(self, start, sizes):
        expected = [s for a, b in zip(sizes[:-1], sizes[1:]) for s in ((a, b), (b,))]
        shapes = [np.shape(w) for w in start]
        if shapes != expected:
            raise ValueError(f"weights of shapes {shapes} do not fit this model, which needs {expected}")

    def _build_perceptron(self, start):
        # The tutorial's graph, with its names.
        self._check_shapes(start, [2, self.n_classes])
        W = Variable(start[0], name="W")
        b = Variable(start[1], name="b")
        self.variables = [W, b]
        self.logits = add(matmul(self.X, W), b)
        p = softmax(self.logits, name="p")
        per_point = reduce_sum(multiply(self.c, log(p)), axis=1)
        reduce = reduce_sum if self.config.reduction == "sum" else reduce_mean
        self.loss = negative(reduce(per_point), name="J")
        self.probabilities = softmax(add(matmul(self.grid, W), b), name="p_grid")

    def _build_mlp(self, start):
        sizes = self.config.layer_sizes(2, self.n_classes)
        self._check_shapes(start, sizes)
        activation = _ACTIVATION_OPS[self.config.activation]
        self.variables = []
        for i in range(len(sizes) - 1):
            self.variables += [
                Variable(start[2 * i], name=f"W{i + 1}"),
                Variable(start[2 * i + 1], name=f"b{i + 1}"),
            ]

        def forward(inputs):
            h = inputs
            for i in range(0, len(self.variables), 2):
                z = add(matmul(h, self.variables[i]), self.variables[i + 1])
                h = z if i == len(self.variables) - 2 else activation(z)
            return h

        self.logits = forward(self.X)
        per_point = softmax_cross_entropy(self.logits, self.c)
        reduce = reduce_sum if self.config.reduction == "sum" else reduce_mean
        self.loss = reduce(per_point, name="J")
        self.probabilities = softmax(forward(self.grid), name="p_grid")

    # **** weights ****

    def get_weights(self) -> list:
        """Copies of the Variables' values, in order [W1, b1, ...]."""
        return [v.value.copy() for v in self.variables]

    def set_weights(self, weights) -> None:
        """Set the Variables to copies of ``weights`` (same shapes as ``get_weights``)."""
        if len(weights) != len(self.variables):
            raise ValueError(f"{len(weights)} arrays given for {len(self.variables)} Variables")
        for variable, value in zip(self.variables, weights):
            value = np.asarray(value, dtype=self.dtype)
            if value.shape != variable.value.shape:
                raise ValueError(
                    f"Variable '{variable.name}' has shape {variable.value.shape}, not {value.shape}"
                )
            variable.value = value.copy()
        self.optimizer.reset()  # momentum belonged to the old weights

    @property
    def learning_rate(self) -> float:
        return self.optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        # Read by the optimizer at every step: no reset of its state.
        self.optimizer.learning_rate = float(value)

    # **** running it ****

    def feed(self, X, one_hot) -> dict:
        """The feed_dict of a training step on points ``X`` with one-hot labels."""
        return {self.X: X, self.c: one_hot}

    def train_step(self, feed_dict) -> float:
        """One step of training; returns the loss before the update."""
        self.session.run(self.train_op, feed_dict)
        return float(self.loss.output)

    def evaluate(self, X, one_hot):
        """Loss and class probabilities of points ``X`` at the current weights (no update)."""
        loss = self.session.run(self.loss, self.feed(X, one_hot))
        return float(loss), stable_softmax(self.logits.output)

    def predict(self, points) -> np.ndarray:
        """Class probabilities (len(points), n_classes) in one batched run of the prediction op."""
        return self.session.run(self.probabilities, {self.grid: np.asarray(points, dtype=self.dtype)})
