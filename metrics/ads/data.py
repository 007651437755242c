"""Ads inputs: an auction log (one row per candidate ad of a query) and the bundled sample."""

from __future__ import annotations

import pandas as pd

from metrics.ads.model import AdsData
from metrics.ads.ranking import check_bids, query_index
from metrics.core.io import column, read_table
from metrics.core.roles import check_distinct_roles
from metrics.core.samples import sample_path
from metrics.core.validation import check_labels, check_same_length, check_scores

ADS_SAMPLE_FILE = "ads_auctions.csv.gz"
ADS_SAMPLE_MODELS = {
    "Gradient boosting": "score_gbm",
    "Logistic regression, balanced weights": "score_logreg",
}
"""Display name -> predicted-CTR column of the two models scored in the sample."""


def ads_data(
    frame: pd.DataFrame,
    *,
    query: str = "query_id",
    bid: str = "bid",
    score: str = "score",
    clicked: str = "clicked",
    p_true: str | None = "p_true",
) -> AdsData:
    """Validate the auction columns of ``frame``.

    Parameters
    ----------
    frame : DataFrame
        One row per candidate ad of a query.
    query, bid, score, clicked : str
        Column names: query id, bid in USD per click, predicted CTR in [0, 1], 0/1 click.
    p_true : str or None
        Column of true click probabilities; used only if present in ``frame``.

    Returns
    -------
    AdsData
    """
    picked = {"query": query, "bid": bid, "score": score, "clicked": clicked}
    if p_true is not None and p_true in frame.columns:
        picked["p_true"] = p_true
    check_distinct_roles(picked)
    rows = frame.index.to_numpy()
    q, n_queries = query_index(column(frame, query, "query").to_numpy(), name=query, rows=rows)
    truth = None
    if "p_true" in picked:
        truth = check_scores(frame[p_true].to_numpy(), name=p_true, rows=rows)
    data = AdsData(
        query=q,
        n_queries=n_queries,
        bid=check_bids(column(frame, bid, "bid").to_numpy(), name=bid, rows=rows),
        score=check_scores(column(frame, score, "score").to_numpy(), name=score, rows=rows),
        clicked=check_labels(column(frame, clicked, "clicked").to_numpy(), name=clicked, rows=rows),
        p_true=truth,
    )
    check_same_length(query_id=data.query, bid=data.bid, score=data.score, clicked=data.clicked)
    return data


def load_ads_sample(model: str = "Gradient boosting") -> AdsData:
    """The bundled auctions with one model's predicted CTR (a key of ``ADS_SAMPLE_MODELS``).

    Parameters
    ----------
    model : str
        Display name of the model.

    Returns
    -------
    AdsData
    """
    if model not in ADS_SAMPLE_MODELS:
        raise ValueError(
            f"model {model!r} is not in the ads sample; choose one of "
            f"{', '.join(ADS_SAMPLE_MODELS)}"
        )
    return ads_data(read_table(sample_path(ADS_SAMPLE_FILE)), score=ADS_SAMPLE_MODELS[model])
