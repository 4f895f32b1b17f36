"""Export: the training view's SVG draws points as vectors; the graph's export is its
scene alone, at a chosen scale (issue 9, item 12)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QWheelEvent

from _window import dialogs, window  # noqa: F401 (fixtures)
from gdviz.ui.training.boundary_view import POINT_SIZE
from gdviz.ui.window.exports import GRAPH_PNG_SCALE, graph_rect

SVG = "{http://www.w3.org/2000/svg}"
MATRIX = re.compile(r"matrix\(([^)]*)\)")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def _small_symbols(root, limit):
    """How many <path>s are drawn within ``limit`` × ``limit`` pixels (one per point)."""
    count = 0
    for group in root.iter(f"{SVG}g"):
        match = MATRIX.search(group.get("transform", ""))
        if not match:
            continue
        a, _, _, d = (float(v) for v in match.group(1).split(",")[:4])
        for path in group.findall(f"{SVG}path"):
            numbers = [float(v) for v in NUMBER.findall(path.get("d", ""))]
            xs, ys = numbers[0::2], numbers[1::2]
            if xs and ys:
                w, h = (max(xs) - min(xs)) * abs(a), (max(ys) - min(ys)) * abs(d)
                if 0 < w <= limit and 0 < h <= limit:
                    count += 1
    return count


def test_training_svg_draws_one_small_vector_per_point(window, tmp_path):
    path = tmp_path / "training.svg"
    assert window.export_view("training", str(path))
    root = ET.parse(path).getroot()
    points = len(window.training.dataset())
    images = list(root.iter(f"{SVG}image"))
    # The heatmap and pyqtgraph's cached axes are images; a point never is.
    assert len(images) < 20 < points
    assert not [i for i in images if float(i.get("width")) <= 2 * POINT_SIZE]
    assert _small_symbols(root, 2 * POINT_SIZE) >= points


def _scene_render(view, scale):
    """The graph's scene drawn independently of the export code, for comparison."""
    source = graph_rect(view)
    image = QImage(math.ceil(source.width() * scale), math.ceil(source.height() * scale),
                   QImage.Format_ARGB32_Premultiplied)
    image.fill(view.backgroundBrush().color())
    painter = QPainter(image)
    painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
    view.scene().render(painter, QRectF(0, 0, source.width() * scale, source.height() * scale), source)
    painter.end()
    return image


def test_graph_export_is_the_scene_alone_at_its_scale(window, tmp_path, qtbot):
    panel = window.graph_panel
    view = panel.view
    panel.player.to_end()
    rect = graph_rect(view)
    # Zoomed in, part of the graph is out of view: the picture still has all of it.
    centre = QPointF(view.viewport().rect().center())
    view.wheelEvent(QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(0, 0),
                                QPoint(0, 480), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False))
    assert not view.fits()
    png = tmp_path / "graph.png"
    assert window.export_view("graph", str(png))
    image = QImage(str(png)).convertToFormat(QImage.Format_ARGB32_Premultiplied)
    assert (image.width(), image.height()) == (math.ceil(rect.width() * GRAPH_PNG_SCALE),
                                               math.ceil(rect.height() * GRAPH_PNG_SCALE))
    for node in view.nodes():  # every node, with the text under it, is in the picture
        assert rect.contains(view.node_item(node).sceneBoundingRect())
    # Pixel for pixel the scene: no buttons, no slider, no scroll bars of the panel.
    assert image == _scene_render(view, GRAPH_PNG_SCALE)
    assert image.height() / GRAPH_PNG_SCALE < panel.height() - panel.player.height()


def test_graph_svg_is_vector_at_scene_size(window, tmp_path):
    view = window.graph_panel.view
    path = tmp_path / "graph.svg"
    assert window.export_view("graph", str(path))
    root = ET.parse(path).getroot()
    rect = graph_rect(view)
    box = [float(v) for v in root.get("viewBox").split()]
    assert box[2:] == [math.ceil(rect.width()), math.ceil(rect.height())]
    assert not list(root.iter(f"{SVG}image"))
    texts = {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    assert {"matmul", "softmax", "W", "J"} & texts
