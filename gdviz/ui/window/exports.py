"""Pictures of the views, as PNG or SVG (File → Export View).

Two kinds of picture:

- a widget as it is on screen (``export_widget``): the whole window, the training
  views, the controls;
- the computational graph alone (``export_graph``): its QGraphicsScene rendered at a
  chosen scale, without the player's buttons, the scroll bars or the part of the graph
  scrolled out of view.

Scatter points in SVG: pyqtgraph's ScatterPlotItem draws its points as fragments of one
pre-rendered atlas image (``QPainter.drawPixmapFragments``). Qt's SVG engine has no
fragments: it embeds the whole atlas, squashed, once per point. While an SVG is written
the scatter items are put in pyqtgraph's export mode, in which they draw each symbol as
a vector path.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from pathlib import Path

import pyqtgraph as pg

from gdviz.i18n import translate
from gdviz.ui.training.points_item import PointsItem
from PySide6.QtCore import QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

GRAPH_PNG_SCALE = 2.0  # the graph's PNG at twice its scene size: sharp when printed or zoomed
GRAPH_MARGIN = 12.0  # around everything drawn in the graph's scene


def _is_svg(path) -> bool:
    return Path(path).suffix.lower() == ".svg"


def _svg_generator(path, size: QSize, title: str) -> QSvgGenerator:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRect(QPoint(0, 0), size))
    generator.setTitle(title)
    return generator


def not_written(path) -> str:
    """The message of a picture that could not be written (the window shows it)."""
    return translate("Exports", "could not write {path} (is the folder writable?)").format(path=path)


def _check_written(path) -> None:
    if not Path(path).exists():
        raise OSError(not_written(path))


@contextmanager
def vector_symbols(widget):
    """While inside, every pyqtgraph scatter item in ``widget`` draws its points as
    vector paths (pyqtgraph's export mode) instead of from its atlas image."""
    kinds = (pg.ScatterPlotItem, PointsItem)
    items = [item for view in widget.findChildren(pg.GraphicsView) for item in view.items()
             if isinstance(item, kinds)]
    if isinstance(widget, pg.GraphicsView):
        items += [item for item in widget.items() if isinstance(item, kinds)]
    for item in items:
        item.setExportMode(True, {"antialias": True})
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)


def export_widget(widget, path) -> None:
    """Save a picture of ``widget`` as it is on screen: SVG when ``path`` ends in .svg,
    PNG otherwise.

    Raises:
        OSError: the picture could not be written.
    """
    if _is_svg(path):
        generator = _svg_generator(path, widget.size(), f"gdviz: {widget.objectName()}")
        with vector_symbols(widget):
            painter = QPainter(generator)
            try:
                widget.render(painter, QPoint())
            finally:
                painter.end()
        _check_written(path)
    elif not widget.grab().save(str(path), "PNG"):
        raise OSError(not_written(path))


def graph_rect(view) -> QRectF:
    """The part of the graph's scene a picture shows: everything drawn, with a margin
    (hidden items, such as the pulse's dots between steps, do not count)."""
    rect = QRectF()
    for item in view.scene().items():
        if item.isVisible():
            rect = rect.united(item.sceneBoundingRect())
    return rect.adjusted(-GRAPH_MARGIN, -GRAPH_MARGIN, GRAPH_MARGIN, GRAPH_MARGIN)


def render_graph(view, scale: float = GRAPH_PNG_SCALE) -> QImage:
    """The graph's scene alone, drawn at ``scale`` on the view's background.

    Returns:
        An image ``ceil(graph_rect(view).size() * scale)`` pixels large.
    """
    source = graph_rect(view)
    size = QSize(math.ceil(source.width() * scale), math.ceil(source.height() * scale))
    image = QImage(size, QImage.Format_ARGB32_Premultiplied)
    image.fill(view.backgroundBrush().color())
    painter = QPainter(image)
    try:
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        view.scene().render(painter, QRectF(0, 0, source.width() * scale, source.height() * scale),
                            source)
    finally:
        painter.end()
    return image


def export_graph(view, path, scale: float = GRAPH_PNG_SCALE) -> None:
    """Save the computational graph alone (its scene, not the panel around it).

    Args:
        view: the GraphView.
        path: .svg for a drawing at scene size (units are scene units), else a PNG.
        scale: pixels per scene unit of the PNG.

    Raises:
        OSError: the picture could not be written.
    """
    if not _is_svg(path):
        if not render_graph(view, scale).save(str(path), "PNG"):
            raise OSError(not_written(path))
        return
    source = graph_rect(view)
    size = QSize(math.ceil(source.width()), math.ceil(source.height()))
    generator = _svg_generator(path, size, "gdviz: computational graph")  # alive while painted on
    painter = QPainter(generator)
    try:
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), view.backgroundBrush())
        view.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()
    _check_written(path)
