"""One undo history for the main window: scenario changes and point edits, in order.

Two kinds of change are undone with the same Ctrl+Z: the window's scenario changes (the
dataset, its config and the model config, kept here as whole scenarios) and the
training panel's point edits (kept in the panel's QUndoStack). A timeline of
"window"/"panel" entries says which history holds each step back.
"""

from __future__ import annotations

MAX_UNDO = 100


class ScenarioHistory:
    """Undo and redo for ``window`` (a MainWindow).

    The window provides ``training`` (its TrainingPanel), ``dataset_config``,
    ``controls``, ``actions_by_name`` and ``_set_dirty``.
    """

    def __init__(self, window):
        self.window = window
        self._undo: list = []
        self._redo: list = []
        self._timeline: list = []  # "window" or "panel": which history holds each undo
        self._redo_timeline: list = []
        self._undoing = False

    def clear(self) -> None:
        """Forget every change (a session was opened)."""
        self._undo.clear()
        self._redo.clear()
        self._timeline.clear()
        self._redo_timeline.clear()
        self.update_actions()

    def _scenario(self):
        training = self.window.training
        return (training.dataset(), self.window.dataset_config, training.model_config())

    def push(self) -> None:
        """Remember the scenario as it is, before the window changes it."""
        self._undo.append(self._scenario())
        if len(self._undo) > MAX_UNDO:  # forget the oldest scenario change
            del self._undo[0]
            self._timeline.remove("window")
        self._redo.clear()
        self._redo_timeline.clear()
        self._timeline.append("window")
        self.update_actions()

    def on_panel_undo_index(self, index: int) -> None:
        """The panel's undo stack moved: a new point edit joins the timeline."""
        stack = self.window.training.undo_stack
        if stack.count() == 0:  # set_dataset cleared the panel's edits
            self._timeline = [t for t in self._timeline if t == "window"]
            self._redo_timeline = [t for t in self._redo_timeline if t == "window"]
        elif not self._undoing and index == stack.count():  # a new point edit (not an undo or redo)
            self._timeline.append("panel")
            self._redo.clear()
            self._redo_timeline.clear()
            self.window._set_dirty(True)
        self.update_actions()

    def _restore(self, scenario) -> None:
        window = self.window
        dataset, dataset_config, model_config = scenario
        window.dataset_config = dataset_config
        window.controls.set_configs(dataset_config, model_config)
        if model_config != window.training.model_config():
            window.training.set_model_config(model_config)
        if dataset is not window.training.dataset():  # set_dataset forgets the point edits
            window.training.set_dataset(dataset)

    def _move(self, back: bool) -> None:
        source, target = (self._timeline, self._redo_timeline) if back else (self._redo_timeline, self._timeline)
        if not source:
            return
        which = source.pop()
        self._undoing = True
        try:
            if which == "panel":
                stack = self.window.training.undo_stack
                stack.undo() if back else stack.redo()
            else:
                keep, take = (self._redo, self._undo) if back else (self._undo, self._redo)
                keep.append(self._scenario())
                self._restore(take.pop())
        finally:
            self._undoing = False
        target.append(which)
        self.window._set_dirty(True)
        self.update_actions()

    def undo(self) -> None:
        """Undo the last change to the points or the settings."""
        self._move(back=True)

    def redo(self) -> None:
        """Redo what undo took back."""
        self._move(back=False)

    def update_actions(self) -> None:
        actions = self.window.actions_by_name
        actions["undo"].setEnabled(bool(self._timeline))
        actions["redo"].setEnabled(bool(self._redo_timeline))
