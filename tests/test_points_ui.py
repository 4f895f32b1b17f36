"""Points in the training panel, with real mouse events: a clicked point shows its pull, halos
follow each point's own loss, the class picker, draw mode's one-edit strokes, the batch ring."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from _mouse import click, drag, quick_gestures, view_pos
from gdviz.lesson.point_pull import own_losses, point_pull
from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.training.models import Model, ModelConfig, initial_weights
from gdviz.ui.training.points_item import HALO_SIZE, SYMBOL_SIZE
from gdviz.ui.training.pull_overlay import HALO_FULL_LOSS, number
from gdviz.ui.training.training_panel import TrainingPanel

BLOBS3 = DatasetConfig(name="blobs3", n_points=30, seed=2)


@pytest.fixture
def make_panel(qtbot):
    restore = quick_gestures()
    panels = []

    def make(dataset=None, config=None):
        panel = TrainingPanel(dataset, config, grid_size=40)
        qtbot.addWidget(panel)
        panel.resize(700, 700)
        panel.show()
        qtbot.waitExposed(panel)
        panel.boundary_view.scene().minDragTime = 0
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        panel.shutdown()
        assert not panel.worker.isRunning()
        assert not panel.point_tools.pull_thread._thread.is_alive()
    restore()


def _focus(qtbot, panel):
    """Keys go to the boundary view, in the active window (where the panel's shortcuts live)."""
    panel.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is panel, timeout=5000)
    panel.boundary_view.setFocus()


def _model_now(panel):
    """A model at the session's weights, as the panel's pull thread sees them."""
    session = panel.session
    weights = session.weight_list() or initial_weights(session.model_config, session.dataset.n_classes)
    return Model(session.model_config, session.dataset.n_classes, weights)


def _empty_spot(panel):
    """A data point far from every point, inside the view."""
    xmin, xmax, ymin, ymax = panel.boundary_view.extent
    xs, ys = np.meshgrid(np.linspace(xmin + 0.5, xmax - 0.5, 15), np.linspace(ymin + 0.5, ymax - 0.5, 15))
    candidates = np.column_stack([xs.ravel(), ys.ravel()])
    X = panel.dataset().X
    gaps = np.min(np.linalg.norm(candidates[:, None] - X[None], axis=2), axis=1)
    return candidates[int(np.argmax(gaps))]


def test_a_click_on_a_point_shows_its_arrow_and_numbers(qtbot, make_panel):
    panel = make_panel()
    view = panel.boundary_view
    n = len(panel.dataset())
    index = 7
    with qtbot.waitSignal(view.pointSelected, check_params_cb=lambda i: i == index):
        click(view, view_pos(view, *panel.dataset().X[index]))
    qtbot.wait_until(lambda: view.pull is not None and view.pull_label.isVisible(), timeout=5000)
    assert len(panel.dataset()) == n  # a click on a point adds nothing
    expected = point_pull(_model_now(panel), panel.dataset(), index)
    np.testing.assert_allclose(view.pull.dx, expected.dx, rtol=1e-9)
    text = view.pull_label.text()
    assert f"Point {index}" in text and "∂J/∂W" in text and "∂J/∂b" in text
    assert number(expected.dx[0]) in text and number(expected.shares["b"][0]) in text
    # The arrow starts at the point and goes the way ∂J/∂x points.
    assert view.pull_arrow.isVisible()
    x, y = view.pull_arrow.getData()
    origin, tip = np.array([x[0], y[0]]), np.array([x[1], y[1]])
    np.testing.assert_allclose(origin, panel.dataset().X[index])
    cosine = np.dot(tip - origin, expected.dx) / np.linalg.norm(tip - origin) / np.linalg.norm(expected.dx)
    assert cosine > 0.5
    assert "length" in view.pull_arrow.toolTip()
    # Esc clears it.
    _focus(qtbot, panel)
    with qtbot.waitSignal(view.pointSelected, check_params_cb=lambda i: i == -1):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.pull_label.isVisible() and not view.pull_arrow.isVisible()


