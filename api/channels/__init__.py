"""Doors residents come in through: the web chat API now; phone and messaging later."""
