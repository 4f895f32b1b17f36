"""The landscape view's controls: its widgets, with their words and tooltips.

``make_controls(view)`` builds them as attributes of ``view`` (a LandscapeView), which
lays them out and connects them: the view's module stays its behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QProgressBar, QPushButton

from gdviz.i18n import translate
from gdviz.ui.landscape.landscape_plot import LandscapePlot
from gdviz.ui.landscape.landscape_state import MODE_TOOLTIPS, MODES, mode_text


def make_controls(view) -> None:
    """The mode and weight pickers, the plot, the note, the status, error and progress."""
    view.mode_combo = QComboBox(objectName="landscapeMode")
    for key, title in MODES:
        view.mode_combo.addItem(mode_text(title), key)
        view.mode_combo.setItemData(view.mode_combo.count() - 1, mode_text(MODE_TOOLTIPS[key]), Qt.ToolTipRole)
    view.mode_combo.setToolTip(translate("LandscapeView", "How to look at the loss J: over two weights, over "
                                         "the plane of the path (all weights), or along the gradient"))
    view.refresh_button = QPushButton(translate("LandscapeView", "Redraw"), objectName="landscapeRefresh")
    view.refresh_button.setToolTip(translate("LandscapeView", "Compute the surface again around the current "
                                             "weights"))
    view.x_combo = QComboBox(objectName="landscapeParamX")
    view.x_combo.setToolTip(translate("LandscapeView", "The weight on the horizontal axis; every other weight "
                                      "is held at its current value"))
    view.y_combo = QComboBox(objectName="landscapeParamY")
    view.y_combo.setToolTip(translate("LandscapeView", "The weight on the vertical axis"))
    for combo in (view.x_combo, view.y_combo):
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(7)
    view.train_only = QCheckBox(translate("LandscapeView", "Train only these two"),
                                objectName="landscapeTrainOnly")
    view.train_only.setToolTip(translate("LandscapeView", "Training moves only the two chosen weights, so the "
                                         "path stays on this surface (the others stay where they are)"))
    view.note = QLabel("", objectName="landscapeNote", wordWrap=True)
    view.note.setToolTip(translate("LandscapeView", "What the picture shows"))
    view.plot = LandscapePlot(view)
    view.plot.setToolTip(translate("LandscapeView", "Colours: bands of equal share between contour levels of "
                                   "J, dark = low (grey: J infinite or undefined). Red dot: the current weights"))
    view.status = QLabel(translate("LandscapeView", "No model yet."), objectName="landscapeStatus",
                         wordWrap=True)
    view.status.setToolTip(translate("LandscapeView", "J and its gradient at the current weights, and the "
                                     "steps drawn"))
    view.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
    view.error = QLabel("", objectName="landscapeError", wordWrap=True)
    view.error.setStyleSheet("color: #b00020;")
    view.error.setToolTip(translate("LandscapeView", "What went wrong, and what to change"))
    view.error.hide()
    view.progress_bar = QProgressBar(objectName="landscapeProgress")
    view.progress_bar.setRange(0, 100)
    view.progress_bar.setMaximumHeight(10)
    view.progress_bar.setTextVisible(False)
    view.progress_bar.setToolTip(translate("LandscapeView", "Computing the surface"))
    view.progress_bar.hide()
