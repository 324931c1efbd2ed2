"""Persistence: the database models, sessions and the reference numbering."""
