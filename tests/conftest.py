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


# A test that hangs (a deadlock, a modal dialog nobody answers) would hold CI until its
# own time limit with nothing to show: after this long, every thread's stack is printed
# and the test process ends, so the run fails at once, naming where it hung. A safety
# net, far above any test's time: no test asserts on how long it takes.
HANG_LIMIT_S = 300


@pytest.fixture(autouse=True)
def _end_a_hung_test():
    import faulthandler

    faulthandler.dump_traceback_later(HANG_LIMIT_S, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()
