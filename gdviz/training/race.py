"""Optimizers raced side by side (Qt-free): several Trainers from the same start.

A race answers "what would happen if I trained this differently?" by doing it. Each
``Entrant`` is a label and a ``ModelConfig``; ``Race`` gives every entrant its own
``Trainer``, all from copies of the SAME starting weights on the SAME points, and
steps them round robin, one step each in turn, so that none runs ahead. Since each
entrant is an ordinary Trainer, its loss curve is exactly the curve that training
alone with its config would draw, and a divergence is handled as the Trainer handles
it: that entrant stops, says at which step and why, and the others go on.

What a race keeps of each entrant, in bounded memory whatever its length:

- the loss curve, the Trainer's own ``History`` (thinned, at most 2,000 records);
- the path in weight space (rows of flattened weights [W1, b1, ..., Wk, bk]): every
  step for the first ``PATH_EXACT_STEPS`` steps, then thinned as ``History`` thins;
  a row costs as much as the model has weights, so a large MLP keeps fewer rows
  (``PATH_MAX_BYTES``);
- its "new lows", the steps at which its loss went below every loss before, from
  which ``steps_to_reach(loss)`` answers for any target, exactly (to
  ``LOWS_CAPACITY`` new lows; beyond that, late by at most the thinning's stride).

Rows are stored append-only: a row, once it can be seen, is never written again
(thinning copies the kept rows into a new buffer). So a ``RaceSnapshot`` shares them
with the race as read-only views, for free, and is still immutable: a snapshot
twenty times a second costs no copy of a path.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.training.datasets import Dataset
from gdviz.training.models import ModelConfig
from gdviz.training.trainer import Trainer, divergence_message

COMPARISONS = ("optimizers", "learning rates", "batch sizes", "penalties")
# The optimizers' shown names (translated where an Entrant is made); the keys are identifiers.
OPTIMIZER_LABELS = {"gd": QT_TRANSLATE_NOOP("Race", "gradient descent"),
                    "momentum": QT_TRANSLATE_NOOP("Race", "momentum"), "adam": "Adam"}
LEARNING_RATE_FACTORS = (1.0, 10.0)  # the base rate and ten times it
MINI_BATCH = 10  # the mini-batch raced against the whole set, when the config has none
PENALTY_RATE = 0.01  # λ of the penalties raced, when the config has none
PATH_EXACT_STEPS = 1000  # a path keeps every step up to here, then is thinned
PATH_ROWS = 2 * (PATH_EXACT_STEPS + 1)  # at most this many rows...
PATH_MAX_BYTES = 8 * 2**20  # ...and at most this much memory per entrant
MIN_PATH_ROWS = 64
LOWS_CAPACITY = 50_000  # new lows kept exactly (two numbers each)


@dataclass(frozen=True)
class Entrant:
    """One runner of a race: a label for the legend and how it trains."""

    label: str
    config: ModelConfig


def has_field(config: ModelConfig, name: str) -> bool:
    """True if this gdviz's ModelConfig has the field (batch_size, penalty: newer ones)."""
    return hasattr(config, name)


def available_comparisons(config: ModelConfig) -> tuple:
    """The COMPARISONS this ModelConfig supports (batch sizes and penalties need their fields)."""
    needs = {"batch sizes": "batch_size", "penalties": "penalty"}
    return tuple(c for c in COMPARISONS if c not in needs or has_field(config, needs[c]))


def entrants_for(comparison: str, base_config: ModelConfig, values=None) -> tuple:
    """The usual entrants of a comparison, built from the learner's current config.

    - "optimizers": gradient descent, momentum and Adam, each at the base learning
      rate η. The same η on purpose: it is the knob the learner sets, and what each
      optimizer makes of it is the lesson (gradient descent steps η·g; momentum builds
      up to η·g/(1−μ), ten times more; Adam steps about η per weight whatever the
      gradient's size). For other rates, make Entrants of your own.
    - "learning rates": the base optimizer at η and 10·η (rates go by factors of ten;
      the larger one shows a faster start, and often the overshoot or divergence of a
      rate too large).
    - "batch sizes": the whole training set against mini-batches of ``MINI_BATCH``
      points (or of the config's batch size, if it has one).
    - "penalties": no penalty, L2 and L1, at the config's λ (``PENALTY_RATE`` if it
      has none). Their curves are the loss each minimises, penalty included.

    Args:
        comparison: one of COMPARISONS.
        base_config: the learner's config; everything not compared is kept.
        values: optional, instead of the defaults: optimizer names, learning rates,
            batch sizes, or (penalty, rate) pairs.

    Returns:
        A tuple of Entrants, their configs validated.

    Raises:
        ValueError: an unknown comparison, or one this ModelConfig has no field for.
    """
    if comparison not in COMPARISONS:
        raise ValueError(f"unknown comparison {comparison!r}; choose one of {', '.join(COMPARISONS)}")
    if comparison not in available_comparisons(base_config):
        raise ValueError(translate("Race", "this gdviz's models have no field for {comparison}; compare "
                                   "{choices}").format(comparison=comparison,
                                                       choices=" or ".join(available_comparisons(base_config))))
    base = base_config
    if comparison == "optimizers":
        entrants = [Entrant(translate("Race", OPTIMIZER_LABELS.get(name, name)), replace(base, optimizer=name))
                    for name in values or tuple(OPTIMIZER_LABELS)]
    elif comparison == "learning rates":
        rates = values or tuple(base.learning_rate * f for f in LEARNING_RATE_FACTORS)
        entrants = [Entrant(f"η = {rate:g}", replace(base, learning_rate=float(rate))) for rate in rates]
    elif comparison == "batch sizes":
        sizes = values or (0, base.batch_size or MINI_BATCH)
        entrants = [Entrant(translate("Race", "all points") if size == 0 else
                            translate("Race", "batches of {size}").format(size=size),
                            replace(base, batch_size=int(size))) for size in sizes]
    else:
        rate = base.penalty_rate or PENALTY_RATE
        pairs = values or (("none", 0.0), ("l2", rate), ("l1", rate))
        entrants = [Entrant(translate("Race", "no penalty") if kind == "none" else f"{kind.upper()}, λ = {value:g}",
                            replace(base, penalty=kind, penalty_rate=float(value))) for kind, value in pairs]
    for entrant in entrants:
        entrant.config.validate()
    return tuple(entrants)


