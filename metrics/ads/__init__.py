"""Search ads: CTR model quality in auction revenue."""
