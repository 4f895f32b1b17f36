"""gdviz: see gradient descent and backpropagation on a computational graph."""

__version__ = "0.1.0"


def __getattr__(name):
    # gdviz.show imports lazily: ``import gdviz`` never imports Qt (or the engine).
    if name == "show":
        from gdviz.show import show

        globals()["show"] = show  # importing gdviz.show set the name to the (callable) module
        return show
    raise AttributeError(f"module 'gdviz' has no attribute {name!r}")
