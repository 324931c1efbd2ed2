"""`python -m api.engine.action_server ...`: rasa_sdk's action server, with masked logs.

The same arguments as `python -m rasa_sdk`. The only difference: every log line of the
process goes through api/logging_filter.py first, like the API's and the engine's.
"""

from __future__ import annotations

from rasa_sdk.__main__ import main

from api import logging_filter

if __name__ == "__main__":
    logging_filter.install()
    main()
