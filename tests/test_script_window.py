"""A script's graph in the app: run in a child process, shown, stopped, its errors marked,
its gradients checked on screen; ``main.py SCRIPT --screenshot``."""

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage

from gdviz.ui.scripts.show_window import open_script
from gdviz.ui.scripts.user_window import UserGraphWindow

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "resources" / "examples"
WAIT_MS = 60_000


def open_window(qtbot, path):
    window = open_script(None, path)
    qtbot.addWidget(window)
    return window


def wait_for_result(qtbot, window):
    qtbot.waitUntil(lambda: window.last_result is not None and not window.controller.running,
                    timeout=WAIT_MS)
    return window.last_result


def test_a_scripts_graph_is_shown_with_its_backward_pass(qtbot):
    window = open_window(qtbot, EXAMPLES / "ch4_gradient_descent.py")
    with qtbot.waitSignal(window.graphShown, timeout=WAIT_MS):
        pass
    names = {node.name for node in window.panel.view.nodes()}
    assert {"X", "c", "W", "b", "p", "J"} <= names
    assert window.panel.loss.name == "J"
    graph = window.last_result.main_graph
    assert window.panel.player.step_count >= len(graph.backward)
    # the player's gradients are the script's (replayed, not recomputed)
    W = window.replica.node("W")
    np.testing.assert_allclose(window.panel.backward.grad_table[W], graph.gradients["W"])
    assert "ch4_gradient_descent.py" in window.code_panel.code() or "gradient descent" in \
        window.code_panel.code()
    window.close()


def test_an_endless_loop_is_stopped_and_the_window_stays_responsive(qtbot, tmp_path):
    script = tmp_path / "forever.py"
    script.write_text("from gdviz.engine import *\nGraph().as_default()\nx = Variable(1.0)\n"
                      "while True:\n    x.value = x.value + 1\n")
    window = open_window(qtbot, script)
    lateness, last = [], [time.monotonic()]

    def tick():
        now = time.monotonic()
        lateness.append(now - last[0] - 0.010)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    started = time.monotonic()
    timer.start()
    qtbot.waitUntil(lambda: len(lateness) >= 60, timeout=WAIT_MS)  # it runs meanwhile
    assert window.controller.running
    window.stop_action.trigger()
    ran_for = time.monotonic() - started
    timer.stop()
    result = wait_for_result(qtbot, window)
    assert result.error.kind == "stopped"
    assert "stopped" in window.status.text()
    assert max(lateness) < ran_for / 2  # the GUI never waited for the script
    # still alive: it runs another script
    window.open_script(EXAMPLES / "ch1_computational_graph.py")
    assert wait_for_result(qtbot, window).ok
    window.close()


def test_an_exception_is_shown_with_its_line(qtbot, tmp_path):
    script = tmp_path / "broken.py"
    script.write_text("import numpy as np\n\nx = 1\nraise ValueError('no good')\n")
    window = open_window(qtbot, script)
    result = wait_for_result(qtbot, window)
    assert result.error.kind == "exception" and result.error.line == 4
    assert "line 4" in window.status.text() and "no good" in window.status.text()
    assert 4 in window.code_panel.error_lines()
    assert "no good" in window.code_panel.error_lines()[4]
    assert window.isVisible()
    window.close()


@pytest.mark.parametrize("code, kind", [("import sys\nsys.exit(3)\n", "exit"),
                                        ("import os\nos.abort()\n", "crash"),
                                        ("def f(:\n", "syntax")])
def test_every_failure_is_reported_in_the_window(qtbot, tmp_path, code, kind):
    script = tmp_path / "fails.py"
    script.write_text(code)
    window = open_window(qtbot, script)
    assert wait_for_result(qtbot, window).error.kind == kind
    assert kind in window.status.text()
    window.close()


def test_ctrl_enter_runs_the_edited_code_and_marks_its_error(qtbot):
    window = open_window(qtbot, EXAMPLES / "ch1_computational_graph.py")
    assert wait_for_result(qtbot, window).ok
    window.last_result = None
    text = window.code_panel.code() + "\nundefined_name + 1\n"
    window.code_panel.editor.setPlainText(text)
    window.code_panel.editor.setFocus()
    from PySide6.QtCore import Qt

    qtbot.keyClick(window.code_panel.editor, Qt.Key_Return, Qt.ControlModifier)
    result = wait_for_result(qtbot, window)
    line = text.count("\n")  # the last line
    assert result.error.kind == "exception" and result.error.line == line
    assert line in window.code_panel.error_lines()
    window.close()


def test_the_check_marks_the_wrong_op_red_and_the_others_green(qtbot):
    window = open_window(qtbot, EXAMPLES / "wrong_gradient.py")
    assert wait_for_result(qtbot, window).ok
    with qtbot.waitSignal(window.checked, timeout=WAIT_MS):
        window.check_action.trigger()
    marks = {node.name: level for node, (level, _) in window.panel.view.node_marks().items()}
    assert marks == {"x": "wrong", "cube": "wrong", "J": "ok"}
    assert "cube" in window.status.text()
    window.close()


def test_closing_while_a_script_runs_ends_the_child(qtbot, tmp_path):
    script = tmp_path / "forever.py"
    script.write_text("while True:\n    pass\n")
    window = open_window(qtbot, script)
    qtbot.waitUntil(lambda: window.controller.running, timeout=WAIT_MS)
    pid = window.controller.run_.pid
    window.close()
    assert not window.controller.running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def run_main(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "main.py", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_main_py_with_a_script_and_screenshot_writes_the_graph(tmp_path):
    out = tmp_path / "graph.png"
    result = run_main("resources/examples/ch4_gradient_descent.py", "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 600
    image = image.convertToFormat(QImage.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    assert pixels.std() > 10


def test_main_py_with_a_failing_script_exits_non_zero_with_its_error(tmp_path):
    script = tmp_path / "fails.py"
    script.write_text("\n\nraise RuntimeError('the learner slipped')\n")
    out = tmp_path / "graph.png"
    result = run_main(str(script), "--screenshot", str(out))
    assert result.returncode == 1
    assert "the learner slipped" in result.stderr and "line 3" in result.stderr
    assert not out.exists()


def test_open_script_gives_a_window_of_its_own_to_a_parent(qtbot):
    from PySide6.QtWidgets import QMainWindow

    parent = QMainWindow()
    qtbot.addWidget(parent)
    window = open_script(parent, EXAMPLES / "ch1_computational_graph.py")
    assert isinstance(window, UserGraphWindow) and window.isWindow() and window.isVisible()
    assert wait_for_result(qtbot, window).ok
    window.close()
