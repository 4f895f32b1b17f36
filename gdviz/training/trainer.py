"""Training without Qt: a Trainer steps a Model on a Dataset and reports immutable Snapshots.

The trainer is plain Python, tested without Qt; ``gdviz.ui.training.worker`` runs it in a
QThread. A step that makes the loss or a weight non-finite is *divergence*: the
trainer puts back the last weights whose loss was finite, forgets the optimizer's
state, records the step in ``diverged_at`` and stops, so that the UI can say
"training diverged at step k: lower the learning rate". Nothing non-finite ever
leaves the trainer: a Snapshot holds finite numbers or None.

Mini-batches (``ModelConfig.batch_size`` k > 0, fewer than the training points): each
step feeds the same train op k training points drawn without replacement, by a
generator seeded with (config seed, step), so that a step draws the same points however
training got there (paused, resumed in a new training process, or replayed);
``last_batch`` says which. The curves still record the whole training set's J, as
batch descent does: a learner reads one curve, J, and sees it fall, not the noise of
each batch. That costs one forward pass over the whole set per step, for mini-batches
only; batch descent measures J in its own step, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from gdviz.i18n import translate
from gdviz.training.datasets import Dataset
from gdviz.training.models import Model, ModelConfig, architecture_key, initial_weights

HISTORY_CAPACITY = 2000  # points kept per curve: enough for a plot, bounded in memory


@dataclass(frozen=True)
class Snapshot:
    """The state of training after ``step`` steps. Arrays are read-only copies.

    ``loss`` and ``accuracy`` (on the training points) and the test figures are all
    measured at the snapshot's weights: the loss J the backprop player shows for the
    step about to happen. (The curves keep each step's own loss, measured before its
    update on the whole training set, as the optimizer reports it in batch descent.)
    None means "not defined" (no points). ``batch``: ``Trainer.last_batch``, read-only.
    """

    step: int
    loss: float | None
    accuracy: float | None
    test_loss: float | None
    test_accuracy: float | None
    weights: tuple
    learning_rate: float
    diverged_at: int | None = None
    batch: np.ndarray | None = None  # indices into the dataset of the last step's mini-batch


class History:
    """(step, value) records of one curve, thinned so that it never exceeds a capacity.

    When full, every other record is dropped and from then on only every
    ``stride``-th offered record is kept: the curve keeps its shape at any length.
    """

    def __init__(self, capacity: int = HISTORY_CAPACITY):
        self.capacity = capacity
        self._steps = np.empty(2 * capacity)
        self._values = np.empty(2 * capacity)
        self._count = 0
        self._stride = 1
        self._offered = 0

    def __len__(self):
        return self._count

    def append(self, step: int, value: float) -> None:
        """Offer a record; kept if it falls on the current stride."""
        self._offered += 1
        if (self._offered - 1) % self._stride:
            return
        if self._count == len(self._steps):
            half = self._count // 2
            self._steps[:half] = self._steps[: self._count : 2]
            self._values[:half] = self._values[: self._count : 2]
            self._count = half
            self._stride *= 2
        self._steps[self._count] = step
        self._values[self._count] = value
        self._count += 1

    def arrays(self):
        """Copies of (steps, values)."""
        return self._steps[: self._count].copy(), self._values[: self._count].copy()

    def clear(self) -> None:
        self._count = 0
        self._stride = 1
        self._offered = 0


def _finite_or_none(value):
    return float(value) if value is not None and np.isfinite(value) else None


def _accuracy(probabilities_or_logits, labels) -> float:
    return float(np.mean(np.argmax(probabilities_or_logits, axis=1) == labels))


def minibatch(n_points: int, batch_size: int, seed: int, step: int) -> np.ndarray | None:
    """The mini-batch of training step ``step + 1``: ``batch_size`` distinct indices into
    ``n_points`` training points, in increasing order; None for the whole set (a batch
    size of 0, or of at least ``n_points``).

    The generator is seeded with (seed, step): the same step always draws the same points.
    """
    if batch_size <= 0 or batch_size >= n_points:
        return None
    rng = np.random.default_rng((seed, step))
    return np.sort(rng.choice(n_points, batch_size, replace=False))


class Trainer:
    """Trains a Model of ``config`` on ``dataset``.

    Args:
        config: the model and how it trains.
        dataset: the points; only those not in the test split are trained on.
        weights: optional starting weights (copied), e.g. to resume a paused run.
        step: the step count those weights belong to.
    """

    def __init__(self, config: ModelConfig, dataset: Dataset, weights=None, step: int = 0):
        self.config = config
        self.dataset = dataset
        self.model = Model(config, dataset.n_classes, weights)
        self.step = step
        self.diverged_at: int | None = None
        self.divergence_cause: str | None = None  # "log0" or "overflow", see divergence_message
        self.loss: float | None = None
        self.accuracy: float | None = None
        #: Indices into the dataset of the last step's mini-batch; None: the whole set.
        self.last_batch: np.ndarray | None = None
        self.loss_history = History()
        self.accuracy_history = History()
        self.test_loss_history = History()
        self._last_good, self._last_good_step = self.model.get_weights(), step
        # (step, weights, J, accuracy, batch) at the start of the last step: its own measures
        self._step_before = None
        self._prepare_feeds()
        self._measure_current()

    # **** changing what is trained ****

    def _prepare_feeds(self):
        d = self.dataset
        train = d.train_mask
        self._train_indices = np.flatnonzero(train)
        self._train_labels = d.labels[train]
        self._train = (d.X[train], d.one_hot(train), self._train_labels)  # points, for _measure
        self._feed = self.model.feed(d.X[train], d.one_hot(train))  # their features, for steps
        self._test = (d.X[d.is_test], d.one_hot(d.is_test), d.labels[d.is_test])

    def set_dataset(self, dataset: Dataset) -> None:
        """Train on other points from now on; the weights stay unless the classes changed."""
        changed_classes = dataset.n_classes != self.dataset.n_classes
        self.dataset = dataset
        if changed_classes:
            self.reset()
        else:
            self._prepare_feeds()
            self._measure_current()  # a paused view shows the loss on the new points

    def set_config(self, config: ModelConfig) -> bool:
        """Use ``config`` from now on. Returns True if that restarted training.

        A new learning rate, batch size or penalty rate keeps everything; a new optimizer,
        reduction or penalty keeps the weights (the optimizer starts afresh); another
        architecture, seed or set of input features restarts.
        """
        config.validate()
        old, self.config = self.config, config
        if architecture_key(old) != architecture_key(config):
            self.reset()
            return True
        if (old.optimizer, old.reduction, old.penalty) != (config.optimizer, config.reduction, config.penalty):
            self.model = Model(config, self.dataset.n_classes, self.model.get_weights())
            self._prepare_feeds()
            self._measure_current()  # the loss means another thing now (sum or mean, penalised)
        elif old.penalty_rate != config.penalty_rate:
            self.model.penalty_rate = config.penalty_rate  # λ is fed: the graph stays
            self._prepare_feeds()
            self._measure_current()
        self.model.learning_rate = config.learning_rate
        self.diverged_at = None
        return False

    def set_learning_rate(self, learning_rate: float) -> None:
        """A new learning rate, taking effect at the next step; training goes on."""
        self.set_config(replace(self.config, learning_rate=float(learning_rate)))

    def reset(self) -> None:
        """Retrain from scratch: the config's starting weights, step 0, empty curves."""
        self._restart(initial_weights(self.config, self.dataset.n_classes))

    def randomise_weights(self, seed: int | None = None) -> None:
        """Start again from fresh random weights (from ``seed``, or a new random seed)."""
        if seed is None:
            seed = int(np.random.default_rng().integers(2**31))
        self._restart(initial_weights(self.config, self.dataset.n_classes, seed=seed))

    def set_weights(self, weights, step: int | None = None) -> None:
        """Continue from ``weights`` (copied), e.g. after the backprop player took the step."""
        self.model.set_weights(weights)
        if step is not None:
            self.step = step
        self._last_good, self._last_good_step = self.model.get_weights(), self.step
        self._step_before = None
        self.diverged_at = None

    def set_histories(self, loss, accuracy, test_loss) -> None:
        """Go on from these curves ((K, 2) arrays of (step, value) rows), e.g. when an
        undone restart puts the earlier run back."""
        for history, rows in ((self.loss_history, loss), (self.accuracy_history, accuracy),
                              (self.test_loss_history, test_loss)):
            history.clear()
            for step, value in np.asarray(rows, dtype=float).reshape(-1, 2):
                history.append(int(step), float(value))

    def _restart(self, weights):
        self.model = Model(self.config, self.dataset.n_classes, weights)
        self._prepare_feeds()
        self.step = 0
        self.last_batch = None
        self._last_good, self._last_good_step = self.model.get_weights(), 0
        self.diverged_at = None
        for history in (self.loss_history, self.accuracy_history, self.test_loss_history):
            history.clear()
        self._measure_current()

    # **** training ****

    @property
    def can_train(self) -> bool:
        """False when no point is left to train on."""
        return len(self._train_labels) > 0

    def train(self, n_steps: int = 1) -> int:
        """Take up to ``n_steps`` steps; stop early on divergence or with no points.

        Returns:
            The number of steps that completed without diverging.
        """
        model, whole = self.model, self._feed
        variables = model.variables
        for taken in range(n_steps):
            if not self.can_train:
                return taken
            chosen = minibatch(len(self._train_labels), self.config.batch_size, self.config.seed, self.step)
            before = [v.value.copy() for v in variables]
            # A too-large step overflows on purpose: the check below handles it.
            with np.errstate(all="ignore"):
                if chosen is None:  # batch descent: the step measures the loss J itself
                    model.session.run(model.train_op, whole)
                    loss = float(model.loss.output)
                    accuracy = _accuracy(model.logits.output, self._train_labels)
                else:  # J over the whole set first (the curve's), then the batch's step
                    loss = float(model.session.run(model.loss, whole))
                    accuracy = _accuracy(model.logits.output, self._train_labels)
                    model.session.run(model.train_op, self._batch_feed(chosen))
                finite = np.isfinite(loss) and all(np.isfinite(v.value).all() for v in variables)
            batch_before, self.last_batch = self.last_batch, (None if chosen is None else self._train_indices[chosen])
            if np.isfinite(loss):
                # The weights this finite loss was measured at, and their step.
                self._last_good, self._last_good_step = before, self.step
                self._step_before = (self.step, before, loss, accuracy, batch_before)
            if not finite:
                self._diverge(loss_finite=bool(np.isfinite(loss)),
                              weights_finite=all(np.isfinite(w).all() for w in before))
                return taken
            self.step += 1
            self.loss = loss
            self.accuracy = accuracy
            self.loss_history.append(self.step, loss)
            self.accuracy_history.append(self.step, self.accuracy)
        return n_steps

    def _batch_feed(self, chosen) -> dict:
        """The training feed restricted to the training points ``chosen`` (indices)."""
        X, c = self.model.X, self.model.c
        return {**self._feed, X: self._feed[X][chosen], c: self._feed[c][chosen]}

    def _diverge(self, loss_finite: bool, weights_finite: bool):
        self.diverged_at = self.step + 1
        # The loss of step k is measured at the weights before its update: a non-finite
        # loss at finite weights in the tutorial's J = -Σ c·log p means p reached 0.
        self.divergence_cause = ("log0" if not loss_finite and weights_finite
                                 and self.config.kind == "perceptron" else "overflow")
        self.model.set_weights(self._last_good)  # also forgets momentum and Adam's moments
        self.step = self._last_good_step
        # Measure the loss where training now stands, so that the report is true.
        self.loss, self.accuracy = self._measure(*self._train)

    def _measure_current(self):
        """Loss and accuracy at the current weights: what a fresh start reports, the
        same loss the learner sees on J before any training. (Whatever called it may
        have changed what J is: the last step's own measures are forgotten.)"""
        self._step_before = None
        self.loss, self.accuracy = self._measure(*self._train)

    def _measure(self, X, one_hot, labels):
        """(J, accuracy) on points ``X`` (N, 2) at the current weights."""
        if len(labels) == 0:
            return None, None
        with np.errstate(all="ignore"):
            loss, probabilities = self.model.evaluate(X, one_hot)
        if not np.all(np.isfinite(probabilities)):
            return None, None
        return _finite_or_none(loss), _accuracy(probabilities, labels)

    def test_metrics(self):
        """(loss, accuracy) on the held-out points at the current weights; None if there are none."""
        return self._measure(*self._test)

    def snapshot_before_last_step(self) -> Snapshot | None:
        """The state one step back, at no cost: the last step measured J and the accuracy
        at its starting weights on its way, so weights, loss and accuracy are all of step
        ``step − 1``. While training runs at full speed, a snapshot one step old shows the
        same picture as a current one and saves the forward pass that ``snapshot`` takes.

        Returns None when that state is not at hand: no step since the weights were last
        set, a divergence, or held-out points (their loss would need a forward pass)."""
        record = self._step_before
        if (record is None or record[0] != self.step - 1 or self.diverged_at is not None
                or len(self._test[2])):
            return None
        step, before, loss, accuracy, batch = record
        weights = [w.copy() for w in before]
        batch = None if batch is None else batch.copy()
        for w in [*weights, *([] if batch is None else [batch])]:
            w.flags.writeable = False
        return Snapshot(step=step, loss=_finite_or_none(loss), accuracy=accuracy, test_loss=None,
                        test_accuracy=None, weights=tuple(weights), learning_rate=self.model.learning_rate,
                        diverged_at=None, batch=batch)

    def snapshot(self, with_test: bool = True) -> Snapshot:
        """The current state as an immutable Snapshot (copies, finite or None)."""
        self._measure_current()  # one forward pass; snapshots come at most 60 a second
        test_loss, test_accuracy = self.test_metrics() if with_test else (None, None)
        if with_test and test_loss is not None:
            self.test_loss_history.append(self.step, test_loss)
        weights = self.model.get_weights()
        batch = None if self.last_batch is None else self.last_batch.copy()
        for w in [*weights, *([] if batch is None else [batch])]:
            w.flags.writeable = False
        return Snapshot(
            step=self.step,
            loss=_finite_or_none(self.loss),
            accuracy=self.accuracy,
            test_loss=test_loss,
            test_accuracy=test_accuracy,
            weights=tuple(weights),
            learning_rate=self.model.learning_rate,
            diverged_at=self.diverged_at,
            batch=batch,
        )

    def snapshots(self, n_steps: int, every: int = 1):
        """Train ``n_steps`` steps, yielding a Snapshot every ``every`` steps.

        Stops after yielding the snapshot that reports divergence, if any.
        """
        done = 0
        while done < n_steps:
            taken = self.train(min(every, n_steps - done))
            done += taken
            yield self.snapshot()
            if self.diverged_at is not None or taken == 0:
                return


def divergence_message(step: int, learning_rate: float, cause: str | None = "overflow") -> str:
    """What the UI says when training stopped on a non-finite loss or weight.

    Args:
        step: the step that failed.
        learning_rate: the rate it failed at.
        cause: ``Trainer.divergence_cause``: "log0" (p reached 0 inside the tutorial's
            log p, the weights still finite) or "overflow".
    """
    if cause == "log0":
        return translate(
            "TrainingMessages",
            "Training stopped at step {step}: in the tutorial's loss J = −Σ c·log p a "
            "probability p reached 0, and log 0 = −∞ (0·log 0 is NaN), although the weights "
            "are finite. Lower the learning rate (now {rate:g}), or use the mean loss "
            "or an MLP, whose fused loss never takes log 0. The last finite weights are restored.",
        ).format(step=step, rate=learning_rate)
    return translate(
        "TrainingMessages",
        "Training diverged at step {step}: the loss or a weight became infinite or NaN. "
        "Lower the learning rate (now {rate:g}); the last finite weights are restored.",
    ).format(step=step, rate=learning_rate)
