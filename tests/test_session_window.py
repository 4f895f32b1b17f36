"""The window follows the one session: what a user sees after changing the points or
the model, undoing, opening a file, a warning, and while saving.

Each test drives the window as a user does (keys, clicks on the boundary view) and
waits on conditions, never on time.
"""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from _mouse import click, quick_gestures, view_pos
from _window import dialogs, open_through, window  # noqa: F401 (fixtures)
from gdviz.lesson.trace_text import format_number
from gdviz.resources import example_session_path
from gdviz.session import files
from gdviz.training.datasets import DatasetConfig, data_extent, make_dataset
from gdviz.training.trainer import Trainer

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TIMEOUT_MS = 10_000


# **** helpers ****

@pytest.fixture
def gestures():
    """Clicks back to back are clicks, not double-clicks."""
    restore = quick_gestures()
    yield
    restore()


def activate(qtbot, window):
    """The window is the active one, so that its shortcuts take the keys."""
    qtbot.wait_until(lambda: window.activateWindow() or window.isActiveWindow(), timeout=3000)


def focus(qtbot, widget):
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.wait_until(widget.hasFocus, timeout=3000)


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier):
    """A key pressed in the window (its shortcuts answer whatever has the focus)."""
    qtbot.keyClick(window, key, modifiers)


def type_learning_rate(qtbot, window, text):
    box = window.controls.rate_box
    focus(qtbot, box)
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    # Away from the text field, which would take Space and Ctrl+Z for itself.
    focus(qtbot, window.training.boundary_view)


def play_to(qtbot, window, step):
    """Play training until the view shows ``step``, then pause (Space)."""
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.training.is_playing()
    wait_for_session_step(qtbot, window, step)
    press(qtbot, window, Qt.Key.Key_Space)
    assert not window.training.is_playing()


def wait_for_session_step(qtbot, window, step):
    """Wait until the session is at ``step`` (or later): frames of this run only."""
    qtbot.wait_until(lambda: window.session.step >= step, timeout=TIMEOUT_MS)


def trail_lines(window) -> list:
    """The trail's lines on screen, each an (n, 2) array of segment ends."""
    lines = []
    for curve in window.training.boundary_view.trail_curves:
        x, y = curve.getData()
        if x is not None and len(x):
            lines.append(np.column_stack([x, y]))
    return lines


def curve_data(curve) -> tuple:
    """A curve's (steps, values) as given to it (``getData`` gives what is drawn: thinned)."""
    x, y = curve.getOriginalDataset()
    return (np.zeros(0), np.zeros(0)) if x is None else (np.asarray(x), np.asarray(y))


def record_boundaries(window, monkeypatch) -> list:
    """Record (extent, boundary segments) of every frame drawn from now on."""
    view = window.training.boundary_view
    drawn = []
    original = view.set_probabilities

    def recording(probabilities, extent, heatmap=None, segments=None):
        original(probabilities, extent, heatmap, segments)
        x, y = view.boundary.getData()
        drawn.append((tuple(extent), (None, None) if x is None else (np.array(x), np.array(y))))

    monkeypatch.setattr(view, "set_probabilities", recording)
    return drawn


def assert_trail_from(window, drawn):
    """Every trail line is a boundary of the frames in ``drawn``: none from before."""
    for line in trail_lines(window):
        assert any(x is not None and len(x) == len(line) and np.allclose(np.column_stack([x, y]), line)
                   for _, (x, y) in drawn), "a trail line from before the change"


def free_spots(window, n) -> list:
    """``n`` places in the boundary view with no point near them, to click on."""
    view = window.training.boundary_view
    xmin, xmax, ymin, ymax = view.extent
    X = window.session.dataset.X
    grid = [(x, y) for x in np.linspace(xmin, xmax, 9)[1:-1] for y in np.linspace(ymin, ymax, 9)[1:-1]]
    grid.sort(key=lambda p: -np.min(np.hypot(X[:, 0] - p[0], X[:, 1] - p[1])))
    return grid[:n]


def add_points(qtbot, window, spots):
    """Left-click each spot on the boundary view: each click adds a point."""
    view = window.training.boundary_view
    for x, y in spots:
        count = len(window.session.dataset)
        click(view, view_pos(view, x, y))
        qtbot.wait_until(lambda: len(window.session.dataset) == count + 1, timeout=3000)


def choose(qtbot, box, data, key=Qt.Key.Key_Down):
    """Move a combo box to ``data`` by arrow keys, as a user does, one item at a time."""
    focus(qtbot, box)
    for _ in range(box.count()):
        if box.currentData() == data:
            return
        qtbot.keyClick(box, key)
    assert box.currentData() == data


