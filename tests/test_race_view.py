"""The race view: runs off the GUI thread, fills curves and table, pauses, resets, ends cleanly."""

import threading

import numpy as np
import pytest
import shiboken6

from gdviz.training import race as race_module
from gdviz.training.datasets import make_dataset
from gdviz.training.models import ModelConfig, initial_weights
from gdviz.training.race import entrants_for, flatten
from gdviz.ui.race.race_view import RACE_COLOURS, RaceView
from gdviz.ui.race.race_worker import MAX_SNAPSHOTS_IN_FLIGHT, RaceWorker

CONFIG = ModelConfig(learning_rate=0.1)


@pytest.fixture
def view(qtbot):
    widget = RaceView()
    qtbot.addWidget(widget)
    widget.resize(420, 400)
    widget.show()
    yield widget
    widget.close()


def _set(view, config=CONFIG, steps=300, dataset=None):
    dataset = dataset or make_dataset()
    weights = initial_weights(config, dataset.n_classes, seed=5)
    view.steps_spin.setValue(steps)
    view.set_problem(config, dataset, weights)
    return weights


def _steps_column(view):
    return [view.table.item(row, 1).text() for row in range(view.table.rowCount())]


def _over(view, steps):
    return view.snapshot() is not None and view.snapshot().rounds == steps and not view.is_running()


def test_start_runs_off_the_gui_thread_and_fills_curves_and_table(qtbot, view, monkeypatch):
    threads = set()
    step = race_module.Race.step

    def recording_step(self, n=1):
        threads.add(threading.get_ident())
        return step(self, n)

    monkeypatch.setattr(race_module.Race, "step", recording_step)
    weights = _set(view, steps=300)
    assert view.table.rowCount() == 3 and _steps_column(view) == ["–"] * 3
    view.start_button.click()
    assert view.start_button.text() == "Pause"
    qtbot.wait_until(lambda: _over(view, 300), timeout=20_000)
    assert threads and threading.get_ident() not in threads
    curves = view.curves()
    assert list(curves) == ["gradient descent", "momentum", "Adam"]
    for steps, losses in curves.values():
        assert steps[0] == 1 and steps[-1] == 300 and np.all(np.isfinite(losses))
    # The tutorial's clouds: every optimizer halves the loss within 300 steps.
    assert all(text.replace(",", "").isdigit() for text in _steps_column(view))
    assert view.start_button.text() == "Start" and "over" in view.status_label.text()
    paths = view.paths()
    assert [colour for colour, _ in paths.values()] == list(RACE_COLOURS[:3])
    for _, rows in paths.values():
        assert np.array_equal(rows[0], flatten(weights)) and len(rows) == 301
    # Rows coloured like their curves.
    assert view.table.item(1, 0).foreground().color().name().lower() == RACE_COLOURS[1].lower()


def test_pause_stops_progress_and_start_goes_on(qtbot, view):
    _set(view, config=ModelConfig(kind="mlp", hidden=(8, 8)), steps=50_000)
    view.start()
    qtbot.wait_until(lambda: view.snapshot() is not None and view.snapshot().rounds > 20, timeout=20_000)
    view.pause()
    assert view.worker.idle and not view.is_running()
    qtbot.wait_until(lambda: view.worker.emitted == view.snapshot_count, timeout=5000)
    paused_at = view.snapshot().rounds
    qtbot.wait(300)
    assert view.snapshot().rounds == paused_at < 50_000
    assert view.start_button.text() == "Start" and "paused" in view.status_label.text()
    view.start()
    qtbot.wait_until(lambda: view.snapshot().rounds > paused_at, timeout=20_000)
    view.pause()


def test_reset_clears_and_the_new_race_starts_from_the_same_weights(qtbot, view):
    weights = _set(view, steps=200)
    view.start()
    qtbot.wait_until(lambda: _over(view, 200), timeout=20_000)
    with qtbot.waitSignal(view.pathsChanged, timeout=1000):
        view.reset_button.click()
    assert _steps_column(view) == ["–"] * 3
    # The new race reports its start: empty curves, paths of one row, the start weights.
    qtbot.wait_until(lambda: view.snapshot() is not None, timeout=10_000)
    assert view.snapshot().rounds == 0
    assert all(len(steps) == 0 for steps, _ in view.curves().values())
    for _, rows in view.paths().values():
        assert len(rows) == 1 and np.array_equal(rows[0], flatten(weights))


