"""Slides: animated GIFs of training and of the walk-through, the graph alone at a scale,
presentation mode (F5 / Esc), and ``--record`` on the real command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QKeySequence
from PySide6.QtCore import QSize, Qt

from _window import dialogs, training_step, window  # noqa: F401 (fixtures)
from gdviz.ui.slides import gif, menu
from gdviz.ui.slides.graph_export import export_graph_view, graph_size
from gdviz.ui.slides.presentation import (FONT_FACTOR, GRAPH_TEXT_PX, PEN_FACTOR, Presentation,
                                          graph_text_px)
from gdviz.ui.window.exports import graph_rect

ROOT = Path(__file__).resolve().parents[1]


def frames_of(path) -> int:
    with Image.open(path) as image:
        assert image.format == "GIF"
        return image.n_frames


# **** GIFs ****


@pytest.mark.parametrize("steps, every", [(12, 3), (10, 4), (5, 1)])
def test_a_training_gif_has_a_frame_every_k_steps(window, tmp_path, steps, every):
    path = tmp_path / "training.gif"
    start = training_step(window)
    seen = []
    frames = gif.record_training(window, path, steps, every=every,
                                 progress=lambda done, total: seen.append((done, total)))
    assert frames == steps // every == frames_of(path)
    assert seen == [(i, steps // every) for i in range(1, steps // every + 1)]
    assert training_step(window) == start + steps  # the window trained exactly N steps
    with Image.open(path) as image:
        assert image.info.get("loop") == 0  # for ever
        assert image.width <= gif.MAX_GIF_WIDTH


def test_a_gif_of_the_whole_window_is_scaled_to_a_slide(window, tmp_path):
    path = tmp_path / "window.gif"
    assert gif.record_training(window, path, 2, every=1, view="window") == 2
    with Image.open(path) as image:
        assert image.width == gif.MAX_GIF_WIDTH  # the 1500-pixel window, scaled down
        ratio = window.height() / window.width()
        assert abs((image.height - gif.CAPTION_HEIGHT * gif.MAX_GIF_WIDTH / window.width())
                   / image.width - ratio) < 0.02


def test_the_walkthrough_gif_has_a_frame_per_player_position(window, tmp_path):
    path = tmp_path / "walk.gif"
    frames = gif.record_walkthrough(window, path)
    player = window.graph_panel.player
    assert player.step_count > 5
    assert frames == player.step_count + 1 == frames_of(path)
    assert player.position == player.step_count  # it walked to the end


@pytest.mark.parametrize("steps, every, name, words", [
    (0, 1, "a.gif", "give 1 or more"),
    (5, 0, "a.gif", "a frame every 0 steps"),
    (5, 6, "a.gif", "a frame every 6 steps of 5"),
    (5, 1, "missing/a.gif", "does not exist"),
    (5, 1, "a.png", "name it *.gif"),
])
def test_bad_requests_are_refused_by_name_and_nothing_is_trained(window, tmp_path, steps, every,
                                                                 name, words):
    start = training_step(window)
    with pytest.raises(ValueError, match=words.replace("*", r"\*")) as refusal:
        gif.record_training(window, tmp_path / name, steps, every=every)
    if "/" in name or name.endswith(".png"):
        assert name.split("/")[0] in str(refusal.value)  # where: the path or its folder
    assert training_step(window) == start
    assert not list(tmp_path.glob("*.gif"))


def test_an_unknown_view_is_named_with_the_choices(window, tmp_path):
    with pytest.raises(ValueError, match="'inspector'.*training, boundary, curves, window"):
        gif.record_training(window, tmp_path / "a.gif", 4, view="inspector")


def test_cancelling_from_progress_writes_nothing(window, tmp_path):
    path = tmp_path / "cancelled.gif"
    with pytest.raises(gif.RecordCancelled):
        gif.record_training(window, path, 6, every=1, progress=lambda done, total: done < 2)
    assert not path.exists()


# **** the graph alone, at a scale ****


@pytest.mark.parametrize("scale", [1.0, 2.0, 3.0])
def test_the_graph_png_is_scale_times_the_graph(window, tmp_path, scale):
    view = window.graph_panel.view
    path = export_graph_view(view, tmp_path / "graph.png", scale)
    rect = graph_rect(view)
    with Image.open(path) as image:
        assert image.size == (graph_size(view, scale).width(), graph_size(view, scale).height())
        assert abs(image.width - rect.width() * scale) <= 1
        assert abs(image.height - rect.height() * scale) <= 1


def test_scale_two_is_twice_scale_one(window, tmp_path):
    view = window.graph_panel.view
    with Image.open(export_graph_view(view, tmp_path / "one.png", 1)) as one, \
            Image.open(export_graph_view(view, tmp_path / "two.png", 2)) as two:
        assert abs(two.width - 2 * one.width) <= 1 and abs(two.height - 2 * one.height) <= 1
        assert two.width > view.viewport().width() // 2  # the whole graph, not the visible part


def test_the_graph_svg_has_the_node_names_as_text_and_no_player(window, tmp_path):
    view = window.graph_panel.view
    text = export_graph_view(view, tmp_path / "graph.svg", 2).read_text()
    size = graph_size(view, 2)
    assert f'viewBox="0 0 {size.width()} {size.height()}"' in text
    words = re.findall(r"<text[^>]*>([^<]*)</text>", text)
    assert {node.name for node in view.nodes()} <= set(words)
    assert {"placeholder", "Variable", "softmax"} <= set(words)
    assert not {"Next ▶", "▶ Play walk-through", "Fit"} & set(words)  # no player controls


@pytest.mark.parametrize("path, scale, words", [
    ("graph.jpg", 2, "png or .svg"), ("graph.png", 0, "scale 0"), ("graph.png", 100, "scale 100"),
    ("nowhere/graph.png", 2, "does not exist"),
])
def test_bad_graph_exports_are_refused(window, tmp_path, path, scale, words):
    with pytest.raises((ValueError, OSError), match=words):
        export_graph_view(window.graph_panel.view, tmp_path / path, scale)


# **** presentation mode ****


@pytest.fixture
def presentation(window):
    """A rehearsal-sized presentation; the window's own (full screen) gives up its F5."""
    own = getattr(window, "presentation", None)
    if own is not None:
        own.action.setShortcut(QKeySequence())
    return Presentation(window, size=QSize(1280, 720))


