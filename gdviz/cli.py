"""The command line: ``python main.py`` / ``gdviz`` options, parsed and checked (Qt-free).

Bad arguments end in argparse's usage message and exit code 2, never a traceback; nothing
here imports Qt, so ``--help`` and argument errors work without a display.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from gdviz import __version__
from gdviz.training.datasets import DATASET_NAMES
from gdviz.session.files import SESSION_SUFFIX
from gdviz.training.models import MODEL_KINDS

THEMES = ("light", "dark", "system")
EPILOG = """\
examples:
  gdviz                                    the tutorial's perceptron and its graph
  gdviz --dataset spirals --model mlp      a harder problem for an MLP
  gdviz --session resources/examples/moons-trained.gdviz
  gdviz --screenshot shot.png --steps 200  train 200 steps offscreen, save, exit
"""


def _steps(text: str) -> int:
    try:
        steps = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of steps") from None
    if steps < 0:
        raise argparse.ArgumentTypeError(f"{steps} steps: give 0 or more")
    return steps


def _session_file(text: str) -> Path:
    path = Path(text).expanduser()
    if not path.exists():
        raise argparse.ArgumentTypeError(f"{text!r} does not exist")
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text!r} is not a file")
    if not os.access(path, os.R_OK):
        raise argparse.ArgumentTypeError(f"{text!r} cannot be read (permissions?)")
    return path


def _png_file(text: str) -> Path:
    path = Path(text).expanduser()
    if path.suffix.lower() != ".png":
        raise argparse.ArgumentTypeError(f"{text!r}: the screenshot is a PNG, name it *.png")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r}: the folder {str(folder)!r} does not exist")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder")
    return path


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of ``python main.py`` and the ``gdviz`` script."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="See gradient descent and backpropagation on a computational graph.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    start = parser.add_argument_group("what to open (default: the tutorial's scenario)")
    start.add_argument("--dataset", choices=DATASET_NAMES, metavar="NAME",
                       help=f"start on this dataset: {', '.join(DATASET_NAMES)}")
    start.add_argument("--model", choices=MODEL_KINDS,
                       help="start with this model: the tutorial's perceptron or an MLP")
    start.add_argument("--session", type=_session_file, metavar="FILE",
                       help=f"open a saved session ({SESSION_SUFFIX} file); "
                            "it holds its own dataset and model")
    shot = parser.add_argument_group("screenshots (offscreen, no display needed)")
    shot.add_argument("--screenshot", type=_png_file, metavar="FILE",
                      help="run offscreen, save a PNG of the whole window to FILE and exit")
    shot.add_argument("--steps", type=_steps, default=0, metavar="N",
                      help="training steps to take before --screenshot (default 0)")
    parser.add_argument("--theme", choices=THEMES, default="system",
                        help="colour theme (default: follow the system)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def parse_args(argv=None) -> argparse.Namespace:
    """Parse and check the command line.

    Args:
        argv: the arguments after the program name; ``None`` means ``sys.argv[1:]``.

    Returns:
        A Namespace with ``dataset`` (str or None), ``model`` (str or None), ``session``
        (Path or None), ``screenshot`` (Path or None), ``steps`` (int), ``theme`` (str).

    Raises:
        SystemExit: 2 after printing the usage and what was wrong; 0 after --help/--version.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.session is not None:
        clashing = [f"--{name}" for name in ("dataset", "model") if getattr(args, name)]
        if clashing:
            parser.error(f"--session already holds a dataset and a model; drop {' and '.join(clashing)}")
    if args.steps and args.screenshot is None:
        parser.error("--steps only applies with --screenshot FILE")
    return args
