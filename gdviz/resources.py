"""Where the app's icons, themes and examples live (Qt-free).

The files sit in ``resources/`` at the top of the repository, next to the ``gdviz`` package,
which is where a source checkout and the editable install (``pip install -e .``) find them.
A wheel carries them inside the package as ``gdviz/_resources`` (see ``pyproject.toml``);
``GDVIZ_RESOURCES`` overrides both, e.g. for a packager's own layout.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "GDVIZ_RESOURCES"
ICON_NAMES = ("play", "pause", "step", "reset", "backprop", "open", "save",
              "undo", "redo", "fit", "screenshot")
THEME_NAMES = ("light", "dark")
_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE / "_resources", _PACKAGE.parent / "resources")


def resources_dir() -> Path:
    """The folder holding ``icons/``, ``themes/``, ``examples/`` and ``datasets/``.

    Raises:
        FileNotFoundError: no candidate folder exists (a broken install); names them all.
    """
    override = os.environ.get(ENV_VAR)
    candidates = (Path(override),) if override else _CANDIDATES
    for folder in candidates:
        if (folder / "icons").is_dir():
            return folder
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"gdviz's resources are missing (looked in {tried}); reinstall gdviz")


def _existing(path: Path, kind: str, choices) -> Path:
    if not path.is_file():
        raise FileNotFoundError(f"no {kind} {path.stem!r} at {path}; known: {', '.join(choices)}")
    return path


def app_icon_path() -> Path:
    """The application icon (SVG)."""
    return _existing(resources_dir() / "gdviz.svg", "app icon", ["gdviz"])


def icon_path(name: str) -> Path:
    """The toolbar icon ``name`` (one of ``ICON_NAMES``), an SVG drawn in ``currentColor``."""
    return _existing(resources_dir() / "icons" / f"{name}.svg", "icon", ICON_NAMES)


def theme_path(name: str) -> Path:
    """The Qt stylesheet of theme ``name`` (``light`` or ``dark``)."""
    return _existing(resources_dir() / "themes" / f"{name}.qss", "theme", THEME_NAMES)


def example_sessions() -> list[Path]:
    """Every example session (``.gdviz``), by name; ``tutorial.gdviz`` is among them."""
    return sorted((resources_dir() / "examples").glob("*.gdviz"))


def example_session_path(name: str = "tutorial") -> Path:
    """The example session ``name`` (file name without ``.gdviz``)."""
    names = [p.stem for p in example_sessions()]
    return _existing(resources_dir() / "examples" / f"{name}.gdviz", "example session", names)


def example_datasets() -> list[Path]:
    """Every example dataset (CSV), by name."""
    return sorted((resources_dir() / "datasets").glob("*.csv"))


def translation_path(language: str, suffix: str = ".qm") -> Path:
    """The translation of the interface into ``language`` (``zh_CN``): the compiled
    ``.qm`` the app loads, or with ``suffix=".ts"`` its source (which a wheel does not carry)."""
    return resources_dir() / "i18n" / f"gdviz_{language}{suffix}"
