"""The computational graph alone, for a slide: PNG or SVG at a chosen scale.

The picture is the GraphView's scene (nodes, edges, their labels and badges), not the
widget: no player controls, no scroll bars, and all of the graph even where it is
scrolled out of view. What part of the scene is drawn and how is gdviz.ui.window.exports'
(``graph_rect``, ``render_graph``), the same as File → Export View → Graph; here the
scale is the caller's, for the PNG and for the SVG alike.

SVG: Qt's QSvgGenerator (QtSvg, part of PySide6-Essentials) records the painter's calls,
so every node's name and every number is SVG text, searchable and editable on a slide.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from gdviz.i18n import translate
from gdviz.ui.window.exports import graph_rect, render_graph

MIN_SCALE = 0.25
MAX_SCALE = 8.0  # a 1,000-unit-wide graph at 8×: 8,000 pixels, still a picture
SCALES = (1.0, 1.5, 2.0, 3.0, 4.0)  # what a dialog offers


def graph_size(graph_view, scale: float = 1.0) -> QSize:
    """The size in pixels of the graph's picture at ``scale``."""
    source = graph_rect(graph_view)
    return QSize(math.ceil(source.width() * scale), math.ceil(source.height() * scale))


def _check_scale(scale) -> float:
    scale = float(scale)
    if not (math.isfinite(scale) and MIN_SCALE <= scale <= MAX_SCALE):
        raise ValueError(translate("GraphExport", "scale {scale:g}: give {low:g} to {high:g}")
                         .format(scale=scale, low=MIN_SCALE, high=MAX_SCALE))
    return scale


def _write_svg(graph_view, path: Path, scale: float) -> None:
    source = graph_rect(graph_view)
    size = graph_size(graph_view, scale)
    generator = QSvgGenerator()  # alive while painted on
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRect(QPoint(0, 0), size))
    generator.setTitle(translate("GraphExport", "gdviz: computational graph"))
    target = QRectF(0, 0, source.width() * scale, source.height() * scale)
    painter = QPainter(generator)
    try:
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        painter.fillRect(target, graph_view.backgroundBrush())
        graph_view.scene().render(painter, target, source)
    finally:
        painter.end()


def export_graph_view(graph_view, path, scale: float = 2.0) -> Path:
    """Save the graph view's scene alone, ``scale`` pixels per scene unit.

    Args:
        graph_view: the GraphView (``window.graph_panel.view``).
        path: ends in .svg for a drawing, .png for a picture.
        scale: MIN_SCALE to MAX_SCALE; 1 is the graph at zoom 1 (its text at its own
            size), 2 twice as wide and high.

    Returns:
        The path written.

    Raises:
        ValueError: a scale out of range, a path that is neither .png nor .svg, an empty graph.
        OSError: the file could not be written (the message names it).
    """
    path = Path(path).expanduser()
    scale = _check_scale(scale)
    kind = path.suffix.lower()
    names = {"path": repr(str(path)), "folder": repr(str(path.parent))}
    if kind not in (".png", ".svg"):
        raise ValueError(translate("GraphExport", "{path}: the graph is saved as .png or .svg")
                         .format(**names))
    if not graph_view.nodes():
        raise ValueError(translate("GraphExport", "the graph view is empty: there is no graph to export"))
    if not path.parent.is_dir():
        raise OSError(translate("GraphExport", "could not write {path}: the folder {folder} does not "
                                               "exist").format(**names))
    if kind == ".png":
        written = render_graph(graph_view, scale).save(str(path), "PNG")
    else:
        _write_svg(graph_view, path, scale)
        written = path.exists()
    if not written:
        raise OSError(translate("GraphExport", "could not write {path} (is the folder writable?)")
                      .format(**names))
    return path
