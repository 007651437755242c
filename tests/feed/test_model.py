import numpy as np
import pytest
from sklearn.metrics import ndcg_score

from metrics.feed.coupled import compare_coupled
from metrics.feed.data import load_feed_sample
from metrics.feed.frontier import non_dominated, pareto_sweep
from metrics.feed.model import (
    FeedData,
    FilterThresholds,
    blend,
    blendable,
    filter_report,
    percentile_ranks,
    top_k,
)
from metrics.feed.ranking import rank_feed


@pytest.fixture(scope="module")
def sample():
    return load_feed_sample()


def test_percentile_ranks_by_hand_with_ties_and_filtered_candidates():
    values = np.array([[0.2, 0.9, 0.2, 0.5], [0.3, 0.1, 0.7, 0.0]])
    eligible = np.array([[True, True, True, True], [True, False, True, False]])
    ranks = percentile_ranks(values, eligible)
    # Row 0: 0.2 and 0.2 share ranks 0 and 1 -> mid-rank 0.5 of 3; 0.5 -> 2/3; 0.9 -> 1.
    np.testing.assert_allclose(ranks[0], [0.5 / 3, 1.0, 0.5 / 3, 2 / 3])
    np.testing.assert_allclose(ranks[1, [0, 2]], [0.0, 1.0])
    assert np.isnan(ranks[1, [1, 3]]).all()


def test_top_k_ties_short_rows_and_everything_filtered():
    score = np.array(
        [[0.5, 0.9, 0.5, 0.5, 0.1], [0.3, 0.2, 0.1, 0.0, 0.9], [1.0, 1.0, 1.0, 1.0, 1.0]]
    )
    eligible = np.array([[True] * 5, [True, False, False, False, False], [False] * 5])
    columns, shown = top_k(score, eligible, 3)
    # Ties at 0.5 go to the lower columns; row 1 has one eligible post; row 2 none.
    assert columns[0].tolist() == [1, 0, 2]
    assert shown[0].all()
    assert columns[1][shown[1]].tolist() == [0] and shown[1].sum() == 1
    assert shown[2].sum() == 0
    with pytest.raises(ValueError, match="K is 0"):
        top_k(score, eligible, 0)
    wide, wide_shown = top_k(score, eligible, 10)  # more than the candidates
    assert wide.shape == (3, 5) and wide_shown.sum() == 6


def small_feed(seed: int = 0, users: int = 30, candidates: int = 25, posts: int = 300):
    rng = np.random.default_rng(seed)
    post_index = np.stack([rng.choice(posts, candidates, replace=False) for _ in range(users)])
    quality = rng.random(posts)
    harmful = {h: rng.random(posts) < 0.05 for h in ("spam", "nsfw", "misinfo")}
    p_click = rng.beta(2, 5, (users, candidates))
    return FeedData(
        user_id=np.arange(users),
        post_index=post_index,
        engagement=p_click.copy(),
        p_click=p_click,
        post_id=np.arange(posts),
        topic=rng.integers(0, 8, posts),
        quality=quality,
        quality_pred=quality.copy(),
        extremeness=rng.random(posts),
        harmful=harmful,
        harm_score={
            h: np.where(v, 0.9, 0.1) * rng.uniform(0.8, 1.0, posts) for h, v in harmful.items()
        },
    )


def test_ndcg_matches_sklearn():
    data = small_feed()
    prepared = blendable(data, FilterThresholds(spam=2, nsfw=2, misinfo=2))  # no filtering
    k = 7
    # Weights whose blends of percentile ranks never tie: sklearn averages gains over ties.
    for alpha, beta in ((0.0, 1.0), (1.0, 0.0), (0.3141, 0.6859)):
        score = blend(prepared, alpha=alpha, beta=beta)
        result = rank_feed(data, prepared, alpha=alpha, beta=beta, k=k).outcome
        quality = data.quality[data.post_index]
        assert result.ndcg_quality == pytest.approx(ndcg_score(quality, score, k=k))
        assert result.ndcg_engagement == pytest.approx(ndcg_score(data.p_click, score, k=k))


def test_filters_count_removed_leaked_and_wrongly_removed():
    data = small_feed()
    report = filter_report(data, FilterThresholds(spam=0.5, nsfw=0.5, misinfo=0.5))
    harmful = data.any_harm
    assert report.harmful == harmful.sum() and report.harmful_leaked == 0
    assert report.removed == harmful.sum() and report.good_removed == 0
    off = filter_report(data, FilterThresholds(spam=2, nsfw=2, misinfo=2))
    assert off.removed == 0 and off.harmful_leaked == harmful.sum()


