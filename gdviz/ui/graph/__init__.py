"""The graph view, the backprop player and the inspector."""
