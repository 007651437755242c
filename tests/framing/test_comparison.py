"""The words of the other output types: the sentence that catches a better metric earning less."""

from __future__ import annotations

from metrics.framing.comparison import metric_versus_money


def test_a_better_metric_that_earns_less_is_said():
    text = metric_versus_money(
        ["boost", "logreg"],
        [0.70, 0.63],
        [-120_000, -107_000],
        metric_name="accuracy",
        higher=True,
    )
    assert text == (
        "'boost' has the better accuracy yet earns $13,000 less than 'logreg' on the same rows: "
        "the ML metric counts every mistake alike, the money does not."
    )


def test_lower_is_better_metrics_and_agreement():
    assert metric_versus_money(
        ["a", "b"], [39.9, 45.1], [-85_586, -72_247], metric_name="RMSE", higher=False
    ).startswith("'a' has the better RMSE")
    assert metric_versus_money(["a", "b"], [1, 2], [1, 2], metric_name="x", higher=True) is None
