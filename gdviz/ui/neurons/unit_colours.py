"""The neuron view's colours, computed without Qt (its thread calls these off the GUI thread).

One colour rule for units and edges alike, colour-blind safe (Okabe and Ito's orange and
blue): blue is positive, orange negative, the theme's background colour zero. A hidden
unit's output is shown on its activation's natural range (tanh on [−1, 1], sigmoid's 0.5
as zero, relu from 0 to the layer's largest output), an input feature scaled by its own
largest size over the plane, and an output unit, the probability of a class, in that
class's colour of the boundary view. An edge's width is its weight's size relative to the
largest of its layer, so that every layer's strongest weights stand out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdviz.training.boundary import CLASS_COLOURS

# Okabe-Ito orange and blue; the dark theme's blue is their lighter sky blue.
ORANGE = (230, 159, 0)
BLUE = (0, 114, 178)
SKY_BLUE = (86, 180, 233)
TINY = 1e-12


@dataclass(frozen=True)
class NeuronColours:
    """The colours of negative, zero and positive values (RGB tuples)."""

    negative: tuple
    centre: tuple
    positive: tuple


def neuron_colours(background: tuple) -> NeuronColours:
    """The colours for a theme, from its background colour (RGB): zero is the background."""
    dark = sum(background) / 3 < 128
    return NeuronColours(negative=ORANGE, centre=tuple(int(c) for c in background),
                         positive=SKY_BLUE if dark else BLUE)


def signed_levels(config, layer_kind: str, values: np.ndarray) -> np.ndarray:
    """A layer's outputs (units, res, res) as levels in [−1, 1] (0: zero, ±1: the strongest).

    Args:
        config: the model's config (its activation).
        layer_kind: "input" or "hidden".
        values: the layer's outputs.
    """
    v = np.asarray(values, dtype=np.float32)
    if layer_kind == "input":  # each feature by its own largest size over the plane
        size = np.abs(v).reshape(len(v), -1).max(axis=1).reshape(-1, 1, 1)
        return v / np.maximum(size, TINY)
    if config.activation == "sigmoid":
        return 2.0 * v - 1.0
    if config.activation == "relu":
        return v / max(float(v.max(initial=0.0)), TINY)
    return v  # tanh is already on [−1, 1]


def diverging_rgba(levels: np.ndarray, colours: NeuronColours) -> np.ndarray:
    """Levels in [−1, 1] as (…, 4) uint8 RGBA: orange below zero, blue above, opaque."""
    t = np.clip(np.nan_to_num(levels), -1.0, 1.0)[..., None]
    centre = np.asarray(colours.centre, dtype=np.float32)
    far = np.where(t < 0, np.asarray(colours.negative, np.float32), np.asarray(colours.positive, np.float32))
    return _opaque(centre + np.abs(t) * (far - centre))


def class_rgba(probabilities: np.ndarray, colours: NeuronColours) -> np.ndarray:
    """Output units (classes, res, res) of probabilities as RGBA, each in its class's colour."""
    p = np.clip(np.nan_to_num(probabilities), 0.0, 1.0)[..., None]
    k = len(probabilities)
    palette = CLASS_COLOURS[np.arange(k) % len(CLASS_COLOURS)].astype(np.float32).reshape(k, 1, 1, 3)
    centre = np.asarray(colours.centre, dtype=np.float32)
    return _opaque(centre + p * (palette - centre))


def _opaque(rgb: np.ndarray) -> np.ndarray:
    out = np.empty((*rgb.shape[:-1], 4), dtype=np.uint8)
    out[..., :3] = np.clip(rgb + 0.5, 0, 255)
    out[..., 3] = 255
    return out


def unit_images(config, outputs, colours: NeuronColours) -> list:
    """Each layer's units as images: (units, res, res, 4) uint8, row 0 at the top of the plane.

    Args:
        config: the model's config.
        outputs: ``gdviz.lesson.neurons.unit_outputs(...)`` (row 0 at the plane's bottom).
        colours: from ``neuron_colours``.
    """
    images = []
    last = len(outputs) - 1
    for layer, values in enumerate(outputs):
        if layer == last:
            rgba = class_rgba(values, colours)
        else:
            rgba = diverging_rgba(signed_levels(config, "input" if layer == 0 else "hidden", values), colours)
        images.append(np.ascontiguousarray(rgba[:, ::-1]))  # images run top-down, y runs up
    return images


def edge_strengths(weights) -> list:
    """For each weight matrix, each weight's size relative to the matrix's largest, in [0, 1].

    Returns:
        A list of (n_in, n_out) float32 arrays, one per layer of edges.
    """
    strengths = []
    for W in weights[0::2]:
        size = np.abs(np.nan_to_num(np.asarray(W, dtype=np.float32)))
        strengths.append(size / max(float(size.max(initial=0.0)), TINY))
    return strengths
