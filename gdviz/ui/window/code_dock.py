"""The code of the model on screen, and File → Open script….

The code dock shows tutorial-API Python that builds the scenario's model (the points,
the graph, its current weights and the optimizer: ``gdviz.scripts.codegen``), kept up
to date with the session (when the dock is on screen, a moment after the last change).
Ctrl+Enter runs the code, as edited, in a child process and shows its graph in a window
of its own (``gdviz.ui.scripts``), where "Check gradients" checks it; File → Open
script… does the same for a script of the learner's.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFileDialog

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.scripts.codegen import scenario_code
from gdviz.ui.scripts.code_panel import CodePanel

SETTLE_MS = 300  # the code is regenerated this long after the last change
SCRIPT_FILTER = QT_TRANSLATE_NOOP("CodeDock", "Python scripts (*.py)")


def not_in_code(config) -> list:
    """What of ``config`` the generated code leaves out (it builds the tutorial's graphs)."""
    missing = []
    if tuple(getattr(config, "features", ("x1", "x2"))) != ("x1", "x2"):
        missing.append(translate("CodeDock", "the extra input features"))
    if getattr(config, "penalty", "none") != "none":
        missing.append(translate("CodeDock", "the {penalty} penalty").format(penalty=config.penalty.upper()))
    if getattr(config, "batch_size", 0):
        missing.append(translate("CodeDock", "mini-batches (it trains on the whole set)"))
    return missing


class CodeDock(QObject):
    """The "Code" dock of ``window`` (a MainWindow), tabbed with the inspector."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.panel = CodePanel()
        self.dock = QDockWidget(self.tr("Code"), window)
        self.dock.setObjectName("codeDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.docks["inspector"], self.dock)
        window.docks["inspector"].raise_()
        window.docks["code"] = self.dock
        self.script_windows = []  # kept referenced; they close with the main window
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        self._stale = True
        window.session.changed.connect(lambda change: self._changed())
        window.session.progressed.connect(self._changed)
        self.dock.visibilityChanged.connect(lambda visible: visible and self._stale and self._settle.start())
        self.panel.runRequested.connect(self.run_code)

    def _changed(self) -> None:
        self._stale = True
        if self.dock.isVisible() and not self.window.training.is_playing():
            self._settle.start()

    def refresh(self) -> None:
        """The session's model as code, now."""
        session = self.window.session
        weights = session.weights_now()
        code = scenario_code(session.model_config, session.dataset, weights)
        missing = not_in_code(session.model_config)
        if missing:
            # (a list's separator: ", " in English)
            code = self.tr("# Not in this code: {missing}; the app's model has them.").format(
                missing=self.tr(", ").join(missing)) + "\n" + code
        self.panel.set_code(code)
        self._stale = False

    def run_code(self, text: str) -> None:
        """Run ``text`` (Ctrl+Enter) as a script of its own and show its graph."""
        folder = Path(tempfile.mkdtemp(prefix="gdviz-code-"))
        path = folder / "scenario.py"
        path.write_text(text, encoding="utf-8")
        self.open(path)

    def open(self, path) -> None:
        from gdviz.ui.scripts.show_window import open_script  # (the first script pays for it)

        self.script_windows = [w for w in self.script_windows if w.isVisible()]
        self.script_windows.append(open_script(self.window, Path(path)))

    def ask_and_open(self) -> bool:
        """File → Open script…: a learner's script, run in a child process, its graph shown."""
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open script"), "",
                                              translate("CodeDock", SCRIPT_FILTER))
        if not path:
            return False
        self.open(path)
        return True

    def shutdown(self) -> None:
        for window in self.script_windows:
            window.close()
