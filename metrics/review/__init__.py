"""Model review: which metric tracks money, the security pipeline and realistic ROI."""
