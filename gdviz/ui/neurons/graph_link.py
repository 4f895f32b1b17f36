"""From a unit of the neuron view to the same numbers in the operation graph.

A hidden unit is a column of its layer's W and b and of its activation's output; an
output unit a column of the last W, b and of the logits (the perceptron's p); an input a
column of X. ``show_unit_in_graph`` selects the unit's weights in the graph panel's view
(which shows them in the inspector) and highlights the unit's column there, so the neuron
picture and the tutorial's graph explain each other.
"""

from __future__ import annotations

from gdviz.lesson.neurons import UnitNodes, unit_nodes


def show_unit_in_graph(panel, config, layer: int, unit: int) -> UnitNodes | None:
    """Select unit ``unit`` of ``layer`` in a GraphPanel: its node and its column.

    Args:
        panel: the GraphPanel (its ``view``, ``inspector`` and ``loss``, the graph drawn).
        config: the ModelConfig of the model whose graph the panel shows.
        layer, unit: as ``NeuronView.unitClicked`` gives them (0-based).

    Returns:
        The unit's nodes, or None when the panel shows no graph or another model's (then
        nothing changes).
    """
    if panel.loss is None:
        return None
    try:
        nodes = unit_nodes(panel.loss, config, layer, unit)
    except LookupError:
        return None
    panel.view.select_node(nodes.primary)  # the inspector follows the selection
    panel.inspector.highlight_column(nodes.column)
    return nodes
