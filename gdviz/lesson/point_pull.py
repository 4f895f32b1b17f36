"""Points that show their pull: each training point's own term of J and gradient (Qt-free).

The loss J is a sum over the training points (divided by N with the "mean" reduction),
plus the penalty if there is one:

    J = Σᵢ tᵢ + penalty,   tᵢ = ℓᵢ / N  ("mean")  or  ℓᵢ  ("sum"),

where ℓᵢ = −log pᵢ(its class) is the point's own cross-entropy. So every gradient of J
splits into one share per point, plus the penalty's part:

- ∂J/∂xᵢ, the pull on the point itself: which way moving it would raise the loss. The
  engine differentiates with respect to the placeholder X when asked to; with input
  features beyond x₁, x₂ the chain rule takes X's row back to the point's (x₁, x₂).
- point i's share of ∂J/∂W: the matmul's gradient is Xᵀ·G = Σᵢ xᵢᵀ gᵢ, one outer product
  per row, since every op between X and J works row by row (a point's activations depend
  on that point only). So the share is hᵢᵀ gᵢ, with hᵢ the row of the matmul's input and
  gᵢ the row of the gradient the backward pass brought to the matmul's output; for a
  bias b, added to every row, the share is gᵢ.

The shares of all points add up to the data part of ∂J/∂W exactly; with a penalty,
``penalty_gradients`` is the rest. With mini-batches a training step's J is over its
batch; here J is over the whole training set, as the curves record it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdviz.engine import compute_gradients
from gdviz.engine.ops import add, matmul, negative, reduce_mean, reduce_sum
from gdviz.i18n import translate
from gdviz.training.datasets import Dataset

# ∂(feature)/∂(x₁, x₂) of each input feature (gdviz.training.features), as functions of x₁, x₂.
FEATURE_DERIVATIVES = {
    "x1": lambda x1, x2: (1.0, 0.0),
    "x2": lambda x1, x2: (0.0, 1.0),
    "x1^2": lambda x1, x2: (2.0 * x1, 0.0),
    "x2^2": lambda x1, x2: (0.0, 2.0 * x2),
    "x1*x2": lambda x1, x2: (x2, x1),
    "sin(x1)": lambda x1, x2: (np.cos(x1), 0.0),
    "sin(x2)": lambda x1, x2: (0.0, np.cos(x2)),
}


@dataclass(frozen=True)
class PointPull:
    """What one point does to J and to its gradient, at the model's current weights.

    ``term``: its own term of J (ℓ/N with "mean", ℓ with "sum"); ``own_loss``: ℓ itself.
    ``dx``: ∂J/∂(x₁, x₂) of the point (zero for a test point: J does not see it).
    ``shares``: Variable name -> the point's share of ∂J/∂(that Variable), in the model's
    order; ``totals``: name -> the whole ∂J/∂(that Variable), for scale.
    """

    index: int
    label: int
    is_test: bool
    own_loss: float
    term: float
    dx: np.ndarray
    shares: dict
    totals: dict


# **** the point's own loss ****


def _per_point_node(model):
    """(node of each point's Σ c·log p or cross-entropy, sign, reduction op) in the model's graph.

    The models build ``data_loss = reduce(per_point)`` (MLP, per_point = the cross-entropy)
    or ``negative(reduce(Σ c ⊙ log p))`` (the tutorial's perceptron).
    """
    node, sign = model.data_loss, 1.0
    if isinstance(node, negative):
        node, sign = node.input_nodes[0], -1.0
    if not isinstance(node, (reduce_mean, reduce_sum)) or node.axis is not None:
        raise TypeError(f"the data loss '{model.data_loss.name}' is not a sum or mean over points")
    return node.input_nodes[0], sign, node


def _scale(model, n_train: int) -> float:
    """What a point's own loss is multiplied by in J: 1/N for the mean, 1 for the sum."""
    return 1.0 / n_train if isinstance(_per_point_node(model)[2], reduce_mean) else 1.0


def own_losses(model, dataset: Dataset) -> np.ndarray:
    """Each point's own cross-entropy ℓᵢ = −log pᵢ(its class), test points included.

    Returns:
        (len(dataset),) at the model's current weights; inf where the tutorial's literal
        log meets p = 0 (a diverged perceptron).
    """
    if len(dataset) == 0:
        return np.zeros(0)
    per_point, sign, _ = _per_point_node(model)
    feed = model.feed(dataset.X, dataset.one_hot())
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        model.session.run(model.data_loss, feed)
        values = sign * np.asarray(per_point.output, dtype=float)
    return np.where(np.isnan(values), np.inf, values)


def per_point_loss(model, dataset: Dataset) -> np.ndarray:
    """Each point's own term of J, in the reduction's scale (with "mean": its loss / N).

    N counts the training points, and the training points' terms add up to J's data
    part (J itself without a penalty). A test point's entry is the term it would add if
    it were trained on, at the same scale.

    Args:
        model: a ``gdviz.training.models.Model`` at the weights to look at.
        dataset: the points.

    Returns:
        (len(dataset),) floats.
    """
    n_train = int(np.count_nonzero(dataset.train_mask))
    return own_losses(model, dataset) * _scale(model, max(n_train, 1))


# **** the point's pull ****


def _run_training_set(model, dataset: Dataset):
    """Run J on the training points and take every gradient towards the Variables and X."""
    train = dataset.train_mask
    if not np.any(train):
        raise ValueError("there are no training points, so J and its gradients are not defined")
    feed = model.feed(dataset.X[train], dataset.one_hot(train))
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        model.session.run(model.loss, feed)
        grad_table = compute_gradients(model.loss, wrt=[*model.variables, model.X])
    return train, grad_table


def _data_consumer(variable, grad_table):
    """The op through which the points reach ``variable``: X·W (or h·W) for a matrix,
    the add of a bias. The penalty's ops are the other consumers."""
    for consumer in variable.consumers:
        if consumer not in grad_table:
            continue  # off the path to J: the boundary grid's prediction
        if isinstance(consumer, (matmul, add)) and consumer.input_nodes[1] is variable:
            return consumer
    raise TypeError(f"Variable '{variable.name}' does not reach J through a matmul or an add")


def _share_rows(variable, grad_table, rows):
    """Shares of ∂J/∂variable of the training rows ``rows``: (len(rows), *variable.shape)."""
    consumer = _data_consumer(variable, grad_table)
    g = grad_table[consumer][rows]  # what each row's term sends back to the op's output
    if isinstance(consumer, add):
        return g  # the bias is added to every row: each row's gradient is its share
    h = consumer.input_nodes[0].output[rows]  # the rows the weight matrix multiplies
    return h[:, :, None] * g[:, None, :]  # one outer product hᵢᵀ gᵢ per row


def _input_pull(model, point, g_row) -> np.ndarray:
    """∂J/∂(x₁, x₂) from ∂J/∂(the point's row of X): the features' chain rule."""
    x1, x2 = float(point[0]), float(point[1])
    jacobian = np.array([FEATURE_DERIVATIVES[f](x1, x2) for f in model.config.features], dtype=float)
    return np.asarray(g_row, dtype=float) @ jacobian


def point_pull(model, dataset: Dataset, index: int) -> PointPull:
    """The pull of point ``index``: its ∂J/∂x and its share of every Variable's gradient.

    Args:
        model: a ``gdviz.training.models.Model`` at the weights to look at.
        dataset: the points; J is over its training points.
        index: a point of ``dataset``.

    Returns:
        A PointPull. The shares of all training points add up to the data part of each
        Variable's gradient (see ``point_shares``).

    Raises:
        IndexError: no such point. ValueError: no training points.
    """
    if not 0 <= index < len(dataset):
        raise IndexError(f"point {index} is not one of the {len(dataset)} points")
    own = float(own_losses(model, dataset)[index])
    train, grad_table = _run_training_set(model, dataset)
    n_train = int(np.count_nonzero(train))
    totals = {v.name: np.array(grad_table[v], dtype=float) for v in model.variables}
    is_test = bool(dataset.is_test[index])
    if is_test:
        shares = {v.name: np.zeros(v.value.shape) for v in model.variables}
        dx = np.zeros(2)
    else:
        row = int(np.count_nonzero(train[:index]))  # the point's row among the training rows
        shares = {v.name: np.array(_share_rows(v, grad_table, [row])[0], dtype=float)
                  for v in model.variables}
        dx = _input_pull(model, dataset.X[index], grad_table[model.X][row])
    return PointPull(int(index), int(dataset.labels[index]), is_test, own,
                     own * _scale(model, n_train), dx, shares, totals)


def point_shares(model, dataset: Dataset) -> dict:
    """Every training point's share of every Variable's gradient at once.

    Returns:
        Variable name -> (n_train, *shape): row r is the r-th training point's share;
        summed over the rows, the data part of ∂J/∂(that Variable).
    """
    _, grad_table = _run_training_set(model, dataset)
    rows = slice(None)
    return {v.name: np.array(_share_rows(v, grad_table, rows), dtype=float) for v in model.variables}


def input_gradients(model, dataset: Dataset) -> np.ndarray:
    """∂J/∂(x₁, x₂) of every training point: (n_train, 2)."""
    train, grad_table = _run_training_set(model, dataset)
    g = grad_table[model.X]
    points = dataset.X[train]
    return np.array([_input_pull(model, p, row) for p, row in zip(points, g)]).reshape(-1, 2)


def penalty_gradients(model, dataset: Dataset) -> dict:
    """Variable name -> ∂(penalty)/∂(that Variable): the part of ∂J no point owns (zeros
    without a penalty)."""
    if model.penalty is None:
        return {v.name: np.zeros(v.value.shape) for v in model.variables}
    _run_training_set(model, dataset)
    table = compute_gradients(model.penalty, wrt=model.variables)
    return {v.name: np.array(table[v], dtype=float) if v in table else np.zeros(v.value.shape)
            for v in model.variables}


def whole_gradients(model, dataset: Dataset) -> dict:
    """Variable name -> ∂J/∂(that Variable) over the training points, as training takes it."""
    _, grad_table = _run_training_set(model, dataset)
    return {v.name: np.array(grad_table[v], dtype=float) for v in model.variables}


# **** the point's term in the backprop player's sum ****


def training_row(dataset: Dataset, index: int, batch=None) -> int | None:
    """Which row of the fed X point ``index`` is: among the training points, or among the
    step's mini-batch ``batch`` (dataset indices, increasing); None if it was not fed."""
    if not 0 <= index < len(dataset) or dataset.is_test[index]:
        return None
    if batch is None:
        return int(np.count_nonzero(dataset.train_mask[:index]))
    where = np.flatnonzero(np.asarray(batch) == index)
    return int(where[0]) if len(where) else None


def row_term_html(step, row: int, loss_name: str, grads: dict, values: dict) -> str:
    """One row's term of a matmul's weight gradient, for the player's explanation.

    On the step that dequeues a weight matrix W fed by ``h · W``, ∂J/∂W = hᵀ·G sums one
    outer product per row: this says which is row ``row``'s and what it is.

    Args:
        step: a ``BackpropStep`` (the player's current step).
        row: the row of X (a point) to single out.
        loss_name: the loss's name (J).
        grads, values: node -> gradient and node -> value, from the traces.

    Returns:
        HTML, or "" when the step is not a matmul's weight or has no such row.
    """
    for flow in getattr(step, "flows", ()):  # an optimizer's UpdateStep has none
        consumer = flow.consumer
        if not isinstance(consumer, matmul) or flow.slot != 1:
            continue
        h, g = values.get(consumer.input_nodes[0]), grads.get(consumer)
        if h is None or g is None or np.ndim(h) != 2 or not 0 <= row < len(h):
            return ""
        term = np.outer(h[row], g[row])
        cells = ", ".join(f"{v:.3g}" if v else "0" for v in term.ravel()[:6])
        more = ", …" if term.size > 6 else ""
        name = consumer.input_nodes[0].name
        text = translate("PointPull", "Point row {row}'s term of {name}ᵀ·G: {name}[{row}]ᵀ · "
                                      "∂{loss}/∂{consumer}[{row}] = <code>[{cells}]</code> "
                                      "(norm {norm})").format(
            row=row, name=name, loss=loss_name, consumer=consumer.name, cells=cells + more,
            norm=f"{np.linalg.norm(term):.3g}")
        return f"<span style='background:#ffe9a8'>{text}</span>"
    return ""
