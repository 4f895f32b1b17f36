"""The package's layout rules: only gdviz.ui (and the entry point) imports Qt; modules stay small."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import gdviz

ROOT = Path(__file__).resolve().parents[1]
QT_PREFIXES = ("PySide6", "pyqtgraph", "PyQt5", "PyQt6", "shiboken6")
# The entry points may import Qt; so may everything under gdviz.ui.
QT_ALLOWED = ("gdviz.ui", "gdviz.app")
MAX_MODULE_LINES = 440  # about 400, as the layout issue asks


def _all_modules():
    return sorted(m.name for m in pkgutil.walk_packages(gdviz.__path__, "gdviz."))


def test_every_module_outside_ui_imports_no_qt():
    """Each Qt-free module is imported alone in a fresh interpreter, so that no module
    hides behind another that happened to load Qt first."""
    modules = [m for m in _all_modules() if not m.startswith(QT_ALLOWED)]
    assert "gdviz.engine" in modules and "gdviz.training.trainer" in modules
    code = (
        "import importlib, subprocess, sys\n"
        f"prefixes = {QT_PREFIXES!r}\n"
        "bad = {}\n"
        "for name in sys.argv[1:]:\n"
        "    out = subprocess.run([sys.executable, '-c', 'import sys, importlib; importlib.import_module(sys.argv[1]); "
        "print(\\' \\'.join(m for m in sys.modules if m.startswith(%r)))' % (prefixes,), name],\n"
        "                         capture_output=True, text=True)\n"
        "    if out.returncode or out.stdout.strip():\n"
        "        bad[name] = (out.stdout + out.stderr).strip()[-300:]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *modules], capture_output=True, text=True,
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_modules_stay_readable_in_one_sitting():
    too_long = {}
    for path in (ROOT / "gdviz").rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long[str(path.relative_to(ROOT))] = lines
    assert not too_long, too_long
