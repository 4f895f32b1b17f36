"""Issue 10, item 1: a pace you can watch, a numbered trail at slow paces, a log loss axis."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from _window import dialogs, window  # noqa: F401 (fixtures)
from gdviz.session import files
from gdviz.ui.training.pace import PACES, nearest_pace, pace_text

TIMEOUT_MS = 15000


def test_paces_are_a_log_scale_to_as_fast_as_it_goes():
    assert PACES == (1, 2, 5, 10, 30, 100, 1000, None)
    assert [pace_text(p) for p in (1, 1000, None)] == ["1 step/s", "1,000 steps/s", "Max speed"]
    assert nearest_pace(4) == 5 and nearest_pace(0) is None and nearest_pace("fast") is None
    assert nearest_pace(float("nan")) is None and nearest_pace(10_000) is None


def test_the_tutorial_opens_at_a_watchable_pace(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from gdviz.ui.window.main_window import MainWindow, tutorial_session

    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.apply_session(tutorial_session())
    assert w.pace_box.pace() == 10 and w.training.pace == 10
    assert w.training.worker.pace == 10
    w.training.shutdown()


def test_keys_change_the_pace_and_the_session_keeps_it(window, qtbot):
    qtbot.waitUntil(lambda: window.activateWindow() or window.isActiveWindow(), timeout=3000)
    assert window.pace_box.pace() is None
    qtbot.keyClick(window, Qt.Key.Key_BracketLeft)
    assert window.pace_box.pace() == 1000 and window.training.pace == 1000
    for _ in range(10):
        qtbot.keyClick(window, Qt.Key.Key_BracketLeft)
    assert window.pace_box.pace() == 1  # and no further
    qtbot.keyClick(window, Qt.Key.Key_BracketRight)
    assert window.pace_box.pace() == 2
    assert window.session.view_settings["pace"] == 2
    assert window.session.session.view_settings["pace"] == 2  # what Save writes


def test_a_saved_pace_comes_back_when_the_file_opens(window, qtbot, tmp_path):
    window.pace_box.set_pace(5)
    path = tmp_path / "paced.gdviz"
    files.save_session(path, window.session.session)
    window.pace_box.set_pace(None)
    window.apply_session(files.load_session(path), path)
    assert window.pace_box.pace() == 5 and window.training.pace == 5


def test_at_a_slow_pace_each_step_joins_a_numbered_trail(window, qtbot):
    window.pace_box.set_pace(10)  # the fastest pace that numbers the lines
    window.training.play()
    qtbot.waitUntil(lambda: window.session.step >= 7, timeout=TIMEOUT_MS)
    window.pause_training()
    view = window.training.boundary_view
    qtbot.waitUntil(lambda: len(view.trail_labels()) == 5, timeout=TIMEOUT_MS)
    numbers = [int(t) for t in view.trail_labels()]
    assert numbers == sorted(numbers) and numbers[-1] < window.session.step
    assert all(b - a >= 1 for a, b in zip(numbers, numbers[1:]))
    assert view.boundary_label.isVisible()
    assert int(view.boundary_label.toPlainText()) == window.session.step
    # As fast as it goes: no numbers (a line every few hundred steps would be noise).
    window.pace_box.set_pace(None)
    assert view.trail_labels() == [] and not view.boundary_label.isVisible()


@pytest.mark.parametrize("pace", [30])
def test_training_at_a_pace_takes_about_that_many_steps(window, qtbot, pace):
    # Counted in steps per frame, not timed: at 30 a second, no frame jumps many steps.
    window.pace_box.set_pace(pace)
    steps = []
    window.session.progressed.connect(lambda: steps.append(window.session.step))
    window.training.play()
    qtbot.waitUntil(lambda: len(steps) >= 10, timeout=TIMEOUT_MS)
    window.pause_training()
    jumps = np.diff(steps)
    assert jumps.max() <= 3  # one step a frame, or a few after a busy moment


def test_the_loss_axis_can_be_logarithmic(window, qtbot):
    curves = window.training.curves_view
    window.training.play()
    qtbot.waitUntil(lambda: window.session.step >= 50, timeout=TIMEOUT_MS)
    window.pause_training()
    qtbot.waitUntil(lambda: curves.train_loss_curve.getOriginalDataset()[0] is not None
                    and len(curves.train_loss_curve.getOriginalDataset()[0]) == window.session.step,
                    timeout=TIMEOUT_MS)  # the paused frame's curves
    curves.set_log_loss(True)
    low, high = curves.loss_plot.viewRange()[1]
    losses = window.session.progress.loss_curve[1]
    positive = losses[losses > 0]
    assert low <= np.log10(positive.min()) and np.log10(positive.max()) <= high
    curves.set_log_loss(False)
    assert curves.loss_plot.viewRange()[1][0] <= 0 <= curves.loss_plot.viewRange()[1][1]
