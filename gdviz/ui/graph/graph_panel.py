"""The graph panel: graph view, backprop player and inspector, side by side.

``GraphPanel.load(loss, feed_dict)`` is what the main window (and its "Backprop this
step" button) calls: it runs the graph in the GUI thread and plays the traces.
``show_traces(loss, forward, backward, updates)`` plays traces computed elsewhere (off
the GUI thread); with the optimizer's ``UpdateStep``s, the walk-through goes on after
the backward pass with one step per Variable. A caption above the graph says which
step it shows (``set_caption``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from gdviz.ui.graph.trace_loader import MODEL_LOCK, compute_traces
from gdviz.lesson.trace_text import shape_text, short_value
from gdviz.ui.graph.backprop_player import BackpropPlayer
from gdviz.ui.graph.graph_view import GraphView
from gdviz.ui.graph.inspector import Inspector


class GraphPanel(QWidget):
    """The computational graph with its backprop player and an inspector.

    Attributes:
        view: the GraphView (objectName "graphView").
        player: the BackpropPlayer (objectName "backpropPlayer").
        inspector: the Inspector (objectName "inspector").
        forward, backward: the traces loaded last (None before ``load``).
        updates: the optimizer's UpdateSteps shown after the backward pass (or ()).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("graphPanel")
        self.view = GraphView()
        self.view.tooltip_provider = self.tooltip_for
        self.player = BackpropPlayer(self.view)
        self.inspector = Inspector()
        self.fit_button = QPushButton(self.tr("Fit"))
        self.fit_button.setObjectName("fitButton")
        self.fit_button.setToolTip(self.tr("Show the whole graph (or double-click the background)"))
        self.fit_button.setFocusPolicy(Qt.NoFocus)
        self.fit_button.clicked.connect(lambda: self.view.fit())
        self.forward = None
        self.backward = None
        self.updates = ()
        self.loss = None

        # Fit sits at the end of the player's row of buttons: a row of its own under the
        # graph would take height that the graph needs at 1280×800.
        self.player.controls_row.addWidget(self.fit_button)
        self.caption = QLabel(objectName="graphCaption", wordWrap=True)
        self.caption.setToolTip(self.tr("Which training step the graph shows"))
        self.caption.hide()
        graph = QWidget()
        graph_layout = QVBoxLayout(graph)
        graph_layout.setContentsMargins(0, 0, 0, 0)
        graph_layout.setSpacing(2)
        graph_layout.addWidget(self.caption)
        graph_layout.addWidget(self.view, 1)
        left = QSplitter(Qt.Vertical)
        left.setObjectName("graphSplitter")
        left.addWidget(graph)
        left.addWidget(self.player)
        left.setCollapsible(0, False)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        left.setSizes([560, 280])
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.inspector)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1100, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setFocusPolicy(Qt.StrongFocus)

        self.view.nodeSelected.connect(lambda _: self._update_inspector())
        self.player.positionChanged.connect(lambda _: self._update_inspector())
        self.player.modeChanged.connect(lambda _: self._update_inspector())

    def set_caption(self, text: str) -> None:
        """Say, above the graph, which step it shows ("" hides the caption)."""
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def load(self, loss, feed_dict=None, optimizer=None, variables=None) -> None:
        """Run ``loss`` on ``feed_dict`` and play its forward and backward traces.

        Runs in the calling (GUI) thread, on a graph owned by it. The same loss
        loaded again (new weights, new data) keeps the drawn items and the zoom;
        a different one is laid out and drawn afresh. The player restarts.

        Args:
            loss: the node to differentiate (its ancestors are drawn).
            feed_dict: placeholder -> value, as for ``Session.run``.
            optimizer, variables: if given, the optimizer's next update of
                ``variables`` (its var_list) is played after the backward pass; neither
                changes.
        """
        feed_dict = {} if feed_dict is None else feed_dict
        # trace_forward runs the session and copies each node's value; the backward
        # pass must then read the values of that same run.
        with MODEL_LOCK:
            forward, backward, *updates = compute_traces(loss, feed_dict, optimizer, variables)
        self.show_traces(loss, forward, backward, updates[0] if updates else ())

    def show_traces(self, loss, forward, backward, updates=()) -> None:
        """Play traces computed elsewhere (a TraceLoader's, off the GUI thread).

        Args:
            loss: the traced loss (a new one is laid out and drawn afresh).
            forward, backward: its ``ForwardTrace`` and ``BackpropTrace``.
            updates: the optimizer's ``UpdateStep``s for those gradients
                (``compute_traces(..., optimizer)``), played after the backward pass.
        """
        self.forward, self.backward, self.updates = forward, backward, tuple(updates)
        if loss is not self.loss:
            self.view.set_graph(loss)
            self.loss = loss
        self.player.set_traces(self.forward, self.backward, self.updates)
        self._update_inspector()

    def show_graph(self, source) -> None:
        """Draw a graph without running it (no numbers): a node, a Graph or nodes."""
        self.forward = self.backward = self.loss = None
        self.updates = ()
        self.view.set_graph(source)
        self.player.set_traces(None, None)
        self._update_inspector()

    def tooltip_for(self, node) -> str:
        """In brief: the node's kind, shape, value and gradient at the current step."""
        lines = [f"{node.name}: {node.op_type} ({node.kind})"]
        if getattr(node, "columns", None):  # the input features, one column each
            lines.append(self.tr("columns: {columns}").format(columns=", ".join(node.columns)))
        value = self.player.value_at(node)
        if value is not None:
            lines.append(self.tr("shape {shape}").format(shape=shape_text(value)))
            lines.append(self.tr("value: {value}").format(value=short_value(value)))
        gradient = self.player.gradient_at(node)
        loss_name = self.loss.name if self.loss is not None else "loss"
        if gradient is not None:
            lines.append(f"∂{loss_name}/∂{node.name}: {short_value(gradient)}")
        elif self.backward is not None and self.player.mode == "backward":
            lines.append(self.tr("gradient: not reached yet"))
        updated = self.player.updated_value_at(node)
        if updated is not None:
            lines.append(self.tr("after the optimizer's update: {value}").format(
                value=short_value(updated)))
        lines.append(self.tr("click to inspect in full"))
        return "\n".join(lines)

    def inspected_node(self):
        """The node the inspector shows: the one clicked (pinned), else the player's.

        The player's node is the one its current step works on; before the first step
        of the backward pass it is the loss, where the pass starts.
        """
        node = self.view.selected_node()
        if node is not None:
            return node
        step = self.player.current_step()
        if step is not None:
            return step.node
        if self.player.mode == "backward" and self.backward is not None:
            return self.backward.loss
        return None

    def _update_inspector(self) -> None:
        pinned = self.view.selected_node() is not None
        node = self.inspected_node()
        if node is None:
            self.inspector.show_node(None)
            return
        value = self.player.value_at(node)
        gradient = self.player.gradient_at(node)
        if self.player.mode == "forward":
            gradient_note = self.tr("Gradients come from the backward pass: switch the player to it.")
        elif self.backward is not None and node not in self.backward.grad_table:
            gradient_note = self.tr("No gradient: this node does not lead to the loss.")
        else:
            gradient_note = self.tr("Not computed yet: step on until this node leaves the queue.")
        self.inspector.show_node(
            node, value, gradient,
            value_note=self.tr("Not evaluated yet: step the forward pass on.") if self.forward
            else self.tr("The graph has not been run."),
            gradient_note=gradient_note,
            loss_name=self.loss.name if self.loss is not None else "loss",
            pinned=pinned,
        )
