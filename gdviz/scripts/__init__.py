"""A learner's own scripts: running them apart from the app, their graphs as data, gradient checks (Qt-free)."""
