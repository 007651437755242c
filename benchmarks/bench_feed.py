"""Feed benchmarks, side by side in one run.

    python benchmarks/bench_feed.py

1. An alpha/beta move on 1M candidates (5,000 users x 200): ValueLens re-weights and takes
   each user's top K with argpartition on the candidate grid; the baseline re-weights a
   long pandas frame, sorts it and takes ``groupby().head(K)``. Both measure the same feed.
2. The Pareto sweep (51 weightings) on the sample, and the feed page's median AppTest rerun.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from bench_fraud import compare, timed
from bench_pages import bench
from test_feed import small_feed

from metrics.feed.data import load_feed_sample
from metrics.feed.frontier import pareto_sweep
from metrics.feed.model import FilterThresholds, blendable
from metrics.feed.ranking import rank_feed

K = 10
ALPHA, BETA = 0.4, 0.6


def pandas_move(frame: pd.DataFrame) -> tuple[float, float]:
    """Re-weight, sort by user and score, keep each user's top K, measure."""
    scored = frame.assign(score=ALPHA * frame["quality_rank"] + BETA * frame["engagement_rank"])
    scored = scored[scored["eligible"]]
    top = scored.sort_values(["user", "score"], ascending=[True, False]).groupby("user").head(K)
    return top["p_click"].sum() / frame["user"].nunique(), top["quality"].mean()


def bench_move() -> None:
    data = small_feed(users=5_000, candidates=200, posts=50_000)
    prepared = blendable(data, FilterThresholds())
    users, cands = data.post_index.shape
    frame = pd.DataFrame(
        {
            "user": np.repeat(np.arange(users), cands),
            "quality_rank": np.nan_to_num(prepared.quality_rank).ravel(),
            "engagement_rank": np.nan_to_num(prepared.engagement_rank).ravel(),
            "eligible": prepared.eligible.ravel(),
            "p_click": data.p_click.ravel(),
            "quality": data.quality[data.post_index].ravel(),
        }
    )
    ours = rank_feed(data, prepared, alpha=ALPHA, beta=BETA, k=K).outcome
    clicks, quality = pandas_move(frame)
    assert np.isclose(ours.expected_clicks, clicks) and np.isclose(ours.mean_quality, quality)
    times = compare(
        {
            "ours": lambda: rank_feed(data, prepared, alpha=ALPHA, beta=BETA, k=K),
            "pandas": lambda: pandas_move(frame),
        },
        repeats=5,
    )
    print(f"\n## alpha/beta move on {users * cands:,} candidates, K = {K}, results checked equal")
    print(
        f"ValueLens {times['ours'] * 1000:.0f} ms (re-rank and all outcomes), pandas sort + "
        f"groupby {times['pandas'] * 1000:.0f} ms, ratio {times['ours'] / times['pandas']:.2f}"
    )


def bench_sample() -> None:
    data = load_feed_sample().data
    prepared = blendable(data, FilterThresholds())
    seconds = timed(lambda: pareto_sweep(data, prepared, k=K))
    move = statistics.median(
        timed(lambda: rank_feed(data, prepared, alpha=0.3, beta=0.7, k=K)) for _ in range(20)
    )
    print("\n## Sample (400,000 candidates)")
    print(
        f"one alpha/beta move {move * 1000:.0f} ms; Pareto sweep of 51 weightings "
        f"{seconds:.2f} s (target < 2 s)"
    )


if __name__ == "__main__":
    bench_move()
    bench_sample()
    print("\n## Feed page (AppTest, whole script, sample data; target < 150 ms)")
    bench("pages/feed.py", "feed_alpha", "slider", [round(0.05 + 0.08 * i, 2) for i in range(12)])
    bench("pages/feed.py", "feed_beta", "slider", [round(0.95 - 0.08 * i, 2) for i in range(12)])
