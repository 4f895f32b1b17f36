"""The Qt user interface. Only this package (and gdviz.app) imports Qt."""
