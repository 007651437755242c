"""Shared building blocks: validation, exact curves, the value model, bootstrap intervals,
number formats and file input."""
