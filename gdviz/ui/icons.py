"""QIcons from the SVG files in resources/, drawn in the current theme's text colour.

The toolbar SVGs draw in ``currentColor``; ``icon`` substitutes the palette's text colour
(and its disabled colour for the greyed-out state) before rendering, so the same files serve
the light and the dark theme. Icons are rendered once per colour and cached: after a theme
change, call ``icon`` again (``ThemeManager.themeChanged`` says when).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from gdviz.resources import ICON_NAMES, app_icon_path, icon_path

SIZES = (16, 20, 24, 32, 48, 64, 96, 128)  # up to 4x of a 32 px toolbar, for HiDPI screens


def render_svg(svg: bytes, size: int) -> QPixmap:
    """The SVG drawn into a transparent ``size`` x ``size`` pixmap.

    Raises:
        ValueError: the bytes are not an SVG that Qt can draw.
    """
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("not a valid SVG")
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


@lru_cache(maxsize=None)
def _coloured_icon(name: str, normal: str, disabled: str) -> QIcon:
    svg = icon_path(name).read_bytes()
    result = QIcon()
    for mode, colour in ((QIcon.Normal, normal), (QIcon.Disabled, disabled)):
        coloured = svg.replace(b"currentColor", colour.encode())
        for size in SIZES:
            result.addPixmap(render_svg(coloured, size), mode, QIcon.Off)
    return result


def icon(name: str, colour: QColor | str | None = None) -> QIcon:
    """The toolbar icon ``name`` (one of ``resources.ICON_NAMES``).

    Args:
        name: e.g. ``"play"``, ``"backprop"``.
        colour: its strokes' colour; by default the application palette's window text.
            The disabled state always uses the palette's disabled text colour.

    Raises:
        FileNotFoundError: no such icon (the message lists the known ones).
    """
    if name not in ICON_NAMES:
        raise FileNotFoundError(f"no icon {name!r}; known: {', '.join(ICON_NAMES)}")
    palette = QGuiApplication.palette()
    normal = QColor(colour) if colour is not None else palette.color(QPalette.Active, QPalette.WindowText)
    disabled = palette.color(QPalette.Disabled, QPalette.WindowText)
    # Opaque #rrggbb: SVG and Qt disagree on what 8-digit hex colours mean.
    return _coloured_icon(name, normal.name(QColor.HexRgb), disabled.name(QColor.HexRgb))


@lru_cache(maxsize=1)
def app_icon() -> QIcon:
    """The application's icon, for ``QApplication.setWindowIcon``."""
    svg = app_icon_path().read_bytes()
    result = QIcon()
    for size in SIZES + (256,):
        result.addPixmap(render_svg(svg, size))
    return result
