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
``W1, b1, ..., Wk, bk`` for an MLP, in that order, with the shapes the model needs (the
first matrix has one row per input feature, ``model_config.features``). A file written
before the batch size, the penalty or the input features existed loads with their
defaults: the whole set, no penalty, (x1, x2).

Datasets on their own are CSV or ``gdviz-dataset`` JSON files (gdviz.session.dataset_files).
The rest of gdviz takes every loader and saver from this module; the work itself is split
by responsibility:

- gdviz.session.file_checks: reading a file (regular files only, never a pipe, folder or
  device), parsing JSON (finite numbers, at most 32 levels deep), locating problems;
- gdviz.session.dataset_files: datasets as CSV and JSON;
- gdviz.session.atomic_save: replacing a file all at once, leaving no temporary file;
- this module: the session format and the model and dataset settings in it.

Whatever the app can make is saved and loads back: limits on what loads (hidden layers,
widths, nesting) are the app's own, so a file the app cannot show is refused at load.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Callable, Mapping

import numpy as np

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.session.atomic_save import atomic_write_text
from gdviz.session.dataset_files import (
    CSV_COLUMNS,
    DATASET_FORMAT,
    MAX_CLASSES,
    MAX_POINTS,
    check_savable_dataset,
    dataset_from_json,
    dataset_to_json,
    load_dataset,
    load_dataset_csv,
    load_dataset_json,
    save_dataset,
    save_dataset_csv,
    save_dataset_json,
)
from gdviz.session.file_checks import (
    FORMAT_VERSION,
    MAX_JSON_DEPTH,
    FileFormatError,
    Problem,
    check_header,
    check_nesting,
    describe,
    dumps,
    expect_list,
    expect_object,
    integer,
    number,
    number_array,
    parse_json,
    read_text,
    refusing,
)
from gdviz.training.datasets import DATASET_NAMES, MAX_TEST_FRACTION, Dataset, DatasetConfig
from gdviz.training.features import FEATURES
from gdviz.training.models import (
    ACTIVATIONS,
    MAX_HIDDEN_LAYERS,
    MAX_HIDDEN_WIDTH,
    MAX_PENALTY_RATE,
    MODEL_KINDS,
    OPTIMIZERS,
    PENALTIES,
    REDUCTIONS,
    ModelConfig,
)

__all__ = [  # what the rest of gdviz takes from here, wherever it is defined
    "CSV_COLUMNS", "DATASET_FORMAT", "FORMAT_VERSION", "HISTORIES", "MAX_CLASSES",
    "MAX_JSON_DEPTH", "MAX_POINTS", "SESSION_FORMAT", "SESSION_SUFFIX", "FileFormatError",
    "Session", "atomic_write_text", "load_dataset", "load_dataset_csv", "load_dataset_json",
    "load_session", "named_weights", "parameter_names", "parameter_shapes", "save_dataset",
    "save_dataset_csv", "save_dataset_json", "save_session",
]

SESSION_FORMAT = "gdviz-session"
SESSION_SUFFIX = ".gdviz"
MAX_HISTORY = 2_000_000
MAX_WEIGHT_VALUES = 2_000_000


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
    sizes = config.layer_sizes(n_classes)
    shapes = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        shapes += [(fan_in, fan_out), (fan_out,)]
    return dict(zip(parameter_names(config), shapes))


def named_weights(config: ModelConfig, weights) -> dict:
    """The model's weight list [W1, b1, ...] (e.g. ``Snapshot.weights``) named for a Session."""
    return dict(zip(parameter_names(config), (np.array(w, dtype=float) for w in weights)))


# **** configs: every dataclass field, so that fields added later round-trip ****