def test_f5_presents_the_graph_large_and_esc_restores_it(qtbot, window, presentation):
    panel, view = window.graph_panel, window.graph_panel.view
    parent, index = panel.parentWidget(), panel.parentWidget().layout().indexOf(panel)
    button_font = panel.player.forward_button.font().pointSizeF()
    text_px = graph_text_px(view)
    edge = view.edge_item(*view.edges()[0])
    edge_width = edge.pen().widthF()
    window.activateWindow()
    with qtbot.waitSignal(presentation.entered):
        qtbot.keyClick(window, Qt.Key_F5)
    stage = presentation.stage
    assert panel.window() is stage and stage.size() == QSize(1280, 720)
    assert stage.windowFlags() & Qt.FramelessWindowHint
    assert panel.player.forward_button.font().pointSizeF() == pytest.approx(button_font * FONT_FACTOR)
    assert graph_text_px(view) >= GRAPH_TEXT_PX - 0.01 > text_px
    assert edge.pen().widthF() == pytest.approx(edge_width * PEN_FACTOR)
    panel.player.seek(3)  # a step sets its pens: they stay thick
    assert all(view.edge_item(*key).pen().widthF() >= 1.4 * PEN_FACTOR - 1e-9 for key in view.edges())
    panel.player.seek(0)

    with qtbot.waitSignal(presentation.left):
        qtbot.keyClick(stage, Qt.Key_Escape)
    assert not presentation.is_active
    assert panel.parentWidget() is parent and parent.layout().indexOf(panel) == index
    assert panel.window() is window and panel.isVisible()
    assert panel.player.forward_button.font().pointSizeF() == pytest.approx(button_font)
    assert edge.pen().widthF() == pytest.approx(edge_width)
    qtbot.waitUntil(lambda: abs(graph_text_px(view) - text_px) < 1.5)  # fits the window again
    assert not window.findChildren(type(panel), "presentationPlaceholder")


def test_the_training_view_on_stage_has_thick_lines_and_big_ticks_and_f5_leaves(qtbot, window, presentation):
    panel, dock = window.training, window.docks["training"]
    boundary, curves = panel.boundary_view, panel.curves_view
    widths = (boundary.boundary._pen.widthF(), panel.train_loss_curve.opts["pen"].widthF())
    axis = curves.loss_plot.getAxis("left")
    presentation.enter("training")
    assert panel.window() is presentation.stage and dock.widget() is not panel
    assert boundary.boundary._pen.widthF() == pytest.approx(widths[0] * PEN_FACTOR)
    assert panel.train_loss_curve.opts["pen"].widthF() == pytest.approx(widths[1] * PEN_FACTOR)
    assert axis.style["tickFont"].pointSizeF() == pytest.approx(window.font().pointSizeF() * FONT_FACTOR)
    assert panel.status_label.font().pointSizeF() > window.font().pointSizeF() * 1.5
    window.step_training()  # training goes on on stage
    qtbot.waitUntil(lambda: training_step(window) >= 1)

    with qtbot.waitSignal(presentation.left):
        qtbot.keyClick(presentation.stage, Qt.Key_F5)
    assert dock.widget() is panel and panel.window() is window
    assert (boundary.boundary._pen.widthF(), panel.train_loss_curve.opts["pen"].widthF()) == widths
    assert axis.style["tickFont"] is None
    assert panel.status_label.font().pointSizeF() == pytest.approx(window.font().pointSizeF())


