"""Datasets on disk: CSV (``x,y,label[,is_test]``) and ``gdviz-dataset`` JSON (Qt-free).

A dataset JSON file is an object ``{"format": "gdviz-dataset", "format_version": 1,
"name": ..., "n_classes": 2, "X": [[x, y], ...], "labels": [0, 1, ...], "is_test":
[false, ...]}`` (``is_test`` only when there is a test split); a session holds the same
object, without the format keys, as its ``dataset``. A CSV file has the header ``x,y,label``
(and ``is_test`` when the dataset has a test split), one point per line; it does not say
how many classes there are, so loading takes the largest label + 1 (at least 2).

Anything the app can make is saved and loads back: a dataset with no points, or with
classes that have no points (all of one class deleted), included.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import numpy as np

from gdviz.i18n import translate
from gdviz.session.atomic_save import atomic_write_text
from gdviz.session.file_checks import (
    FORMAT_VERSION,
    FileFormatError,
    Problem,
    check_header,
    describe,
    dumps,
    expect_list,
    expect_object,
    integer,
    number,
    parse_json,
    read_text,
    refusing,
)
from gdviz.training.datasets import Dataset

DATASET_FORMAT = "gdviz-dataset"
MAX_POINTS = 100_000
MAX_CLASSES = 10
CSV_COLUMNS = ("x", "y", "label")


# **** the dataset object, in JSON files and in sessions ****


def dataset_from_json(obj, where: str, default_name: str) -> Dataset:
    """The Dataset that the JSON object ``obj`` at ``where`` ("$", "$.dataset") describes.

    Raises:
        Problem: what is wrong and its JSON path.
    """
    obj = expect_object(obj, where, required=("n_classes", "X", "labels"),
                  optional=("name", "is_test", "format", "format_version"))
    name = obj.get("name", default_name)
    if not isinstance(name, str):
        raise Problem(f"{where}.name", translate("DatasetFiles", "expected text, found {found}")
                      .format(found=describe(name)))
    n_classes = integer(obj["n_classes"], f"{where}.n_classes", 2, MAX_CLASSES)
    rows = expect_list(obj["X"], f"{where}.X", MAX_POINTS)
    for i, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != 2:
            raise Problem(f"{where}.X[{i}]", translate("DatasetFiles", "expected a point [x, y], found {found}")
                          .format(found=describe(row)))
        number(row[0], f"{where}.X[{i}][0]")
        number(row[1], f"{where}.X[{i}][1]")
    labels = expect_list(obj["labels"], f"{where}.labels", MAX_POINTS)
    for i, label in enumerate(labels):
        integer(label, f"{where}.labels[{i}]")
    if len(labels) != len(rows):
        raise Problem(f"{where}.labels", translate("DatasetFiles", "{labels} labels for {points} points")
                      .format(labels=len(labels), points=len(rows)))
    is_test = obj.get("is_test")
    if is_test is not None:
        is_test = expect_list(is_test, f"{where}.is_test", MAX_POINTS)
        for i, flag in enumerate(is_test):
            if not isinstance(flag, bool):
                raise Problem(f"{where}.is_test[{i}]", translate("DatasetFiles", "expected true or false, "
                                                                 "found {found}").format(found=describe(flag)))
        if len(is_test) != len(rows):
            raise Problem(f"{where}.is_test", translate("DatasetFiles", "{flags} flags for {points} points")
                          .format(flags=len(is_test), points=len(rows)))
    X = np.array(rows, dtype=float).reshape(-1, 2)
    labels = np.array(labels, dtype=int)
    _check_labels(labels, n_classes, lambda i: f"{where}.labels[{i}]")
    return Dataset(X=X, labels=labels, n_classes=n_classes, is_test=is_test, name=name)


def _check_labels(labels: np.ndarray, n_classes: int, where_row) -> None:
    """Every label is one of the ``n_classes`` classes (a class may have no points)."""
    unknown = np.flatnonzero((labels < 0) | (labels >= n_classes))
    if len(unknown):
        i = int(unknown[0])
        raise Problem(where_row(i), translate("DatasetFiles", "label {label} is not a known class (0 to {last} "
                                                              "for {count} classes)")
                      .format(label=labels[i], last=n_classes - 1, count=n_classes))


def dataset_to_json(dataset: Dataset) -> dict:
    """The JSON object of ``dataset`` (``is_test`` only when it has a test split)."""
    obj = {"name": dataset.name, "n_classes": int(dataset.n_classes),
           "X": dataset.X.tolist(), "labels": dataset.labels.tolist()}
    if dataset.is_test.any():
        obj["is_test"] = dataset.is_test.tolist()
    return obj


def check_savable_dataset(path, dataset: Dataset) -> None:
    """Refuse to write a dataset that loading would refuse.

    Raises:
        FileFormatError: "cannot save: ..." naming the point at fault; nothing is written.
    """
    with refusing(path, translate("DatasetFiles", "cannot save: ")):
        if not np.isfinite(dataset.X).all():
            i = int(np.flatnonzero(~np.isfinite(dataset.X).all(axis=1))[0])
            raise Problem(_point(i), translate("DatasetFiles", "has a coordinate that is NaN or infinite"))
        if len(dataset) > MAX_POINTS:
            raise Problem("", translate("DatasetFiles", "{count:,} points; gdviz saves at most {most:,}")
                          .format(count=len(dataset), most=MAX_POINTS))
        if not 2 <= dataset.n_classes <= MAX_CLASSES:
            raise Problem("", translate("DatasetFiles", "{count} classes; gdviz has 2 to {most}")
                          .format(count=dataset.n_classes, most=MAX_CLASSES))
        _check_labels(dataset.labels, dataset.n_classes, _point)


def _point(index: int) -> str:
    """Where a problem is: "point 3"."""
    return translate("DatasetFiles", "point {index}").format(index=index)


def _line(number: int) -> str:
    """Where a problem is: "line 7"."""
    return translate("DatasetFiles", "line {line}").format(line=number)


def _line_column(number: int, column: str) -> str:
    """Where a problem is: "line 7, column x" (a CSV column's name)."""
    return translate("DatasetFiles", "line {line}, column {column}").format(line=number, column=column)


# **** public: CSV ****


def save_dataset_csv(path, dataset: Dataset) -> None:
    """Save ``dataset`` as CSV (``x,y,label``, plus ``is_test`` when it has a test split).

    Floats are written with ``repr``, so loading gives back exactly the same numbers.

    Raises:
        FileFormatError: the dataset itself is invalid (NaN, unknown labels...); nothing written.
        OSError: writing failed, named in the message; the old file is intact.
    """
    check_savable_dataset(path, dataset)
    with_split = bool(dataset.is_test.any())
    out = io.StringIO()
    out.write(",".join(CSV_COLUMNS + (("is_test",) if with_split else ())) + "\n")
    for (x, y), label, test in zip(dataset.X.tolist(), dataset.labels.tolist(),
                                   dataset.is_test.tolist()):
        out.write(f"{x!r},{y!r},{label}" + (f",{int(test)}\n" if with_split else "\n"))
    atomic_write_text(path, out.getvalue())


_LABEL = re.compile(r"\s*\d{1,9}\s*")
_FLAGS = {"0": False, "1": True, "false": False, "true": True, "train": False, "test": True}


def load_dataset_csv(path, n_classes: int | None = None) -> Dataset:
    """Load a dataset from CSV, validated; the name is the file's stem.

    Args:
        path: a file whose first line is the header ``x,y,label`` (columns in any order, an
            optional ``is_test`` column of 0/1); one point per line after it.
        n_classes: the number of classes; by default the largest label + 1 (at least 2).

    Raises:
        FileFormatError: what is wrong and on which line. OSError: the file cannot be read.
    """
    with refusing(path):
        return _dataset_from_csv(read_text(path), Path(path).stem, n_classes)


def _dataset_from_csv(text: str, name: str, n_classes: int | None) -> Dataset:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as e:
        raise Problem(_line(1), translate("DatasetFiles", "not CSV ({reason})").format(reason=e)) from None
    known = CSV_COLUMNS + ("is_test",)
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing or len(set(header)) != len(header) or any(h not in known for h in header):
        raise Problem(_line(1), translate("DatasetFiles", "the header is {header}; expected the columns "
                                                          "x,y,label (and optionally is_test)")
                      .format(header=repr(",".join(header)[:80])))
    col = {name: header.index(name) for name in header}
    fast = _plain_numbers(text, header)
    if fast is not None:  # a large, well-formed file: numpy reads it in one call
        xs, labels, flags = fast
    else:
        xs, labels, flags = _rows(reader, header, col)
    return _dataset_from_rows(xs, labels, flags, text, name, n_classes)


# A data line of plain numbers in the usual column order x,y,label[,is_test]: a file of
# only such lines reads with numpy at once (any other goes line by line, with messages).
CHUNK_CHARS = 64 * 1024  # about 1,500 lines: a few milliseconds to check and read
_NUMBER = r"[ \t]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t]*"
_PLAIN = {
    columns: re.compile(rf"(?:{_NUMBER},{_NUMBER},[ \t]*\d{{1,9}}[ \t]*{extra}\r?\n)*"
                        rf"(?:{_NUMBER},{_NUMBER},[ \t]*\d{{1,9}}[ \t]*{extra}\r?\n?)?")
    for columns, extra in ((3, ""), (4, r",[ \t]*[01][ \t]*"))
}


def _plain_numbers(text: str, header) -> tuple | None:
    """(points, labels, flags) if every data line is plain numbers in the usual order
    and all is well; None to read line by line (which says what is wrong, and where).

    The body is checked and read in chunks of whole lines: the file is read off the GUI
    thread, and between chunks that thread gets the interpreter back (one call over a
    100,000-line file would hold it for a quarter of a second)."""
    if header not in (["x", "y", "label"], ["x", "y", "label", "is_test"]):
        return None
    body = text.split("\n", 1)[1] if "\n" in text else ""
    if body.count("\n") > MAX_POINTS:
        return None
    if not body.strip():
        return [], [], []
    chunks, start = [], 0
    while start < len(body):
        end = body.find("\n", start + CHUNK_CHARS)
        end = len(body) if end < 0 else end + 1
        chunk = body[start:end]
        start = end
        if not _PLAIN[len(header)].fullmatch(chunk):
            return None
        if chunk.strip():
            chunks.append(np.loadtxt(io.StringIO(chunk), delimiter=",", ndmin=2))
    values = np.concatenate(chunks)
    if len(values) > MAX_POINTS or not np.all(np.isfinite(values[:, :2])):
        return None
    flags = list(values[:, 3] == 1) if len(header) == 4 else []
    return values[:, :2], values[:, 2].astype(int), flags


def _rows(reader, header, col) -> tuple:
    """The data lines one by one: (points, labels, flags), or a Problem naming the line."""
    xs, labels, flags = [], [], []
    try:
        for row in reader:
            if not row or all(not cell.strip() for cell in row):
                continue
            where = _line(reader.line_num)
            if len(row) != len(header):
                raise Problem(where, translate("DatasetFiles", "{count} values where the header has {columns} "
                                                               "({header}); is the file truncated?")
                              .format(count=len(row), columns=len(header), header=",".join(header)))
            if len(labels) == MAX_POINTS:
                raise Problem(where, translate("DatasetFiles", "more than {most:,} points, the limit")
                              .format(most=MAX_POINTS))
            point = []
            for axis in ("x", "y"):
                cell = row[col[axis]]
                try:
                    value = float(cell)
                except ValueError:
                    raise Problem(_line_column(reader.line_num, axis),
                                  translate("DatasetFiles", "{cell} is not a number").format(cell=repr(cell[:40]))
                                  ) from None
                if not math.isfinite(value):
                    raise Problem(_line_column(reader.line_num, axis),
                                  translate("DatasetFiles", "{cell} is not a finite number; NaN and Infinity "
                                                            "are refused").format(cell=repr(cell.strip())))
                point.append(value)
            cell = row[col["label"]]
            if not _LABEL.fullmatch(cell):
                raise Problem(_line_column(reader.line_num, "label"),
                              translate("DatasetFiles", "{cell} is not a class number (0, 1, 2, ...)")
                              .format(cell=repr(cell[:40])))
            xs.append(point)
            labels.append(int(cell))
            if "is_test" in col:
                flag = row[col["is_test"]].strip().lower()
                if flag not in _FLAGS:
                    raise Problem(_line_column(reader.line_num, "is_test"),
                                  translate("DatasetFiles", "{flag} is not 0 or 1").format(flag=repr(flag[:40])))
                flags.append(_FLAGS[flag])
    except csv.Error as e:
        raise Problem(_line(reader.line_num), translate("DatasetFiles", "not CSV ({reason})")
                      .format(reason=e)) from None
    return xs, labels, flags


def _dataset_from_rows(xs, labels, flags, text: str, name: str, n_classes) -> Dataset:
    labels = np.array(labels, dtype=int)
    if n_classes is None:
        n_classes = max(2, int(labels.max()) + 1) if len(labels) else 2
        if n_classes > MAX_CLASSES:
            i = int(np.argmax(labels))
            raise Problem(_csv_line(text, i), translate("DatasetFiles", "label {label} is not a known class "
                                                                        "(gdviz has at most {most} classes)")
                          .format(label=labels[i], most=MAX_CLASSES))
    _check_labels(labels, n_classes, lambda i: _csv_line(text, i, "label"))
    return Dataset(X=np.array(xs, dtype=float).reshape(-1, 2), labels=labels,
                   n_classes=n_classes, is_test=flags or None, name=name)


def _csv_line(text: str, index: int, column: str | None = None) -> str:
    """The line of the ``index``-th point (0-based), counting the header and blank lines,
    and the ``column`` if given."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    seen = -1
    for row in reader:
        if row and any(cell.strip() for cell in row):
            seen += 1
            if seen == index:
                return _line(reader.line_num) if column is None else _line_column(reader.line_num, column)
    return _point(index + 1)


# **** public: JSON, and either by extension ****


def save_dataset_json(path, dataset: Dataset) -> None:
    """Save ``dataset`` as a ``gdviz-dataset`` JSON file. Raises as ``save_dataset_csv``."""
    check_savable_dataset(path, dataset)
    obj = {"format": DATASET_FORMAT, "format_version": FORMAT_VERSION, **dataset_to_json(dataset)}
    atomic_write_text(path, dumps(obj))


def load_dataset_json(path) -> Dataset:
    """Load a ``gdviz-dataset`` JSON file, validated.

    Raises:
        FileFormatError: what is wrong and where (JSON line or path). OSError: unreadable.
    """
    with refusing(path):
        obj = parse_json(read_text(path))
        check_header(obj, DATASET_FORMAT, translate("DatasetFiles", "dataset"))
        return dataset_from_json(obj, "$", Path(path).stem)


def load_dataset(path, n_classes: int | None = None) -> Dataset:
    """Load a dataset by its extension: ``.csv`` or ``.json``. Raises as the loaders."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return load_dataset_csv(path, n_classes)
    if suffix == ".json":
        return load_dataset_json(path)
    raise FileFormatError(path, "", translate("DatasetFiles", "unknown extension {suffix}; datasets are .csv "
                                                              "or .json").format(suffix=repr(suffix)))


def save_dataset(path, dataset: Dataset) -> None:
    """Save a dataset by its extension: ``.csv`` or ``.json``. Raises as the savers."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return save_dataset_csv(path, dataset)
    if suffix == ".json":
        return save_dataset_json(path, dataset)
    raise FileFormatError(path, "", translate("DatasetFiles", "cannot save a dataset as {suffix}; use .csv "
                                                              "or .json").format(suffix=repr(suffix)))
