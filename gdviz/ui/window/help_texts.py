"""The Help menu's texts: keyboard shortcuts, "How to read this screen" and About (rich text).

The texts are constants marked with QT_TRANSLATE_NOOP (built at import, before a language
is chosen) and translated when a dialog shows them; "How to read this screen" is one
message per paragraph, so that each translates as a whole.
"""

from __future__ import annotations

from gdviz.i18n import QT_TRANSLATE_NOOP, translate

SHORTCUTS_NOTE = QT_TRANSLATE_NOOP(
    "HelpTexts",
    "<p>Every key does the same thing whichever part of the window has the focus "
    "(except while you type in a text or number field). Training has Space and "
    "Ctrl+→; the walk-through of one step's backprop under the graph has its own "
    "keys: <b>.</b> next, <b>,</b> back, <b>P</b> play, <b>Home</b> / <b>End</b>.</p>")
ABOUT = QT_TRANSLATE_NOOP(
    "HelpTexts",
    "<b>gdviz</b> shows gradient descent and backpropagation on a computational graph, "
    "as in the tutorial <i>Deep Learning From Scratch IV</i>.")
HOW_TO_READ = (
    QT_TRANSLATE_NOOP("HelpTexts", "<h3>How to read this screen</h3>"),
    QT_TRANSLATE_NOOP(
        "HelpTexts",
        "<p><b>Computational graph</b> (centre): the tutorial's graph of the model. Light blue nodes are "
        "<i>placeholders</i> (the points X and their labels c), yellow nodes are <i>Variables</i> "
        "(the weights W, b that training changes), grey nodes are <i>operations</i>, and the pink "
        "node is the loss J. Arrows run from an input to its consumer.</p>"),
    QT_TRANSLATE_NOOP(
        "HelpTexts",
        "<p><b>Walk-through</b> (under the graph): press <b>Next ▶</b> (key <b>.</b>) to follow "
        "backpropagation one node at a time, from J back to the weights, in the breadth-first order "
        "of the tutorial; <b>◀ Back</b> (<b>,</b>) steps back, <b>Play walk-through</b> (<b>P</b>) plays "
        "it. The node being processed has an orange outline, queued nodes a dashed blue one, finished "
        "nodes a green one; the numbers on the arrows are the gradients flowing back, and the queue "
        "shows which nodes wait their turn. "
        "Switch the mode to <i>forward</i> to watch the values computed first.</p>"),
    QT_TRANSLATE_NOOP(
        "HelpTexts",
        "<p><b>Inspector</b>: the value and the gradient ∂J/∂node, in full, of the node the player is "
        "at; click a node to pin it there instead (click the background to unpin).</p>"),
    QT_TRANSLATE_NOOP(
        "HelpTexts",
        "<p><b>Decision boundary</b> (Training): the points coloured by class (blue, red, then green and "
        "orange), over the background tinted by the class the model predicts there; the line is "
        "where it is undecided. Hollow points are the held-out test split. Drag a point to move it, "
        "click to add one, right-click to delete.</p>"),
    QT_TRANSLATE_NOOP(
        "HelpTexts",
        "<p><b>Loss and accuracy</b>: the loss J after each step (it should fall) and the share of "
        "points classified right.</p>"),
    QT_TRANSLATE_NOOP(
        "HelpTexts",
        "<p><b>Controls</b> (the strip above the graph): choose the points, the model and how it trains. "
        "<b>Toolbar</b>: <b>Play training</b> (Space) trains continuously, <b>Step training</b> (Ctrl+→) "
        "takes one gradient-descent step, <b>Reset training</b> starts over, and <b>Backprop this step</b> "
        "(Ctrl+B) pauses and loads the exact step about to happen into the graph, to walk through.</p>"),
    QT_TRANSLATE_NOOP(
        "HelpTexts",
        "<p><b>Status bar</b>: the step, the loss, the accuracy, the steps per second and any warning "
        "(training diverged, a file refused).</p>"),
)


def shortcuts_html(rows) -> str:
    """The shortcut table as HTML, in the chosen language.

    Args:
        rows: (key, what it does) pairs, from the actions themselves
            (gdviz.ui.window.actions.shortcut_rows), so that the table cannot drift.
    """
    table = "".join(f"<tr><td><b>{key}</b></td><td>&nbsp;&nbsp;{what}</td></tr>" for key, what in rows)
    return f"<table>{table}</table>" + translate("HelpTexts", SHORTCUTS_NOTE)


def how_to_read() -> str:
    """Help → How to Read This Screen, in the chosen language."""
    return "\n".join(translate("HelpTexts", paragraph) for paragraph in HOW_TO_READ)


def about() -> str:
    """Help → About gdviz, in the chosen language."""
    return translate("HelpTexts", ABOUT)
