"""Animated GIFs of the real window: training as it goes, and the backprop walk-through.

A GIF is made of what the user sees: the recorder drives the window as a user would
(training steps, the player's positions), waits until the view shows the step asked
for, and grabs that widget (``widget.grab()``). Each grab is turned into a Pillow image
at once (scaled down to at most ``MAX_GIF_WIDTH`` pixels, a caption strip saying which
step it is, reduced to a palette of ``GIF_COLOURS``), so that a long recording keeps
small palette images, not full-colour pixmaps. Pillow writes the file (``save_all``,
one duration per frame, ``loop=0``: for ever).

Waiting never sleeps: a local event loop runs until the condition holds (the training
view shows the step), so the window keeps painting and the frames of the training
process keep arriving. Every frame reports progress; a progress callback that returns
False cancels the recording.

The caption also keeps every frame distinct: Pillow merges a frame identical to the one
before into it, and a GIF of N steps every k must have N / k frames.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QCoreApplication, QEventLoop, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from gdviz.i18n import translate

MAX_GIF_WIDTH = 960  # pixels: a slide's width; wider grabs are scaled down
GIF_COLOURS = 256
TRAINING_FRAME_MS = 120  # one frame of training on screen
WALKTHROUGH_FRAME_MS = 900  # one step of the walk-through: long enough to read
DEFAULT_FRAMES = 50  # --every defaults to steps // DEFAULT_FRAMES
CAPTION_PX = 15
CAPTION_HEIGHT = 26
CAPTION_BACKGROUND = QColor("#1f2329")
CAPTION_TEXT = QColor("#f8f9fa")
WAIT_CHECK_MS = 5  # how often a wait looks at its condition
STEP_TIMEOUT_S = 60.0  # the longest a chunk of training steps may take to show
TRAINING_VIEWS = ("training", "boundary", "curves", "window")


class RecordCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


# **** the frames and the file ****


def check_gif_path(path) -> Path:
    """The path a GIF can be written to.

    Raises:
        ValueError: it does not end in .gif, its folder does not exist or cannot be
            written, or it is a folder; the message names the path and the folder.
    """
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    names = {"path": repr(str(path)), "folder": repr(str(folder))}
    if path.suffix.lower() != ".gif":
        raise ValueError(translate("GifRecording", "{path}: an animated GIF is written, name it *.gif")
                         .format(**names))
    if not folder.is_dir():
        raise ValueError(translate("GifRecording", "{path}: the folder {folder} does not exist")
                         .format(**names))
    if path.is_dir():
        raise ValueError(translate("GifRecording", "{path} is a folder: give a file name ending in .gif")
                         .format(**names))
    if path.exists() and not os.access(path, os.W_OK):
        raise ValueError(translate("GifRecording", "{path} cannot be overwritten (permissions?)")
                         .format(**names))
    if not path.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(translate("GifRecording", "{path}: the folder {folder} is not writable "
                                                   "(permissions?)").format(**names))
    return path


def _with_caption(image: QImage, caption: str) -> QImage:
    """``image`` with a dark strip under it, ``caption`` written on the strip."""
    out = QImage(image.width(), image.height() + CAPTION_HEIGHT, QImage.Format_RGB32)
    out.fill(CAPTION_BACKGROUND)
    painter = QPainter(out)
    try:
        painter.drawImage(0, 0, image)
        painter.setRenderHint(QPainter.TextAntialiasing)
        font = QFont()
        font.setPixelSize(CAPTION_PX)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(CAPTION_TEXT)
        painter.drawText(QRectF(10, image.height(), image.width() - 20, CAPTION_HEIGHT),
                         Qt.AlignVCenter | Qt.AlignLeft, caption)
    finally:
        painter.end()
    return out


def qimage_to_pillow(image: QImage) -> Image.Image:
    """A copy of ``image`` as an RGB Pillow image."""
    rgb = image.convertToFormat(QImage.Format_RGB888)
    return Image.frombuffer("RGB", (rgb.width(), rgb.height()), bytes(rgb.constBits()),
                            "raw", "RGB", rgb.bytesPerLine(), 1).copy()


class GifRecorder:
    """Frames in, an animated GIF out.

    Args:
        frame_ms: how long each frame shows.
        max_width: wider frames are scaled down to this width (aspect kept).
    """

    def __init__(self, frame_ms: int = TRAINING_FRAME_MS, max_width: int = MAX_GIF_WIDTH):
        if frame_ms <= 0:
            raise ValueError(translate("GifRecording", "a frame lasts {ms} ms: give at least 1")
                             .format(ms=frame_ms))
        self.frame_ms = int(frame_ms)
        self.max_width = int(max_width)
        self.frames: list[Image.Image] = []
        self.size = None  # every frame has the first one's size

    def __len__(self) -> int:
        return len(self.frames)

    def add_frame(self, picture, caption: str | None = None) -> None:
        """Add a QImage or QPixmap (``widget.grab()``), with ``caption`` written under it."""
        image = picture.toImage() if hasattr(picture, "toImage") else QImage(picture)
        if image.isNull():
            raise ValueError(translate("GifRecording", "an empty picture cannot be a frame (is the view "
                                                       "shown?)"))
        if caption:
            image = _with_caption(image, caption)
        frame = qimage_to_pillow(image)
        if self.size is None:
            width = min(frame.width, self.max_width)
            self.size = (width, max(1, round(frame.height * width / frame.width)))
        if frame.size != self.size:
            frame = frame.resize(self.size, Image.Resampling.LANCZOS)
        self.frames.append(frame.quantize(GIF_COLOURS, method=Image.Quantize.MEDIANCUT))

    def add_widget(self, widget, caption: str | None = None) -> None:
        """Grab ``widget`` as it is on screen and add it as a frame."""
        self.add_frame(widget.grab(), caption)

    def save(self, path) -> Path:
        """Write the animated GIF (loops for ever).

        Raises:
            ValueError: no frames, or a path that cannot be written (``check_gif_path``).
            OSError: writing failed.
        """
        path = check_gif_path(path)
        if not self.frames:
            raise ValueError(translate("GifRecording", "no frames to write to {path}")
                             .format(path=repr(str(path))))
        first, *rest = self.frames
        first.save(path, format="GIF", save_all=True, append_images=rest,
                   duration=self.frame_ms, loop=0, optimize=False, disposal=1)
        return path


# **** driving the window ****


def wait_until(condition, timeout_s: float, what: str) -> None:
    """Run the event loop until ``condition()`` is true (checked every WAIT_CHECK_MS).

    Raises:
        TimeoutError: not within ``timeout_s``; the message says ``what`` was awaited.
    """
    if condition():
        return
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    timer = QTimer(interval=WAIT_CHECK_MS)
    timer.timeout.connect(lambda: (condition() or time.monotonic() > deadline) and loop.quit())
    timer.start()
    loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError(translate("GifRecording", "{what}: not done within {seconds:.0f} s")
                           .format(what=what, seconds=timeout_s))


def _report(progress, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise RecordCancelled(translate("GifRecording", "recording stopped at frame {done} of {total}")
                              .format(done=done, total=total))


def training_widget(window, view: str):
    """The widget a training GIF shows for ``view`` (one of ``TRAINING_VIEWS``)."""
    widgets = {"training": window.training, "boundary": window.training.boundary_view,
               "curves": window.training.curves_view, "window": window}
    if view not in widgets:
        raise ValueError(translate("GifRecording", "no view named {view} to record: choose one of "
                                                   "{views}").format(view=repr(view),
                                                                     views=", ".join(TRAINING_VIEWS)))
    return widgets[view]


def _shown_step(window) -> int:
    frame = window.training.last_frame
    return frame.snapshot.step if frame is not None else window.session.step


def record_training(window, path, steps: int, every: int | None = None, view: str = "training",
                    progress=None, frame_ms: int = TRAINING_FRAME_MS) -> int:
    """Train ``steps`` steps in ``window`` and save a GIF of ``view`` every ``every`` steps.

    Training is paused first; the steps are the training process's own (the window's
    ``step_training``), and each frame is grabbed once the view shows its step.

    Args:
        window: the MainWindow (shown: offscreen is fine).
        path: the .gif to write.
        steps: training steps to take (≥ 1).
        every: a frame every this many steps (default: about ``DEFAULT_FRAMES`` frames).
        view: "training" (boundary and curves), "boundary", "curves" or "window".
        progress: called ``progress(frames_done, frames_total)``; returning False cancels.

    Returns:
        The number of frames written: ``steps // every``.

    Raises:
        ValueError: steps or every below 1, every above steps, an unknown view, a path
            that cannot be written. TimeoutError: training did not show a step in time.
        RecordCancelled: ``progress`` returned False.
    """
    path = check_gif_path(path)
    every = max(1, steps // DEFAULT_FRAMES) if every is None else every
    if steps < 1:
        raise ValueError(translate("GifRecording", "{steps} training steps to record: give 1 or more")
                         .format(steps=steps))
    if not 1 <= every <= steps:
        raise ValueError(translate("GifRecording", "a frame every {every} steps of {steps}: give 1 to "
                                                   "{steps}").format(every=every, steps=steps))
    widget = training_widget(window, view)
    if not window.training.dataset().train_mask.any():
        raise ValueError(translate("GifRecording", "cannot record training: there are no training "
                                                   "points"))
    window.pause_training()
    recorder = GifRecorder(frame_ms)
    total = steps // every
    stopped = []  # divergence or a failure of the training process, as a sentence
    window.training.warning_raised.connect(stopped.append)
    try:
        start = _shown_step(window)
        for frame in range(1, total + 1):
            target = start + frame * every
            for _ in range(every):
                window.step_training()
            wait_until(lambda: _shown_step(window) >= target or bool(stopped), STEP_TIMEOUT_S,
                       translate("GifRecording", "training to step {step}").format(step=target))
            if stopped:
                raise ValueError(translate("GifRecording", "training stopped before step {step}: "
                                                           "{reason}").format(step=target,
                                                                              reason=stopped[0]))
            recorder.add_widget(widget, translate("GifRecording", "gdviz · training · step {step}")
                                .format(step=_shown_step(window)))
            _report(progress, frame, total)
        for _ in range(steps - total * every):  # the steps after the last frame: N in all
            window.step_training()
        wait_until(lambda: _shown_step(window) >= start + steps or bool(stopped), STEP_TIMEOUT_S,
                   translate("GifRecording", "training to step {step}").format(step=start + steps))
    finally:
        window.training.warning_raised.disconnect(stopped.append)
    recorder.save(path)
    return len(recorder)


def record_walkthrough(window, path, progress=None, frame_ms: int = WALKTHROUGH_FRAME_MS) -> int:
    """Save a GIF of the backprop walk-through of the step about to happen.

    Loads that step into the graph panel (``backprop_this_step``), then shows every
    position of the player, from before the first step to its end, grabbing the graph
    view (without the player's controls) at each.

    Returns:
        The number of frames written: the player's step count + 1.

    Raises:
        ValueError: a path that cannot be written, or a graph with nothing to walk through.
        RecordCancelled: ``progress`` returned False.
    """
    path = check_gif_path(path)
    window.backprop_this_step(quiet=True)
    panel = window.graph_panel
    player, view = panel.player, panel.view
    count = player.step_count
    if count == 0:
        raise ValueError(translate("GifRecording", "the graph has no backprop steps to walk through"))
    step = window.backprop_step
    recorder = GifRecorder(frame_ms)
    for position in range(count + 1):
        player.seek(position)
        QCoreApplication.processEvents()  # let the view lay out its labels and repaint
        if player.position != position:  # the graph followed a late edit: same step, same count
            player.seek(position)
        what = player.current_step()
        if what is not None:
            caption = translate("GifRecording", "gdviz · backprop of step {step} · {position}/{count} "
                                                "· {node}").format(step=step + 1, position=position,
                                                                   count=count, node=what.node.name)
        else:
            caption = translate("GifRecording", "gdviz · backprop of step {step} · {position}/{count} "
                                                "· before the backward pass").format(
                step=step + 1, position=position, count=count)
        recorder.add_widget(view, caption)
        _report(progress, position + 1, count + 1)
    recorder.save(path)
    return len(recorder)
