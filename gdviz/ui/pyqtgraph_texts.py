"""pyqtgraph's own words, which it passes through Qt's translation (its plots' right-click
Export… and the export dialog): listed here so that lupdate puts them in gdviz's
translation file. Nothing imports this module; the strings are looked up by pyqtgraph."""

from gdviz.i18n import QT_TRANSLATE_NOOP

TEXTS = (
    QT_TRANSLATE_NOOP("GraphicsScene", "Export..."),
    QT_TRANSLATE_NOOP("Form", "Export"),
    QT_TRANSLATE_NOOP("Form", "Item to export:"),
    QT_TRANSLATE_NOOP("Form", "Export format"),
    QT_TRANSLATE_NOOP("Form", "Close"),
    QT_TRANSLATE_NOOP("Form", "Export options"),
    QT_TRANSLATE_NOOP("Form", "Copy"),
    QT_TRANSLATE_NOOP("Exporter", "CSV of original plot data"),
    QT_TRANSLATE_NOOP("Exporter", "HDF5 Export: plot (x,y)"),
    QT_TRANSLATE_NOOP("Exporter", "Image File (PNG, TIF, JPG, ...)"),
    QT_TRANSLATE_NOOP("Exporter", "Matplotlib Window"),
    QT_TRANSLATE_NOOP("Exporter", "Printer"),
    QT_TRANSLATE_NOOP("Exporter", "Scalable Vector Graphics (SVG)"),
    QT_TRANSLATE_NOOP("Exporter", "Name"),
    QT_TRANSLATE_NOOP("Exporter", "antialias"),
    QT_TRANSLATE_NOOP("Exporter", "background"),
    QT_TRANSLATE_NOOP("Exporter", "columnMode"),
    QT_TRANSLATE_NOOP("Exporter", "height"),
    QT_TRANSLATE_NOOP("Exporter", "invertValue"),
    QT_TRANSLATE_NOOP("Exporter", "precision"),
    QT_TRANSLATE_NOOP("Exporter", "scaling stroke"),
    QT_TRANSLATE_NOOP("Exporter", "separator"),
    QT_TRANSLATE_NOOP("Exporter", "width"),
)