def status_loss_text(window) -> str:
    return window.status_labels["loss"].text()


# **** item 1: a new dataset starts afresh ****

def test_choosing_other_points_starts_training_afresh_on_them(window, qtbot, monkeypatch):
    activate(qtbot, window)
    play_to(qtbot, window, 40)
    curve = window.training.train_loss_curve
    qtbot.wait_until(lambda: bool(trail_lines(window)) and len(curve_data(curve)[0]) > 0, timeout=TIMEOUT_MS)
    statuses = []
    window.training.status_changed.connect(statuses.append)
    drawn = record_boundaries(window, monkeypatch)
    # Down, Down: XOR, then circles, two fresh starts in a row.
    choose(qtbot, window.controls.dataset_box, "circles")
    session = window.session
    assert session.dataset_config.name == "circles" and session.step == 0
    assert session.progress.weights is None  # the model's starting weights
    assert len(curve_data(window.training.train_loss_curve)[0]) == 0
    assert trail_lines(window) == []
    fresh = Trainer(session.model_config, session.dataset)  # what circles starts at
    qtbot.wait_until(lambda: status_loss_text(window) == f"Loss J {format_number(fresh.loss)}",
                     timeout=TIMEOUT_MS)
    # Nothing from the runs before was drawn: not the tutorial's step, not XOR's loss.
    assert statuses and all(s.step == 0 and s.loss == pytest.approx(fresh.loss) for s in statuses)
    extent = data_extent(session.dataset)
    assert drawn and all(e == pytest.approx(extent) for e, _ in drawn)
    assert window.status_labels["step"].text() == "Step 0"
    for shown, start in zip(session.progress.weights, fresh.model.get_weights()):
        np.testing.assert_allclose(shown, start)
    assert len(curve_data(window.training.train_loss_curve)[0]) == 0
    assert_trail_from(window, drawn)


# **** item 2: redo keeps the edits after a dataset change ****

def test_redo_after_undoing_everything_brings_back_the_points_added_after_a_dataset_change(
        window, qtbot, gestures):
    activate(qtbot, window)
    stack = window.undo_stack
    choose(qtbot, window.controls.dataset_box, "xor")
    spots = free_spots(window, 2)
    add_points(qtbot, window, spots)
    with_points = window.session.dataset
    assert stack.count() == 3
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert stack.index() == 0 and window.session.dataset_config.name == "tutorial"
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)  # the dataset change again...
    assert window.session.dataset_config.name == "xor"
    assert window.controls.dataset_box.currentData() == "xor"
    assert stack.count() == 3 and window.actions_by_name["redo"].isEnabled()  # ...and the points wait
    for _ in range(2):
        press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stack.index() == 3
    np.testing.assert_array_equal(window.session.dataset.X, with_points.X)
    np.testing.assert_array_equal(window.training.boundary_view.dataset.X, with_points.X)
    assert not window.actions_by_name["redo"].isEnabled()


# **** item 3: the graph view follows the session ****

def wait_for_graph(qtbot, window):
    """Until the step about to happen is traced and shown (the graph follows edits off
    the GUI thread)."""
    qtbot.wait_until(lambda: "its backprop, with the current" in window.graph_panel.caption.text(),
                     timeout=TIMEOUT_MS)


def test_the_graph_shows_the_new_model_while_paused_and_says_which_step_while_playing(window, qtbot):
    activate(qtbot, window)
    caption = window.graph_panel.caption
    choose(qtbot, window.controls.dataset_box, "moons")
    dataset = window.session.dataset
    wait_for_graph(qtbot, window)  # traced off the GUI thread
    X = next(n for n in window.graph_panel.view.nodes() if n.name == "X")
    np.testing.assert_array_equal(window.graph_panel.player.value_at(X), dataset.X[dataset.train_mask])
    choose(qtbot, window.controls.model_box, "mlp")
    assert caption.text().endswith("working out its backprop…")  # the window never waits
    wait_for_graph(qtbot, window)
    names = {n.name for n in window.graph_panel.view.nodes()}
    assert {"W1", "b1", "W2", "b2", "W3", "b3", "J"} <= names and "W" not in names
    assert caption.text().startswith("Step 1, about to happen")
    # Playing, the graph keeps the step it shows, and says it is an earlier one.
    press(qtbot, window, Qt.Key.Key_Space)
    wait_for_session_step(qtbot, window, 5)
    type_learning_rate(qtbot, window, "0.05")
    assert window.session.model_config.learning_rate == 0.05
    assert caption.isVisible() and caption.text().startswith("Showing step 1")
    assert "about to happen" not in caption.text()


