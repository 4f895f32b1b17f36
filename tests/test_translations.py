"""The Chinese interface: every user-visible string translated, the files in step, the
language chosen and remembered as a user expects."""

from __future__ import annotations

import ast
import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from _window import dialogs, window  # noqa: F401 (fixtures)
from gdviz import i18n
from gdviz.i18n import catalog
from gdviz.resources import translation_path

ROOT = Path(__file__).resolve().parents[1]

# Qt calls whose string arguments a user reads: a literal there escapes translation.
TEXT_SETTERS = {
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setPlaceholderText",
    "setTitle", "setLabelText", "addTab", "insertTab", "setTabText", "setTabToolTip", "addMenu",
    "showMessage", "setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
    "setPrefix", "setSuffix", "setSpecialValueText", "setInformativeText", "setDetailedText",
    "setLabel", "addItem", "addItems", "insertItem", "setItemText", "setFormat", "setCancelButtonText",
    "setOkButtonText", "setButtonText", "addButton", "setNameFilter", "setNameFilters", "setHtml",
    "setToolTipText", "QAction", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox",
    "QDockWidget", "QMenu", "QTableWidgetItem", "QListWidgetItem", "QProgressDialog", "add_action",
    "warning", "information", "critical", "question", "about", "getOpenFileName", "getSaveFileName",
    "getText", "getInt", "getDouble", "getItem", "setWindowFilePath",
}
# Literal texts that are the same in every language.
LANGUAGE_FREE = re.compile(r"^[\W\d_]*$|^(?:[A-Za-z]\d?|[xyzwbJ][₀-₉]*|gdviz|[A-Z][a-z]?\+\S+)\W*$")
AXES = ("left", "bottom", "right", "top")  # pyqtgraph's setLabel(axis, text): the axis is a key


def _literal_texts(node):
    """The language-bound literal text inside an argument (a str constant or f-string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if not LANGUAGE_FREE.match(node.value.strip()) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return [text] if re.search(r"[A-Za-z]{2,}", text.replace("gdviz", "")) else []
    if isinstance(node, ast.BinOp):
        return _literal_texts(node.left) + _literal_texts(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_texts(node.body) + _literal_texts(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [t for e in node.elts for t in _literal_texts(e)]
    return []


def _untranslated_literals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in TEXT_SETTERS:
            continue
        arguments = list(node.args) + [k.value for k in node.keywords if k.arg not in ("objectName", "name")]
        if name == "setLabel" and node.args and getattr(node.args[0], "value", None) in AXES:
            arguments = arguments[1:]
        if name in ("addItem", "insertItem"):  # (index,) text, then item data: an identifier
            arguments = arguments[1:2] if name == "insertItem" else arguments[:1]
        if name == "add_action":
            arguments = arguments[2:4]  # add_action(window, name, text, tooltip, ...)
        for text in (t for a in arguments for t in _literal_texts(a)):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}({text!r})")
    return found


def test_no_text_shown_by_qt_is_a_bare_literal():
    """A string handed straight to a widget is one lupdate cannot see: it stays English."""
    found = [f for path in sorted((ROOT / "gdviz" / "ui").rglob("*.py")) for f in _untranslated_literals(path)]
    found += _untranslated_literals(ROOT / "gdviz" / "show.py")
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The shipped .ts brought up to date with the code by pyside6-lupdate, in a copy."""
    ts = tmp_path_factory.mktemp("ts") / "gdviz_zh_CN.ts"
    shutil.copy(translation_path("zh_CN", ".ts"), ts)
    catalog.lupdate(catalog.source_files(), ts)
    return catalog.read(ts)


def test_every_string_the_code_marks_has_a_chinese_translation(extracted):
    assert len(extracted) > 500  # the interface really is marked for translation
    unfinished = [f"{m.where} [{m.context}] {m.source!r}" for m in extracted if not m.finished]
    assert not unfinished, f"{len(unfinished)} untranslated (python -m gdviz.i18n.catalog update):\n" + \
        "\n".join(unfinished)


def test_translations_keep_every_field_of_their_source(extracted):
    assert not catalog.problems(extracted), "\n".join(catalog.problems(extracted))


def test_fields_are_compared_by_name_and_a_lost_one_is_caught():
    ok = catalog.Message("C", "Step {step:,} of {n}", "第 {step:,} 步，共 {n} 步", True, "x:1")
    lost = catalog.Message("C", "Step {step:,} of {n}", "第 {step} 步", True, "x:2")
    assert catalog.problems([ok]) == [] and len(catalog.problems([lost])) == 1


def test_the_shipped_qm_is_built_from_the_shipped_ts(tmp_path):
    built = tmp_path / "built.qm"
    catalog.lrelease(translation_path("zh_CN", ".ts"), built)
    assert filecmp.cmp(built, translation_path("zh_CN"), shallow=False), \
        "resources/i18n/gdviz_zh_CN.qm is stale: python -m gdviz.i18n.catalog update"


