"""Datasets of 2-D points with class labels (Qt-free).

``Dataset`` is the shared currency of the trainer, the boundary view and the files:
points ``X`` (N, 2), integer ``labels`` (N,) in ``range(n_classes)``, and a boolean
``is_test`` mask for the held-out split.

``make_dataset(DatasetConfig(...))`` generates one of ``DATASET_NAMES``. ``noise`` is
relative: 1.0 is each dataset's usual spread (unit variance for the tutorial's clouds),
0 puts every point exactly on its pattern. A fixed ``seed`` makes a scenario
reproducible. Edits (move, add, remove a point) return a new Dataset.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from gdviz.i18n import QT_TRANSLATE_NOOP, translate

DATASET_NAMES = ("tutorial", "xor", "circles", "moons", "spirals", "blobs3", "blobs4")
DATASET_TITLES = {  # the names shown (dataset_title translates them); files keep the identifiers
    "tutorial": QT_TRANSLATE_NOOP("Datasets", "Tutorial: two Gaussian clouds"),
    "xor": QT_TRANSLATE_NOOP("Datasets", "XOR"),
    "circles": QT_TRANSLATE_NOOP("Datasets", "Two circles"),
    "moons": QT_TRANSLATE_NOOP("Datasets", "Two moons"),
    "spirals": QT_TRANSLATE_NOOP("Datasets", "Two spirals"),
    "blobs3": QT_TRANSLATE_NOOP("Datasets", "Gaussian blobs, 3 classes"),
    "blobs4": QT_TRANSLATE_NOOP("Datasets", "Gaussian blobs, 4 classes"),
}
MAX_TEST_FRACTION = 0.5


def dataset_title(name: str) -> str:
    """The name of dataset ``name`` (an identifier of DATASET_NAMES) in the language chosen."""
    return translate("Datasets", DATASET_TITLES[name]) if name in DATASET_TITLES else name


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

    # **** edits: each returns a new Dataset ****

    def with_point_moved(self, index: int, x: float, y: float) -> "Dataset":
        """A copy in which point ``index`` sits at (x, y)."""
        X = self.X.copy()
        X[index] = (x, y)
        return self.with_points(X, self.labels, self.is_test)

    def with_point_added(self, x: float, y: float, label: int, is_test: bool = False) -> "Dataset":
        """A copy with one more point, appended at the end."""
        if not 0 <= label < self.n_classes:
            raise ValueError(translate("Datasets", "label {label} is not a class of this dataset "
                                       "(0..{last})").format(label=label, last=self.n_classes - 1))
        return self.with_points(
            np.vstack([self.X, [[x, y]]]),
            np.append(self.labels, label),
            np.append(self.is_test, is_test),
        )

    def with_point_removed(self, index: int) -> "Dataset":
        """A copy without point ``index``."""
        keep = np.arange(len(self)) != index
        return self.with_points(self.X[keep], self.labels[keep], self.is_test[keep])

    @property
    def train_mask(self) -> np.ndarray:
        """True for the points training sees."""
        return ~self.is_test


def data_extent(dataset: Dataset, margin: float = 0.15) -> tuple:
    """The square-ish box (xmin, xmax, ymin, ymax) around the points, with a margin.

    Args:
        dataset: the points.
        margin: extra room on each side, as a fraction of the larger side.

    Returns:
        (xmin, xmax, ymin, ymax); a box of side 2 around the origin for no points.
    """
    if len(dataset) == 0:
        return (-1.0, 1.0, -1.0, 1.0)
    lo, hi = dataset.X.min(axis=0), dataset.X.max(axis=0)
    side = max(float(np.max(hi - lo)), 1e-6)
    pad = margin * side + 0.5
    return (float(lo[0] - pad), float(hi[0] + pad), float(lo[1] - pad), float(hi[1] + pad))


# **** generators: each returns (X, labels, n_classes) ****


def _split_counts(n: int, k: int) -> list:
    """n points shared among k classes as evenly as possible."""
    return [n // k + (1 if i < n % k else 0) for i in range(k)]


def _tutorial(n, noise, rng):
    # As the tutorial draws them (gdviz.lesson.tutorial.tutorial_points): red first from the
    # generator, then blue; blue comes first in X with label 0 ([1, 0]), red label 1.
    n_blue, n_red = _split_counts(n, 2)
    red = noise * rng.standard_normal((n_red, 2)) - 2
    blue = noise * rng.standard_normal((n_blue, 2)) + 2
    return np.vstack([blue, red]), np.repeat([0, 1], [n_blue, n_red]), 2


def _xor(n, noise, rng):
    # Four clusters on the corners; opposite corners share a class.
    corners = np.array([[1, 1], [-1, -1], [1, -1], [-1, 1]], dtype=float)
    counts = _split_counts(n, 4)
    X = np.vstack([c + 0.35 * noise * rng.standard_normal((k, 2)) for c, k in zip(corners, counts)])
    return X, np.repeat([0, 0, 1, 1], counts), 2


def _circles(n, noise, rng):
    counts = _split_counts(n, 2)
    parts = []
    for radius, k in zip((2.0, 0.8), counts):
        angle = rng.uniform(0, 2 * np.pi, k)
        r = radius + 0.2 * noise * rng.standard_normal(k)
        parts.append(np.column_stack([r * np.cos(angle), r * np.sin(angle)]))
    return np.vstack(parts), np.repeat([0, 1], counts), 2


def _moons(n, noise, rng):
    k0, k1 = _split_counts(n, 2)
    a0 = rng.uniform(0, np.pi, k0)
    a1 = rng.uniform(0, np.pi, k1)
    upper = np.column_stack([np.cos(a0), np.sin(a0)])
    lower = np.column_stack([1 - np.cos(a1), 0.5 - np.sin(a1)])
    X = np.vstack([upper, lower]) + 0.12 * noise * rng.standard_normal((n, 2))
    return 1.5 * (X - [0.5, 0.25]), np.repeat([0, 1], [k0, k1]), 2


def _spirals(n, noise, rng):
    counts = _split_counts(n, 2)
    parts = []
    for arm, k in enumerate(counts):
        t = np.sqrt(rng.uniform(0.05, 1, k)) * 3 * np.pi  # denser near the centre
        angle = t + arm * np.pi
        r = t / np.pi
        xy = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
        parts.append(xy + 0.15 * noise * rng.standard_normal((k, 2)))
    return np.vstack(parts), np.repeat([0, 1], counts), 2


def _blobs(k_classes):
    def generate(n, noise, rng):
        counts = _split_counts(n, k_classes)
        angles = 2 * np.pi * np.arange(k_classes) / k_classes + np.pi / 4
        centres = 2.5 * np.column_stack([np.cos(angles), np.sin(angles)])
        X = np.vstack([c + 0.8 * noise * rng.standard_normal((k, 2)) for c, k in zip(centres, counts)])
        return X, np.repeat(np.arange(k_classes), counts), k_classes

    return generate


_GENERATORS = {
    "tutorial": _tutorial,
    "xor": _xor,
    "circles": _circles,
    "moons": _moons,
    "spirals": _spirals,
    "blobs3": _blobs(3),
    "blobs4": _blobs(4),
}


def make_dataset(config: DatasetConfig = DatasetConfig()) -> Dataset:
    """Generate the dataset ``config`` describes, with its held-out split.

    Args:
        config: which dataset, its size, relative noise, test fraction (0 to 0.5) and seed.

    Returns:
        A Dataset named ``config.name``; the same config always gives the same points.

    Raises:
        ValueError: an unknown name, fewer than 2 points, negative noise, or a test
            fraction outside 0..0.5.
    """
    if config.name not in _GENERATORS:
        raise ValueError(translate("Datasets", "unknown dataset {name}: choose one of {names}")
                         .format(name=repr(config.name), names=", ".join(DATASET_NAMES)))
    if config.n_points < 2:
        raise ValueError(translate("Datasets", "a dataset needs at least 2 points, not {count}")
                         .format(count=config.n_points))
    if config.noise < 0:
        raise ValueError(translate("Datasets", "noise must be 0 or more, not {noise}").format(noise=config.noise))
    if not 0 <= config.test_fraction <= MAX_TEST_FRACTION:
        raise ValueError(translate("Datasets", "test_fraction must be between 0 and {most}, not {fraction}")
                         .format(most=MAX_TEST_FRACTION, fraction=config.test_fraction))
    rng = np.random.default_rng(config.seed)
    X, labels, n_classes = _GENERATORS[config.name](config.n_points, config.noise, rng)
    # The split has its own generator so that changing it does not move the points.
    split_rng = np.random.default_rng([config.seed, 1])
    n_test = int(round(config.test_fraction * len(labels)))
    is_test = np.zeros(len(labels), dtype=bool)
    is_test[split_rng.permutation(len(labels))[:n_test]] = True
    return Dataset(X, labels, n_classes, is_test, name=config.name)
