"""Feed inputs: the bundled users, posts and engagement model."""

from __future__ import annotations

import json

from metrics.core.io import read_table
from metrics.core.samples import sample_path
from metrics.feed.story import FeedSample, build_feed

FEED_USERS_FILE = "feed_users.csv"
FEED_POSTS_FILE = "feed_posts.csv.gz"
FEED_ENGAGEMENT_MODEL_FILE = "feed_engagement_model.json"


def load_feed_sample() -> FeedSample:
    """Users, posts and the engagement model of the bundled feed, with derived candidates."""
    model = json.loads(sample_path(FEED_ENGAGEMENT_MODEL_FILE).read_text())
    users = read_table(sample_path(FEED_USERS_FILE))
    return build_feed(users, read_table(sample_path(FEED_POSTS_FILE)), model)
