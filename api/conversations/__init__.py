"""Conversations: store every message, forward it to the engine in order, render replies."""
