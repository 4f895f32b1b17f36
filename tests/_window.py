"""The main window for tests: dialogs that answer at once, the tutorial's scenario, shown.

Import the fixtures into a test module (``from _window import dialogs, window``).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from gdviz.ui.window.main_window import MainWindow, tutorial_session


@pytest.fixture
def dialogs(monkeypatch):
    """Every dialog answers at once; ``answers`` says what, ``calls`` records what was asked."""
    answers = {"open": "", "save": "", "question": QMessageBox.Discard}
    calls = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: calls.append("open") or (answers["open"], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: calls.append("save") or (answers["save"], ""))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: calls.append("question") or answers["question"])
    for name in ("warning", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: calls.append(_n))
    for name in ("getInt", "getItem", "getDouble", "getText"):  # asked, then cancelled
        monkeypatch.setattr(QInputDialog, name, lambda *a, _n=name, **k: calls.append(_n) or (None, False))
    answers["calls"] = calls
    return answers


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.apply_session(tutorial_session())
    w.pace_box.set_pace(None)  # the tutorial opens at a watchable pace; tests play at full speed
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.training.shutdown()


def wait_for_step(qtbot, window, step):
    """Wait until the training view shows ``step`` (or later)."""
    qtbot.waitUntil(lambda: window.training.last_frame is not None
                    and window.training.last_frame.snapshot.step >= step, timeout=5000)


def training_step(window) -> int:
    """The step the training view shows now."""
    frame = window.training.last_frame
    return frame.snapshot.step if frame is not None else 0


def on_screen_px(view, text_item) -> float:
    """The height in screen pixels of a text item's font at the view's zoom."""
    return text_item.font().pixelSize() * text_item.scale() * view.transform().m11()


def open_through(qtbot, window, start) -> bool:
    """Call ``start()`` (File → Open by a key, an action or ``open_file``) and wait until the
    file, read off the GUI thread, has been applied or refused. Returns True if applied."""
    with qtbot.waitSignal(window.session_files.fileOpened, timeout=10000) as blocker:
        start()
    return blocker.args[1]
