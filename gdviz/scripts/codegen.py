"""The scenario on screen as a script a learner can copy: tutorial-API Python code (Qt-free).

``scenario_code(model_config, dataset, weights)`` writes code that builds the same graph
as ``gdviz.training.models.Model`` for that config, node for node: the tutorial's
perceptron ``J = −Σ c ⊙ log softmax(XW + b)`` (its outer sum a ``reduce_mean`` when
the reduction is "mean"), or an MLP with its activation and the fused
``softmax_cross_entropy``; the same optimizer; the current weights and the training
points (the ones training sees: held-out points are left out) written in full, every
float with ``repr`` so that the numbers are exactly the app's. Run, it trains a few
steps and prints the loss; imported or exec'd, it only builds the graph.

A dataset of more than MAX_EMBEDDED_POINTS training points is cut to its first
MAX_EMBEDDED_POINTS (a comment says so), unless ``csv_path`` is given: then the code
reads the points from that CSV file (gdviz's ``x,y,label[,is_test]`` format).
"""

from __future__ import annotations

import numpy as np

from gdviz.i18n import translate
from gdviz.training.models import ModelConfig, initial_weights

MAX_EMBEDDED_POINTS = 500
TRAINING_STEPS = 100  # what the code's __main__ part runs
PRINT_EVERY = 10
OPTIMIZER_CODE = {
    "gd": "GradientDescentOptimizer(learning_rate={lr!r})",
    "momentum": "MomentumOptimizer(learning_rate={lr!r}, momentum=0.9)",
    "adam": "AdamOptimizer(learning_rate={lr!r})",
}
OPTIMIZER_NAMES = {"gd": "GradientDescentOptimizer", "momentum": "MomentumOptimizer",
                   "adam": "AdamOptimizer"}


def scenario_code(model_config: ModelConfig, dataset, weights=None, csv_path=None) -> str:
    """Python code, in the tutorial's API, that builds this scenario's model.

    Args:
        model_config: the model (gdviz.training.models.ModelConfig).
        dataset: a gdviz.training.datasets.Dataset; its training points are used.
        weights: the current weights [W1, b1, ...] (``Model.get_weights()``); by default
            the config's starting weights.
        csv_path: read the points from this CSV file instead of writing them out.

    Returns:
        The code, a complete script.
    """
    model_config.validate()
    if weights is None:
        weights = initial_weights(model_config, dataset.n_classes)
    weights = [np.asarray(w, dtype=float) for w in weights]
    parts = [
        _header(model_config, dataset),
        _points(dataset, csv_path),
        _graph(model_config, weights),
        _training(model_config),
    ]
    return "\n\n".join(parts) + "\n"


# **** the pieces ****


def _header(config: ModelConfig, dataset) -> str:
    ops = ["Graph", "Session", "Variable", "placeholder", "add", "matmul",
           OPTIMIZER_NAMES[config.optimizer]]
    if config.kind == "perceptron":
        ops += ["log", "multiply", "negative", "reduce_sum", "softmax"]
    else:
        ops += [config.activation, "softmax_cross_entropy"]
    ops.append("reduce_mean" if config.reduction == "mean" else "reduce_sum")
    imports = _wrapped(", ".join(sorted(set(ops), key=str.lower)), "    ")
    written = translate("ScenarioCode", "Written by gdviz from the scenario on screen: the same "
                                        "graph, weights and\npoints as the app's. Run it to take a "
                                        "few steps of training.")
    return (f'"""{_describe(config, dataset)}\n\n{written}\n"""\n\n'
            "import numpy as np\n\n"
            f"from gdviz.engine import (\n{imports}\n)")


def _describe(config: ModelConfig, dataset) -> str:
    """The docstring's first sentence: the model, the points and the training."""
    fields = {"dataset": repr(dataset.name), "classes": dataset.n_classes,
              "optimizer": OPTIMIZER_NAMES[config.optimizer]}
    mean = config.reduction == "mean"
    if config.kind == "perceptron":
        if mean:
            text = translate("ScenarioCode", "The tutorial's perceptron on {dataset} ({classes} "
                                             "classes),\ntrained by {optimizer} on the mean loss.")
        else:
            text = translate("ScenarioCode", "The tutorial's perceptron on {dataset} ({classes} "
                                             "classes),\ntrained by {optimizer} on the sum loss.")
        return text.format(**fields)
    fields.update(widths=", ".join(str(int(w)) for w in config.hidden), activation=config.activation)
    if mean:
        text = translate("ScenarioCode", "An MLP with hidden layers of {widths} {activation} neurons "
                                         "on {dataset} ({classes} classes),\ntrained by {optimizer} "
                                         "on the mean loss.")
    else:
        text = translate("ScenarioCode", "An MLP with hidden layers of {widths} {activation} neurons "
                                         "on {dataset} ({classes} classes),\ntrained by {optimizer} "
                                         "on the sum loss.")
    return text.format(**fields)


def _comment(text: str) -> str:
    """``text`` as comment lines: each of its lines after "# "."""
    return "\n".join(f"# {line}" for line in text.split("\n")) + "\n"


