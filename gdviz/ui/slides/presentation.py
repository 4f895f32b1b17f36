"""Presentation mode (F5): one view full screen, readable from the back of a room.

The view itself goes on stage, not a copy: the graph panel (graph and player) or the
training panel (boundary and curves) is taken out of its place in the window (a dock,
a splitter or a layout; an empty placeholder keeps its spot) and put in a frameless
full-screen window of its own, so that it keeps training and playing as it did. On the
stage:

- the base font is ``FONT_FACTOR`` times larger (every widget that does not set its own
  font inherits it; the plots' tick labels are set to it);
- lines are ``PEN_FACTOR`` times thicker: the decision boundary, the loss and accuracy
  curves, the graph's edges and node outlines (again after each player step, which sets
  the pens of the nodes and edges it changes);
- the graph is zoomed so that its smallest text is at least ``GRAPH_TEXT_PX`` pixels.

Esc or F5 leaves: the view goes back to its very place (the dock, the splitter's
sizes, the layout's slot), with its pens, tick fonts and zoom as they were.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPen, QShortcut
from PySide6.QtWidgets import QApplication, QDockWidget, QSplitter, QVBoxLayout, QWidget

from gdviz.ui.graph.graph_items import EDGE_STATE_PENS, NODE_STATE_PENS, SMALL_PX

FONT_FACTOR = 1.8
PEN_FACTOR = 2.5
GRAPH_TEXT_PX = 22.0  # the graph's smallest text on stage, in screen pixels
PRESENTED_VIEWS = ("graph", "training")


def scaled_font(font: QFont, factor: float) -> QFont:
    """``font``, ``factor`` times larger (in points or in pixels, as it is given)."""
    font = QFont(font)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(round(font.pixelSize() * factor))
    return font


class Stage(QWidget):
    """The frameless full-screen window a view is presented in; closing it leaves."""

    def __init__(self, presentation, parent):
        super().__init__(parent, Qt.Window | Qt.FramelessWindowHint)
        self.setObjectName("presentationStage")
        self.presentation = presentation
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def closeEvent(self, event):
        if self.presentation.is_active:
            self.presentation.leave()
        super().closeEvent(event)


def _take_out(widget):
    """Take ``widget`` out of its place, leaving a placeholder there.

    Returns:
        A function that puts it back exactly there (and drops the placeholder).
    """
    parent = widget.parentWidget()
    placeholder = QWidget(objectName="presentationPlaceholder")
    if isinstance(parent, QDockWidget) and parent.widget() is widget:
        parent.setWidget(placeholder)

        def put_back():
            parent.setWidget(widget)
    elif isinstance(parent, QSplitter):
        index, sizes = parent.indexOf(widget), parent.sizes()
        parent.replaceWidget(index, placeholder)

        def put_back():
            parent.replaceWidget(index, widget)
            parent.setSizes(sizes)
    elif parent is not None and parent.layout() is not None and parent.layout().indexOf(widget) >= 0:
        layout = parent.layout()
        layout.replaceWidget(widget, placeholder)

        def put_back():
            layout.replaceWidget(placeholder, widget)
    else:
        raise ValueError(f"{widget.objectName() or widget!r} is in no dock, splitter or layout: "
                         "it cannot be put on stage and back")

    def restore():
        put_back()
        widget.show()
        placeholder.hide()
        placeholder.deleteLater()
    return restore


# **** thicker lines and larger text, view by view ****


def _thicker(pen, factor: float) -> QPen:
    pen = QPen(pen)
    pen.setWidthF(max(pen.widthF(), 1.0) * factor)
    return pen


def set_graph_pens(graph_view, factor: float) -> None:
    """Every node outline and edge of ``graph_view`` ``factor`` times its state's width."""
    for node in graph_view.nodes():
        item = graph_view.node_item(node)
        colour, width, style = NODE_STATE_PENS[item.state]
        item.setPen(QPen(QColor(colour), width * factor, style))
    for key in graph_view.edges():
        edge = graph_view.edge_item(*key)
        colour, width = EDGE_STATE_PENS[edge.state]
        edge.setPen(QPen(QColor(colour), width * factor))


