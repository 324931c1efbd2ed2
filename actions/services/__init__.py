"""Calls from the action server to Voordeur's API."""
