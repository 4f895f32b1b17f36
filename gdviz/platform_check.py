"""Can Qt open a window here? Checked before the QApplication exists (no Qt import).

Without a display, or on Linux without the X11 libraries Qt's xcb plugin loads, Qt
aborts the process with a cryptic message. We look first and explain the fix.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

#: Debian/Ubuntu package -> the shared library (as ctypes.util.find_library names it).
XCB_PACKAGES = {
    "libxcb-cursor0": "xcb-cursor",
    "libxcb-icccm4": "xcb-icccm",
    "libxcb-keysyms1": "xcb-keysyms",
    "libxcb-image0": "xcb-image",
    "libxcb-render-util0": "xcb-render-util",
    "libxcb-xkb1": "xcb-xkb",
    "libxkbcommon-x11-0": "xkbcommon-x11",
    "libxcb-shape0": "xcb-shape",
    "libxcb-randr0": "xcb-randr",
    "libegl1": "EGL",
    "libfontconfig1": "fontconfig",
}

APT_LINE = "sudo apt install " + " ".join(XCB_PACKAGES)
HEADLESS_HINT = (
    "To run without a screen, make a picture instead:\n"
    "    python3 main.py --screenshot gdviz.png --steps 200"
)


def missing_libraries(find=ctypes.util.find_library) -> list[str]:
    """The Debian packages whose libraries the dynamic loader cannot find."""
    return [package for package, lib in XCB_PACKAGES.items() if not find(lib)]


def display_problem(environ=None, platform=None, find=ctypes.util.find_library) -> str | None:
    """A message saying why Qt cannot open a window here and what to do, or None."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    qpa = environ.get("QT_QPA_PLATFORM", "")
    if qpa.split(":")[0] in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        return None
    if not platform.startswith("linux"):
        return None
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "gdviz needs a display, and none is set (neither DISPLAY nor "
            "WAYLAND_DISPLAY).\nRun it from a desktop session, or on a virtual screen: "
            "xvfb-run python3 main.py\n" + HEADLESS_HINT
        )
    if qpa.startswith("wayland") or (not environ.get("DISPLAY") and environ.get("WAYLAND_DISPLAY")):
        return None
    missing = missing_libraries(find)
    if missing:
        return (
            "Qt's X11 (xcb) plugin needs system libraries that are not installed: "
            + ", ".join(missing)
            + ".\nInstall them with:\n    "
            + APT_LINE
            + "\n"
            + HEADLESS_HINT
        )
    return None
