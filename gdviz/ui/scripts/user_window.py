"""The learner's graph window: their own graph in the graph view and the backprop player.

Two sources, one window:

- **a live graph** (``show_graph(loss, feed_dict)``, what ``gdviz.show`` calls): the
  graph is in this process. Its traces are computed in a worker thread (``JobThread``);
  if the graph has a minimisation op for the loss, Play and Step train it in a
  ``GraphTrainer`` thread, with a loss curve; if it looks like a 2-D classifier
  (``classifier.find_classifier``), a decision-boundary view shows the softmax's
  probabilities on a grid, computed in another worker.
- **a script** (``open_script(path)``): the script runs in a child process
  (``ScriptController``), and its main graph comes back as data, rebuilt as a replica
  (``replica.build_replica``) whose recorded traces the player plays. Stop ends the
  script; every way a script can fail is written in the status line and marked at its
  line in the code panel; the window stays.

The code panel (a dock) shows the script; Ctrl+Enter runs the edited code again.
"Check gradients" runs the check off the GUI thread (in the child for a script, in a
worker for a live graph) and marks every node green, amber or red, with a table.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QToolBar

from gdviz.scripts.check import check_loss
from gdviz.scripts.messages import error_sentence, loss_reason_text
from gdviz.training.boundary import boundary_segments, heatmap_rgb32
from gdviz.training.datasets import Dataset
from gdviz.ui.graph.graph_panel import GraphPanel
from gdviz.ui.graph.trace_loader import MODEL_LOCK, compute_traces
from gdviz.ui.scripts.check_panel import CheckTable, node_marks
from gdviz.ui.scripts.classifier import find_classifier, probability_grid
from gdviz.ui.scripts.code_panel import CodePanel, first_line
from gdviz.ui.scripts.graph_trainer import GraphTrainer, find_minimization
from gdviz.ui.scripts.jobs import JobThread
from gdviz.ui.scripts.replica import build_replica
from gdviz.ui.scripts.script_controller import ScriptController
from gdviz.ui.training.boundary_view import BoundaryView
from gdviz.ui.training.curves_view import CurvesView

WINDOW_SIZE = (1280, 800)
ERROR_STYLE = "color: #c92a2a;"
RIGHT_DOCK_WIDTH = 420  # the code, the boundary and the loss, on the right
CHECK_DOCK_HEIGHT = 200


def _dock(window, title, name, widget, area) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


class UserGraphWindow(QMainWindow):
    """A learner's graph (a live one or a script's), its code and its gradient check.

    Signals:
        closed(): the window was closed (its threads and child process have ended).
        graphShown(): a graph (new traces) is on screen.
        checked(object): the gradient check's rows are shown.
    """

    closed = Signal()
    graphShown = Signal()
    checked = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("userGraphWindow")
        self.setWindowTitle(self.tr("gdviz — your graph"))
        self.resize(*WINDOW_SIZE)
        self.panel = GraphPanel()
        self.setCentralWidget(self.panel)
        self.code_panel = CodePanel()
        self.code_dock = _dock(self, self.tr("Code"), "codeDock", self.code_panel, Qt.RightDockWidgetArea)
        self.check_table = CheckTable()
        self.check_dock = _dock(self, self.tr("Gradient check"), "checkDock", self.check_table,
                                Qt.BottomDockWidgetArea)
        self.curves = CurvesView()
        self.curves.removeItem(self.curves.accuracy_plot)  # a learner's graph has no accuracy
        self.curves_dock = _dock(self, self.tr("Loss"), "lossDock", self.curves, Qt.RightDockWidgetArea)
        self.boundary = BoundaryView()
        self.boundary_dock = _dock(self, self.tr("Decision boundary"), "boundaryDock", self.boundary,
                                   Qt.RightDockWidgetArea)
        for dock in (self.check_dock, self.curves_dock, self.boundary_dock):
            dock.hide()
        self.status = QLabel(objectName="scriptStatus", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.statusBar().addWidget(self.status, 1)
        self._build_toolbar()

        self.mode = None  # "live" or "script"
        self.loss, self.feed, self.trainer, self.classifier, self.replica = None, {}, None, None, None
        self.script_path = None  # the script shown (its code is in the code panel)
        self.run_path = None  # the file last run: the script, or the edited code's copy
        self._scratch = None
        self.last_result = None
        self._shut_down = False
        self.traces_jobs = JobThread("traces", self)
        self.grid_jobs = JobThread("grid", self)
        self.check_jobs = JobThread("check", self)
        self.traces_jobs.done.connect(self._traces_loaded)
        self.grid_jobs.done.connect(self._grid_loaded)
        self.check_jobs.done.connect(lambda result: self.show_checks(result.value))
        for jobs in (self.traces_jobs, self.grid_jobs, self.check_jobs):
            jobs.failed.connect(lambda failure: self.set_status(failure.message, error=True,
                                                                details=failure.details))
        self.controller = ScriptController(self)
        self.controller.started.connect(self._script_started)
        self.controller.finished.connect(self.show_result)
        self.code_panel.runRequested.connect(self.run_code)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Graph"), self)
        bar.setObjectName("userGraphToolbar")
        self.addToolBar(bar)
        self.train_action = self._action(bar, self.tr("Play"), "trainButton", self.toggle_training, None,
                                         self.tr("Train: run the minimisation op again and again"))
        self.step_action = self._action(bar, self.tr("Step"), "trainStepButton", self.train_step, None,
                                        self.tr("One training step: session.run(minimization_op, "
                                                "feed_dict)"))
        bar.addSeparator()
        self.check_action = self._action(bar, self.tr("Check gradients"), "checkButton",
                                         self.check_gradients, "Ctrl+G",
                                         self.tr("Compare every gradient with finite differences"))
        self.run_action = self._action(bar, self.tr("Run again"), "runButton", self.code_panel.request_run,
                                       None, self.tr("Run the code of the code panel again (Ctrl+Enter)"))
        self.stop_action = self._action(bar, self.tr("Stop"), "stopButton", self.stop_script, None,
                                        self.tr("Stop the running script"))
        for action in (self.train_action, self.step_action, self.run_action, self.stop_action):
            action.setVisible(False)

    def _action(self, bar, text, name, slot, keys, tip) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setToolTip(tip)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        bar.addAction(action)
        bar.widgetForAction(action).setObjectName(name)
        return action

    def set_status(self, text: str, error: bool = False, details: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setToolTip(details or text)

    # **** a live graph: gdviz.show ****

    def show_graph(self, loss, feed_dict=None) -> None:
        """Show ``loss``'s graph, run on ``feed_dict``; train it if it has a minimisation op."""
        self.mode, self.loss, self.feed = "live", loss, dict(feed_dict or {})
        self.setWindowTitle(f"gdviz — {loss.name}")
        min_op = find_minimization(loss)
        if min_op is not None:
            self.trainer = GraphTrainer(loss, min_op, self.feed)  # no parent: stopped in shutdown
            self.trainer.framed.connect(self._framed)
            self.trainer.failed.connect(lambda text: self.set_status(text, error=True))
        for action in (self.train_action, self.step_action):
            action.setVisible(min_op is not None)
        self.curves_dock.setVisible(min_op is not None)
        main = sys.modules.get("__main__")
        path = getattr(main, "__file__", None)
        if path and Path(path).suffix == ".py" and Path(path).is_file():
            self.script_path = self.run_path = Path(path).resolve()
            self.code_panel.set_code(self.script_path.read_text(encoding="utf-8", errors="replace"),
                                     self.script_path)
        else:
            self.code_dock.hide()
        self.set_status(self.tr("Training: Play or Step.") if min_op is not None else "")
        self._request_traces(detect=True)

    def _request_traces(self, detect: bool = False) -> None:
        loss, feed = self.loss, self.feed

        def traces():
            with MODEL_LOCK:
                forward, backward = compute_traces(loss, feed)
                return forward, backward, (find_classifier(loss, feed) if detect else None), detect

        self.traces_jobs.request(traces)

    def _traces_loaded(self, result) -> None:
        if result.serial != self.traces_jobs.serial or self.mode != "live":
            return  # a newer request is on its way
        forward, backward, classifier, detected = result.value
        self.panel.show_traces(self.loss, forward, backward)
        if detected:
            self.classifier = classifier
            if classifier is not None:
                self.boundary.set_dataset(Dataset(classifier.X, classifier.labels, classifier.n_classes))
                self.boundary.set_extent(classifier.extent)
            self.boundary_dock.setVisible(classifier is not None)
        self._request_grid()
        self.graphShown.emit()

    def _request_grid(self) -> None:
        classifier = self.classifier
        if classifier is None:
            return

        def grid():
            with MODEL_LOCK:
                probabilities = probability_grid(classifier)
            return probabilities, heatmap_rgb32(probabilities), boundary_segments(probabilities, classifier.extent)

        self.grid_jobs.request(grid)

    def _grid_loaded(self, result) -> None:
        if self.classifier is not None:
            probabilities, heatmap, segments = result.value
            self.boundary.set_probabilities(probabilities, self.classifier.extent, heatmap, segments)

    # **** training ****

    def toggle_training(self) -> None:
        if self.trainer is None:
            return
        if self.trainer.playing:
            self.trainer.pause()
            self.train_action.setText(self.tr("Play"))
        else:
            self.panel.view.mark_nodes({})  # the weights change: the check's marks are stale
            self.trainer.play()
            self.train_action.setText(self.tr("Pause"))

    def train_step(self) -> None:
        if self.trainer is not None:
            self.train_action.setText(self.tr("Play"))
            self.panel.view.mark_nodes({})
            self.trainer.step_once()

    def _framed(self, frame) -> None:
        self.curves.train_loss_curve.setData(frame.steps, frame.losses)
        if len(frame.losses):
            self.set_status(self.tr("step {step:,}: loss before it {loss:.6g}").format(
                step=frame.step, loss=frame.losses[-1]))
        self.panel.set_caption(self.tr("after {steps:,} training steps").format(steps=frame.step))
        if frame.paused:
            self._request_traces()  # the grid follows the traces
        else:
            self._request_grid()
        self.trainer.frame_taken()

    # **** a script ****

    def open_script(self, path) -> None:
        """Show the script's code and run it (in a child process); its graph follows."""
        self.script_path = Path(path).resolve()
        self.setWindowTitle(f"gdviz — {self.script_path.name}")
        self.code_panel.set_code(self.script_path.read_text(encoding="utf-8", errors="replace"),
                                 self.script_path)
        self.run_path = self.script_path
        self.controller.run(self.script_path)

    def run_code(self, text: str) -> None:
        """Run the code panel's text: a script's edited code runs in the script's folder."""
        if self.mode == "live":
            self.set_status(self.tr("This graph lives in your Python session: run your script again "
                                    "to change it."), error=True)
            return
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="gdviz-code-"))
        name = self.script_path.name if self.script_path else "code.py"
        self.run_path = self._scratch / name
        self.run_path.write_text(text, encoding="utf-8")
        cwd = self.script_path.parent if self.script_path else self._scratch
        self.controller.run(self.run_path, cwd=cwd)

    def stop_script(self) -> None:
        self.controller.stop()

    def _script_started(self, path) -> None:
        self.mode = "script"
        self.stop_action.setVisible(True)
        self.run_action.setVisible(True)
        self.stop_action.setEnabled(True)
        self.check_action.setEnabled(False)
        self.code_panel.mark_error(None)
        self.set_status(self.tr("Running {script}… (Stop ends it)").format(script=path.name))

    def show_result(self, result) -> None:
        """Show how the script ended and the graph it built (if any)."""
        self.last_result = result
        self.stop_action.setEnabled(False)
        self.check_action.setEnabled(True)
        graph = result.main_graph
        if graph is not None:
            self.replica = build_replica(graph)
            if self.replica.loss is not None:
                self.panel.show_traces(self.replica.loss, self.replica.forward, self.replica.backward)
            else:
                self.panel.show_graph(self.replica.graph)
            self.graphShown.emit()
        if result.error is not None:
            self.show_error(result.error)
        elif graph is None:
            self.set_status(self.tr("{script} ran, but built no graph.").format(script=result.path.name),
                            error=True)
        elif graph.problem:
            self.set_status(self.tr("The backward pass could not be traced: {problem}").format(
                problem=graph.problem), error=True)
        else:
            self.set_status(self.tr("{script} ran: graph {number} of {count}, loss '{loss}' ({reason}).")
                            .format(script=result.path.name, number=graph.number + 1,
                                    count=len(result.graphs), loss=graph.loss.name,
                                    reason=loss_reason_text(graph)))
        if self.controller.check:
            if result.checks:
                self.show_checks(result.checks)
            elif result.check_problem:
                self.set_status(self.tr("The gradient check failed: {error}").format(
                    error=result.check_problem), error=True)

    def show_error(self, error) -> None:
        """The script's error in the status line, and at its line in the code panel."""
        in_script = error.line is not None and error.file and self.run_path is not None \
            and Path(error.file).resolve() == self.run_path.resolve()
        elsewhere = Path(error.file).name if error.file and error.line is not None and not in_script \
            else None
        sentence = error_sentence(error, elsewhere)
        self.set_status(sentence, error=True, details=error.details or sentence)
        if in_script:
            self.code_panel.mark_error(error.line, first_line(error.message))
        else:
            self.code_panel.set_status(sentence, error=True)

    # **** the gradient check ****

    def check_gradients(self) -> None:
        """Check every gradient of the graph shown, off the GUI thread."""
        self.set_status(self.tr("Checking gradients…"))
        if self.mode == "live":
            if self.trainer is not None and self.trainer.playing:
                self.toggle_training()
            loss, feed = self.loss, self.feed

            def check():
                with MODEL_LOCK:
                    return check_loss(loss, feed)

            self.check_jobs.request(check)
        elif self.run_path is not None:
            self.controller.run(self.run_path, check=True,
                                cwd=self.script_path.parent if self.script_path else None)

    def show_checks(self, rows) -> None:
        rows = tuple(rows)
        self.check_table.show_rows(rows)
        if not self.check_dock.isVisible():
            self.check_dock.show()
            self.resizeDocks([self.check_dock], [CHECK_DOCK_HEIGHT], Qt.Vertical)
        self.panel.view.mark_nodes(node_marks(rows, self.panel.view.nodes()))
        wrong = [r.name for r in rows if r.verdict == "WRONG"]
        self.set_status(self.tr("Gradient check: {nodes} wrong.").format(nodes=", ".join(wrong)) if wrong
                        else self.tr("Gradient check: every gradient agrees with finite differences."),
                        error=bool(wrong))
        self.checked.emit(rows)

    # **** state and closing ****

    def busy(self) -> bool:
        """A script runs or a job waits or runs (screenshots wait for neither)."""
        return self.controller.running or any(
            jobs.busy for jobs in (self.traces_jobs, self.grid_jobs, self.check_jobs))

    def shutdown(self) -> None:
        """Stop the script, training and every worker, and wait for them (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.controller.finished.disconnect(self.show_result)  # nothing more to show
        self.controller.stop()
        if self.trainer is not None:
            self.trainer.stop()
        for jobs in (self.traces_jobs, self.grid_jobs, self.check_jobs):
            jobs.stop()
        if self._scratch is not None:
            import shutil

            shutil.rmtree(self._scratch, ignore_errors=True)

    def showEvent(self, event):
        super().showEvent(event)
        right = [d for d in (self.code_dock, self.curves_dock, self.boundary_dock) if d.isVisible()]
        if right:  # docks take their widths once shown; the graph keeps the rest
            self.resizeDocks(right, [RIGHT_DOCK_WIDTH] * len(right), Qt.Horizontal)

    def closeEvent(self, event):
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit()