# Each field's rule: (test, what is allowed, the fields of that sentence). The sentences
# are translated when a file is refused (translate("SessionFormat", ...)).
_ONE_OF = QT_TRANSLATE_NOOP("SessionFormat", "one of {names}")
_FROM_TO = QT_TRANSLATE_NOOP("SessionFormat", "from {lo} to {hi}")
_NOT_NEGATIVE = QT_TRANSLATE_NOOP("SessionFormat", "0 or more")
_RULES = {
    DatasetConfig: {
        "name": (lambda v: v in DATASET_NAMES, _ONE_OF, {"names": ", ".join(DATASET_NAMES)}),
        "n_points": (lambda v: 2 <= v <= MAX_POINTS, _FROM_TO, {"lo": 2, "hi": MAX_POINTS}),
        "noise": (lambda v: v >= 0, _NOT_NEGATIVE, {}),
        "test_fraction": (lambda v: 0 <= v <= MAX_TEST_FRACTION, _FROM_TO, {"lo": 0, "hi": MAX_TEST_FRACTION}),
        "seed": (lambda v: v >= 0, _NOT_NEGATIVE, {}),
    },
    ModelConfig: {
        "kind": (lambda v: v in MODEL_KINDS, _ONE_OF, {"names": ", ".join(MODEL_KINDS)}),
        # The app's own limits (the scenario controls' and the graph view's): wider or deeper
        # networks load, then take gigabytes to draw and crash.
        "hidden": (lambda v: len(v) <= MAX_HIDDEN_LAYERS and all(1 <= w <= MAX_HIDDEN_WIDTH for w in v),
                   QT_TRANSLATE_NOOP("SessionFormat", "at most {layers} hidden layers, each from 1 to {width} wide"),
                   {"layers": MAX_HIDDEN_LAYERS, "width": MAX_HIDDEN_WIDTH}),
        "activation": (lambda v: v in ACTIVATIONS, _ONE_OF, {"names": ", ".join(ACTIVATIONS)}),
        "reduction": (lambda v: v in REDUCTIONS, _ONE_OF, {"names": ", ".join(REDUCTIONS)}),
        "optimizer": (lambda v: v in OPTIMIZERS, _ONE_OF, {"names": ", ".join(OPTIMIZERS)}),
        "learning_rate": (lambda v: 0 < v <= 1e6, QT_TRANSLATE_NOOP("SessionFormat", "above 0 (and at most 1e6)"),
                          {}),
        "seed": (lambda v: v >= 0, _NOT_NEGATIVE, {}),
        "batch_size": (lambda v: 0 <= v <= MAX_POINTS,
                       QT_TRANSLATE_NOOP("SessionFormat", "from 0 (all points) to {most}"), {"most": MAX_POINTS}),
        "penalty": (lambda v: v in PENALTIES, _ONE_OF, {"names": ", ".join(PENALTIES)}),
        "penalty_rate": (lambda v: 0 <= v <= MAX_PENALTY_RATE, _FROM_TO,
                         {"lo": 0, "hi": f"{MAX_PENALTY_RATE:g}"}),
        "features": (lambda v: 0 < len(v) == len(set(v)) and all(f in FEATURES for f in v),
                     QT_TRANSLATE_NOOP("SessionFormat", "a non-empty list of {names}, none repeated"),
                     {"names": ", ".join(FEATURES)}),
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
            raise Problem(where, translate("SessionFormat", "expected true or false, found {found}")
                          .format(found=describe(value)))
        return value
    if isinstance(default, int):
        return integer(value, where, lo=-(2**63))  # and at most 2**63 - 1
    if isinstance(default, float):
        return number(value, where)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise Problem(where, translate("SessionFormat", "expected text, found {found}")
                          .format(found=describe(value)))
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
            raise Problem(f"{where}.{key}", translate("SessionFormat", "unknown setting; {config} has {names}")
                          .format(config=cls.__name__, names=", ".join(sorted(names))))
    kwargs = {}
    for f in fields(cls):
        default = _field_default(f)
        if f.name not in obj:
            if default is MISSING:
                raise Problem(where, translate("SessionFormat", "the setting {name} is missing")
                              .format(name=repr(f.name)))
            continue  # an optional field a file from an older gdviz did not have
        value = _like(default, obj[f.name], f"{where}.{f.name}")
        rule = _RULES.get(cls, {}).get(f.name)
        if rule and not rule[0](value):
            test, allowed, allowed_fields = rule
            raise Problem(f"{where}.{f.name}", translate("SessionFormat", "{value} is not allowed: expected "
                                                                          "{allowed}")
                          .format(value=repr(value), allowed=translate("SessionFormat", allowed)
                                  .format(**allowed_fields)))
        kwargs[f.name] = value
    try:
        config = cls(**kwargs)
        if hasattr(config, "validate"):  # the owner's own rules, e.g. ModelConfig's
            config.validate()
        return config
    except (TypeError, ValueError) as e:
        raise Problem(where, translate("SessionFormat", "not a valid {config}: {reason}")
                      .format(config=cls.__name__, reason=e)) from None


# **** public: sessions ****


def save_session(path, session: Session) -> None:
    """Save ``session`` as a ``.gdviz`` JSON file (see the module docstring for the format).

    Raises:
        FileFormatError: the session would not load back (NaN weights, settings nested too
            deeply...), "cannot save: ..." and where; nothing is written.
        OSError: writing failed, named in the message; the old file is intact.
    """
    check_savable_dataset(path, session.dataset)
    try:
        with refusing(path, translate("SessionFormat", "cannot save: ")):
            text = _session_text(session)
            _session_from_json(parse_json(text), parameter_shapes)  # it must load back, or it is not saved
    except FileFormatError:
        raise
    except Exception as e:  # a value JSON cannot hold (TypeError, ValueError), or a bug: named
        raise FileFormatError(path, "", translate("SessionFormat", "cannot save: {error}: {reason}")
                              .format(error=type(e).__name__, reason=e)) from e
    atomic_write_text(path, text)


def _session_text(session: Session) -> str:
    """The session's JSON text. Raises Problem for what loading would refuse."""
    for where, values in [*((f"$.weights.{k}", w) for k, w in session.weights.items()),
                          *((f"$.{h}", getattr(session, h)) for h in HISTORIES)]:
        if not np.isfinite(values).all():
            raise Problem(where, translate("SessionFormat", "it holds NaN or infinity (did training diverge?); "
                                                            "reset or undo first"))
    obj = {
        "format": SESSION_FORMAT,
        "format_version": FORMAT_VERSION,
        "dataset": dataset_to_json(session.dataset),
        "dataset_config": _config_to_json(session.dataset_config),
        "model_config": _config_to_json(session.model_config),
        "weights": {name: w.tolist() for name, w in session.weights.items()},
        "step": int(session.step),
        **{h: [[int(step), value] for step, value in getattr(session, h).tolist()]
           for h in HISTORIES},
        "view_settings": session.view_settings,
    }
    check_nesting(obj, "$")  # before writing, which recurses once per level
    return dumps(obj)


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
    with refusing(path):
        return _session_from_json(parse_json(read_text(path)), shapes)


_SESSION_KEYS = ("format", "format_version", "dataset", "model_config")
_SESSION_OPTIONAL = ("dataset_config", "weights", "step", *HISTORIES, "view_settings")


def _session_from_json(obj, shapes: ParameterShapes) -> Session:
    check_header(obj, SESSION_FORMAT, translate("SessionFormat", "session (.gdviz)"))
    expect_object(obj, "$", required=_SESSION_KEYS, optional=_SESSION_OPTIONAL)
    dataset = dataset_from_json(obj["dataset"], "$.dataset", "session")
    dataset_config = _config_from_json(DatasetConfig, obj.get("dataset_config", {}), "$.dataset_config")
    model_config = _config_from_json(ModelConfig, obj["model_config"], "$.model_config")
    weights_obj = expect_object(obj.get("weights", {}), "$.weights")
    weights, total = {}, 0
    for name, value in weights_obj.items():
        weights[name] = number_array(value, f"$.weights.{name}", MAX_WEIGHT_VALUES - total)
        total += weights[name].size
        if weights[name].ndim > 2:
            raise Problem(f"$.weights.{name}", translate("SessionFormat", "weights are numbers, vectors or "
                                                                         "matrices"))
    if weights:
        expected = {k: tuple(s) for k, s in shapes(model_config, dataset.n_classes).items()}
        if list(weights) != list(expected):
            raise Problem("$.weights", translate("SessionFormat", "parameters {names} do not match the "
                                                                  "model's {expected}")
                          .format(names=", ".join(weights), expected=", ".join(expected)))
        for name, shape in expected.items():
            if weights[name].shape != shape:
                raise Problem(f"$.weights.{name}", translate("SessionFormat", "shape {shape} where the model "
                                                                             "needs {expected}")
                              .format(shape=weights[name].shape, expected=shape))
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
            raise Problem(f"{where}[{i}]", translate("SessionFormat", "expected [step, value], found {found}")
                          .format(found=describe(row)))
        step = integer(row[0], f"{where}[{i}][0]", 0, last_step)
        if step < previous:
            raise Problem(f"{where}[{i}][0]", translate("SessionFormat", "step {step} comes after step {previous}")
                          .format(step=step, previous=previous))
        previous = step
        number(row[1], f"{where}[{i}][1]")
    return np.array(rows, dtype=float).reshape(-1, 2)
