"""What the boundary view draws, computed without Qt: the heatmap's colours and the boundary's segments.

The worker's grid thread calls these off the GUI thread, so that a frame reaches the
view ready to upload; the view uses them too when handed bare probabilities.
"""

from __future__ import annotations

import numpy as np

# The tutorial's blue (class 0) and red (class 1), then green and orange.
CLASS_COLOURS = np.array([(31, 119, 180), (214, 39, 40), (44, 160, 44), (255, 127, 14)], dtype=float)
HEATMAP_STRENGTH = 0.45  # how much of the class colour shows in the background


def heatmap_rgb(probabilities: np.ndarray) -> np.ndarray:
    """Class colours blended by probability and lightened: (ny, nx, K) -> (ny, nx, 3) uint8."""
    k = probabilities.shape[-1]
    palette = CLASS_COLOURS[np.arange(k) % len(CLASS_COLOURS)]
    blend = probabilities.reshape(-1, k) @ palette
    rgb = HEATMAP_STRENGTH * blend + (1 - HEATMAP_STRENGTH) * 255.0
    return rgb.reshape(*probabilities.shape[:-1], 3).astype(np.uint8)


def heatmap_rgb32(probabilities: np.ndarray) -> np.ndarray:
    """``heatmap_rgb`` as 32-bit pixels 0xffRRGGBB: (ny, nx) uint32.

    That is the layout of Qt's QImage format RGB32 on every machine, the one its painter
    draws fastest: measured, a 200x200 heatmap stretched over 900x700 pixels takes 0.28 ms
    as RGB32 and 0.86 ms as 4-byte RGBA, which Qt converts at every paint.
    """
    rgb = heatmap_rgb(probabilities).astype(np.uint32)
    return np.uint32(0xFF000000) | rgb[..., 0] << 16 | rgb[..., 1] << 8 | rgb[..., 2]


def contour_segments(field: np.ndarray, xs: np.ndarray, ys: np.ndarray, level: float = 0.0) -> np.ndarray:
    """Where ``field`` crosses ``level``, as line segments: marching squares, vectorised.

    Args:
        field: values (ny, nx) at x = xs[j], y = ys[i].
        xs, ys: the grid's coordinates, increasing.
        level: the value whose isocurve is wanted.

    Returns:
        (2m, 2) end points; rows 2k and 2k+1 are one segment (for ``connect="pairs"``).
    """
    g = np.asarray(field, dtype=float) - level
    above = g > 0
    # Only the cells whose corners disagree hold a piece of the curve: a few hundred
    # of the grid's tens of thousands, so everything after this works on those alone.
    corners = above[:-1, :-1].astype(np.int8) + above[:-1, 1:] + above[1:, :-1] + above[1:, 1:]
    i, j = np.nonzero((corners > 0) & (corners < 4))
    g00, g01, g10, g11 = g[i, j], g[i, j + 1], g[i + 1, j], g[i + 1, j + 1]
    x0, x1, y0, y1 = xs[j], xs[j + 1], ys[i], ys[i + 1]

    def crossing(ga, gb):
        # Where the line between values ga and gb meets 0 (fraction from a); only
        # read where the signs differ, so the denominator is never 0.
        differ = (ga > 0) != (gb > 0)
        t = np.divide(ga, ga - gb, out=np.zeros_like(ga), where=differ)
        return differ, t

    # Each cell's edges in the order bottom, right, top, left.
    edges = []
    for (ga, gb), horizontal, fixed in (
        ((g00, g01), True, y0), ((g01, g11), False, x1), ((g10, g11), True, y1), ((g00, g10), False, x0),
    ):
        differ, t = crossing(ga, gb)
        if horizontal:
            edges.append((differ, np.column_stack([x0 + t * (x1 - x0), fixed])))
        else:
            edges.append((differ, np.column_stack([fixed, y0 + t * (y1 - y0)])))
    masks = np.column_stack([m for m, _ in edges])
    points = np.stack([p for _, p in edges], axis=1)  # (cells, 4 edges, 2)
    counts = masks.sum(axis=1)
    two = counts == 2
    four = counts == 4  # a saddle: pair the crossings in order, either pairing is a fair guess
    return np.concatenate([points[two][masks[two]], points[four].reshape(-1, 2)])


def boundary_segments(probabilities: np.ndarray, extent) -> np.ndarray:
    """The decision boundary of a probability grid as segments (see ``contour_segments``).

    Two classes: the 0.5 isocurve of p(class 0). More: the borders of the argmax
    regions, the zero isocurve of p_c - max_{j != c} p_j for each class c.
    """
    ny, nx, k = probabilities.shape
    xmin, xmax, ymin, ymax = extent
    xs, ys = np.linspace(xmin, xmax, nx), np.linspace(ymin, ymax, ny)
    if k == 2:
        return contour_segments(probabilities[..., 0], xs, ys, 0.5)
    parts = []
    for c in range(k):
        others = np.delete(probabilities, c, axis=-1).max(axis=-1)
        parts.append(contour_segments(probabilities[..., c] - others, xs, ys, 0.0))
    return np.concatenate(parts)
