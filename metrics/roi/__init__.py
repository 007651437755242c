"""Realistic returns: when an ML project pays for itself, by ML maturity."""
