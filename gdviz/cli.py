"""The command line: ``python main.py [FILE]`` / ``gdviz [FILE]`` options, parsed and checked (Qt-free).

``--check-gradients SCRIPT`` is a command of its own, like ``--version``: parsing it runs
the learner's script in a child process, prints the gradient check's table and exits
(0: every gradient right, 1: one is wrong, 2: the script failed), without a display.

Bad arguments end in argparse's usage message and exit code 2, never a traceback: a file
to open that is missing, unreadable, a folder, a pipe or a device, a screenshot folder that
cannot be written, too many steps. Nothing here imports Qt, so ``--help`` and argument
errors work without a display. What is inside the file is checked later, by the same code
as File → Open.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

from gdviz import __version__
from gdviz.i18n import LANGUAGES
from gdviz.session.file_checks import file_kind
from gdviz.session.files import SESSION_SUFFIX
from gdviz.training.datasets import DATASET_NAMES
from gdviz.training.models import MODEL_KINDS

THEMES = ("light", "dark", "system")
SCRIPT_SUFFIX = ".py"  # a FILE with this suffix is a learner's script: its graph is shown
# --screenshot must finish training within SCREENSHOT_TIMEOUT_S (gdviz.app, 60 s): the
# tutorial's perceptron takes about 15,000 steps a second, so a million steps already runs
# out of time (and queues 200 MB of requests) while 100,000 finish in seconds.
MAX_STEPS = 100_000
EPILOG = """\
examples:
  gdviz                                    the tutorial's perceptron and its graph
  gdviz --dataset spirals --model mlp      a harder problem for an MLP
  gdviz resources/examples/moons-trained.gdviz    open a session (or a .csv/.json dataset)
  gdviz --screenshot shot.png --steps 200  train 200 steps offscreen, save, exit
  gdviz my_script.py                       run a script of your own and show its graph
  gdviz my_script.py --screenshot g.png    the same, offscreen, saved as a PNG
  gdviz --check-gradients my_script.py     check every gradient of a script's graph
  gdviz --record train.gif --view training --steps 300 --every 10    a GIF of training
