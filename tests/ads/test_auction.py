import numpy as np
import pandas as pd
import pytest

from metrics.ads.auction import auction_at, auction_curve
from metrics.ads.ranking import query_index, rank_candidates


def naive_auction(frame, pctr, *, slots, reserve, pricing, weight, key=None):
    """One query at a time, straight from the definition: the candidates with a positive eCPM
    at or above the reserve take part; they are ranked by ``key`` (eCPM when None, ties in
    row order); the top ``slots`` are shown; second price is max(eCPM of the next
    participant, reserve) / (1000 pCTR), never above the bid."""
    revenue = impressions = 0.0
    frame = frame.assign(pctr=pctr, key=key if key is not None else 1000 * frame["bid"] * pctr)
    for _, group in frame.groupby("query_id", sort=False):
        group = group.assign(ecpm=1000 * group["bid"] * group["pctr"])
        taking_part = group[(group["ecpm"] > 0) & (group["ecpm"] >= reserve)]
        ranked = taking_part.sort_values("key", ascending=False, kind="stable")
        ecpm = ranked["ecpm"].to_numpy()
        for k in range(min(slots, len(ranked))):
            row = ranked.iloc[k]
            if pricing == "first":
                price = row["bid"]
            else:
                nxt = ecpm[k + 1] if k + 1 < len(ecpm) else 0.0
                price = min(row["bid"], max(nxt, reserve) / (1000 * row["pctr"]))
            impressions += 1
            revenue += row[weight] * price
    return impressions, revenue


@pytest.fixture
def market():
    rng = np.random.default_rng(3)
    sizes = rng.integers(1, 6, 300)
    n = sizes.sum()
    p_true = rng.beta(1, 20, n)
    return pd.DataFrame(
        {
            "query_id": np.repeat(rng.permutation(300), sizes),
            "bid": np.round(rng.lognormal(0, 0.6, n), 1),
            "p_true": p_true,
            "clicked": (rng.random(n) < p_true).astype(int),
            "score": np.round(np.clip(p_true * rng.lognormal(0, 0.5, n), 0, 1), 3),
        }
    )


def curve_for(frame, pctr, slots, key=None):
    q, n_queries = query_index(frame["query_id"].to_numpy())
    ranked = rank_candidates(
        q,
        n_queries,
        frame["bid"].to_numpy(),
        pctr,
        frame["clicked"].to_numpy(),
        p_true=frame["p_true"].to_numpy(),
        order_key=key,
    )
    return auction_curve(ranked, slots=slots)


RANKINGS = {
    # name: (pCTR used for eCPM and prices, ranking key or None for eCPM)
    "model": (lambda m: m["score"].to_numpy(), lambda m: None),
    "oracle": (lambda m: m["p_true"].to_numpy(), lambda m: None),
    "highest bid": (lambda m: np.full(len(m), 0.05), lambda m: None),
    "random": (
        lambda m: np.full(len(m), 0.05),
        lambda m: np.random.default_rng(1).random(len(m)),
    ),
    "model, random order": (
        lambda m: m["score"].to_numpy(),
        lambda m: np.random.default_rng(2).random(len(m)),
    ),
    "bid, model prices": (lambda m: m["score"].to_numpy(), lambda m: m["bid"].to_numpy()),
}


@pytest.mark.parametrize("ranking", list(RANKINGS))
@pytest.mark.parametrize("slots", [1, 3])
@pytest.mark.parametrize("pricing", ["first", "second"])
def test_every_ranking_matches_the_per_query_definition(market, ranking, slots, pricing):
    pctr_of, key_of = RANKINGS[ranking]
    pctr, key = pctr_of(market), key_of(market)
    curve = curve_for(market, pctr, slots, key)
    for reserve in [0.0, 10.0, 37.5, 60.0, 500.0]:
        got = auction_at(curve, reserve=reserve, pricing=pricing)
        for weight, value in (("clicked", got.revenue), ("p_true", got.expected_revenue)):
            shown, revenue = naive_auction(
                market, pctr, slots=slots, reserve=reserve, pricing=pricing, weight=weight, key=key
            )
            assert got.impressions == shown
            assert value == pytest.approx(revenue, abs=1e-9)


