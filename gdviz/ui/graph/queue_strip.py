"""The player's queue strip: the nodes waiting, front first, as chips in a row.

In the backward pass it is the breadth-first queue; in the forward pass the nodes still
to evaluate; during the optimizer's update the Variables still to update. At most
``MAX_CHIPS`` chips are shown, the rest counted.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

MAX_CHIPS = 16


class QueueStrip(QWidget):
    """A title and up to ``MAX_CHIPS`` chips (objectNames "queueTitle", "queueChip")."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("queueStrip")
        self.title = QLabel()
        self.title.setObjectName("queueTitle")
        strip = QHBoxLayout(self)
        strip.setContentsMargins(0, 0, 0, 0)
        strip.addWidget(self.title)
        self._chips = []
        for _ in range(MAX_CHIPS):
            chip = QLabel()
            chip.setObjectName("queueChip")
            chip.setVisible(False)
            strip.addWidget(chip)
            self._chips.append(chip)
        self._more = QLabel()
        strip.addWidget(self._more)
        strip.addStretch(1)

    def set_nodes(self, title: str, nodes, style: str) -> None:
        """Show ``title`` and one chip per node (its name), front first."""
        self.title.setText(title)
        for chip, node in zip(self._chips, list(nodes) + [None] * MAX_CHIPS):
            if node is None:
                chip.setVisible(False)
            else:
                chip.setText(node.name)
                chip.setStyleSheet(style)
                chip.setVisible(True)
        extra = len(nodes) - MAX_CHIPS
        self._more.setText(self.tr("… and {count} more").format(count=extra) if extra > 0 else
                           (self.tr("(empty)") if not nodes else ""))

    def names(self) -> list:
        """The names on the chips shown, front first (what a user reads)."""
        return [c.text() for c in self._chips if not c.isHidden()]
