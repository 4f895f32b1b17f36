"""The loss landscape of the real model on the user's points: exact surfaces, projections and lines (Qt-free)."""
