"""Shared test set-up: headless Qt when there is no display."""

import os
import sys

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
elif sys.platform.startswith("linux"):
    # A display is set, but tests never need to draw on it.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_gradient_registry():
    """Ops a test registers are removed after it, so that no test sees another's."""
    from gdviz.engine import registry

    saved = dict(registry._gradient_registry)
    yield
    registry._gradient_registry.clear()
    registry._gradient_registry.update(saved)
    registry.registry_version[0] += 1
