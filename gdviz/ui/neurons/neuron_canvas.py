"""The neuron view's canvas: a QGraphicsView that scales the model to fit, or scrolls.

It fits the whole model when that keeps the units readable (a zoom of at least
``MIN_SCALE``), otherwise it scrolls up and down and shrinks a little further (to
``NARROW_SCALE``) so that every layer stays in sight side by side. The mouse goes to the
NeuronView, which knows the units and edges.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter, QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

MIN_SCALE, MAX_SCALE = 0.75, 1.6  # below MIN_SCALE the view scrolls instead of shrinking
NARROW_SCALE = 0.65  # ... but it may shrink to this to keep every layer in sight side by side
MARGIN = 8.0


class NeuronCanvas(QGraphicsView):
    """The QGraphicsView: forwards the mouse to the NeuronView, which knows the units."""

    def __init__(self, owner):
        super().__init__()
        self._owner = owner
        self.setObjectName("neuronCanvas")
        self.setScene(QGraphicsScene(self))
        self.scene().setItemIndexMethod(QGraphicsScene.NoIndex)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.MinimalViewportUpdate)
        self.setAlignment(Qt.AlignCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(True)

    def mousePressEvent(self, event):
        if event.button() == Qt.LeftButton and self._owner.click_at(self.mapToScene(event.position().toPoint())):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        self._owner.hover_at(self.mapToScene(event.position().toPoint()), event.globalPosition().toPoint())
        super().mouseMoveEvent(event)

    def viewportEvent(self, event):
        if event.type() == QEvent.ToolTip:  # the pointer rests: our formula, not an item's tooltip
            self._owner.hover_at(self.mapToScene(event.pos()), event.globalPos())
            return True
        if event.type() == QEvent.Leave:
            self._owner.hover_at(None, None)
        return super().viewportEvent(event)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit_scene()

    def fit_scene(self) -> None:
        """Scale the scene's items to the view, within [MIN_SCALE, MAX_SCALE]; scroll beyond."""
        rect = self.scene().itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        if rect.isEmpty():
            return
        self.scene().setSceneRect(rect)
        viewport = self.maximumViewportSize()
        scale = min(viewport.width() / rect.width(), viewport.height() / rect.height())
        scale = float(np.clip(scale, MIN_SCALE, MAX_SCALE))
        if rect.height() * scale > viewport.height():  # it scrolls up and down: keep the width in
            room = viewport.width() - self.verticalScrollBar().sizeHint().width()
            if rect.width() * scale > room:
                scale = max(NARROW_SCALE, room / rect.width())
        self.setTransform(QTransform.fromScale(scale, scale))

    def scale_factor(self) -> float:
        """The zoom: scene units to pixels."""
        return self.transform().m11()
