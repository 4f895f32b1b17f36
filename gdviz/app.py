"""The desktop app's entry point: command line, platform check, then Qt.

``main(argv)`` parses the command line (gdviz.cli) before anything imports Qt, so that
``--help`` and bad arguments work without a display; it then checks that Qt can open a
window (gdviz.platform_check) and only then creates the QApplication.
"""

from __future__ import annotations

import os
import sys
import time

from gdviz.cli import parse_args

ORGANISATION = "gdviz"
APPLICATION = "gdviz"
SETTINGS_ENV = "GDVIZ_SETTINGS"  # a path: keep the settings in this .ini file instead
FIRST_PAINT_ENV = "GDVIZ_QUIT_AFTER_FIRST_PAINT"  # benchmarks/startup.py: print, then quit
SCREENSHOT_TIMEOUT_S = 60.0


def make_settings():
    """The QSettings the window remembers itself in (``$GDVIZ_SETTINGS`` redirects it)."""
    from PySide6.QtCore import QSettings

    path = os.environ.get(SETTINGS_ENV)
    if path:
        return QSettings(path, QSettings.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def starting_session(args):
    """The session the window opens on: --session, or the tutorial's (with --dataset/--model).

    Raises:
        gdviz.session.files.FileFormatError, OSError: --session names a file gdviz refuses.
    """
    from dataclasses import replace

    from gdviz.session import files
    from gdviz.training.datasets import make_dataset
    from gdviz.ui.window.main_window import tutorial_session

    if args.session is not None:
        return files.load_session(args.session), args.session
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


def _train_steps(window, app, steps: int) -> bool:
    """Take exactly ``steps`` training steps; True once the window shows the last one."""
    for _ in range(steps):
        window.training.step_once()
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_S
    target = window.backprop_step + steps if window.backprop_step is not None else steps
    while time.monotonic() < deadline:
        app.processEvents()
        frame = window.training.last_frame
        if frame is not None and frame.snapshot.step >= target:
            return True
        time.sleep(0.01)
    return False


def run_screenshot(window, app, path, steps: int) -> int:
    """Train ``steps`` steps, load the next one into the graph, save the window as a PNG."""
    if steps and not _train_steps(window, app, steps):
        print(f"gdviz: training {steps} steps took more than {SCREENSHOT_TIMEOUT_S:.0f} s", file=sys.stderr)
        return 1
    window.backprop_this_step(quiet=True)
    for _ in range(3):  # let the last frame and the layout settle
        app.processEvents()
        time.sleep(0.05)
    if not window.grab().save(str(path), "PNG"):
        print(f"gdviz: could not write {path}", file=sys.stderr)
        return 1
    return 0


def main(argv=None) -> int:
    """Run the app. Returns the process exit code (2 for bad arguments, via SystemExit)."""
    args = parse_args(argv)
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from gdviz.platform_check import display_problem

    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    from gdviz.session import files
    from gdviz.ui.icons import app_icon
    from gdviz.ui.window.main_window import MainWindow
    from gdviz.ui.theme import ThemeManager

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(app_icon())
    settings = None if args.screenshot else make_settings()
    theme = args.theme
    if theme == "system" and settings is not None:
        theme = str(settings.value("theme", "system"))
    theme_manager = ThemeManager(app, theme if theme in ("light", "dark", "system") else "system")
    try:
        session, path = starting_session(args)
    except (files.FileFormatError, OSError) as e:
        print(f"gdviz: cannot open the session: {e}", file=sys.stderr)
        return 1
    window = MainWindow(settings=settings, theme_manager=theme_manager)
    window.apply_session(session, path)
    if os.environ.get(FIRST_PAINT_ENV):
        def painted():
            print(f"first_paint_unix_s = {time.time():.6f}", flush=True)
            app.quit()

        window.firstPainted.connect(painted)
    window.show()
    if args.screenshot:
        code = run_screenshot(window, app, args.screenshot, args.steps)
        window.training.shutdown()
        return code
    app.exec()
    return 0
