"""A learner's own graphs in the app: gdviz.show(), scripts, the code panel and the gradient check on screen."""
