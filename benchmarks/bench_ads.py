"""Ads benchmarks, side by side in one run.

    python benchmarks/bench_ads.py

1. One auction (rank every query, fill one slot above a reserve, first and second price) on
   1M candidate rows: ValueLens against a pandas sort + groupby baseline.
2. A reserve sweep (101 reserves) on the same rows: ValueLens ranks once and looks each reserve
   up; the baseline filters its ranked frame once per reserve.
3. The ads page: median AppTest rerun after a quality and after a reserve move.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_fraud import compare
from bench_pages import bench

from metrics.ads.auction import auction_at
from metrics.ads.model import RESERVE_GRID, AdsData

N_ROWS = 1_000_000
RESERVE = 20.0


def synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    """About 5 candidates per query, a few percent CTR, lognormal bids."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(2, 9, n // 2)
    query = np.repeat(np.arange(len(sizes)), sizes)[:n]
    p = rng.beta(1, 30, n)
    return pd.DataFrame(
        {
            "query_id": query,
            "bid": np.round(rng.lognormal(0, 0.6, n), 2),
            "score": np.clip(p * rng.lognormal(0, 0.4, n), 1e-6, 1),
            "clicked": (rng.random(n) < p).astype(np.int8),
        }
    )


def pandas_ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """Rank with sort_values and groupby: the usual pandas way."""
    df = frame.assign(ecpm=1000 * frame["bid"] * frame["score"])
    df = df.sort_values(["query_id", "ecpm"], ascending=[True, False], kind="stable")
    grouped = df.groupby("query_id", sort=False)
    return df.assign(rank=grouped.cumcount(), next_ecpm=grouped["ecpm"].shift(-1).fillna(0.0))


def pandas_revenue(ranked: pd.DataFrame, reserve: float, pricing: str) -> float:
    shown = ranked[(ranked["rank"] == 0) & (ranked["ecpm"] >= reserve) & (ranked["ecpm"] > 0)]
    if pricing == "first":
        price = shown["bid"]
    else:
        price = np.maximum(shown["next_ecpm"], reserve) / (1000 * shown["score"])
    return float((shown["clicked"] * price).sum())


def ours(frame: pd.DataFrame) -> AdsData:
    return AdsData(
        query=frame["query_id"].to_numpy(),
        n_queries=int(frame["query_id"].max()) + 1,
        bid=frame["bid"].to_numpy(),
        score=frame["score"].to_numpy(),
        clicked=frame["clicked"].to_numpy(),
    )


def bench_auction(frame: pd.DataFrame) -> None:
    data = ours(frame)
    curve = data.curve(data.score, slots=1)
    for pricing in ("first", "second"):
        mine = auction_at(curve, reserve=RESERVE, pricing=pricing).revenue
        theirs = pandas_revenue(pandas_ranked(frame), RESERVE, pricing)
        assert np.isclose(mine, theirs), (pricing, mine, theirs)

    def one_auction() -> float:
        return auction_at(data.curve(data.score, slots=1), reserve=RESERVE).revenue

    def one_pandas() -> float:
        return pandas_revenue(pandas_ranked(frame), RESERVE, "first")

    def sweep_ours() -> list[float]:
        c = data.curve(data.score, slots=1)
        return [auction_at(c, reserve=float(r), pricing="second").revenue for r in RESERVE_GRID]

    def sweep_pandas() -> list[float]:
        ranked = pandas_ranked(frame)
        return [pandas_revenue(ranked, float(r), "second") for r in RESERVE_GRID]

    t = compare({"ours": one_auction, "pandas": one_pandas}, repeats=5)
    s = compare({"ours": sweep_ours, "pandas": sweep_pandas}, repeats=3)
    print(
        f"\n## Auction on {len(frame):,} candidate rows ({data.n_queries:,} queries), "
        "results checked equal"
    )
    print(
        f"one auction: ValueLens {t['ours']:.3f} s, pandas groupby {t['pandas']:.3f} s, "
        f"ratio {t['ours'] / t['pandas']:.2f}"
    )
    print(
        f"{len(RESERVE_GRID)}-reserve sweep: ValueLens {s['ours']:.3f} s, pandas "
        f"{s['pandas']:.3f} s, ratio {s['ours'] / s['pandas']:.3f}"
    )


if __name__ == "__main__":
    bench_auction(synthetic(N_ROWS))
    print("\n## Ads page (AppTest, whole script, sample data; target < 100 ms)")
    bench("pages/ads.py", "ads_quality", "slider", [round(-0.9 + 0.15 * i, 2) for i in range(12)])
    bench("pages/ads.py", "ads_reserve", "select_slider", [float(4 * i) for i in range(1, 13)])
