"""The desktop app's entry point: command line, platform check, then Qt."""

from __future__ import annotations

import argparse
import os
import sys


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="gdviz",
        description="See gradient descent and backpropagation on a computational graph.",
    )
    parser.add_argument("--screenshot", metavar="FILE",
                        help="run offscreen, save a PNG of the window to FILE and exit")
    parser.add_argument("--steps", type=int, default=0, metavar="N",
                        help="training steps to take before --screenshot (default 0)")
    args = parser.parse_args(argv)
    if args.steps < 0:
        parser.error("--steps must be 0 or more")
    return args


def main(argv=None) -> int:
    """Run the app. Returns the process exit code."""
    args = parse_args(argv)
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from .platform_check import display_problem

    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from .ui.static_window import run

    return run(args)