def test_without_a_translator_translate_gives_the_english_back():
    assert i18n.translate("Anything", "Save the session") == "Save the session"
    assert i18n.QT_TRANSLATE_NOOP("Anything", "Step") == "Step"


def test_a_chinese_locale_chooses_chinese_and_others_english():
    code = ("from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
            "from gdviz.ui.language import system_language; print(system_language())")
    for lang, expected in (("zh_CN.UTF-8", "zh_CN"), ("zh_TW.UTF-8", "zh_CN"), ("en_GB.UTF-8", "en"),
                           ("C", "en")):
        env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
        env.update(LANG=lang, LANGUAGE="", QT_QPA_PLATFORM="offscreen")
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                             cwd=ROOT, timeout=60)
        assert out.stdout.strip() == expected, (lang, out.stdout, out.stderr)


def test_lang_on_the_command_line_wins_over_the_settings_and_the_locale(tmp_path):
    from PySide6.QtCore import QSettings

    from gdviz.cli import parse_args
    from gdviz.ui.language import choose_language

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    assert choose_language(parse_args(["--lang", "zh_CN"]).lang, settings) == "zh_CN"
    settings.setValue("language", "zh_CN")
    assert choose_language(parse_args([]).lang, settings) == "zh_CN"
    assert choose_language(parse_args(["--lang", "en"]).lang, settings) == "en"
    settings.setValue("language", "klingon")  # a hand-edited settings file: ignored
    assert choose_language(None, settings) in i18n.LANGUAGES
    with pytest.raises(SystemExit):
        parse_args(["--lang", "fr"])


# **** the window in Chinese ****

# Words that are the same in Chinese: names of ops, formats, keys, maths, the tutorial's API.
SAME_IN_CHINESE = {
    "gdviz", "tanh", "sigmoid", "softmax", "matmul", "relu", "add", "log", "exp", "sin", "cos", "sum",
    "mean", "max", "min", "abs", "square", "negative", "multiply", "absolute", "adam",
    "mlp", "python", "numpy", "nan", "inf", "ctrl", "shift", "alt",
    "esc", "space", "del", "delete", "backspace", "home", "end", "pgup", "pgdown", "left", "right", "up",
    "down", "enter", "return", "tab", "placeholder", "variable", "session", "graph", "operation",
    "gradientdescentoptimizer", "momentumoptimizer", "adamoptimizer",
    "minimize", "run", "shape", "dtype", "xor", "moons", "spirals", "circles",
    "blobs", "tutorial", "gdviz.engine", "gdviz.show", "argmax", "relu", "csv", "json", "png", "svg", "gif",
    "english",  # the language's own name, in View → Language
}


def english_words(text: str) -> list[str]:
    """The English words in ``text`` (three letters or more, not a name above)."""
    tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_.₀-₉²]*", re.sub(r"<[^>]+>|&\w+;", " ", text))
    words = [t.strip(".") for t in tokens if not re.search(r"[_\d₀-₉²]", t)]  # reduce_sum_1, x₁²: names
    return [w for w in words if len(w) >= 3 and w.lower() not in SAME_IN_CHINESE and not w.isupper()]


def numbers(text: str) -> list[str]:
    """The numbers in ``text`` as written (1,234.5, -0.25, 1e-05), not the punctuation after them."""
    return re.findall(r"[-−]?\d+(?:[.,]\d+)*(?:e[+−-]?\d+)?", re.sub(r"<[^>]+>|&#?\w+;", " ", text))


@pytest.fixture
def chinese(qapp):
    """The application speaks Chinese for one test (English again afterwards)."""
    from gdviz.ui.language import Language

    language = Language(qapp, "zh_CN")
    assert language.code == "zh_CN"
    yield language
    language.set("en")


