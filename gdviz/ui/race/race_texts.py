"""The race view's words (Qt-free): its comparisons, table columns, cells and status line.

Kept apart from the widget, which stays controls and signals. Titles kept in constants
are marked with ``QT_TRANSLATE_NOOP`` and translated where they are shown.
"""

from __future__ import annotations

from gdviz.i18n import QT_TRANSLATE_NOOP, translate

COMPARISON_TITLES = {"optimizers": QT_TRANSLATE_NOOP("RaceView", "Optimizers"),
                     "learning rates": QT_TRANSLATE_NOOP("RaceView", "Learning rates"),
                     "batch sizes": QT_TRANSLATE_NOOP("RaceView", "Batch sizes"),
                     "penalties": QT_TRANSLATE_NOOP("RaceView", "Penalties")}
COLUMNS = (QT_TRANSLATE_NOOP("RaceView", "run"), QT_TRANSLATE_NOOP("RaceView", "steps to reach"),
           QT_TRANSLATE_NOOP("RaceView", "loss now"))


def comparison_title(comparison: str) -> str:
    """The shown name of a comparison (its identifier is the combo box's item data)."""
    return translate("RaceView", COMPARISON_TITLES[comparison])


def column_titles() -> list:
    return [translate("RaceView", column) for column in COLUMNS]


def reached_text(result, target: float, over: bool = False) -> str:
    """The table's "steps to reach" cell for one entrant (``over``: the race has ended)."""
    step = result.steps_to_reach(target)
    if result.diverged_at is not None:
        if step is None:
            return translate("RaceView", "diverged at step {step}").format(step=result.diverged_at)
        return translate("RaceView", "{reached:,} (diverged at step {step})").format(
            reached=step, step=result.diverged_at)
    if step is not None:
        return f"{step:,}"
    if over or result.message is not None:
        return translate("RaceView", "not reached")
    return translate("RaceView", "not yet")


def entrant_tip(result) -> str:
    """A table row's tooltip: why the entrant stopped, or where it stands."""
    return result.message or translate("RaceView", "{label}: step {step:,}").format(
        label=result.label, step=result.step)


def status_text(rounds: int, total: int, state: str, stopped: int) -> str:
    """The status line: the round, the race's state ("running", "over", "paused" or
    "ready") and how many entrants stopped, as items joined by dots."""
    states = {"running": translate("RaceView", "running"), "over": translate("RaceView", "over"),
              "paused": translate("RaceView", "paused"), "ready": translate("RaceView", "ready: press Start")}
    items = [translate("RaceView", "step {step:,} of {total:,}").format(step=rounds, total=total), states[state]]
    if stopped:
        items.append(translate("RaceView", "{count} stopped (see the table)").format(count=stopped))
    return " · ".join(items)
