"""The landscape's worker: computes surfaces off the GUI thread and hands back copies.

The pattern of Qt's Mandelbrot example: the GUI hands the newest request over under a
mutex and wakes the thread; the thread copies it, computes, and emits a self-contained
result carrying the request's serial, so that the view drops a result that a newer
request has overtaken. ``stop()`` sets the abort flag, wakes the thread and waits for it.

Two kinds of work. A *surface* (a grid of J, 0.05 to 1 s) is computed in chunks; between
chunks the thread checks for abort or a newer surface (then it drops this one), emits
its progress once the surface has taken more than ``PROGRESS_AFTER_S``, and serves a
pending *point* request: J and the gradient at the newest weights (about a
millisecond), which moves the arrows while training plays.

The thread owns its Model (a graph belongs to one thread): it is rebuilt only when the
architecture changes.
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QMutex, QMutexLocker, QThread, QWaitCondition, Signal

from gdviz.i18n import translate
from gdviz.landscape.contours import contour_bands
from gdviz.landscape.surfaces import (
    line_profile,
    plane_directions,
    plane_surface,
    principal_plane,
    point_value,
    project,
    two_parameter_surface,
)
from gdviz.training.models import Model, architecture_key
from gdviz.ui.training.grid_thread import use_one_blas_thread
from gdviz.ui import gui_gc

PROGRESS_AFTER_S = 0.2  # a surface that takes longer than this reports its progress
MODES = ("two", "plane", "line")
PCA_MAX_ROWS = 1000


@dataclass(frozen=True, eq=False)
class Problem:
    """What J is measured on: the model's config, its classes, the training points and labels."""

    config: object
    n_classes: int
    points: np.ndarray
    one_hot: np.ndarray


@dataclass(frozen=True, eq=False)
class SurfaceRequest:
    """One picture to compute. ``weights`` are copies of [W1, b1, ...]."""

    serial: int
    problem: Problem
    mode: str
    weights: tuple
    i: int = 0
    j: int = 1
    span: float = 1.0
    n: int = 64
    path: np.ndarray | None = None  # (K, P) recorded weight vectors, for the plane
    learning_rate: float = 0.1


@dataclass(frozen=True, eq=False)
class PointRequest:
    serial: int
    problem: Problem
    weights: tuple


@dataclass(frozen=True, eq=False)
class SurfaceResult:
    """A computed picture: ``surface`` is a TwoParameterSurface, PlaneSurface or LineProfile.

    ``bands``/``levels``/``contours`` are the filled-contour picture made here, off the
    GUI thread; ``path_coords`` the path projected on the plane (plane mode).
    """

    serial: int
    mode: str
    surface: object
    bands: np.ndarray | None = None
    levels: np.ndarray | None = None
    contours: np.ndarray | None = None  # (2M, 2) ends of the level lines' segments
    path_coords: np.ndarray | None = None
    explained: np.ndarray | None = None  # the plane's share of the path's variance
    seconds: float = 0.0
    computed_by: int = field(default_factory=threading.get_ident)  # the computing thread


@dataclass(frozen=True, eq=False)
class PointResult:
    serial: int
    J: float
    gradient: np.ndarray
    computed_by: int = field(default_factory=threading.get_ident)


class _Superseded(Exception):
    """Raised between chunks: abort, or a newer surface waits."""


