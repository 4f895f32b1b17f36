"""Files that used to crash or hang gdviz are refused clearly; whatever the app makes saves."""

import json
import os
import stat
import threading
from pathlib import Path

import numpy as np
import pytest

from gdviz.session import atomic_save, files
from gdviz.session.file_checks import MAX_JSON_DEPTH
from gdviz.session.files import FileFormatError, Session
from gdviz.training.datasets import Dataset
from gdviz.training.models import MAX_HIDDEN_LAYERS, MAX_HIDDEN_WIDTH, ModelConfig

HANG_GUARD_S = 30  # only ends a test that would otherwise hang; nothing is timed


def refused(load, path, *fragments):
    """Loading ``path`` raises FileFormatError whose message holds every fragment."""
    with pytest.raises(FileFormatError) as info:
        load(path)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)
    return str(info.value)


def refused_without_hanging(load, path, *fragments):
    """As ``refused``, in a thread: a loader that blocks (on a pipe) fails instead of hanging."""
    outcome = {}

    def run():
        try:
            load(path)
            outcome["error"] = None
        except Exception as e:  # handed to the test, which names what went wrong
            outcome["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_GUARD_S)
    assert not thread.is_alive(), f"loading {path} blocked instead of refusing it"
    error = outcome["error"]
    assert isinstance(error, FileFormatError), repr(error)
    for fragment in fragments:
        assert fragment in str(error), str(error)


def session_json(**changes) -> dict:
    obj = {"format": "gdviz-session", "format_version": 1,
           "dataset": {"n_classes": 2, "X": [[0.0, 0.0], [1.0, 1.0]], "labels": [0, 1]},
           "model_config": {"kind": "mlp", "hidden": [8]}}
    obj.update(changes)
    return obj


def write_json(path: Path, obj) -> Path:
    path.write_text(json.dumps(obj))
    return path


# **** 1. crashes and hangs become refusals ****


def test_a_csv_holding_only_a_byte_order_mark_is_an_empty_file(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf")
    refused(files.load_dataset, path, "bom.csv", "empty")
    path.write_bytes(b"\xef\xbb\xbf\r\n  \n")
    refused(files.load_dataset, path, "bom.csv", "empty")


def test_a_label_too_large_for_int64_is_refused_where_it_is(tmp_path):
    dataset = {"format": "gdviz-dataset", "format_version": 1, "n_classes": 2,
               "X": [[0, 0], [1, 1]], "labels": [0, 2**63]}
    refused(files.load_dataset, write_json(tmp_path / "d.json", dataset),
            "d.json, $.labels[1]", "too large")
    session = session_json()
    session["dataset"]["labels"] = [2**64, 1]
    refused(files.load_session, write_json(tmp_path / "s.gdviz", session),
            "s.gdviz, $.dataset.labels[0]", "too large")


def test_a_seed_too_large_for_int64_is_refused(tmp_path):
    session = session_json(model_config={"kind": "mlp", "hidden": [8], "seed": 2**70})
    refused(files.load_session, write_json(tmp_path / "s.gdviz", session),
            "$.model_config.seed", "too large")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("name", ["pipe.gdviz", "pipe.csv", "pipe.json"])
def test_a_named_pipe_is_refused_before_it_is_read(tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    load = files.load_session if name.endswith(".gdviz") else files.load_dataset
    refused_without_hanging(load, fifo, name, "named pipe (FIFO), not a file")


def test_a_folder_is_refused_before_it_is_read(tmp_path):
    folder = tmp_path / "folder.gdviz"
    folder.mkdir()
    refused_without_hanging(files.load_session, folder, "folder.gdviz", "a folder, not a file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_before_it_is_read():
    # /dev/zero never ends: reading it would fill memory up to the size limit first.
    refused_without_hanging(files.load_dataset_csv, "/dev/zero", "zero", "a device, not a file")


def test_a_pipe_that_replaces_the_file_after_the_check_is_still_refused(tmp_path, monkeypatch):
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    fifo = tmp_path / "raced.gdviz"
    os.mkfifo(fifo)
    real_stat = os.stat
    # The first look sees a regular file (as it was before someone swapped in the pipe).
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: real_stat(__file__) if Path(p) == fifo
                        else real_stat(p, *a, **k))
    refused_without_hanging(files.load_session, fifo, "raced.gdviz", "named pipe")


# **** 2. what the app cannot handle is refused at load ****


@pytest.mark.parametrize("hidden, fragment", [
    ([4096, 4096], "each from 1 to 64 wide"),
    ([MAX_HIDDEN_WIDTH + 1], "64 wide"),
    ([8] * (MAX_HIDDEN_LAYERS + 1), f"at most {MAX_HIDDEN_LAYERS} hidden layers"),
    ([0], "each from 1"),
])
def test_a_network_larger_than_the_app_draws_is_refused(tmp_path, hidden, fragment):
    path = write_json(tmp_path / "huge.gdviz", session_json(model_config={"kind": "mlp", "hidden": hidden}))
    refused(files.load_session, path, "huge.gdviz, $.model_config.hidden", fragment)


def test_the_widest_and_deepest_network_the_app_offers_loads(tmp_path):
    hidden = [MAX_HIDDEN_WIDTH] * MAX_HIDDEN_LAYERS
    path = write_json(tmp_path / "big.gdviz", session_json(model_config={"kind": "mlp", "hidden": hidden}))
    assert files.load_session(path).model_config.hidden == tuple(hidden)


def nested(depth: int):
    value = 1
    for _ in range(depth):
        value = {"a": value}
    return value


def test_view_settings_nested_too_deeply_are_refused_naming_where(tmp_path):
    path = write_json(tmp_path / "deep.gdviz", session_json(view_settings=nested(100)))
    message = refused(files.load_session, path, "deep.gdviz, $.view_settings.a.a.a",
                      f"nested more than {MAX_JSON_DEPTH} levels deep")
    assert len(message) < 500


def test_json_nested_deeper_than_python_can_parse_is_refused_naming_the_line(tmp_path):
    # As deep as in the report (985) and far beyond: json.loads may run out of stack first.
    for depth in (985, 100_000):
        deep = "\n".join(['{"a":'] * depth) + " 1" + "}" * depth
        path = tmp_path / "deep.gdviz"
        path.write_text(json.dumps(session_json(view_settings="DEEP")).replace('"DEEP"', deep))
        message = refused(files.load_session, path, f"nested more than {MAX_JSON_DEPTH} levels deep")
        assert "deep.gdviz, $.view_settings.a.a" in message or "deep.gdviz, line 32, column 1" in message  # the file opens 2 levels on line 1


def test_view_settings_nested_a_few_levels_load(tmp_path):
    path = write_json(tmp_path / "ok.gdviz", session_json(view_settings=nested(MAX_JSON_DEPTH - 2)))
    assert files.load_session(path).view_settings == nested(MAX_JSON_DEPTH - 2)


# **** 3. saving ****


def two_points() -> Dataset:
    return Dataset(X=[[0.0, 1.0], [2.0, 3.0]], labels=[0, 1])


def test_settings_nested_too_deeply_to_save_are_a_clear_refusal(tmp_path):
    session = Session(dataset=two_points(), view_settings=nested(985))
    with pytest.raises(FileFormatError, match=r"s\.gdviz, \$\.view_settings\.a.*cannot save: the JSON is nested"):
        files.save_session(tmp_path / "s.gdviz", session)
    assert os.listdir(tmp_path) == []


def test_a_setting_json_cannot_hold_is_a_clear_refusal(tmp_path):
    session = Session(dataset=two_points(), view_settings={"colours": {"red", "blue"}})
    with pytest.raises(FileFormatError, match=r"s\.gdviz: cannot save: TypeError: .*set"):
        files.save_session(tmp_path / "s.gdviz", session)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("errno, words", [(28, "No space left on device"), (13, "Permission denied")])
def test_a_failing_save_names_the_file(tmp_path, monkeypatch, errno, words):
    def fail(*args, **kwargs):
        raise OSError(errno, words)

    monkeypatch.setattr(atomic_save.os, "replace", fail)
    with pytest.raises(OSError) as info:
        files.save_session(tmp_path / "lesson.gdviz", Session(dataset=two_points()))
    assert info.value.errno == errno and "lesson.gdviz" in str(info.value) and words in str(info.value)
    assert os.listdir(tmp_path) == [], "no temporary file is left behind"


def test_an_interrupted_save_leaves_no_temporary_file(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_save.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.save_dataset_csv(tmp_path / "d.csv", two_points())
    assert os.listdir(tmp_path) == []


def test_temporary_files_of_killed_saves_are_removed_by_the_next_save(tmp_path):
    old = atomic_save.STALE_AFTER_S + 60
    stale = [".lesson.gdviz.k2j4_x9a.tmp", ".d.csv.abcdefgh.tmp", ".d.json.01234567.tmp"]
    recent = ".lesson.gdviz.zzzzzzzz.tmp"  # perhaps another gdviz saving right now
    others = ["notes.tmp", ".other.txt.abcdefgh.tmp", "lesson.gdviz.abcdefgh.tmp"]
    for name in stale + [recent] + others:
        (tmp_path / name).write_text("half a file")
    for name in stale + others:
        age = os.stat(tmp_path / name).st_mtime - old
        os.utime(tmp_path / name, (age, age))
    files.save_session(tmp_path / "lesson.gdviz", Session(dataset=two_points()))
    assert sorted(os.listdir(tmp_path)) == sorted(["lesson.gdviz", recent, *others])


# **** 3. what the app makes, it saves and loads back ****


@pytest.mark.parametrize("labels, n_classes", [([], 2), ([0, 0, 0], 2), ([1, 1], 2), ([0, 2, 2], 3)])
@pytest.mark.parametrize("suffix", [".csv", ".json", ".gdviz"])
def test_empty_and_one_class_datasets_round_trip(tmp_path, labels, n_classes, suffix):
    X = np.arange(2.0 * len(labels)).reshape(-1, 2) / 3
    dataset = Dataset(X=X, labels=labels, n_classes=n_classes, name="edited")
    path = tmp_path / f"edited{suffix}"
    if suffix == ".gdviz":
        files.save_session(path, Session(dataset=dataset))
        loaded = files.load_session(path).dataset
    else:
        files.save_dataset(path, dataset)
        loaded = files.load_dataset(path)
    assert np.array_equal(loaded.X, dataset.X) and np.array_equal(loaded.labels, dataset.labels)
    # A CSV has no class count: it takes the largest label + 1, at least 2.
    assert loaded.n_classes == n_classes


def test_a_label_the_dataset_has_no_class_for_is_never_saved(tmp_path):
    bad = Dataset(X=[[0.0, 0.0]], labels=[2], n_classes=2)
    with pytest.raises(FileFormatError, match=r"d\.csv, point 0: cannot save: label 2"):
        files.save_dataset_csv(tmp_path / "d.csv", bad)
    assert not (tmp_path / "d.csv").exists()


def test_saved_files_are_readable_by_others_like_any_new_file(tmp_path):
    files.save_session(tmp_path / "s.gdviz", Session(dataset=two_points()))
    assert stat.S_IMODE(os.stat(tmp_path / "s.gdviz").st_mode) == 0o644


def test_a_large_plain_csv_reads_fast_and_the_same_as_line_by_line(tmp_path, monkeypatch):
    from gdviz.session import dataset_files
    from gdviz.training.datasets import DatasetConfig, make_dataset

    dataset = make_dataset(DatasetConfig(name="blobs3", n_points=3000, test_fraction=0.2))
    path = tmp_path / "big.csv"
    files.save_dataset(path, dataset)
    fast = files.load_dataset(path)
    monkeypatch.setattr(dataset_files, "_plain_numbers", lambda text, header: None)
    careful = files.load_dataset(path)
    for a, b in ((fast.X, careful.X), (fast.labels, careful.labels), (fast.is_test, careful.is_test)):
        np.testing.assert_array_equal(a, b)
    assert fast.n_classes == careful.n_classes == 3


def test_a_bad_line_at_the_end_of_a_large_csv_is_still_named(tmp_path):
    lines = ["x,y,label"] + [f"{i * 0.001},{-i * 0.002},{i % 2}" for i in range(5000)] + ["1.0,nan,1"]
    path = tmp_path / "late.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(files.FileFormatError, match="line 5002, column y"):
        files.load_dataset(path)
