"""The loss-landscape view and the thread that computes its surfaces."""
