"""Datasets of 2-D points with class labels (Qt-free).

``Dataset`` is the shared currency of the trainer, the boundary view and the files:
points ``X`` (N, 2), integer ``labels`` (N,) in ``range(n_classes)``, and a boolean
``is_test`` mask for the held-out split.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

DATASET_NAMES = ("tutorial", "xor", "circles", "moons", "spirals", "blobs3", "blobs4")


@dataclass(frozen=True)
class DatasetConfig:
    """How to generate a dataset: which one, how many points, how noisy, the split."""

    name: str = "tutorial"
    n_points: int = 100
    noise: float = 1.0
    test_fraction: float = 0.0
    seed: int = 0


@dataclass(frozen=True, eq=False)
class Dataset:
    """Points, labels and the train/test split. Arrays are never mutated: edits make a new Dataset."""

    X: np.ndarray
    labels: np.ndarray
    n_classes: int = 2
    is_test: np.ndarray = field(default=None)
    name: str = "custom"

    def __post_init__(self):
        X = np.array(self.X, dtype=float).reshape(-1, 2)
        labels = np.array(self.labels, dtype=int).reshape(-1)
        is_test = (
            np.zeros(len(labels), dtype=bool)
            if self.is_test is None
            else np.array(self.is_test, dtype=bool).reshape(-1)
        )
        for a in (X, labels, is_test):
            a.flags.writeable = False
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "is_test", is_test)

    def __len__(self):
        return len(self.labels)

    def one_hot(self, mask=None) -> np.ndarray:
        """Labels as one-hot rows (N, n_classes), as the tutorial's ``c`` placeholder."""
        labels = self.labels if mask is None else self.labels[mask]
        return np.eye(self.n_classes)[labels]

    def with_points(self, X, labels, is_test=None) -> "Dataset":
        """A copy with other points (an edit), keeping classes and name."""
        return replace(self, X=X, labels=labels, is_test=is_test)
