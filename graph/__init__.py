"""The graph model (backend-neutral records) and the stores that keep it."""
