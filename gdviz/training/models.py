"""Models built with gdviz.engine: the tutorial's perceptron and MLPs (Qt-free).

A ``Model`` builds its own Graph:

- the placeholders ``X`` (the points' features) and ``c`` (one-hot labels), as in the
  tutorial;
- the Variables, ``W``/``b`` for the perceptron, ``W1, b1, ..., Wk, bk`` for an MLP;
- ``loss``, the node J: the cross-entropy reduced by mean or sum (plus the penalty, if
  any), and ``train_op``, the optimizer's minimize op (running it is one step of training);
- ``probabilities``, a prediction op fed through its own placeholder ``grid`` that
  shares the Variables: the boundary view's whole grid is one batched run.

The perceptron is the tutorial's graph, node for node: ``p = softmax(XW + b)`` and
``J = -Σ Σ c ⊙ log p`` (``reduce_mean`` instead of the outer sum when the reduction is
"mean"). Taking log p literally, as the tutorial does, means a step that is too large
makes p exactly 0 and the loss infinite: the divergence the trainer reports. MLPs use
the engine's fused, stable ``softmax_cross_entropy`` so that a long, healthy training
run never meets log(0).

Three knobs every playground has:

- *input features* (``gdviz.training.features``): X is fed ``input_matrix(points)``, one
  column per feature (x₁, x₂, x₁², ...), so the first layer has ``len(features)`` rows;
- a *penalty* on the weight matrices (not the biases), built of ordinary ops so that the
  graph view and the backprop player show it like any other term: the cross-entropy is
  then named ``data_loss``, ``penalty = λ · Σ_W Σ W²`` (L2, ``square``) or
  ``λ · Σ_W Σ |W|`` (L1, ``absolute``), and ``J = data_loss + penalty`` is what is
  minimised. λ is a placeholder fed the config's ``penalty_rate``, so that changing it
  changes a feed, not the graph;
- the *batch size*, which the Trainer reads (the model is fed whatever points it gets).
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
from gdviz.engine.ops import absolute, square
from gdviz.i18n import translate
from gdviz.training.features import DEFAULT_FEATURES, check_features, feature_labels, feature_matrix

MODEL_KINDS = ("perceptron", "mlp")
ACTIVATIONS = ("sigmoid", "tanh", "relu")
OPTIMIZERS = ("gd", "momentum", "adam")
REDUCTIONS = ("mean", "sum")
PENALTIES = ("none", "l2", "l1")
MAX_PENALTY_RATE = 1e3
MAX_HIDDEN_LAYERS = 4
MAX_HIDDEN_WIDTH = 64  # neurons in one hidden layer: what the graph view can draw

_ACTIVATION_OPS = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu}
_PENALTY_TERMS = {"l2": (square, "Σ{}²"), "l1": (absolute, "Σ|{}|")}  # op on W, the sum's name
_OPTIMIZER_CLASSES = {
    "gd": GradientDescentOptimizer,
    "momentum": MomentumOptimizer,
    "adam": AdamOptimizer,
}


@dataclass(frozen=True)
class ModelConfig:
    """The model and how it is trained. ``hidden`` lists the hidden layers' widths (MLP).

    ``batch_size``: points per step, drawn afresh each step (stochastic gradient descent);
    0, or as many as there are training points, means all of them (the tutorial's batch
    descent). ``penalty`` ("none", "l2", "l1") with its rate λ ≥ 0 (``penalty_rate``) is
    added to the loss. ``features``: ids from ``gdviz.training.features.FEATURES``, the
    columns of the input X.
    """

    kind: str = "perceptron"
    hidden: tuple = (8, 8)
    activation: str = "tanh"
    reduction: str = "mean"
    optimizer: str = "gd"
    learning_rate: float = 0.1
    seed: int = 0
    batch_size: int = 0
    penalty: str = "none"
    penalty_rate: float = 0.0
    features: tuple = DEFAULT_FEATURES

    def validate(self) -> None:
        """Raise ValueError naming the first field that is not allowed."""
        for value, allowed, what in (
            (self.kind, MODEL_KINDS, "kind"),
            (self.activation, ACTIVATIONS, "activation"),
            (self.reduction, REDUCTIONS, "reduction"),
            (self.optimizer, OPTIMIZERS, "optimizer"),
            (self.penalty, PENALTIES, "penalty"),
        ):
            if value not in allowed:
                raise ValueError(translate("Models", "model {field} {value} is not one of {allowed}")
                                 .format(field=what, value=repr(value), allowed=", ".join(allowed)))
        if self.kind == "mlp":
            if not 1 <= len(self.hidden) <= MAX_HIDDEN_LAYERS:
                raise ValueError(translate("Models", "an MLP has 1 to {most} hidden layers, not {count}")
                                 .format(most=MAX_HIDDEN_LAYERS, count=len(self.hidden)))
            if any(int(w) < 1 for w in self.hidden):
                raise ValueError(translate("Models", "hidden layer widths must be 1 or more: {widths}")
                                 .format(widths=self.hidden))
        if not (np.isfinite(self.learning_rate) and self.learning_rate > 0):
            raise ValueError(translate("Models", "the learning rate must be a positive number, not {rate}")
                             .format(rate=self.learning_rate))
        if not (np.isfinite(self.penalty_rate) and 0 <= self.penalty_rate <= MAX_PENALTY_RATE):
            raise ValueError(translate("Models", "the penalty rate λ must be from 0 to {most:g}, not {rate}")
                             .format(most=MAX_PENALTY_RATE, rate=self.penalty_rate))
        if isinstance(self.batch_size, bool) or int(self.batch_size) != self.batch_size or self.batch_size < 0:
            raise ValueError(translate("Models", "the batch size must be a whole number, 0 (all points) or "
                                       "more, not {size}").format(size=self.batch_size))
        check_features(self.features)

    @property
    def n_inputs(self) -> int:
        """The input X's width: one column per feature."""
        return len(self.features)

    def layer_sizes(self, n_classes: int) -> list:
        """Widths from input to output, e.g. [2, 16, 16, 2] (the input's is ``n_inputs``)."""
        hidden = list(self.hidden) if self.kind == "mlp" else []
        return [self.n_inputs, *(int(w) for w in hidden), n_classes]


