"""What the monitoring estimate's 95% interval covers, case by case: the seeded simulation of
``metrics.monitor.coverage`` (400 chunks of 5,000 rows per case, 50 reference draws of
50,000 rows), printed as the table in docs/pages/monitor.md.

    .venv/bin/python benchmarks/monitor_coverage.py     # about 2 minutes
"""

from __future__ import annotations

from metrics.monitor.coverage import CASES, simulate


def main() -> None:
    print("| case | chunks | inside the 95% interval | labels' noise alone | any alert | "
          "realized_outside_estimate |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for case in CASES:
        result = simulate(case)
        outside = result.alerts.get("realized_outside_estimate", 0.0)
        print(
            f"| {case} | {result.chunks} | {result.inside:.1%} | "
            f"{result.inside_labels_only:.1%} | {result.any_alert:.1%} | {outside:.1%} |"
        )


if __name__ == "__main__":
    main()
