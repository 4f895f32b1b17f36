"""Translation of gdviz's own words (Qt-free): ``translate(context, text)``.

The UI's classes call Qt's ``self.tr(text)``. Everything else (the lesson's explanations,
file errors, the trainer's messages) calls ``translate(context, text)`` from here, which is
a plain function until the UI wires it to ``QCoreApplication.translate`` (gdviz.ui.language);
without a UI it gives the English text back. ``pyside6-lupdate`` extracts both forms, and
``QT_TRANSLATE_NOOP(context, text)`` marks a string kept in a constant and translated where
it is shown (``translate(context, CONSTANT)``): a constant is built at import, before any
language is chosen.

Placeholders are Python's named fields, ``translate("Ctx", "step {step:,}").format(step=s)``:
numbers are formatted by Python, the same in every language, and a translation keeps every
field of its source (``gdviz.i18n.catalog`` checks it).
"""

from __future__ import annotations

from typing import Callable

# The languages gdviz speaks: code → name, each in its own language (as a menu shows them).
LANGUAGES = {"en": "English", "zh_CN": "中文"}
SOURCE_LANGUAGE = "en"  # the language of the source code's strings

_translate: Callable[[str, str], str] | None = None


def translate(context: str, text: str) -> str:
    """``text`` in the chosen language (``text`` itself in English or before one is chosen).

    Args:
        context: the group the string belongs to, as the translation file names it: a class
            name (``"TraceText"``) or a module's topic (``"FileChecks"``).
        text: the English text, with ``{name}`` fields filled in after translation.
    """
    return text if _translate is None else _translate(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate knows)
    """Mark ``text`` for translation without translating it now (for constants)."""
    return text


def install(function: Callable[[str, str], str] | None) -> None:
    """Send every ``translate`` call to ``function`` (the UI's QCoreApplication.translate);
    None goes back to English."""
    global _translate
    _translate = function
