"""The intake as plain Python: no rasa_sdk imports here, so it is easy to test."""
