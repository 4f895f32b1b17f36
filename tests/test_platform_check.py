"""main.py checks for a display and Qt's xcb libraries before Qt can abort."""

import subprocess
import sys
from pathlib import Path

from gdviz.platform_check import APT_LINE, display_problem

ROOT = Path(__file__).resolve().parents[1]


def test_no_display_names_the_fix_and_the_headless_alternative():
    message = display_problem(environ={}, platform="linux")
    assert "needs a display" in message and "xvfb-run" in message and "--screenshot" in message


def test_missing_xcb_library_names_the_package_and_the_apt_line():
    missing = {"xcb-cursor"}
    message = display_problem(environ={"DISPLAY": ":0"}, platform="linux",
                              find=lambda lib: None if lib in missing else f"lib{lib}.so")
    assert "libxcb-cursor0" in message and APT_LINE in message and "--screenshot" in message


def test_all_present_or_offscreen_or_not_linux_is_fine():
    found = lambda lib: f"lib{lib}.so"  # noqa: E731
    assert display_problem(environ={"DISPLAY": ":0"}, platform="linux", find=found) is None
    assert display_problem(environ={"QT_QPA_PLATFORM": "offscreen"}, platform="linux") is None
    assert display_problem(environ={}, platform="darwin") is None


def test_main_py_without_display_exits_1_with_the_message_not_a_qt_abort():
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    result = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "needs a display" in result.stderr
    assert "Aborted" not in result.stderr and "qt.qpa" not in result.stderr
