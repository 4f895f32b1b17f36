"""The pulse: a dot running along the edges a value or a gradient flows on in one step."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem

PULSE_COLOUR = "#e8590c"
PULSE_RADIUS = 7.0


class EdgePulse(QObject):
    """Dots on a scene, one per edge, moved along the edges' paths by one animation.

    The dots are made as needed and kept (hidden) for the next step.
    """

    def __init__(self, scene, parent=None):
        super().__init__(parent)
        self.scene = scene
        self._dots = []
        self._edges = []
        self._reverse = True
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.InOutQuad)
        self._animation.valueChanged.connect(self._move)
        self._animation.finished.connect(self.hide)

    def forget(self) -> None:
        """The scene was cleared: its dots are gone."""
        self._animation.stop()
        self._dots, self._edges = [], []

    def run(self, edges, duration_ms: int, reverse: bool) -> None:
        """Run a dot along each EdgeItem in ``duration_ms``, from its end if ``reverse``."""
        self._animation.stop()
        while len(self._dots) < len(edges):
            dot = QGraphicsEllipseItem(-PULSE_RADIUS, -PULSE_RADIUS, 2 * PULSE_RADIUS, 2 * PULSE_RADIUS)
            dot.setBrush(QBrush(QColor(PULSE_COLOUR)))
            dot.setPen(QPen(QColor("white"), 1.5))
            dot.setZValue(4)
            dot.setVisible(False)
            self.scene.addItem(dot)
            self._dots.append(dot)
        self.hide()
        self._edges = list(edges)
        self._reverse = reverse
        if not edges or duration_ms <= 0:
            return
        self._animation.setDuration(int(duration_ms))
        self._move(0.0)
        self._animation.start()

    def _move(self, t) -> None:
        t = float(t)
        for dot, edge in zip(self._dots, self._edges):
            dot.setPos(edge.path().pointAtPercent(1.0 - t if self._reverse else t))
            dot.setVisible(True)

    def hide(self) -> None:
        for dot in self._dots:
            dot.setVisible(False)
