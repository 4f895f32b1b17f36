"""Run a learner's script in a child process and get back the graphs it built, as data (Qt-free).

A learner's script may raise, loop forever, call ``sys.exit`` or crash the interpreter
(``os.abort``, a segfault in an extension): none of that may freeze or end the app. So
the script runs in a child process of its own, ``python -u -m gdviz.scripts.child``,
started with ``subprocess`` (fork + exec: nothing of the parent, Qt included, is
inherited; unlike multiprocessing's "spawn" the parent's ``__main__`` is not imported
again). Its stdout and stderr go to files, so a chatty script never blocks on a full
pipe, and the child pickles a ``ChildReport`` (the graphs as ``GraphData``, the
script's error, its own ops, the gradient check) to a third file.

``ScriptRun`` never blocks unless asked to: ``start()``, then ``poll()`` (None while the
script runs), or ``wait(timeout)``; ``stop()`` kills the child, and so does a run that
outlives its ``timeout``; ``with ScriptRun(path) as run:`` stops it on leaving the block.
One thread drives a ScriptRun (a GUI polls it from a timer; nothing here needs Qt). Every end gives a ``ScriptResult``; what went wrong is its
``error``, a ``ScriptError`` of one of ``ERROR_KINDS``.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import gdviz
from gdviz.training.cores import give_all_cores

CHILD_MODULE = "gdviz.scripts.child"
MAX_OUTPUT_CHARS = 100_000  # of stdout and of stderr kept in a result (the end of it)
ERROR_KINDS = {
    "exception": "the script raised an exception",
    "syntax": "the script is not valid Python",
    "unreadable": "the script could not be read",
    "exit": "the script called sys.exit with an error code",
    "timeout": "the script ran longer than its time limit and was stopped",
    "stopped": "the script was stopped",
    "crash": "the script's process died",
    "internal": "gdviz failed while analysing the script",
}


@dataclass(frozen=True)
class ScriptError:
    """What went wrong: ``kind`` (one of ERROR_KINDS), a message, and where, if known.

    ``message`` is Python's text for an exception or a syntax error, and gdviz's own
    English sentence otherwise (the command line prints it); ``fields`` holds that
    sentence's parts (an exit code, a signal...) so that the window can say it in the
    chosen language (``gdviz.scripts.messages.error_sentence``).
    """

    kind: str
    message: str
    file: str | None = None
    line: int | None = None
    details: str = ""  # the traceback, when there is one
    fields: dict = field(default_factory=dict)  # the parts of gdviz's sentence, by name

    def __str__(self):
        where = f"{self.file}, line {self.line}: " if self.line is not None else (
            f"{self.file}: " if self.file else "")
        return f"{where}{self.message}"


@dataclass(frozen=True)
class ChildReport:
    """What the child pickles for the parent (see gdviz.scripts.child)."""

    graphs: tuple  # GraphData
    error: ScriptError | None
    user_ops: tuple  # op type names whose gradient the script registered
    checks: tuple  # gdviz.scripts.check.GradientRow, when a check was asked for
    main_graph: int | None  # index into graphs
    problem: str | None  # the gradient check could not be made, and why (Python's text)


@dataclass(frozen=True)
class ScriptResult:
    """The end of one run of a script.

    ``graphs`` are the graphs the script built, as ``gdviz.scripts.description.GraphData``
    (in the order it built them), even when it failed later; ``main_graph`` is the one
    to show and check (the last minimised one, else the last). ``stdout`` and ``stderr``
    are what the script printed (the last MAX_OUTPUT_CHARS of each).
    """

    path: Path
    graphs: tuple = ()
    stdout: str = ""
    stderr: str = ""
    error: ScriptError | None = None
    user_ops: tuple = ()
    checks: tuple = ()
    main_graph_index: int | None = None
    check_problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def main_graph(self):
        """The GraphData to show (None if the script built no graph)."""
        return None if self.main_graph_index is None else self.graphs[self.main_graph_index]


class ScriptRun:
    """One run of a script in a child process.

    Args:
        path: the script.
        timeout: seconds the script may run before it is stopped (None: no limit).
        check: also check the gradients of the main graph (``gdviz.scripts.check``).
        cwd: the folder the script runs in; by default the script's own, so that it
            finds the files next to it.
    """

    def __init__(self, path, timeout: float | None = None, check: bool = False, cwd=None):
        self.path = Path(path).resolve()
        self.timeout = timeout
        self.check = check
        self.cwd = Path(cwd) if cwd is not None else self.path.parent
        self._process: subprocess.Popen | None = None
        self._folder: Path | None = None
        self._deadline: float | None = None
        self._result: ScriptResult | None = None

    # **** starting and stopping ****

    def start(self) -> "ScriptRun":
        """Start the child process. Returns self."""
        if self._process is not None:
            raise RuntimeError("this ScriptRun has already been started")
        self._folder = Path(tempfile.mkdtemp(prefix="gdviz-script-"))
        command = [sys.executable, "-u", "-m", CHILD_MODULE, str(self.path), str(self._report_path)]
        if self.check:
            command.append("--check")
        with open(self._folder / "stdout.txt", "wb") as out, open(self._folder / "stderr.txt", "wb") as err:
            self._process = subprocess.Popen(
                command, cwd=self.cwd, env=_child_environment(), stdin=subprocess.DEVNULL,
                stdout=out, stderr=err, start_new_session=True)  # its own group: kill all of it
        give_all_cores(self._process.pid)  # not only the cores the GUI keeps to while training plays
        if self.timeout is not None:
            self._deadline = time.monotonic() + self.timeout
        return self

    def stop(self) -> ScriptResult:
        """End the script now (if it is still running) and return the result."""
        if self._result is None:
            if self._process is None:
                raise RuntimeError("stop() before start()")
            if self._process.poll() is None:
                self._kill()
                self._finish(ScriptError("stopped", "the script was stopped before it ended",
                                         str(self.path)))
            else:
                self._finish()
        return self._result

    def __enter__(self) -> "ScriptRun":
        return self if self._process is not None else self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()  # leaving the block never leaves a child behind

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    @property
    def running(self) -> bool:
        return self._process is not None and self._result is None and self._process.poll() is None

    # **** waiting ****

    def poll(self) -> ScriptResult | None:
        """The result once the script has ended (or outlived its timeout), else None."""
        if self._result is None and self._process is not None:
            if self._process.poll() is not None:
                self._finish()
            elif self._deadline is not None and time.monotonic() >= self._deadline:
                self._time_out()
        return self._result

    def wait(self, timeout: float | None = None) -> ScriptResult | None:
        """Block until the script ends, its own timeout passes, or ``timeout`` seconds pass.

        Returns:
            The result, or None if ``timeout`` passed first (the script goes on).
        """
        if self._result is not None or self._process is None:
            return self._result
        limits = [t for t in (timeout, self._remaining()) if t is not None]
        try:
            self._process.wait(min(limits) if limits else None)
        except subprocess.TimeoutExpired:
            pass
        return self.poll()

    @property
    def result(self) -> ScriptResult | None:
        """The result, once there is one (see ``poll``)."""
        return self.poll()

    def _remaining(self) -> float | None:
        return None if self._deadline is None else max(0.0, self._deadline - time.monotonic())

    def _time_out(self) -> None:
        self._kill()
        self._finish(ScriptError("timeout", f"the script was still running after {self.timeout:g} s "
                                            "and was stopped (an endless loop?)", str(self.path),
                                 fields={"seconds": float(self.timeout)}))

    def _kill(self) -> None:
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self._process.kill()
        self._process.wait()

    # **** the result ****

    @property
    def _report_path(self) -> Path:
        return self._folder / "report.pickle"

    def _finish(self, error: ScriptError | None = None) -> None:
        stdout, stderr = (_tail(self._folder / name) for name in ("stdout.txt", "stderr.txt"))
        report = None if error else self._read_report()
        if error is None and report is None:
            error = _crash_error(self._process.returncode, stderr, self.path)
        self._result = ScriptResult(
            path=self.path, stdout=stdout, stderr=stderr,
            error=report.error if report else error,
            graphs=report.graphs if report else (),
            user_ops=report.user_ops if report else (),
            checks=report.checks if report else (),
            main_graph_index=report.main_graph if report else None,
            check_problem=report.problem if report else None,
        )
        shutil.rmtree(self._folder, ignore_errors=True)

    def _read_report(self) -> ChildReport | None:
        try:
            with open(self._report_path, "rb") as file:
                return pickle.load(file)
        except FileNotFoundError:
            return None


def run_script(path, timeout: float | None = None, check: bool = False) -> ScriptResult:
    """Run ``path`` in a child process and wait for it (at most ``timeout`` seconds).

    Returns:
        A ScriptResult; its error says how the script failed, if it did.
    """
    run = ScriptRun(path, timeout=timeout, check=check).start()
    try:
        return run.wait()
    finally:
        run.stop()  # nothing if it ended; never leaves a child behind


def _child_environment() -> dict:
    """The child finds this gdviz even when it is not installed, and draws no window."""
    env = dict(os.environ)
    package_root = str(Path(gdviz.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    env["MPLBACKEND"] = "Agg"  # a script's plt.show() returns instead of opening a window
    env.pop("PYTHONSTARTUP", None)
    return env


def _tail(path: Path) -> str:
    try:
        with open(path, "rb") as file:
            file.seek(0, os.SEEK_END)
            size = file.tell()
            file.seek(max(0, size - 4 * MAX_OUTPUT_CHARS))
            text = file.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    return text[-MAX_OUTPUT_CHARS:]


def _crash_error(returncode: int, stderr: str, path: Path) -> ScriptError:
    """Why a child that wrote no report ended: a signal, or an exit code."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        message = f"the script's process was killed by {name} ({-returncode})"
        fields = {"signal": name, "number": -returncode}
    else:
        message = f"the script's process ended with exit code {returncode} before it reported"
        fields = {"code": returncode}
    last_lines = "\n".join(stderr.strip().splitlines()[-5:])
    return ScriptError("crash", message, str(path), None, last_lines, fields)
