"""The neuron view: the perceptron or MLP drawn as units and weighted edges, live.

Each unit is a small square showing its own output over the input plane (TensorFlow
Playground's best idea), so a learner sees how the first layer's lines combine into the
last layer's curved boundary; each edge is a weight, its width the weight's size and its
colour its sign (blue positive, orange negative: colour-blind safe). Columns run from
the inputs on the left through the hidden layers to the class probabilities on the right.

The heatmaps are computed off the GUI thread by a ``NeuronThread`` (newest request wins);
``set_weights`` only keeps a copy and asks for a picture, at most ``MAX_REFRESH_HZ`` times
a second, so that the GUI's cost per training frame stays well under a millisecond.

Clicking a unit selects it and emits ``unitClicked(layer, unit)``: the window selects the
matching column of the operation graph's nodes (``gdviz.lesson.neurons.unit_nodes``).
Hovering a unit or an edge shows its formula with the current numbers, and the text
follows the weights while the pointer rests.
"""

from __future__ import annotations

import re

import time

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QLabel, QToolTip, QVBoxLayout, QWidget

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.lesson.neurons import edge_formula, layer_title, unit_formula, unit_name
from gdviz.ui.neurons.neuron_canvas import NeuronCanvas
from gdviz.ui.neurons.neuron_items import (
    CAPTION_HEIGHT, UNIT_PX, EdgesItem, UnitItem, column_layout)
from gdviz.ui.neurons.neuron_thread import NeuronRequest, NeuronThread
from gdviz.ui.neurons.unit_colours import neuron_colours
from gdviz.ui.newest_job import stop_with_owner

RESOLUTION = 24  # grid points along each side of a unit's heatmap
MAX_REFRESH_HZ = 20  # pictures computed per second at most while weights stream in
CAPTION_PX = 11
LABEL_PX = 12
EDGE_PICK_PX = 4.0  # how close the pointer must be to an edge, on screen
CLICK_HINT = QT_TRANSLATE_NOOP("NeuronView", "Click: select its column in the graph and the inspector.")


def caption_lines(title: str) -> str:
    """A layer's title on two lines, its detail in brackets under its name: "Hidden 1
    (tanh)" → "Hidden 1\ntanh", and the same with Chinese full-width brackets."""
    return re.sub(r"\s*[(（]([^()（）]*)[)）]\s*$", r"\n\1", title)


