import numpy as np
import pandas as pd
import pytest

from metrics.fraud.data import guess_columns

RNG = np.random.default_rng(0)
N = 200
BINARY, PROB, MONEY = RNG.integers(0, 2, N), RNG.random(N), RNG.lognormal(3, 1, N)


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (
            pd.DataFrame({"is_fraud": BINARY, "fraud_prob": PROB, "amt_usd": MONEY}),
            {"label": "is_fraud", "score": "fraud_prob", "amount": "amt_usd"},
        ),
        (
            pd.DataFrame({"label": BINARY, "p_fraud": PROB, "amount": MONEY}),
            {"label": "label", "score": "p_fraud", "amount": "amount"},
        ),
        (
            pd.DataFrame(
                {
                    "Amount": MONEY,
                    "isFraud": BINARY,
                    "riskScore": PROB,
                    "createdAt": ["2026-06-01"] * N,
                }
            ),
            {
                "label": "isFraud",
                "score": "riskScore",
                "amount": "Amount",
                "timestamp": "createdAt",
            },
        ),
    ],
)
def test_names_and_values_together_pick_each_role_once(frame, expected):
    guess = guess_columns(frame)
    assert {k: v for k, v in guess.columns.items() if v} == expected
    assert guess.all_sure
    picked = [c for c in guess.columns.values() if c]
    assert len(picked) == len(set(picked))


def test_a_token_match_needs_fitting_values():
    """'fraud_flag' suggests a label, but holds probabilities: not taken as the label."""
    guess = guess_columns(pd.DataFrame({"fraud_flag": PROB, "amount": MONEY}))
    assert guess.columns["label"] is None
    assert not guess.all_sure


def test_an_exact_name_is_kept_so_validation_can_name_the_bad_value():
    """A 'score' column with one value of 1.7 stays the score: the page then says which
    value is wrong, instead of asking the user to pick a column."""
    frame = pd.DataFrame({"label": BINARY, "score": np.r_[1.7, PROB[1:]], "amount": MONEY})
    guess = guess_columns(frame)
    assert guess.columns["score"] == "score" and guess.all_sure


def test_unnamed_columns_are_offered_but_unsure():
    guess = guess_columns(pd.DataFrame({"a": BINARY, "b": PROB, "c": MONEY}))
    assert guess.columns["label"] == "a" and not guess.sure["label"]
    assert not guess.all_sure


def test_two_columns_that_fit_by_value_only_are_left_to_the_user():
    guess = guess_columns(pd.DataFrame({"y": BINARY, "m1": PROB, "m2": PROB, "amount": MONEY}))
    assert guess.columns["score"] is None
