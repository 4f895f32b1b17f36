"""``gdviz FILE`` opens a session or a dataset as File → Open does; refusals are clear exits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from gdviz import app, cli
from gdviz.cli import MAX_STEPS, parse_args
from gdviz.session import file_checks, files
from gdviz.training.datasets import Dataset
from gdviz.ui.window.main_window import MainWindow, tutorial_session
from _window import open_through

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD_S = 120  # only ends a run that would otherwise hang; nothing is timed


def run_main(*args, tmp_path):
    """``python main.py args`` offscreen, as a user would run it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDVIZ_SETTINGS=str(tmp_path / "settings.ini"))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=HANG_GUARD_S)


def session_file(path: Path, **changes) -> Path:
    obj = {"format": "gdviz-session", "format_version": 1,
           "dataset": {"n_classes": 2, "X": [[0.0, 0.0], [1.0, 1.0], [2.0, 0.5]], "labels": [0, 1, 1]},
           "model_config": {"kind": "mlp", "hidden": [4]}}
    obj.update(changes)
    path.write_text(json.dumps(obj))
    return path


def usage_error(argv, capsys) -> str:
    """Parsing ``argv`` exits 2 with argparse's usage; returns what it printed."""
    with pytest.raises(SystemExit) as exit_info:
        parse_args(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage:") and "Traceback" not in err
    return err


# **** the parser ****


def test_a_file_argument_is_the_file_to_open_and_session_is_its_alias(tmp_path):
    path = session_file(tmp_path / "s.gdviz")
    assert parse_args([str(path)]).file == path
    args = parse_args(["--session", str(path)])
    assert args.file == path and args.session == path
    csv = tmp_path / "points.csv"
    csv.write_text("x,y,label\n0,0,0\n1,1,1\n")
    args = parse_args([str(csv), "--model", "mlp"])  # a dataset keeps the chosen model
    assert (args.file, args.model) == (csv, "mlp")


@pytest.mark.parametrize("extra, fragment", [
    (["--session", "{file}"], "give the file to open once"),
    (["--dataset", "xor"], "a session already holds a dataset and a model; drop --dataset"),
    (["--model", "mlp"], "drop --model"),
])
def test_a_session_file_clashes_with_what_it_already_holds(tmp_path, capsys, extra, fragment):
    path = session_file(tmp_path / "s.gdviz")
    err = usage_error([str(path)] + [a.format(file=path) for a in extra], capsys)
    assert fragment in err


def test_too_many_steps_is_an_argument_error(capsys):
    err = usage_error(["--screenshot", "shot.png", "--steps", "1000000000000"], capsys)
    assert f"give at most {MAX_STEPS:,}" in err
    assert parse_args(["--screenshot", "shot.png", "--steps", str(MAX_STEPS)]).steps == MAX_STEPS


def test_an_unreadable_file_is_an_argument_error(tmp_path, capsys, monkeypatch):
    # Tests run as root, who may read anything: the permission is what os.access says.
    path = session_file(tmp_path / "locked.gdviz")
    monkeypatch.setattr(cli.os, "access", lambda p, mode: Path(p) != path)
    assert "'%s' cannot be read (permissions?)" % path in usage_error([str(path)], capsys)


def test_an_unwritable_screenshot_folder_is_an_argument_error(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir()
    monkeypatch.setattr(cli.os, "access", lambda p, mode: Path(p) != folder)
    err = usage_error(["--screenshot", str(folder / "shot.png")], capsys)
    assert "is not writable (permissions?)" in err
    (folder / "shot.png").write_bytes(b"")
    monkeypatch.setattr(cli.os, "access", lambda p, mode: Path(p) != folder / "shot.png")
    assert "cannot be overwritten (permissions?)" in usage_error(["--screenshot", str(folder / "shot.png")], capsys)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_at_once_and_never_read(tmp_path):
    fifo = tmp_path / "pipe.gdviz"
    os.mkfifo(fifo)
    result = run_main(str(fifo), "--screenshot", str(tmp_path / "shot.png"), tmp_path=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "pipe.gdviz' is not a file: it is a named pipe (FIFO)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("make, kind", [(lambda p: p.mkdir(), "a folder"),
                                        (None, "a device")])
def test_a_folder_or_a_device_is_refused_as_an_argument(tmp_path, capsys, make, kind):
    if make is None:
        path = Path("/dev/null")
        if not path.exists():
            pytest.skip("needs /dev/null")
    else:
        path = tmp_path / "folder.csv"
        make(path)
    assert f"is not a file: it is {kind}" in usage_error([str(path)], capsys)


# **** opening: the same code and the same message as File → Open ****


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.apply_session(tutorial_session())
    w.pace_box.set_pace(None)
    w.warnings = warnings
    yield w
    w.training.shutdown()


def test_a_dataset_file_is_trained_on_as_file_open_does(window, tmp_path):
    path = tmp_path / "points.csv"
    files.save_dataset(path, Dataset(X=[[0.5, 1.5], [-2.0, 3.0], [4.0, 4.0]], labels=[1, 0, 1]))
    assert app.open_file(window, path) is None
    dataset = window.training.dataset()
    assert dataset.X.tolist() == [[0.5, 1.5], [-2.0, 3.0], [4.0, 4.0]] and dataset.labels.tolist() == [1, 0, 1]
    assert window.has_unsaved_changes  # an undoable edit of the scenario, as File → Open makes it


def test_a_session_file_becomes_the_windows_session(window, tmp_path):
    path = session_file(tmp_path / "lesson.gdviz")
    assert app.open_file(window, path) is None
    assert window.session_path == path and window.controls is not None
    config, dataset, _, _ = window.training.current_state()
    assert config.hidden == (4,) and len(dataset) == 3


@pytest.mark.parametrize("name, text", [
    ("huge.gdviz", None),
    ("bom.csv", "\ufeff"),
    ("labels.json", json.dumps({"format": "gdviz-dataset", "format_version": 1, "n_classes": 2,
                                "X": [[0, 0]], "labels": [2**63]})),
])
def test_a_refused_file_gives_file_opens_message(window, qtbot, tmp_path, name, text):
    path = tmp_path / name
    if text is None:
        session_file(path, model_config={"kind": "mlp", "hidden": [4096, 4096]})
    else:
        path.write_text(text, encoding="utf-8")
    before = window.training.dataset()
    message = app.open_file(window, path)
    assert message is not None and message.startswith(name)
    assert not open_through(qtbot, window, lambda: window.open_file(path))  # File → Open
    assert window.warnings[-1].startswith(message)
    assert window.training.dataset() is before or np.array_equal(window.training.dataset().X, before.X)


def test_a_permission_error_past_the_parser_is_a_message(window, tmp_path, monkeypatch):
    path = session_file(tmp_path / "locked.gdviz")
    real_open = file_checks.os.open

    def locked(p, *args, **kwargs):
        if Path(p) == path:
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(file_checks.os, "open", locked)
    message = app.open_file(window, path)
    assert "Permission denied" in message and "locked.gdviz" in message


# **** the whole program ****


def test_gdviz_file_with_screenshot_opens_it_and_exits_0(tmp_path):
    csv = tmp_path / "points.csv"
    files.save_dataset(csv, Dataset(X=np.random.default_rng(0).standard_normal((40, 2)),
                                    labels=np.arange(40) % 2))
    session = session_file(tmp_path / "lesson.gdviz")
    for path in (csv, session):
        result = run_main(str(path), "--screenshot", str(tmp_path / "shot.png"), tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "shot.png").stat().st_size > 0
        (tmp_path / "shot.png").unlink()


def test_what_the_app_makes_it_opens_again(tmp_path):
    # Every point of one class deleted, or every point: the app trains on it, saves it, opens it.
    for name, labels, steps in (("one-class.gdviz", [0, 0, 0], "3"), ("empty.gdviz", [], "0")):
        X = [[float(i), 1.0] for i in range(len(labels))]
        files.save_session(tmp_path / name, files.Session(dataset=Dataset(X=X, labels=labels)))
        result = run_main(str(tmp_path / name), "--screenshot", str(tmp_path / "shot.png"),
                          "--steps", steps, tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr


def test_steps_without_points_to_train_on_exit_1_saying_so(tmp_path):
    files.save_session(tmp_path / "empty.gdviz", files.Session(dataset=Dataset(X=[], labels=[])))
    result = run_main(str(tmp_path / "empty.gdviz"), "--screenshot", str(tmp_path / "shot.png"),
                      "--steps", "3", tmp_path=tmp_path)
    assert result.returncode == 1 and "there are no training points" in result.stderr


@pytest.mark.parametrize("name, content, fragments", [
    ("huge.gdviz", {"model_config": {"kind": "mlp", "hidden": [4096, 4096]}},
     ["huge.gdviz, $.model_config.hidden", "64 wide"]),
    ("deep.gdviz", "DEEP", ["deep.gdviz, ", "nested more than 32 levels deep"]),
    ("bom.csv", "\ufeff", ["bom.csv: the file is empty"]),
])
def test_gdviz_refused_file_exits_1_with_file_opens_message(tmp_path, name, content, fragments):
    path = tmp_path / name
    if content == "DEEP":  # as deep as in the report, written by hand
        deep = '{"a": ' * 985 + "1" + "}" * 985
        path.write_text(json.dumps(json.loads(session_file(path).read_text()) | {"view_settings": "DEEP"})
                        .replace('"DEEP"', deep))
    elif isinstance(content, dict):
        session_file(path, **content)
    else:
        path.write_text(content, encoding="utf-8")
    result = run_main(str(path), "--screenshot", str(tmp_path / "shot.png"), tmp_path=tmp_path)
    assert result.returncode == 1, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "shot.png").exists()


def test_too_many_steps_exit_2_before_anything_runs(tmp_path):
    result = run_main("--screenshot", str(tmp_path / "shot.png"), "--steps", "1000000000000", tmp_path=tmp_path)
    assert result.returncode == 2 and f"give at most {MAX_STEPS:,}" in result.stderr
    assert "Traceback" not in result.stderr
