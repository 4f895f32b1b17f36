"""The landscape's plot: filled contours of J, the path, the current point and the arrows.

Items are made once and updated with setData/setImage. The surface arrives as band
indices (one colour per band between two contour levels) and contour segments, both
computed off the GUI thread (gdviz.landscape.contours): the GUI only uploads. The 1-D
mode reuses the same plot with a curve, its tangent at t = 0 and the learning rate's
step.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.landscape.contours import NONFINITE_BAND
from gdviz.ui.training.segments_item import SegmentsItem

COLORMAP = "viridis"
NONFINITE_COLOR = (150, 150, 150)  # where J is infinite or undefined (log 0)
CONTOUR_COLOR = (255, 255, 255, 110)
PATH_COLOR = "#ff7f0e"
CURRENT_COLOR = "#d62728"
ARROW_COLORS = {"gradient_step": "#ffffff", "momentum_step": "#17becf", "adam_step": "#e377c2"}
ARROW_LABELS = {  # translated where the legend shows them
    "gradient_step": QT_TRANSLATE_NOOP("LandscapePlot", "−lr·∇J: gradient descent's step"),
    "momentum_step": QT_TRANSLATE_NOOP("LandscapePlot", "momentum's step −lr·accum"),
    "adam_step": QT_TRANSLATE_NOOP("LandscapePlot", "Adam's step −lr_t·m/(√v+ε)"),
}
LINE_COLOR = "#1f77b4"
TANGENT_COLOR = "#2ca02c"


def band_lut(n_bands: int) -> np.ndarray:
    """A 256-entry colour table: bands 0..n_bands-1 along the colour map, grey for non-finite."""
    lut = np.zeros((256, 3), dtype=np.ubyte)
    colours = pg.colormap.get(COLORMAP).getLookupTable(nPts=max(n_bands, 2), alpha=False)
    lut[: len(colours)] = colours
    lut[NONFINITE_BAND] = NONFINITE_COLOR
    return lut


class Arrow:
    """A shaft (a 2-point curve) and a head (an ArrowItem) from one point to another."""

    def __init__(self, plot, color, name):
        self.shaft = plot.plot([], [], pen=pg.mkPen(color, width=2))
        self.name = name
        self.head = pg.ArrowItem(angle=0, headLen=12, tipAngle=30, brush=color, pen=pg.mkPen(color))
        self.head.setZValue(20)
        self.shaft.setZValue(19)
        plot.addItem(self.head)
        self.set_visible(False)

    def set(self, view_box, start, end) -> None:
        self.shaft.setData([start[0], end[0]], [start[1], end[1]])
        a = view_box.mapViewToScene(QPointF(*start))
        b = view_box.mapViewToScene(QPointF(*end))
        # ArrowItem's angle 0 points left; the scene's y runs down.
        angle = math.degrees(math.atan2(b.y() - a.y(), b.x() - a.x())) + 180.0
        self.head.setStyle(angle=angle)
        self.head.setPos(*end)
        self.set_visible(True)

    def set_visible(self, visible: bool) -> None:
        self.shaft.setVisible(visible)
        self.head.setVisible(visible)


class LandscapePlot(pg.PlotWidget):
    """The plot of the landscape view."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("landscapePlot")
        self.setBackground("w")
        self.setMinimumSize(240, 200)
        plot = self.getPlotItem()
        plot.showGrid(x=False, y=False)
        # Bottom left: the current point is at the top right of the projection and the
        # centre of the others; the 1-D curve runs down to the right.
        self.legend = plot.addLegend(offset=(4, -4), labelTextSize="8pt", labelTextColor="#202020",
                                     brush=(255, 255, 255, 170), verSpacing=-6)
        for axis in ("left", "bottom"):
            plot.getAxis(axis).enableAutoSIPrefix(False)  # "J (x0.001)" reads badly
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        plot.addItem(self.image)
        self.contours = SegmentsItem(pg.mkPen(CONTOUR_COLOR, width=1))
        self.contours.setZValue(-5)
        plot.addItem(self.contours)
        self.path = plot.plot([], [], pen=pg.mkPen(PATH_COLOR, width=2))
        self.path.setZValue(10)
        self.current = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(CURRENT_COLOR),
                                          pen=pg.mkPen("w", width=1.5))
        self.current.setZValue(30)
        plot.addItem(self.current)
        self.arrows = {key: Arrow(plot, ARROW_COLORS[key], translate("LandscapePlot", ARROW_LABELS[key]))
                       for key in ARROW_COLORS}
        self.line = plot.plot([], [], pen=pg.mkPen(LINE_COLOR, width=2))
        self.tangent = plot.plot([], [], pen=pg.mkPen(TANGENT_COLOR, width=1.5, style=Qt.DashLine))
        self.step_mark = pg.ScatterPlotItem(size=11, symbol="t", brush=pg.mkBrush(TANGENT_COLOR),
                                            pen=pg.mkPen("k"))
        plot.addItem(self.step_mark)
        self.extra = {}  # name -> curve
        self._lut_bands = None
        self._arrow_ends = {}
        self._legend_entries = ()
        plot.getViewBox().sigTransformChanged.connect(self._redraw_heads)

    # **** surfaces ****

    def show_surface(self, result, x_label: str, y_label: str) -> None:
        """A two-parameter or plane surface, with its contours; the 1-D items hidden."""
        s = result.surface
        xs, ys = (s.xs, s.ys) if hasattr(s, "xs") else (s.alphas, s.betas)
        n_bands = len(result.levels) + 1
        if self._lut_bands != n_bands:
            self.image.setLookupTable(band_lut(n_bands))
            self._lut_bands = n_bands
        self.image.setImage(result.bands.copy(), autoLevels=False, levels=(0, 255))
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        rect = QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy)
        self.image.setRect(rect)
        self.contours.set_extent((rect.left(), rect.right(), rect.top(), rect.bottom()))
        self.contours.set_segments(result.contours)
        self._set_surface_items_visible(True)
        self.setLabel("bottom", x_label)
        self.setLabel("left", y_label)
        self.getPlotItem().getViewBox().setRange(rect, padding=0.0)

    def show_line(self, result) -> None:
        """The 1-D profile: J along the gradient, its tangent at t = 0 and the step at t = lr."""
        line = result.surface
        self._set_surface_items_visible(False)
        finite = np.isfinite(line.J)
        self.line.setData(line.ts[finite], line.J[finite])
        top = line.ts[-1] / 3.0
        t = np.array([min(line.ts[0], 0.0), top])
        self.tangent.setData(t, line.J0 + line.slope * t)
        self.step_mark.setData([line.learning_rate], [line.J_step] if np.isfinite(line.J_step) else [])
        self.current.setData([0.0], [line.J0])
        self.setLabel("bottom", self.tr("t, in w − t·∇J (gradient units)"))
        self.setLabel("left", "J")
        values = line.J[finite]
        if values.size:
            low, high = float(values.min()), float(values.max())
            pad = 0.05 * (high - low or 1.0)
            self.getPlotItem().getViewBox().setRange(xRange=(line.ts[0], line.ts[-1]),
                                                     yRange=(low - pad, high + pad), padding=0.0)

    def _set_surface_items_visible(self, surface: bool) -> None:
        for item in (self.image, self.contours, self.path, *self.extra.values()):
            item.setVisible(surface)
        for item in (self.line, self.tangent, self.step_mark):
            item.setVisible(not surface)
        if not surface:
            for arrow in self.arrows.values():
                arrow.set_visible(False)
            self._arrow_ends.clear()

    def clear_surface(self) -> None:
        self.image.clear()
        self.contours.set_segments(None)

    # **** path, point, arrows ****

    def set_path(self, x, y) -> None:
        self.path.setData(x, y)

    def set_current(self, x, y) -> None:
        self.current.setData([x], [y])

    def set_arrows(self, start, steps: dict) -> None:
        """Arrows from ``start`` by each step (x, y) in ``steps``; the others hidden."""
        self._arrow_ends = {key: (start, (start[0] + s[0], start[1] + s[1]))
                            for key, s in steps.items() if s is not None and np.all(np.isfinite(s))}
        for key, arrow in self.arrows.items():
            if key in self._arrow_ends:
                arrow.set(self.getPlotItem().getViewBox(), *self._arrow_ends[key])
            else:
                arrow.set_visible(False)

    def _redraw_heads(self, *_):
        # A head's angle is in screen terms: it changes when the view's scale does.
        for key, ends in self._arrow_ends.items():
            self.arrows[key].set(self.getPlotItem().getViewBox(), *ends)

    def set_extra_path(self, name, x, y, color) -> None:
        curve = self.extra.get(name)
        if curve is None:
            curve = self.extra[name] = self.plot([], [], pen=pg.mkPen(QColor(color), width=1.5))
            curve.setZValue(9)
        curve.setData(x, y)

    def clear_extra_paths(self) -> None:
        for curve in self.extra.values():
            self.removeItem(curve)
        self.extra.clear()

    # **** the legend: only what is shown ****

    def update_legend(self, line_mode: bool) -> None:
        """Entries for the items of the current mode (rebuilt only when they change)."""
        if line_mode:
            entries = ((self.line, "J(w − t·∇J)"),
                       (self.tangent, self.tr("tangent at t = 0: slope −|∇J|²")),
                       (self.step_mark, self.tr("t = lr: where the step lands")),
                       (self.current, self.tr("t = 0: now")))
        else:
            entries = ((self.current, self.tr("current weights")), (self.path, self.tr("descent path")),
                       *((a.shaft, a.name) for a in self.arrows.values() if a.shaft.isVisible()),
                       *((curve, name) for name, curve in self.extra.items()))
        if tuple(label for _, label in entries) == self._legend_entries:
            return
        self.legend.clear()
        for item, label in entries:
            self.legend.addItem(item, label)
        self._legend_entries = tuple(label for _, label in entries)