def test_f5_presents_the_view_with_the_focus_and_closing_the_stage_leaves(qtbot, window, presentation):
    window.training.boundary_view.setFocus()
    assert presentation.chosen_view() == "training"
    presentation.toggle()
    assert presentation.view_name == "training"
    presentation.stage.close()
    assert not presentation.is_active and window.docks["training"].widget() is window.training
    with pytest.raises(ValueError, match="'inspector'"):
        presentation.enter("inspector")


# **** the command line ****


def run_main(*args, cwd):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_record_training_through_the_command_line(tmp_path):
    result = run_main("--record", "out.gif", "--view", "training", "--steps", "20", "--every", "5",
                      cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert frames_of(tmp_path / "out.gif") == 4


def test_record_the_walkthrough_through_the_command_line(tmp_path):
    result = run_main("--record", str(tmp_path / "walk.gif"), "--view", "graph", "--steps", "3",
                      cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert frames_of(tmp_path / "walk.gif") > 5


@pytest.mark.parametrize("args, words", [
    (["--record", "a.gif", "--view", "training", "--steps", "0"], "needs --steps N"),
    (["--record", "nowhere/a.gif", "--steps", "5"], "the folder 'nowhere' does not exist"),
    (["--record", "a.png", "--steps", "5"], "name it *.gif"),
    (["--record", "a.gif", "--steps", "5", "--every", "6"], "--every 6 is more than --steps 5"),
    (["--record", "a.gif", "--view", "race", "--steps", "5"], "--record animates"),
    (["--every", "3"], "--every only applies with --record"),
])
def test_bad_record_arguments_exit_2_with_a_clear_error(tmp_path, args, words):
    result = run_main(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.gif"))


# **** from the menus ****


def test_record_gif_from_the_menu_asks_for_a_file_and_says_what_it_wrote(window, dialogs, tmp_path):
    dialogs["save"] = str(tmp_path / "lecture")  # no suffix typed: .gif is added
    assert menu.record_gif(window, "training", steps=6, every=2)
    assert frames_of(tmp_path / "lecture.gif") == 3
    assert "lecture.gif (3 frames)" in window.statusBar().currentMessage()
    assert menu.record_gif(window, "walkthrough", path=str(tmp_path / "walk.gif"))
    assert frames_of(tmp_path / "walk.gif") == window.graph_panel.player.step_count + 1


def test_menu_commands_warn_and_write_nothing_on_bad_paths(window, dialogs, tmp_path):
    assert not menu.record_gif(window, "training", path=str(tmp_path / "no" / "a.gif"), steps=3, every=1)
    assert not menu.export_graph_at_scale(window, path=str(tmp_path / "no" / "g.png"), scale=2)
    assert dialogs["calls"].count("warning") == 2
    dialogs["save"] = ""  # the file dialog cancelled
    assert not menu.export_graph_at_scale(window, scale=2)


def test_export_graph_at_scale_from_the_menu(window, dialogs, tmp_path):
    dialogs["save"] = str(tmp_path / "graph.svg")
    assert menu.export_graph_at_scale(window, scale=3)
    assert (tmp_path / "graph.svg").exists() and "at 3×" in window.statusBar().currentMessage()


def test_presentation_fonts_grow_under_a_themes_style_sheet(qtbot, window, presentation):
    from PySide6.QtWidgets import QApplication

    from gdviz.ui.theme import ThemeManager

    app = QApplication.instance()
    before = app.styleSheet()
    ThemeManager(app, "dark")  # the theme's sheet styles every widget
    try:
        button = window.graph_panel.player.forward_button
        small = button.font().pointSizeF()
        presentation.enter("graph")
        qtbot.waitUntil(lambda: button.font().pointSizeF() >= small * 1.5, timeout=5000)
        presentation.leave()
    finally:
        app.setStyleSheet(before)
