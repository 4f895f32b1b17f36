"""The boundary view: contours, heatmap, items updated in place, mouse edits."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage

from _mouse import click, drag, quick_gestures, view_pos
from gdviz.training.datasets import Dataset
from gdviz.ui.training.boundary_view import BoundaryView, boundary_segments, contour_segments, heatmap_rgb, heatmap_rgb32

EXTENT = (-3.0, 3.0, -3.0, 3.0)


def _grid(n=60):
    xs = ys = np.linspace(-3, 3, n)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, gx, gy


def test_contour_of_a_circle_lies_on_the_circle():
    xs, ys, gx, gy = _grid()
    segments = contour_segments(np.hypot(gx, gy), xs, ys, level=2.0)
    assert len(segments) > 50 and len(segments) % 2 == 0
    np.testing.assert_allclose(np.hypot(*segments.T), 2.0, atol=0.02)


def test_two_class_boundary_is_the_half_isocurve():
    xs, ys, gx, gy = _grid()
    p0 = 1 / (1 + np.exp(-(gx + gy)))  # boundary: the line x + y = 0
    probabilities = np.stack([p0, 1 - p0], axis=-1)
    segments = boundary_segments(probabilities, EXTENT)
    np.testing.assert_allclose(segments.sum(axis=1), 0, atol=1e-9)


def test_three_class_boundary_follows_the_argmax_borders():
    xs, ys, gx, gy = _grid()
    logits = np.stack([gx, -gx, 3 * gy], axis=-1)
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probabilities = e / e.sum(axis=-1, keepdims=True)
    segments = boundary_segments(probabilities, EXTENT)
    x, y = segments.T
    # On a border two logits tie: x = -x (x=0), x = 3y or -x = 3y.
    ties = np.minimum(np.minimum(np.abs(x), np.abs(x - 3 * y)), np.abs(-x - 3 * y))
    assert len(segments) > 0 and np.all(ties < 0.15)


def test_heatmap_blends_class_colours():
    p = np.zeros((2, 2, 2))
    p[0, 0] = (1, 0)
    p[1, 1] = (0, 1)
    p[0, 1] = p[1, 0] = (0.5, 0.5)
    rgb = heatmap_rgb(p)
    assert rgb.dtype == np.uint8 and rgb.shape == (2, 2, 3)
    assert rgb[0, 0, 2] > rgb[0, 0, 0]  # class 0: blue
    assert rgb[1, 1, 0] > rgb[1, 1, 2]  # class 1: red


@pytest.fixture
def view(qtbot):
    view = BoundaryView()
    qtbot.addWidget(view)
    view.resize(500, 500)
    view.show()
    qtbot.waitExposed(view)
    view.scene().minDragTime = 0  # simulate drags quickly
    view.set_extent(EXTENT)
    view.set_dataset(Dataset([[0.0, 0.0], [1.0, 1.0], [-2.0, 1.0]], [0, 1, 0], is_test=[False, False, True]))
    qtbot.wait(50)
    restore = quick_gestures()
    yield view
    restore()


def test_heatmap_pixels_are_qt_rgb32_of_the_blended_colours():
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(3), size=(5, 7))
    rgb, pixels = heatmap_rgb(p), heatmap_rgb32(p)
    assert pixels.dtype == np.uint32 and pixels.shape == (5, 7)
    for shift, channel in ((16, 0), (8, 1), (0, 2)):
        np.testing.assert_array_equal((pixels >> shift) & 0xFF, rgb[..., channel])
    assert np.all(pixels >> 24 == 0xFF)  # opaque


def test_the_heatmap_on_screen_has_each_class_colour_on_its_side(view, qtbot):
    """The model says class 0 in the top-left quarter only: the pixels there show the
    heatmap's blue and elsewhere its red (the image the right way up and round)."""
    xs, ys, gx, gy = _grid(60)
    p0 = ((gx < 0) & (gy > 0)).astype(float)
    view.set_probabilities(np.stack([p0, 1 - p0], axis=-1), EXTENT)
    qtbot.wait(20)
    image = view.grab().toImage()
    blue, red = heatmap_rgb(np.array([[[1.0, 0.0], [0.0, 1.0]]]))[0]
    for x in (-0.7, 0.7):
        for y in (-0.7, 0.7):
            expected = blue if (x, y) == (-0.7, 0.7) else red
            pos = view.plotItem.vb.mapViewToScene(QPointF(x * EXTENT[1], y * EXTENT[3]))
            colour = image.pixelColor(view.mapFromScene(pos))
            assert (colour.red(), colour.green(), colour.blue()) == tuple(expected), (x, y)


