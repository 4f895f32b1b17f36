"""Real mouse events sent to a pyqtgraph view's viewport, as pyqtgraph's own tests do."""

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
# pyqtgraph drops mouse moves closer together than 1/mouseRateLimit (10 ms).
MOVE_INTERVAL_MS = 12


def _send(view, kind, pos, button, buttons, modifiers=NO_MODIFIER):
    viewport = view.viewport()
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(viewport.mapToGlobal(local.toPoint())), button, buttons, modifiers)
    QApplication.sendEvent(viewport, event)


def view_pos(view, x, y):
    """Widget coordinates of data point (x, y) in a BoundaryView."""
    return QPointF(view.mapFromScene(view.scene_pos_of(x, y)))


def click(view, pos, button=Qt.MouseButton.LeftButton, modifiers=NO_MODIFIER):
    _send(view, QEvent.Type.MouseButtonPress, pos, button, button, modifiers)
    _send(view, QEvent.Type.MouseButtonRelease, pos, button, Qt.MouseButton.NoButton, modifiers)


def drag(view, start, end, steps=8, button=Qt.MouseButton.LeftButton):
    _send(view, QEvent.Type.MouseButtonPress, start, button, button)
    for i in range(1, steps + 1):
        t = i / steps
        pos = QPointF(start.x() + t * (end.x() - start.x()), start.y() + t * (end.y() - start.y()))
        QTest.qWait(MOVE_INTERVAL_MS)
        _send(view, QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton, button)
    _send(view, QEvent.Type.MouseButtonRelease, end, button, Qt.MouseButton.NoButton)


def hover(view, pos):
    QTest.qWait(MOVE_INTERVAL_MS)
    _send(view, QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton)


def quick_gestures():
    """Let tests send gestures back to back: no double-click merging. Returns an undo callable."""
    hints = QApplication.styleHints()
    interval = hints.mouseDoubleClickInterval()
    hints.setMouseDoubleClickInterval(1)
    return lambda: hints.setMouseDoubleClickInterval(interval)
