"""Datasets and sessions survive a save and a load exactly; bad files are refused, clearly."""

import json
import os
from dataclasses import fields

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdviz import resources
from gdviz.session import atomic_save, file_checks, files
from gdviz.training.datasets import Dataset, DatasetConfig
from gdviz.session.files import FileFormatError, Session
from gdviz.training.models import ModelConfig
from gdviz.lesson.tutorial import build_tutorial_graph, tutorial_points


def make_dataset(n=30, n_classes=3, with_test=True, seed=0):
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % n_classes
    X = rng.standard_normal((n, 2)) * 10.0 ** rng.integers(-8, 8, (n, 1))
    is_test = (np.arange(n) % 4 == 0) if with_test else None
    return Dataset(X=X, labels=labels, n_classes=n_classes, is_test=is_test, name="blobs3")


def make_session():
    config = ModelConfig(kind="mlp", hidden=(4, 3), activation="relu", reduction="sum",
                         optimizer="adam", learning_rate=0.003, seed=7)
    return Session(
        dataset=make_dataset(),
        model_config=config,
        dataset_config=DatasetConfig(name="blobs3", n_points=30, noise=0.25, test_fraction=0.25, seed=3),
        weights=files.named_weights(config, [np.arange(8.0).reshape(2, 4) / 3, np.full(4, -0.1),
                                             np.ones((4, 3)) * 1e-9, np.zeros(3),
                                             np.eye(3) * -7.25, np.array([0.5, 1.0 / 3, 2.0])]),
        step=42,
        loss_history=np.column_stack([np.arange(0, 42, 2), np.linspace(3.0, 0.1, 21) ** 1.5]),
        accuracy_history=[[0, 0.25], [40, 1.0]],
        view_settings={"boundary": {"resolution": 128, "show_test": True}, "zoom": [1.5, -2]},
    )


def assert_same_dataset(a, b):
    assert np.array_equal(a.X, b.X) and a.X.dtype == b.X.dtype
    assert np.array_equal(a.labels, b.labels)
    assert np.array_equal(a.is_test, b.is_test)
    assert a.n_classes == b.n_classes


def refused(load, path, *fragments):
    """Loading ``path`` raises FileFormatError whose message holds every fragment."""
    with pytest.raises(FileFormatError) as info:
        load(path)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


# **** round trips ****


@pytest.mark.parametrize("suffix", [".csv", ".json"])
@pytest.mark.parametrize("with_test", [True, False])
def test_dataset_round_trip_is_exact(tmp_path, suffix, with_test):
    dataset = make_dataset(with_test=with_test)
    path = tmp_path / f"points{suffix}"
    files.save_dataset(path, dataset)
    loaded = files.load_dataset(path)
    assert_same_dataset(loaded, dataset)
    assert loaded.name == ("blobs3" if suffix == ".json" else "points")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(allow_nan=False, allow_infinity=False),
                          st.floats(allow_nan=False, allow_infinity=False)), min_size=2, max_size=20))
def test_any_finite_floats_round_trip_through_csv_and_json(tmp_path_factory, points):
    folder = tmp_path_factory.mktemp("rt")
    dataset = Dataset(X=np.array(points), labels=np.arange(len(points)) % 2)
    for name in ("d.csv", "d.json"):
        files.save_dataset(folder / name, dataset)
        assert_same_dataset(files.load_dataset(folder / name), dataset)


def test_session_round_trip_is_exact(tmp_path):
    session = make_session()
    files.save_session(tmp_path / "s.gdviz", session)
    loaded = files.load_session(tmp_path / "s.gdviz")
    assert_same_dataset(loaded.dataset, session.dataset)
    assert loaded.model_config == session.model_config
    assert loaded.dataset_config == session.dataset_config
    assert list(loaded.weights) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for name, w in session.weights.items():
        assert np.array_equal(loaded.weights[name], w) and loaded.weights[name].shape == w.shape
    assert loaded.step == 42
    for history in files.HISTORIES:
        assert np.array_equal(getattr(loaded, history), getattr(session, history))
    assert len(loaded.test_loss_history) == 0
    assert loaded.view_settings == session.view_settings


