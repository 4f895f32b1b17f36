"""gdviz.show: a learner's live graph in a window (screenshots, blocking, training, the
decision boundary of a classifier, the gradient check marked on the graph)."""

import runpy
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

import gdviz
from gdviz.scripts.child import FeedRecorder
from gdviz.scripts.description import choose_loss
from gdviz.ui.scripts.show_window import wait_until
from gdviz.ui.scripts.user_window import UserGraphWindow

EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py"))


def build(name):
    """Run an example here; return (namespace, its main graph's loss, the feed it used)."""
    recorder = FeedRecorder()
    recorder.install()
    try:
        namespace = runpy.run_path(str(EXAMPLES / name))
    finally:
        recorder.uninstall()
    graph = next(iter(recorder.feeds)) if recorder.feeds else None
    graphs = [g for g in recorder.feeds] or [namespace["J"].graph]
    graph = graphs[-1]
    choice = choose_loss(graph, recorder.feeds.get(graph, []))
    return namespace, choice.node, choice.feed


def pixel_spread(path) -> float:
    image = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes()).reshape(
        image.height(), -1)
    return float(pixels.std())


@pytest.mark.parametrize("name", SCRIPTS)
def test_show_with_a_screenshot_writes_a_picture_and_returns(qapp, tmp_path, name):
    _, loss, feed = build(name)
    out = tmp_path / "shot.png"
    assert gdviz.show(loss, feed, screenshot=out) is None
    assert out.is_file()
    assert pixel_spread(out) > 10  # not one flat colour
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, UserGraphWindow) and w.isVisible()]


def test_show_blocks_until_the_window_is_closed(qapp):
    _, loss, feed = build("ch1_computational_graph.py")
    seen = []

    def close_it():
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, UserGraphWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, close_it)
            return
        seen.append(windows[0].loss.name)
        windows[0].close()

    QTimer.singleShot(0, close_it)
    assert gdviz.show(loss, feed) is None  # returns once the window closed
    assert seen == ["z"]


def test_show_from_inside_a_running_event_loop_returns_the_live_window(qapp, qtbot):
    _, loss, feed = build("ch1_computational_graph.py")
    windows = []
    loop = QEventLoop()  # as in an app, or IPython after %gui qt: a loop already runs

    def call_show():
        windows.append(gdviz.show(loss, feed))
        loop.quit()

    QTimer.singleShot(0, call_show)
    QTimer.singleShot(30_000, loop.quit)  # never hang the suite
    loop.exec()
    window = windows[0]
    assert isinstance(window, UserGraphWindow) and window.isVisible()
    window.close()


def open_window(qtbot, name):
    namespace, loss, feed = build(name)
    window = UserGraphWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.graphShown, timeout=30_000):
        window.show_graph(loss, feed)
    window.show()
    return window, namespace


@pytest.mark.parametrize("name, classifier", [
    ("ch1_computational_graph.py", False), ("ch3_training_criterion.py", True),
    ("ch4_gradient_descent.py", True), ("ch5_multilayer_perceptron.py", True),
    ("wrong_gradient.py", False)])
def test_the_boundary_view_shows_for_a_2d_classifier_only(qtbot, name, classifier):
    window, _ = open_window(qtbot, name)
    assert window.boundary_dock.isVisibleTo(window) == classifier
    if classifier:
        qtbot.waitUntil(lambda: window.boundary.redraw_count > 0, timeout=30_000)
        assert window.boundary.boundary_point_count > 0  # a decision boundary is drawn
        assert len(window.boundary.dataset) == len(window.classifier.X)
    window.close()


def test_step_and_play_train_the_graph_off_the_gui_thread(qtbot):
    window, namespace = open_window(qtbot, "ch4_gradient_descent.py")
    W = namespace["W"]
    assert window.train_action.isVisible() and window.curves_dock.isVisibleTo(window)
    before = W.value.copy()
    with qtbot.waitSignal(window.graphShown, timeout=30_000):
        window.step_action.trigger()
    assert window.trainer.step == 1
    # the player shows the Variables' values after the step
    shown = {s.node: s.value for s in window.panel.forward.steps}
    np.testing.assert_allclose(shown[W], W.value)
    assert not np.allclose(W.value, before)
    window.train_action.trigger()  # play
    qtbot.waitUntil(lambda: window.trainer.step > 20, timeout=30_000)
    with qtbot.waitSignal(window.graphShown, timeout=30_000):
        window.train_action.trigger()  # pause: the graph follows
    steps, losses = window.curves.train_loss_curve.getData()
    assert len(losses) >= 20 and losses[-1] < losses[0]
    window.close()
    assert not window.trainer.isRunning()


def test_closing_while_training_stops_the_thread(qtbot):
    window, _ = open_window(qtbot, "ch5_multilayer_perceptron.py")
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.trainer.step > 5, timeout=30_000)
    window.close()
    assert not window.trainer.isRunning()


def test_the_check_marks_a_wrong_user_op_red_and_the_rest_green(qtbot):
    window, _ = open_window(qtbot, "wrong_gradient.py")
    with qtbot.waitSignal(window.checked, timeout=60_000):
        window.check_action.trigger()
    marks = {node.name: level for node, (level, _) in window.panel.view.node_marks().items()}
    assert marks["cube"] == "wrong"
    assert marks["J"] == "ok"
    assert marks["x"] == "wrong"  # the wrong op spoils the Variable's gradient through it
    assert window.check_table.verdicts()["cube"].startswith("WRONG")
    window.close()


def test_the_check_passes_a_right_graph(qtbot):
    window, _ = open_window(qtbot, "ch4_gradient_descent.py")
    with qtbot.waitSignal(window.checked, timeout=60_000) as blocker:
        window.check_action.trigger()
    rows = blocker.args[0]
    assert rows and all(r.verdict == "ok" for r in rows)
    marks = window.panel.view.node_marks()
    assert {level for level, _ in marks.values()} == {"ok"}
    assert {n.name for n in marks} >= {"W", "b", "p", "J"}
    window.close()
