"""The pace of training: from one step a second, to watch each update, to as fast as it goes.

The paces are on a log scale (1, 2, 5, 10, 30, 100, 1000 steps a second, then no limit).
At 10 a second or slower each step's boundary is numbered on the trail, like the
tutorial's figure of lines 1, 2, 3 … getting better.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox

from gdviz.i18n import QT_TRANSLATE_NOOP, translate

PACES = (1, 2, 5, 10, 30, 100, 1000, None)  # steps a second; None: as fast as it goes
PACE_TOOLTIP = QT_TRANSLATE_NOOP(
    "PaceBox", "How fast training plays: from 1 step a second (watch each update, each boundary "
    "numbered on the trail) to as fast as the machine goes.  [ slower, ] faster")


def pace_text(pace) -> str:
    if pace is None:
        return translate("PaceBox", "Max speed")
    if pace == 1:
        return translate("PaceBox", "1 step/s")
    return translate("PaceBox", "{pace:,} steps/s").format(pace=pace)


def nearest_pace(value):
    """The pace in PACES nearest ``value`` (a number of steps a second, 0 or None: max)."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    if not value > 0:  # 0, negative or NaN: no limit
        return None
    finite = [p for p in PACES if p is not None]
    if value > finite[-1] * 3:
        return None
    return min(finite, key=lambda p: abs(p - value) / p)


class PaceBox(QComboBox):
    """A choice of PACES; ``paceChanged(pace)`` with None for "as fast as it goes"."""

    paceChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("paceBox")
        for pace in PACES:
            self.addItem(pace_text(pace), pace)
        self.setCurrentIndex(len(PACES) - 1)
        self.setToolTip(translate("PaceBox", PACE_TOOLTIP))
        self.setAccessibleName(self.tr("Training pace"))
        self.currentIndexChanged.connect(lambda i: self.paceChanged.emit(self.itemData(i)))

    def pace(self):
        return self.currentData()

    def set_pace(self, pace) -> None:
        """Show ``pace`` (snapped to the nearest of PACES); emits paceChanged if it changed."""
        self.setCurrentIndex(PACES.index(nearest_pace(pace)))

    def slower(self) -> None:
        self.setCurrentIndex(max(0, self.currentIndex() - 1))

    def faster(self) -> None:
        self.setCurrentIndex(min(len(PACES) - 1, self.currentIndex() + 1))
