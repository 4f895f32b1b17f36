"""The engine's errors: each names what went wrong and what to do about it."""

__all__ = [
    "EngineError",
    "FeedError",
    "ShapeError",
    "MissingGradientError",
    "NonFiniteError",
]


class EngineError(Exception):
    """Base class of every error gdviz.engine raises on purpose."""


class FeedError(EngineError, KeyError):
    """A placeholder was not fed, or was fed something that is not a number array."""

    def __str__(self):  # KeyError would quote the message
        return str(self.args[0])


class ShapeError(EngineError, ValueError):
    """An op met input shapes it cannot combine; the message names the op and shapes."""


class MissingGradientError(EngineError, LookupError):
    """No gradient is registered for an op type on the path to the loss."""


class NonFiniteError(EngineError, FloatingPointError):
    """An op produced NaN or infinity. ``node`` is the op that produced it."""

    def __init__(self, message, node=None):
        super().__init__(message)
        self.node = node
