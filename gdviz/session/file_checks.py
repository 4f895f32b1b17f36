"""Reading and checking JSON for gdviz.session.files: every value checked, every problem located.

Checkers raise ``Problem(where, problem)``, where ``where`` is a JSON path such as
``$.dataset.X[3][1]`` or a line and column; gdviz.session.files adds the file and re-raises it as a
``FileFormatError``. NaN, Infinity and numbers too large for a float parse to a marker
that ``parse_json`` reports by path: a loaded tree holds only finite numbers.
"""

from __future__ import annotations

import json
import math

import numpy as np


class Problem(Exception):
    """Raised by the validators; the public loaders add the path and re-raise FileFormatError."""

    def __init__(self, where: str, problem: str):
        super().__init__(where, problem)
        self.where, self.problem = where, problem


# **** reading and parsing ****


def read_text(path, max_bytes: int) -> str:
    """The file's text, refusing empty, oversized and non-UTF-8 files. OSError passes through."""
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Problem("", f"the file is larger than {max_bytes // 2**20} MB, "
                          "more than any gdviz file can be")
    if not data.strip():
        raise Problem("", "the file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise Problem(f"byte {e.start}", "not UTF-8 text (is this the right file?)") from None


class _NonFinite:
    """What NaN, Infinity and overflowing numbers parse to, so they can be located by path."""

    def __init__(self, text: str):
        self.text = text


def _unique_keys(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise Problem("", f"the key {key!r} appears twice in one JSON object")
        obj[key] = value
    return obj


def _parse_float(text: str):
    value = float(text)
    return value if math.isfinite(value) else _NonFinite(text)


def parse_json(text: str):
    try:
        obj = json.loads(text, parse_constant=_NonFinite, parse_float=_parse_float,
                         object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as e:
        raise Problem(f"line {e.lineno}, column {e.colno}",
                       f"not valid JSON ({e.msg}); is the file truncated?") from None
    except RecursionError:
        raise Problem("", "the JSON is nested too deeply") from None
    except ValueError as e:  # an integer with thousands of digits
        raise Problem("", f"unreadable number in the JSON ({e})") from None
    _refuse_non_finite(obj, "$")
    return obj


def _refuse_non_finite(obj, where: str) -> None:
    if isinstance(obj, _NonFinite):
        raise Problem(where, f"{obj.text} is not a finite number; gdviz refuses NaN and Infinity")
    if isinstance(obj, dict):
        for key, value in obj.items():
            _refuse_non_finite(value, f"{where}.{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            if isinstance(value, (list, dict, _NonFinite)):
                _refuse_non_finite(value, f"{where}[{i}]")


# **** validating JSON values ****


def is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def number(v, where: str) -> float:
    if not is_number(v):
        raise Problem(where, f"expected a number, found {describe(v)}")
    try:
        return float(v)
    except OverflowError:
        raise Problem(where, "the number is too large") from None


def integer(v, where: str, lo: int = 0, hi: int | None = None) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise Problem(where, f"expected a whole number, found {describe(v)}")
    if v < lo or (hi is not None and v > hi):
        bound = f"from {lo} to {hi}" if hi is not None else f"{lo} or more"
        raise Problem(where, f"{v} is out of range ({bound})")
    return v


def describe(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, str):
        return f"the text {v[:40]!r}"
    if isinstance(v, list):
        return f"a list of {len(v)}"
    if isinstance(v, dict):
        return "an object"
    return repr(v)


def expect_object(v, where: str, required=(), optional=()) -> dict:
    if not isinstance(v, dict):
        raise Problem(where, f"expected a JSON object, found {describe(v)}")
    for key in required:
        if key not in v:
            raise Problem(where, f"the key {key!r} is missing")
    known = set(required) | set(optional)
    for key in v:
        if known and key not in known:
            raise Problem(f"{where}.{key}", f"unknown key; expected one of {', '.join(sorted(known))}")
    return v


def expect_list(v, where: str, max_len: int) -> list:
    if not isinstance(v, list):
        raise Problem(where, f"expected a list, found {describe(v)}")
    if len(v) > max_len:
        raise Problem(where, f"{len(v):,} entries, more than the limit of {max_len:,}")
    return v


def number_array(v, where: str, max_values: int) -> np.ndarray:
    """A number, a list of numbers or a rectangular list of lists of numbers, as float array."""
    if is_number(v):
        return np.array(number(v, where))
    rows = expect_list(v, where, max_values)
    if rows and isinstance(rows[0], list):
        width = len(rows[0])
        if width == 0 or width * len(rows) > max_values:
            raise Problem(where, f"a {len(rows)}x{width} matrix is not a usable weight")
        for i, row in enumerate(rows):
            row = expect_list(row, f"{where}[{i}]", width)
            if len(row) != width:
                raise Problem(f"{where}[{i}]", f"{len(row)} numbers where row 0 has {width}")
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
