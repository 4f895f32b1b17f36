"""The gradient check on screen: a table of every Variable and op, and marks on the graph.

The rows are ``gdviz.scripts.check.GradientRow``s, whether the check ran in the
script's child process (``check_script``) or on a graph shown by ``gdviz.show``
(``check_loss``, in a worker thread). Each row's node is marked in the graph view by
its largest relative error: green below GREEN_BELOW, red above RED_ABOVE, amber
between (``GraphView.mark_nodes``).
"""

from __future__ import annotations

import math

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.scripts.check import GREEN_BELOW, RED_ABOVE, verdict_text
from gdviz.ui.graph.graph_view import MARK_COLOURS

COLUMNS = (QT_TRANSLATE_NOOP("CheckTable", "node"), QT_TRANSLATE_NOOP("CheckTable", "op"),
           QT_TRANSLATE_NOOP("CheckTable", "relative error"), QT_TRANSLATE_NOOP("CheckTable", "verdict"))
LEVELS = {"ok": "ok", "borderline": "borderline", "WRONG": "wrong"}  # verdict -> mark level
ROW_TINTS = {"ok": "#ebfbee", "borderline": "#fff9db", "wrong": "#ffe3e3"}


def level_of(row) -> str:
    """The mark of a row: "ok" (green), "borderline" (amber) or "wrong" (red)."""
    return LEVELS[row.verdict]


def error_text(row) -> str:
    if math.isinf(row.error) or math.isnan(row.error):
        return translate("CheckTable", "no gradient") if row.note else "∞"
    return f"{row.error:.1e}"


def node_marks(rows, nodes) -> dict:
    """node -> (level, text) for ``GraphView.mark_nodes``: each row's node, found by name."""
    by_name = {node.name: node for node in nodes}
    return {by_name[r.name]: (level_of(r), error_text(r)) for r in rows if r.name in by_name}


class CheckTable(QTableWidget):
    """One row per checked node: its name, op, largest relative error and verdict."""

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("checkTable")
        self.setHorizontalHeaderLabels([translate("CheckTable", column) for column in COLUMNS])
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setToolTip(self.tr("green: relative error below {green:g}; red: above {red:g}; "
                                "amber: between").format(green=GREEN_BELOW, red=RED_ABOVE))

    def show_rows(self, rows) -> None:
        self.setRowCount(len(rows))
        for i, r in enumerate(rows):
            level = level_of(r)
            verdict = verdict_text(r)
            for j, text in enumerate((r.name, r.op_type, error_text(r), verdict)):
                item = QTableWidgetItem(text)
                item.setBackground(QBrush(QColor(ROW_TINTS[level])))
                if j == 3:
                    item.setForeground(QBrush(QColor(MARK_COLOURS[level]).darker(120)))
                item.setToolTip(r.note_text or text)
                self.setItem(i, j, item)

    def verdicts(self) -> dict:
        """node name -> verdict text, as shown (tests and tools)."""
        return {self.item(i, 0).text(): self.item(i, 3).text() for i in range(self.rowCount())}
