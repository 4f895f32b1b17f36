"""Reading and checking gdviz files: every value checked, every problem located (Qt-free).

Checkers raise ``Problem(where, problem)``, where ``where`` is a JSON path such as
``$.dataset.X[3][1]`` or a line and column; the public loaders add the file with
``refusing(path)``, which re-raises it as a ``FileFormatError``. NaN, Infinity and numbers
too large for a float parse to a marker that ``parse_json`` reports by path: a loaded tree
holds only finite numbers, nested at most ``MAX_JSON_DEPTH`` deep.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from gdviz.i18n import translate

FORMAT_VERSION = 1  # of both gdviz formats, session and dataset
MAX_FILE_BYTES = 64 * 1024 * 1024
# Far deeper than any gdviz file (a session's deepest value is 4 levels down), far shallower
# than what Python's recursion limit lets json parse and then fail to write back.
MAX_JSON_DEPTH = 32


class Problem(Exception):
    """Raised by the validators; the public loaders add the path and re-raise FileFormatError."""

    def __init__(self, where: str, problem: str):
        super().__init__(where, problem)
        self.where, self.problem = where, problem


class FileFormatError(ValueError):
    """A file gdviz refuses to open (or to write): ``where`` in ``path`` ``problem`` is wrong.

    Attributes:
        path: the file, as given.
        where: a location such as ``line 7`` or ``$.dataset.X[3][1]`` ("" for the whole file).
        problem: what is wrong, in words a user can act on.
    """

    def __init__(self, path, where: str, problem: str):
        self.path, self.where, self.problem = path, where, problem
        name = Path(path).name if path is not None else translate("FileChecks", "file")
        if where:
            message = translate("FileChecks", "{name}, {where}: {problem}")
        else:
            message = translate("FileChecks", "{name}: {problem}")
        super().__init__(message.format(name=name, where=where, problem=problem))


@contextmanager
def refusing(path, prefix: str = ""):
    """Turn a ``Problem`` raised inside the block into a ``FileFormatError`` naming ``path``."""
    try:
        yield
    except Problem as p:
        raise FileFormatError(path, p.where, prefix + p.problem) from None


# **** reading and parsing ****


def file_kind(mode: int) -> str:
    """What ``os.stat(...).st_mode`` says a path is, in words: "a folder", "a named pipe (FIFO)"...
    (English, for the command line's messages)."""
    for test, kind in ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a folder"),
                       (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return kind
    return "not a regular file"


def _refuse_unless_regular(mode: int) -> None:
    # A pipe blocks its reader until someone writes, a device may never end, a folder has no
    # text: all are refused before a single byte is read.
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        problem = translate("FileChecks", "this is a folder, not a file; gdviz opens only regular files")
    elif stat.S_ISFIFO(mode):
        problem = translate("FileChecks", "this is a named pipe (FIFO), not a file; gdviz opens only "
                                          "regular files")
    elif stat.S_ISSOCK(mode):
        problem = translate("FileChecks", "this is a socket, not a file; gdviz opens only regular files")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        problem = translate("FileChecks", "this is a device, not a file; gdviz opens only regular files")
    else:
        problem = translate("FileChecks", "this is not a regular file; gdviz opens only regular files")
    raise Problem("", problem)


def read_text(path, max_bytes: int | None = None) -> str:
    """The file's text, refusing non-files, empty, oversized and non-UTF-8 files.

    Args:
        path: the file.
        max_bytes: the largest file accepted; ``MAX_FILE_BYTES`` by default.

    Raises:
        Problem: a folder, pipe or device (checked before reading), or text gdviz cannot use.
        OSError: the file cannot be read (missing, permissions...).
    """
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    _refuse_unless_regular(os.stat(path).st_mode)
    # Checked again on what was opened, in case the path changed in between; O_NONBLOCK
    # makes that open return at once even if a pipe has taken the file's place.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        _refuse_unless_regular(os.fstat(fd).st_mode)
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Problem("", translate("FileChecks", "the file is larger than {megabytes} MB, more than "
                                                  "any gdviz file can be").format(megabytes=max_bytes // 2**20))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise Problem(translate("FileChecks", "byte {offset}").format(offset=e.start),
                      translate("FileChecks", "not UTF-8 text (is this the right file?)")) from None
    if not text.strip():  # after the decoding has dropped a byte-order mark
        raise Problem("", translate("FileChecks", "the file is empty"))
    return text


class _NonFinite:
    """What NaN, Infinity and overflowing numbers parse to, so they can be located by path."""

    def __init__(self, text: str):
        self.text = text


def _unique_keys(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise Problem("", translate("FileChecks", "the key {key} appears twice in one JSON object")
                          .format(key=repr(key)))
        obj[key] = value
    return obj


def _parse_float(text: str):
    value = float(text)
    return value if math.isfinite(value) else _NonFinite(text)


def parse_json(text: str):
    """Parse JSON text whose numbers are all finite and whose nesting is at most MAX_JSON_DEPTH."""
    try:
        obj = json.loads(text, parse_constant=_NonFinite, parse_float=_parse_float,
                         object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as e:
        raise Problem(line_column(e.lineno, e.colno),
                      translate("FileChecks", "not valid JSON ({reason}); is the file truncated?")
                      .format(reason=e.msg)) from None
    except RecursionError:  # deeper than Python's stack, so far deeper than MAX_JSON_DEPTH
        raise Problem(_too_deep_at(text), _too_deep()) from None
    except ValueError as e:  # an integer with thousands of digits
        raise Problem("", translate("FileChecks", "unreadable number in the JSON ({reason})")
                      .format(reason=e)) from None
    _check_tree(obj, "$", 0)
    return obj


def line_column(line: int, column: int) -> str:
    """Where a problem is: "line 7, column 3"."""
    return translate("FileChecks", "line {line}, column {column}").format(line=line, column=column)


def _too_deep() -> str:
    return translate("FileChecks", "the JSON is nested more than {depth} levels deep, deeper than any "
                                   "gdviz file").format(depth=MAX_JSON_DEPTH)


_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep_at(text: str) -> str:
    """The line and column where ``text`` opens its (MAX_JSON_DEPTH + 1)-th nested level."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        bracket = match.group()  # or a whole string, whose brackets do not count
        if bracket in ("[", "{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                at = match.start()
                line, line_start = text.count("\n", 0, at) + 1, text.rfind("\n", 0, at) + 1
                return line_column(line, at - line_start + 1)
        elif bracket in ("]", "}"):
            depth -= 1
    return ""


def check_nesting(obj, where: str = "$") -> None:
    """Raise Problem where ``obj`` (parsed JSON, or what is about to be written) holds a list or
    object more than MAX_JSON_DEPTH levels down."""
    _check_tree(obj, where, 0)


def _check_tree(obj, where: str, depth: int) -> None:
    """No NaN or Infinity anywhere, no list or object more than MAX_JSON_DEPTH levels down."""
    try:
        _walk(obj, depth)
    except _Bad as bad:  # the path is built on the way out, only when something is wrong
        raise Problem(where + "".join(reversed(bad.path)), bad.message) from None


class _Bad(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message, self.path = message, []


def _walk(obj, depth: int) -> None:
    if isinstance(obj, _NonFinite):
        raise _Bad(translate("FileChecks", "{number} is not a finite number; gdviz refuses NaN and Infinity")
                   .format(number=obj.text))
    if isinstance(obj, (dict, list)) and depth >= MAX_JSON_DEPTH:
        raise _Bad(_too_deep())
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for key, value in items:
        if isinstance(value, (list, dict, _NonFinite)):
            try:
                _walk(value, depth + 1)
            except _Bad as bad:
                bad.path.append(f"[{key}]" if isinstance(key, int) else f".{key}")
                raise


def check_header(obj, expected_format: str, kind: str) -> None:
    """``obj`` is a JSON object of ``expected_format`` ("gdviz-session"...) in a version we read.

    ``kind`` names the file in the refusal, in the language chosen ("session (.gdviz)")."""
    if not isinstance(obj, dict):
        raise Problem("$", translate("FileChecks", "expected a JSON object, found {found}")
                      .format(found=describe(obj)))
    fmt = obj.get("format")
    if fmt != expected_format:
        found = repr(fmt) if fmt is not None else translate("FileChecks", "none")
        raise Problem("$.format", translate("FileChecks", "not a gdviz {kind} file (format {found}, "
                                                          "expected {expected})")
                      .format(kind=kind, found=found, expected=repr(expected_format)))
    version = obj.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Problem("$.format_version", translate("FileChecks", "unknown format version {found}")
                      .format(found=describe(version)))
    if version > FORMAT_VERSION:
        raise Problem("$.format_version", translate("FileChecks", "format version {version} is newer than "
                                                                  "this gdviz reads ({known}); update gdviz")
                      .format(version=version, known=FORMAT_VERSION))


# **** validating JSON values ****


def is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def number(v, where: str) -> float:
    if not is_number(v):
        raise Problem(where, translate("FileChecks", "expected a number, found {found}")
                      .format(found=describe(v)))
    try:
        return float(v)
    except OverflowError:
        raise Problem(where, translate("FileChecks", "the number is too large")) from None


def integer(v, where: str, lo: int = 0, hi: int | None = None) -> int:
    """A whole number from ``lo`` to ``hi`` (no upper bound but int64's without ``hi``)."""
    if not isinstance(v, int) or isinstance(v, bool):
        raise Problem(where, translate("FileChecks", "expected a whole number, found {found}")
                      .format(found=describe(v)))
    if not -(2**63) <= v < 2**63:  # numpy's int64, which holds labels, steps and seeds
        raise Problem(where, translate("FileChecks", "the number is too large (whole numbers stop at "
                                                     "2**63 - 1)"))
    if hi is not None and not lo <= v <= hi:
        raise Problem(where, translate("FileChecks", "{value} is out of range (from {lo} to {hi})")
                      .format(value=v, lo=lo, hi=hi))
    if v < lo:
        raise Problem(where, translate("FileChecks", "{value} is out of range ({lo} or more)")
                      .format(value=v, lo=lo))
    return v


def describe(v) -> str:
    """What a JSON value is, for "expected ..., found {found}"."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, str):
        return translate("FileChecks", "the text {text}").format(text=repr(v[:40]))
    if isinstance(v, list):
        return translate("FileChecks", "a list of {count}").format(count=len(v))
    if isinstance(v, dict):
        return translate("FileChecks", "an object")
    return repr(v)


def expect_object(v, where: str, required=(), optional=()) -> dict:
    if not isinstance(v, dict):
        raise Problem(where, translate("FileChecks", "expected a JSON object, found {found}")
                      .format(found=describe(v)))
    for key in required:
        if key not in v:
            raise Problem(where, translate("FileChecks", "the key {key} is missing").format(key=repr(key)))
    known = set(required) | set(optional)
    for key in v:
        if known and key not in known:
            raise Problem(f"{where}.{key}", translate("FileChecks", "unknown key; expected one of {keys}")
                          .format(keys=", ".join(sorted(known))))
    return v


def expect_list(v, where: str, max_len: int) -> list:
    if not isinstance(v, list):
        raise Problem(where, translate("FileChecks", "expected a list, found {found}")
                      .format(found=describe(v)))
    if len(v) > max_len:
        raise Problem(where, translate("FileChecks", "{count:,} entries, more than the limit of {limit:,}")
                      .format(count=len(v), limit=max_len))
    return v


def number_array(v, where: str, max_values: int) -> np.ndarray:
    """A number, a list of numbers or a rectangular list of lists of numbers, as float array."""
    if is_number(v):
        return np.array(number(v, where))
    rows = expect_list(v, where, max_values)
    if rows and isinstance(rows[0], list):
        width = len(rows[0])
        if width == 0 or width * len(rows) > max_values:
            raise Problem(where, translate("FileChecks", "a {rows}x{columns} matrix is not a usable weight")
                          .format(rows=len(rows), columns=width))
        for i, row in enumerate(rows):
            row = expect_list(row, f"{where}[{i}]", width)
            if len(row) != width:
                raise Problem(f"{where}[{i}]", translate("FileChecks", "{count} numbers where row 0 has {width}")
                              .format(count=len(row), width=width))
            for j, x in enumerate(row):
                number(x, f"{where}[{i}][{j}]")
    else:
        for i, x in enumerate(rows):
            number(x, f"{where}[{i}]")
    return np.array(rows, dtype=float)


# **** writing JSON that people can read and diff ****


def dumps(obj) -> str:
    return _dump(obj, 0) + "\n"


def _dump(value, depth: int) -> str:
    """Objects one key per line, matrices one row per line, everything else compact."""
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict) and value and depth < 2:
        items = (f"{inner}{json.dumps(str(k))}: {_dump(v, depth + 1)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value and all(isinstance(row, list) for row in value):
        rows = (inner + json.dumps(row, allow_nan=False) for row in value)
        return "[\n" + ",\n".join(rows) + "\n" + pad + "]"
    return json.dumps(value, allow_nan=False)
