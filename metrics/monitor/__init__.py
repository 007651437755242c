"""Monitoring: a model's value over time, estimated before the labels arrive, with alerts,
input drift and the cost of noticing a silent failure late."""

CHUNK_PERIODS = ("day", "week", "month")
CHUNKS = {"Week": "week", "Day": "day", "Month": "month"}
"""Chunk periods as the page names them."""
