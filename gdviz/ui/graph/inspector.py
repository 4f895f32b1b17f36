"""The inspector: the selected node's value and gradient in full.

Small tensors (up to 8×8) as a table of numbers, larger ones as a heatmap with a
colour bar; min, max, mean and norm always. Values use a sequential colour map,
gradients a diverging one centred on zero (the sign of a gradient matters).
One column can be highlighted (``Inspector.highlight_column``): the neuron view's unit
is a column of W, b and its layer's output.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gdviz.i18n import QT_TRANSLATE_NOOP
from gdviz.lesson.trace_text import array_stats, format_number, shape_text

MAX_TABLE = 8  # up to 8×8 numbers are written out; larger tensors become a heatmap
VALUE_MAP = "viridis"
GRADIENT_MAP = "CET-D1"
# A node's kind as the inspector's title names it (the graph's captions keep the API's names).
KIND_TEXTS = {"placeholder": QT_TRANSLATE_NOOP("Inspector", "placeholder"),
              "Variable": QT_TRANSLATE_NOOP("Inspector", "Variable"),
              "constant": QT_TRANSLATE_NOOP("Inspector", "constant"),
              "operation": QT_TRANSLATE_NOOP("Inspector", "operation")}
EMPTY_TITLE = QT_TRANSLATE_NOOP("Inspector", "Click a node to inspect it.")  # self.tr(EMPTY_TITLE)
HEATMAP_MIN_HEIGHT = 48


def as_matrix(value) -> np.ndarray:
    """A value as a 2-D array for display: a scalar is 1×1, a vector one row."""
    a = np.asarray(value, dtype=float)
    if a.ndim == 0:
        return a.reshape(1, 1)
    if a.ndim == 1:
        return a.reshape(1, -1)
    return a.reshape(-1, a.shape[-1])


class TensorView(QWidget):
    """One tensor: a heading, its statistics, and a table or a heatmap.

    Signals:
        cellChosen(int, int): a number (table) or a pixel (heatmap) was clicked: its row
            and column in the matrix shown.
    """

    cellChosen = Signal(int, int)

    def __init__(self, name: str, title: str, colour_map: str, diverging: bool, parent=None):
        super().__init__(parent)
        self._diverging = diverging
        self.column = None  # the highlighted column, or None
        self.shape = None  # the shape of the tensor shown, or None
        self.heading = QLabel(f"<b>{title}</b>")
        self.stats = QLabel()
        self.stats.setObjectName(f"{name}Stats")
        self.stats.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.stats.setWordWrap(True)  # a long line would hold the whole dock wide
        self.stack = QStackedWidget()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.plot_widget = pg.GraphicsLayoutWidget()
        self.plot_widget.setBackground("w")
        self.plot = self.plot_widget.addPlot()
        self.plot.invertY(True)  # row 0 at the top, as the table and numpy print it
        self.plot_widget.setMinimumHeight(HEATMAP_MIN_HEIGHT)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.colour_bar = pg.ColorBarItem(values=(0, 1), colorMap=colour_map, interactive=False)
        self.colour_bar.setImageItem(self.image, insert_in=self.plot)
        self.column_frame = pg.QtWidgets.QGraphicsRectItem()
        self.column_frame.setPen(pg.mkPen("#d55e00", width=3, cosmetic=True))
        self.column_frame.setZValue(10)
        self.column_frame.hide()
        self.plot.addItem(self.column_frame)
        for page in (self.note, self.table, self.plot_widget):
            self.stack.addWidget(page)
        self.table.cellClicked.connect(self.cellChosen)
        self.plot.scene().sigMouseClicked.connect(self._heatmap_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.stats)
        layout.addWidget(self.stack, 1)
        self.show_message("")

    def _heatmap_clicked(self, event) -> None:
        image = self.image.image
        if image is None or self.mode() != "heatmap":
            return
        pos = self.plot.getViewBox().mapSceneToView(event.scenePos())
        row, column = int(np.floor(pos.y())), int(np.floor(pos.x()))
        if 0 <= row < image.shape[0] and 0 <= column < image.shape[1]:
            self.cellChosen.emit(row, column)

    def set_plot_colours(self, background: str, foreground: str) -> None:
        """The heatmap's background and axes in the theme's colours."""
        self.plot_widget.setBackground(background)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setTextPen(foreground)
            self.plot.getAxis(axis).setPen(foreground)

    def show_message(self, text: str) -> None:
        """No tensor: say why instead."""
        self.shape = None
        self.stats.setText("")
        self.note.setText(text)
        self.stack.setCurrentWidget(self.note)

    def show_value(self, value) -> None:
        """Show ``value``: numbers if it fits 8×8, else a heatmap with a colour bar."""
        a = np.asarray(value, dtype=float)
        self.shape = a.shape
        s = array_stats(a)
        if a.size == 1:  # one number: the table shows it, min = max = mean says nothing
            self.stats.setText(self.tr("shape {shape}").format(shape=shape_text(a)))
        else:
            self.stats.setText(self.tr("shape {shape} · min {min} · max {max} · mean {mean} · "
                                       "norm {norm}").format(
                shape=shape_text(a), min=format_number(s["min"]), max=format_number(s["max"]),
                mean=format_number(s["mean"]), norm=format_number(s["norm"])))
        m = as_matrix(a)
        if m.shape[0] <= MAX_TABLE and m.shape[1] <= MAX_TABLE:
            self._fill_table(m)
            self.stack.setCurrentWidget(self.table)
        else:
            self._fill_heatmap(m, s)
            self.stack.setCurrentWidget(self.plot_widget)
        self.highlight_column(self.column)

    def highlight_column(self, column) -> None:
        """Mark column ``column`` (0-based) of the tensor shown: selected in the table, framed
        on the heatmap. None (or a column the tensor lacks) marks none."""
        self.column = column
        self.table.clearSelection()
        self.column_frame.hide()
        if column is None:
            return
        if self.mode() == "table" and 0 <= column < self.table.columnCount():
            self.table.selectColumn(column)
        elif self.mode() == "heatmap":
            rows, cols = self.image.image.shape[:2]
            if 0 <= column < cols:
                self.column_frame.setRect(QRectF(column, 0, 1, rows))
                self.column_frame.show()

    def mode(self) -> str:
        """``"table"``, ``"heatmap"`` or ``"message"``: what is shown now."""
        current = self.stack.currentWidget()
        return "table" if current is self.table else (
            "heatmap" if current is self.plot_widget else "message")

    def _fill_table(self, m) -> None:
        rows, cols = m.shape
        self.table.setRowCount(rows)
        self.table.setColumnCount(cols)
        for i in range(rows):
            for j in range(cols):
                item = self.table.item(i, j)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                    self.table.setItem(i, j, item)
                item.setText(format_number(m[i, j]))

    def _fill_heatmap(self, m, stats) -> None:
        if self._diverging:
            top = max(abs(stats["min"]), abs(stats["max"])) or 1.0
            low, high = -top, top
        else:
            low, high = stats["min"], stats["max"]
            if high <= low:
                low, high = low - 0.5, high + 0.5
        # ImageItem keeps a view of the array it is given: hand it a copy.
        self.image.setImage(np.array(m, copy=True), autoLevels=False, levels=(low, high))
        self.colour_bar.setLevels((low, high))
        self.plot.setRange(xRange=(0, m.shape[1]), yRange=(0, m.shape[0]), padding=0.02)


class Inspector(QWidget):
    """The selected node's value and gradient, in full.

    Signals:
        elementClicked(str, tuple): an element of the node's value or gradient was
            clicked: the node's name and the element's index (e.g. ("W1", (0, 3))).
    """

    elementClicked = Signal(str, tuple)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.title = QLabel(self.tr(EMPTY_TITLE))
        self.title.setObjectName("inspectorTitle")
        self.title.setWordWrap(True)
        self.value_view = TensorView("value", self.tr("Value (forward pass)"), VALUE_MAP,
                                     diverging=False)
        self.value_view.setObjectName("valueView")
        self.gradient_view = TensorView("gradient", self.tr("Gradient ∂J/∂node (backward pass)"),
                                        GRADIENT_MAP, diverging=True)
        self.gradient_view.setObjectName("gradientView")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.value_view, 1)
        layout.addWidget(self.gradient_view, 1)
        self.node = None
        self.pinned = False
        for view in (self.value_view, self.gradient_view):
            view.cellChosen.connect(self._cell_chosen)

    def _cell_chosen(self, row: int, column: int) -> None:
        """A matrix cell back to the tensor's own index (a vector is shown as one row)."""
        shown = self.value_view.shape
        if self.node is None or shown is None:
            return
        if len(shown) == 0:
            index = ()
        elif len(shown) == 1:
            index = (column,)
        else:
            index = tuple(int(i) for i in np.unravel_index(row * shown[-1] + column, shown))
        self.elementClicked.emit(self.node.name, index)

    def set_plot_colours(self, background: str, foreground: str) -> None:
        """Both heatmaps in the theme's colours (``gdviz.ui.theme.COLOURS``)."""
        for view in (self.value_view, self.gradient_view):
            view.set_plot_colours(background, foreground)

    def highlight_column(self, column) -> None:
        """Highlight column ``column`` (0-based) of the node's value and gradient, e.g. a
        unit's weights in W1 (None: none). Kept while the same node is shown again."""
        for view in (self.value_view, self.gradient_view):
            view.highlight_column(column)

    def highlighted_column(self):
        """The highlighted column, or None."""
        return self.value_view.column

    def show_node(self, node, value=None, gradient=None, value_note="", gradient_note="",
                  loss_name="J", pinned=True) -> None:
        """Show ``node``'s value and gradient; a note where one is not known yet.

        Args:
            node: the node, or None to clear the inspector.
            value: its value in the run shown, or None.
            gradient: ∂loss/∂node at the player's step, or None.
            value_note, gradient_note: what to say when value / gradient is None.
            loss_name: the loss's name, for the gradient's heading.
            pinned: True for a node the user clicked; False for the one the player
                is at, which changes as it steps.
        """
        if node is not self.node:  # a column belongs to the node it was highlighted on
            for view in (self.value_view, self.gradient_view):
                view.column = None
        self.node = node
        self.pinned = pinned
        if node is None:
            self.title.setText(self.tr(EMPTY_TITLE))
            self.value_view.show_message("")
            self.gradient_view.show_message("")
            return
        how = (self.tr("clicked (click the background to follow the player)") if pinned
               else self.tr("where the player is (click a node to pin one)"))
        self.title.setText(self.tr("<b>{name}</b> · {op} ({kind})<br><span style='color:gray'>"
                                   "{how}</span>").format(name=node.name, op=node.op_type,
                                                          kind=self.tr(KIND_TEXTS.get(node.kind, node.kind)), how=how))
        self.gradient_view.heading.setText(self.tr(
            "<b>Gradient ∂{loss}/∂{node}</b> (backward pass)").format(loss=loss_name, node=node.name))
        if value is None:
            self.value_view.show_message(value_note)
        else:
            self.value_view.show_value(value)
        if gradient is None:
            self.gradient_view.show_message(gradient_note)
        else:
            self.gradient_view.show_value(gradient)
