"""Notifying the on-duty front office of urgent intakes (mail, through an outbox)."""
