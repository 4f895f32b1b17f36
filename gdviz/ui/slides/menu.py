"""The slides' menu commands: File → Record GIF…, File → Export View → Graph at scale….

Each asks what it needs (a file, a number of steps, a scale) unless given it, runs, and
says how it went: a progress dialog with Cancel while a GIF is recorded, a warning that
names what was wrong, a status-bar message naming the file written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QProgressDialog

from gdviz.i18n import translate
from gdviz.ui.slides import gif
from gdviz.ui.slides.graph_export import SCALES, export_graph_view

DEFAULT_STEPS = 200
DEFAULT_EVERY = 5
STATUS_MS = 5000


def _ask_path(window, title: str, name: str, file_filter: str) -> str:
    path, _ = QFileDialog.getSaveFileName(window, title, name, file_filter)
    return path


def record_gif(window, kind: str = "training", path=None, steps: int | None = None,
               every: int | None = None) -> bool:
    """File → Record GIF…: training (``kind`` "training") or the walk-through ("walkthrough").

    Returns:
        True if a GIF was written.
    """
    if kind not in ("training", "walkthrough"):
        raise ValueError(f"no GIF of {kind!r}: record 'training' or 'walkthrough'")
    title = translate("SlidesMenu", "Record GIF")
    path = path or _ask_path(window, title, f"{kind}.gif", translate("SlidesMenu", "Animated GIF (*.gif)"))
    if not path:
        return False
    if Path(path).suffix.lower() != ".gif":
        path = f"{path}.gif"
    if kind == "training" and steps is None:
        steps, ok = QInputDialog.getInt(window, title, translate("SlidesMenu", "Training steps:"),
                                        DEFAULT_STEPS, 1, 100_000)
        if not ok:
            return False
        every, ok = QInputDialog.getInt(window, title, translate("SlidesMenu", "A frame every … steps:"),
                                        min(DEFAULT_EVERY, steps), 1, steps)
        if not ok:
            return False
    dialog = QProgressDialog(translate("SlidesMenu", "Recording…"), translate("SlidesMenu", "Cancel"),
                             0, 0, window)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(500)

    def progress(done, total):
        dialog.setMaximum(total)
        dialog.setValue(done)
        return not dialog.wasCanceled()
    try:
        if kind == "training":
            frames = gif.record_training(window, path, steps, every, "training", progress=progress)
        else:
            frames = gif.record_walkthrough(window, path, progress=progress)
    except gif.RecordCancelled:
        window.statusBar().showMessage(translate("SlidesMenu", "Recording cancelled: nothing written"),
                                       STATUS_MS)
        return False
    except (ValueError, OSError, TimeoutError) as e:
        QMessageBox.warning(window, translate("SlidesMenu", "Not recorded"), str(e))
        return False
    finally:
        dialog.close()
    window.statusBar().showMessage(translate("SlidesMenu", "Recorded {file} ({frames} frames)")
                                   .format(file=Path(path).name, frames=frames), STATUS_MS)
    return True


def export_graph_at_scale(window, path=None, scale: float | None = None) -> bool:
    """File → Export View → Graph at scale…: the graph alone, PNG or SVG. Returns True if written."""
    if scale is None:
        labels = [f"{s:g}×" for s in SCALES]
        label, ok = QInputDialog.getItem(window, translate("SlidesMenu", "Export graph"),
                                         translate("SlidesMenu", "Scale:"), labels, labels.index("2×"), False)
        if not ok:
            return False
        scale = SCALES[labels.index(label)]
    path = path or _ask_path(window, translate("SlidesMenu", "Export graph"), "graph.png",
                             translate("SlidesMenu", "PNG picture (*.png);;SVG drawing (*.svg)"))
    if not path:
        return False
    if Path(path).suffix.lower() not in (".png", ".svg"):
        path = f"{path}.png"
    try:
        export_graph_view(window.graph_panel.view, path, scale)
    except (ValueError, OSError) as e:
        QMessageBox.warning(window, translate("SlidesMenu", "Not exported"), str(e))
        return False
    window.statusBar().showMessage(translate("SlidesMenu", "Exported {file} at {scale:g}×")
                                   .format(file=Path(path).name, scale=scale), STATUS_MS)
    return True
