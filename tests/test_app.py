"""The entry point: --screenshot, bad arguments, the platform check, closing mid-training."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from gdviz import app
from gdviz.ui.window.main_window import DEFAULT_SIZE

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args, tmp_path, timeout=60, **env):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                       GDVIZ_SETTINGS=str(tmp_path / "settings.ini"), **env)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], env=environment,
                          capture_output=True, text=True, timeout=timeout)


def test_screenshot_writes_a_non_blank_png_of_the_window(tmp_path):
    shot = tmp_path / "shot.png"
    result = run_main("--screenshot", str(shot), "--steps", "50", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert image.width() >= DEFAULT_SIZE.width() and image.height() >= DEFAULT_SIZE.height()
    image = image.convertToFormat(QImage.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32)
    assert len(np.unique(pixels)) > 200  # a real picture: views, text, the boundary
    assert not (tmp_path / "settings.ini").exists()  # screenshots leave the user's settings alone


@pytest.mark.parametrize("args", [["--steps", "x"], ["--dataset", "nope"], ["--screenshot", "a.jpg"],
                                  ["--bogus"], ["--steps", "5"]])
def test_bad_arguments_exit_2_with_usage(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        app.main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage:") and "Traceback" not in err


def test_bad_arguments_from_the_command_line(tmp_path):
    result = run_main("--model", "transformer", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_no_display_is_a_clear_message_and_exit_1(monkeypatch, capsys):
    monkeypatch.setattr("gdviz.platform_check.display_problem", lambda: "gdviz needs a display: set DISPLAY")
    assert app.main([]) == 1
    assert "needs a display" in capsys.readouterr().err


def test_a_refused_session_exits_1_with_the_reason(tmp_path, capsys):
    bad = tmp_path / "bad.gdviz"
    bad.write_text('{"format": "gdviz-session", "format_version": 99}')
    assert app.main(["--session", str(bad), "--screenshot", str(tmp_path / "s.png")]) == 1
    assert "bad.gdviz" in capsys.readouterr().err


def test_start_options_choose_the_scenario(tmp_path):
    args = app.parse_args(["--dataset", "moons", "--model", "mlp"])
    session, path = app.starting_session(args)
    assert session.dataset.name == "moons" and session.model_config.kind == "mlp" and path is None
    session, _ = app.starting_session(app.parse_args([]))
    assert session.model_config.reduction == "sum" and session.model_config.learning_rate == 0.01


def test_closing_while_training_exits_cleanly(tmp_path):
    # The app trains, then is asked to quit mid-training: exit 0, no thread warnings.
    script = (
        "import sys; from PySide6.QtCore import QTimer; from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtWidgets import QMessageBox\n"
        "QMessageBox.question = lambda *a, **k: QMessageBox.Discard\n"
        "from gdviz import app as gdviz_app\n"
        "app = QApplication([])\n"
        "def go():\n"
        "    w = next(w for w in app.topLevelWidgets() if w.objectName() == 'mainWindow')\n"
        "    w.training.play()\n"
        "    QTimer.singleShot(400, w.close)\n"
        "QTimer.singleShot(300, go)\n"
        "sys.exit(gdviz_app.main([]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDVIZ_SETTINGS=str(tmp_path / "s.ini"))
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "QThread: Destroyed while thread is still running" not in result.stderr
    assert (tmp_path / "s.ini").exists()  # the layout was remembered on the way out


# A real gdviz in its own process, offscreen, that says "ready" on stdout once Ctrl+C is
# handled (gdviz.app installs its SIGINT handler just before the event loop runs).
INTERRUPTIBLE = """\
import signal, sys
from PySide6.QtWidgets import QApplication, QMessageBox
from gdviz import app as gdviz_app

def asked(*args, **kwargs):
    print("asked: Save changes?", flush=True)
    return QMessageBox.Discard

QMessageBox.question = asked
real_signal = signal.signal

def announcing(signum, handler):
    previous = real_signal(signum, handler)
    if signum == signal.SIGINT and handler not in (signal.default_int_handler, previous):
        window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
        if "--training" in sys.argv:
            window.training.play()
            window.session_files.mark_saved(False)
        print("ready", flush=True)
    return previous

signal.signal = announcing
sys.exit(gdviz_app.main([]))
"""


def interrupt_gdviz(tmp_path, *args):
    """Start gdviz, press Ctrl+C once it is ready; returns (exit code, stdout, stderr)."""
    import selectors
    import signal

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDVIZ_SETTINGS=str(tmp_path / "s.ini"))
    process = subprocess.Popen([sys.executable, "-c", INTERRUPTIBLE, *args], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            assert selector.select(timeout=120), "gdviz never became ready"  # a hang guard
        assert process.stdout.readline() == "ready\n", process.communicate()[1]
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)  # a hang guard, not a timing assertion
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return process.returncode, out, err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is POSIX")
def test_ctrl_c_closes_the_app_as_its_close_button_does(tmp_path):
    code, out, err = interrupt_gdviz(tmp_path)
    assert code == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert (tmp_path / "s.ini").exists()  # the window's close path ran: the layout was remembered


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is POSIX")
def test_ctrl_c_while_training_asks_to_save_and_stops_the_worker(tmp_path):
    code, out, err = interrupt_gdviz(tmp_path, "--training")
    assert code == 0, err
    assert "asked: Save changes?" in out
    assert "QThread: Destroyed while thread is still running" not in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
