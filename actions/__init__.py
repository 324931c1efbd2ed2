"""Voordeur action server: the intake logic (actions.intake) and thin rasa_sdk adapters."""
