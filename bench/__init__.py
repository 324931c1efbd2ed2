"""Benchmarks: scripts that print figures (see README, Tests and benchmarks)."""
