"""Which training step the graph panel shows, and loading it there.

"Backprop this step" (``load_exact``) loads exactly the step the training process is
about to take, waiting for it to pause. While paused, the graph also follows every
edit of the session (``follow_session``): the step about to happen, from what is on
screen, traced off the GUI thread by a TraceLoader (the newest edit's wins), so that
no edit waits on training or on a hundred thousand points' gradients.

After the backward pass the player shows each Variable's update: the GUI's copy of the
model takes the optimizer's state from training (momentum's accumulator, Adam's moments
and t), so the numbers shown are the next step's.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer

from gdviz.training.models import Model
from gdviz.training.trainer import minibatch
from gdviz.ui.graph.trace_loader import MODEL_LOCK, TraceLoader


QUIET_MS = 150  # edits this close together are traced once, after the last


class GraphSteps(QObject):
    """The graph panel's step, for ``window`` (a MainWindow: its ``graph_panel`` and
    ``session``). A QObject, so that the loader's traces reach it in the GUI thread."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.step = None  # the training step shown (about to happen)
        self.optimizer_state = None  # the optimizer's state the update steps shown start from
        self._model = None  # the GUI's copy of the model, reused while it fits
        self.loader = TraceLoader(self)
        self._pending = None  # the step to trace once the edits pause
        self._quiet = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._quiet.timeout.connect(self._trace_pending)
        self.loader.loaded.connect(self._on_traces_loaded)
        self.loader.failed.connect(self._on_failed)

    def _on_failed(self, details: str) -> None:
        self.window.warn(details.strip().splitlines()[-1])

    def stop(self) -> None:
        self.loader.stop()

    def follow_session(self, now: bool = False) -> None:
        """The graph follows the session while paused: the step about to happen, from
        what is on screen (the session model's points, model, weights and step), traced
        off the GUI thread (the newest edit's wins) without waiting on training."""
        session = self.window.session
        config, dataset, step = session.model_config, session.dataset, session.step
        weights = session.weights_now()
        optimizer_state = session.progress.optimizer_state
        if now:  # in this thread: the session the app opens on, shown at its first paint
            self.load_exact(config, dataset, weights, step, optimizer_state)
            return
        self.show_step(config, dataset, weights, step, optimizer_state)

    def show_step(self, config, dataset, weights, step, optimizer_state=None, past: bool = False) -> None:
        """Trace step ``step + 1`` from ``weights`` off the GUI thread (the newest request
        wins). ``past``: a step of the timeline, whose optimizer state is not recorded: the
        update is shown only for gradient descent, which has none."""
        self.window.graph_panel.set_caption(
            self.tr("Step {step}, about to happen: working out its backprop…").format(step=step + 1))
        self.loader.cancel()  # anything older is stale now
        updates = not past or config.optimizer == "gd"
        self._pending = (config, dataset, weights, step, optimizer_state, updates)
        # A burst of edits (clicks adding points) is traced once, when it pauses: the
        # tracing thread would otherwise take the interpreter from each next edit.
        self._quiet.start()

    def _trace_pending(self) -> None:
        if self._pending is None:
            return
        config, dataset, weights, step, optimizer_state, updates = self._pending
        self._pending = None
        self.loader.request(lambda: self._model_for(config, dataset, weights, optimizer_state, step, updates),
                            context=step)

    def _on_traces_loaded(self, traces) -> None:
        if traces.serial != self.loader.serial:
            return  # an edit came after it: its traces are on their way
        self.window.graph_panel.player.set_mode("backward")
        self.window.graph_panel.show_traces(traces.loss, traces.forward, traces.backward, traces.updates)
        self._step_shown(traces.context)

    def _model_for(self, config, dataset, weights, optimizer_state=None, step=0, updates=True):
        """The GUI's copy of the model, set to ``weights`` and ``optimizer_state`` (None or
        another optimizer's: fresh) and fed the training points of step ``step + 1`` (its
        mini-batch, when it trains on one): (loss, feed, optimizer, variables).
        Called under MODEL_LOCK (by the trace loader, or by ``load_exact``)."""
        model = self._model
        if model is None or model.config != config or model.n_classes != dataset.n_classes:
            model = self._model = Model(config, dataset.n_classes, weights)
        else:
            model.set_weights(weights)  # the optimizer starts fresh...
        if optimizer_state is not None:
            try:  # ...or goes on from training's
                model.optimizer.load_state(model.variables, optimizer_state)
            except ValueError:
                pass  # a state from before an optimizer change: the next frame brings the new one
        self.optimizer_state = optimizer_state
        train = np.flatnonzero(dataset.train_mask)
        batch = minibatch(len(train), config.batch_size, config.seed, step)
        if batch is not None:  # the very points the step trains on
            train = train[batch]
        optimizer = model.optimizer if updates else None  # None: the backward pass alone
        return model.loss, model.feed(dataset.X[train], dataset.one_hot(train)), optimizer, model.variables

    def load_exact(self, config, dataset, weights, step, optimizer_state=None, past: bool = False) -> None:
        """Load this step now, in the GUI thread (e.g. the one the training process reports,
        ``TrainingPanel.training_state``)."""
        self._pending = None
        self.loader.cancel()  # whatever it is working out is older than this
        self.window.graph_panel.player.set_mode("backward")  # the step's backprop, whatever was shown
        with MODEL_LOCK:
            loss, feed, optimizer, variables = self._model_for(
                config, dataset, weights, optimizer_state, step, not past or config.optimizer == "gd")
        self.window.graph_panel.load(loss, feed, optimizer, variables)  # takes MODEL_LOCK itself
        self._step_shown(step)

    def _step_shown(self, step) -> None:
        self.window.graph_panel.view.fit()
        self.step = step
        self.window.graph_panel.set_caption(
            self.tr("Step {step}, about to happen: its backprop, with the current weights and points").format(
                step=step + 1))