# **** item 4: no trail from before ****

def test_no_trail_lines_from_an_earlier_model_or_dataset(window, qtbot, dialogs, monkeypatch):
    activate(qtbot, window)
    play_to(qtbot, window, 40)
    qtbot.wait_until(lambda: bool(trail_lines(window)), timeout=TIMEOUT_MS)
    choose(qtbot, window.controls.model_box, "mlp")
    assert trail_lines(window) == []
    drawn = record_boundaries(window, monkeypatch)
    play_to(qtbot, window, 40)
    qtbot.wait_until(lambda: bool(trail_lines(window)), timeout=TIMEOUT_MS)
    assert_trail_from(window, drawn)
    # Opening an example session: its own boundary only. Training goes on, so a frame of
    # the opened session may be drawn (and begin its trail) before open_through returns:
    # what counts is what was drawn from the moment the session was applied.
    window.session_files.fileOpened.connect(lambda *_: drawn.clear())
    dialogs["open"] = str(example_session_path("moons-trained"))
    open_through(qtbot, window, lambda: press(qtbot, window, Qt.Key.Key_O, CTRL))
    assert window.session.path == example_session_path("moons-trained")
    assert_trail_from(window, drawn)
    play_to(qtbot, window, window.session.step + 40)
    qtbot.wait_until(lambda: bool(trail_lines(window)), timeout=TIMEOUT_MS)
    assert_trail_from(window, drawn)


# **** item 5: a reopened session ****

def test_a_reopened_session_shows_its_curves_and_is_not_marked_modified(window, qtbot, dialogs, tmp_path):
    activate(qtbot, window)
    play_to(qtbot, window, 30)
    path = tmp_path / "mine.gdviz"
    dialogs["save"] = str(path)
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    saved = files.load_session(path)
    assert len(saved.loss_history) >= 30
    choose(qtbot, window.controls.dataset_box, "moons")  # afresh: the curves empty
    assert len(curve_data(window.training.train_loss_curve)[0]) == 0
    dialogs["open"] = str(path)
    open_through(qtbot, window, lambda: press(qtbot, window, Qt.Key.Key_O, CTRL))  # Save changes? Discard

    def shows_the_files_curve():
        steps, losses = curve_data(window.training.train_loss_curve)
        return (np.array_equal(steps, saved.loss_history[:, 0])
                and np.allclose(losses, saved.loss_history[:, 1]))

    assert shows_the_files_curve()
    assert not window.isWindowModified()
    # The training process's first frame of the opened session (it may have come already,
    # while the file was being opened) keeps the file's curves and leaves it unmodified.
    opened = window.training.worker.posted  # the serial of the last command: the file's state
    qtbot.wait_until(lambda: window.training.last_frame is not None
                     and window.training.last_frame.applied >= opened, timeout=TIMEOUT_MS)
    assert window.training.last_frame.snapshot.step == saved.step
    assert shows_the_files_curve() and not window.isWindowModified()


# **** item 6: opening a CSV ****

def test_an_opened_csv_is_named_and_ctrl_s_asks_for_a_session_file(window, qtbot, dialogs, tmp_path):
    activate(qtbot, window)
    session_path = tmp_path / "first.gdviz"
    dialogs["save"] = str(session_path)
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert window.session.path == session_path
    before = session_path.read_bytes()
    csv = tmp_path / "x.csv"
    files.save_dataset(csv, make_dataset(DatasetConfig(name="moons", n_points=60)))
    dialogs["open"] = str(csv)
    open_through(qtbot, window, lambda: press(qtbot, window, Qt.Key.Key_O, CTRL))
    assert window.controls.dataset_box.currentText() == "From file: x.csv"
    assert "x.csv" in window.windowTitle() and "first.gdviz" not in window.windowTitle()
    del dialogs["calls"][:]
    dialogs["save"] = ""  # the user cancels the file dialog
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert dialogs["calls"] == ["save"]
    assert session_path.read_bytes() == before


# **** item 7: a warning clears ****

