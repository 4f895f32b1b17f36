"""What a script's run says to the learner, in the chosen language (Qt-free).

The child process that runs a script has no translator: it reports in English, with
the parts of gdviz's sentences kept apart (``ScriptError.fields``, the loss's reason
and optimizer). Here the window's process says them again as whole sentences through
``gdviz.i18n.translate``; Python's own text (an exception, a traceback) stays as Python
wrote it.
"""

from __future__ import annotations

from gdviz.i18n import translate
from gdviz.scripts.description import MINIMISED_BY


def error_sentence(error, file_name: str | None = None) -> str:
    """The sentence that says how the script failed.

    Args:
        error: a gdviz.scripts.runner.ScriptError.
        file_name: the file the error's line is in, when it is not the script itself
            (an error inside a module the script called); None for the script.
    """
    kind, line, fields = error.kind, error.line, error.fields
    if kind == "exception":
        if line is None:
            return translate("ScriptErrors", "The script failed: {error}").format(error=error.message)
        if file_name:
            return translate("ScriptErrors", "The script failed in {file}, line {line}: {error}").format(
                file=file_name, line=line, error=error.message)
        return translate("ScriptErrors", "The script failed at line {line}: {error}").format(
            line=line, error=error.message)
    if kind == "syntax":
        if line is None:
            return translate("ScriptErrors", "The script has a syntax error: {error}").format(
                error=error.message)
        return translate("ScriptErrors", "The script has a syntax error at line {line}: {error}").format(
            line=line, error=error.message)
    if kind == "stopped":
        return translate("ScriptErrors", "The script was stopped before it ended.")
    if kind == "unreadable" and "error" in fields:
        return translate("ScriptErrors", "The script could not be read: {error}").format(**fields)
    if kind == "exit" and "code" in fields:
        if line is None:
            return translate("ScriptErrors", "The script called sys.exit({code}): it ended with "
                                             "an error.").format(code=fields["code"])
        return translate("ScriptErrors", "The script called sys.exit({code}) at line {line}: it "
                                         "ended with an error.").format(code=fields["code"], line=line)
    if kind == "timeout" and "seconds" in fields:
        return translate("ScriptErrors", "The script was still running after {seconds:g} s and was "
                                         "stopped (an endless loop?).").format(**fields)
    if kind == "crash" and "signal" in fields:
        return translate("ScriptErrors", "The script's process crashed: it was killed by {signal} "
                                         "({number}).").format(**fields)
    if kind == "crash" and "code" in fields:
        return translate("ScriptErrors", "The script's process crashed: it ended with exit code "
                                         "{code} before it reported.").format(**fields)
    if kind == "internal" and "error" in fields:
        return translate("ScriptErrors", "gdviz could not analyse the script: {error}").format(**fields)
    return error.message


def loss_reason_text(graph) -> str:
    """Why ``graph``'s loss (a gdviz.scripts.description.GraphData) was taken as the loss."""
    if graph.minimized and graph.optimizer:
        return translate("LossReason", MINIMISED_BY).format(optimizer=graph.optimizer)
    return translate("LossReason", graph.loss_reason)