def test_blend_rejects_two_zero_weights():
    prepared = blendable(small_feed(), FilterThresholds())
    with pytest.raises(ValueError, match="alpha and beta are both 0"):
        blend(prepared, alpha=0.0, beta=0.0)
    with pytest.raises(ValueError, match="'alpha' is -1"):
        blend(prepared, alpha=-1.0, beta=1.0)


def test_only_the_ratio_of_weights_matters():
    data = small_feed()
    prepared = blendable(data, FilterThresholds())
    a = rank_feed(data, prepared, alpha=0.2, beta=0.6, k=5)
    b = rank_feed(data, prepared, alpha=0.1, beta=0.3, k=5)
    np.testing.assert_array_equal(a.columns, b.columns)


def test_non_dominated_by_hand():
    x = np.array([1.0, 2.0, 3.0, 2.0, 1.0])
    y = np.array([3.0, 2.0, 1.0, 1.0, 2.0])
    assert non_dominated(x, y).tolist() == [True, True, True, False, False]


def test_with_true_predictions_the_extremes_of_the_sweep_are_optimal():
    data = small_feed(seed=3)
    sweep = pareto_sweep(data, blendable(data, FilterThresholds()), k=5, points=11)
    clicks, quality = sweep.column("expected_clicks"), sweep.column("mean_quality")
    assert clicks[0] == pytest.approx(clicks.max())  # alpha = 0: engagement only
    assert quality[-1] == pytest.approx(quality.max())  # alpha only


def test_sample_sweep_frontier_and_extremes(sample):
    data = sample.data
    sweep = pareto_sweep(data, blendable(data, FilterThresholds()), k=10)
    clicks, quality = sweep.column("expected_clicks"), sweep.column("mean_quality")
    assert int(np.argmax(clicks)) == 0 and int(np.argmax(quality)) == len(quality) - 1
    on = sweep.frontier
    for i in np.flatnonzero(on):
        beaten = (
            (clicks >= clicks[i])
            & (quality >= quality[i])
            & ((clicks > clicks[i]) | (quality > quality[i]))
        )
        assert not beaten.any()


def test_sample_candidates_are_distinct_and_rates_plausible(sample):
    data = sample.data
    assert data.post_index.shape == (2_000, 200)
    ordered = np.sort(data.post_index, axis=1)
    assert not (ordered[:, 1:] == ordered[:, :-1]).any()
    assert 0.05 < data.p_click.mean() < 0.4
    assert abs(data.engagement.mean() - data.p_click.mean()) < 0.03


def test_coupled_model_really_trains_and_is_compared(sample):
    prepared = blendable(sample.data, FilterThresholds())
    result = compare_coupled(sample, prepared, alpha=0.5, beta=0.5, k=10)
    assert result.train_seconds > result.reweight_seconds > 0
    assert 0 < result.overlap_at_k <= 1 and -1 <= result.kendall_tau <= 1
    assert result.decoupled.expected_clicks > 0 and result.coupled.expected_clicks > 0


def test_ndcg_leaves_out_users_with_nothing_eligible_where_sklearn_counts_zero():
    """A user whose feed is empty after filtering has no ideal ranking, so no NDCG. ValueLens
    averages over the other users; scikit-learn's ndcg_score counts that user as 0."""
    import dataclasses

    data = small_feed()
    full = blendable(data, FilterThresholds(spam=2, nsfw=2, misinfo=2))
    eligible = full.eligible.copy()
    eligible[0] = False
    gain = np.where(eligible, full.quality_gain, 0.0)
    prepared = dataclasses.replace(
        full,
        eligible=eligible,
        quality_gain=gain,
        ideal_quality=-np.sort(-gain, axis=1),
        quality_rank=percentile_ranks(data.quality_pred[data.post_index], eligible),
        engagement_rank=percentile_ranks(data.engagement, eligible),
    )
    k, alpha, beta = 5, 0.3141, 0.6859
    got = rank_feed(data, prepared, alpha=alpha, beta=beta, k=k).outcome.ndcg_quality
    score = blend(prepared, alpha=alpha, beta=beta)
    others = ndcg_score(gain[1:], score[1:], k=k)
    assert got == pytest.approx(others)
    users = len(gain)
    assert ndcg_score(gain, score, k=k) == pytest.approx(others * (users - 1) / users)
