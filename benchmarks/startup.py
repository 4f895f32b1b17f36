"""Startup benchmark: process start to the main window's first paint, offscreen.

Runs ``python main.py`` in fresh subprocesses with ``GDVIZ_QUIT_AFTER_FIRST_PAINT`` set:
the app prints the wall-clock time of its first paint and quits. The figure is that
time minus the moment just before the subprocess was started; the median of RUNS.
Prints ``startup_first_paint_s = T`` (target <= 1.2 s), beside this machine's own speed
(``machine_mlp_limit_steps_per_s``, as ``benchmarks/live_training.py`` prints it).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
ROOT = Path(__file__).resolve().parent.parent


def one_run(settings_dir: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDVIZ_QUIT_AFTER_FIRST_PAINT="1",
               GDVIZ_SETTINGS=str(Path(settings_dir) / "settings.ini"))
    start = time.time()
    result = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, capture_output=True,
                            text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"main.py exited {result.returncode}: {result.stderr}")
    line = next(l for l in result.stdout.splitlines() if l.startswith("first_paint_unix_s"))
    return float(line.split("=")[1]) - start


def machine_speed() -> float:
    """benchmarks/engine.py's hand-fused MLP step on 1,000 points, steps per second."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from engine import machine_mlp_limit_steps_per_s

    return machine_mlp_limit_steps_per_s()


def main() -> None:
    print(f"machine_mlp_limit_steps_per_s = {machine_speed():.0f}", flush=True)
    with tempfile.TemporaryDirectory() as settings_dir:
        one_run(settings_dir)  # warm the disk cache: the figure is a warm start
        times = [one_run(settings_dir) for _ in range(RUNS)]
    print(f"startup_first_paint_s = {statistics.median(times):.2f}")


if __name__ == "__main__":
    main()
