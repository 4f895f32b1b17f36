"""The landscape view: surfaces off the GUI thread, the path, parameter picking, train-only, closing, errors."""

import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdviz.landscape.batched import flatten
from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.training.models import ModelConfig
from gdviz.training.trainer import Trainer
from gdviz.ui.landscape.landscape_view import LandscapeView

SMALL = ModelConfig(kind="mlp", hidden=(6,), activation="tanh", optimizer="momentum", learning_rate=0.2)
TIMEOUT = 20000


@pytest.fixture
def moons():
    return make_dataset(DatasetConfig(name="moons", n_points=80, seed=2))


@pytest.fixture
def view(qtbot):
    widget = LandscapeView()
    qtbot.addWidget(widget)
    widget.resize(420, 400)
    widget.show()
    yield widget
    widget.shutdown()


def optimizer_state(trainer):
    opt = trainer.model.optimizer
    return {"kind": trainer.config.optimizer, "learning_rate": opt.learning_rate,
            "iterations": opt.iterations, "hyper": {"momentum": getattr(opt, "momentum", 0.9)},
            "slots": {i: {k: a.copy() for k, a in opt.slots(v).items()}
                      for i, v in enumerate(trainer.model.variables)}}


def start(qtbot, view, config, dataset, **kwargs):
    trainer = Trainer(config, dataset)
    with qtbot.waitSignal(view.thread.surfaceReady, timeout=TIMEOUT) as blocker:
        view.set_problem(config, dataset, trainer.model.get_weights(), **kwargs)
    return trainer, blocker.args[0]


def test_the_surface_is_computed_off_the_gui_thread_and_drawn(qtbot, view, moons):
    _, result = start(qtbot, view, SMALL, moons)
    assert result.computed_by != threading.get_ident()
    qtbot.waitUntil(lambda: view._shown is result)
    assert view.plot.image.image.shape == (64, 64)
    assert view.plot.getAxis("bottom").labelText == "W1[0,0]"
    qtbot.waitUntil(lambda: "J = " in view.status.text(), timeout=TIMEOUT)
    assert view.error.isHidden()


def test_set_weights_moves_the_point_extends_the_path_and_draws_the_optimizers_step(qtbot, view, moons):
    trainer, _ = start(qtbot, view, SMALL, moons)
    for _ in range(5):
        trainer.train(3)
        with qtbot.waitSignal(view.thread.pointReady, timeout=TIMEOUT):
            view.set_weights(trainer.model.get_weights(), trainer.step, optimizer_state(trainer))
    assert len(view._path) == 6
    x, y = view.plot.path.getData()
    flat = flatten(trainer.model.get_weights())
    assert len(x) == 6 and x[-1] == flat[0] and y[-1] == flat[1]
    assert tuple(view.plot.current.getData()[0]) == (flat[0],)
    # Momentum's arrow: from the point by −lr·(μ·accum + g), in weight units.
    qtbot.waitUntil(lambda: view.plot.arrows["momentum_step"].shaft.isVisible())
    ax, ay = view.plot.arrows["momentum_step"].shaft.getData()
    state = optimizer_state(trainer)
    accum = flatten([state["slots"][i]["accum"] for i in range(len(state["slots"]))])
    step = -0.2 * (0.9 * accum[:2] + view._gradient[:2])
    np.testing.assert_allclose([ax[1] - ax[0], ay[1] - ay[0]], step, rtol=1e-9)
    view.clear_path()
    assert len(view._path) == 1


def test_choosing_parameters_by_combo_box_and_by_name_recomputes(qtbot, view, moons):
    start(qtbot, view, SMALL, moons)
    with qtbot.waitSignal(view.thread.surfaceReady, timeout=TIMEOUT,
                          check_params_cb=lambda r: (r.surface.i, r.surface.j) == (3, 1)):
        view.x_combo.setCurrentIndex(3)
    with qtbot.waitSignal(view.thread.surfaceReady, timeout=TIMEOUT,
                          check_params_cb=lambda r: (r.surface.i, r.surface.j) == (13, 3)):
        view.select_parameter("b1[1]")  # the Inspector's click: x, and the old x moves to y
    qtbot.waitUntil(lambda: view.plot.getAxis("bottom").labelText == "b1[1]")
    assert view.plot.getAxis("left").labelText == "W1[0,3]"
    with pytest.raises(ValueError, match="no weight called"):
        view.select_parameter("W9[0,0]")


def test_the_train_only_checkbox_emits_the_pair_or_none(qtbot, view, moons):
    start(qtbot, view, SMALL, moons)
    with qtbot.waitSignal(view.trainOnlyChanged) as blocker:
        view.train_only.setChecked(True)
    assert blocker.args == [(0, 1)]
    with qtbot.waitSignal(view.trainOnlyChanged) as blocker:
        view.y_combo.setCurrentIndex(4)
    assert blocker.args == [(0, 4)]
    with qtbot.waitSignal(view.trainOnlyChanged) as blocker:
        view.train_only.setChecked(False)
    assert blocker.args == [None]


