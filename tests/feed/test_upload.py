"""A team's candidate file: laid out as the ranking grid, padding never shown or counted, the
same feed as the grid it came from, and bad files explained."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import ndcg_score

from metrics.feed import upload as upload_module
from metrics.feed.model import HARMS, FilterThresholds, blendable, filter_report
from metrics.feed.ranking import Revenue, rank_feed
from metrics.feed.upload import feed_data
from metrics.feed.view import feed_view, filter_sentence, outcome_tiles
from tests.feed.test_model import small_feed

ROLES = {
    "user": "user_id",
    "post": "post_id",
    "quality_pred": "quality_pred",
    "engagement": "engagement_pred",
    "quality": "quality",
    "p_click": "p_click",
    "extremeness": "extremeness",
    **{f"{h}_score": f"{h}_score" for h in HARMS},
    **{f"is_{h}": f"is_{h}" for h in HARMS},
}


def long_file(data, keep: np.ndarray | None = None) -> pd.DataFrame:
    """The grid as one row per (user, candidate), optionally only the cells in ``keep``."""
    users = np.indices(data.post_index.shape)[0]
    keep = np.ones(data.post_index.shape, bool) if keep is None else keep
    post = data.post_index[keep]
    frame = pd.DataFrame(
        {
            "user_id": data.user_id[users[keep]],
            "post_id": data.post_id[post],
            "quality_pred": data.quality_pred[post],
            "engagement_pred": data.engagement[keep],
            "quality": data.quality[post],
            "p_click": data.p_click[keep],
            "extremeness": data.extremeness[post],
        }
    )
    for h in HARMS:
        frame[f"{h}_score"] = data.harm_score[h][post]
        frame[f"is_{h}"] = data.harmful[h][post].astype(int)
    return frame.sample(frac=1.0, random_state=0)  # any row order


def test_a_candidate_file_gives_the_feed_of_the_grid_it_came_from():
    grid = small_feed()
    uploaded = feed_data(long_file(grid), ROLES)
    thresholds = FilterThresholds()
    # The file knows the posts that are someone's candidate.
    seen = np.unique(grid.post_index)
    removed = thresholds.removed(grid)[seen]
    harmful = grid.any_harm[seen]
    report = filter_report(uploaded, thresholds)
    assert (report.posts, report.removed, report.harmful) == (
        len(seen),
        removed.sum(),
        harmful.sum(),
    )
    assert report.harmful_leaked == (harmful & ~removed).sum()
    # Weights whose blends never tie: ties go to the earlier column, and the file's row order
    # is not the grid's.
    for alpha, beta in ((0.0, 1.0), (1.0, 0.0), (0.3141, 0.6859)):
        ours = rank_feed(uploaded, blendable(uploaded, thresholds), alpha=alpha, beta=beta, k=5)
        theirs = rank_feed(grid, blendable(grid, thresholds), alpha=alpha, beta=beta, k=5)
        for name, value in vars(theirs.outcome).items():
            assert getattr(ours.outcome, name) == pytest.approx(value, rel=1e-12), name


def test_padding_is_never_shown_counted_or_scored():
    grid = small_feed(seed=3)
    rng = np.random.default_rng(1)
    keep = rng.random(grid.post_index.shape) < 0.5
    keep[0] = False
    keep[0, :3] = True  # one user with three candidates, fewer than K
    frame = long_file(grid, keep)
    data = feed_data(frame, ROLES)
    assert data.present.sum() == len(frame)
    off = FilterThresholds(spam=2, nsfw=2, misinfo=2)
    k = 5
    ranked = rank_feed(data, blendable(data, off), alpha=0.0, beta=1.0, k=k)
    # By hand: each user's top K present candidates by predicted engagement.
    top = frame.sort_values("engagement_pred", ascending=False).groupby("user_id").head(k)
    users = frame["user_id"].nunique()
    assert ranked.outcome.expected_clicks == pytest.approx(top["p_click"].sum() / users)
    assert ranked.outcome.posts_per_user == pytest.approx(len(top) / users)
    assert ranked.outcome.mean_quality == pytest.approx(top["quality"].mean())
    # NDCG of true clicks per user over that user's present candidates only (sklearn).
    per_user = [
        ndcg_score([g["p_click"].to_numpy()], [g["engagement_pred"].to_numpy()], k=k)
        for _, g in frame.groupby("user_id")
    ]
    assert ranked.outcome.ndcg_engagement == pytest.approx(np.mean(per_user))
    assert filter_report(data, off).posts == frame["post_id"].nunique()


def test_without_truth_the_predictions_stand_in_and_the_page_says_what_is_unknown():
    frame = long_file(small_feed())
    needed = {r: ROLES[r] for r in ("user", "post", "quality_pred", "engagement")}
    data = feed_data(frame, {**needed, "spam_score": "spam_score"})
    assert data.known == frozenset()
    view = feed_view(
        data, blendable(data, FilterThresholds()), alpha=0.5, beta=0.5, k=5, revenue=Revenue()
    )
    tiles = {t.label: t for t in outcome_tiles(view)}
    assert tiles["Extreme posts, share"].value == "n/a"
    assert tiles["Harmful per 1,000 feeds"].value == "n/a"
    assert "predicted click" in tiles["Expected clicks per feed"].help
    sentence = filter_sentence(filter_report(data, FilterThresholds()))
    assert "not known" in sentence
    assert filter_report(data, FilterThresholds()).removed > 0  # the spam filter still works


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: pd.concat([f, f.iloc[[0]]]), "has post .* twice"),
        (lambda f: f.assign(quality=np.r_[0.99, f["quality"].to_numpy()[1:]]), "two values"),
        (lambda f: f.assign(quality_pred=["x", *f["quality_pred"][1:]]), "not numbers"),
        (lambda f: f.assign(engagement_pred=f["engagement_pred"] * 10), "engagement_pred"),
        (lambda f: f.assign(spam_score=f["spam_score"] + 2), "spam_score"),
        (lambda f: f.drop(columns="post_id"), "post_id"),
    ],
)
def test_bad_files_are_explained(change, message):
    frame = change(long_file(small_feed()).reset_index(drop=True))
    with pytest.raises(ValueError, match=message):
        feed_data(frame, ROLES)


def test_a_grid_too_large_to_rank_is_refused_with_the_fix(monkeypatch):
    monkeypatch.setattr(upload_module, "MAX_CELLS", 100)
    with pytest.raises(ValueError, match="fewer candidates per user"):
        feed_data(long_file(small_feed()), ROLES)
