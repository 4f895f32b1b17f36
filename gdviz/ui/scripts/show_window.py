"""Opening the learner's graph window: ``gdviz.show``, a script, and screenshots of either.

``show_window`` is ``gdviz.show``'s Qt half, the way ``matplotlib.pyplot.show`` works:
from a script it opens the window and runs an event loop until the window closes; when
an event loop is already integrated (Jupyter or IPython after ``%gui qt``, or a call
from inside a running Qt application) it returns at once and the window stays live.
``open_script(parent, path)`` opens a window for a script (File → Open script…), and
``script_screenshot(path, out)`` is ``gdviz SCRIPT --screenshot OUT``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QThread, QTimer
from PySide6.QtWidgets import QApplication

from gdviz.ui.scripts.user_window import UserGraphWindow

SETTLE_TIMEOUT_S = 120.0  # a screenshot waits at most this long for the graph
POLL_MS = 20
QT_EVENT_LOOPS = ("qt", "qt5", "qt6", "pyside6")
_live_windows = []  # windows left open by a non-blocking show: kept alive until closed


def application() -> QApplication:
    """The running QApplication, or a new one speaking the language gdviz speaks (View →
    Language's choice, else the system's): a learner's own script shows its graph so."""
    app = QApplication.instance()
    if app is None:
        from gdviz.app import make_settings
        from gdviz.ui.language import Language, choose_language

        app = QApplication(sys.argv[:1] or ["gdviz"])
        app.gdviz_language = Language(app, choose_language(None, make_settings()))
    return app


def event_loop_integrated() -> bool:
    """An event loop already runs: a Qt loop on this thread, or IPython's ``%gui qt`` hook."""
    if QThread.currentThread().loopLevel() > 0:
        return True
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if shell is None:
        return False
    if str(getattr(shell, "active_eventloop", None) or "").lower() in QT_EVENT_LOOPS:
        return True
    kernel = getattr(shell, "kernel", None)  # ipykernel: %gui qt sets kernel.eventloop
    return getattr(kernel, "eventloop", None) is not None


def wait_until(condition, timeout_s: float = SETTLE_TIMEOUT_S) -> bool:
    """Run the event loop until ``condition()`` holds or ``timeout_s`` passes. Returns it."""
    if condition():
        return True
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(lambda: condition() and loop.quit())
    timer.start()
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    timer.stop()
    return bool(condition())


def save_screenshot(window: UserGraphWindow, path) -> bool:
    """Show the window, wait for its graph (and boundary) to be drawn, save it as a PNG."""
    window.show()
    wait_until(lambda: not window.busy())
    for _ in range(3):  # let the last results and the layout settle
        QApplication.processEvents()
    return window.grab().save(str(path), "PNG")


def show_window(fetch, feed_dict=None, screenshot=None):
    """Open a UserGraphWindow on ``fetch``'s graph (see ``gdviz.show``).

    Returns:
        The window when it stays open (an event loop is integrated), else None.
    """
    application()
    window = UserGraphWindow()
    window.show_graph(fetch, feed_dict)
    if screenshot is not None:
        saved = save_screenshot(window, screenshot)
        window.close()
        window.deleteLater()
        if not saved:
            raise OSError(f"gdviz.show could not write the screenshot {screenshot}")
        return None
    window.show()
    window.raise_()
    if event_loop_integrated():
        _live_windows.append(window)
        window.closed.connect(lambda: _live_windows.remove(window) if window in _live_windows else None)
        return window
    loop = QEventLoop()
    window.closed.connect(loop.quit)
    loop.exec()
    window.deleteLater()
    return None


def open_script(parent_window, path) -> UserGraphWindow:
    """A window of its own for the script at ``path`` (File → Open script…), shown and running.

    Args:
        parent_window: the window it belongs to (closed with it), or None.
        path: the script.
    """
    window = UserGraphWindow(parent_window)
    if parent_window is not None:
        from PySide6.QtCore import Qt

        window.setWindowFlag(Qt.Window, True)  # a window of its own, not a child widget
    window.open_script(path)
    window.show()
    return window


def script_screenshot(path, out, err=sys.stderr) -> int:
    """``gdviz SCRIPT --screenshot OUT``: run the script, save its graph window, return the exit code.

    Returns:
        0 when the picture is written; 1 when the script fails (its error on ``err``) or
        the picture cannot be written.
    """
    application()
    window = UserGraphWindow()
    window.open_script(path)
    window.show()
    wait_until(lambda: window.last_result is not None and not window.busy())
    result = window.last_result
    code = 0
    if result is None:
        print(f"gdviz: {Path(path).name} did not finish in {SETTLE_TIMEOUT_S:.0f} s", file=err)
        code = 1
    elif result.error is not None:
        print(f"gdviz: the script failed: {result.error}", file=err)
        if result.error.details:
            print(result.error.details.rstrip(), file=err)
        code = 1
    elif result.main_graph is None:
        print(f"gdviz: {Path(path).name} built no graph to show", file=err)
        code = 1
    elif not save_screenshot(window, out):
        print(f"gdviz: could not write {out}", file=err)
        code = 1
    window.close()
    return code
