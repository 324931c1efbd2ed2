"""Voordeur API: the only service residents and staff reach (see ../shared/DESIGN.md)."""