def test_session_file_is_readable_json_with_every_config_field(tmp_path):
    files.save_session(tmp_path / "s.gdviz", make_session())
    obj = json.loads((tmp_path / "s.gdviz").read_text())
    assert obj["format"] == "gdviz-session" and obj["format_version"] == files.FORMAT_VERSION
    assert set(obj["model_config"]) == {f.name for f in fields(ModelConfig)}
    assert set(obj["dataset_config"]) == {f.name for f in fields(DatasetConfig)}
    assert obj["weights"]["W1"] == (np.arange(8.0).reshape(2, 4) / 3).tolist()


def test_missing_optional_config_fields_take_their_defaults(tmp_path):
    files.save_session(tmp_path / "s.gdviz", make_session())
    obj = json.loads((tmp_path / "s.gdviz").read_text())
    del obj["model_config"]["activation"], obj["dataset_config"], obj["view_settings"]
    (tmp_path / "s.gdviz").write_text(json.dumps(obj))
    loaded = files.load_session(tmp_path / "s.gdviz")
    assert loaded.model_config.activation == ModelConfig().activation
    assert loaded.dataset_config == DatasetConfig() and loaded.view_settings == {}


def test_the_training_knobs_round_trip(tmp_path):
    config = ModelConfig(batch_size=16, penalty="l1", penalty_rate=0.25,
                         features=("x2", "sin(x1)", "x1*x2"))
    session = Session(dataset=make_dataset(), model_config=config,
                      weights=files.named_weights(config, [np.arange(9.0).reshape(3, 3), np.ones(3)]))
    files.save_session(tmp_path / "s.gdviz", session)
    obj = json.loads((tmp_path / "s.gdviz").read_text())
    assert obj["model_config"]["features"] == ["x2", "sin(x1)", "x1*x2"]
    loaded = files.load_session(tmp_path / "s.gdviz")
    assert loaded.model_config == config and loaded.weights["W"].shape == (3, 3)


def test_a_file_from_before_the_knobs_loads_with_their_defaults(tmp_path):
    files.save_session(tmp_path / "s.gdviz", make_session())
    obj = json.loads((tmp_path / "s.gdviz").read_text())
    for name in ("batch_size", "penalty", "penalty_rate", "features"):
        del obj["model_config"][name]
    (tmp_path / "old.gdviz").write_text(json.dumps(obj))
    loaded = files.load_session(tmp_path / "old.gdviz").model_config
    assert (loaded.batch_size, loaded.penalty, loaded.penalty_rate, loaded.features) == \
        (0, "none", 0.0, ("x1", "x2"))
    assert loaded == make_session().model_config


def test_weights_are_named_and_shaped_as_the_model_needs():
    mlp = ModelConfig(kind="mlp", hidden=(5,))
    assert files.parameter_shapes(mlp, 3) == {"W1": (2, 5), "b1": (5,), "W2": (5, 3), "b2": (3,)}
    assert files.parameter_shapes(ModelConfig(), 2) == {"W": (2, 2), "b": (2,)}
    squares = ModelConfig(kind="mlp", hidden=(5,), features=("x1", "x2", "x1^2", "x2^2"))
    assert files.parameter_shapes(squares, 3) == {"W1": (4, 5), "b1": (5,), "W2": (5, 3), "b2": (3,)}
    session = Session(dataset=make_dataset(), weights=files.named_weights(mlp, [np.ones((2, 5))] * 4))
    assert [w.shape for w in session.weight_list()] == [(2, 5)] * 4


# **** refusals ****


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text) if isinstance(text, str) else path.write_bytes(text)
    return path


def session_text(tmp_path, edit):
    """The JSON text of make_session() after ``edit(obj)``."""
    files.save_session(tmp_path / "good.gdviz", make_session())
    obj = json.loads((tmp_path / "good.gdviz").read_text())
    edit(obj)
    return json.dumps(obj)


