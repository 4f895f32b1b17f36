"""Input features: what the model sees of a point, as in TensorFlow Playground (Qt-free).

A point is (x₁, x₂). The model's input ``X`` need not be the point itself: each row can
be any list of functions of it, its *features*, e.g. (x₁, x₂, x₁², x₂²). A perceptron is
linear in its input, so it draws a straight boundary in feature space; with x₁² and x₂²
among the features, a straight line there is a circle (or an ellipse) among the points,
and the perceptron separates the "circles" dataset that no line can.

Features are named in the config by ASCII ids (``FEATURES``), which files store; the
views show ``FEATURE_LABELS``. ``feature_matrix(points, features)`` is what the model's
placeholder X is fed: one column per feature, in the order given.
"""

from __future__ import annotations

import numpy as np

from gdviz.i18n import translate

#: Every feature a model may use, in the order the controls list them.
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
#: The tutorial's input: the point itself.
DEFAULT_FEATURES = ("x1", "x2")
FEATURE_LABELS = {
    "x1": "x₁",
    "x2": "x₂",
    "x1^2": "x₁²",
    "x2^2": "x₂²",
    "x1*x2": "x₁·x₂",
    "sin(x1)": "sin x₁",
    "sin(x2)": "sin x₂",
}

# Words for the ids where symbols cannot go (a widget's object name, a file name).
FEATURE_WORDS = {"x1": "x1", "x2": "x2", "x1^2": "x1Squared", "x2^2": "x2Squared",
                 "x1*x2": "x1TimesX2", "sin(x1)": "sinX1", "sin(x2)": "sinX2"}

# Each feature as a function of the two coordinate columns.
_COLUMNS = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}


def check_features(features) -> None:
    """Raise ValueError naming what is wrong: features must be known ids, at least one,
    none repeated."""
    features = tuple(features)
    if not features:
        raise ValueError(translate("Features", "the model needs at least one input feature, e.g. x1"))
    unknown = [f for f in features if f not in _COLUMNS]
    if unknown:
        raise ValueError(translate("Features", "input feature {feature} is not one of {features}")
                         .format(feature=repr(unknown[0]), features=", ".join(FEATURES)))
    if len(set(features)) != len(features):
        raise ValueError(translate("Features", "input features repeat: {features}")
                         .format(features=", ".join(features)))


def feature_matrix(points, features=DEFAULT_FEATURES) -> np.ndarray:
    """The model's input for ``points``: one row per point, one column per feature.

    Args:
        points: (N, 2) coordinates (x₁, x₂).
        features: feature ids from ``FEATURES``, in the order of the columns.

    Returns:
        (N, len(features)), of the points' float dtype (float32 stays float32, so that the
        boundary grid stays cheap); the points themselves for the default features.
    """
    points = np.asarray(points)
    if points.dtype.kind != "f":
        points = points.astype(float)
    features = tuple(features)
    if features == DEFAULT_FEATURES:
        return points
    check_features(features)
    x1, x2 = points[:, 0], points[:, 1]
    out = np.empty((len(points), len(features)), dtype=points.dtype)
    for j, feature in enumerate(features):
        out[:, j] = _COLUMNS[feature](x1, x2)
    return out


def feature_labels(features=DEFAULT_FEATURES) -> list:
    """How the views write ``features``, e.g. ``["x₁", "x₂", "x₁²"]``."""
    return [FEATURE_LABELS[f] for f in features]


def features_summary(features, shown: int = 3) -> str:
    """``features`` in a few characters, e.g. ``"x₁, x₂, x₁² +2"``: the first ``shown``, then
    how many more."""
    labels = feature_labels(features)
    rest = len(labels) - shown
    return ", ".join(labels[:shown]) + (f" +{rest}" if rest > 0 else "")
