"""ValueLens metrics: ML model quality translated into business value (no UI code here)."""