@pytest.mark.parametrize("text, fragments", [
    ("x,y,label\n1,2,0\n3,4\n", ["line 3", "2 values", "truncated"]),
    ("x,y,label\n1,2,0\n3,nan,1\n", ["line 3, column y", "'nan'", "finite"]),
    ("x,y,label\n1,2,0\n3,inf,1\n", ["line 3, column y", "finite"]),
    ("x,y,label\n1,2,0\n3,abc,1\n", ["line 3, column y", "'abc' is not a number"]),
    ("x,y,label\n1,2,0\n3,4,red\n", ["line 3, column label", "'red'"]),
    ("x,y,label\n1,2,0\n3,4,1.5\n", ["line 3, column label"]),
    ("x,y,label\n1,2,0\n3,4,-1\n", ["line 3, column label"]),
    ("x,y,label\n1,2,0\n3,4,99\n", ["line 3", "label 99 is not a known class"]),
    ("a,b,c\n1,2,0\n", ["line 1", "header", "x,y,label"]),
    ("1,2,0\n3,4,1\n", ["line 1", "header"]),
    ("x,y,label,is_test\n1,2,0,0\n3,4,1,maybe\n", ["line 3, column is_test"]),
    ("", ["empty"]),
    (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", ["not UTF-8"]),
])
def test_bad_csv_is_refused_saying_where(tmp_path, text, fragments):
    refused(files.load_dataset_csv, write(tmp_path, "bad.csv", text), "bad.csv", *fragments)


def test_csv_label_outside_explicit_classes_is_refused(tmp_path):
    path = write(tmp_path, "d.csv", "x,y,label\n1,2,0\n3,4,1\n5,6,2\n")
    refused(lambda p: files.load_dataset_csv(p, n_classes=2), path, "line 4", "label 2")


def test_csv_blank_lines_and_column_order_are_tolerated(tmp_path):
    path = write(tmp_path, "d.csv", "label, y ,x\r\n0,2,1\r\n\r\n1,4.5,-3e-2\r\n\r\n")
    dataset = files.load_dataset_csv(path)
    assert dataset.X.tolist() == [[1.0, 2.0], [-0.03, 4.5]] and dataset.labels.tolist() == [0, 1]


def test_oversized_files_are_refused(tmp_path, monkeypatch):
    rows = "".join(f"{i},{i},{i % 2}\n" for i in range(files.MAX_POINTS + 1))
    refused(files.load_dataset_csv, write(tmp_path, "big.csv", "x,y,label\n" + rows),
            f"line {files.MAX_POINTS + 2}", "100,000")
    points = [[0, 0]] * (files.MAX_POINTS + 1)
    big = {"format": "gdviz-dataset", "format_version": 1, "n_classes": 2, "X": points,
           "labels": [0] * len(points)}
    refused(files.load_dataset_json, write(tmp_path, "big.json", json.dumps(big)), "$.X", "limit")
    monkeypatch.setattr(file_checks, "MAX_FILE_BYTES", 1000)
    refused(files.load_dataset_csv, write(tmp_path, "huge.csv", "x,y,label\n" + rows[:2000]), "larger")


@pytest.mark.parametrize("edit, fragments", [
    (lambda o: o["dataset"]["X"][3].__setitem__(1, "NaN"), ["$.dataset.X[3][1]", "NaN", "finite"]),
    (lambda o: o["weights"]["W1"][1].__setitem__(0, "Infinity"), ["$.weights.W1[1][0]", "Infinity"]),
    (lambda o: o["model_config"].__setitem__("hidden", [1, 2, 3, 4, 5]), ["$.model_config", "hidden layers"]),
    (lambda o: o["loss_history"][5].__setitem__(1, "-Infinity"), ["$.loss_history[5][1]", "-Infinity"]),
    (lambda o: o["loss_history"][5].__setitem__(0, 2), ["$.loss_history[5][0]", "after step 8"]),
    (lambda o: o["accuracy_history"][1].__setitem__(0, 43), ["$.accuracy_history[1][0]", "out of range"]),
    (lambda o: o["weights"]["b2"].pop(), ["$.weights.b2", "shape (2,) where the model needs (3,)"]),
    (lambda o: o["weights"].pop("W3"), ["$.weights", "do not match", "W3"]),
    (lambda o: o["view_settings"].__setitem__("zoom", "NaN"), ["$.view_settings.zoom", "NaN"]),
    (lambda o: o["dataset"]["X"][2].__setitem__(0, "1e999"), ["$.dataset.X[2][0]", "1e999"]),
    (lambda o: o["dataset"]["X"][4].append(1.0), ["$.dataset.X[4]", "[x, y]"]),
    (lambda o: o["dataset"]["X"].__setitem__(0, "1,2"), ["$.dataset.X[0]", "[x, y]"]),
    (lambda o: o["dataset"]["labels"].pop(), ["$.dataset.labels", "29 labels for 30 points"]),
    (lambda o: o["dataset"]["labels"].__setitem__(6, 5), ["$.dataset.labels[6]", "label 5", "0 to 2"]),
    (lambda o: o["dataset"]["labels"].__setitem__(7, True), ["$.dataset.labels[7]", "whole number"]),
    (lambda o: o["dataset"]["is_test"].__setitem__(0, 1), ["$.dataset.is_test[0]", "true or false"]),
    (lambda o: o["weights"]["W1"][1].pop(), ["$.weights.W1[1]", "3 numbers where row 0 has 4"]),
    (lambda o: o["weights"].__setitem__("W1", [[[1.0]]]), ["$.weights.W1[0][0]", "number"]),
    (lambda o: o.__setitem__("format_version", 2), ["$.format_version", "newer", "update gdviz"]),
    (lambda o: o.__setitem__("format_version", "1"), ["$.format_version", "unknown format version"]),
    (lambda o: o.__setitem__("format", "gdviz-dataset"), ["$.format", "not a gdviz session"]),
    (lambda o: o.pop("dataset"), ["'dataset' is missing"]),
    (lambda o: o.__setitem__("extra", 1), ["$.extra", "unknown key"]),
    (lambda o: o.__setitem__("step", -1), ["$.step", "out of range"]),
    (lambda o: o["model_config"].__setitem__("kind", "cnn"), ["$.model_config.kind", "perceptron, mlp"]),
    (lambda o: o["model_config"].__setitem__("learning_rate", 0), ["$.model_config.learning_rate"]),
    (lambda o: o["model_config"].__setitem__("hidden", [4, "8"]), ["$.model_config.hidden[1]"]),
    (lambda o: o["model_config"].__setitem__("colour", "red"), ["$.model_config.colour", "unknown setting"]),
    (lambda o: o["dataset_config"].__setitem__("name", "mnist"), ["$.dataset_config.name", "xor"]),
    (lambda o: o["dataset_config"].__setitem__("test_fraction", 0.9), ["$.dataset_config.test_fraction"]),
    (lambda o: o["model_config"].__setitem__("batch_size", -1), ["$.model_config.batch_size", "from 0"]),
    (lambda o: o["model_config"].__setitem__("batch_size", 10**9), ["$.model_config.batch_size"]),
    (lambda o: o["model_config"].__setitem__("batch_size", 2.5), ["$.model_config.batch_size"]),
    (lambda o: o["model_config"].__setitem__("penalty", "l3"), ["$.model_config.penalty", "none, l2, l1"]),
    (lambda o: o["model_config"].__setitem__("penalty_rate", -0.1), ["$.model_config.penalty_rate"]),
    (lambda o: o["model_config"].__setitem__("penalty_rate", 1e4), ["$.model_config.penalty_rate"]),
    (lambda o: o["model_config"].__setitem__("penalty_rate", "0.1"), ["$.model_config.penalty_rate"]),
    (lambda o: o["model_config"].__setitem__("features", []), ["$.model_config.features", "non-empty"]),
    (lambda o: o["model_config"].__setitem__("features", ["x1", "x1"]), ["$.model_config.features",
                                                                         "none repeated"]),
    (lambda o: o["model_config"].__setitem__("features", ["x1", "x3"]), ["$.model_config.features"]),
    (lambda o: o["model_config"].__setitem__("features", "x1"), ["$.model_config.features"]),
    (lambda o: o["model_config"].__setitem__("features", ["x1", 2]), ["$.model_config.features[1]"]),
    (lambda o: o["model_config"].__setitem__("features", ["x1", "x2", "x1^2"]),
     ["$.weights.W1", "shape (2, 4) where the model needs (3, 4)"]),
])
def test_bad_session_is_refused_saying_where(tmp_path, edit, fragments):
    text = session_text(tmp_path, edit)
    # JSON's NaN, Infinity and 1e999 are written as bare constants, as other tools write them.
    for constant in ("NaN", "-Infinity", "Infinity", "1e999"):
        text = text.replace(f'"{constant}"', constant)
    refused(files.load_session, write(tmp_path, "bad.gdviz", text), "bad.gdviz", *fragments)


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.99])
def test_truncated_session_is_refused(tmp_path, keep):
    files.save_session(tmp_path / "s.gdviz", make_session())
    text = (tmp_path / "s.gdviz").read_text()
    path = write(tmp_path, "cut.gdviz", text[: int(len(text) * keep)])
    refused(files.load_session, path, "cut.gdviz, line ", "column", "not valid JSON", "truncated")


