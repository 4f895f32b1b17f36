"""The window's views and tools beyond training and the graph: the neuron view, slides.

``install(window)`` adds them (before the menus are built, so that the View menu lists
the neuron dock); ``menu_actions(window)`` gives the menus their entries.
"""

from __future__ import annotations

import numpy as np

from gdviz.i18n import translate
from gdviz.lesson.point_pull import training_row
from gdviz.training.trainer import minibatch
from gdviz.ui.neurons.neuron_dock import NeuronDock
from gdviz.ui.slides.presentation import Presentation
from gdviz.ui.window.actions import add_action
from gdviz.ui.window.code_dock import CodeDock


def _slides_menu():
    from gdviz.ui.slides import menu  # Pillow and the recorders: only when asked for

    return menu


def install(window) -> None:
    """The neuron dock (tabbed with training) and presentation mode (F5)."""
    window.neurons = NeuronDock(window)
    window.code = CodeDock(window)
    window.presentation = Presentation(window)
    add_action(window, "openScript", translate("Extras", "Open &Script…"),
               translate("Extras", "Run a Python script written with gdviz.engine (the tutorial's API) "
                         "and show its graph"),
               lambda _=False: window.code.ask_and_open(), "Ctrl+Shift+O")
    window.training.boundary_view.pointSelected.connect(lambda index: _point_selected(window, index))
    add_action(window, "recordTraining", translate("Extras", "Record GIF of &Training…"),
               translate("Extras", "Save an animated GIF of the next training steps (a frame every k steps)"),
               lambda _=False: _slides_menu().record_gif(window, "training"))
    add_action(window, "recordWalkthrough", translate("Extras", "Record GIF of the &Walk-through…"),
               translate("Extras", "Save an animated GIF of the backprop walk-through of the step about to happen"),
               lambda _=False: _slides_menu().record_gif(window, "walkthrough"))
    add_action(window, "exportGraphScaled", translate("Extras", "Graph at &Scale…"),
               translate("Extras", "Save the graph view alone (without the player) at 1× to 8×, as PNG or SVG"),
               lambda _=False: _slides_menu().export_graph_at_scale(window))


def _point_selected(window, index: int) -> None:
    """A point clicked in the boundary view: its term in the player's weight-gradient sums,
    as the row it is of the X fed to the step shown (its mini-batch, if it has one)."""
    session, player = window.session, window.graph_panel.player
    if index < 0 or window.backprop_step is None:
        player.highlight_row(None)
        return
    dataset, config = session.dataset, session.model_config
    train = np.flatnonzero(dataset.train_mask)
    chosen = minibatch(len(train), config.batch_size, config.seed, window.backprop_step)
    player.highlight_row(training_row(dataset, index, None if chosen is None else train[chosen]))


def add_to_menus(window, file_menu, view_menu) -> None:
    """File: the GIFs and the graph at a scale; View: presentation mode."""
    acts = window.actions_by_name
    window.export_menu.addAction(acts["exportGraphScaled"])
    first = file_menu.actions()[-2]  # before the separator above Quit
    file_menu.insertAction(file_menu.actions()[1], acts["openScript"])  # after Open…
    file_menu.insertAction(first, acts["recordTraining"])
    file_menu.insertAction(first, acts["recordWalkthrough"])
    view_menu.addAction(window.presentation.action)


def shutdown(window) -> None:
    window.neurons.shutdown()
    window.code.shutdown()