@pytest.mark.parametrize("ranking", list(RANKINGS))
def test_second_price_never_charges_more_than_the_bid(market, ranking):
    pctr_of, key_of = RANKINGS[ranking]
    curve = curve_for(market, pctr_of(market), 3, key_of(market))
    for reserve in [0.0, 20.0]:
        first = auction_at(curve, reserve=reserve, pricing="first")
        second = auction_at(curve, reserve=reserve, pricing="second")
        assert second.revenue <= first.revenue + 1e-9
        assert second.expected_revenue <= first.expected_revenue + 1e-9


def test_a_reserve_nobody_clears_shows_nothing_and_earns_nothing_under_any_ranking(market):
    for pctr_of, key_of in RANKINGS.values():
        curve = curve_for(market, pctr_of(market), 3, key_of(market))
        for pricing in ("first", "second"):
            out = auction_at(curve, reserve=1e6, pricing=pricing)
            assert (out.impressions, out.revenue, out.queries_with_ads) == (0, 0.0, 0)


def toy(bids, pctrs, clicked, queries=None):
    n = len(bids)
    q = np.zeros(n, dtype=int) if queries is None else np.asarray(queries)
    ranked = rank_candidates(
        q, int(q.max()) + 1, np.asarray(bids, float), np.asarray(pctrs, float), clicked
    )
    return ranked


def test_hand_cases_second_price_ties_reserve_and_single_candidate():
    with np.errstate(all="raise"):
        # eCPMs 1000 x [2 x 0.1, 1 x 0.1, 4 x 0.05] = [200, 100, 200]: a tie, first row wins.
        ranked = toy([2.0, 1.0, 4.0], [0.1, 0.1, 0.05], [1, 0, 1])
        assert ranked.rank.tolist() == [0, 1, 2] and ranked.bid.tolist() == [2.0, 4.0, 1.0]
        curve = auction_curve(ranked, slots=1)
        first = auction_at(curve, pricing="first")
        assert (first.impressions, first.clicks, first.revenue) == (1, 1, 2.0)
        # Second price: next eCPM 200 / (1000 x 0.1) = 2.0, the full bid at a tie.
        assert auction_at(curve, pricing="second").revenue == pytest.approx(2.0)
        # Nobody clears a reserve of 250.
        none = auction_at(curve, reserve=250.0)
        assert (none.impressions, none.revenue) == (0, 0.0) and np.isnan(none.ctr)
    single = auction_curve(toy([3.0], [0.2], [1]), slots=2)
    assert auction_at(single, pricing="second").revenue == 0.0  # no competitor, no reserve
    # The reserve is the floor: 150 / (1000 x 0.2) = 0.75 per click.
    assert auction_at(single, reserve=150.0, pricing="second").revenue == pytest.approx(0.75)


def test_zero_predicted_ctr_is_never_shown():
    curve = auction_curve(toy([1.0, 2.0], [0.0, 0.0], [1, 1]), slots=2)
    outcome = auction_at(curve)
    assert outcome.impressions == 0 and outcome.revenue == 0.0


def test_oracle_earns_the_most_expected_revenue_with_first_price(market):
    for slots in (1, 2):
        oracle = auction_at(curve_for(market, market["p_true"].to_numpy(), slots))
        for pctr in (
            market["score"].to_numpy(),
            np.full(len(market), 0.05),
            np.random.default_rng(0).random(len(market)),
        ):
            model = auction_at(curve_for(market, pctr, slots))
            assert oracle.expected_revenue >= model.expected_revenue - 1e-9


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="slots is 0"):
        auction_curve(toy([1.0], [0.1], [0]), slots=0)
    with pytest.raises(ValueError, match="pricing is 'third'"):
        auction_at(auction_curve(toy([1.0], [0.1], [0])), pricing="third")
    with pytest.raises(ValueError, match="'reserve' is -1"):
        auction_at(auction_curve(toy([1.0], [0.1], [0])), reserve=-1)
