"""The session model: the one owner of a training session's state (Qt-free).

A ``SessionModel`` holds one ``files.Session`` (the points, where they came from, the
model and how it trains, the weights, the step, the curves and the view settings:
exactly what a ``.gdviz`` file holds), the file it belongs to and the warning on
screen. Views and the training worker observe it through its events; none of them
keeps a copy of its own.

It changes in two ways:

- **edits**, which the user makes and can undo: ``edit_points``, ``choose_dataset``,
  ``choose_model``, ``restart``, ``open``. Each returns an ``Edit`` holding the fields
  it sets before and after; the UI pushes it onto its one undo stack, which calls
  ``apply(edit)`` and ``apply(edit, undo=True)``;
- **progress**, which training reports (``report_progress``): weights, step, curves.
  Progress is not undone; an edit that starts afresh keeps the progress it replaced,
  so that undoing it goes back to where training was.

What each edit does to training (the README says the same):

- a new dataset generator, a new architecture (or seed), "Reset" and "New weights"
  start afresh: the weights re-initialised, step 0, the curves and the trail cleared;
- a learning-rate, optimizer, loss, batch-size or penalty change continues from the
  current weights; a change of input features starts afresh (the first layer's shape);
- a point edit continues from the current weights; while paused, the loss, accuracy
  and boundary colours follow at once, without a training step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Mapping

import numpy as np

from gdviz.i18n import translate
from gdviz.session.files import HISTORIES, Session, named_weights, parameter_shapes
from gdviz.training.datasets import Dataset, DatasetConfig
from gdviz.training.models import ModelConfig, architecture_key, initial_weights
from gdviz.training.weight_history import at_step, unflat_weights, until

EMPTY_HISTORY = np.zeros((0, 2))
# A change of any of these gives the views a new problem (other points, another model, a
# fresh start): a view of the whole model (landscape, race, neurons) starts over.
PROBLEM_FIELDS = frozenset({"dataset", "model_config", "progress"})
KEEP = object()  # an argument left as it is


class Event:
    """A Qt-free signal: ``connect`` callbacks, ``emit`` calls each with the arguments."""

    def __init__(self):
        self._callbacks: list[Callable] = []

    def connect(self, callback: Callable) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable) -> None:
        self._callbacks.remove(callback)

    def emit(self, *args) -> None:
        for callback in list(self._callbacks):
            callback(*args)


@dataclass(frozen=True)
class Edit:
    """One undoable change: the fields of the session it sets, before and after.

    ``restarts`` says that training starts afresh from the ``after`` progress (and,
    undone, from the ``before`` progress). ``origin`` values name where the points came
    from: None for a generator (its ``dataset_config``), else a file name.
    """

    text: str
    before: Mapping
    after: Mapping
    restarts: bool = False


@dataclass(frozen=True)
class Change:
    """What an applied edit changed, for the observers."""

    fields: frozenset
    restarts: bool
    revision: int


@dataclass(frozen=True)
class Progress:
    """Where training stands, as training reports it (read-only copies).

    ``weights`` is the model's list [W1, b1, ...] (None: its starting weights); each
    curve is a (steps, values) pair of arrays. ``optimizer_state`` (an
    ``gdviz.engine.OptimizerState``, None: fresh) is what the next step's update uses:
    momentum's accumulator, Adam's moments. A file does not keep it: an opened
    session's optimizer starts fresh.
    """

    weights: tuple | None = None
    step: int = 0
    loss_curve: tuple = (np.zeros(0), np.zeros(0))
    accuracy_curve: tuple = (np.zeros(0), np.zeros(0))
    test_loss_curve: tuple = (np.zeros(0), np.zeros(0))
    optimizer_state: object = None
    weight_history: tuple = (np.zeros(0), np.zeros((0, 0)))  # (steps, flat rows): the timeline

    @classmethod
    def of(cls, session: Session) -> "Progress":
        """The progress a session (a file) holds."""
        curves = [(h[:, 0], h[:, 1]) for h in (getattr(session, name) for name in HISTORIES)]
        return cls(tuple(session.weight_list()) if session.weights else None, session.step, *curves)

    def resume_curves(self) -> tuple:
        """What training goes on from: the three curves as (K, 2) rows, and the timeline's
        weight history (``SetWeights.curves``)."""
        return (*self.histories().values(), self.weight_history)

    def histories(self) -> dict:
        """The curves as a session holds them: name -> (K, 2) array of (step, value) rows."""
        return {name: np.column_stack(curve) if len(curve[0]) else EMPTY_HISTORY
                for name, curve in zip(HISTORIES, (self.loss_curve, self.accuracy_curve,
                                                   self.test_loss_curve))}


class SessionModel:
    """The one owner of the session on screen.

    Args:
        session: what to start with.
        path: the ``.gdviz`` file it belongs to (None: not saved yet).
        origin: where the points came from if not from ``session.dataset_config``'s
            generator (a file name).
    """

    def __init__(self, session: Session, path: Path | None = None, origin: str | None = None):
        self._session = session  # its progress fields are superseded by ``progress``
        self.progress = Progress.of(session)
        self.path = path
        self.origin = origin
        self.warning: str | None = None
        self.revision = 0  # counts applied edits (and undos)
        self.changed = Event()  # Change: an edit or an undo was applied
        self.progressed = Event()  # (): training reported new weights, step or curves
        self.warning_changed = Event()  # str | None
        self.path_changed = Event()  # Path | None

    # **** reading ****

    @property
    def session(self) -> Session:
        """Everything, as a ``.gdviz`` file holds it: what Save writes."""
        weights = {} if self.progress.weights is None else named_weights(self.model_config, self.progress.weights)
        return replace(self._session, weights=weights, step=self.progress.step, **self.progress.histories())

    @property
    def dataset(self) -> Dataset:
        return self._session.dataset

    @property
    def model_config(self) -> ModelConfig:
        return self._session.model_config

    @property
    def dataset_config(self) -> DatasetConfig:
        return self._session.dataset_config

    @property
    def view_settings(self) -> dict:
        return dict(self._session.view_settings)

    @property
    def step(self) -> int:
        return self.progress.step

    def weight_list(self) -> list | None:
        """Copies of the current weights [W1, b1, ...], or None for the starting weights."""
        return None if self.progress.weights is None else [np.array(w) for w in self.progress.weights]

    def weights_at(self, step: int) -> tuple:
        """(the recorded step at or before ``step``, its weight list) from the timeline.

        Raises:
            ValueError: no weights are recorded yet.
        """
        found = at_step(self.progress.weight_history, step)
        if found is None:
            raise ValueError(translate("SessionModel", "no weights are recorded yet: train a step first"))
        shapes = parameter_shapes(self.model_config, self.dataset.n_classes).values()
        return found[0], unflat_weights(found[1], [np.zeros(s) for s in shapes])

    def weights_now(self) -> list:
        """The weights on screen: the current ones, or the model's starting weights."""
        weights = self.weight_list()
        return weights if weights is not None else initial_weights(self.model_config, self.dataset.n_classes)

    def source_text(self) -> str:
        """Where the points came from, for the controls and the title."""
        return self.origin or self.dataset.name

    # **** edits: each returns an Edit for the undo stack ****

    def edit_points(self, dataset: Dataset, text: str) -> Edit:
        """Moved, added or removed points: training continues from the current weights."""
        return Edit(text, {"dataset": self.dataset}, {"dataset": dataset})

    def choose_dataset(self, dataset: Dataset, config: DatasetConfig | None = None,
                       origin: str | None = None, text: str | None = None, path=KEEP) -> Edit:
        """New points from a generator (``config``) or a file (``origin``): a fresh start.

        ``path``: the session file the result belongs to (None for points opened from a
        dataset file: saving them asks for a session file); by default it stays.
        """
        after = {"dataset": dataset, "origin": origin, "progress": Progress()}
        if config is not None:
            after["dataset_config"] = config
        if path is not KEEP:
            after["path"] = path
        text = text or translate("SessionModel", "Dataset: {name}").format(name=origin or dataset.name)
        return self._restart_edit(text, after)

    def choose_model(self, config: ModelConfig, text: str | None = None) -> Edit:
        """Another model or another way to train it.

        A new architecture or seed starts afresh; a new learning rate, optimizer or loss
        continues from the current weights.
        """
        config.validate()
        if architecture_key(config) != architecture_key(self.model_config):
            return self._restart_edit(text or translate("SessionModel", "Change the model"),
                                      {"model_config": config, "progress": Progress()})
        return Edit(text or translate("SessionModel", "Change how the model trains"),
                    {"model_config": self.model_config},
                    {"model_config": config})

    def restart(self, weights=None, text: str | None = None) -> Edit:
        """Start afresh: from ``weights`` (a list, e.g. new random ones) or the starting weights."""
        progress = Progress(None if weights is None else tuple(np.array(w, dtype=float) for w in weights))
        return self._restart_edit(text or translate("SessionModel", "Reset training"), {"progress": progress})

    def branch(self, step: int, text: str | None = None) -> Edit:
        """Continue from ``step`` of the timeline (the recorded step at or before it): its
        weights, the curves and the timeline up to it; training goes on from there."""
        step, weights = self.weights_at(step)
        weights = tuple(weights)
        curves = [until(c, step) for c in (self.progress.loss_curve, self.progress.accuracy_curve,
                                            self.progress.test_loss_curve)]
        progress = Progress(weights, step, *curves, None, until(self.progress.weight_history, step))
        text = text or translate("SessionModel", "Continue from step {step}").format(step=step)
        return self._restart_edit(text, {"progress": progress})

    def open(self, session: Session, path: Path | None = None, text: str | None = None) -> Edit:
        """Everything from a session file (``path``), as a fresh start."""
        after = {name: getattr(session, name) for name in (
            "dataset", "dataset_config", "model_config", "view_settings")}
        after.update(origin=None, progress=Progress.of(session), path=path)
        return self._restart_edit(text or translate("SessionModel", "Open"), after)

    def _restart_edit(self, text: str, after: dict) -> Edit:
        # Undone, training goes back to where it was: the progress is part of the edit.
        before = {name: self._get(name) for name in after}
        return Edit(text, before, after, restarts=True)

    def _get(self, name: str):
        if name in ("origin", "progress", "path"):
            return getattr(self, name)
        return getattr(self._session, name)

    # **** applying ****

    def apply(self, edit: Edit, undo: bool = False) -> None:
        """Set the edit's fields (its ``before`` ones when undoing) and tell the observers."""
        values = dict(edit.before if undo else edit.after)
        if "origin" in values:
            self.origin = values.pop("origin")
        if "progress" in values:
            self.progress = values.pop("progress")
        if "path" in values:
            self.set_path(values.pop("path"))
        if values:
            self._session = replace(self._session, **values)
        self.revision += 1
        self.set_warning(None)  # a warning belongs to what was on screen before
        self.changed.emit(Change(frozenset(edit.after), edit.restarts, self.revision))

    def report_progress(self, progress: Progress) -> None:
        """Training's news: the weights, step and curves the views now show."""
        self.progress = progress
        self.progressed.emit()

    def set_warning(self, message: str | None) -> None:
        """The warning on screen (None: none). Any edit clears it."""
        if message != self.warning:
            self.warning = message
            self.warning_changed.emit(message)

    def set_path(self, path: Path | None) -> None:
        """The file the session belongs to now (after Save As, or opening one)."""
        self.path = path
        self.path_changed.emit(path)

    def set_view_settings(self, settings: Mapping) -> None:
        """What the views remember in the file (not an edit: it does not train)."""
        self._session = replace(self._session, view_settings=dict(settings))