def test_a_click_elsewhere_clears_the_selection_and_adds_nothing(qtbot, make_panel):
    panel = make_panel()
    view = panel.boundary_view
    n = len(panel.dataset())
    click(view, view_pos(view, *panel.dataset().X[3]))
    qtbot.wait_until(lambda: view.pull is not None, timeout=5000)
    qtbot.wait(5)
    with qtbot.waitSignal(view.pointSelected, check_params_cb=lambda i: i == -1):
        click(view, view_pos(view, *_empty_spot(panel)))
    assert len(panel.dataset()) == n and view.pull is None
    qtbot.wait(5)
    click(view, view_pos(view, *_empty_spot(panel)))  # with nothing selected a click adds
    assert len(panel.dataset()) == n + 1


def test_the_selection_follows_training(qtbot, make_panel):
    panel = make_panel()
    view = panel.boundary_view
    click(view, view_pos(view, *panel.dataset().X[0]))
    qtbot.wait_until(lambda: view.pull is not None, timeout=5000)
    first = view.pull.dx.copy()
    panel.play()
    qtbot.wait_until(lambda: panel.last_frame is not None and panel.last_frame.snapshot.step > 20, timeout=10_000)
    panel.pause()
    qtbot.wait_until(lambda: panel.last_frame is not None and not panel.last_frame.playing, timeout=5000)
    expected = None

    def caught_up():
        nonlocal expected
        expected = point_pull(_model_now(panel), panel.dataset(), 0)
        return view.pull is not None and np.allclose(view.pull.dx, expected.dx, rtol=1e-9, atol=0)

    qtbot.wait_until(caught_up, timeout=5000)
    assert not np.allclose(expected.dx, first)


def test_halos_follow_each_points_own_loss(qtbot, make_panel):
    panel = make_panel(make_dataset(BLOBS3), ModelConfig(kind="mlp", hidden=(6,)))
    points = panel.boundary_view.points
    qtbot.wait_until(lambda: points.halo_diameters() is not None, timeout=5000)
    own = own_losses(_model_now(panel), panel.dataset())
    expected = SYMBOL_SIZE + np.clip(own / HALO_FULL_LOSS, 0, 1) * (HALO_SIZE - SYMBOL_SIZE)
    np.testing.assert_allclose(points.halo_diameters(), expected, rtol=1e-9)
    assert np.ptp(expected) > 3  # the halos differ visibly
    assert "own loss" in panel.boundary_view.toolTip()
    # The halos are painted: beside the point with the biggest halo, a pixel outside the
    # point itself changes when the halos are hidden.
    view = panel.boundary_view
    worst = int(np.argmax(own))
    assert expected[worst] >= SYMBOL_SIZE + 8  # the probe below falls outside the point
    pos = view_pos(view, *panel.dataset().X[worst])
    probe = view.viewport().mapTo(view, pos.toPoint()) + QPoint(0, int(expected[worst] / 2) - 2)
    with_halos = view.grab().toImage().pixelColor(probe)
    points.set_halos(None)
    without = view.grab().toImage().pixelColor(probe)
    assert with_halos != without


def test_the_class_picker_adds_a_class_2_point(qtbot, make_panel):
    panel = make_panel(make_dataset(BLOBS3))
    tools, view = panel.point_tools, panel.boundary_view
    visible = [b.objectName() for b in tools.class_buttons if b.isVisible()]
    assert visible == ["classButton0", "classButton1", "classButton2"]
    qtbot.mouseClick(tools.class_buttons[2], Qt.MouseButton.LeftButton)
    n = len(panel.dataset())
    click(view, view_pos(view, *_empty_spot(panel)))
    assert len(panel.dataset()) == n + 1 and panel.dataset().labels[-1] == 2
    # Key 2 picks class 1, and the picker shows it; key 4 is not a class here.
    _focus(qtbot, panel)
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert tools.class_buttons[1].isChecked()
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert tools.class_buttons[1].isChecked()
    qtbot.wait(5)
    click(view, view_pos(view, *_empty_spot(panel)))
    assert panel.dataset().labels[-1] == 1