def test_a_warning_clears_on_undo_of_its_cause_and_at_the_next_edit(
        window, qtbot, dialogs, tmp_path, gestures):
    activate(qtbot, window)
    config = window.session.model_config
    assert (config.kind, config.reduction) == ("perceptron", "sum")
    type_learning_rate(qtbot, window, "100")
    assert window.session.model_config.learning_rate == 100
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.wait_until(lambda: "stopped at step" in window.warning_label.text(), timeout=TIMEOUT_MS)
    assert window.training.warning_label.isVisible()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the learning rate back to 0.01
    assert window.session.model_config.learning_rate == 0.01
    assert window.warning_label.text() == "" and not window.training.warning_label.isVisible()
    # A refused file: its warning stays until the next edit.
    bad = tmp_path / "nan.csv"
    bad.write_text("x,y,label\nnan,0,0\n1,1,1\n")
    dialogs["open"] = str(bad)
    open_through(qtbot, window, lambda: press(qtbot, window, Qt.Key.Key_O, CTRL))
    assert "Refused nan.csv" in window.warning_label.text()
    add_points(qtbot, window, free_spots(window, 1))
    assert window.warning_label.text() == "" and not window.training.warning_label.isVisible()


# **** item 11: a point added while paused ****

def test_a_point_added_while_paused_updates_the_loss_at_once_without_a_step(window, qtbot, gestures):
    qtbot.wait_until(lambda: window.training.last_frame is not None
                     and status_loss_text(window) != "Loss J –", timeout=TIMEOUT_MS)
    session = window.session
    before, step = status_loss_text(window), session.step
    weights = session.weight_list()
    add_points(qtbot, window, free_spots(window, 1))
    expected = Trainer(session.model_config, session.dataset, weights, step).loss
    qtbot.wait_until(lambda: status_loss_text(window) == f"Loss J {format_number(expected)}",
                     timeout=TIMEOUT_MS)
    assert status_loss_text(window) != before
    assert window.status_labels["step"].text() == f"Step {step}"
    assert session.step == step and window.training.last_frame.snapshot.step == step
    assert not window.training.is_playing()


# **** item 12: Save changes? holds training ****

def test_training_is_paused_while_save_changes_is_asked_and_plays_on_after_cancel(
        window, qtbot, dialogs, monkeypatch):
    activate(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    wait_for_session_step(qtbot, window, 10)  # steps since the last save: a change
    asked = []

    def question(*args, **kwargs):
        asked.append((window.training.is_playing(), window.training.worker.state().playing))
        return dialogs["question"]

    monkeypatch.setattr(QMessageBox, "question", question)
    dialogs["question"] = QMessageBox.Cancel
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    assert asked == [(False, False)]  # nothing trained while the user decides
    assert window.isVisible() and window.training.is_playing()
    assert window.actions_by_name["play"].text() == "Pause training"
    wait_for_session_step(qtbot, window, window.session.step + 10)
    dialogs["question"] = QMessageBox.Discard


# **** lost work ****

def test_ctrl_s_saves_the_points_on_screen_while_the_training_process_is_frozen(
        window, qtbot, dialogs, tmp_path, gestures):
    activate(qtbot, window)
    path = tmp_path / "mine.gdviz"
    dialogs["save"] = str(path)
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.wait_until(lambda: window.training.worker.process_id is not None, timeout=TIMEOUT_MS)
    pid = window.training.worker.process_id
    n = len(window.session.dataset)
    os.kill(pid, signal.SIGSTOP)
    try:
        add_points(qtbot, window, free_spots(window, 3))
        assert window.isWindowModified()
        press(qtbot, window, Qt.Key.Key_S, CTRL)
        on_screen = window.training.boundary_view.dataset
        saved = files.load_session(path).dataset
        assert len(saved) == len(on_screen) == n + 3
        np.testing.assert_array_equal(saved.X, on_screen.X)
        np.testing.assert_array_equal(saved.labels, on_screen.labels)
        assert not window.isWindowModified()
    finally:
        os.kill(pid, signal.SIGCONT)


def test_a_save_that_fails_unexpectedly_keeps_the_window_open_and_says_why(
        window, qtbot, dialogs, tmp_path, monkeypatch):
    activate(qtbot, window)
    dialogs["save"] = str(tmp_path / "mine.gdviz")
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    type_learning_rate(qtbot, window, "0.05")
    assert window.isWindowModified()

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(files, "save_session", broken)
    dialogs["question"] = QMessageBox.Save
    assert not window.close()
    assert window.isVisible()
    assert "RecursionError" in window.warning_label.text()
    assert window.isWindowModified()
    dialogs["question"] = QMessageBox.Discard


def test_each_control_says_what_changing_it_does_to_training(window):
    controls = window.controls
    for widget in (controls.dataset_box, controls.size_box, controls.model_box, controls.widths_edit):
        assert "starts training afresh" in widget.toolTip()
    for widget in (controls.rate_box, controls.optimizer_box, controls.reduction_box):
        assert "continues training from the current weights" in widget.toolTip()