class NeuronView(QWidget):
    """Units and weights of the model, each unit a heatmap of its output over the plane.

    Signals:
        unitClicked(int, int): (layer, unit), 0-based; layer 0 is the inputs, the last
            layer the output probabilities.
        pictureShown(): the heatmaps and edges of newer weights are drawn.
    """

    unitClicked = Signal(int, int)
    pictureShown = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("neuronView")
        self.canvas = NeuronCanvas(self)
        self.message = QLabel(objectName="neuronMessage", wordWrap=True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.message)
        layout.addWidget(self.canvas, 1)
        self.config = None
        self.extent = None
        self.sizes = []
        self.units = []  # per layer, the UnitItems
        self.edges = EdgesItem()
        self._texts = []
        self._weights = None  # the newest weights (copies)
        self._ranges = None  # each unit's range over the plane, from the newest picture
        self._pending = False  # newer weights than the last request
        self._awaiting = None  # serial of the request under way
        self._model_serial = 0  # results older than this belong to another architecture
        self._serial = 0
        self._shown_serial = 0
        self._last_request = -1e9
        self._selected = None
        self._hover = None  # ("unit", layer, unit) or ("edge", index)
        self._hover_global = None
        self._hover_text = ""
        self.results_shown = 0  # pictures drawn (tests, benchmarks)
        self._timer = QTimer(self, singleShot=True, timeout=self._send)
        self.thread = NeuronThread(self)
        self.thread.resultReady.connect(self._on_result)
        self.thread.failed.connect(self._on_failed)
        stop_with_owner(self, self.thread.stop, self.shutdown)
        self._apply_palette()

    # **** the model in ****

    def set_model(self, config, weights, extent) -> None:
        """Draw the model of ``config`` with ``weights`` over the plane ``extent``.

        Rebuilds the items (a new architecture); the heatmaps follow from the thread.

        Args:
            config: a ModelConfig (perceptron or MLP).
            weights: [W1, b1, ..., Wk, bk] ([W, b] for the perceptron).
            extent: (xmin, xmax, ymin, ymax), the boundary view's plane.

        Raises:
            ValueError: the weights do not fit the config.
        """
        weights = _copies(weights)
        sizes = config.layer_sizes(len(weights[-1]))
        _check_shapes(weights, sizes)
        self.config, self.extent, self.sizes = config, tuple(float(v) for v in extent), sizes
        self._weights, self._ranges = weights, None
        self._selected, self._hover = None, None
        self._refresh_tooltip()  # hides the old model's formula
        self._build_scene()
        self._model_serial = self._serial + 1
        self._pending = True
        self._send()

    def set_weights(self, weights) -> None:
        """Show new weights of the same model (live while training); cheap and coalesced."""
        if self.config is None:
            return
        weights = _copies(weights)
        if [w.shape for w in weights] != [w.shape for w in self._weights]:
            raise ValueError(f"weights of shapes {[w.shape for w in weights]} do not fit the model shown; "
                             f"call set_model for a new architecture")
        self._weights = weights
        self._pending = True
        self._refresh_tooltip()
        self._schedule()

    def shutdown(self) -> None:
        """Stop the thread (also on close and deletion)."""
        self._timer.stop()
        self.thread.stop()

    def closeEvent(self, event):
        self.shutdown()
        super().closeEvent(event)

    # **** selection and what is shown ****

    def select_unit(self, layer: int, unit: int) -> None:
        """Frame unit ``unit`` of ``layer`` as selected (no signal: the caller knows)."""
        if self._selected is not None:
            self._unit(*self._selected).set_state(selected=False)
        self._selected = (int(layer), int(unit))
        self._unit(layer, unit).set_state(selected=True)

    def clear_selection(self) -> None:
        if self._selected is not None:
            self._unit(*self._selected).set_state(selected=False)
        self._selected = None

    def selected_unit(self):
        """(layer, unit) of the selected unit, or None."""
        return self._selected

    def unit_count(self) -> int:
        return sum(len(layer) for layer in self.units)

    def edge_count(self) -> int:
        return self.edges.edge_count()

    def unit_pos(self, layer: int, unit: int):
        """The unit's centre in the canvas's viewport coordinates (tests and tools)."""
        return self.canvas.mapFromScene(self._unit(layer, unit).sceneBoundingRect().center())

    def edge_pos(self, layer: int, source: int, target: int):
        """A point on the edge into unit ``target`` of ``layer``, in viewport coordinates."""
        a, b = self._unit(layer - 1, source), self._unit(layer, target)
        start = a.mapToScene(QPointF(UNIT_PX, UNIT_PX / 2))
        end = b.mapToScene(QPointF(0, UNIT_PX / 2))
        return self.canvas.mapFromScene(start + 0.5 * (end - start))

    def is_current(self) -> bool:
        """True when the picture shows the newest weights given (nothing asked or under way)."""
        return (self.config is not None and not self._pending and self._awaiting is None
                and self._shown_serial >= self._model_serial)

    def hover_text(self) -> str:
        """The formula shown for what the pointer rests on ("" when none)."""
        return self._hover_text

    def _unit(self, layer, unit) -> UnitItem:
        if not (0 <= layer < len(self.units) and 0 <= unit < len(self.units[layer])):
            raise IndexError(f"no unit {unit} in layer {layer} of a model of layers {self.sizes}")
        return self.units[layer][unit]

    # **** building the scene ****

    def _build_scene(self) -> None:
        scene = self.canvas.scene()
        for item in [*self._texts, *(u for layer in self.units for u in layer)]:
            scene.removeItem(item)
        if self.edges.scene() is None:
            scene.addItem(self.edges)
        corners = column_layout(self.sizes)
        self.units, self._texts = [], []
        for layer, layer_corners in enumerate(corners):
            items = []
            for unit, (x, y) in enumerate(layer_corners):
                item = UnitItem(layer, unit)
                item.setPos(x, y)
                scene.addItem(item)
                items.append(item)
            self.units.append(items)
            title = caption_lines(layer_title(self.config, layer))
            self._add_text(title, CAPTION_PX, layer_corners[0][0] + UNIT_PX / 2, 0.0, centre=True)
        last = len(self.sizes) - 1
        for unit, (x, y) in enumerate(corners[0]):  # the inputs' names on their left
            self._add_text(unit_name(self.config, 0, unit), LABEL_PX, x - 4, y + UNIT_PX / 2, right=True)
        for unit, (x, y) in enumerate(corners[last]):
            self._add_text(unit_name(self.config, last, unit), LABEL_PX, x + UNIT_PX + 4, y + UNIT_PX / 2)
        self.edges.set_layout(corners)
        self._apply_palette()
        self._fit()

    def _add_text(self, text, pixels, x, y, centre=False, right=False):
        """A caption (``centre``: each line centred on x, the last just above the units)
        or a unit's name beside it (``right``: ending at x)."""
        font = QFont(self.font())
        font.setPixelSize(pixels)
        lines = text.split("\n")
        for k, line in enumerate(lines):
            item = QGraphicsSimpleTextItem(line)
            item.setFont(font)
            rect = item.boundingRect()
            if centre:
                bottom = CAPTION_HEIGHT - 4 - (len(lines) - 1 - k) * rect.height()
                item.setPos(x - rect.width() / 2, bottom - rect.height())
            else:
                item.setPos(x - rect.width() if right else x, y - rect.height() / 2)
            self.canvas.scene().addItem(item)
            self._texts.append(item)

    def _fit(self) -> None:
        self.canvas.fit_scene()

    def scale(self) -> float:
        """The canvas's zoom (scene units to pixels)."""
        return self.canvas.scale_factor()

    # **** colours: the view follows the theme's palette ****

    def _apply_palette(self) -> None:
        palette = self.palette()
        base, text = palette.color(QPalette.Base), palette.color(QPalette.Text)
        self.canvas.setBackgroundBrush(QBrush(base))
        self._colours = neuron_colours((base.red(), base.green(), base.blue()))
        self.edges.positive = QColor(*self._colours.positive)
        self.edges.negative = QColor(*self._colours.negative)
        self.edges.accent = palette.color(QPalette.Highlight)
        self.edges.background = base
        for item in self._texts:
            item.setBrush(QBrush(text))
        for layer in self.units:
            for unit in layer:
                unit.frame_colour = palette.color(QPalette.Mid)
                unit.accent = palette.color(QPalette.Highlight)
                unit.update()
        self.edges.update()

    def changeEvent(self, event):
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange, QEvent.StyleChange):
            self._apply_palette()
            if self.config is not None:  # the heatmaps' zero is the background colour
                self._pending = True
                self._schedule()
        super().changeEvent(event)

    # **** pictures from the thread ****

    def _schedule(self) -> None:
        """Ask for a picture of the newest weights: now, or when the last one is in and
        1/MAX_REFRESH_HZ has passed since it was asked for."""
        if not self._pending or self._awaiting is not None or self._timer.isActive():
            return
        wait = 1.0 / MAX_REFRESH_HZ - (time.monotonic() - self._last_request)
        if wait > 0:
            self._timer.start(int(wait * 1000) + 1)
        else:
            self._send()

    def _send(self) -> None:
        if not self._pending or self.config is None:
            return
        self._serial += 1
        self._pending = False
        self._awaiting = self._serial
        self._last_request = time.monotonic()
        self.thread.request(NeuronRequest(self._serial, self.config, tuple(self._weights), self.extent,
                                          RESOLUTION, self._colours))

    def _on_result(self, result) -> None:
        if result.serial == self._awaiting:
            self._awaiting = None
        if result.serial >= self._model_serial and result.serial > self._shown_serial:
            self._shown_serial = result.serial
            for layer, images in zip(self.units, result.images):
                for item, rgba in zip(layer, images):
                    item.set_image(rgba)
            self.edges.set_weights(result.weights[0::2], result.strengths)
            self._ranges = result.ranges
            self.message.hide()
            self.results_shown += 1
            self._refresh_tooltip()
            self.pictureShown.emit()
        self._schedule()

    def _on_failed(self, serial, text) -> None:
        if serial == self._awaiting:
            self._awaiting = None
        self.message.setText(self.tr("The neuron picture could not be computed:\n{reason}").format(
            reason=text.strip().splitlines()[-1]))
        self.message.show()
        self._schedule()

    # **** the mouse ****

    def _target_at(self, scene_pos):
        if scene_pos is None or self.config is None:
            return None
        for layer in self.units:
            for item in layer:
                if item.sceneBoundingRect().contains(scene_pos):
                    return ("unit", item.layer, item.unit)
        index = self.edges.edge_at(scene_pos, EDGE_PICK_PX / max(self.scale(), 1e-6))
        return None if index is None else ("edge", index)

    def click_at(self, scene_pos) -> bool:
        """A left click at ``scene_pos``: on a unit, select it and emit unitClicked (True)."""
        target = self._target_at(scene_pos)
        if target is None or target[0] != "unit":
            return False
        self.select_unit(target[1], target[2])
        self.unitClicked.emit(target[1], target[2])
        return True

    def hover_at(self, scene_pos, global_pos) -> None:
        """The pointer at ``scene_pos`` (None: it left): highlight and explain what is under it."""
        target = self._target_at(scene_pos)
        if target != self._hover:
            self._set_hover_state(self._hover, False)
            self._set_hover_state(target, True)
            self._hover = target
        self._hover_global = global_pos
        self._refresh_tooltip(force=True)

    def _set_hover_state(self, target, on: bool) -> None:
        if target is None:
            return
        if target[0] == "unit":
            self._unit(target[1], target[2]).set_state(hovered=on)
        else:
            self.edges.set_hovered(target[1] if on else None)

    def _formula(self, target) -> str:
        if target[0] == "unit":
            _, layer, unit = target
            return (unit_formula(self.config, self._weights, layer, unit, self.extent, self._ranges)
                    + "\n" + translate("NeuronView", CLICK_HINT))
        layer, source, unit = self.edges.key(target[1])
        return edge_formula(self.config, self._weights, layer, source, unit, self.extent, self._ranges)

    def _refresh_tooltip(self, force: bool = False) -> None:
        """Show the hovered thing's formula with the newest numbers (hide it off any)."""
        if self._hover is None:
            if self._hover_text:
                QToolTip.hideText()
            self._hover_text = ""
            return
        text = self._formula(self._hover)
        if (text != self._hover_text or force) and self._hover_global is not None:
            QToolTip.showText(self._hover_global, text, self.canvas.viewport())
        self._hover_text = text


def _copies(weights) -> list:
    return [np.array(w, dtype=float) for w in weights]


def _check_shapes(weights, sizes) -> None:
    expected = [s for a, b in zip(sizes[:-1], sizes[1:]) for s in ((a, b), (b,))]
    shapes = [w.shape for w in weights]
    if shapes != expected:
        raise ValueError(f"weights of shapes {shapes} do not fit layers {sizes}, which need {expected}")
