"""The session model (Qt-free): one owner, edits that undo themselves, progress kept apart."""

from dataclasses import replace

import numpy as np

from gdviz.session.files import Session
from gdviz.session.model import Progress, SessionModel
from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.training.models import ModelConfig, initial_weights


def _model():
    dataset = make_dataset(DatasetConfig())
    model = SessionModel(Session(dataset=dataset, model_config=ModelConfig()))
    changes = []
    model.changed.connect(changes.append)
    return model, changes


def _train(model, step=40):
    weights = [w + 1.0 for w in initial_weights(model.model_config, model.dataset.n_classes)]
    curve = (np.array([1.0, step]), np.array([0.9, 0.3]))
    model.report_progress(Progress(tuple(weights), step, curve, curve))
    return weights


def test_a_point_edit_continues_and_undo_restores_only_the_points():
    model, changes = _model()
    weights = _train(model)
    before = model.dataset
    edit = model.edit_points(before.with_point_added(0.5, 0.5, 1), "Add a point")
    model.apply(edit)
    assert len(model.dataset) == len(before) + 1 and model.step == 40
    assert changes[-1].fields == {"dataset"} and not changes[-1].restarts
    _train(model, step=50)  # training went on meanwhile
    model.apply(edit, undo=True)
    assert len(model.dataset) == len(before) and model.step == 50  # progress is not undone
    np.testing.assert_array_equal(model.weight_list()[0], weights[0] + 0.0)


def test_a_new_dataset_starts_afresh_and_undo_goes_back_to_where_training_was():
    model, changes = _model()
    weights = _train(model)
    circles = DatasetConfig(name="circles")
    edit = model.choose_dataset(make_dataset(circles), circles)
    model.apply(edit)
    assert model.step == 0 and model.weight_list() is None and len(model.session.loss_history) == 0
    assert model.dataset_config.name == "circles" and changes[-1].restarts
    model.apply(edit, undo=True)
    assert model.step == 40 and model.dataset_config.name == "tutorial"
    np.testing.assert_array_equal(model.weight_list()[0], weights[0])
    assert len(model.session.loss_history) == 2
    model.apply(edit)  # redo
    assert model.dataset_config.name == "circles" and model.step == 0


def test_a_learning_rate_continues_an_architecture_restarts():
    model, changes = _model()
    _train(model)
    model.apply(model.choose_model(replace(model.model_config, learning_rate=0.5)))
    assert model.step == 40 and not changes[-1].restarts
    model.apply(model.choose_model(ModelConfig(kind="mlp", hidden=(4,))))
    assert model.step == 0 and changes[-1].restarts and model.weight_list() is None


def test_any_edit_clears_the_warning():
    model, _ = _model()
    seen = []
    model.warning_changed.connect(seen.append)
    model.set_warning("Training diverged at step 3")
    model.apply(model.choose_model(replace(model.model_config, learning_rate=0.01)))
    assert model.warning is None and seen == ["Training diverged at step 3", None]


def test_opening_a_dataset_file_names_it_and_keeps_the_model():
    model, changes = _model()
    dataset = make_dataset(DatasetConfig(name="moons"))
    model.path = "old.gdviz"
    edit = model.choose_dataset(dataset, origin="points.csv", path=None)
    model.apply(edit)
    assert model.path is None  # Ctrl+S asks for a file: it never overwrites old.gdviz
    assert model.source_text() == "points.csv" and model.dataset is dataset and changes[-1].restarts
    model.apply(edit, undo=True)
    assert model.origin is None and model.source_text() == model.dataset.name
    assert model.path == "old.gdviz"


def test_restart_with_new_weights():
    model, _ = _model()
    _train(model)
    fresh = initial_weights(model.model_config, 2, seed=7)
    model.apply(model.restart(fresh, "New weights"))
    assert model.step == 0
    np.testing.assert_array_equal(model.weight_list()[0], fresh[0])


def test_the_weights_on_screen_and_at_a_past_step_come_from_the_model():
    model, _ = _model()
    start = initial_weights(model.model_config, model.dataset.n_classes)
    for ours, theirs in zip(model.weights_now(), start):  # nothing trained: the starting weights
        np.testing.assert_array_equal(ours, theirs)
    rows = np.stack([np.concatenate([np.ravel(w) + k for w in start]) for k in range(3)])
    model.report_progress(Progress(tuple(w + 2 for w in start), 2, weight_history=(np.arange(3.0), rows)))
    np.testing.assert_array_equal(model.weights_now()[0], start[0] + 2)
    step, weights = model.weights_at(1)
    assert step == 1 and [w.shape for w in weights] == [w.shape for w in start]
    np.testing.assert_array_equal(weights[1], start[1] + 1)
