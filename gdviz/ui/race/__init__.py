"""Optimizers raced side by side: the race view and its worker thread."""