def architecture_key(config: ModelConfig) -> tuple:
    """What decides the Variables and their starting values: equal keys, same weights.

    Two configs with equal keys differ only in how they train (optimizer, learning
    rate, reduction, penalty, batch size), so training can switch between them without a
    reset. The input features decide the first layer's shape: they are in the key.
    """
    features = tuple(config.features)
    if config.kind == "perceptron":
        return (config.kind, config.seed, features)
    return (config.kind, tuple(int(w) for w in config.hidden), config.activation, config.seed, features)


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
    sizes = config.layer_sizes(n_classes)
    if config.kind == "perceptron":
        return [rng.standard_normal((config.n_inputs, n_classes)), rng.standard_normal(n_classes)]
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
        self._penalty_rate = float(config.penalty_rate)
        with Graph() as graph:
            self.graph = graph
            self.X = placeholder(name="X")
            # What each column of X is, for the views (the graph's tooltip, the inspector).
            self.X.columns = tuple(feature_labels(config.features))
            self.c = placeholder(name="c")
            self.grid = placeholder(name="grid")
            self.grid.columns = self.X.columns
            self.rate = self.penalty = None  # λ and the penalty term, when there is one
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
        self._check_shapes(start, [self.config.n_inputs, self.n_classes])
        W = Variable(start[0], name="W")
        b = Variable(start[1], name="b")
        self.variables = [W, b]
        self.logits = add(matmul(self.X, W), b)
        p = softmax(self.logits, name="p")
        per_point = reduce_sum(multiply(self.c, log(p)), axis=1)
        reduce = reduce_sum if self.config.reduction == "sum" else reduce_mean
        self.data_loss = negative(reduce(per_point), name=self._data_loss_name())
        self.loss = self._with_penalty(self.data_loss)
        self.probabilities = softmax(add(matmul(self.grid, W), b), name="p_grid")

    def _build_mlp(self, start):
        sizes = self.config.layer_sizes(self.n_classes)
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
        self.data_loss = reduce(per_point, name=self._data_loss_name())
        self.loss = self._with_penalty(self.data_loss)
        self.probabilities = softmax(forward(self.grid), name="p_grid")

    # **** the penalty, as ops of the graph ****

    def _data_loss_name(self) -> str:
        # Without a penalty the cross-entropy is the loss J, as in the tutorial.
        return "J" if self.config.penalty == "none" else "data_loss"

    def _with_penalty(self, data_loss):
        """J = data_loss + λ · Σ_W (Σ W² or Σ |W|), over the weight matrices only."""
        if self.config.penalty == "none":
            return data_loss
        term, sum_name = _PENALTY_TERMS[self.config.penalty]
        matrices = self.variables[0::2]  # [W1, b1, W2, b2, ...]: the biases are not penalised
        total = None
        for W in matrices:
            part = reduce_sum(term(W), name=sum_name.format(W.name))
            total = part if total is None else add(total, part)
        self.rate = placeholder(name="λ")
        self.penalty = multiply(self.rate, total, name="penalty")
        return add(data_loss, self.penalty, name="J")

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

    @property
    def penalty_rate(self) -> float:
        """λ, fed to the penalty at every run (a feed, not a node's value: no rebuild)."""
        return self._penalty_rate

    @penalty_rate.setter
    def penalty_rate(self, value: float) -> None:
        self._penalty_rate = float(value)

    # **** running it ****

    def input_matrix(self, points) -> np.ndarray:
        """What X is fed for ``points`` (N, 2): their features (N, n_inputs), in the
        model's dtype."""
        return np.asarray(feature_matrix(points, self.config.features), dtype=self.dtype)

    def feed(self, X, one_hot) -> dict:
        """The feed_dict of a training step on points ``X`` (N, 2) with one-hot labels:
        X gets their features, and λ the penalty rate if there is a penalty."""
        feed = {self.X: self.input_matrix(X), self.c: one_hot}
        if self.rate is not None:
            feed[self.rate] = np.asarray(self._penalty_rate, dtype=self.dtype)
        return feed

    def train_step(self, feed_dict) -> float:
        """One step of training; returns the loss before the update."""
        self.session.run(self.train_op, feed_dict)
        return float(self.loss.output)

    def evaluate(self, X, one_hot):
        """Loss J and class probabilities of points ``X`` (N, 2) at the current weights (no update)."""
        loss = self.session.run(self.loss, self.feed(X, one_hot))
        return float(loss), stable_softmax(self.logits.output)

    def predict(self, points) -> np.ndarray:
        """Class probabilities (len(points), n_classes) of points (N, 2), in one batched run of
        the prediction op."""
        return self.session.run(self.probabilities, {self.grid: self.input_matrix(points)})
