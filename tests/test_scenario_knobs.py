"""The playground's knobs in the controls: input features, the batch size, a penalty and λ.

Each control makes one undoable edit of the session, and undo puts it back, on screen
too. A features change starts training afresh (the first layer changes shape); a
batch-size or penalty change continues from the current weights. The knobs drop down
from a More button, so that the strip still fits at 1280×800.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from _window import dialogs, window  # noqa: F401  (fixtures)

TIMEOUT_MS = 10000


def _choose(box: QComboBox, key) -> None:
    box.setCurrentIndex(box.findData(key))


def _shown(controls) -> dict:
    """What the knobs' widgets show."""
    return {
        "features": tuple(f for f, check in controls.feature_checks.items() if check.isChecked()),
        "batch_size": controls.batch_box.value(),
        "penalty": controls.penalty_box.currentData(),
        "penalty_rate": controls.penalty_rate_box.value(),
    }


def _train_a_few_steps(qtbot, window, steps=3):
    for _ in range(steps):
        target = window.session.step + 1
        window.actions_by_name["step"].trigger()
        qtbot.waitUntil(lambda: window.session.step >= target, timeout=TIMEOUT_MS)


KNOBS = [
    # (what, change the controls, field, its new value, restarts)
    ("feature", lambda c: c.feature_checks["x1^2"].setChecked(True), "features", ("x1", "x2", "x1^2"), True),
    ("batch", lambda c: c.batch_box.setValue(10), "batch_size", 10, False),
    ("penalty", lambda c: _choose(c.penalty_box, "l2"), "penalty", "l2", False),
    ("rate", lambda c: c.penalty_rate_box.setValue(0.25), "penalty_rate", 0.25, False),
]


@pytest.mark.parametrize("what, change, field, value, restarts", KNOBS, ids=[k[0] for k in KNOBS])
def test_each_knob_makes_one_undoable_edit(window, qtbot, what, change, field, value, restarts):
    _train_a_few_steps(qtbot, window)
    session, stack, controls = window.session, window.undo_stack, window.controls
    before, step, count = session.model_config, session.step, stack.count()
    shown_before = _shown(controls)
    changes = []
    session.changed.connect(changes.append)
    change(controls)
    qtbot.waitUntil(lambda: stack.count() == count + 1, timeout=TIMEOUT_MS)
    assert getattr(session.model_config, field) == value
    assert len(changes) == 1 and changes[0].restarts == restarts
    if restarts:  # another architecture: new weights, step 0
        assert session.step == 0 and session.progress.weights is None
    else:  # the same weights, trained on from where they were
        assert session.step == step
    assert _shown(controls)[field] == value
    stack.undo()
    assert session.model_config == before and session.step == step
    assert _shown(controls) == shown_before
    stack.redo()
    assert getattr(session.model_config, field) == value and _shown(controls)[field] == value


def test_tooltips_say_what_each_knob_does_to_training(window):
    controls = window.controls
    for check in controls.feature_checks.values():
        assert "starts training afresh" in check.toolTip()
    for widget in (controls.batch_box, controls.penalty_box, controls.penalty_rate_box):
        assert "continues training from the current weights" in widget.toolTip()
    assert "All" in controls.batch_box.toolTip() and "mini-batch" in controls.batch_box.toolTip()
    assert "J = data_loss + penalty" in controls.penalty_box.toolTip()


def test_the_more_button_names_the_knobs_in_use(window, qtbot):
    controls = window.controls
    assert controls.more_button.text() == "More ▾"
    assert "batch all" in controls.more_button.toolTip() and "penalty none" in controls.more_button.toolTip()
    assert not controls.penalty_rate_box.isEnabled()  # no penalty, no λ
    _choose(controls.penalty_box, "l1")
    qtbot.waitUntil(lambda: window.session.model_config.penalty == "l1", timeout=TIMEOUT_MS)
    controls.batch_box.setValue(8)
    qtbot.waitUntil(lambda: window.session.model_config.batch_size == 8, timeout=TIMEOUT_MS)
    assert controls.more_button.text() == "More (2) ▾"
    assert "batch 8" in controls.more_button.toolTip() and "L1, λ = 0" in controls.more_button.toolTip()
    assert controls.penalty_rate_box.isEnabled()
    assert controls.batch_box.text() == "8"
    controls.batch_box.setValue(0)
    assert controls.batch_box.text() == "All"


def test_the_last_input_feature_cannot_be_unticked(window, qtbot):
    checks = window.controls.feature_checks
    checks["x2"].setChecked(False)
    qtbot.waitUntil(lambda: window.session.model_config.features == ("x1",), timeout=TIMEOUT_MS)
    assert not checks["x1"].isEnabled()  # the model needs an input
    assert all(check.isEnabled() for feature, check in checks.items() if feature != "x1")
    checks["sin(x2)"].setChecked(True)
    qtbot.waitUntil(lambda: window.session.model_config.features == ("x1", "sin(x2)"), timeout=TIMEOUT_MS)
    assert checks["x1"].isEnabled()


def test_the_more_panel_drops_down_with_every_knob(window, qtbot):
    controls = window.controls
    qtbot.mouseClick(controls.more_button, Qt.LeftButton)
    qtbot.waitUntil(controls.more_panel.isVisible, timeout=TIMEOUT_MS)
    for widget in (*controls.feature_checks.values(), controls.batch_box, controls.penalty_box,
                   controls.penalty_rate_box):
        assert widget.isVisible(), widget.objectName()
    controls.more_panel.hide()


def test_the_graph_shows_the_penalty_as_ops(window, qtbot):
    _choose(window.controls.penalty_box, "l2")
    qtbot.waitUntil(lambda: "penalty" in {n.name for n in window.graph_panel.view.nodes()},
                    timeout=TIMEOUT_MS)
    names = {n.name for n in window.graph_panel.view.nodes()}
    assert {"J", "data_loss", "penalty", "λ", "ΣW²"} <= names


def test_a_files_order_of_features_survives_other_edits(qtbot):
    # The order of the features is the order of the first weights' rows: another knob
    # must not reorder them (that would be another architecture, and a restart).
    from dataclasses import replace

    from gdviz.training.datasets import DatasetConfig
    from gdviz.training.models import ModelConfig
    from gdviz.ui.window.scenario_controls import ScenarioControls

    controls = ScenarioControls()
    qtbot.addWidget(controls)
    config = ModelConfig(features=("sin(x1)", "x1"))
    controls.set_configs(DatasetConfig(), config)
    with qtbot.waitSignal(controls.modelConfigChanged) as blocker:
        controls.batch_box.setValue(5)
    assert blocker.args[0] == replace(config, batch_size=5)
    with qtbot.waitSignal(controls.modelConfigChanged) as blocker:
        controls.feature_checks["x2"].setChecked(True)  # another set: the list's order
    assert blocker.args[0].features == ("x1", "x2", "sin(x1)")
