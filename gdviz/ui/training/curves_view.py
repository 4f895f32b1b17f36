"""The loss and accuracy curves, side by side, with hover read-outs and a log loss axis.

The curves are set whole from a ``Progress`` (the session model's), never appended to
here: what they show is what the session holds. Their ranges are rounded to nice
numbers (``nice_ceiling``), so the axes redraw only when the curves outgrow them. On a
logarithmic loss axis (a loss that falls from 0.7 to 0.001 is a straight line, not
an L), the range is whole decades around the positive losses.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from gdviz.ui.training.boundary_view import cache_axes
from gdviz.ui.training.curves import HoverReadout, grid_axes, nice_ceiling

CURVES_PADDING = 0.03  # of each range, so that a curve never lies on an axis
TRAIN_PEN = pg.mkPen((31, 119, 180), width=2)
TEST_PEN = pg.mkPen((255, 127, 14), width=2, style=pg.QtCore.Qt.PenStyle.DashLine)
ACCURACY_PEN = pg.mkPen((44, 160, 44), width=2)


class CurvesView(pg.GraphicsLayoutWidget):
    """The loss plot (train and test) and the accuracy plot."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("curvesView")
        self.setBackground("w")
        self.setMinimumHeight(150)
        self.log_loss = False
        self.loss_plot = self.addPlot(title=self.tr("loss"), axisItems=grid_axes())
        self.accuracy_plot = self.addPlot(title=self.tr("accuracy"), axisItems=grid_axes())
        for plot in (self.loss_plot, self.accuracy_plot):
            cache_axes(plot)
            for name in ("left", "bottom"):
                # Behind the curves: opaque grid lines over them would cut them up.
                plot.getAxis(name).setZValue(-1)
            plot.setLabel("bottom", self.tr("step"))
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.setMenuEnabled(False)
            plot.hideButtons()
        self.loss_plot.addLegend(offset=(-5, 5))
        self.train_loss_curve = self.loss_plot.plot(pen=TRAIN_PEN, name=self.tr("train"))
        self.test_loss_curve = self.loss_plot.plot(pen=TEST_PEN, name=self.tr("test"))
        self.accuracy_curve = self.accuracy_plot.plot(pen=ACCURACY_PEN)
        for curve in self.curves():
            # Up to 2,000 records on a few hundred pixels: draw about one per pixel.
            curve.setDownsampling(auto=True, method="peak")
            # Whoever sets the data (a frame, a loaded session), the ranges follow.
            curve.sigPlotChanged.connect(self._fit_ranges)
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.disableAutoRange()
        self._ranges = None
        self._fit_ranges()
        self.accuracy_plot.setYRange(0, 1.02, padding=0)
        self.loss_readout = HoverReadout(
            self.loss_plot, {self.tr("train"): self.train_loss_curve, self.tr("test"): self.test_loss_curve},
            "{:.4g}")
        self.accuracy_readout = HoverReadout(self.accuracy_plot, {self.tr("accuracy"): self.accuracy_curve},
                                             "{:.1%}")

    def curves(self) -> tuple:
        return self.train_loss_curve, self.test_loss_curve, self.accuracy_curve

    def show_progress(self, progress) -> None:
        """Show the curves of a ``Progress`` (or anything with the three curve pairs)."""
        self.train_loss_curve.setData(*progress.loss_curve)
        self.test_loss_curve.setData(*progress.test_loss_curve)
        self.accuracy_curve.setData(*progress.accuracy_curve)

    def set_log_loss(self, on: bool) -> None:
        """A logarithmic loss axis (losses of 0 are left out of it)."""
        if bool(on) == self.log_loss:
            return
        self.log_loss = bool(on)
        self.loss_plot.setLogMode(y=self.log_loss)
        self.loss_plot.setLabel("left", self.tr("log scale") if self.log_loss else "")
        self._ranges = None
        self._fit_ranges()

    def _fit_ranges(self, *_):
        steps, losses = [], []
        for curve in self.curves():
            x, y = curve.getOriginalDataset()
            if x is not None and len(x):
                steps += [np.nanmin(x), np.nanmax(x)]
                if curve is not self.accuracy_curve:
                    losses.append(np.asarray(y, dtype=float))
        x0 = min(steps) if steps else 0.0
        x_range = (x0, x0 + nice_ceiling(max(steps) - x0 if steps else 0.0, minimum=10))
        y_range = self._loss_range(np.concatenate(losses) if losses else np.zeros(0))
        if (x_range, y_range) == self._ranges:
            return
        self._ranges = (x_range, y_range)
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.setXRange(*x_range, padding=CURVES_PADDING)
        self.loss_plot.setYRange(*y_range, padding=CURVES_PADDING)

    def _loss_range(self, losses: np.ndarray) -> tuple:
        if self.log_loss:  # whole decades, in log10 units as pyqtgraph's log mode wants
            positive = losses[np.isfinite(losses) & (losses > 0)]
            if not len(positive):
                return (-3.0, 0.0)
            low = math.floor(math.log10(positive.min()))
            high = math.ceil(math.log10(positive.max()))
            return (float(low), float(max(high, low + 1)))
        low = float(np.nanmin(losses)) if len(losses) else 0.0
        high = float(np.nanmax(losses)) if len(losses) else 1.0
        return (0.0 if low >= 0 else -nice_ceiling(-low),  # a loss is >= 0; a user op may not be
                nice_ceiling(high, minimum=0.01))
