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
# own time limit with nothing to show: after this long, every thread's stack is written
# and the test process ends, so the run fails at once, naming where it hung. A safety
# net, far above any test's time: no test asserts on how long it takes.
#
# The stacks go to a file of this process's own (pytest captures stderr, and an xdist
# worker's captured output dies with it): GDVIZ_HANG_DIR names the folder, and `.ci/run`
# prints every report found there when the run fails.
HANG_LIMIT_S = float(os.environ.get("GDVIZ_HANG_LIMIT_S", 180))
_hang_report = None


def _hang_report_file():
    global _hang_report
    if _hang_report is None:
        import tempfile
        from pathlib import Path

        folder = Path(os.environ.get("GDVIZ_HANG_DIR") or Path(tempfile.gettempdir()) / "gdviz-hangs")
        folder.mkdir(parents=True, exist_ok=True)
        _hang_report = open(folder / f"hang-{os.getpid()}.txt", "w", encoding="utf-8")
        import faulthandler

        faulthandler.enable(file=_hang_report, all_threads=True)  # a crash writes its stacks there too
    return _hang_report


@pytest.fixture(autouse=True)
def _end_a_hung_test(request):
    import faulthandler

    report = _hang_report_file()
    report.seek(0)
    report.truncate()
    report.write(f"hung test: {request.node.nodeid} (no answer after {HANG_LIMIT_S} s)\n")
    report.flush()
    faulthandler.dump_traceback_later(HANG_LIMIT_S, exit=os.environ.get("GDVIZ_HANG_EXIT") != "0", file=report)
    yield
    faulthandler.cancel_dump_traceback_later()
    report.seek(0)
    report.truncate()
    report.flush()
