"""Filled contours of a J grid, as numbers: bands to colour and level lines to draw (Qt-free).

J spans orders of magnitude (a bowl's floor at 0.1, its rim at 1000), so the levels are
quantiles of the grid's finite values: each band covers about as much of the picture
as the next, and the floor is drawn as finely as the rim. A band index per node
(``NONFINITE_BAND`` where J is infinite or NaN, as the perceptron's log 0 makes it) is
the image; the level lines come from marching squares, vectorised over every cell,
as segment ends ready for a SegmentsItem.
"""

from __future__ import annotations

import numpy as np

N_LEVELS = 12
NONFINITE_BAND = 255  # the band index of nodes where J is not a finite number


def contour_levels(J, n_levels: int = N_LEVELS) -> np.ndarray:
    """Increasing levels that split the finite values of ``J`` into about equal bands."""
    finite = J[np.isfinite(J)]
    if finite.size == 0:
        return np.zeros(0)
    levels = np.unique(np.quantile(finite, np.linspace(0, 1, n_levels + 1)[1:-1]))
    return levels[(levels > finite.min()) & (levels < finite.max())]


def bands(J, levels) -> np.ndarray:
    """The band of each node (0 below the first level), ``NONFINITE_BAND`` where J is not finite."""
    out = np.searchsorted(levels, np.where(np.isfinite(J), J, 0.0), side="right").astype(np.uint8)
    out[~np.isfinite(J)] = NONFINITE_BAND
    return out


def level_segments(J, xs, ys, level) -> np.ndarray:
    """Where J crosses ``level``: (2M, 2) segment ends in axis units (marching squares).

    ``J[row, col]`` is at (xs[col], ys[row]). Non-finite nodes count as above every level.
    """
    J = np.where(np.isfinite(J), J, np.inf)
    above = J > level
    with np.errstate(invalid="ignore", divide="ignore"):  # inf − inf: no crossing there anyway
        # Crossings on horizontal edges (r, c)-(r, c+1) and vertical edges (r, c)-(r+1, c).
        th = np.clip((level - J[:, :-1]) / (J[:, 1:] - J[:, :-1]), 0.0, 1.0)
        tv = np.clip((level - J[:-1, :]) / (J[1:, :] - J[:-1, :]), 0.0, 1.0)
    th, tv = np.nan_to_num(th, nan=0.5), np.nan_to_num(tv, nan=0.5)
    hx = xs[:-1] + th * np.diff(xs)
    hy = np.broadcast_to(ys[:, None], th.shape)
    vx = np.broadcast_to(xs[None, :], tv.shape)
    vy = ys[:-1, None] + tv * np.diff(ys)[:, None]
    h_cross = above[:, :-1] != above[:, 1:]
    v_cross = above[:-1, :] != above[1:, :]
    # Each cell's four edges, in order bottom, right, top, left.
    flags = np.stack([h_cross[:-1], v_cross[:, 1:], h_cross[1:], v_cross[:, :-1]], axis=-1)
    px = np.stack([hx[:-1], vx[:, 1:], hx[1:], vx[:, :-1]], axis=-1)
    py = np.stack([hy[:-1], vy[:, 1:], hy[1:], vy[:, :-1]], axis=-1)
    flags, px, py = flags.reshape(-1, 4), px.reshape(-1, 4), py.reshape(-1, 4)
    # A cell is crossed on two edges (one segment) or four (a saddle: two segments).
    order = np.argsort(~flags, axis=1, kind="stable")
    count = flags.sum(axis=1)
    ends = []
    for cells, pairs in ((count >= 2, [(0, 1)]), (count == 4, [(2, 3)])):
        rows = order[cells]
        for a, b in pairs:
            pick = np.arange(len(rows))
            for edge in (rows[:, a], rows[:, b]):
                ends.append(np.column_stack([px[cells][pick, edge], py[cells][pick, edge]]))
    if not ends:
        return np.zeros((0, 2))
    segments = np.stack([np.concatenate(ends[0::2]), np.concatenate(ends[1::2])], axis=1)
    return segments.reshape(-1, 2)


def contour_bands(J, axes, n_levels: int = N_LEVELS):
    """(bands, levels, segment ends) of a J grid over ``axes`` = (xs, ys)."""
    xs, ys = (np.asarray(a, dtype=np.float64) for a in axes)
    levels = contour_levels(J, n_levels)
    ends = [level_segments(J, xs, ys, level) for level in levels]
    lines = np.concatenate(ends) if ends else np.zeros((0, 2))
    return bands(J, levels), levels, lines
