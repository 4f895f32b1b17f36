"""The Help menu's texts: keyboard shortcuts and "How to read this screen" (rich text)."""

from __future__ import annotations

SHORTCUTS = (
    ("Ctrl+O", "Open a session (.gdviz) or a dataset (.csv, .json)"),
    ("Ctrl+S", "Save the session"),
    ("Ctrl+Shift+S", "Save the session under another name"),
    ("Ctrl+Z", "Undo the last change to the points or the settings"),
    ("Ctrl+Shift+Z", "Redo"),
    ("Space", "Play or pause training; with the graph focused, play or pause the backprop player"),
    ("→", "Take one training step; with the graph focused, one backprop step"),
    ("←", "With the graph focused: one backprop step back"),
    ("Home / End", "With the graph focused: to the start / end of the backward pass"),
    ("Ctrl+B", "Backprop this step: pause training and step through its gradients"),
    ("Ctrl+E", "Export a picture of the whole window (the toolbar's Export… offers each view)"),
    ("F11", "Full screen on / off"),
    ("Ctrl+Q", "Quit"),
)


def shortcuts_html() -> str:
    """The shortcut table as HTML."""
    rows = "".join(f"<tr><td><b>{key}</b></td><td>&nbsp;&nbsp;{what}</td></tr>" for key, what in SHORTCUTS)
    return f"<table>{rows}</table><p>Click the graph to give it focus.</p>"


HOW_TO_READ = """
<h3>How to read this screen</h3>
<p><b>Computational graph</b> (centre): the tutorial's graph of the model. Light blue nodes are
<i>placeholders</i> (the points X and their labels c), yellow nodes are <i>Variables</i>
(the weights W, b that training changes), grey nodes are <i>operations</i>, and the pink
node is the loss J. Arrows run from an input to its consumer.</p>
<p><b>Backprop player</b> (under the graph): press <b>Step →</b> to follow backpropagation
one node at a time, from J back to the weights, in the breadth-first order of the
tutorial. The node being processed has an orange outline, queued nodes a dashed blue one, finished
nodes a green one; the numbers on the arrows are the gradients flowing back, and the queue
shows which nodes wait their turn.
Switch the mode to <i>forward</i> to watch the values computed first.</p>
<p><b>Inspector</b>: the value and the gradient ∂J/∂node, in full, of the node the player is
at; click a node to pin it there instead (click the background to unpin).</p>
<p><b>Decision boundary</b> (Training): the points coloured by class (blue, red, then green and
orange), over the background tinted by the class the model predicts there; the line is
where it is undecided. Hollow points are the held-out test split. Drag a point to move it,
click to add one, right-click to delete.</p>
<p><b>Loss and accuracy</b>: the loss J after each step (it should fall) and the share of
points classified right.</p>
<p><b>Controls</b> (the strip above the graph): choose the points, the model and how it trains. <b>Play</b> trains
continuously, <b>Step</b> takes one gradient-descent step, <b>Reset</b> starts over, and
<b>Backprop this step</b> pauses and loads the exact step about to happen into the graph.</p>
<p><b>Status bar</b>: the step, the loss, the accuracy, the steps per second and any warning
(training diverged, a file refused).</p>
"""