def test_closing_the_view_mid_computation_stops_the_thread(qtbot, moons):
    big = make_dataset(DatasetConfig(name="moons", n_points=1000, seed=0))
    config = ModelConfig(kind="mlp", hidden=(16, 16), activation="tanh")
    view = LandscapeView()
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.thread.progress, timeout=TIMEOUT):  # a long surface under way
        view.set_problem(config, big, Trainer(config, big).model.get_weights())
    view.close()
    assert view.thread.isFinished() and not view.thread.isRunning()


def test_a_view_deleted_unclosed_stops_its_thread(qtbot, moons):
    view = LandscapeView()
    view.set_problem(SMALL, moons, Trainer(SMALL, moons).model.get_weights())
    thread = view.thread
    qtbot.waitUntil(thread.isRunning)
    finished = []
    # Direct: run in the ending thread itself, before the view's deletion deletes the QThread.
    thread.finished.connect(lambda: finished.append(True), Qt.DirectConnection)
    view.deleteLater()
    qtbot.waitUntil(lambda: bool(finished), timeout=TIMEOUT)  # (Qt aborts on a running QThread deleted)


def test_weights_of_the_wrong_shapes_give_an_error_in_the_view_not_a_crash(qtbot, view, moons):
    perceptron = Trainer(ModelConfig(kind="perceptron"), moons).model.get_weights()
    view.set_problem(SMALL, moons, perceptron)
    qtbot.waitUntil(lambda: not view.error.isHidden(), timeout=TIMEOUT)
    assert "do not fit" in view.error.text() and "(2, 6)" in view.error.text()
    trainer, _ = start(qtbot, view, SMALL, moons)  # a good problem clears it
    assert view.error.isHidden()
    view.set_weights(perceptron, 1)
    assert "got 6 weights for a model of 32" in view.error.text()


def test_the_projection_and_the_line_modes(qtbot, view, moons):
    trainer, _ = start(qtbot, view, SMALL, moons)
    for _ in range(6):
        trainer.train(5)
        view.set_weights(trainer.model.get_weights(), trainer.step)
    with qtbot.waitSignal(view.thread.surfaceReady, timeout=TIMEOUT,
                          check_params_cb=lambda r: r.mode == "plane") as blocker:
        view.set_mode("plane")
    assert "projection onto the path's two principal directions" in view.note.text()
    assert blocker.args[0].explained[0] > 0.5
    qtbot.waitUntil(lambda: view._shown is blocker.args[0])
    x, _ = view.plot.path.getData()
    assert len(x) == len(view._path) == 7
    # The current point is the plane's origin.
    assert np.allclose(view.plot.current.getData()[0], [0.0], atol=1e-12)
    with qtbot.waitSignal(view.thread.surfaceReady, timeout=TIMEOUT,
                          check_params_cb=lambda r: r.mode == "line") as blocker:
        view.set_mode("line")
    line = blocker.args[0].surface
    qtbot.waitUntil(lambda: view.plot.line.isVisible() and not view.plot.image.isVisible())
    tx, ty = view.plot.tangent.getData()
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(line.slope)
    assert tuple(view.plot.step_mark.getData()[0]) == (0.2,)  # t = lr


def test_other_runs_paths_are_drawn_and_cleared(qtbot, view, moons):
    trainer, _ = start(qtbot, view, SMALL, moons)
    rows = np.array([flatten(trainer.model.get_weights()) + k * 0.01 for k in range(5)])
    view.add_path("adam", rows, "#8c564b")
    x, y = view.plot.extra["adam"].getData()
    np.testing.assert_array_equal(x, rows[:, 0])
    with pytest.raises(ValueError, match="rows of shape"):
        view.add_path("bad", rows[:, :3], "k")
    view.clear_extra_paths()
    assert not view.plot.extra


def test_while_training_moves_the_point_off_the_surface_it_is_redrawn_coarse_then_full(qtbot, view, moons,
                                                                                      monkeypatch):
    from gdviz.ui.landscape import landscape_view

    monkeypatch.setattr(landscape_view, "MOVING_SURFACE_INTERVAL_S", 0.0)
    trainer, first = start(qtbot, view, SMALL, moons)
    qtbot.waitUntil(lambda: view._shown is first)
    far = [w + 10.0 for w in trainer.model.get_weights()]  # far outside the surface drawn
    with qtbot.waitSignal(view.thread.surfaceReady, timeout=TIMEOUT,
                          check_params_cb=lambda r: r.surface.J.shape == (32, 32)) as coarse:
        view.set_weights(far, trainer.step + 1)
    np.testing.assert_array_equal(coarse.args[0].surface.point.weights, flatten(far))
    # Training stops there: once the weights have settled, the full grid replaces it.
    with qtbot.waitSignal(view.thread.surfaceReady, timeout=TIMEOUT,
                          check_params_cb=lambda r: r.surface.J.shape == (64, 64)):
        pass
    qtbot.waitUntil(lambda: view.plot.image.image.shape == (64, 64), timeout=TIMEOUT)
