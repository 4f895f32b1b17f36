"""Open and save datasets (CSV, JSON) and whole sessions (``.gdviz`` JSON) (Qt-free).

Saving is atomic: the text goes to a temporary file in the target's folder, is fsynced and
then renamed over the target with ``os.replace``, so a failure halfway leaves the old file
intact. Loading validates everything before it builds anything: a bad file raises
``FileFormatError`` naming what is wrong and where (a CSV line, a JSON line and column, or a
JSON path such as ``$.dataset.X[3][1]``), and no partial state is ever returned.

A session file (format version 1) is one JSON object::

    {
      "format": "gdviz-session",          # required
      "format_version": 1,                 # required
      "dataset": {"name": ..., "n_classes": 2, "X": [[x, y], ...],
                  "labels": [0, 1, ...], "is_test": [false, ...]},   # required
      "dataset_config": {DatasetConfig fields},   # missing fields take their defaults
      "model_config": {ModelConfig fields},       # required; missing fields: defaults
      "weights": {"W": [[...], [...]], "b": [...]},  # {} = fresh from model_config.seed
      "step": 0,
      "loss_history": [[step, loss], ...],       # as the trainer's History records them
      "accuracy_history": [[step, accuracy], ...],    # optional
      "test_loss_history": [[step, loss], ...],       # optional
      "view_settings": {...}                 # any JSON object, owned by the views
    }

Weights are named as the model names its Variables: ``W``, ``b`` for the perceptron,
``W1, b1, ..., Wk, bk`` for an MLP, in that order, with the shapes the model needs.

A dataset JSON file is the ``dataset`` object plus ``"format": "gdviz-dataset"`` and
``"format_version": 1``. A dataset CSV file has the header ``x,y,label`` (and ``is_test``
when the dataset has a test split), one point per line.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import tempfile
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Callable, Mapping

import numpy as np

from gdviz.session.file_checks import (
    Problem,
    describe,
    dumps,
    expect_list,
    expect_object,
    integer,
    number,
    number_array,
    parse_json,
    read_text,
)
from gdviz.training.datasets import DATASET_NAMES, MAX_TEST_FRACTION, Dataset, DatasetConfig
from gdviz.training.models import ACTIVATIONS, MODEL_KINDS, OPTIMIZERS, REDUCTIONS, ModelConfig

FORMAT_VERSION = 1
SESSION_FORMAT = "gdviz-session"
DATASET_FORMAT = "gdviz-dataset"
SESSION_SUFFIX = ".gdviz"
MAX_POINTS = 100_000
MAX_CLASSES = 10
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_HISTORY = 2_000_000
MAX_WEIGHT_VALUES = 2_000_000
CSV_COLUMNS = ("x", "y", "label")


class FileFormatError(ValueError):
    """A file gdviz refuses to open: ``where`` in ``path`` ``problem`` is wrong.

    Attributes:
        path: the file, as given.
        where: a location such as ``line 7`` or ``$.dataset.X[3][1]`` ("" for the whole file).
        problem: what is wrong, in words a user can act on.
    """

    def __init__(self, path, where: str, problem: str):
        self.path, self.where, self.problem = path, where, problem
        name = Path(path).name if path is not None else "file"
        super().__init__(f"{name}, {where}: {problem}" if where else f"{name}: {problem}")


@dataclass(frozen=True, eq=False)
class Session:
    """Everything a ``.gdviz`` file holds: the data, the settings and where training got to.

    ``weights`` maps parameter names to arrays in model order (``parameter_names``); empty
    means "initialise the model fresh from ``model_config.seed``". Each history is an array
    (K, 2) of (step, value) rows. ``view_settings`` belongs to the views.
    """

    dataset: Dataset
    model_config: ModelConfig = ModelConfig()
    dataset_config: DatasetConfig = DatasetConfig()
    weights: Mapping[str, np.ndarray] = field(default_factory=dict)
    step: int = 0
    loss_history: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    accuracy_history: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    test_loss_history: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    view_settings: Mapping = field(default_factory=dict)

    def __post_init__(self):
        weights = {str(k): np.array(v, dtype=float) for k, v in dict(self.weights).items()}
        for a in weights.values():
            a.flags.writeable = False
        object.__setattr__(self, "weights", weights)
        for name in HISTORIES:
            history = np.array(getattr(self, name), dtype=float).reshape(-1, 2)
            history.flags.writeable = False
            object.__setattr__(self, name, history)
        object.__setattr__(self, "view_settings", dict(self.view_settings))

    def __repr__(self):
        return (f"Session({self.dataset.name!r}, {len(self.dataset)} points, "
                f"{self.model_config}, step={self.step})")

    def weight_list(self) -> list:
        """The weights as the model takes them (``Model(config, n, weights)``): [W1, b1, ...]."""
        return [w.copy() for w in self.weights.values()]


HISTORIES = ("loss_history", "accuracy_history", "test_loss_history")


def parameter_names(config: ModelConfig) -> list:
    """The model's Variables in order: ``["W", "b"]`` or ``["W1", "b1", ..., "Wk", "bk"]``."""
    if config.kind == "perceptron":
        return ["W", "b"]
    return [f"{p}{i}" for i in range(1, len(config.hidden) + 2) for p in ("W", "b")]


