"""Where the main window's parts go: the graph in the centre, the controls in a strip
above it, the training views and the inspector in a column on the right, the status bar.

Laid out for 1280×800 and up: the controls strip is three rows high and fits the
graph's width at 1280 pixels without a scroll bar, so that the graph keeps the height.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.lesson.trace_text import format_number

DEFAULT_SIZE = QSize(1500, 900)
RIGHT_COLUMN_WIDTH = 380  # the decision boundary and the inspector
COMPACT_COLUMN_WIDTH = 420  # on a short screen: one tab group of six, named in full
FIRST_RUN_HINT = QT_TRANSLATE_NOOP(
    "WindowLayout",
    "<b>Start here:</b> press <b>Next ▶</b> under the graph (key: <b>.</b>) to walk through "
    "backpropagation from the loss J back to W and b. "
    "Then press <b>Play training</b> (Space) in the toolbar to train.")


def screen_room() -> QSize | None:
    """The room on the primary screen; None offscreen (tests, screenshots), which has no
    real screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.platformName() == "offscreen":
        return None
    return screen.availableGeometry().size()


def place_on_screen(window) -> None:
    """``DEFAULT_SIZE``, or maximised on a screen with less room (a 1280×800 laptop:
    the window and its title bar must not spill off the screen). On a screen shorter than
    the default size, the right column is compact (``build_docks``)."""
    window.resize(DEFAULT_SIZE)
    room = screen_room()
    window.compact = room is not None and room.height() < DEFAULT_SIZE.height()
    if room is not None and (room.width() < DEFAULT_SIZE.width() or window.compact):
        window.setWindowState(window.windowState() | Qt.WindowMaximized)


def build_central(window) -> None:
    """The first-run hint over the graph panel."""
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    window.hint = QWidget()
    window.hint.setObjectName("firstRunHint")
    hint_layout = QHBoxLayout(window.hint)
    hint_layout.setContentsMargins(10, 6, 10, 6)
    hint_text = QLabel(translate("WindowLayout", FIRST_RUN_HINT))
    hint_text.setWordWrap(True)
    hint_layout.addWidget(hint_text, 1)
    hide = QPushButton(translate("WindowLayout", "Got it"))
    hide.setObjectName("hideHintButton")
    hide.setToolTip(translate("WindowLayout", "Hide this hint (Help → How to read this screen has more)"))
    hide.clicked.connect(window.hide_hint)
    hint_layout.addWidget(hide)
    window.hint.setStyleSheet("#firstRunHint { background: #fff3bf; border-bottom: 1px solid #f08c00; }"
                              "#firstRunHint QLabel { color: #1f2329; }")
    layout.addWidget(window.hint)
    layout.addWidget(window.graph_panel, 1)
    window.setCentralWidget(central)


def _dock(window, name, title, widget, area) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(f"{name}Dock")
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    window.docks[name] = dock
    return dock


def build_docks(window) -> None:
    """The controls, training and inspector docks, in ``window.docks``."""
    window.docks = {}
    # The graph is wide (one column per op): it gets the window's full width but for
    # one column of docks on the right. The controls are a strip above it, the
    # training views and the inspector share the right column.
    window.setCorner(Qt.TopRightCorner, Qt.RightDockWidgetArea)
    window.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
    # A scroll area only for a side dock shorter than the controls; the strip fits.
    window.controls_scroll = QScrollArea()
    window.controls_scroll.setObjectName("controlsScroll")
    window.controls_scroll.setWidgetResizable(True)
    window.controls_scroll.setWidget(window.controls)
    controls = _dock(window, "controls", translate("WindowLayout", "Controls"), window.controls_scroll,
                     Qt.TopDockWidgetArea)
    controls.dockLocationChanged.connect(lambda area: controls_moved(window, area))
    controls_moved(window, Qt.TopDockWidgetArea)
    _dock(window, "training", translate("WindowLayout", "Training"), window.training, Qt.RightDockWidgetArea)
    # The inspector gets its own dock so it can sit wherever the user likes.
    _dock(window, "inspector", translate("WindowLayout", "Inspector"), window.graph_panel.inspector,
          Qt.RightDockWidgetArea)
    if getattr(window, "compact", False):
        # A short screen (800 pixels): stacked, the inspector would leave the decision
        # boundary a strip 75 pixels high. It becomes a tab beside the training views
        # instead, and comes to the front when a node of the graph is clicked.
        window.tabifyDockWidget(window.docks["training"], window.docks["inspector"])
        window.graph_panel.view.nodeSelected.connect(
            lambda node: window.docks["inspector"].raise_() if node is not None else None)
    else:
        window.resizeDocks([window.docks["training"], window.docks["inspector"]], [640, 220], Qt.Vertical)
    window.resizeDocks([window.docks["training"]], [RIGHT_COLUMN_WIDTH], Qt.Horizontal)