def _shown_texts(window) -> dict[str, str]:
    """Every text a user can read in the window's widgets, menus and actions, by where."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QGroupBox, QLabel, QLineEdit,
                                   QMenu, QTabBar, QTableWidget, QWidget)

    texts = {}

    def add(where, text):
        if text and text.strip():
            texts[where] = text

    for w in window.findChildren(QWidget):
        name = f"{type(w).__name__}#{w.objectName()}"
        add(f"{name}.toolTip", w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            add(f"{name}.text", w.text())
        if isinstance(w, QGroupBox):
            add(f"{name}.title", w.title())
        if isinstance(w, (QDockWidget, QMenu)):
            add(f"{name}.title", w.windowTitle() if isinstance(w, QDockWidget) else w.title())
        if isinstance(w, QLineEdit):
            add(f"{name}.placeholder", w.placeholderText())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                add(f"{name}.item{i}", w.itemText(i))
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                add(f"{name}.tab{i}", w.tabText(i))
                add(f"{name}.tabTip{i}", w.tabToolTip(i))
        if isinstance(w, QTableWidget):
            for i in range(w.columnCount()):
                item = w.horizontalHeaderItem(i)
                add(f"{name}.header{i}", item.text() if item else "")
    for a in window.findChildren(QAction):
        name = f"QAction#{a.objectName() or a.text()}"
        add(f"{name}.text", a.text())
        add(f"{name}.toolTip", a.toolTip() if a.toolTip() != a.text().replace("&", "") else "")
    for menu_action in window.menuBar().actions():
        add(f"menu#{menu_action.text()}", menu_action.text())
    from PySide6.QtWidgets import QGraphicsSimpleTextItem, QGraphicsTextItem, QGraphicsView

    for view in window.findChildren(QGraphicsView):  # plots' titles, axes, legends; the graph's captions
        for i, item in enumerate(view.scene().items() if view.scene() else []):
            where = f"{type(view).__name__}#{view.objectName()}/{type(item).__name__}{i}"
            if isinstance(item, QGraphicsTextItem):
                add(where, item.toPlainText())
            elif isinstance(item, QGraphicsSimpleTextItem):
                add(where, item.text())
            elif hasattr(item, "labelText"):  # a pyqtgraph axis
                add(where, item.labelText if item.label.isVisible() else "")
    return texts


def _english_left(texts: dict[str, str]) -> list[str]:
    return [f"{where}: {text!r} ({', '.join(english_words(text))})" for where, text in texts.items()
            if english_words(text)]


def test_the_main_window_in_chinese_shows_no_english_sentence(chinese, window, qtbot):
    """Every menu, button, label, tab, header, tooltip, plot label and graph caption of the
    window, its lazily built views (landscape, race, neurons) included, is in Chinese."""
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    for view in ("landscape", "race", "neurons"):
        _, ready = window.prepare_view(view)
        qtbot.waitUntil(ready, timeout=20000)
    left = _english_left(_shown_texts(window))
    assert not left, f"{len(left)} texts still in English:\n" + "\n".join(left)


def test_the_walk_through_in_chinese_explains_in_chinese_with_the_same_numbers(chinese, qapp, qtbot, tmp_path,
                                                                               dialogs):
    """The player's explanation of each step of the backward pass is Chinese, and its numbers
    are those the English interface shows, formatted the same."""
    from gdviz.ui.language import Language
    from gdviz.ui.window.main_window import MainWindow, tutorial_session

    def explanations(window) -> list[str]:
        window.backprop_this_step(quiet=True)
        player = window.graph_panel.player
        shown = []
        for _ in range(12):
            player.actions_by_name["walkNext"].trigger()
            shown.append(player.explanation.text())
        return shown

    def build():
        w = MainWindow(settings=None)
        qtbot.addWidget(w)
        w.apply_session(tutorial_session())
        w.pace_box.set_pace(None)
        return w

    in_chinese = explanations(build())
    chinese.set("en")
    in_english = explanations(build())
    for zh, en in zip(in_chinese, in_english):
        assert not english_words(zh), zh
        assert sorted(numbers(zh)) == sorted(numbers(en)), (zh, en)  # word order differs


def test_view_language_remembers_the_choice_and_restarts_when_asked(window, dialogs, monkeypatch):
    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QMessageBox

    started = []
    monkeypatch.setattr(QProcess, "startDetached", lambda *a: started.append(a) or True)
    menu = window.findChild(type(window.menuBar().actions()[0].menu()), "languageMenu")
    assert [a.text() for a in menu.actions()] == ["English", "中文"]
    assert window.actions_by_name["language_en"].isChecked()
    dialogs["question"] = QMessageBox.No
    window.actions_by_name["language_zh_CN"].trigger()
    assert window.settings.value("language") == "zh_CN" and "question" in dialogs["calls"]
    assert window.isVisible() and not started  # "later": nothing closes
    dialogs["question"] = QMessageBox.Yes
    monkeypatch.setattr(sys, "argv", ["main.py", "--lang", "en", "session.gdviz"])
    assert not window.has_unsaved_changes  # so closing asks nothing more
    window.actions_by_name["language_zh_CN"].trigger()
    assert not window.isVisible()
    assert started and started[0][1] == ["main.py", "session.gdviz"]  # --lang would override the choice


def test_chinese_without_a_chinese_font_says_which_package_to_install(qapp, monkeypatch):
    from PySide6.QtGui import QFontDatabase

    from gdviz.ui import language

    monkeypatch.setattr(QFontDatabase, "families", lambda *a: [])
    chosen = language.Language(qapp, "zh_CN")
    try:
        assert chosen.code == "zh_CN" and "fonts-noto-cjk" in chosen.problem
    finally:
        chosen.set("en")
    assert language.Language(qapp, "en").problem is None  # English needs no such font


def test_an_unknown_language_is_refused_in_english(qapp):
    from gdviz.ui.language import Language

    chosen = Language(qapp, "fr")
    assert chosen.code == "en" and "fr" in chosen.problem and "zh_CN" in chosen.problem
