"""Endpoints for Voordeur's own services only (the action server), guarded by a shared secret."""