def test_a_draw_stroke_is_one_edit_that_undo_removes_whole(qtbot, make_panel):
    panel = make_panel(make_dataset(BLOBS3))
    view = panel.boundary_view
    panel.set_point_class(2)
    _focus(qtbot, panel)
    qtbot.keyClick(view, Qt.Key.Key_D)
    assert view.draw_mode and panel.point_tools.draw_button.isChecked()
    n, edits = len(panel.dataset()), panel.undo_stack.count()
    start = view_pos(view, -2.0, -2.0)
    drag(view, start, QPointF(start.x() + 150, start.y() - 60), steps=10)
    added = len(panel.dataset()) - n
    assert added >= 20
    assert panel.undo_stack.count() == edits + 1
    assert np.all(panel.dataset().labels[n:] == 2)
    xmin, xmax, ymin, ymax = view.extent
    new = panel.dataset().X[n:]
    assert np.all((new[:, 0] >= xmin) & (new[:, 0] <= xmax) & (new[:, 1] >= ymin) & (new[:, 1] <= ymax))
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(panel.dataset()) == n and len(view.points.pos) == n
    # Draw mode off (D again): a drag from an empty spot moves nothing and adds nothing.
    qtbot.keyClick(view, Qt.Key.Key_D)
    assert not view.draw_mode
    drag(view, start, QPointF(start.x() + 150, start.y() - 60), steps=5)
    assert len(panel.dataset()) == n


def test_the_batch_is_ringed_at_a_slow_pace(qtbot, make_panel):
    config = ModelConfig(kind="mlp", hidden=(6,), batch_size=5)
    panel = make_panel(make_dataset(BLOBS3), config)
    points = panel.boundary_view.points
    panel.set_pace(10)
    panel.play()
    qtbot.wait_until(lambda: points.marked is not None and panel.last_frame is not None, timeout=10_000)
    frame = panel.last_frame
    assert len(points.marked) == 5
    np.testing.assert_array_equal(points.marked, frame.snapshot.batch)
    panel.boundary_view.grab()  # the rings paint
    panel.set_pace(None)  # as fast as it goes: no ring
    qtbot.wait_until(lambda: points.marked is None, timeout=10_000)
    panel.pause()


def test_no_ring_without_mini_batches(qtbot, make_panel):
    panel = make_panel(make_dataset(BLOBS3), ModelConfig(kind="mlp", hidden=(6,)))
    panel.set_pace(5)
    panel.step_once()
    qtbot.wait_until(lambda: panel.last_frame is not None and panel.last_frame.snapshot.step >= 1, timeout=10_000)
    assert panel.boundary_view.points.marked is None


def test_a_clicked_point_has_its_term_in_the_players_weight_gradient(qtbot):
    """Issue 11, item 2: the clicked point's share, highlighted in the backprop player's sum."""
    from PySide6.QtCore import QSettings
    import tempfile

    from gdviz.ui.window.main_window import MainWindow, tutorial_session

    w = MainWindow(settings=QSettings(tempfile.mktemp(suffix=".ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.apply_session(tutorial_session())
    w.show()
    player = w.graph_panel.player
    w.training.boundary_view.pointSelected.emit(3)
    assert player.row == 3
    steps = w.graph_panel.backward.steps
    at_w = next(i for i, s in enumerate(steps) if s.node.name == "W")
    player.seek(at_w + 1)
    assert "Point row 3's term of Xᵀ·G" in player.explanation.text()
    player.seek(at_w)  # another step: no term
    assert "Point row" not in player.explanation.text()
    w.training.boundary_view.pointSelected.emit(-1)
    assert player.row is None
    w.shutdown()