def parameter_shapes(config: ModelConfig, n_classes: int) -> dict:
    """``{name: shape}`` of the model's Variables, e.g. ``{"W": (2, 2), "b": (2,)}``."""
    sizes = config.layer_sizes(2, n_classes)
    shapes = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        shapes += [(fan_in, fan_out), (fan_out,)]
    return dict(zip(parameter_names(config), shapes))


def named_weights(config: ModelConfig, weights) -> dict:
    """The model's weight list [W1, b1, ...] (e.g. ``Snapshot.weights``) named for a Session."""
    return dict(zip(parameter_names(config), (np.array(w, dtype=float) for w in weights)))


# **** atomic saving ****


def atomic_write_text(path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` so that either all of it lands or nothing changes.

    Args:
        path: the file to write; a symlink is followed and its target replaced.
        text: the whole new content.

    Raises:
        OSError: the folder is not writable, the disk is full, ... The old file is intact.
    """
    path = Path(os.path.realpath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())  # the bytes are on disk before the rename makes them visible
        try:
            mode = os.stat(path).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644  # mkstemp's 0600 would hide a shared file from other users
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk (POSIX); Windows
    # cannot open a folder, and the file itself is already safe, so skip it there.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _dataset_from_json(obj, where: str, default_name: str) -> Dataset:
    obj = expect_object(obj, where, required=("n_classes", "X", "labels"),
                  optional=("name", "is_test", "format", "format_version"))
    name = obj.get("name", default_name)
    if not isinstance(name, str):
        raise Problem(f"{where}.name", f"expected text, found {describe(name)}")
    n_classes = integer(obj["n_classes"], f"{where}.n_classes", 2, MAX_CLASSES)
    rows = expect_list(obj["X"], f"{where}.X", MAX_POINTS)
    for i, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != 2:
            raise Problem(f"{where}.X[{i}]", f"expected a point [x, y], found {describe(row)}")
        number(row[0], f"{where}.X[{i}][0]")
        number(row[1], f"{where}.X[{i}][1]")
    labels = expect_list(obj["labels"], f"{where}.labels", MAX_POINTS)
    for i, label in enumerate(labels):
        integer(label, f"{where}.labels[{i}]")
    if len(labels) != len(rows):
        raise Problem(f"{where}.labels", f"{len(labels)} labels for {len(rows)} points")
    is_test = obj.get("is_test")
    if is_test is not None:
        is_test = expect_list(is_test, f"{where}.is_test", MAX_POINTS)
        for i, flag in enumerate(is_test):
            if not isinstance(flag, bool):
                raise Problem(f"{where}.is_test[{i}]", f"expected true or false, found {describe(flag)}")
        if len(is_test) != len(rows):
            raise Problem(f"{where}.is_test", f"{len(is_test)} flags for {len(rows)} points")
    X = np.array(rows, dtype=float).reshape(-1, 2)
    labels = np.array(labels, dtype=int)
    _check_classes(labels, n_classes, lambda i: f"{where}.labels[{i}]", where)
    return Dataset(X=X, labels=labels, n_classes=n_classes, is_test=is_test, name=name)


def _check_classes(labels: np.ndarray, n_classes: int, where_row, where_all: str) -> None:
    """Every label is a known class and every class has a point."""
    if len(labels) == 0:
        raise Problem(where_all, "no points; a dataset needs at least one point per class")
    unknown = np.flatnonzero((labels < 0) | (labels >= n_classes))
    if len(unknown):
        i = int(unknown[0])
        raise Problem(where_row(i), f"label {labels[i]} is not a known class "
                                     f"(0 to {n_classes - 1} for {n_classes} classes)")
    counts = np.bincount(labels, minlength=n_classes)
    empty = [str(c) for c in np.flatnonzero(counts == 0)]
    if empty:
        raise Problem(where_all, f"class {', '.join(empty)} has no points; "
                                  "every class needs at least one")


def _dataset_to_json(dataset: Dataset) -> dict:
    obj = {"name": dataset.name, "n_classes": int(dataset.n_classes),
           "X": dataset.X.tolist(), "labels": dataset.labels.tolist()}
    if dataset.is_test.any():
        obj["is_test"] = dataset.is_test.tolist()
    return obj


# **** configs: every dataclass field, so that fields added later round-trip ****


_RULES = {
    DatasetConfig: {
        "name": (lambda v: v in DATASET_NAMES, f"one of {', '.join(DATASET_NAMES)}"),
        "n_points": (lambda v: 2 <= v <= MAX_POINTS, f"from 2 to {MAX_POINTS}"),
        "noise": (lambda v: v >= 0, "0 or more"),
        "test_fraction": (lambda v: 0 <= v <= MAX_TEST_FRACTION, f"from 0 to {MAX_TEST_FRACTION}"),
        "seed": (lambda v: v >= 0, "0 or more"),
    },
    ModelConfig: {
        "kind": (lambda v: v in MODEL_KINDS, f"one of {', '.join(MODEL_KINDS)}"),
        "hidden": (lambda v: len(v) <= 16 and all(1 <= w <= 4096 for w in v),
                   "at most 16 widths, each from 1 to 4096"),
        "activation": (lambda v: v in ACTIVATIONS, f"one of {', '.join(ACTIVATIONS)}"),
        "reduction": (lambda v: v in REDUCTIONS, f"one of {', '.join(REDUCTIONS)}"),
        "optimizer": (lambda v: v in OPTIMIZERS, f"one of {', '.join(OPTIMIZERS)}"),
        "learning_rate": (lambda v: 0 < v <= 1e6, "above 0 (and at most 1e6)"),
        "seed": (lambda v: v >= 0, "0 or more"),
    },
}


def _config_to_json(config) -> dict:
    return {f.name: _plain(getattr(config, f.name)) for f in fields(config)}


def _plain(value):
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _field_default(f):
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return MISSING


def _like(default, value, where: str):
    """``value`` checked to have the JSON type of ``default`` (tuples from lists)."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise Problem(where, f"expected true or false, found {describe(value)}")
        return value
    if isinstance(default, int):
        return integer(value, where, lo=-(2**63))
    if isinstance(default, float):
        return number(value, where)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise Problem(where, f"expected text, found {describe(value)}")
        return value
    if isinstance(default, tuple):
        items = expect_list(value, where, 1000)
        element = default[0] if default else None
        return tuple(v if element is None else _like(element, v, f"{where}[{i}]")
                     for i, v in enumerate(items))
    return value  # a field whose default says nothing about its type: taken as written


def _config_from_json(cls, obj, where: str):
    obj = expect_object(obj, where)
    names = {f.name for f in fields(cls)}
    for key in obj:
        if key not in names:
            raise Problem(f"{where}.{key}", f"unknown setting; {cls.__name__} has "
                                             f"{', '.join(sorted(names))}")
    kwargs = {}
    for f in fields(cls):
        default = _field_default(f)
        if f.name not in obj:
            if default is MISSING:
                raise Problem(where, f"the setting {f.name!r} is missing")
            continue  # an optional field a file from an older gdviz did not have
        value = _like(default, obj[f.name], f"{where}.{f.name}")
        rule = _RULES.get(cls, {}).get(f.name)
        if rule and not rule[0](value):
            raise Problem(f"{where}.{f.name}", f"{value!r} is not allowed: expected {rule[1]}")
        kwargs[f.name] = value
    try:
        config = cls(**kwargs)
        if hasattr(config, "validate"):  # the owner's own rules, e.g. ModelConfig's
            config.validate()
        return config
    except (TypeError, ValueError) as e:
        raise Problem(where, f"not a valid {cls.__name__}: {e}") from None


# **** public: datasets ****


def save_dataset_csv(path, dataset: Dataset) -> None:
    """Save ``dataset`` as CSV (``x,y,label``, plus ``is_test`` when it has a test split).

    Floats are written with ``repr``, so loading gives back exactly the same numbers.

    Raises:
        FileFormatError: the dataset itself is invalid (NaN, unknown labels...); nothing written.
        OSError: writing failed; the old file is intact.
    """
    _check_savable_dataset(path, dataset)
    with_split = bool(dataset.is_test.any())
    out = io.StringIO()
    out.write(",".join(CSV_COLUMNS + (("is_test",) if with_split else ())) + "\n")
    for (x, y), label, test in zip(dataset.X.tolist(), dataset.labels.tolist(),
                                   dataset.is_test.tolist()):
        out.write(f"{x!r},{y!r},{label}" + (f",{int(test)}\n" if with_split else "\n"))
    atomic_write_text(path, out.getvalue())


_LABEL = re.compile(r"\s*\d{1,9}\s*")
_FLAGS = {"0": False, "1": True, "false": False, "true": True, "train": False, "test": True}


def load_dataset_csv(path, n_classes: int | None = None) -> Dataset:
    """Load a dataset from CSV, validated; the name is the file's stem.

    Args:
        path: a file whose first line is the header ``x,y,label`` (columns in any order, an
            optional ``is_test`` column of 0/1); one point per line after it.
        n_classes: the number of classes; by default the largest label + 1 (at least 2).

    Raises:
        FileFormatError: what is wrong and on which line. OSError: the file cannot be read.
    """
    try:
        return _dataset_from_csv(read_text(path, MAX_FILE_BYTES), Path(path).stem, n_classes)
    except Problem as p:
        raise FileFormatError(path, p.where, p.problem) from None


def _dataset_from_csv(text: str, name: str, n_classes: int | None) -> Dataset:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as e:
        raise Problem("line 1", f"not CSV ({e})") from None
    known = CSV_COLUMNS + ("is_test",)
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing or len(set(header)) != len(header) or any(h not in known for h in header):
        raise Problem("line 1", f"the header is {','.join(header)[:80]!r}; expected the "
                                 "columns x,y,label (and optionally is_test)")
    col = {name: header.index(name) for name in header}
    xs, labels, flags = [], [], []
    try:
        for row in reader:
            if not row or all(not cell.strip() for cell in row):
                continue
            where = f"line {reader.line_num}"
            if len(row) != len(header):
                raise Problem(where, f"{len(row)} values where the header has {len(header)} "
                                      f"({','.join(header)}); is the file truncated?")
            if len(labels) == MAX_POINTS:
                raise Problem(where, f"more than {MAX_POINTS:,} points, the limit")
            point = []
            for axis in ("x", "y"):
                cell = row[col[axis]]
                try:
                    value = float(cell)
                except ValueError:
                    raise Problem(f"{where}, column {axis}", f"{cell[:40]!r} is not a number") from None
                if not math.isfinite(value):
                    raise Problem(f"{where}, column {axis}",
                                   f"{cell.strip()!r} is not a finite number; NaN and Infinity are refused")
                point.append(value)
            cell = row[col["label"]]
            if not _LABEL.fullmatch(cell):
                raise Problem(f"{where}, column label",
                               f"{cell[:40]!r} is not a class number (0, 1, 2, ...)")
            xs.append(point)
            labels.append(int(cell))
            if "is_test" in col:
                flag = row[col["is_test"]].strip().lower()
                if flag not in _FLAGS:
                    raise Problem(f"{where}, column is_test", f"{flag[:40]!r} is not 0 or 1")
                flags.append(_FLAGS[flag])
    except csv.Error as e:
        raise Problem(f"line {reader.line_num}", f"not CSV ({e})") from None
    labels = np.array(labels, dtype=int)
    if n_classes is None:
        n_classes = max(2, int(labels.max()) + 1) if len(labels) else 2
        if n_classes > MAX_CLASSES:
            i = int(np.argmax(labels))
            raise Problem(_csv_line(text, i), f"label {labels[i]} is not a known class "
                                               f"(gdviz has at most {MAX_CLASSES} classes)")
    _check_classes(labels, n_classes, lambda i: _csv_line(text, i) + ", column label", "")
    return Dataset(X=np.array(xs, dtype=float).reshape(-1, 2), labels=labels,
                   n_classes=n_classes, is_test=flags or None, name=name)


def _csv_line(text: str, index: int) -> str:
    """The line of the ``index``-th point (0-based), counting the header and blank lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    seen = -1
    for row in reader:
        if row and any(cell.strip() for cell in row):
            seen += 1
            if seen == index:
                return f"line {reader.line_num}"
    return f"point {index + 1}"


def save_dataset_json(path, dataset: Dataset) -> None:
    """Save ``dataset`` as a ``gdviz-dataset`` JSON file. Raises as ``save_dataset_csv``."""
    _check_savable_dataset(path, dataset)
    obj = {"format": DATASET_FORMAT, "format_version": FORMAT_VERSION, **_dataset_to_json(dataset)}
    atomic_write_text(path, dumps(obj))


def load_dataset_json(path) -> Dataset:
    """Load a ``gdviz-dataset`` JSON file, validated.

    Raises:
        FileFormatError: what is wrong and where (JSON line or path). OSError: unreadable.
    """
    try:
        obj = parse_json(read_text(path, MAX_FILE_BYTES))
        _check_header(obj, DATASET_FORMAT)
        return _dataset_from_json(obj, "$", Path(path).stem)
    except Problem as p:
        raise FileFormatError(path, p.where, p.problem) from None


def load_dataset(path, n_classes: int | None = None) -> Dataset:
    """Load a dataset by its extension: ``.csv`` or ``.json``. Raises as the loaders."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return load_dataset_csv(path, n_classes)
    if suffix == ".json":
        return load_dataset_json(path)
    raise FileFormatError(path, "", f"unknown extension {suffix!r}; datasets are .csv or .json")


def save_dataset(path, dataset: Dataset) -> None:
    """Save a dataset by its extension: ``.csv`` or ``.json``. Raises as the savers."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return save_dataset_csv(path, dataset)
    if suffix == ".json":
        return save_dataset_json(path, dataset)
    raise ValueError(f"cannot save a dataset as {suffix!r}; use .csv or .json")


def _check_savable_dataset(path, dataset: Dataset) -> None:
    # Never write a file that loading would refuse: check it the way loading does.
    try:
        if not np.isfinite(dataset.X).all():
            i = int(np.flatnonzero(~np.isfinite(dataset.X).all(axis=1))[0])
            raise Problem(f"point {i}", "has a coordinate that is NaN or infinite")
        if not 1 <= len(dataset) <= MAX_POINTS:
            raise Problem("", f"{len(dataset)} points; gdviz saves 1 to {MAX_POINTS:,}")
        if not 2 <= dataset.n_classes <= MAX_CLASSES:
            raise Problem("", f"{dataset.n_classes} classes; gdviz has 2 to {MAX_CLASSES}")
        _check_classes(dataset.labels, dataset.n_classes, lambda i: f"point {i}", "")
    except Problem as p:
        raise FileFormatError(path, p.where, "cannot save: " + p.problem) from None


# **** public: sessions ****


def save_session(path, session: Session) -> None:
    """Save ``session`` as a ``.gdviz`` JSON file (see the module docstring for the format).

    Raises:
        FileFormatError: the session would not load back (NaN weights...); nothing written.
        OSError: writing failed; the old file is intact.
    """
    _check_savable_dataset(path, session.dataset)
    for where, values in [*((f"$.weights.{k}", w) for k, w in session.weights.items()),
                          *((f"$.{h}", getattr(session, h)) for h in HISTORIES)]:
        if not np.isfinite(values).all():
            raise FileFormatError(path, where, "cannot save: it holds NaN or infinity "
                                               "(did training diverge?); reset or undo first")
    obj = {
        "format": SESSION_FORMAT,
        "format_version": FORMAT_VERSION,
        "dataset": _dataset_to_json(session.dataset),
        "dataset_config": _config_to_json(session.dataset_config),
        "model_config": _config_to_json(session.model_config),
        "weights": {name: w.tolist() for name, w in session.weights.items()},
        "step": int(session.step),
        **{h: [[int(step), value] for step, value in getattr(session, h).tolist()]
           for h in HISTORIES},
        "view_settings": session.view_settings,
    }
    try:
        text = dumps(obj)
        _session_from_json(parse_json(text), parameter_shapes)  # it must load back, or it is not saved
    except (TypeError, ValueError) as e:
        raise FileFormatError(path, "", f"cannot save: {e}") from None
    except Problem as p:
        raise FileFormatError(path, p.where, "cannot save: " + p.problem) from None
    atomic_write_text(path, text)


ParameterShapes = Callable[[ModelConfig, int], Mapping[str, tuple]]


def load_session(path, shapes: ParameterShapes = parameter_shapes) -> Session:
    """Load a ``.gdviz`` session, validated before anything is built.

    Args:
        path: the file.
        shapes: ``(model_config, n_classes) -> {name: shape}``, the model's Variables;
            non-empty weights must have exactly these names, order and shapes.

    Raises:
        FileFormatError: what is wrong and where. OSError: the file cannot be read.
    """
    try:
        return _session_from_json(parse_json(read_text(path, MAX_FILE_BYTES)), shapes)
    except Problem as p:
        raise FileFormatError(path, p.where, p.problem) from None


_SESSION_KEYS = ("format", "format_version", "dataset", "model_config")
_SESSION_OPTIONAL = ("dataset_config", "weights", "step", *HISTORIES, "view_settings")


def _session_from_json(obj, shapes: ParameterShapes) -> Session:
    _check_header(obj, SESSION_FORMAT)
    expect_object(obj, "$", required=_SESSION_KEYS, optional=_SESSION_OPTIONAL)
    dataset = _dataset_from_json(obj["dataset"], "$.dataset", "session")
    dataset_config = _config_from_json(DatasetConfig, obj.get("dataset_config", {}), "$.dataset_config")
    model_config = _config_from_json(ModelConfig, obj["model_config"], "$.model_config")
    weights_obj = expect_object(obj.get("weights", {}), "$.weights")
    weights, total = {}, 0
    for name, value in weights_obj.items():
        weights[name] = number_array(value, f"$.weights.{name}", MAX_WEIGHT_VALUES - total)
        total += weights[name].size
        if weights[name].ndim > 2:
            raise Problem(f"$.weights.{name}", "weights are numbers, vectors or matrices")
    if weights:
        expected = {k: tuple(s) for k, s in shapes(model_config, dataset.n_classes).items()}
        if list(weights) != list(expected):
            raise Problem("$.weights", f"parameters {', '.join(weights)} do not match the "
                                        f"model's {', '.join(expected)}")
        for name, shape in expected.items():
            if weights[name].shape != shape:
                raise Problem(f"$.weights.{name}", f"shape {weights[name].shape} where the "
                                                    f"model needs {shape}")
    step = integer(obj.get("step", 0), "$.step", 0, 10**12)
    histories = {h: _history(obj.get(h, []), f"$.{h}", step) for h in HISTORIES}
    view_settings = expect_object(obj.get("view_settings", {}), "$.view_settings")
    return Session(dataset=dataset, model_config=model_config, dataset_config=dataset_config,
                   weights=weights, step=step, view_settings=view_settings, **histories)


def _history(value, where: str, last_step: int) -> np.ndarray:
    """[[step, value], ...] with steps rising from 0 to at most ``last_step``."""
    rows = expect_list(value, where, MAX_HISTORY)
    previous = -1
    for i, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != 2:
            raise Problem(f"{where}[{i}]", f"expected [step, value], found {describe(row)}")
        step = integer(row[0], f"{where}[{i}][0]", 0, last_step)
        if step < previous:
            raise Problem(f"{where}[{i}][0]", f"step {step} comes after step {previous}")
        previous = step
        number(row[1], f"{where}[{i}][1]")
    return np.array(rows, dtype=float).reshape(-1, 2)


def _check_header(obj, expected_format: str) -> None:
    if not isinstance(obj, dict):
        raise Problem("$", f"expected a JSON object, found {describe(obj)}")
    fmt = obj.get("format")
    if fmt != expected_format:
        kind = "session (.gdviz)" if expected_format == SESSION_FORMAT else "dataset"
        found = f"{fmt!r}" if fmt is not None else "none"
        raise Problem("$.format", f"not a gdviz {kind} file (format {found}, "
                                   f"expected {expected_format!r})")
    version = obj.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Problem("$.format_version", f"unknown format version {describe(version)}")
    if version > FORMAT_VERSION:
        raise Problem("$.format_version", f"format version {version} is newer than this gdviz "
                                           f"reads ({FORMAT_VERSION}); update gdviz")
