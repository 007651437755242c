"""Which ML metric tracks the money, and what improving one is worth."""
