"""The main window: its menus, controls, files and help."""
