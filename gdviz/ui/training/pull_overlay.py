"""What the boundary view draws for a selected point's pull: an arrow and a few numbers.

The arrow starts at the point and goes along ∂J/∂x, the way moving the point would raise
the loss. ∂J/∂x is tiny next to the plot's units (with the mean, a point is one N-th of
J), so the arrow has a fixed length on screen, ARROW_PX, and the label and the tooltip
give its true length. The numbers are the point's share of each Variable's gradient,
written so that a small number never reads as 0 (3 significant digits, an exponent
when needed), and next to the whole gradient they are part of.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel

from gdviz.i18n import translate
from gdviz.lesson.point_pull import PointPull

ARROW_PX = 60  # the arrow's length on screen
ARROW_HEAD_PX = 10
ARROW_PEN = pg.mkPen((200, 30, 30), width=3)
MAX_SHOWN_ELEMENTS = 6  # a share with more numbers than this is summarised by its norm
LABEL_STYLE = ("background: rgba(255, 255, 255, 225); color: #222; border: 1px solid #999;"
               "padding: 4px; font-size: 11px;")
#: The halo's scale: a point's own loss at which its halo is full size.
HALO_FULL_LOSS = 2.0


def halo_legend() -> str:
    """The halos' explanation (the view's and the legend's tooltip)."""
    return translate("PointPull", "Halo: each point's own loss −log p(its class), from none (0) to full "
                     "size (≥ {full:g}). Click a point to see its pull.").format(full=HALO_FULL_LOSS)


def number(value: float) -> str:
    """``value`` in 3 significant digits; 0 only when it is exactly 0 (1e-7 stays 1e-07)."""
    value = float(value)
    if value == 0:
        return "0"
    return f"{value:.3g}".replace("-", "−")


def array_text(values) -> str:
    """A small array as nested brackets of ``number``s."""
    values = np.asarray(values)
    if values.ndim == 0:
        return number(values)
    return "[" + ", ".join(array_text(v) for v in values) + "]"


def arrow_segments(origin, direction, pixel_size, length_px: float = ARROW_PX) -> np.ndarray | None:
    """Shaft and head of an arrow of ``length_px`` screen pixels from ``origin`` along
    ``direction`` (data coordinates), as (6, 2) pairs of segment ends; None for a zero
    direction.

    Args:
        origin: (x, y) where the arrow starts.
        direction: the data-space vector it points along (∂J/∂x).
        pixel_size: (width, height) of one screen pixel in data units.
    """
    pw, ph = float(pixel_size[0]), float(pixel_size[1])
    screen = np.array([direction[0] / pw, direction[1] / ph], dtype=float)  # y up, in pixels
    norm = float(np.hypot(*screen))
    if not np.isfinite(norm) or norm == 0:
        return None
    shaft = screen / norm * length_px
    scale = np.array([pw, ph])
    tip = np.asarray(origin, dtype=float) + shaft * scale
    ends = [np.asarray(origin, dtype=float), tip]
    for angle in (np.radians(150), np.radians(-150)):  # the head's two barbs, back from the tip
        c, s = np.cos(angle), np.sin(angle)
        barb = np.array([c * shaft[0] - s * shaft[1], s * shaft[0] + c * shaft[1]])
        ends += [tip, tip + barb / length_px * ARROW_HEAD_PX * scale]
    return np.array(ends)


def halo_fractions(own_losses) -> np.ndarray:
    """Each point's halo on its scale (0 to 1) from its own loss: linear up to HALO_FULL_LOSS."""
    with np.errstate(invalid="ignore"):
        return np.clip(np.nan_to_num(np.asarray(own_losses, dtype=float), nan=HALO_FULL_LOSS,
                                     posinf=HALO_FULL_LOSS) / HALO_FULL_LOSS, 0.0, 1.0)


def share_line(name: str, share, total) -> str:
    """One Variable's share: every number for a small one, norms for a big one."""
    share, total = np.asarray(share), np.asarray(total)
    if share.size <= MAX_SHOWN_ELEMENTS:
        return translate("PointPull", "∂J/∂{name}: {share} of {total}").format(
            name=name, share=array_text(share), total=array_text(total))
    return translate("PointPull", "∂J/∂{name}: ‖share‖ = {share} of ‖∂J/∂{name}‖ = {total}").format(
        name=name, share=number(np.linalg.norm(share)), total=number(np.linalg.norm(total)))


def pull_text(pull: PointPull) -> str:
    """The label's lines for a selected point."""
    fields = dict(index=pull.index, label=pull.label, loss=number(pull.own_loss))
    if pull.is_test:
        return "\n".join([translate("PointPull", "Point {index} · class {label} · own loss ℓ = {loss}").format(
            **fields), translate("PointPull", "A test point: J does not include it, so it pulls on nothing.")])
    lines = [translate("PointPull", "Point {index} · class {label} · own loss ℓ = {loss} · its term of "
                       "J = {term}").format(term=number(pull.term), **fields),
             translate("PointPull", "∂J/∂x = ({dx}, {dy}), length {length}: the arrow, the way moving it "
                       "raises J").format(dx=number(pull.dx[0]), dy=number(pull.dx[1]),
                                          length=number(np.hypot(*pull.dx))),
             translate("PointPull", "Its share of the gradient (all points' shares add up to it):")]
    lines += ["  " + share_line(name, share, pull.totals[name]) for name, share in pull.shares.items()]
    return "\n".join(lines)


def arrow_tooltip(pull: PointPull) -> str:
    return translate("PointPull", "∂J/∂x of point {index}: ({dx}, {dy}), length {length} (drawn {pixels} "
                     "pixels long)").format(index=pull.index, dx=number(pull.dx[0]), dy=number(pull.dx[1]),
                                            length=number(np.hypot(*pull.dx)), pixels=ARROW_PX)


def make_pull_label(parent) -> QLabel:
    """The numbers' label, over the view's top-left corner (hidden until a point is picked)."""
    label = QLabel(parent, objectName="pointPullLabel")
    label.setStyleSheet(LABEL_STYLE)
    label.move(48, 6)
    label.hide()
    return label
