"""The desktop app's entry point: command line, platform check, then Qt.

``main(argv)`` parses the command line (gdviz.cli) before anything imports Qt, so that
``--help`` and bad arguments work without a display; it then checks that Qt can open a
window (gdviz.platform_check) and only then creates the QApplication. A FILE on the
command line is opened as File → Open opens it; one it refuses ends the app with File →
Open's message and exit code 1. A script (FILE.py) runs in a child process and its graph is
shown in a window of its own (gdviz.ui.scripts); with --screenshot that window is saved and
the exit code says whether the script ran. Ctrl+C in the terminal closes the window as its close
button does.
"""

from __future__ import annotations

import os
import signal
import sys
import time

from gdviz.cli import parse_args

ORGANISATION = "gdviz"
APPLICATION = "gdviz"
SETTINGS_ENV = "GDVIZ_SETTINGS"  # a path: keep the settings in this .ini file instead
FIRST_PAINT_ENV = "GDVIZ_QUIT_AFTER_FIRST_PAINT"  # benchmarks/startup.py: print, then quit
SCREENSHOT_TIMEOUT_S = 60.0
SIGNAL_CHECK_MS = 200  # how often Python gets to run a signal handler while Qt waits


def make_settings():
    """The QSettings the window remembers itself in (``$GDVIZ_SETTINGS`` redirects it)."""
    from PySide6.QtCore import QSettings

    path = os.environ.get(SETTINGS_ENV)
    if path:
        return QSettings(path, QSettings.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def starting_session(args):
    """The session the window starts on, before any FILE is opened: the tutorial's, with
    --dataset and --model applied.

    Returns:
        (session, None): a gdviz.session.files.Session, and no file behind it.

    Raises:
        gdviz.session.files.FileFormatError, OSError: the tutorial's example is unreadable.
    """
    from dataclasses import replace

    from gdviz.session import files
    from gdviz.training.datasets import make_dataset
    from gdviz.ui.window.main_window import tutorial_session

    session = tutorial_session()
    if args.dataset or args.model:
        dataset_config = replace(session.dataset_config, name=args.dataset or session.dataset_config.name)
        model_config = session.model_config
        if args.model == "mlp" or (args.dataset and args.dataset != "tutorial"):
            # Away from the tutorial's two clouds, the tutorial's tiny rate on the summed loss crawls.
            model_config = replace(model_config, kind=args.model or model_config.kind,
                                   reduction="mean", learning_rate=0.1)
        session = files.Session(dataset=make_dataset(dataset_config), dataset_config=dataset_config,
                                model_config=model_config)
    return session, None


def open_file(window, path) -> str | None:
    """Open ``path`` in ``window`` as File → Open does. Returns None, or why it was refused."""
    from gdviz.session import files

    try:
        window.session_files.open_path(path)
    except (files.FileFormatError, OSError, ValueError) as e:
        message = str(e)  # what File → Open's dialog says
        return message if path.name in message else f"{path.name}: {message}"
    return None


class CloseOnInterrupt:
    """Ctrl+C (SIGINT) closes ``window`` as its close button does: "Save changes?" is asked,
    training stops, the layout is remembered.

    Qt's event loop runs no Python, so Python would run the handler only at the next event
    that reaches Python; a timer ticking every SIGNAL_CHECK_MS makes sure one comes.
    """

    def __init__(self, window):
        from PySide6.QtCore import QTimer

        self.window = window
        self.closing = False
        self._previous = signal.signal(signal.SIGINT, self._interrupted)
        self._tick = QTimer(window)
        self._tick.timeout.connect(lambda: None)
        self._tick.start(SIGNAL_CHECK_MS)

    def _interrupted(self, signum, frame) -> None:
        from PySide6.QtCore import QTimer

        if not self.closing:  # a second Ctrl+C while "Save changes?" is open: that dialog answers
            QTimer.singleShot(0, self._close)

    def _close(self) -> None:
        self.closing = True
        try:
            self.window.close()
        finally:
            self.closing = False

    def uninstall(self) -> None:
        """Give SIGINT back to whoever had it (Python's KeyboardInterrupt)."""
        self._tick.stop()
        signal.signal(signal.SIGINT, self._previous)


def _train_steps(window, app, steps: int) -> str | None:
    """Take exactly ``steps`` training steps. Returns None once the window shows the last
    one, or why it never will (training diverged, failed, or ran out of time)."""
    if not window.training.dataset().train_mask.any():
        return f"cannot take {steps:,} training steps: there are no training points"
    stopped = []  # the worker's divergence or failure, as a sentence: no more steps come
    window.training.warning_raised.connect(stopped.append)
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_S
    too_slow = f"training {steps:,} steps took more than {SCREENSHOT_TIMEOUT_S:.0f} s"
    for i in range(steps):
        window.training.step_once()
        if i % 1000 == 999 and time.monotonic() > deadline:
            return too_slow  # each queued request costs memory: stop queuing once time is up
    target = window.backprop_step + steps if window.backprop_step is not None else steps
    while time.monotonic() < deadline:
        app.processEvents()
        frame = window.training.last_frame
        if frame is not None and frame.snapshot.step >= target:
            return None
        if stopped:
            return stopped[0]
        time.sleep(0.01)
    return too_slow


def run_screenshot(window, app, path, steps: int, view: str = "window") -> int:
    """Train ``steps`` steps, load the next one into the graph, save ``view`` as a PNG
    (the whole window, or one view: MainWindow.prepare_view)."""
    problem = _train_steps(window, app, steps) if steps else None
    if problem:
        print(f"gdviz: {problem}", file=sys.stderr)
        return 1
    window.backprop_this_step(quiet=True)
    widget, ready = window.prepare_view(view)
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_S
    while not ready() and time.monotonic() < deadline:  # e.g. a landscape's surface
        app.processEvents()
        time.sleep(0.01)
    for _ in range(3):  # let the last frame and the layout settle
        app.processEvents()
        time.sleep(0.05)
    if not widget.grab().save(str(path), "PNG"):
        print(f"gdviz: could not write {path}", file=sys.stderr)
        return 1
    return 0


def run_record(window, app, path, view: str, steps: int, every: int | None) -> int:
    """``--record``: a GIF of training (``view`` "training" or "window") or of the
    backprop walk-through ("graph", after ``steps`` steps). Returns the exit code: 2 for
    what the command line asked that cannot be done, 1 when training or writing fails."""
    from gdviz.ui.slides import gif

    def progress(done, total):
        if sys.stderr.isatty():  # a counter that rewrites itself; a log gets the last line only
            print(f"\rgdviz: frame {done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        if view == "graph":
            problem = _train_steps(window, app, steps) if steps else None
            if problem:
                print(f"gdviz: {problem}", file=sys.stderr)
                return 1
            frames = gif.record_walkthrough(window, path, progress=progress)
        else:
            frames = gif.record_training(window, path, steps, every, view, progress=progress)
    except ValueError as e:
        print(f"gdviz: {e}", file=sys.stderr)
        return 2
    except (OSError, TimeoutError) as e:
        print(f"gdviz: could not record {path}: {e}", file=sys.stderr)
        return 1
    print(f"gdviz: wrote {path} ({frames} frames)", file=sys.stderr)
    return 0


def run_until_closed(app, window) -> int:
    """The event loop until the window closes; Ctrl+C in the terminal closes it as its
    close button does."""
    interrupt = CloseOnInterrupt(window)
    try:
        app.exec()
    finally:
        interrupt.uninstall()
    return 0


def install_language(app, args, settings):
    """Speak the language --lang, the settings or the system ask for; say on stderr why
    it cannot be shown (no translation file, no Chinese font)."""
    from gdviz.ui.language import Language, choose_language

    language = Language(app, choose_language(args.lang, settings))
    if language.problem:
        print(f"gdviz: {language.problem}", file=sys.stderr)
    return language


def run_script_window(args) -> int:
    """``gdviz SCRIPT.py``: the script's graph in its own window (or saved, with --screenshot)."""
    from PySide6.QtWidgets import QApplication

    from gdviz.ui.icons import app_icon
    from gdviz.ui.scripts.show_window import open_script, script_screenshot
    from gdviz.ui.theme import ThemeManager

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(app_icon())
    language = install_language(app, args, None if args.screenshot else make_settings())
    theme_manager = ThemeManager(app, args.theme if args.theme in ("light", "dark") else "system")
    if args.screenshot:
        return script_screenshot(args.script, args.screenshot)
    window = open_script(None, args.script)
    window.theme_manager, window.language = theme_manager, language  # kept alive with the window
    return run_until_closed(app, window)


def main(argv=None) -> int:
    """Run the app. Returns the process exit code (2 for bad arguments, via SystemExit)."""
    args = parse_args(argv)
    if args.screenshot or args.record:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from gdviz.platform_check import display_problem

    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1

    if args.script is not None:
        return run_script_window(args)

    from PySide6.QtWidgets import QApplication

    from gdviz.session import files
    from gdviz.ui.icons import app_icon
    from gdviz.ui.window.main_window import MainWindow
    from gdviz.ui.theme import ThemeManager

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(app_icon())
    settings = None if args.screenshot or args.record else make_settings()
    language = install_language(app, args, settings)
    theme = args.theme
    if theme == "system" and settings is not None:
        theme = str(settings.value("theme", "system"))
    theme_manager = ThemeManager(app, theme if theme in ("light", "dark", "system") else "system")
    try:
        session, path = starting_session(args)
    except (files.FileFormatError, OSError) as e:
        print(f"gdviz: cannot open the tutorial's session: {e}", file=sys.stderr)
        return 1
    window = MainWindow(settings=settings, theme_manager=theme_manager)
    window.language = language
    window.apply_session(session, path)
    if args.file is not None:
        refusal = open_file(window, args.file)
        if refusal:
            print(f"gdviz: {refusal}", file=sys.stderr)
            window.shutdown()
            return 1
    if os.environ.get(FIRST_PAINT_ENV):
        def painted():
            print(f"first_paint_unix_s = {time.time():.6f}", flush=True)
            app.quit()

        window.firstPainted.connect(painted)
    window.show()
    if args.record:
        code = run_record(window, app, args.record, args.view, args.steps, args.every)
        window.shutdown()
        return code
    if args.screenshot:
        code = run_screenshot(window, app, args.screenshot, args.steps, args.view)
        window.shutdown()
        return code
    return run_until_closed(app, window)
