"""The scenario controls' fields: their choices, names and helpers (gdviz.ui.window.scenario_controls).

Each combo box shows a translated name and keeps the identifier (a dataset family, a model
kind, an optimizer...) in its item data, which is what the configs hold. Names are marked
with QT_TRANSLATE_NOOP here and translated when a box is built, in the "ScenarioControls"
context (the dataset titles in gdviz.training.datasets' own).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.training.datasets import dataset_title
from gdviz.training.models import MAX_HIDDEN_LAYERS, MAX_HIDDEN_WIDTH

# Dataset families; blobs come with 3 or 4 classes, the others with 2.
FAMILY_NAMES = ("tutorial", "xor", "circles", "moons", "spirals", "blobs")
BLOB_CLASSES = (3, 4)
MODEL_TITLES = {"perceptron": QT_TRANSLATE_NOOP("ScenarioControls", "Perceptron (tutorial)"),
                "mlp": QT_TRANSLATE_NOOP("ScenarioControls", "MLP (hidden layers)")}
ACTIVATION_TITLES = {"tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU"}  # maths: as they are
REDUCTION_TITLES = {"sum": QT_TRANSLATE_NOOP("ScenarioControls", "Sum (tutorial)"),
                    "mean": QT_TRANSLATE_NOOP("ScenarioControls", "Mean")}
OPTIMIZER_TITLES = {"gd": QT_TRANSLATE_NOOP("ScenarioControls", "Gradient descent"),
                    "momentum": QT_TRANSLATE_NOOP("ScenarioControls", "Momentum"),
                    "adam": QT_TRANSLATE_NOOP("ScenarioControls", "Adam")}
PENALTY_TITLES = {"none": QT_TRANSLATE_NOOP("ScenarioControls", "None"),
                  "l2": QT_TRANSLATE_NOOP("ScenarioControls", "L2 (λ·ΣW²)"),
                  "l1": QT_TRANSLATE_NOOP("ScenarioControls", "L1 (λ·Σ|W|)")}
MAX_WIDTH = MAX_HIDDEN_WIDTH

FILE_SOURCE = "file"  # the Points box's item for points opened from a file
# What a change does to training (the session model's rule, gdviz.session.model), said
# in each control's tooltip.
AFRESH = QT_TRANSLATE_NOOP("ScenarioControls", "Changing it starts training afresh: new weights, "
                           "step 0, curves cleared (Ctrl+Z undoes it).")
CONTINUES = QT_TRANSLATE_NOOP("ScenarioControls", "Changing it continues training from the current "
                              "weights (Ctrl+Z undoes it).")


def family_titles() -> dict:
    """The Points box's items: family -> its name in the language chosen."""
    titles = {name: dataset_title(name) for name in FAMILY_NAMES}
    titles["tutorial"] = translate("ScenarioControls", "Tutorial: two clouds")
    titles["blobs"] = translate("ScenarioControls", "Gaussian blobs")
    return titles


def translated(titles: dict) -> dict:
    """``titles`` (marked with QT_TRANSLATE_NOOP in the ScenarioControls context), translated."""
    return {key: translate("ScenarioControls", title) for key, title in titles.items()}


def family_of(name: str) -> tuple:
    """``("blobs", 3)`` for ``"blobs3"``, ``("moons", 2)`` for ``"moons"``."""
    if name.startswith("blobs"):
        return "blobs", int(name[5:])
    return name, 2


def parse_widths(text: str) -> tuple:
    """``"16, 8"`` -> (16, 8). Raises ValueError naming the bad entry (shown to the user)."""
    widths = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= MAX_WIDTH:
            raise ValueError(translate("ScenarioControls", "hidden width {entry} must be a whole "
                                       "number from 1 to {most}").format(entry=repr(part), most=MAX_WIDTH))
        widths.append(int(part))
    if not 1 <= len(widths) <= MAX_HIDDEN_LAYERS:
        raise ValueError(translate("ScenarioControls", "give 1 to {most} hidden widths, e.g. 8, 8")
                         .format(most=MAX_HIDDEN_LAYERS))
    return tuple(widths)


def combo(name: str, items: dict, tip: str) -> QComboBox:
    """A combo box of ``items`` (identifier -> name shown), the identifiers as item data."""
    box = QComboBox()
    box.setObjectName(name)
    for key, title in items.items():
        box.addItem(title, key)
    box.setToolTip(tip)
    return box


def spin(cls, name: str, lo, hi, tip: str, step=None, decimals: int = 0):
    """A QSpinBox or QDoubleSpinBox that changes once per typed number, not once per digit."""
    box = cls()
    box.setObjectName(name)
    if decimals:  # before the range, which the decimals would round
        box.setDecimals(decimals)
        box.setStepType(QDoubleSpinBox.AdaptiveDecimalStepType)
    box.setRange(lo, hi)
    if step:
        box.setSingleStep(step)
    box.setKeyboardTracking(False)
    box.setToolTip(tip)
    return box


def select(box: QComboBox, key) -> None:
    """Show the item whose data is ``key`` (nothing changes if there is none)."""
    index = box.findData(key)
    if index >= 0:
        box.setCurrentIndex(index)


def say_what_it_does(sentence: str, *widgets) -> None:
    """Add ``sentence`` (AFRESH or CONTINUES) to the widgets' tooltips, translated."""
    sentence = translate("ScenarioControls", sentence)
    for widget in widgets:
        widget.setToolTip(widget.toolTip() + "\n" + sentence if widget.toolTip() else sentence)
