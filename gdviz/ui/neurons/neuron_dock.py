"""The neuron view in the main window: a dock that observes the session, as every view does.

A new problem (points, model, a fresh start) gives the view the session's model, weights
and the boundary's plane; training's progress streams the weights in (only while the
dock is on screen: a hidden view costs nothing). A clicked unit selects its weights and
its column in the graph panel and the inspector (``show_unit_in_graph``).

The window makes one ``NeuronDock(window)``; it needs the window's ``session``,
``docks["training"]`` (tabbed with it) and ``graph_panel``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget

from gdviz.session.model import PROBLEM_FIELDS
from gdviz.training.datasets import data_extent



class NeuronDock(QObject):
    """The "Neurons" dock of ``window`` (a MainWindow), tabbed with training."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._view = None  # built when the dock is first shown: nothing at startup
        self.dock = QDockWidget(self.tr("Neurons"), window)
        self.dock.setObjectName("neuronsDock")
        self.dock.setWidget(QWidget())
        window.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.docks["training"], self.dock)
        window.docks["neurons"] = self.dock
        window.docks["training"].raise_()
        self._stale = True  # a problem the view has not seen yet
        self.dock.visibilityChanged.connect(self._shown)
        window.session.changed.connect(self._on_session_changed)
        window.session.progressed.connect(self._on_progress)

    @property
    def view(self):
        """The NeuronView, built on first use."""
        if self._view is None:
            from gdviz.ui.neurons.neuron_view import NeuronView

            self._view = NeuronView()
            self._view.unitClicked.connect(self._on_unit_clicked)
            self.dock.setWidget(self._view)
        return self._view

    # **** the session ****

    def _on_session_changed(self, change) -> None:
        if change.fields & PROBLEM_FIELDS:
            self._stale = True
            if self._on_screen():
                self._catch_up()

    def _on_progress(self) -> None:
        if self._stale or not self._on_screen():
            return
        weights = self.window.session.progress.weights
        if weights is not None:
            self.view.set_weights(weights)

    def _shown(self, visible) -> None:
        if visible and self._stale:
            QTimer.singleShot(0, self, self._catch_up)  # after the dock has its size

    def _on_screen(self) -> bool:
        return (self._view is not None and self.dock.isVisible()
                and not self._view.visibleRegion().isEmpty())

    def _catch_up(self) -> None:
        """Give the view the session's model, its newest weights and the boundary's plane."""
        if not self._stale:
            return
        self._stale = False
        session = self.window.session
        self.view.set_model(session.model_config, session.weights_now(), data_extent(session.dataset))

    def _on_unit_clicked(self, layer: int, unit: int) -> None:
        from gdviz.ui.neurons.graph_link import show_unit_in_graph

        show_unit_in_graph(self.window.graph_panel, self.window.session.model_config, layer, unit)

    # **** for screenshots and the window ****

    def show(self) -> None:
        """Bring the dock to the front, with the session's current model and weights."""
        self.dock.show()
        self.dock.raise_()
        self._catch_up()

    def prepare(self):
        """(widget, ready) for ``--screenshot --view neurons``: ready() once the picture
        shows the session's newest weights."""
        self._stale = True
        self.show()
        return self.view, self.view.is_current

    def shutdown(self) -> None:
        if self._view is not None:
            self._view.close()
