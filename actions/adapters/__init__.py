"""Thin rasa_sdk adapters: tracker in, plain intake logic, events out."""
