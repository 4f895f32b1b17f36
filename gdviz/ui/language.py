"""The interface's language: chosen, loaded into Qt, offered in View → Language.

The language comes from ``--lang`` first, then what View → Language last chose (in the
settings), then the system's locale (any Chinese locale gives 中文). ``install_language``
loads gdviz's own translation (``resources/i18n/gdviz_LANG.qm``) and Qt's (its dialogs'
buttons), and wires gdviz.i18n.translate, which the Qt-free modules call, to Qt's.
Strings are translated when a widget is built, so a new choice applies at the next start;
the menu offers to restart at once.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QProcess, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QFontDatabase
from PySide6.QtWidgets import QMessageBox

from gdviz import i18n
from gdviz.resources import translation_path

SETTINGS_KEY = "language"
FONT_PACKAGE = "fonts-noto-cjk"  # Debian/Ubuntu's package of fonts with Chinese characters
_installed = [i18n.SOURCE_LANGUAGE]  # the language the application speaks now
_translators: list[QTranslator] = []  # and its translators (one set at a time, whoever loaded them)


def current_language() -> str:
    """The code of the language installed last (English until one is)."""
    return _installed[0]


def system_language() -> str:
    """The language of the system's locale among gdviz's: 中文 for any Chinese locale."""
    return "zh_CN" if QLocale.system().name().startswith("zh") else i18n.SOURCE_LANGUAGE


def choose_language(requested: str | None, settings) -> str:
    """``--lang`` if given, else the remembered choice, else the system's language."""
    if requested:
        return requested
    remembered = str(settings.value(SETTINGS_KEY, "")) if settings is not None else ""
    return remembered if remembered in i18n.LANGUAGES else system_language()


class Language:
    """The language installed in the application: its translators and its code."""

    def __init__(self, app, code: str):
        self.app = app
        self.problem = self.set(code)

    @property
    def code(self) -> str:
        """The language the application speaks now (one record, ``current_language``)."""
        return current_language()

    def set(self, code: str) -> str | None:
        """Load ``code``'s translations (English unloads them). Returns None, or why the
        translation could not be loaded (the interface then stays in English)."""
        for translator in _translators:
            self.app.removeTranslator(translator)
        _translators.clear()
        i18n.install(QCoreApplication.translate)
        _installed[0] = i18n.SOURCE_LANGUAGE
        if code == i18n.SOURCE_LANGUAGE:
            return None
        if code not in i18n.LANGUAGES:
            return f"no translation into {code!r}; gdviz speaks {', '.join(i18n.LANGUAGES)}"
        ours = QTranslator(self.app)
        path = translation_path(code)
        if not ours.load(str(path)):
            return f"the translation {path} is missing or unreadable; reinstall gdviz"
        qts = QTranslator(self.app)
        if qts.load(f"qt_{code}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            _translators.append(qts)  # Qt's own: OK/Cancel, the file dialog
        _translators.append(ours)
        for translator in _translators:
            self.app.installTranslator(translator)
        _installed[0] = code
        return self.font_problem()

    def font_problem(self) -> str | None:
        """Why Chinese text would show as boxes (no font with Chinese characters), or None."""
        if self.code == "zh_CN" and not QFontDatabase.families(QFontDatabase.SimplifiedChinese):
            return (f"no font with Chinese characters is installed, so the interface will show "
                    f"boxes: install one (Debian/Ubuntu: sudo apt install {FONT_PACKAGE})")
        return None


def build_language_menu(window, menu) -> None:
    """View → Language: one checkable entry per language, named in its own language."""
    menu.setObjectName("languageMenu")
    group = QActionGroup(window)
    current = current_language()
    for code, name in i18n.LANGUAGES.items():
        action = QAction(name, window)
        action.setObjectName(f"language_{code}Action")
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setToolTip(i18n.translate("Language", "Show gdviz in {name} (from the next start)")
                          .format(name=name))
        action.triggered.connect(lambda _=False, c=code: choose_from_menu(window, c))
        group.addAction(action)
        menu.addAction(action)
        window.actions_by_name[f"language_{code}"] = action
    window.language_group = group


def choose_from_menu(window, code: str) -> None:
    """Remember ``code`` and offer to restart now (the window's strings are built once)."""
    settings = window.settings
    if settings is not None:
        settings.setValue(SETTINGS_KEY, code)
        settings.sync()
    if code == current_language():
        return
    text = i18n.translate("Language", "gdviz will speak {name} from its next start.").format(
        name=i18n.LANGUAGES[code])
    question = i18n.translate("Language", "Restart now? Unsaved changes are asked about first.")
    answer = QMessageBox.question(window, i18n.translate("Language", "Language"), f"{text}\n\n{question}",
                                  QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    if answer == QMessageBox.Yes and window.close():
        QProcess.startDetached(sys.executable, [sys.argv[0], *_without_lang(sys.argv[1:])])


def _without_lang(argv: list[str]) -> list[str]:
    """The command line minus --lang (the menu's choice is what the restart should show)."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out