def test_a_new_target_updates_the_table(qtbot, view):
    _set(view, steps=200)
    view.start()
    qtbot.wait_until(lambda: _over(view, 200), timeout=20_000)
    snapshot = view.snapshot()
    assert view.target_spin.value() == pytest.approx(0.5 * snapshot.start_loss, abs=1e-4)
    assert view.target_line.isVisible() and view.target_line.value() == view.target_spin.value()
    view.target_spin.setValue(snapshot.start_loss + 1)
    assert _steps_column(view) == ["1"] * 3  # the first step's loss is the start loss
    view.target_spin.setValue(0.0)
    assert _steps_column(view) == ["not reached"] * 3
    target = float(snapshot.entrants[0].curve[1][99])
    view.target_spin.setValue(target)
    assert _steps_column(view)[0] == str(snapshot.entrants[0].steps_to_reach(view.target_spin.value()))


def test_a_diverging_entrant_is_shown_as_such_while_the_other_goes_on(qtbot, view):
    view.compare_combo.setCurrentIndex(view.compare_combo.findData("learning rates"))
    _set(view, config=ModelConfig(reduction="sum", learning_rate=0.1), steps=300)  # 0.1 and 1
    view.start()
    qtbot.wait_until(lambda: _over(view, 300), timeout=20_000)
    small, large = view.snapshot().entrants
    assert large.diverged_at is not None and small.step == 300
    assert f"diverged at step {large.diverged_at}" in _steps_column(view)[1]
    assert "learning rate" in view.table.item(1, 1).toolTip()


def test_closing_the_view_while_running_stops_its_thread(qtbot, view):
    _set(view, config=ModelConfig(kind="mlp", hidden=(16, 16)), steps=50_000)
    view.start()
    worker = view.worker
    qtbot.wait_until(lambda: view.snapshot() is not None and view.snapshot().rounds > 5, timeout=20_000)
    view.close()
    assert not worker.isRunning() and view.worker is None


@pytest.mark.parametrize("state", ["running", "paused", "ready"])
def test_deleting_the_view_stops_its_thread_in_every_state(qtbot, state):
    view = RaceView()
    _set(view, steps=50_000)
    worker = view.worker
    if state != "ready":
        view.start()
        qtbot.wait_until(lambda: view.snapshot() is not None and view.snapshot().rounds > 5, timeout=20_000)
    if state == "paused":
        view.pause()
    shiboken6.delete(view)
    assert not worker.isRunning()


def test_snapshots_are_coalesced_far_below_one_per_step(qtbot, view):
    _set(view, steps=5000)
    view.start()
    qtbot.wait_until(lambda: _over(view, 5000), timeout=60_000)
    assert view.worker.emitted * 20 < 5000  # at most ~20 a second, never one a step
    assert view.snapshot_count == view.worker.emitted


def test_weights_that_do_not_fit_are_reported_not_raised(qtbot, view):
    view.set_problem(CONFIG, make_dataset(), [np.zeros((3, 3)), np.zeros(3)])
    qtbot.wait_until(lambda: "fit" in view.status_label.text(), timeout=10_000)
    assert not view.is_running()


def test_the_log_axis_and_the_comparisons_offered(qtbot, view):
    _set(view, steps=100)
    offered = [view.compare_combo.itemData(i) for i in range(view.compare_combo.count())]
    assert offered[:2] == ["optimizers", "learning rates"]
    assert ("penalties" in offered) == hasattr(ModelConfig(), "penalty")
    view.start()
    qtbot.wait_until(lambda: _over(view, 100), timeout=20_000)
    view.log_check.setChecked(True)
    assert view.plot.getAxis("left").logMode
    item = next(iter(view._curve_items.values()))
    assert np.allclose(item.curve.getData()[1], np.log10(view.curves()["gradient descent"][1]))


def test_every_control_has_a_tooltip_and_fits_a_small_dock(view):
    for widget in (view.compare_combo, view.steps_spin, view.start_button, view.reset_button,
                   view.log_check, view.target_spin, view.table, view.plot_widget):
        assert widget.toolTip()
    assert view.minimumSizeHint().width() <= 420 and view.minimumSizeHint().height() <= 400


def test_a_gui_that_does_not_keep_up_gets_at_most_two_snapshots_in_flight(qtbot):
    dataset = make_dataset()
    worker = RaceWorker(entrants_for("optimizers", CONFIG), dataset, initial_weights(CONFIG, 2), 50_000)
    received = []
    worker.snapshot_ready.connect(received.append)  # never acknowledged
    worker.play()
    try:
        qtbot.wait_until(lambda: len(received) == MAX_SNAPSHOTS_IN_FLIGHT, timeout=10_000)
        qtbot.wait(300)
        assert len(received) == MAX_SNAPSHOTS_IN_FLIGHT
        assert worker.pause(wait=True)
        # Where it paused is always sent; the race went on meanwhile.
        qtbot.wait_until(lambda: len(received) == MAX_SNAPSHOTS_IN_FLIGHT + 1, timeout=5000)
        assert received[-1].rounds > received[-2].rounds
    finally:
        assert worker.stop()
