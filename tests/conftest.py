"""Shared test set-up: headless Qt when there is no display."""

import os
import sys

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
elif sys.platform.startswith("linux"):
    # A display is set, but tests never need to draw on it.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