def flatten(weights) -> np.ndarray:
    """Weights [W1, b1, ...] as one vector, in that order (row-major within each)."""
    return np.concatenate([np.ravel(w) for w in weights])


class ThinnedRows:
    """(step, row) records, append-only, thinned so that they never exceed a capacity.

    The first ``head`` records are always kept; after them, as in ``History``, every
    other record is dropped when full and from then on only every ``stride``-th
    offered record is kept. Thinning copies into a new buffer, so a view handed out
    by ``views()`` is never written again.
    """

    def __init__(self, capacity: int, width: int, head: int = 0):
        self.capacity, self.head = capacity, min(head, capacity // 2)
        self._steps = np.empty(capacity, dtype=np.int64)
        self._rows = np.empty((capacity, width))
        self._count = 0
        self._stride = 1
        self._offered = 0  # records offered after the head
        self.thinned = False

    def __len__(self):
        return self._count

    @property
    def last_step(self):
        return int(self._steps[self._count - 1]) if self._count else None

    def offer(self, step: int, row) -> None:
        """Keep the record if it falls on the stride (always, within the head)."""
        if self._count >= self.head:
            self._offered += 1
            if (self._offered - 1) % self._stride:
                return
        self.append(step, row)

    def append(self, step: int, row) -> None:
        """Keep the record whatever the stride (it still counts towards the capacity)."""
        if self._count == self.capacity:
            self._thin()
        self._steps[self._count] = step
        self._rows[self._count] = row
        self._count += 1

    def _thin(self):
        keep = np.r_[np.arange(self.head), np.arange(self.head, self._count, 2)]
        steps, rows = np.empty_like(self._steps), np.empty_like(self._rows)
        steps[: len(keep)], rows[: len(keep)] = self._steps[keep], self._rows[keep]
        self._steps, self._rows, self._count = steps, rows, len(keep)
        self._stride *= 2
        self.thinned = True

    def views(self):
        """Read-only views (steps, rows) of the records kept: never written again."""
        steps, rows = self._steps[: self._count], self._rows[: self._count]
        steps.flags.writeable = rows.flags.writeable = False
        return steps, rows


def _path_capacity(n_weights: int) -> int:
    return int(np.clip(PATH_MAX_BYTES // (8 * max(n_weights, 1)), MIN_PATH_ROWS, PATH_ROWS))


def first_step_at_or_below(lows, loss: float):
    """The first step whose loss is ≤ ``loss``, from an entrant's new lows (steps, values)."""
    steps, values = lows
    reached = np.flatnonzero(values[:, 0] <= loss)
    return int(steps[reached[0]]) if len(reached) else None


@dataclass(frozen=True)
class EntrantResult:
    """Where one entrant stands. Arrays are read-only and never change.

    ``curve`` is (steps, losses): step k's loss measured as the step began (the
    convention of every gdviz curve). ``path`` is (steps, rows): the flattened weights
    after each kept step, row 0 the start; ``weights`` is the current flat vector.
    ``lows`` is (steps, values (K, 1)) of the new lows. ``message`` says why the
    entrant stopped (divergence, no points), or is None while it can go on.
    """

    label: str
    config: ModelConfig
    step: int
    loss: float | None
    curve: tuple
    path: tuple
    weights: np.ndarray
    lows: tuple
    diverged_at: int | None
    message: str | None

    def steps_to_reach(self, loss: float):
        """The first step whose loss is ≤ ``loss``, or None if none has been yet."""
        return first_step_at_or_below(self.lows, loss)


@dataclass(frozen=True)
class RaceSnapshot:
    """A race after ``rounds`` rounds: one EntrantResult per entrant, in their order."""

    rounds: int
    start_loss: float | None
    entrants: tuple

    def steps_to_reach(self, loss: float) -> dict:
        """{label: first step whose loss is ≤ ``loss``, or None}."""
        return {e.label: e.steps_to_reach(loss) for e in self.entrants}

    @property
    def running(self) -> bool:
        """True while some entrant can still take steps."""
        return any(e.message is None for e in self.entrants)


class _Runner:
    """One entrant's Trainer and what the race records of it."""

    def __init__(self, entrant: Entrant, dataset: Dataset, weights):
        self.entrant = entrant
        self.trainer = Trainer(entrant.config, dataset, [np.array(w, dtype=float) for w in weights])
        start = flatten(self.trainer.model.get_weights())
        self.path = ThinnedRows(_path_capacity(len(start)), len(start), head=PATH_EXACT_STEPS + 1)
        self.path.append(0, start)
        self.lows = ThinnedRows(LOWS_CAPACITY, 1)
        self.best = np.inf
        self.message = None if self.trainer.can_train else translate("Race", "no points to train on")

    def train_one(self) -> None:
        trainer = self.trainer
        if trainer.train(1) != 1:
            self._stopped()
            return
        loss = trainer.loss  # step k's loss, as the curve records it
        if loss < self.best:
            self.best = loss
            self.lows.append(trainer.step, loss)
        self.path.offer(trainer.step, self._flat_weights())

    def _flat_weights(self) -> np.ndarray:
        return flatten([v.value for v in self.trainer.model.variables])

    def _stopped(self):
        trainer = self.trainer
        if trainer.diverged_at is not None:
            self.message = divergence_message(trainer.diverged_at, trainer.model.learning_rate,
                                              trainer.divergence_cause)
        else:
            self.message = translate("Race", "no points to train on")

    def result(self) -> EntrantResult:
        trainer = self.trainer
        weights = self._flat_weights()
        if self.path.last_step != trainer.step:
            # The path ends where the entrant stands: this row is kept like the others.
            self.path.append(trainer.step, weights)
        curve = trainer.loss_history.arrays()
        weights.flags.writeable = False
        for a in curve:
            a.flags.writeable = False
        loss = trainer.loss if trainer.loss is not None and np.isfinite(trainer.loss) else None
        return EntrantResult(label=self.entrant.label, config=self.entrant.config, step=trainer.step,
                             loss=loss, curve=curve, path=self.path.views(), weights=weights,
                             lows=self.lows.views(), diverged_at=trainer.diverged_at, message=self.message)


class Race:
    """Entrants trained side by side from the same weights on the same points.

    Args:
        entrants: Entrants with distinct labels; their configs must share the
            architecture (the same weights must fit every one).
        dataset: the points, the same for all.
        weights: the starting weights [W1, b1, ...]; each entrant trains a copy.

    Raises:
        ValueError: no entrants, repeated labels, or weights that do not fit a config.
    """

    def __init__(self, entrants, dataset: Dataset, weights):
        entrants = tuple(entrants)
        labels = [e.label for e in entrants]
        if not entrants:
            raise ValueError("a race needs at least one entrant")
        if len(set(labels)) != len(labels):
            raise ValueError(f"entrants need distinct labels, not {labels}")
        self.entrants = entrants
        self.dataset = dataset
        self._runners = [_Runner(e, dataset, weights) for e in entrants]
        self.rounds = 0
        losses = [r.trainer.loss for r in self._runners]
        self.start_loss = losses[0] if losses[0] is not None and np.isfinite(losses[0]) else None

    @property
    def running(self) -> bool:
        """True while some entrant can still take steps."""
        return any(r.message is None for r in self._runners)

    def step(self, n: int = 1) -> int:
        """Advance every entrant still running by ``n`` steps, round robin (one step
        each in turn, so that none runs ahead). Returns the rounds taken (fewer than
        ``n`` only when every entrant has stopped)."""
        for taken in range(n):
            running = [r for r in self._runners if r.message is None]
            if not running:
                return taken
            for runner in running:
                runner.train_one()
            self.rounds += 1
        return n

    def steps_to_reach(self, loss: float) -> dict:
        """{label: first step whose loss (as its curve shows it) is ≤ ``loss``, or None}."""
        return {r.entrant.label: first_step_at_or_below(r.lows.views(), loss) for r in self._runners}

    def snapshot(self) -> RaceSnapshot:
        """An immutable, self-contained RaceSnapshot (copies, or views of rows never
        written again). Each path ends where its entrant stands: the current weights
        are kept as a row if the thinning had skipped them."""
        return RaceSnapshot(rounds=self.rounds, start_loss=self.start_loss,
                            entrants=tuple(r.result() for r in self._runners))
