"""The points layer: drawn where the data are, in their class colours; a drag moves one
point without rebuilding the others; the boundary grid is evaluated in float32."""

import numpy as np
import pytest
from PySide6.QtGui import QColor

from _mouse import drag, view_pos
from gdviz.training.boundary import CLASS_COLOURS
from gdviz.training.datasets import Dataset, DatasetConfig, make_dataset
from gdviz.training.models import Model, ModelConfig
from gdviz.ui.training.boundary_view import BoundaryView
from gdviz.ui.training.training_panel import TrainingPanel


@pytest.fixture
def view(qtbot):
    view = BoundaryView()
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.set_extent((-3, 3, -3, 3))
    view.set_dataset(Dataset(np.array([[-1.5, -1.5], [1.5, 1.5], [1.5, -1.5]]), [0, 1, 1],
                             is_test=[False, False, True]))
    view.show()
    qtbot.waitExposed(view)
    return view


def _pixel(view, x, y) -> QColor:
    image = view.grab().toImage()
    pos = view_pos(view, x, y).toPoint()
    return image.pixelColor(pos.x(), pos.y())


def test_each_point_is_drawn_where_it_is_in_its_class_colour(view):
    red, blue = (QColor(*(int(c) for c in CLASS_COLOURS[k])) for k in (0, 1))
    for (x, y), colour in (((-1.5, -1.5), red), ((1.5, 1.5), blue)):
        pixel = _pixel(view, x, y)
        assert abs(pixel.red() - colour.red()) < 40 and abs(pixel.blue() - colour.blue()) < 40
    hollow = _pixel(view, 1.5, -1.5)  # a test point: a ring, white inside
    assert hollow.red() > 230 and hollow.green() > 230 and hollow.blue() > 230
    empty = _pixel(view, 0.0, 2.5)
    assert empty.red() > 230 and empty.green() > 230  # nothing drawn where no point is


def test_moving_a_point_moves_only_it(view):
    before = view.points.pos.copy()
    view.move_point(0, -2.0, 2.0)
    assert view.points.pos[0].tolist() == [-2.0, 2.0]
    np.testing.assert_array_equal(view.points.pos[1:], before[1:])
    pixel, colour = _pixel(view, -2.0, 2.0), QColor(*(int(c) for c in CLASS_COLOURS[0]))
    assert abs(pixel.red() - colour.red()) < 40 and abs(pixel.blue() - colour.blue()) < 40


def test_a_drag_rebuilds_the_points_once_when_it_ends(qtbot, monkeypatch):
    panel = TrainingPanel(make_dataset(DatasetConfig(n_points=200)), ModelConfig(), grid_size=20)
    qtbot.addWidget(panel)
    panel.resize(600, 600)
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.boundary_view
    rebuilt = []
    original = BoundaryView.set_dataset
    monkeypatch.setattr(BoundaryView, "set_dataset", lambda self, d: (rebuilt.append(len(d)), original(self, d)))
    before = panel.dataset().X.copy()
    x, y = before[0]
    drag(view, view_pos(view, x, y), view_pos(view, x + 0.5, y + 0.5), steps=10)
    qtbot.wait_until(lambda: panel.undo_stack.count() == 1, timeout=5000)
    assert rebuilt == [200]  # once, at the end: the moves only moved the one point
    moved = np.flatnonzero(np.any(panel.dataset().X != before, axis=1))
    assert len(moved) == 1  # the point under the mouse, and no other
    np.testing.assert_allclose(panel.dataset().X[moved[0]], (x + 0.5, y + 0.5), atol=0.25)
    panel.shutdown()


def test_the_boundary_grid_is_evaluated_in_float32():
    model = Model(ModelConfig(kind="mlp", hidden=(16, 16)), 2, dtype=np.float32)
    assert all(v.value.dtype == np.float32 for v in model.variables)
    p = model.predict(np.zeros((10, 2), dtype=np.float32))
    assert p.dtype == np.float32
    run = model.graph.latest_run
    assert all(value.dtype == np.float32 for value in run.values.values())  # no silent upcast
