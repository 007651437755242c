import numpy as np
import pytest

from metrics.core.curves import threshold_curve
from metrics.fraud.model import FraudCosts


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"y_true": [0, 2, 1], "y_score": [0.1, 0.2, 0.3]},
            r"column 'label' has 1 value other than 0 or 1, e.g. 2.0 in row 1; labels must be",
        ),
        (
            {"y_true": [0, 1, 1], "y_score": [0.1, 1.7, 0.3]},
            r"column 'score' has 1 value outside \[0, 1\], e.g. 1.7 in row 1; scores must be "
            r"probabilities",
        ),
        (
            {"y_true": [0, 1], "y_score": [np.nan, 0.3]},
            r"column 'score' has 1 missing or infinite value, e.g. nan in row 0",
        ),
        (
            {"y_true": [0, 1], "y_score": [0.1, 0.3], "amount": [5.0, -2.0]},
            r"column 'amount' has 1 negative value, e.g. -2.0 in row 1",
        ),
        (
            {"y_true": [0, 1], "y_score": [0.1, 0.3], "amount": [5.0, np.inf]},
            r"column 'amount' has 1 missing or infinite value, e.g. inf in row 1",
        ),
        (
            {"y_true": [0, 1, 0], "y_score": [0.1, 0.3]},
            r"inputs differ in length: 'label' has 3, 'score' has 2",
        ),
        ({"y_true": [], "y_score": []}, r"the input has no rows"),
        (
            {"y_true": ["no", "yes"], "y_score": [0.1, 0.2]},
            r"column 'label' holds its labels as words \('no' and 'yes'\); write 1 for the",
        ),
        (
            {"y_true": ["no", "yes", "maybe"], "y_score": [0.1, 0.2, 0.3]},
            r"column 'label' has 3 non-numeric values, e.g. 'no' in row 0",
        ),
        (
            {"y_true": [0, 1], "y_score": [0.1, 0.3], "sample_weight": [1.0, -1.0]},
            r"'sample_weight' has 1 negative value",
        ),
    ],
)
def test_bad_input_names_column_value_and_fix(kwargs, message):
    with pytest.raises(ValueError, match=message):
        threshold_curve(**kwargs)


def test_bad_costs_are_rejected_with_their_unit():
    with pytest.raises(
        ValueError,
        match=r"'review_cost' is -1; it must be a finite number >= 0 "
        r"\(USD per flagged transaction\)",
    ):
        FraudCosts(review_cost=-1)
    with pytest.raises(ValueError, match="decline_cost_rate"):
        FraudCosts(decline_cost_rate=float("nan"))
