"""Live training: the boundary view, the training panel and the worker thread."""
