"""``gdviz.show(J)``: see your own graph, as ``matplotlib.pyplot.show`` shows a figure.

    from gdviz.engine import *
    ...                                   # build J, and maybe minimize it
    import gdviz; gdviz.show(J, feed_dict)

From a script it opens a window with the graph in the graph view and the backprop
player and blocks until the window closes; in Jupyter or IPython after ``%gui qt`` it
returns at once and the window stays live. A graph with a minimisation op for ``J``
can be trained there (Play, Step) with a loss curve; one that looks like a 2-D
classifier gets a decision-boundary view. ``screenshot=PATH`` saves a picture of the
window and returns without blocking (it works offscreen).

This module does not import Qt: ``import gdviz`` stays light and works without a
display; Qt is imported by the call. Inside the child process that runs a script for
the app (``gdviz.scripts.child``), ``show`` does nothing: the app shows the graph.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

CHILD_FILE = Path(__file__).resolve().parent / "scripts" / "child.py"


def show(fetch, feed_dict=None, screenshot=None):
    """Show ``fetch``'s graph in a window: its forward pass, backward pass and training.

    Args:
        fetch: the node to show, usually the loss (its ancestors are drawn).
        feed_dict: placeholder -> value, as for ``Session.run``.
        screenshot: a .png path: save a picture of the window there and return.

    Returns:
        The window, when it stays open (an event loop is already integrated); else None.
    """
    if _inside_script_child():
        return None
    from gdviz.ui.scripts.show_window import show_window

    return show_window(fetch, feed_dict, screenshot)


def _inside_script_child() -> bool:
    """Whether this script is being run by the app's child process (which draws nothing)."""
    frame = sys._getframe(1)
    while frame is not None:
        if Path(frame.f_code.co_filename).resolve() == CHILD_FILE:
            return True
        frame = frame.f_back
    return False


class _CallableModule(types.ModuleType):
    """``gdviz.show`` is this module once it is imported: calling it calls ``show``."""

    def __call__(self, *args, **kwargs):
        return show(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
