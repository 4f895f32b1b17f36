"""The child process that runs a learner's script: ``python -m gdviz.scripts.child SCRIPT REPORT [--check]``.

It runs the script as ``python3 SCRIPT`` would (``__name__ == "__main__"``, the script's
folder first on ``sys.path``, ``sys.argv == [SCRIPT]``), then finds the graphs the
script built (``gdviz.engine.graph.live_graphs``), describes each one as plain data
(``gdviz.scripts.description``) and, with ``--check``, checks the gradients of the main
one (``gdviz.scripts.check``). It pickles a ``ChildReport`` to REPORT, writing it under
another name first and renaming it, so that the parent reads a whole report or none.

What the script prints goes to this process's stdout and stderr, which the parent
captures; the report carries everything else. Whatever the script does (raise, call
sys.exit, leave threads running), the child reports and ends itself.

To know what the script fed its graphs, ``Session.run`` is wrapped, in this process
only, by a ``FeedRecorder`` that remembers the last few feed_dicts of each graph.
"""

from __future__ import annotations

import builtins
import os
import pickle
import sys
import traceback
import types
from pathlib import Path

from gdviz.engine import MinimizationOperation, Session
from gdviz.engine import registry
from gdviz.engine.graph import live_graphs
from gdviz.scripts.description import choose_loss, describe
from gdviz.scripts.runner import ChildReport, ScriptError

MAX_FEEDS_KEPT = 8  # feed_dicts remembered per graph, newest last
CHECK_FLAG = "--check"


class FeedRecorder:
    """Remembers, per graph, the feed_dicts ``Session.run`` was called with."""

    def __init__(self):
        self.feeds: dict = {}  # graph -> [feed_dict, ...], oldest first (keeps the graph alive)
        self._original = None

    def install(self) -> None:
        """Wrap ``Session.run`` (in this process) so that each call is recorded first."""
        original = self._original = Session.run
        recorder = self

        def run(session, fetch, feed_dict=None, *args, **kwargs):
            recorder.record(fetch, feed_dict)
            return original(session, fetch, feed_dict, *args, **kwargs)

        Session.run = run

    def uninstall(self) -> None:
        """Give ``Session.run`` back: gdviz's own runs after the script are not the script's."""
        Session.run = self._original

    def record(self, fetch, feed_dict) -> None:
        fetches = fetch if isinstance(fetch, (list, tuple)) else [fetch]
        for node in fetches:
            graph = getattr(node, "graph", None)
            if graph is None or not feed_dict or not hasattr(feed_dict, "get"):
                continue
            kept = self.feeds.setdefault(graph, [])
            if not kept or kept[-1] is not feed_dict:
                kept.append(feed_dict)
                del kept[:-MAX_FEEDS_KEPT]


# **** running the script ****


def run_script_here(path: Path):
    """Execute the script in this process as its ``__main__``.

    Returns:
        (error, module): a ScriptError or None, and the module whose globals the script
        filled (kept so that its graphs stay alive).
    """
    module = types.ModuleType("__main__")
    module.__file__ = str(path)
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    sys.path.insert(0, str(path.parent))
    sys.argv = [str(path)]
    try:
        code = compile(path.read_bytes(), str(path), "exec")
    except SyntaxError as error:
        return ScriptError("syntax", f"SyntaxError: {error.msg}", error.filename, error.lineno,
                           "".join(traceback.format_exception_only(error))), module
    except (OSError, ValueError) as error:  # unreadable, or a NUL byte in it
        return ScriptError("unreadable", f"cannot read the script: {error}", str(path),
                           fields={"error": str(error)}), module
    try:
        exec(code, module.__dict__)
    except SystemExit as error:
        if error.code in (None, 0):
            return None, module  # a normal end, as Python itself sees it
        file, line = script_line(error, path)
        return ScriptError("exit", f"the script called sys.exit({error.code!r})", file, line,
                           fields={"code": repr(error.code)}), module
    except BaseException as error:  # noqa: BLE001 - whatever the script raised is reported
        file, line = script_line(error, path)
        message = "".join(traceback.format_exception_only(error)).strip()
        # From the script's own frame on: the frame that exec'd it is gdviz's, not the learner's.
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__.tb_next))
        return ScriptError("exception", message, file, line, details), module
    return None, module


def script_line(error: BaseException, path: Path):
    """(file, line) of the deepest frame of the traceback in the script itself, else the
    deepest frame (an error inside gdviz or numpy is reported where the script called it)."""
    frames = traceback.extract_tb(error.__traceback__)
    in_script = [f for f in frames if Path(f.filename) == path]
    frame = (in_script or frames or [None])[-1]
    return (str(path), None) if frame is None else (frame.filename, frame.lineno)


# **** what the script built ****


def registered_during(before: dict) -> tuple:
    """Names of the op types whose gradient the script registered (new or replaced)."""
    now = registry._gradient_registry
    return tuple(name for name, f in now.items() if before.get(name) is not f)


def main_graph_index(graphs) -> int | None:
    """The graph to show and check: the last one with a minimisation op, else the last one."""
    for i in reversed(range(len(graphs))):
        if any(isinstance(op, MinimizationOperation) for op in graphs[i].operations):
            return i
    return len(graphs) - 1 if graphs else None


def report_on(path: Path, check: bool, graphs_before) -> ChildReport:
    """Run the script and describe what it built."""
    recorder = FeedRecorder()
    recorder.install()
    registered_before = dict(registry._gradient_registry)
    error, module = run_script_here(path)
    recorder.uninstall()
    graphs = [g for g in live_graphs() if g not in graphs_before and g.nodes]
    user_ops = registered_during(registered_before)
    main = main_graph_index(graphs)
    described, checks, problem = [], (), None
    for number, graph in enumerate(graphs):
        feeds = recorder.feeds.get(graph, [])
        choice = choose_loss(graph, feeds)
        described.append(describe(graph, number, feeds, choice))
        if check and number == main and choice.node is not None:
            from gdviz.scripts.check import check_loss

            try:
                checks = check_loss(choice.node, choice.feed)
            except Exception as failure:  # noqa: BLE001 - reported, never swallowed
                problem = f"{type(failure).__name__}: {failure}"  # why the check failed
    del module  # the graphs have been described
    return ChildReport(tuple(described), error, user_ops, tuple(checks), main, problem)


def write_report(report: ChildReport, destination: Path) -> None:
    partial = destination.with_name(destination.name + ".part")
    with open(partial, "wb") as file:
        pickle.dump(report, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, destination)


def main(argv) -> None:
    script, destination = Path(argv[0]).resolve(), Path(argv[1])
    check = CHECK_FLAG in argv[2:]
    before = set(live_graphs())
    try:
        report = report_on(script, check, before)
    except BaseException as failure:  # noqa: BLE001 - gdviz's own failure, reported as such
        reason = f"{type(failure).__name__}: {failure}"
        report = ChildReport((), ScriptError(
            "internal", f"gdviz could not analyse the script: {reason}",
            str(script), None, traceback.format_exc(), {"error": reason}), (), (), None, None)
    write_report(report, destination)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass  # the script closed or replaced it
    # Not sys.exit: threads the script left running would keep the process alive.
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
