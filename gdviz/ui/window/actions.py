"""The main window's commands: one QAction each, and the menus and toolbar that show them.

One command, one QAction, one key: the action carries the shortcut, the tooltip and the
enabled state, and every button, menu item and toolbar entry for that command shows the
same action. The keys never depend on which widget has the focus:

- training has Space (play / pause) and Ctrl+→ (one step), on the toolbar;
- the walk-through of one step's backprop (the player under the graph) has its own,
  different keys (``backprop_player.WALK_KEYS``: , . P Home End), window-wide as well.

Help → Keyboard Shortcuts is written from these actions, so it cannot drift from them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolButton

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.ui.icons import icon
from gdviz.ui.language import build_language_menu
from gdviz.ui.theme import THEME_CHOICES
from gdviz.ui.training.pace import PaceBox

PLAY_TRAINING_KEY = "Space"
STEP_TRAINING_KEY = "Ctrl+Right"
# The views File → Export View saves: (name, menu text, tip), translated where shown.
EXPORT_VIEWS = (
    ("window", QT_TRANSLATE_NOOP("Actions", "Whole Window…"),
     QT_TRANSLATE_NOOP("Actions", "Save a picture of the whole window as PNG or SVG")),
    ("graph", QT_TRANSLATE_NOOP("Actions", "Computational Graph…"),
     QT_TRANSLATE_NOOP("Actions", "Save a picture of the computational graph as PNG or SVG")),
    ("training", QT_TRANSLATE_NOOP("Actions", "Training Views…"),
     QT_TRANSLATE_NOOP("Actions", "Save a picture of the training views as PNG or SVG")),
    ("controls", QT_TRANSLATE_NOOP("Actions", "Controls…"),
     QT_TRANSLATE_NOOP("Actions", "Save a picture of the controls as PNG or SVG")),
)
TOOLBAR = ("open", "save", None, "undo", "redo", None, "play", "pace", "step", "reset", "randomise", None,
           "backprop", None, "export")
# View → Theme's entries: choice → (text, tip), translated where shown.
THEME_TEXTS = {
    "light": (QT_TRANSLATE_NOOP("Actions", "Light"), QT_TRANSLATE_NOOP("Actions", "Use the light theme")),
    "dark": (QT_TRANSLATE_NOOP("Actions", "Dark"), QT_TRANSLATE_NOOP("Actions", "Use the dark theme")),
    "system": (QT_TRANSLATE_NOOP("Actions", "Follow the System"),
               QT_TRANSLATE_NOOP("Actions", "Light or dark as the desktop is")),
}
# The order of Help → Keyboard Shortcuts.
SHORTCUT_ORDER = ("play", "slower", "faster", "step", "backprop", "walkNext", "walkBack", "walkPlay", "walkStart", "walkEnd",
                  "undo", "redo", "open", "save", "saveAs", "export", "fullScreen", "quit")


def key_text(shortcut) -> str:
    """A shortcut as the user reads it: ``"Ctrl+→"``, ``"Space"``, ``"."``."""
    return QKeySequence(shortcut).toString(QKeySequence.NativeText)


def add_action(window, name, text, tip, slot, shortcut=None, icon_name=None, checkable=False) -> QAction:
    """A QAction of ``window`` named ``{name}Action``, kept in ``window.actions_by_name``.

    Args:
        window: the MainWindow.
        name: the key in ``actions_by_name``.
        text: the menu and button text (translated already).
        tip: what the command does (translated already); the tooltip adds the key.
        slot: called when the action is triggered.
        shortcut: a QKeySequence or its text, or None.
        icon_name: a name from gdviz.resources.ICON_NAMES, or None.
        checkable: a toggle (View → Full Screen).
    """
    action = QAction(text, window)
    action.setObjectName(f"{name}Action")
    action.setProperty("what", tip)  # the tip without its key, for the shortcut table
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        tip = translate("Actions", "{tip} ({key})").format(tip=tip, key=key_text(shortcut))
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.setCheckable(checkable)
    if icon_name:
        action.setIcon(icon(icon_name))
    action.triggered.connect(slot)
    window.actions_by_name[name] = action
    return action


def build_actions(window) -> None:
    """Every command of the window, in ``window.actions_by_name`` (and the export views in
    ``window.export_actions``)."""
    window.actions_by_name = {}
    a = lambda *args, **kwargs: add_action(window, *args, **kwargs)  # noqa: E731
    a("open", translate("Actions", "&Open…"),
      translate("Actions", "Open a session (.gdviz) or a dataset (.csv, .json)"), window.open_file,
      QKeySequence.Open, "open")
    a("save", translate("Actions", "&Save"),
      translate("Actions", "Save the session: points, settings, weights and curves"), window.save_session,
      QKeySequence.Save, "save")
    a("saveAs", translate("Actions", "Save &As…"), translate("Actions", "Save the session under another name"),
      window.save_session_as, "Ctrl+Shift+S")
    a("saveDataset", translate("Actions", "Save &Dataset…"),
      translate("Actions", "Save just the points, as CSV or JSON"), window.save_dataset_as)
    a("openTutorial", translate("Actions", "Open the &Tutorial Scenario"),
      translate("Actions", "Back to the tutorial's perceptron and points"), window.open_tutorial)
    a("quit", translate("Actions", "&Quit"), translate("Actions", "Quit gdviz"), window.close, "Ctrl+Q")
    a("undo", translate("Actions", "&Undo"), translate("Actions", "Undo the last change to the points or settings"),
      window.undo, "Ctrl+Z", "undo")
    a("redo", translate("Actions", "&Redo"), translate("Actions", "Redo what was undone"), window.redo,
      "Ctrl+Shift+Z", "redo")
    a("play", translate("Actions", "Play training"),
      translate("Actions", "Train continuously (gradient descent); press again to pause"),
      window.toggle_training, PLAY_TRAINING_KEY, "play")
    a("step", translate("Actions", "Step training"), translate("Actions", "Take one gradient-descent step"),
      window.step_training, STEP_TRAINING_KEY, "step")
    a("slower", translate("Actions", "Slower"), translate("Actions", "Play training at the next slower pace"),
      lambda _=False: window.pace_box.slower(), "[")
    a("faster", translate("Actions", "Faster"), translate("Actions", "Play training at the next faster pace"),
      lambda _=False: window.pace_box.faster(), "]")
    a("reset", translate("Actions", "Reset training"),
      translate("Actions", "Start training again from the first weights, step 0"),
      window.reset_training, None, "reset")
    a("randomise", translate("Actions", "New weights"), translate("Actions", "Start again from fresh random weights"),
      window.randomise_weights)
    a("backprop", translate("Actions", "Backprop this step"),
      translate("Actions", "Pause training and load the exact step about to happen "
                "into the graph, to walk through its backprop"), window.backprop_this_step, "Ctrl+B", "backprop")
    a("fullScreen", translate("Actions", "&Full Screen"), translate("Actions", "Fill the screen with the window"),
      window.toggle_full_screen, "F11", checkable=True)
    a("resetLayout", translate("Actions", "&Reset Layout"),
      translate("Actions", "Put every panel back where it started"), window.reset_layout)
    a("shortcuts", translate("Actions", "&Keyboard Shortcuts"), translate("Actions", "Every key gdviz knows"),
      window.show_shortcuts)
    a("howToRead", translate("Actions", "&How to Read This Screen"),
      translate("Actions", "What each view and colour means"), window.show_how_to_read)
    a("about", translate("Actions", "&About gdviz"), translate("Actions", "What gdviz is"), window.show_about)
    window.export_actions = {}
    for name, text, tip in EXPORT_VIEWS:
        window.export_actions[name] = a(
            f"export_{name}", translate("Actions", text), translate("Actions", tip),
            lambda _=False, n=name: window.export_view(n))
    # The toolbar's button: "Export…" opens the menu of views; a click on the action
    # itself (or its shortcut) saves the whole window.
    a("export", translate("Actions", "Export…"),
      translate("Actions", "Save a picture (PNG or SVG) of the whole window or of one view"),
      lambda _=False: window.export_view("window"), "Ctrl+E", "screenshot")


def build_menus(window) -> None:
    """File, Edit, Training, Walk-through, View and Help."""
    bar = window.menuBar()
    acts = window.actions_by_name
    file_menu = bar.addMenu(translate("Actions", "&File"))
    for name in ("open", "openTutorial", None, "save", "saveAs", "saveDataset"):
        file_menu.addAction(acts[name]) if name else file_menu.addSeparator()
    export = file_menu.addMenu(translate("Actions", "&Export View"))
    export.setObjectName("exportMenu")
    for action in window.export_actions.values():
        export.addAction(action)
    window.export_menu = export
    acts["export"].setMenu(export)
    file_menu.addSeparator()
    file_menu.addAction(acts["quit"])
    edit = bar.addMenu(translate("Actions", "&Edit"))
    edit.addAction(acts["undo"])
    edit.addAction(acts["redo"])
    train = bar.addMenu(translate("Actions", "&Training"))
    for name in ("play", "slower", "faster", "step", "reset", "randomise", None, "backprop"):
        train.addAction(acts[name]) if name else train.addSeparator()
    walk = bar.addMenu(translate("Actions", "&Walk-through"))
    walk.setObjectName("walkMenu")
    player = window.graph_panel.player
    for name in ("walkPlay", "walkNext", "walkBack", "walkStart", "walkEnd"):
        walk.addAction(player.actions_by_name[name])
    view = bar.addMenu(translate("Actions", "&View"))
    window.view_menu = view
    for dock in window.docks.values():
        view.addAction(dock.toggleViewAction())
    view.addSeparator()
    _build_theme_menu(window, view.addMenu(translate("Actions", "&Theme")))
    build_language_menu(window, view.addMenu(translate("Actions", "&Language")))
    view.addSeparator()
    view.addAction(acts["fullScreen"])
    view.addAction(acts["resetLayout"])
    from gdviz.ui.window import extras  # (it imports this module)

    extras.add_to_menus(window, file_menu, view)
    help_menu = bar.addMenu(translate("Actions", "&Help"))
    for name in ("howToRead", "shortcuts", None, "about"):
        help_menu.addAction(acts[name]) if name else help_menu.addSeparator()


def _build_theme_menu(window, theme_menu) -> None:
    theme_menu.setObjectName("themeMenu")
    window.theme_group = QActionGroup(window)
    for choice in THEME_CHOICES:
        text, tip = THEME_TEXTS[choice]
        action = QAction(translate("Actions", text), window)
        action.setObjectName(f"theme_{choice}Action")
        action.setCheckable(True)
        action.setToolTip(translate("Actions", tip))
        action.triggered.connect(lambda _=False, c=choice: window.set_theme(c))
        window.theme_group.addAction(action)
        theme_menu.addAction(action)
        window.actions_by_name[f"theme_{choice}"] = action
    current = window.theme_manager.choice if window.theme_manager else "system"
    window.actions_by_name[f"theme_{current}"].setChecked(True)


def build_toolbar(window) -> None:
    """The toolbar: files, undo, and training's commands (their only buttons)."""
    toolbar = window.addToolBar(translate("Actions", "Main"))
    toolbar.setObjectName("mainToolBar")
    toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    window.pace_box = PaceBox(toolbar)
    for name in TOOLBAR:
        if name == "pace":
            toolbar.addWidget(window.pace_box)
        else:
            toolbar.addAction(window.actions_by_name[name]) if name else toolbar.addSeparator()
    # Export… asks which view first: its button opens the menu at once.
    toolbar.widgetForAction(window.actions_by_name["export"]).setPopupMode(QToolButton.InstantPopup)
    for name in ("play", "step", "reset", "randomise", "backprop"):
        toolbar.widgetForAction(window.actions_by_name[name]).setObjectName(f"{name}Button")
    window.toolbar = toolbar


def shortcut_rows(window) -> list:
    """(key, what it does) for every command with a key, in ``SHORTCUT_ORDER``."""
    actions = dict(window.actions_by_name)
    actions.update(window.graph_panel.player.actions_by_name)
    rows = [(key_text(actions[name].shortcut()), actions[name].property("what"))
            for name in SHORTCUT_ORDER if not actions[name].shortcut().isEmpty()]
    delete = window.training.delete_action
    rows.append((key_text(delete.shortcut()),
                 translate("Actions", "Delete the point under the mouse (training view)")))
    tools = window.training.point_tools
    rows.append(("1 – 4", translate("Actions", "Pick the class a click adds (training view)")))
    rows.append((key_text(tools.draw_action.shortcut()),
                 translate("Actions", "Draw mode: a drag sprays points (training view)")))
    rows.append((key_text(tools.clear_selection_action.shortcut()),
                 translate("Actions", "Clear the selected point (training view)")))
    rows.append(("F5", translate("Actions", "Presentation: the graph, or the training view, full screen (Esc leaves)")))
    return rows
