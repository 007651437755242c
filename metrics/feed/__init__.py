"""Newsfeed ranking: decoupled quality and engagement objectives."""