class SurfaceThread(QThread):
    """Computes the newest SurfaceRequest and PointRequest; emits results and failures."""

    surfaceReady = Signal(object)  # SurfaceResult
    pointReady = Signal(object)  # PointResult
    progress = Signal(int, float)  # serial, fraction done
    failed = Signal(int, str)  # serial, what was wrong

    def __init__(self, parent=None):
        super().__init__(parent)
        gui_gc.ensure()  # cycles are collected in the GUI thread, never in this one
        self.setObjectName("landscapeSurfaceThread")
        self._mutex = QMutex()
        self._wake = QWaitCondition()
        self._surface = None
        self._point = None
        self._abort = False
        self._model = None
        self._model_key = None

    # **** the GUI's side ****

    def request_surface(self, request: SurfaceRequest) -> None:
        """Compute ``request`` next, replacing any surface not yet started or under way."""
        with QMutexLocker(self._mutex):
            self._surface = request
            self._wake.wakeOne()
        if not self.isRunning():
            self.start(QThread.LowPriority)

    def request_point(self, request: PointRequest) -> None:
        """J and the gradient at ``request.weights``, as soon as possible."""
        with QMutexLocker(self._mutex):
            self._point = request
            self._wake.wakeOne()
        if not self.isRunning():
            self.start(QThread.LowPriority)

    def stop(self) -> None:
        """Abort what is under way and end the thread; returns when it has ended."""
        with QMutexLocker(self._mutex):
            self._abort = True
            self._surface = self._point = None
            self._wake.wakeOne()
        self.wait()

    # **** the thread's side ****

    def run(self):
        use_one_blas_thread()
        while True:
            with QMutexLocker(self._mutex):
                while self._surface is None and self._point is None and not self._abort:
                    self._wake.wait(self._mutex)
                if self._abort:
                    return
                surface, self._surface = self._surface, None
            self._serve_point()
            if surface is not None:
                self._serve_surface(surface)

    def _take_point(self):
        with QMutexLocker(self._mutex):
            point, self._point = self._point, None
            return point

    def _serve_point(self):
        request = self._take_point()
        if request is None:
            return
        try:
            model = self._model_for(request.problem, request.weights)
            value = point_value(model, list(request.weights), request.problem.points, request.problem.one_hot)
            self.pointReady.emit(PointResult(request.serial, value.J, value.gradient))
        except Exception as error:  # reported to the view, which shows it
            self.failed.emit(request.serial, _message(error))

    def _serve_surface(self, request):
        started = time.perf_counter()

        def between_chunks(fraction):
            with QMutexLocker(self._mutex):
                if self._abort or self._surface is not None:
                    raise _Superseded
            self._serve_point()
            if time.perf_counter() - started > PROGRESS_AFTER_S:
                self.progress.emit(request.serial, float(fraction))

        try:
            result = self._compute(request, between_chunks)
        except _Superseded:
            return
        except Exception as error:
            self.failed.emit(request.serial, _message(error))
            return
        self.surfaceReady.emit(result)

    def _model_for(self, problem, weights):
        key = (architecture_key(problem.config), problem.config.optimizer, problem.config.reduction,
               getattr(problem.config, "penalty", "none"), getattr(problem.config, "penalty_rate", 0.0),
               problem.n_classes, tuple(np.shape(w) for w in weights))
        if key != self._model_key:
            self._model = Model(problem.config, problem.n_classes, list(weights))
            self._model_key = key
        return self._model

    def _compute(self, request, progress):
        started = time.perf_counter()
        problem, weights = request.problem, list(request.weights)
        model = self._model_for(problem, weights)
        X, one_hot = problem.points, problem.one_hot
        path_coords = None
        if request.mode == "two":
            surface = two_parameter_surface(model, weights, X, one_hot, request.i, request.j,
                                            request.span, request.n, progress)
        elif request.mode == "plane":
            here = point_value(model, weights, X, one_hot)
            path = request.path if request.path is not None and len(request.path) else here.weights[None]
            plane = principal_plane(_rows_for_pca(path)) if len(path) >= 3 else None
            if plane is not None and plane.explained[1] > 0:
                directions, explained = plane.directions, plane.explained
            else:  # too short a path: the downhill direction and one across it
                directions, explained = plane_directions(path[-1:], here.gradient), None
            path_coords = project(path, here.weights, directions)
            extent = _plane_extent(path_coords, request.span)
            surface = plane_surface(model, weights, directions, X, one_hot, extent, request.n, progress)
        elif request.mode == "line":
            here = point_value(model, weights, X, one_hot)
            ts = np.linspace(-0.5, 3.0, request.n) * request.learning_rate
            surface = line_profile(model, weights, here.gradient, ts, X, one_hot,
                                   request.learning_rate, progress)
            return SurfaceResult(request.serial, request.mode, surface,
                                 seconds=time.perf_counter() - started)
        else:
            raise ValueError(f"landscape mode {request.mode!r} is not one of {', '.join(MODES)}")
        bands, levels, contours = contour_bands(surface.J, _axes(surface))
        return SurfaceResult(request.serial, request.mode, surface, bands, levels, contours,
                             path_coords, explained if request.mode == "plane" else None,
                             time.perf_counter() - started)


def _axes(surface):
    if hasattr(surface, "xs"):
        return surface.xs, surface.ys
    return surface.alphas, surface.betas


def _rows_for_pca(path):
    """At most PCA_MAX_ROWS of the path, evenly spaced, its last row included: the
    SVD of a 5,000-step path of an MLP would take longer than the surface."""
    stride = -(-len(path) // PCA_MAX_ROWS)
    rows = path[::-1][::stride][::-1]
    return rows


def _plane_extent(coords, span):
    """Axes that hold the projected path and the current point (0, 0), with a margin,
    and at least ±span."""
    lo = np.minimum(coords.min(axis=0), 0.0)
    hi = np.maximum(coords.max(axis=0), 0.0)
    margin = np.maximum(0.15 * (hi - lo), span)
    return (lo[0] - margin[0], hi[0] + margin[0], lo[1] - margin[1], hi[1] + margin[1])


def _message(error) -> str:
    """What the view shows: the error's own words, which name what was wrong."""
    if isinstance(error, (ValueError, TypeError)):
        return translate("LandscapeView", "The landscape could not be computed: {error}").format(error=error)
    return translate("LandscapeView", "The landscape could not be computed: {error}").format(
        error=f"{error!r}\n{traceback.format_exc(limit=3)}")
