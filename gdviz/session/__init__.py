"""The session (Qt-free): file formats, reading and checking them, example sessions."""