def graph_text_px(graph_view) -> float:
    """How tall the graph's smallest text is on screen now, in pixels."""
    return SMALL_PX * graph_view.transform().m11()


class _TrainingLook:
    """The training views' pens and tick fonts, made large and put back."""

    def __init__(self, panel):
        boundary, curves = panel.boundary_view, panel.curves_view
        self.segments = [boundary.boundary]
        self.trail_pens = boundary._trail_pens  # the trail's pens move between its curves
        self.curves = list(curves.curves())
        self.axes = [plot.getAxis(name) for plot in (boundary.getPlotItem(), curves.loss_plot,
                                                     curves.accuracy_plot)
                     for name in ("left", "bottom")]
        self._saved = None

    def apply(self, font: QFont) -> None:
        self._saved = ([QPen(s._pen) for s in self.segments], [p.widthF() for p in self.trail_pens],
                       [QPen(c.opts["pen"]) for c in self.curves],
                       [axis.style.get("tickFont") for axis in self.axes])
        for segments in self.segments:
            segments.setPen(_thicker(segments._pen, PEN_FACTOR))
        for pen in self.trail_pens:
            pen.setWidthF(max(pen.widthF(), 1.0) * PEN_FACTOR)
        for curve in self.curves:
            curve.setPen(_thicker(curve.opts["pen"], PEN_FACTOR))
        for axis in self.axes:
            axis.setStyle(tickFont=font)

    def restore(self) -> None:
        segment_pens, trail_widths, curve_pens, tick_fonts = self._saved
        for segments, pen in zip(self.segments, segment_pens):
            segments.setPen(pen)
        for pen, width in zip(self.trail_pens, trail_widths):
            pen.setWidthF(width)
        for curve, pen in zip(self.curves, curve_pens):
            curve.setPen(pen)
        for axis, tick_font in zip(self.axes, tick_fonts):
            axis.setStyle(tickFont=tick_font)
            axis.picture = None  # tick labels measured again in the window's font
            axis.update()


# **** the controller ****


