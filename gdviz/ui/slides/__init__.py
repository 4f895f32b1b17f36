"""Material for slides: presentation mode, pictures at a scale, animated GIFs.

- gif.py: ``GifRecorder``, ``record_training`` and ``record_walkthrough`` (also ``--record``);
- graph_export.py: ``export_graph_view``, the graph alone as PNG or SVG at a scale;
- presentation.py: ``Presentation``, F5 to put a view on a full-screen stage, Esc to leave;
- menu.py: the menu commands that ask for a file, steps or a scale and run those.
"""
