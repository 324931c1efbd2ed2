"""Voordeur content: every resident-facing text and the question bank, as data.

Content editors change the YAML files here; the typed loader in `loader.py` checks
them and names the file and line of any mistake.
"""