class Presentation(QObject):
    """Presentation mode for ``window`` (a MainWindow: ``graph_panel``, ``training``).

    Adds ``action`` (View → Presentation, F5) to the window; F5 or Esc on the stage leaves.

    Args:
        window: the main window.
        size: a QSize to present in a window of that size instead of full screen (a
            rehearsal at 1280×720; tests).

    Signals:
        entered(str): the view's name, once on stage. left(): back in the window.
    """

    entered = Signal(str)
    left = Signal()

    def __init__(self, window, size: QSize | None = None):
        super().__init__(window)
        self.window = window
        self.size = size
        self.view_name = None  # what is on stage
        self.stage = None
        self._put_back = None  # puts the view back in its place in the window
        self._restore = []  # then these undo the rest, last first
        self.action = QAction(self.tr("Presentation"), window, objectName="presentationAction",
                              checkable=True)
        self.action.setShortcut(QKeySequence(Qt.Key_F5))
        self.action.setShortcutContext(Qt.WindowShortcut)
        self.action.setStatusTip(self.tr("Show the graph (or the training view, if it has the focus) "
                                         "full screen with large text and thick lines; Esc or F5 "
                                         "leaves (F5)"))
        self.action.triggered.connect(lambda: self.toggle())
        window.addAction(self.action)

    @property
    def is_active(self) -> bool:
        return self.view_name is not None

    def views(self) -> dict:
        """name -> the widget presented."""
        return {"graph": self.window.graph_panel, "training": self.window.training}

    def chosen_view(self) -> str:
        """The view with the keyboard focus ("training" or "graph"); the graph otherwise."""
        focus = QApplication.focusWidget()
        training = self.window.training
        return "training" if focus is not None and (focus is training or training.isAncestorOf(focus)) \
            else "graph"

    def toggle(self, name: str | None = None) -> None:
        """Enter presentation mode (``name`` or the chosen view), or leave it."""
        if self.is_active:
            self.leave()
        else:
            self.enter(name)

    def enter(self, name: str | None = None) -> None:
        """Put the view ``name`` ("graph" or "training"; default: ``chosen_view``) on stage."""
        if self.is_active:
            self.leave()
        name = name or self.chosen_view()
        if name not in PRESENTED_VIEWS:
            raise ValueError(f"no view named {name!r} to present: choose one of {', '.join(PRESENTED_VIEWS)}")
        widget = self.views()[name]
        self._put_back = _take_out(widget)
        self._restore = []
        self.stage = stage = Stage(self, self.window)
        font = scaled_font(self.window.font(), FONT_FACTOR)
        stage.setFont(font)
        # Under a theme's style sheet, fonts set on a parent do not reach styled children:
        # the stage's own sheet gives every widget on it the large font all the same.
        size = (f"{font.pointSizeF():.1f}pt" if font.pointSizeF() > 0 else f"{font.pixelSize()}px")
        stage.setStyleSheet(f"QWidget {{ font-size: {size}; }}")
        stage.layout().addWidget(widget)
        widget.show()
        for key in (Qt.Key_Escape, Qt.Key_F5):
            QShortcut(QKeySequence(key), stage, self.leave, context=Qt.WindowShortcut)
        QShortcut(QKeySequence(Qt.Key_Space), stage, self.window.toggle_training, context=Qt.WindowShortcut)
        self.view_name = name
        if name == "training":
            look = _TrainingLook(widget)
            look.apply(font)
            self._restore.append(look.restore)
        if self.size is not None:
            stage.resize(self.size)
            stage.show()
        else:
            stage.showFullScreen()
        stage.activateWindow()
        stage.layout().activate()
        QApplication.processEvents()  # the stage has its size: the graph fits in it
        if name == "graph":
            self._present_graph(widget.view, widget.player)
        self.action.setChecked(True)
        self.entered.emit(name)

    def _present_graph(self, view, player) -> None:
        transform, fit_mode = view.transform(), view._fit_mode
        scroll = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        explanation = player.explanation_scroll
        explanation_height = explanation.minimumHeight()  # room for its lines, in the larger font
        explanation.setMinimumHeight(round(explanation_height * FONT_FACTOR))
        view.fit()
        self._zoom_graph()

        def thick(*_):
            set_graph_pens(view, PEN_FACTOR)
        thick()
        player.positionChanged.connect(thick)
        player.modeChanged.connect(thick)

        def restore():
            player.positionChanged.disconnect(thick)
            player.modeChanged.disconnect(thick)
            set_graph_pens(view, 1.0)
            explanation.setMinimumHeight(explanation_height)
            if fit_mode == "fit":  # it fitted itself to the window: it does so again
                view.fit()
            else:  # the user's zoom and scroll
                view._fit_mode = fit_mode
                view.setTransform(transform)
                view.horizontalScrollBar().setValue(scroll[0])
                view.verticalScrollBar().setValue(scroll[1])
        self._restore.append(restore)

    def _zoom_graph(self) -> None:
        """Zoom the graph on stage in until its smallest text is GRAPH_TEXT_PX high,
        keeping the player's node in view."""
        if self.view_name != "graph":
            return
        panel = self.window.graph_panel
        if graph_text_px(panel.view) < GRAPH_TEXT_PX - 0.01:
            # As the user's wheel does: a zoom the view keeps (it stops fitting itself
            # on each resize, which would undo it while the stage's layout settles).
            panel.view._fit_mode = None
            panel.view.zoom(GRAPH_TEXT_PX / graph_text_px(panel.view))
            step = panel.player.current_step()
            if step is not None:
                panel.view.follow(step.node)

    def leave(self) -> None:
        """Put the view back exactly where it was, as it was; close the stage."""
        if not self.is_active:
            return
        self.view_name = None
        stage, self.stage = self.stage, None
        self._put_back()
        stage.hide()
        QApplication.processEvents()  # the view has its size in the window again
        for restore in reversed(self._restore):
            restore()
        self._put_back, self._restore = None, []
        stage.deleteLater()
        self.action.setChecked(False)
        self.window.activateWindow()
        self.left.emit()
