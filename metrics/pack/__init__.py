"""Review packs: pages' saved scenarios rebuilt as one report without a browser."""