@pytest.mark.parametrize("text, fragment", [
    ("[1, 2, 3]", "expected a JSON object"),
    ('{"format": "gdviz-session", "format": "gdviz-session"}', "appears twice"),
    ("{" * 100_000, "JSON"),
    ("garbage\x00\x01", "not valid JSON"),
    ('{"format": "gdviz-session", "format_version": 1, "step": 1' + "0" * 5000 + "}", "number"),
])
def test_garbage_session_is_refused(tmp_path, text, fragment):
    refused(files.load_session, write(tmp_path, "g.gdviz", text), fragment)


def test_unknown_dataset_extension_is_refused(tmp_path):
    refused(files.load_dataset, write(tmp_path, "d.txt", "x,y,label\n"), "'.txt'", ".csv or .json")


# **** atomic saves ****


def test_save_failing_at_rename_leaves_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "s.gdviz"
    files.save_session(path, make_session())
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_save.os, "replace", broken_replace)
    other = Session(dataset=make_dataset(n=12, seed=5))
    with pytest.raises(OSError, match="No space"):
        files.save_session(path, other)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["s.gdviz"], "the temporary file is cleaned up"


def test_save_failing_mid_write_leaves_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "d.csv"
    files.save_dataset_csv(path, make_dataset())
    before = path.read_bytes()
    real_fdopen = os.fdopen

    class HalfWriter:
        """A file that writes half of what it is given, then fails as a full disk does."""

        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, text):
            self.f.write(text[: len(text) // 2])
            self.f.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_save.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(OSError):
        files.save_dataset_csv(path, make_dataset(n=500, seed=9))
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["d.csv"]


def test_save_keeps_the_file_mode_and_writes_through_symlinks(tmp_path):
    target = tmp_path / "real.csv"
    files.save_dataset_csv(target, make_dataset())
    os.chmod(target, 0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    files.save_dataset_csv(link, make_dataset(n=9))
    assert link.is_symlink() and len(files.load_dataset_csv(target)) == 9
    assert os.stat(target).st_mode & 0o777 == 0o640


def test_invalid_data_is_never_saved(tmp_path):
    path = tmp_path / "d.json"
    files.save_dataset_json(path, make_dataset())
    before = path.read_bytes()
    X = make_dataset().X.copy()
    X[4, 1] = np.nan
    with pytest.raises(FileFormatError, match="cannot save: .*NaN"):
        files.save_dataset_json(path, make_dataset().with_points(X, make_dataset().labels))
    with pytest.raises(FileFormatError, match=r"\$.weights.W: cannot save: .*NaN"):
        files.save_session(tmp_path / "s.gdviz",
                           Session(dataset=make_dataset(), weights={"W": [[1.0, np.inf]], "b": [0, 0]}))
    assert path.read_bytes() == before and not (tmp_path / "s.gdviz").exists()


# **** the shipped examples ****


def test_tutorial_example_is_the_tutorials_exact_scenario():
    session = files.load_session(resources.example_session_path("tutorial"))
    X, c = tutorial_points()
    assert np.array_equal(session.dataset.X, X)
    assert np.array_equal(session.dataset.one_hot(), c)
    graph = build_tutorial_graph()
    assert np.array_equal(session.weights["W"], graph.W.value) and session.weights["W"].shape == (2, 2)
    assert np.array_equal(session.weights["b"], graph.b.value) and session.weights["b"].shape == (2,)
    config = session.model_config
    assert (config.kind, config.reduction, config.optimizer, config.learning_rate) == (
        "perceptron", "sum", "gd", 0.01)
    assert session.step == 0 and len(session.loss_history) == 0


@pytest.mark.parametrize("path", resources.example_sessions() + resources.example_datasets(),
                         ids=lambda p: p.name)
def test_every_shipped_example_loads(path):
    if path.suffix == ".gdviz":
        session = files.load_session(path)
        assert len(session.dataset) >= 100
        assert session.step == 0 or session.weights, "a trained session carries its weights"
    else:
        assert len(files.load_dataset(path)) >= 100
