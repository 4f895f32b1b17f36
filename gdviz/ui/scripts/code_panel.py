"""The code panel: the Python code of the graph on screen, editable, run again with Ctrl+Enter.

A ``QPlainTextEdit`` in a monospace font with line numbers in a margin (Qt's "Code
Editor" example) and Python syntax highlighting (``PythonHighlighter``, a
``QSyntaxHighlighter``: keywords, builtins, numbers, strings and comments, one block at
a time, triple-quoted strings carried from line to line by the block state). It shows
a script's own code, or for the built-in scenarios the generated tutorial-API code
(``gdviz.scripts.codegen.scenario_code``). Ctrl+Enter asks the owner to run the text
(``runRequested``): the panel never runs anything itself. An error is marked at its
line: a red wavy underline on a pink band, the message as the line's tooltip and in
the status label under the editor.
"""

from __future__ import annotations

import keyword
import re

from PySide6.QtCore import QRect, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import (QColor, QFont, QFontDatabase, QKeySequence, QPainter, QShortcut,
                           QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextFormat)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QToolTip, QVBoxLayout, QWidget

MARGIN_PADDING = 6
ERROR_BAND = QColor("#ffe3e3")
ERROR_LINE = QColor("#e03131")
STYLES = {  # token -> (colour, bold, italic)
    "keyword": ("#7048e8", True, False),
    "builtin": ("#1971c2", False, False),
    "number": ("#c2410c", False, False),
    "string": ("#2b8a3e", False, False),
    "comment": ("#868e96", False, True),
    "decorator": ("#e8590c", False, False),
}
BUILTINS = ("print", "range", "len", "list", "dict", "tuple", "set", "float", "int", "str",
            "enumerate", "zip", "super", "isinstance", "sum", "min", "max", "abs", "self")
TRIPLE_QUOTES = ('"""', "'''")


def _format(colour: str, bold: bool, italic: bool) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(colour))
    if bold:
        f.setFontWeight(QFont.Bold)
    f.setFontItalic(italic)
    return f


class PythonHighlighter(QSyntaxHighlighter):
    """Python's keywords, builtins, numbers, strings, comments and decorators, in colour."""

    RULES = (
        ("keyword", r"\b(?:" + "|".join(keyword.kwlist) + r")\b"),
        ("builtin", r"\b(?:" + "|".join(BUILTINS) + r")\b"),
        ("number", r"\b[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?\b"),
        ("decorator", r"@[A-Za-z_][A-Za-z0-9_.]*"),
        ("string", r"\"[^\"\\]*(?:\\.[^\"\\]*)*\"|'[^'\\]*(?:\\.[^'\\]*)*'"),
        ("comment", r"#[^\n]*"),
    )

    def __init__(self, document):
        super().__init__(document)
        self.formats = {name: _format(*style) for name, style in STYLES.items()}
        self.rules = [(QRegularExpression(pattern), name) for name, pattern in self.RULES]

    def highlightBlock(self, text: str) -> None:
        for expression, name in self.rules:  # later rules (strings, comments) win
            matches = expression.globalMatch(text)
            while matches.hasNext():
                match = matches.next()
                self.setFormat(match.capturedStart(), match.capturedLength(), self.formats[name])
        self._triple_quoted(text)

    def _triple_quoted(self, text: str) -> None:
        """Docstrings may span lines: block state 1 or 2 means one is open (\"\"\" or ''')."""
        start, state = 0, self.previousBlockState()
        self.setCurrentBlockState(-1)
        if state not in (1, 2):
            found = [(text.find(q), i) for i, q in enumerate(TRIPLE_QUOTES) if text.find(q) >= 0]
            if not found:
                return
            start, index = min(found)
            state = index + 1
            search_from = start + 3
        else:
            search_from = 0
        quote = TRIPLE_QUOTES[state - 1]
        end = text.find(quote, search_from)
        if end < 0:
            self.setCurrentBlockState(state)
            self.setFormat(start, len(text) - start, self.formats["string"])
            return
        self.setFormat(start, end + 3 - start, self.formats["string"])


class _LineNumbers(QWidget):
    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self):
        return QSize(self.editor.margin_width(), 0)

    def paintEvent(self, event):
        self.editor.paint_line_numbers(event)


