"""A fleet of models in one view: which are earning less than usual, what that has cost since,
and which are due for retraining, from a registry of their logs."""