def show_training_first(window) -> None:
    """The training views in front of their tab group (the docks tabbed with them later,
    landscape, race, neurons and, when compact, the inspector and code, stay behind).
    Compact, the group's tabs keep their whole names and scroll rather than shrink to
    "Trai…", "Insp…"."""
    window.docks["training"].raise_()
    if getattr(window, "compact", False):
        window.resizeDocks([window.docks["training"]], [COMPACT_COLUMN_WIDTH], Qt.Horizontal)
        for bar in window.findChildren(QTabBar):
            if bar.parent() is window:  # the dock areas' tab bars, not a view's own tabs
                bar.setElideMode(Qt.ElideNone)
                bar.setUsesScrollButtons(True)


def build_timeline(window):
    """The training timeline, a bar docked under the graph (``window.docks["timeline"]``)."""
    from gdviz.ui.window.timeline import Timeline

    timeline = Timeline(window)
    _dock(window, "timeline", translate("WindowLayout", "Timeline"), timeline, Qt.BottomDockWidgetArea)
    return timeline


def controls_moved(window, area) -> None:
    """Lay the controls out along the dock area they were put in."""
    dock, scroll, controls = window.docks["controls"], window.controls_scroll, window.controls
    features = dock.features() & ~QDockWidget.DockWidgetVerticalTitleBar
    if area in (Qt.TopDockWidgetArea, Qt.BottomDockWidgetArea):
        controls.set_orientation(Qt.Horizontal)
        # The title bar on the strip's left edge: the strip stays as low as its groups.
        dock.setFeatures(features | QDockWidget.DockWidgetVerticalTitleBar)
        scroll.setMinimumWidth(0)
        scroll.setMinimumHeight(controls.sizeHint().height() + 4)
    else:
        controls.set_orientation(Qt.Vertical)
        dock.setFeatures(features)
        scroll.setMinimumHeight(0)
        scroll.setMinimumWidth(controls.sizeHint().width() + 20)


def build_status_bar(window) -> None:
    """Step, loss, accuracy and speed on the right (``window.status_labels``); the latest
    warning on the left (``window.warning_label``)."""
    bar = window.statusBar()
    window.status_labels = {}
    for name, tip in (("step", translate("WindowLayout", "Training steps taken")),
                      ("loss", translate("WindowLayout", "The loss J at the latest step")),
                      ("accuracy", translate("WindowLayout", "Share of training points classified right")),
                      ("rate", translate("WindowLayout", "Training steps per second"))):
        label = QLabel()
        label.setObjectName(f"{name}Status")
        label.setToolTip(tip)
        bar.addPermanentWidget(label)
        window.status_labels[name] = label
    window.warning_label = QLabel()
    window.warning_label.setObjectName("warningStatus")
    window.warning_label.setStyleSheet("color: #c92a2a; font-weight: bold;")
    window.warning_label.setToolTip(translate("WindowLayout", "The latest warning"))
    bar.addWidget(window.warning_label, 1)


def show_status(window, step=None, loss=None, accuracy=None, rate=None) -> None:
    """The latest figures in ``window``'s status bar ("–" where not known)."""
    labels = window.status_labels
    labels["step"].setText(translate("WindowLayout", "Step {step}").format(step=step) if step is not None
                           else translate("WindowLayout", "Step –"))
    labels["loss"].setText(translate("WindowLayout", "Loss J {loss}").format(loss=format_number(loss))
                           if loss is not None and np.isfinite(loss) else translate("WindowLayout", "Loss J –"))
    labels["accuracy"].setText(translate("WindowLayout", "Accuracy {accuracy:.0%}").format(accuracy=accuracy)
                               if accuracy is not None else translate("WindowLayout", "Accuracy –"))
    labels["rate"].setText(translate("WindowLayout", "{rate:,.0f} steps/s").format(rate=rate) if rate
                           else translate("WindowLayout", "0 steps/s"))
