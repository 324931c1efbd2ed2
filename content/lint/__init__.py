"""The B1 gate: every resident-facing text is checked for plain Dutch (see report.py)."""