"""


# What --screenshot can picture: the whole window, or one view of it alone.
VIEWS = ("window", "graph", "training", "landscape", "race", "neurons")
# What --record can animate: training (the window or the training views, a frame every
# K steps) or the graph (the backprop walk-through of the step after N steps).
RECORD_VIEWS = ("training", "graph", "window")

def _steps(text: str) -> int:
    try:
        steps = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of steps") from None
    if steps < 0:
        raise argparse.ArgumentTypeError(f"{steps} steps: give 0 or more")
    if steps > MAX_STEPS:
        raise argparse.ArgumentTypeError(f"{steps:,} steps: give at most {MAX_STEPS:,}")
    return steps


def _file_to_open(text: str) -> Path:
    """A file that exists, can be read and is a file: never a pipe, which would block."""
    path = Path(text).expanduser()
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise argparse.ArgumentTypeError(f"{text!r} does not exist") from None
    except OSError as e:  # a folder on the way cannot be searched, a name too long...
        raise argparse.ArgumentTypeError(f"{text!r} cannot be opened ({e.strerror})") from None
    if not stat.S_ISREG(mode):
        raise argparse.ArgumentTypeError(f"{text!r} is not a file: it is {file_kind(mode)}")
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
    if path.exists() and not os.access(path, os.W_OK):
        raise argparse.ArgumentTypeError(f"{text!r} cannot be overwritten (permissions?)")
    if not path.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(f"{text!r}: the folder {str(folder)!r} is not writable "
                                         "(permissions?)")
    return path


def _gif_file(text: str) -> Path:
    path = Path(text).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.suffix.lower() != ".gif":
        raise argparse.ArgumentTypeError(f"{text!r}: the recording is an animated GIF, name it *.gif")
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r}: the folder {str(folder)!r} does not exist")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder")
    if not os.access(path if path.exists() else folder, os.W_OK):
        raise argparse.ArgumentTypeError(f"{text!r} cannot be written (permissions?)")
    return path


def _every(text: str) -> int:
    every = _steps(text)
    if every < 1:
        raise argparse.ArgumentTypeError(f"a frame every {every} steps: give 1 or more")
    return every


def check_gradients(script: Path) -> int:
    """``--check-gradients SCRIPT``: print the gradient check of the script. Returns the exit code."""
    from gdviz.scripts import check

    return check.report(check.check_script(script), sys.stdout, sys.stderr)


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
    start.add_argument("file", nargs="?", type=_file_to_open, metavar="FILE",
                       help=f"open a saved session ({SESSION_SUFFIX}) or a dataset (.csv, .json), "
                            "as File → Open does, or run a script of your own (.py) and show "
                            "the graph it built")
    start.add_argument("--session", type=_file_to_open, metavar="FILE",
                       help=f"the same as FILE, for a session ({SESSION_SUFFIX} file); "
                            "it holds its own dataset and model")
    shot = parser.add_argument_group("screenshots (offscreen, no display needed)")
    shot.add_argument("--screenshot", type=_png_file, metavar="FILE",
                      help="run offscreen, save a PNG of the whole window to FILE and exit")
    shot.add_argument("--steps", type=_steps, default=0, metavar="N",
                      help="training steps to take before --screenshot (default 0)")
    shot.add_argument("--view", choices=VIEWS, default="window", metavar="VIEW",
                      help=f"what --screenshot pictures: {', '.join(VIEWS)} (default: window)")
    record = parser.add_argument_group("animated GIFs (offscreen, no display needed)")
    record.add_argument("--record", type=_gif_file, metavar="FILE.gif",
                        help="run offscreen, save an animated GIF to FILE.gif and exit: --view "
                             "training or window trains --steps N steps (a frame every --every K); "
                             "--view graph walks through the backprop of the step after N steps")
    record.add_argument("--every", type=_every, metavar="K",
                        help="with --record: a frame every K training steps (default: N // 50, "
                             "at least 1)")
    scripts = parser.add_argument_group("a script of your own (no display needed)")
    scripts.add_argument("--check-gradients", type=_file_to_open, metavar="SCRIPT",
                         help="run SCRIPT (Python using gdviz.engine), compare every gradient of "
                              "its graph with finite differences, print a table and exit: 0 if "
                              "all agree, 1 if one is wrong, 2 if the script fails")
    parser.add_argument("--theme", choices=THEMES, default="system",
                        help="colour theme (default: follow the system)")
    parser.add_argument("--lang", choices=tuple(LANGUAGES), metavar="LANG",
                        help="the interface's language: en (English) or zh_CN (中文) (default: as "
                             "View → Language last chose, else the system's)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def parse_args(argv=None) -> argparse.Namespace:
    """Parse and check the command line.

    Args:
        argv: the arguments after the program name; ``None`` means ``sys.argv[1:]``.

    Returns:
        A Namespace with ``file`` (Path or None: FILE or ``--session``, the file to open),
        ``session`` (Path or None, as given), ``script`` (Path or None: a FILE ending in
        .py, whose graph is shown instead of a session), ``dataset`` (str or None), ``model`` (str or
        None), ``screenshot`` (Path or None), ``steps`` (int), ``record`` (Path or None:
        the GIF), ``every`` (int or None), ``theme`` (str), ``lang`` (str or None),
        ``check_gradients`` (always None: that option exits).

    Raises:
        SystemExit: 2 after printing the usage and what was wrong; 0 after --help/--version;
            --check-gradients' exit code after its table.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.check_gradients is not None:
        parser.exit(check_gradients(args.check_gradients))
    if args.file is not None and args.session is not None:
        parser.error("give the file to open once: as FILE or as --session FILE")
    args.file = args.file or args.session
    args.script = args.file if args.file is not None and args.session is None and \
        args.file.suffix.lower() == SCRIPT_SUFFIX else None
    if args.script is not None:
        clashing = [f"--{name}" for name in ("dataset", "model", "steps") if getattr(args, name)]
        if clashing:
            parser.error(f"a script builds its own graph; drop {' and '.join(clashing)}")
    elif args.file is not None:
        is_session = args.session is not None or args.file.suffix.lower() == SESSION_SUFFIX
        clashing = [f"--{name}" for name in (("dataset", "model") if is_session else ("dataset",))
                    if getattr(args, name)]
        if clashing:
            holds = "a session already holds a dataset and a model" if is_session else "the file holds the points"
            parser.error(f"{holds}; drop {' and '.join(clashing)}")
    if args.steps and args.screenshot is None and args.record is None:
        parser.error("--steps only applies with --screenshot FILE or --record FILE.gif")
    _check_record(parser, args)
    if args.view != "window" and args.screenshot is None and getattr(args, "record", None) is None:
        parser.error("--view only applies with --screenshot FILE")
    return args


def _check_record(parser, args) -> None:
    """--record's options make sense together (parser.error, exit code 2, if not)."""
    if args.record is None:
        if args.every is not None:
            parser.error("--every only applies with --record FILE.gif")
        return
    if args.screenshot is not None:
        parser.error("give --screenshot or --record, not both")
    if args.view not in RECORD_VIEWS:
        parser.error(f"--record animates --view {', '.join(RECORD_VIEWS)}, not {args.view}")
    if args.view != "graph" and args.steps < 1:
        parser.error(f"--record with --view {args.view} needs --steps N (1 or more) to train")
    if args.every is not None and args.view != "graph" and args.every > args.steps:
        parser.error(f"--every {args.every} is more than --steps {args.steps}: no frame would be taken")
