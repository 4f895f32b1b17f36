"""A plain window that draws the tutorial's graph statically (until the graph view lands)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMainWindow

from ..engine import Operation, Variable, placeholder
from ..engine.session import traverse_postorder
from ..tutorial import build_tutorial_graph

COLOURS = {placeholder: "#8ecae6", Variable: "#ffb703", Operation: "#d9d9d9"}


def build_scene(loss) -> QGraphicsScene:
    scene = QGraphicsScene()
    depth = {}
    for node in traverse_postorder(loss):
        depth[node] = 1 + max((depth[n] for n in node.input_nodes), default=-1)
    rows = {}
    positions = {}
    for node, d in depth.items():
        positions[node] = (d * 150, rows.get(d, 0) * 70)
        rows[d] = rows.get(d, 0) + 1
    for node in depth:
        for input_node in node.input_nodes:
            (x0, y0), (x1, y1) = positions[input_node], positions[node]
            scene.addLine(x0 + 110, y0 + 20, x1, y1 + 20, QPen(QColor("#666")))
    for node, (x, y) in positions.items():
        colour = next(c for t, c in COLOURS.items() if isinstance(node, t))
        scene.addRect(x, y, 110, 40, QPen(QColor("#333")), QBrush(QColor(colour)))
        text = scene.addText(f"{node.name}\n{node.op_type}")
        text.setPos(x + 4, y - 2)
    return scene


def run(args) -> int:
    app = QApplication.instance() or QApplication([])
    tutorial = build_tutorial_graph()
    window = QMainWindow()
    window.setWindowTitle("gdviz: the tutorial's computational graph")
    window.scene = build_scene(tutorial.J)  # the view does not own its scene
    view = QGraphicsView(window.scene)
    view.setRenderHint(QPainter.Antialiasing)
    window.setCentralWidget(view)
    window.resize(1200, 500)
    window.show()
    view.fitInView(window.scene.itemsBoundingRect().adjusted(-20, -20, 20, 20), Qt.KeepAspectRatio)
    if args.screenshot:
        def shoot():
            ok = window.grab().save(args.screenshot)
            app.exit(0 if ok else 1)

        QTimer.singleShot(200, shoot)
    return app.exec()
