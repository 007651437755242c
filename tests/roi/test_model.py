import numpy as np
import pytest

from metrics.roi.model import STAGES, MaturityStage, projection, value_share

TOY = MaturityStage(
    "toy",
    months_to_first_model=2,
    months_per_iteration=2,
    infrastructure_share=0.5,
    labelling_share=0.0,
    iteration_cost_share=1.0,
    launch_share=0.5,
    gap_closed=0.5,
)


def test_value_share_by_hand():
    np.testing.assert_allclose(value_share(TOY, 7), [0, 0, 0.5, 0.5, 0.75, 0.75, 0.875])


def test_cash_flow_and_break_even_by_hand():
    # Team 10 a month: running cost 15, plus 10 when a model ships (months 2, 4, 6, 8), its
    # value counting from the next month. Value 120 a year
    # at full performance, so 10 a month times the share.
    p = projection(TOY, value_per_year=120.0, team_cost_per_month=10.0, months=8)
    np.testing.assert_allclose(p.value, [0, 0, 5, 5, 7.5, 7.5, 8.75, 8.75])
    np.testing.assert_allclose(p.cost, [15, 25, 15, 25, 15, 25, 15, 25])
    assert p.break_even_month is None  # costs exceed value every month
    rich = projection(TOY, value_per_year=1200.0, team_cost_per_month=10.0, months=8)
    # Cumulative: -15, -40, -5, +20, ... so it breaks even in month 4 and stays above.
    np.testing.assert_allclose(rich.cumulative[:4], [-15, -40, -5, 20])
    assert rich.break_even_month == 4
    assert rich.roi_after(1) == pytest.approx(
        (rich.value.sum() - rich.cost.sum()) / rich.cost.sum()
    )


def test_more_mature_teams_break_even_sooner():
    months = [
        projection(s, value_per_year=2_000_000, team_cost_per_month=30_000).break_even_month
        for s in STAGES
    ]
    assert months[0] > months[1] > months[2]


def test_negative_inputs_are_rejected():
    with pytest.raises(ValueError, match="'value_per_year' is -1"):
        projection(STAGES[0], value_per_year=-1, team_cost_per_month=1)
