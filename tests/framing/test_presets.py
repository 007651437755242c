"""The presets: the ticket-routing matrix equals the example files the command line reads, and
the triage matrix charges under-triage more than over-triage."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from metrics.framing.matrix_file import read_matrix
from metrics.framing.presets import TICKET_TEAMS, presets_for, same_cost, ticket_routing, triage

MATRICES = Path(__file__).resolve().parents[2] / "examples" / "matrices"


def test_ticket_routing_equals_the_example_files():
    preset = ticket_routing()
    fixed = read_matrix(MATRICES / "ticket_routing.csv", first="true", option="x")
    rates = read_matrix(MATRICES / "ticket_routing_rates.csv", first="true", option="x")
    assert fixed.rows == TICKET_TEAMS and fixed.columns == preset.actions
    np.testing.assert_array_equal(fixed.values, preset.fixed)
    np.testing.assert_array_equal(rates.values, preset.rates)


def test_triage_charges_each_level_under_more_than_over():
    preset = triage(("minor", "urgent", "critical"))
    assert preset.fixed[2, 0] == -120  # critical treated as minor: two levels under
    assert preset.fixed[0, 2] == -16  # minor treated as critical: two levels over
    assert np.all(np.diag(preset.fixed[:, :3]) == 0)


def test_same_cost_makes_value_follow_accuracy():
    preset = same_cost(("a", "b"), wrong=-10)
    assert preset.fixed[0, 1] == preset.fixed[1, 0] == -10
    assert list(presets_for(("a", "b"))) == [
        preset.name,
        "Triage: missing a severe case costs most",
    ]
    assert next(iter(presets_for(TICKET_TEAMS))) == "Ticket routing"


def test_the_ticket_preset_follows_the_order_of_the_classes():
    routing = presets_for(tuple(sorted(TICKET_TEAMS)))["Ticket routing"]
    assert routing.actions == ("account", "billing", "outage", "technical", "review")
    assert routing.fixed[2, 0] == -200  # a true outage sent to account
    assert routing.rates[2, 0] == -0.25
    assert routing.fixed[2, 2] == -20
