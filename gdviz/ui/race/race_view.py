"""The race view: optimizers (or rates, batch sizes, penalties) trained side by side.

The learner picks what to compare; every entrant starts from the session's current
weights on its current points (``set_problem``), and Start runs them together in a
``RaceWorker`` thread. The view draws their loss curves overlaid, one colour and one
dash pattern each (Okabe and Ito's colour-blind-safe palette, told apart in grey
too), and a table of the step at which each first reached a target loss. The table
is worked out in the GUI thread from the last snapshot (a search in each entrant's
new lows), so a new target answers at once, even while paused.

The view keeps nothing of the race but the last ``RaceSnapshot``, which is immutable:
``curves()`` and ``paths()`` hand out its arrays, and ``pathsChanged`` tells the
landscape view that the paths moved. Items are created once per race and updated
with ``setData``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QGridLayout, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from gdviz.training.datasets import Dataset
from gdviz.training.models import ModelConfig
from gdviz.training.race import LOWS_CAPACITY, available_comparisons, entrants_for
from gdviz.ui.race.race_texts import (COLUMNS, column_titles, comparison_title, entrant_tip, reached_text,
                                      status_text)
from gdviz.ui.race.race_worker import RaceWorker
from gdviz.ui.training.curves import grid_axes

# Okabe & Ito (2008), without the yellow that vanishes on white; with a dash pattern
# each, so that curves differ without colour too.
RACE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
RACE_DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)
DEFAULT_STEPS = 2000
MAX_STEPS = LOWS_CAPACITY  # steps_to_reach stays exact up to here
TARGET_FRACTION = 0.5  # the default target: half the loss at the start
# Workers that did not end within their stop timeout: kept referenced until they do,
# since deleting a running QThread aborts the program.
_LINGERING = []
LOG_FLOOR = 1e-300  # a loss of exactly 0 has no logarithm: drawn here on the log axis


def _pen(index: int):
    return pg.mkPen(RACE_COLOURS[index % len(RACE_COLOURS)], width=2,
                    style=RACE_DASHES[index % len(RACE_DASHES)])


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class RaceView(QWidget):
    """Entrants raced from the same start, their curves overlaid, a table of steps to a target.

    Signals:
        pathsChanged: the entrants' paths in weight space moved (see ``paths``).
    """

    pathsChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("raceView")
        self._problem = None  # (config, dataset, weights)
        self._worker = None
        self._snapshot = None
        self._entrants = ()
        self._curve_items = {}
        self._target_edited = False
        self.snapshot_count = 0  # snapshots of the current race shown so far
        self._build_controls()
        self._build_plot_and_table()
        self._layout()
        self._update_buttons()

    # **** building ****

    def _build_controls(self):
        self.compare_combo = QComboBox(objectName="raceCompare")
        self.compare_combo.setToolTip(self.tr("What the race compares: each entrant trains the session's model "
                                      "from the same weights on the same points. Changing it starts afresh."))
        self._fill_comparisons(ModelConfig())
        self.compare_combo.currentIndexChanged.connect(self._comparison_changed)
        self.steps_spin = QSpinBox(objectName="raceSteps", minimum=10, maximum=MAX_STEPS, singleStep=100,
                                   value=DEFAULT_STEPS, groupSeparatorShown=True)
        self.steps_spin.setToolTip(self.tr("How many steps each entrant takes. Raising it after a race lets "
                                           "Start continue the same race."))
        self.steps_spin.valueChanged.connect(self._steps_changed)
        self.start_button = QPushButton(self.tr("Start"), objectName="raceStart")
        self.start_button.clicked.connect(self._start_or_pause)
        self.reset_button = QPushButton(self.tr("Reset"), objectName="raceReset")
        self.reset_button.setToolTip(self.tr("Forget this race: every entrant back at the session's current "
                                             "weights, step 0."))
        self.reset_button.clicked.connect(self.reset)
        self.log_check = QCheckBox(self.tr("log loss axis"), objectName="raceLogAxis")
        self.log_check.setToolTip(self.tr("Draw the loss on a logarithmic scale: late, small differences "
                                          "between the entrants become visible."))
        self.log_check.toggled.connect(self._log_toggled)
        self.target_spin = QDoubleSpinBox(objectName="raceTarget", decimals=4, minimum=0.0, maximum=1e9)
        self.target_spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.target_spin.setToolTip(self.tr("The table counts the steps each entrant needed until its loss "
                                            "was at or below this value (as its curve shows it)."))
        self.target_spin.valueChanged.connect(self._target_changed)
        self.status_label = QLabel(objectName="raceStatus", wordWrap=True)
        self.status_label.setToolTip(self.tr("Where the race stands."))

    def _build_plot_and_table(self):
        self.plot_widget = pg.PlotWidget(objectName="raceCurves", axisItems=grid_axes())
        self.plot_widget.setBackground("w")
        self.plot_widget.setMinimumHeight(140)
        self.plot_widget.setToolTip(self.tr("Each entrant's loss at every step, measured as the step began."))
        plot = self.plot = self.plot_widget.getPlotItem()
        for name in ("left", "bottom"):
            plot.getAxis(name).setZValue(-1)  # opaque grid lines behind the curves
        plot.setLabel("bottom", self.tr("step"))
        plot.setLabel("left", self.tr("loss"))
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.getAxis("left").enableAutoSIPrefix(False)  # "loss", never "loss (x0.001)"
        # An opaque-ish box: the legend sits over the curves' corner.
        self.legend = plot.addLegend(offset=(-5, 5), brush=pg.mkBrush(255, 255, 255, 220),
                                     pen=pg.mkPen(200, 200, 200), labelTextColor=(30, 30, 30))
        # The target loss, across the plot: where the table's steps are read off.
        self.target_line = pg.InfiniteLine(angle=0, pen=pg.mkPen((110, 110, 110), style=Qt.PenStyle.DotLine))
        self.target_line.hide()
        plot.addItem(self.target_line, ignoreBounds=True)
        self.table = QTableWidget(0, len(COLUMNS), objectName="raceTable")
        self.table.setHorizontalHeaderLabels(column_titles())
        self.table.setToolTip(self.tr("The step at which each entrant's loss first reached the target loss."))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def _layout(self):
        controls = QGridLayout()
        controls.addWidget(QLabel(self.tr("Compare")), 0, 0)
        controls.addWidget(self.compare_combo, 0, 1)
        controls.addWidget(QLabel(self.tr("Steps")), 0, 2)
        controls.addWidget(self.steps_spin, 0, 3)
        buttons = QHBoxLayout()
        for widget in (self.start_button, self.reset_button, self.log_check):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        controls.addLayout(buttons, 1, 0, 1, 4)
        controls.setColumnStretch(1, 1)
        target = QHBoxLayout()
        target_label = QLabel(self.tr("Target loss"))
        target_label.setToolTip(self.target_spin.toolTip())
        target.addWidget(target_label)
        target.addWidget(self.target_spin, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.plot_widget, 3)
        layout.addLayout(target)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.status_label)

    def _fill_comparisons(self, config: ModelConfig):
        current = self.compare_combo.currentData()
        self.compare_combo.blockSignals(True)
        self.compare_combo.clear()
        for comparison in available_comparisons(config):
            self.compare_combo.addItem(comparison_title(comparison), comparison)
        index = self.compare_combo.findData(current)
        self.compare_combo.setCurrentIndex(max(index, 0))
        self.compare_combo.blockSignals(False)

    # **** public API ****

    def set_problem(self, config: ModelConfig, dataset: Dataset, weights) -> None:
        """The session's current scenario: a new problem resets the race.

        Args:
            config: the learner's model and how it trains (the comparison varies it).
            dataset: the points every entrant trains on.
            weights: the starting weights [W1, b1, ...], the same for every entrant (copied).
        """
        self._problem = (config, dataset, [np.array(w, dtype=float) for w in weights])
        self._fill_comparisons(config)
        self._target_edited = False  # another problem, another scale of loss
        self.reset()

    def start(self) -> None:
        """Run the race (continuing it; from the start again if it is over)."""
        if self._problem is None:
            self._say(self.tr("Nothing to race yet: the session has no model and points."))
            return
        if self._worker is None or self._over():
            self.reset()
        self._worker.play()
        self._update_buttons()

    def pause(self) -> None:
        """Stop the race where it is; returns once the thread has stopped stepping."""
        if self._worker is not None:
            self._worker.pause(wait=True)
        self._update_buttons()

    def reset(self) -> None:
        """Every entrant back at the problem's weights, step 0; curves and table cleared."""
        self._stop_worker()
        self._snapshot = None
        self.snapshot_count = 0
        self._clear_items()
        if self._problem is not None:
            config, dataset, weights = self._problem
            try:
                self._entrants = entrants_for(self.compare_combo.currentData(), config)
            except ValueError as error:
                self._entrants = ()
                self._say(str(error))
            if self._entrants:
                self._make_items()
                self._worker = RaceWorker(self._entrants, dataset, weights, self.steps_spin.value())
                self._worker.snapshot_ready.connect(self._on_snapshot)
                self._worker.race_over.connect(self._on_race_over)
                self._worker.failed.connect(self._on_failed)
                self.destroyed.connect(self._worker.stop)  # a view deleted unclosed stops it too
                self._worker.start()
                self._say(self.tr("Ready: press Start."))
        self._update_buttons()
        self.pathsChanged.emit()

    def is_running(self) -> bool:
        """True while the race takes steps."""
        return self._worker is not None and self._worker.playing

    @property
    def worker(self):
        """The RaceWorker of the current race (None before a problem is set)."""
        return self._worker

    def snapshot(self):
        """The last RaceSnapshot shown (immutable), or None."""
        return self._snapshot

    def colours(self) -> dict:
        """{label: colour (hex)} of the entrants."""
        return {e.label: RACE_COLOURS[i % len(RACE_COLOURS)] for i, e in enumerate(self._entrants)}

    def curves(self) -> dict:
        """{label: (steps, losses)}: each entrant's loss curve (read-only arrays)."""
        if self._snapshot is None:
            return {}
        return {e.label: e.curve for e in self._snapshot.entrants}

    def paths(self) -> dict:
        """{label: (colour, weight_rows)}: each entrant's path, rows of flattened weights
        [W1, b1, ...] from the start (row 0) to where it stands (the last row)."""
        if self._snapshot is None:
            return {}
        colours = self.colours()
        return {e.label: (colours[e.label], e.path[1]) for e in self._snapshot.entrants}

    # **** the worker's reports ****

    def _on_snapshot(self, snapshot):
        worker = self.sender()
        if worker is not None:
            worker.snapshot_consumed()
        if worker is not self._worker:
            return  # from a race reset since
        first = self._snapshot is None
        self._snapshot = snapshot
        self.snapshot_count += 1
        if first and not self._target_edited and snapshot.start_loss is not None:
            self.target_spin.blockSignals(True)
            self.target_spin.setValue(TARGET_FRACTION * snapshot.start_loss)
            self.target_spin.blockSignals(False)
        self._draw_curves()
        self._fill_table()
        self._say_where()
        self.pathsChanged.emit()

    def _on_race_over(self):
        if self.sender() is self._worker:
            self._update_buttons()
            self._say_where()

    def _on_failed(self, text: str):
        if self.sender() is self._worker:
            self._say(text.strip().splitlines()[-1] if text.strip() else self.tr("The race stopped."))
            self.status_label.setToolTip(text)
            self._update_buttons()

    # **** drawing ****

    def _clear_items(self):
        for item in self._curve_items.values():
            self.plot.removeItem(item)  # also leaves the legend
        self._curve_items = {}
        self.table.setRowCount(0)
        self.target_line.hide()

    def _make_items(self):
        colours = self.colours()
        self.table.setRowCount(len(self._entrants))
        for row, entrant in enumerate(self._entrants):
            item = self.plot.plot(pen=_pen(row), name=entrant.label)
            item.setDownsampling(auto=True, method="peak")
            self._curve_items[entrant.label] = item
            label = QTableWidgetItem(_swatch(colours[entrant.label]), entrant.label)
            label.setForeground(QColor(colours[entrant.label]))
            self.table.setItem(row, 0, label)
            for column in (1, 2):
                self.table.setItem(row, column, QTableWidgetItem("–"))

    def _draw_curves(self):
        log = self.log_check.isChecked()
        for result in self._snapshot.entrants:
            steps, losses = result.curve
            if log:
                losses = np.maximum(losses, LOG_FLOOR)
            self._curve_items[result.label].setData(steps, losses)

    def _place_target_line(self):
        target = self.target_spin.value()
        log = self.log_check.isChecked()
        self.target_line.setVisible(self._snapshot is not None and (target > 0 or not log))
        self.target_line.setPos(np.log10(max(target, LOG_FLOOR)) if log else target)

    def _fill_table(self):
        self._place_target_line()
        if self._snapshot is None:
            return
        target, over = self.target_spin.value(), self._over()
        for row, result in enumerate(self._snapshot.entrants):
            reached, now = self.table.item(row, 1), self.table.item(row, 2)
            reached.setText(reached_text(result, target, over))
            now.setText("–" if result.loss is None else f"{result.loss:.4g}")
            tip = entrant_tip(result)
            for column in range(len(COLUMNS)):
                self.table.item(row, column).setToolTip(tip)

    def _say(self, text: str):
        self.status_label.setText(text)
        self.status_label.setToolTip(self.tr("Where the race stands."))

    def _say_where(self):
        snapshot = self._snapshot
        if snapshot is None:
            return
        state = ("running" if self.is_running() else
                 "over" if self._over() else "paused" if snapshot.rounds else "ready")
        stopped = sum(e.message is not None for e in snapshot.entrants)
        self._say(status_text(snapshot.rounds, self.steps_spin.value(), state, stopped))

    # **** controls ****

    def _start_or_pause(self):
        if self.is_running():
            self.pause()
        else:
            self.start()
        self._say_where()

    def _over(self) -> bool:
        s = self._snapshot
        return s is not None and (s.rounds >= self.steps_spin.value() or not s.running)

    def _update_buttons(self):
        running = self.is_running()
        self.start_button.setText(self.tr("Pause") if running else self.tr("Start"))
        self.start_button.setToolTip(
            self.tr("Pause the race; Start goes on from here.") if running else
            self.tr("Run every entrant, one step each in turn, from the same weights on the same points."))
        self.start_button.setEnabled(self._problem is not None)
        self.reset_button.setEnabled(self._problem is not None)

    def _comparison_changed(self, _index):
        self.reset()

    def _steps_changed(self, value: int):
        if self._worker is not None:
            self._worker.set_max_steps(value)
        self._fill_table()  # "not reached" may become "not yet"
        self._say_where()

    def _target_changed(self, _value: float):
        self._target_edited = True
        self._fill_table()

    def _log_toggled(self, on: bool):
        self.plot.setLogMode(y=on)
        if self._snapshot is not None:
            self._draw_curves()
        self._place_target_line()
        self.plot.enableAutoRange()

    # **** the thread ends with the view ****

    def _stop_worker(self):
        worker, self._worker = self._worker, None
        _LINGERING[:] = [w for w in _LINGERING if w.isRunning()]
        if worker is not None and not worker.stop():
            _LINGERING.append(worker)

    def closeEvent(self, event):
        self._stop_worker()
        super().closeEvent(event)
