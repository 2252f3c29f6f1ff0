"""Questions asked of a stored graph; each module answers one family."""
