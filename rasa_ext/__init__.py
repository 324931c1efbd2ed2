"""Extensions loaded *inside* Rasa's engine (Python 3.10, .venv-rasa), never by the API.

Rasa loads `rasa_ext.tracker_store.EncryptedSQLTrackerStore` by module path from
var/endpoints.yml (the supervisor puts the project root on the engine's PYTHONPATH).
Importing it also masks the engine's logs and makes its turns all-or-nothing and
idempotent (rasa_ext/turns.py). Only the standard library, `cryptography` and what
Rasa itself brings may be imported here.
"""
