"""The cross-fitted best value of a big log, from one grouped query in the engine."""

from __future__ import annotations

import numpy as np

from metrics.core.crossfit import CrossFitInputs
from metrics.core.engine import ParquetLog
from metrics.core.fold_bootstrap import N_RESAMPLES, fold_bootstrap
from metrics.core.folds import N_SPLITS, FoldCells

CROSS_FIT_STEPS = 1_000
"""The cross-fitted best on a big log chooses its threshold on scores k / 1,000."""


def log_cross_fit(
    log: ParquetLog, *, n_resamples: int = N_RESAMPLES, seed: int = 0
) -> CrossFitInputs:
    """Cross-fitting from one grouped query: rows, amount sums and squared amounts per
    (score on a 1/``CROSS_FIT_STEPS`` grid, label, fold), a row's fold a hash of its file
    and row number. Thresholds are chosen on the grid; the interval's resamples are drawn
    from the groups' moments.

    Parameters
    ----------
    log : ParquetLog
        An open, validated log.
    n_resamples : int
        Number of bootstrap resamples.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    CrossFitInputs
    """
    k, steps = N_SPLITS, CROSS_FIT_STEPS
    cell = f"CAST(floor({log.score} * {steps}) AS BIGINT) * 2 + {log.label}"
    raw = log.engine.arrays(
        f"SELECT ({cell}) * {k} + {log.engine.fold(k)} AS key, count(*) AS n, "
        f"sum({log.amount}) AS a, sum(CAST({log.amount} AS DOUBLE) * {log.amount}) AS a2 "
        f"FROM {log.view} GROUP BY 1"
    )
    key = np.asarray(raw["key"]).astype(np.int64)
    score = np.minimum(key // k // 2, steps) / steps
    thresholds = np.concatenate([[np.inf], np.unique(score)[::-1]])
    cells = FoldCells(
        thresholds=thresholds,
        point=len(thresholds) - 1 - np.searchsorted(thresholds[:0:-1], score),
        fold=key % k,
        label=key // k % 2,
        weight=np.asarray(raw["n"], dtype=np.float64),
        amount=np.asarray(raw["a"], dtype=np.float64),
        n_splits=k,
        amount_sq=np.asarray(raw["a2"], dtype=np.float64),
    )
    return CrossFitInputs(cells, fold_bootstrap(cells, n_resamples=n_resamples, seed=seed))
