"""The faces of plangraph: the HTTP service (``api.main``) and the command line (``api.cli``)."""
