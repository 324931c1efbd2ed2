"""The integrated front office: intakes, the queue, the summary (JSON API here)."""
