"""Security around the API: encryption at rest, request limits, headers, secrets."""
