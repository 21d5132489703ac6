"""One rule per module.  Modules whose names start with ``_`` hold shared helpers."""