def _points(dataset, csv_path) -> str:
    train = dataset.train_mask
    X, labels = dataset.X[train], dataset.labels[train]
    held_out = int((~train).sum())
    note = _comment(translate("ScenarioCode", "{count} held-out (test) points are left out: training "
                                              "does not see them.").format(count=held_out)) \
        if held_out else ""
    one_hot = translate("ScenarioCode", "the tutorial's c: one row per point")
    if csv_path is not None:
        read = translate("ScenarioCode", "The points, read from a CSV file (columns x, y, label and "
                                         "maybe is_test).")
        return (f"{_comment(read)}{note}"
                f"data = np.genfromtxt({str(csv_path)!r}, delimiter=\",\", names=True)\n"
                "train = (data[\"is_test\"] == 0 if \"is_test\" in data.dtype.names\n"
                "         else np.ones(len(data), dtype=bool))\n"
                "points = np.column_stack((data[\"x\"], data[\"y\"]))[train]\n"
                "labels = data[\"label\"][train].astype(int)\n"
                f"one_hot = np.eye({dataset.n_classes})[labels]  # {one_hot}")
    if len(X) > MAX_EMBEDDED_POINTS:
        note += _comment(translate("ScenarioCode", "Only the first {shown} of the {count} training "
                                                   "points are written here:\nsave the dataset as "
                                                   "CSV and read it for all of them.").format(
            shown=MAX_EMBEDDED_POINTS, count=len(X)))
        X, labels = X[:MAX_EMBEDDED_POINTS], labels[:MAX_EMBEDDED_POINTS]
    rows = "\n".join(f"    [{x!r}, {y!r}]," for x, y in X.tolist())
    label_text = _wrapped(", ".join(str(int(v)) for v in labels), "    ")
    points = translate("ScenarioCode", "The training points, one (x, y) per row, and their classes.")
    return (f"{_comment(points)}{note}"
            f"points = np.array([\n{rows}\n])\n"
            f"labels = np.array([\n{label_text}\n], dtype=int)\n"
            f"one_hot = np.eye({dataset.n_classes})[labels]  # {one_hot}")


def _graph(config: ModelConfig, weights) -> str:
    lines = ["Graph().as_default()",
             'X = placeholder(name="X")  # ' + translate("ScenarioCode", "the points"),
             'c = placeholder(name="c")  # ' + translate("ScenarioCode", "their one-hot classes"),
             "",
             "# " + translate("ScenarioCode", "The weights as they are now")]
    names = ["W", "b"] if config.kind == "perceptron" else [
        f"{p}{i}" for i in range(1, len(weights) // 2 + 1) for p in ("W", "b")]
    for name, value in zip(names, weights):
        lines.append(f'{name} = Variable(np.array({_literal(value)}), name="{name}")')
    lines.append("")
    reduce = "reduce_mean" if config.reduction == "mean" else "reduce_sum"
    if config.kind == "perceptron":
        if config.reduction == "mean":
            cross_entropy = translate("ScenarioCode", "The cross-entropy: summed over the classes, "
                                                      "then the mean over the points")
        else:
            cross_entropy = translate("ScenarioCode", "The cross-entropy: summed over the classes, "
                                                      "then the sum over the points")
        lines += [
            "# " + translate("ScenarioCode", "The perceptron: a probability for each class"),
            'p = softmax(add(matmul(X, W), b), name="p")',
            "# " + cross_entropy,
            f'J = negative({reduce}(reduce_sum(multiply(c, log(p)), axis=1)), name="J")',
        ]
    else:
        layers = len(weights) // 2
        h = "X"
        lines.append("# " + translate("ScenarioCode", "The hidden layers ({activation}), then the "
                                                      "output layer's logits").format(
            activation=config.activation))
        for i in range(1, layers):
            lines.append(f'h{i} = {config.activation}(add(matmul({h}, W{i}), b{i}), name="h{i}")')
            h = f"h{i}"
        if config.reduction == "mean":
            cross_entropy = translate("ScenarioCode", "The cross-entropy of softmax(logits), one per "
                                                      "point (stable: never log 0),\nthen the mean "
                                                      "over the points")
        else:
            cross_entropy = translate("ScenarioCode", "The cross-entropy of softmax(logits), one per "
                                                      "point (stable: never log 0),\nthen the sum "
                                                      "over the points")
        lines += [
            f'logits = add(matmul({h}, W{layers}), b{layers}, name="logits")',
            _comment(cross_entropy).rstrip("\n"),
            f'J = {reduce}(softmax_cross_entropy(logits, c), name="J")',
        ]
    optimizer = OPTIMIZER_CODE[config.optimizer].format(lr=float(config.learning_rate))
    lines += ["", "# " + translate("ScenarioCode", "Each run of this op is one step of training"),
              f"minimization_op = {optimizer}.minimize(J)"]
    return "\n".join(lines)


def _training(config: ModelConfig) -> str:
    return ("feed_dict = {X: points, c: one_hot}\n"
            "session = Session()\n\n"
            'if __name__ == "__main__":\n'
            f"    for step in range({TRAINING_STEPS}):\n"
            "        J_value = session.run(J, feed_dict)\n"
            f"        if step % {PRINT_EVERY} == 0:\n"
            '            print("Step:", step, " Loss:", J_value)\n'
            "        session.run(minimization_op, feed_dict)")


# **** numbers as code ****


def _literal(value: np.ndarray) -> str:
    """A nested-list literal of ``value`` with every float's exact ``repr``."""
    if value.ndim == 0:
        return repr(float(value))
    if value.ndim == 1:
        return "[" + ", ".join(repr(float(v)) for v in value) + "]"
    rows = ",\n    ".join(_literal(row) for row in value)
    return "[\n    " + rows + ",\n]"


def _wrapped(text: str, indent: str, width: int = 88) -> str:
    """``text`` (comma-separated) broken into lines of at most ``width`` characters."""
    lines, line = [], ""
    for item in text.split(", "):
        candidate = f"{line}, {item}" if line else item
        if len(indent) + len(candidate) + 1 > width and line:
            lines.append(indent + line + ",")
            line = item
        else:
            line = candidate
    if line:
        lines.append(indent + line + ",")
    return "\n".join(lines)