class CodeEditor(QPlainTextEdit):
    """A monospace editor with line numbers, error marks and per-line tooltips."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("codeEditor")
        self.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.setTabStopDistance(4 * self.fontMetrics().horizontalAdvance(" "))
        self.highlighter = PythonHighlighter(self.document())
        self.line_numbers = _LineNumbers(self)
        self.errors = {}  # line (from 1) -> message
        self.blockCountChanged.connect(lambda _: self.setViewportMargins(self.margin_width(), 0, 0, 0))
        self.updateRequest.connect(self._scroll_margin)
        self.setViewportMargins(self.margin_width(), 0, 0, 0)

    def margin_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 2 * MARGIN_PADDING + self.fontMetrics().horizontalAdvance("9") * max(2, digits)

    def _scroll_margin(self, rect, dy) -> None:
        if dy:
            self.line_numbers.scroll(0, dy)
        else:
            self.line_numbers.update(0, rect.y(), self.line_numbers.width(), rect.height())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        r = self.contentsRect()
        self.line_numbers.setGeometry(QRect(r.left(), r.top(), self.margin_width(), r.height()))

    def paint_line_numbers(self, event) -> None:
        painter = QPainter(self.line_numbers)
        painter.fillRect(event.rect(), QColor("#f1f3f5"))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            line = block.blockNumber() + 1
            if block.isVisible():
                painter.setPen(ERROR_LINE if line in self.errors else QColor("#868e96"))
                painter.drawText(0, top, self.line_numbers.width() - MARGIN_PADDING, height,
                                 Qt.AlignRight, str(line))
            top += round(self.blockBoundingRect(block).height())
            block = block.next()

    def set_errors(self, errors: dict) -> None:
        """Mark these lines (line from 1 -> message); {} clears the marks."""
        self.errors = dict(errors)
        selections = []
        for line in self.errors:
            block = self.document().findBlockByLineNumber(line - 1)
            if not block.isValid():
                continue
            band = QTextEdit.ExtraSelection()
            band.format.setBackground(ERROR_BAND)
            band.format.setProperty(QTextFormat.FullWidthSelection, True)
            band.cursor = self.textCursor()
            band.cursor.setPosition(block.position())
            underline = QTextEdit.ExtraSelection()
            underline.format.setUnderlineStyle(QTextCharFormat.WaveUnderline)
            underline.format.setUnderlineColor(ERROR_LINE)
            underline.cursor = self.textCursor()
            underline.cursor.setPosition(block.position())
            underline.cursor.setPosition(block.position() + max(0, block.length() - 1),
                                         QTextCursor.KeepAnchor)
            selections += [band, underline]
        self.setExtraSelections(selections)
        self.line_numbers.update()

    def error_at(self, pos) -> str | None:
        """The error message of the line at ``pos`` (viewport coordinates), if it has one."""
        line = self.cursorForPosition(pos).blockNumber() + 1
        return self.errors.get(line)

    def viewportEvent(self, event):
        if event.type() == event.Type.ToolTip:
            message = self.error_at(event.pos())
            if message:
                QToolTip.showText(event.globalPos(), message, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


class CodePanel(QWidget):
    """The editor and a status line; Ctrl+Enter emits ``runRequested(text)``.

    Signals:
        runRequested(str): the code to run (the editor's text).
    """

    runRequested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("codePanel")
        self.editor = CodeEditor()
        self.status = QLabel(objectName="codeStatus", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.path = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        for keys in (Qt.CTRL | Qt.Key_Return, Qt.CTRL | Qt.Key_Enter):
            shortcut = QShortcut(QKeySequence(keys), self.editor)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.request_run)
        self.set_status(self.tr("Ctrl+Enter runs the code again."))

    def set_code(self, text: str, path=None) -> None:
        """Show ``text`` (the code of ``path``, if it comes from a file); clears the marks."""
        self.path = path
        self.editor.setPlainText(text)
        self.mark_error(None)

    def code(self) -> str:
        return self.editor.toPlainText()

    def request_run(self) -> None:
        self.runRequested.emit(self.code())

    def set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {ERROR_LINE.name()};" if error else "")

    def mark_error(self, line: int | None, message: str = "") -> None:
        """Mark ``line`` (from 1) with ``message``; None clears the mark."""
        self.editor.set_errors({} if line is None else {line: message})
        if line is not None:
            self.set_status(self.tr("line {line}: {message}").format(line=line, message=message), error=True)
            cursor = self.editor.textCursor()
            block = self.editor.document().findBlockByLineNumber(line - 1)
            if block.isValid():
                cursor.setPosition(block.position())
                self.editor.setTextCursor(cursor)
                self.editor.centerCursor()

    def error_lines(self) -> dict:
        """line -> message of the marks shown."""
        return dict(self.editor.errors)


def first_line(text: str) -> str:
    """The first non-empty line of ``text`` (a message for a status line)."""
    return next((line for line in re.split(r"\n", text) if line.strip()), "")
