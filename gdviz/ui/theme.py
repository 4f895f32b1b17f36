"""Light and dark themes: a Fusion palette for the widgets plus a stylesheet for the chrome.

``system`` follows the desktop's colour scheme (``QStyleHints.colorScheme()``, Qt 6.5+) and
keeps following it while the app runs when applied through a ``ThemeManager``. Where the
platform does not say (offscreen, older desktops), ``system`` means light.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gdviz.resources import theme_path

THEME_CHOICES = ("light", "dark", "system")

# Roles shared by the palette, the .qss files (same hex values) and the plots.
LIGHT = {
    "window": "#f5f6f8", "base": "#ffffff", "alternate_base": "#eef0f3", "button": "#eceef1",
    "text": "#1f2329", "muted": "#5f6670", "border": "#c9ced6", "accent": "#2a7ab0",
    "accent_text": "#ffffff", "link": "#1d6fa5", "disabled_text": "#a0a6ad",
    "plot_background": "#ffffff", "plot_foreground": "#3a3f46",
}
DARK = {
    "window": "#1f2329", "base": "#16191d", "alternate_base": "#252a31", "button": "#2b3038",
    "text": "#e3e6ea", "muted": "#9aa3ad", "border": "#3a414b", "accent": "#5aa9df",
    "accent_text": "#0f1215", "link": "#7cc0ef", "disabled_text": "#6b727c",
    "plot_background": "#16191d", "plot_foreground": "#c9ced6",
}
COLOURS = {"light": LIGHT, "dark": DARK}


def system_theme(app: QApplication | None = None) -> str:
    """``"dark"`` when the desktop asks for a dark scheme, otherwise ``"light"``."""
    app = app or QApplication.instance()
    hints = app.styleHints() if app is not None else None
    scheme = hints.colorScheme() if hints is not None and hasattr(hints, "colorScheme") else None
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def resolve_theme(choice: str, app: QApplication | None = None) -> str:
    """The concrete theme (``light`` or ``dark``) for a choice in ``THEME_CHOICES``.

    Raises:
        ValueError: an unknown choice.
    """
    if choice not in THEME_CHOICES:
        raise ValueError(f"unknown theme {choice!r}; choose one of {', '.join(THEME_CHOICES)}")
    return system_theme(app) if choice == "system" else choice


def make_palette(colours: dict) -> QPalette:
    """A QPalette with every role the Fusion style paints, from one of the colour tables."""
    palette = QPalette()
    roles = {
        QPalette.Window: "window", QPalette.WindowText: "text", QPalette.Base: "base",
        QPalette.AlternateBase: "alternate_base", QPalette.ToolTipBase: "base",
        QPalette.ToolTipText: "text", QPalette.PlaceholderText: "muted", QPalette.Text: "text",
        QPalette.Button: "button", QPalette.ButtonText: "text", QPalette.BrightText: "accent_text",
        QPalette.Highlight: "accent", QPalette.HighlightedText: "accent_text",
        QPalette.Link: "link", QPalette.LinkVisited: "link",
    }
    for role, key in roles.items():
        palette.setColor(role, QColor(colours[key]))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText, QPalette.HighlightedText):
        palette.setColor(QPalette.Disabled, role, QColor(colours["disabled_text"]))
    palette.setColor(QPalette.Disabled, QPalette.Highlight, QColor(colours["border"]))
    # Fusion draws bevels and frames from Light/Mid/Dark/Shadow.
    window = QColor(colours["window"])
    palette.setColor(QPalette.Light, window.lighter(130))
    palette.setColor(QPalette.Midlight, window.lighter(115))
    palette.setColor(QPalette.Mid, QColor(colours["border"]))
    palette.setColor(QPalette.Dark, window.darker(160))
    palette.setColor(QPalette.Shadow, window.darker(250))
    return palette


def apply_theme(app: QApplication, choice: str = "system") -> str:
    """Give ``app`` the Fusion style, the theme's palette and its stylesheet.

    Args:
        app: the running QApplication.
        choice: ``light``, ``dark`` or ``system`` (the desktop's scheme, now).

    Returns:
        The theme applied, ``light`` or ``dark``.

    Raises:
        ValueError: an unknown choice. FileNotFoundError: the .qss file is missing.
    """
    resolved = resolve_theme(choice, app)
    stylesheet = theme_path(resolved).read_text(encoding="utf-8")
    # Fusion honours the palette on every platform; native styles ignore a dark one.
    # (With a stylesheet set, app.style() is Qt's stylesheet wrapper, so always set it.)
    app.setStyle("Fusion")
    app.setPalette(make_palette(COLOURS[resolved]))
    app.setStyleSheet(stylesheet)
    return resolved


class ThemeManager(QObject):
    """Applies the user's theme choice and, for ``system``, follows the desktop's changes.

    ``themeChanged(str)`` carries the theme now applied (``light``/``dark``) whenever it
    changes, so plots and icons can redraw in its colours (``COLOURS[name]``).
    """

    themeChanged = Signal(str)

    def __init__(self, app: QApplication, choice: str = "system", parent: QObject | None = None):
        super().__init__(parent)
        self._app = app
        self._choice = "system"
        self._resolved = None
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.set_theme(choice)

    @property
    def choice(self) -> str:
        """What the user chose: ``light``, ``dark`` or ``system``."""
        return self._choice

    @property
    def theme(self) -> str:
        """The theme applied: ``light`` or ``dark``."""
        return self._resolved

    def set_theme(self, choice: str) -> str:
        """Apply ``choice``; returns the theme applied. Raises ValueError if unknown."""
        resolved = apply_theme(self._app, choice)
        self._choice = choice
        if resolved != self._resolved:
            self._resolved = resolved
            self.themeChanged.emit(resolved)
        return resolved

    def _on_system_scheme_changed(self, _scheme) -> None:
        if self._choice == "system":
            self.set_theme("system")
