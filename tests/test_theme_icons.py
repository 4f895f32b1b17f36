"""Themes colour the app and follow the system; every icon renders, in the theme's colour."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPalette
from PySide6.QtWidgets import QToolButton

from gdviz import resources
from gdviz.ui import icons, theme


@pytest.fixture
def app(qapp):
    """The test QApplication, given back with its style, palette and stylesheet restored."""
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def pixels(qicon, size=32, mode=QIcon.Normal):
    image = qicon.pixmap(size, size, mode).toImage().convertToFormat(QImage.Format_RGBA8888)
    return np.frombuffer(bytes(image.constBits()), np.uint8).reshape(size, size, 4)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_apply_theme_sets_palette_and_stylesheet(app, name):
    assert theme.apply_theme(app, name) == name
    assert app.palette().color(QPalette.Window).name() == theme.COLOURS[name]["window"]
    assert app.palette().color(QPalette.WindowText).name() == theme.COLOURS[name]["text"]
    assert app.styleSheet() == resources.theme_path(name).read_text(encoding="utf-8")


def test_dark_is_dark_and_light_is_light(app):
    theme.apply_theme(app, "dark")
    assert app.palette().color(QPalette.Window).lightness() < 60
    theme.apply_theme(app, "light")
    assert app.palette().color(QPalette.Window).lightness() > 200


def test_system_theme_follows_the_colour_scheme(app, monkeypatch):
    scheme = {"now": Qt.ColorScheme.Dark}
    hints = app.styleHints()
    monkeypatch.setattr(type(hints), "colorScheme", lambda self: scheme["now"])
    manager = theme.ThemeManager(app, "system")
    seen = []
    manager.themeChanged.connect(seen.append)
    assert manager.theme == "dark"
    scheme["now"] = Qt.ColorScheme.Light
    manager._on_system_scheme_changed(scheme["now"])  # what colorSchemeChanged calls
    assert manager.theme == "light" and seen == ["light"]
    manager.set_theme("dark")
    scheme["now"] = Qt.ColorScheme.Light
    manager._on_system_scheme_changed(scheme["now"])  # an explicit choice is kept
    assert manager.theme == "dark" and manager.choice == "dark"


def test_unknown_theme_is_refused(app):
    with pytest.raises(ValueError, match="unknown theme 'pink'.*light, dark, system"):
        theme.apply_theme(app, "pink")


@pytest.mark.parametrize("name", resources.ICON_NAMES)
def test_every_icon_renders_in_the_given_colour(app, name):
    qicon = icons.icon(name, "#ff0000")
    assert not qicon.isNull()
    rgba = pixels(qicon)
    drawn = rgba[..., 3] > 200
    assert 0.04 < drawn.mean() < 0.7, "an icon covers part, not none or all, of its square"
    red = (rgba[..., 0] > 200) & (rgba[..., 1] < 60) & (rgba[..., 2] < 60)
    assert red[drawn].mean() > 0.5, "currentColor became the colour asked for"


def test_icons_follow_the_theme_and_grey_out_when_disabled(app):
    theme.apply_theme(app, "dark")
    dark = pixels(icons.icon("save"))
    theme.apply_theme(app, "light")
    light = pixels(icons.icon("save"))
    disabled = pixels(icons.icon("save"), mode=QIcon.Disabled)

    def brightness(rgba):
        return rgba[..., :3][rgba[..., 3] > 200].mean()

    assert brightness(dark) > 180 > 80 > brightness(light)
    assert brightness(disabled) > brightness(light) + 60


def test_icons_scale_for_hidpi_and_show_on_a_button(app, qtbot):
    button = QToolButton()
    qtbot.addWidget(button)
    button.setIcon(icons.icon("play"))
    assert not button.icon().isNull()
    assert max(s.width() for s in icons.icon("play").availableSizes()) >= 96
    assert not icons.app_icon().isNull() and pixels(icons.app_icon(), 64)[..., 3].mean() > 100


def test_unknown_icon_names_the_known_ones(app):
    with pytest.raises(FileNotFoundError, match="no icon 'ply'; known: play, pause"):
        icons.icon("ply")


def test_resources_are_found_and_complete():
    folder = resources.resources_dir()
    assert (folder / "gdviz.svg").is_file()
    for name in resources.ICON_NAMES:
        assert resources.icon_path(name).is_file()
    for name in resources.THEME_NAMES:
        assert resources.theme_path(name).is_file()
    assert resources.example_session_path("tutorial").is_file()
    assert {p.stem for p in resources.example_datasets()} >= {"tutorial", "xor", "circles"}
