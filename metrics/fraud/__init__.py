"""Fraud detection: the decision threshold in dollars."""
