"""The backprop player: steps through the engine's traces on a GraphView.

The state shown after ``position`` steps is a pure function of the trace and the
position (``player_state.backward_state`` / ``forward_state``): stepping back recomputes
it from the data rather than undoing, so it is exact. Two modes: ``"backward"`` plays the
breadth-first backward pass of a ``BackpropTrace`` and then, when given, the optimizer's
update of each Variable (``UpdateStep``s, one step each); ``"forward"`` the post-order
evaluation of a ``ForwardTrace``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from gdviz.i18n import QT_TRANSLATE_NOOP
from gdviz.lesson.point_pull import row_term_html
from gdviz.lesson.trace_text import shape_text
from gdviz.ui.graph.player_state import backward_state, flow_labels, forward_state, legend, queue_title
from gdviz.ui.graph.queue_strip import QueueStrip

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
BASE_INTERVAL_MS = 1200  # one step per this many ms at 1×
MAX_PULSE_MS = 700
SLIDER_MIN_WIDTH = 240  # room to drag through a pass of a few dozen steps
MODES = ("backward", "forward")
EXPLANATION_LINES = 7  # room for a step with two consumers, their sum and the queue
# The walk-through's keys: window-wide and distinct from training's (Space, Ctrl+→), so
# that a key means the same whichever widget has the focus. , and . step frame by frame
# as in a video player.
WALK_KEYS = {"walkNext": ".", "walkBack": ",", "walkPlay": "P", "walkStart": "Home", "walkEnd": "End"}
PLAY_TEXT = QT_TRANSLATE_NOOP("BackpropPlayer", "▶ Play walk-through")  # shown as self.tr(...)
PAUSE_TEXT = QT_TRANSLATE_NOOP("BackpropPlayer", "❚❚ Pause walk-through")
CHIP_STYLE = {
    "backward": "background:#d0ebff; color:#1f2329; border:1px solid #1c7ed6; border-radius:9px; padding:1px 7px;",
    "forward": "background:#f1f3f5; color:#1f2329; border:1px solid #868e96; border-radius:9px; padding:1px 7px;",
}


class BackpropPlayer(QWidget):
    """Plays the forward or backward trace on ``view``, one step at a time.

    Its commands are QActions (``actions_by_name``: walkNext, walkBack, walkPlay,
    walkStart, walkEnd) with the window-wide keys of ``WALK_KEYS``; the buttons trigger
    them, and the main window lists them in its Walk-through menu.

    Args:
        view: the GraphView drawing the traced graph.
        parent: the parent widget.

    Signals:
        positionChanged(int): the number of steps applied, after every change.
        modeChanged(str): "backward" or "forward".
    """

    positionChanged = Signal(int)
    modeChanged = Signal(str)

    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.setObjectName("backpropPlayer")
        self.view = view
        self.forward = None
        self.backward = None
        self.updates = ()  # the optimizer's UpdateSteps, after the backward pass
        self.row = None  # a row of X (a point) whose term the explanation adds
        self.mode = "backward"
        self.position = 0
        self.speed = 1.0
        self._values = {}
        self._grads = {}
        self._flow_labels = []  # per backward step: [(edge key, text, tooltip)]
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._build_actions()
        self._build()
        self._show()

    # **** widgets ****

    def _build_actions(self) -> None:
        self.actions_by_name = {}
        for name, text, tip, slot in (
                ("walkNext", self.tr("Next Step"), self.tr("Next step of the walk-through"),
                 self.step_forward),
                ("walkBack", self.tr("Step Back"), self.tr("Back one step of the walk-through"),
                 self.step_back),
                ("walkPlay", self.tr("Play Walk-through"), self.tr("Play or pause the walk-through"),
                 self.toggle_play),
                ("walkStart", self.tr("To the Start"), self.tr("Back to the start of the walk-through"),
                 self.restart),
                ("walkEnd", self.tr("To the End"), self.tr("Jump to the end of the walk-through"),
                 self.to_end)):
            action = QAction(text, self)
            action.setObjectName(f"{name}Action")
            action.setShortcut(QKeySequence(WALK_KEYS[name]))
            action.setShortcutContext(Qt.WindowShortcut)  # whatever has the focus
            action.setProperty("what", tip)
            key = action.shortcut().toString(QKeySequence.NativeText)
            tip_with_key = self.tr("{tip} ({key})").format(tip=tip, key=key)
            action.setToolTip(tip_with_key)
            action.setStatusTip(tip_with_key)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[name] = action

    def _button(self, name, text, action_name):
        action = self.actions_by_name[action_name]
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(action.toolTip())
        button.setFocusPolicy(Qt.NoFocus)  # a click must not move the focus away
        button.clicked.connect(action.trigger)
        return button

    def _build(self) -> None:
        self.mode_box = QComboBox()
        self.mode_box.setObjectName("modeBox")
        self.mode_box.addItem(self.tr("Backward pass (backprop)"), "backward")
        self.mode_box.addItem(self.tr("Forward pass"), "forward")
        self.mode_box.setFocusPolicy(Qt.NoFocus)
        self.mode_box.currentIndexChanged.connect(
            lambda i: self.set_mode(self.mode_box.itemData(i)))
        self.restart_button = self._button("restartButton", self.tr("|◀ Start"), "walkStart")
        self.back_button = self._button("stepBackButton", self.tr("◀ Back"), "walkBack")
        self.play_button = self._button("playButton", self.tr(PLAY_TEXT), "walkPlay")
        self.forward_button = self._button("stepForwardButton", self.tr("Next ▶"), "walkNext")
        self.end_button = self._button("endButton", self.tr("End ▶|"), "walkEnd")
        self.speed_box = QComboBox()
        self.speed_box.setObjectName("speedBox")
        for factor in SPEEDS:
            self.speed_box.addItem(f"{factor:g}×", factor)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.setFocusPolicy(Qt.NoFocus)
        self.speed_box.currentIndexChanged.connect(
            lambda i: self.set_speed(self.speed_box.itemData(i)))
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setObjectName("stepSlider")
        self.slider.setFocusPolicy(Qt.NoFocus)
        self.slider.setMinimumWidth(SLIDER_MIN_WIDTH)
        self.slider.setTickPosition(QSlider.TicksBelow)
        self.slider.setToolTip(self.tr("Drag to any step of the pass"))
        self.slider.valueChanged.connect(self.seek)
        self.step_label = QLabel()
        self.step_label.setObjectName("stepLabel")
        # Wide enough for three-digit counts, so the slider does not jump as they grow.
        self.step_label.setMinimumWidth(self.step_label.fontMetrics().horizontalAdvance(
            self.tr("step {position} / {count}").format(position=888, count=888)))
        controls = QHBoxLayout()
        for w in (self.mode_box, self.restart_button, self.back_button, self.play_button,
                  self.forward_button, self.end_button, QLabel(self.tr("speed")), self.speed_box):
            controls.addWidget(w)
        controls.addStretch(1)
        self.controls_row = controls  # the graph panel adds its Fit button at the end
        # The slider gets a row of its own: beside the buttons it was squeezed to nothing.
        timeline = QHBoxLayout()
        timeline.addWidget(self.step_label)
        timeline.addWidget(self.slider, 1)

        self.queue_strip = QueueStrip()

        self.explanation = QLabel()
        self.explanation.setObjectName("explanationLabel")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.RichText)
        self.explanation.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.explanation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        # In a scroll area: a long step (several consumers) scrolls rather than being
        # cut off under the legend when the window is small.
        self.explanation_scroll = QScrollArea()
        self.explanation_scroll.setObjectName("explanationScroll")
        self.explanation_scroll.setWidget(self.explanation)
        self.explanation_scroll.setWidgetResizable(True)
        self.explanation_scroll.setFrameShape(QFrame.NoFrame)
        self.explanation_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.explanation_scroll.setMinimumHeight(
            EXPLANATION_LINES * self.explanation.fontMetrics().lineSpacing() + 4)
        self.explanation_scroll.setFocusPolicy(Qt.NoFocus)
        self.legend = QLabel()
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addLayout(timeline)
        layout.addWidget(self.queue_strip)
        layout.addWidget(self.explanation_scroll, 1)
        layout.addWidget(self.legend)

    # **** data ****

    def set_traces(self, forward, backward, updates=()) -> None:
        """Play these traces (from the same run) from the start.

        Args:
            forward: the ``ForwardTrace`` of the run.
            backward: the ``BackpropTrace`` computed on that run's values.
            updates: the ``UpdateStep``s the optimizer makes with the backward pass's
                gradients (``explain_updates``): played after its last step.
        """
        self.pause()
        self.forward = forward
        self.backward = backward
        self.updates = tuple(updates) if backward is not None else ()
        self._values = {s.node: s.value for s in forward.steps} if forward else {}
        self._grads = {s.node: s.total for s in backward.steps} if backward else {}
        self._flow_labels = ([flow_labels(step, backward.loss.name) for step in backward.steps]
                             if backward else [])
        self.view.set_shapes({n: shape_text(v) for n, v in self._values.items()})
        self.position = 0
        self._show()

    @property
    def steps(self) -> tuple:
        """The steps of the current mode: in backward mode, the update steps follow."""
        if self.mode == "backward":
            return self.backward.steps + self.updates if self.backward is not None else ()
        return self.forward.steps if self.forward is not None else ()

    @property
    def step_count(self) -> int:
        return len(self.steps)

    def current_step(self):
        """The step shown now (the last one applied), or None at the start: a
        ``BackpropStep``, ``ForwardStep`` or ``UpdateStep`` (each has ``node``)."""
        return self.steps[self.position - 1] if self.position > 0 else None

    def update_step_at(self, position: int):
        """The ``UpdateStep`` applied last at ``position`` of the backward walk-through,
        or None where that position is in the backward pass (or out of range)."""
        if self.mode != "backward" or self.backward is None:
            return None
        k = position - len(self.backward.steps)
        return self.updates[k - 1] if 1 <= k <= len(self.updates) else None

    def updated_value_at(self, node):
        """The Variable's value after the optimizer's update, if the walk-through has
        applied that update at this position, else None."""
        if self.mode != "backward" or self.backward is None:
            return None
        applied = self.updates[:max(0, self.position - len(self.backward.steps))]
        return next((u.after for u in applied if u.node is node), None)

    def is_update_step(self) -> bool:
        """True when the step shown now is the optimizer's update of a Variable."""
        return self.update_step_at(self.position) is not None

    def value_at(self, node):
        """The node's value if the forward pass shown has computed it, else None.

        In backward mode the whole forward pass has been run, so every value is known.
        """
        if self.mode == "forward":
            done = {s.node for s in self.forward.steps[:self.position]} if self.forward else set()
            return self._values.get(node) if node in done else None
        return self._values.get(node)

    def gradient_at(self, node):
        """∂loss/∂node if the backward pass has reached it at this position, else None."""
        if self.mode != "backward" or self.backward is None:
            return None
        for step in self.backward.steps[:self.position]:
            if step.node is node:
                return step.total
        return None

    # **** controls ****

    def set_mode(self, mode: str) -> None:
        """Play the ``"backward"`` or the ``"forward"`` pass, from its start."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        if mode != self.mode:
            self.pause()
            self.mode = mode
            self.position = 0
            index = MODES.index(mode)
            if self.mode_box.currentIndex() != index:
                self.mode_box.setCurrentIndex(index)
            self._show()
            self.modeChanged.emit(mode)

    def step_forward(self) -> None:
        """Apply the next step, with a pulse along the edges it uses."""
        if self.position < self.step_count:
            self.seek(self.position + 1, animate=True)

    def step_back(self) -> None:
        """Show the state before the current step (exact: recomputed from the trace)."""
        if self.position > 0:
            self.seek(self.position - 1)

    def restart(self) -> None:
        self.pause()
        self.seek(0)

    def to_end(self) -> None:
        self.pause()
        self.seek(self.step_count)

    def seek(self, position: int, animate: bool = False) -> None:
        """Show the state after ``position`` steps (0: before the first)."""
        position = max(0, min(int(position), self.step_count))
        if position == self.position:
            return
        self.position = position
        self._show(animate)

    def play(self) -> None:
        """Step automatically at the chosen speed; from the start if at the end."""
        if self.step_count == 0:
            return
        if self.position >= self.step_count:
            self.seek(0)
        self._timer.start(self.interval_ms())
        self.play_button.setText(self.tr(PAUSE_TEXT))

    def pause(self) -> None:
        self._timer.stop()
        self.play_button.setText(self.tr(PLAY_TEXT))

    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def is_playing(self) -> bool:
        return self._timer.isActive()

    def set_speed(self, factor: float) -> None:
        """Steps per second relative to 1× (0.25× to 8×)."""
        factor = min(SPEEDS, key=lambda s: abs(s - float(factor)))
        self.speed = factor
        index = SPEEDS.index(factor)
        if self.speed_box.currentIndex() != index:
            self.speed_box.setCurrentIndex(index)
        if self.is_playing():
            self._timer.setInterval(self.interval_ms())

    def interval_ms(self) -> int:
        return int(BASE_INTERVAL_MS / self.speed)

    def _tick(self) -> None:
        self.step_forward()
        if self.position >= self.step_count:
            self.pause()

    # **** showing a position ****

    def _show(self, animate: bool = False) -> None:
        count = self.step_count
        self.slider.blockSignals(True)
        self.slider.setRange(0, count)
        self.slider.setValue(self.position)
        self.slider.blockSignals(False)
        self.step_label.setText(self.tr("step {position} / {count}").format(
            position=self.position, count=count))
        self.slider.setTickInterval(1 if count <= 40 else max(1, count // 20))
        for name, enabled in (("walkBack", self.position > 0), ("walkStart", self.position > 0),
                              ("walkNext", self.position < count), ("walkEnd", self.position < count),
                              ("walkPlay", count > 0)):
            self.actions_by_name[name].setEnabled(enabled)
        for button, name in ((self.back_button, "walkBack"), (self.restart_button, "walkStart"),
                             (self.forward_button, "walkNext"), (self.end_button, "walkEnd"),
                             (self.play_button, "walkPlay")):
            button.setEnabled(self.actions_by_name[name].isEnabled())
        if self.mode == "backward":
            state = backward_state(self.backward, self.position, self._flow_labels, self._grads,
                                   self._values, self.updates)
        else:
            state = forward_state(self.forward, self.position, self._values)
        self.view.apply_state(state.node_states, state.badges, state.edge_states, state.labels)
        current = self.current_step()
        if current is not None:
            self.view.follow(current.node)
        self.queue_strip.set_nodes(queue_title(state.phase), state.queue, CHIP_STYLE[self.mode])
        text = state.text
        if self.mode == "backward" and self.row is not None and current is not None:
            text += row_term_html(current, self.row, self.backward.loss.name, self._grads, self._values)
        self.explanation.setText(text)
        self.legend.setText(legend(state.phase))
        if animate and state.active:
            self.view.pulse(state.active, min(MAX_PULSE_MS, int(0.8 * self.interval_ms())),
                            against_data=self.mode == "backward")
        else:
            self.view.pulse([], 0)
        self.positionChanged.emit(self.position)

    def highlight_row(self, row: int | None) -> None:
        """Single out row ``row`` of X (a point) in the weight gradients' sums: on the step
        of a matmul's weight, the explanation adds that row's term (None: none)."""
        self.row = row
        self._show()

    def queue_names(self) -> list:
        """The names on the queue strip, front first (what a user reads)."""
        return self.queue_strip.names()

    def state_snapshot(self) -> dict:
        """Everything the player shows now, as plain data (for tests and debugging)."""
        view = self.view
        return {
            "mode": self.mode,
            "position": self.position,
            "nodes": {n: (view.node_item(n).state, view.node_item(n).badge_text())
                      for n in view.nodes()},
            "edges": {e: (view.edge_item(*e).state, view.edge_label(*e)) for e in view.edges()},
            "queue": self.queue_names(),
            "queue_title": self.queue_strip.title.text(),
            "explanation": self.explanation.text(),
        }