def test_items_are_updated_in_place(view):
    image, boundary = view.image, view.boundary
    xs, ys, gx, gy = _grid(40)
    for shift in (0.0, 1.0):
        p0 = 1 / (1 + np.exp(-(gx - shift)))
        view.set_probabilities(np.stack([p0, 1 - p0], axis=-1), EXTENT)
    assert view.image is image and view.boundary is boundary
    # Fixed colours in Qt's own pixel format: shown as they are, with no conversion.
    assert view.image.qimage.format() == QImage.Format.Format_RGB32
    np.testing.assert_array_equal(view.image.image, heatmap_rgb32(np.stack([p0, 1 - p0], axis=-1)))
    x, _ = view.boundary.getData()
    np.testing.assert_allclose(x, 1.0, atol=1e-9)  # the latest boundary, x = 1
    assert view.redraw_count == 2


def test_trail_keeps_the_last_boundaries(view):
    xs, ys, gx, gy = _grid(40)
    for shift in (-1.0, 0.0, 1.0):
        p0 = 1 / (1 + np.exp(-(gx - shift)))
        view.set_probabilities(np.stack([p0, 1 - p0], axis=-1), EXTENT)
        view.push_trail()
    drawn = [c.getData()[0] for c in view.trail_curves if c.getData()[0] is not None and len(c.getData()[0])]
    assert sorted(round(float(x[0]), 6) for x in drawn) == [-1.0, 0.0, 1.0]
    view.set_trail_visible(False)
    assert all(c.getData()[0] is None or len(c.getData()[0]) == 0 for c in view.trail_curves)


def test_mouse_drag_moves_a_point_and_keeps_it_in_view(qtbot, view):
    moves, finished = [], []
    view.point_dragged.connect(lambda *a: moves.append(a))
    view.drag_finished.connect(lambda *a: finished.append(a))
    drag(view, view_pos(view, 1.0, 1.0), view_pos(view, 2.0, -1.0))
    assert moves and moves[-1][0] == 1
    assert moves[-1][1:] == pytest.approx((2.0, -1.0), abs=0.05)
    assert finished[-1][0] == 1 and finished[-1][1:3] == (1.0, 1.0)
    # Past the edge of the view: clamped to the extent.
    qtbot.wait(5)
    drag(view, view_pos(view, 0.0, 0.0), QPointF(view.width() + 50, 10))
    assert moves[-1][0] == 0 and moves[-1][1] == pytest.approx(3.0)


def test_drag_on_empty_space_moves_nothing(qtbot, view):
    moves = []
    view.point_dragged.connect(lambda *a: moves.append(a))
    drag(view, view_pos(view, -1.0, -2.0), view_pos(view, 2.0, 2.0))
    assert moves == []


def test_clicks_add_and_remove(qtbot, view):
    added, removed = [], []
    view.add_requested.connect(lambda *a: added.append(a))
    view.remove_requested.connect(removed.append)
    click(view, view_pos(view, 2.0, -2.0))
    qtbot.wait(5)
    click(view, view_pos(view, -2.0, -2.0), modifiers=Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(5)
    click(view, view_pos(view, -2.0, 1.0), button=Qt.MouseButton.RightButton)
    qtbot.wait(5)
    click(view, view_pos(view, 0.0, 0.0))  # on a point: not an add
    assert added[0][:2] == pytest.approx((2.0, -2.0), abs=0.05) and added[0][2] is False
    assert added[1][2] is True and len(added) == 2
    assert removed == [2]
