"""The loss and accuracy curves' pieces: hover read-outs, axes with opaque grid lines,
ranges rounded to nice numbers, and the status line's text."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPen

from gdviz.i18n import translate


@dataclass(frozen=True)
class TrainingStatus:
    """What the status bar shows. None means not measured yet (never NaN)."""

    step: int
    loss: float | None
    accuracy: float | None
    test_loss: float | None
    test_accuracy: float | None
    steps_per_second: float
    playing: bool


class HoverReadout:
    """A vertical line and the curves' values at the step under the mouse."""

    def __init__(self, plot: pg.PlotItem, curves: dict, fmt: str):
        self._plot, self._curves, self._fmt = plot, curves, fmt
        self.line = pg.InfiniteLine(angle=90, pen=pg.mkPen((120, 120, 120), style=pg.QtCore.Qt.PenStyle.DotLine))
        self.text = pg.TextItem(color=(30, 30, 30), anchor=(0, 0), fill=pg.mkBrush(255, 255, 255, 200))
        for item in (self.line, self.text):
            item.hide()
            plot.addItem(item, ignoreBounds=True)
        plot.scene().sigMouseMoved.connect(self._moved)

    def _moved(self, scene_pos):
        vb = self._plot.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            self.line.hide()
            self.text.hide()
            return
        x = vb.mapSceneToView(scene_pos).x()
        parts = []
        for name, curve in self._curves.items():
            xs, ys = curve.getData()
            if xs is None or len(xs) == 0:
                continue
            i = int(np.clip(np.searchsorted(xs, x), 0, len(xs) - 1))
            parts.append(translate("HoverReadout", "{curve} {value}").format(
                curve=name, value=self._fmt.format(ys[i])))
            x_at = xs[i]
        if not parts:
            return
        self.line.setPos(x_at)
        self.text.setText("\n".join([translate("HoverReadout", "step {step}").format(step=int(x_at)), *parts]))
        (x0, x1), (y0, y1) = vb.viewRange()
        self.text.setPos(x0, y1)
        self.line.show()
        self.text.show()


class _GridAxis(pg.AxisItem):
    """An axis whose faint grid lines are drawn in opaque colours.

    Qt's raster engine draws translucent lines without antialiasing through a slow
    path: measured, a loss plot's 56 grid lines took 7 ms to paint (0.2 ms opaque),
    and three axes change at each curve update: 18 ms, long enough to make a 10 ms
    timer late. So each translucent pen is replaced by its colour blended over the
    view's background, which looks the same as long as the axis is drawn behind the
    curves (the panel puts it there). Otherwise as ``AxisItem.drawPicture``.
    """

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):
        views = self.scene().views() if self.scene() is not None else []
        background = views[0].backgroundBrush().color() if views else QColor("white")
        tickSpecs = [(_opaque(pen, background), p1, p2) for pen, p1, p2 in tickSpecs]
        super().drawPicture(p, axisSpec, tickSpecs, textSpecs)


_OPAQUE_PENS = {}  # a grid has a few pens, repainted many times


def _opaque(pen: QPen, background: QColor) -> QPen:
    """``pen`` with its colour blended over ``background`` (opaque, same look)."""
    colour = pen.color()
    a = colour.alphaF()
    if a >= 1.0:
        return pen
    key = (colour.rgba(), background.rgba(), pen.widthF(), pen.isCosmetic(), pen.style())
    cached = _OPAQUE_PENS.get(key)
    if cached is not None:
        return cached
    pen = _OPAQUE_PENS[key] = QPen(pen)
    pen.setColor(QColor.fromRgbF(*(a * c + (1 - a) * b for c, b in zip(
        (colour.redF(), colour.greenF(), colour.blueF()),
        (background.redF(), background.greenF(), background.blueF())))))
    return pen


def grid_axes() -> dict:
    return {"left": _GridAxis("left"), "bottom": _GridAxis("bottom")}


NICE_FACTORS = (1, 1.5, 2, 3, 4, 5, 6, 8, 10)


def nice_ceiling(value: float, minimum: float = 0.0) -> float:
    """The smallest ``f`` × 10^k (f in NICE_FACTORS) that is >= ``value`` and >= ``minimum``."""
    value = max(float(value), minimum)
    if not np.isfinite(value) or value <= 0:
        return max(minimum, 1.0)
    power = 10.0 ** np.floor(np.log10(value))
    return float(next(f * power for f in NICE_FACTORS if f * power >= value * (1 - 1e-12)))


def status_text(s: TrainingStatus) -> str:
    """The status line: items joined by dots; an item never breaks across lines."""
    def number(x, fmt):
        return "–" if x is None else fmt.format(x)

    items = [translate("TrainingStatus", "step {step:,}").format(step=s.step),
             translate("TrainingStatus", "{rate:,.0f} steps/s").format(rate=s.steps_per_second),
             translate("TrainingStatus", "loss {loss}").format(loss=number(s.loss, "{:.4g}")),
             translate("TrainingStatus", "accuracy {accuracy}").format(accuracy=number(s.accuracy, "{:.1%}"))]
    if s.test_loss is not None:
        items.append(translate("TrainingStatus", "test loss {loss}, accuracy {accuracy}").format(
            loss=number(s.test_loss, "{:.4g}"), accuracy=number(s.test_accuracy, "{:.1%}")))
    return "  ·  ".join(item.replace(" ", "\u00a0") for item in items)
