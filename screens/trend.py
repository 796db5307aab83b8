"""The periods of a trend line: the chosen one, after the year's earlier periods of the kind the plan reports."""

from __future__ import annotations

from dataclasses import dataclass

from core import calendar
from core.db import Database
from core.periods import Period, parse_period, periods_of_year

# Finest first: the trend's intermediate points are periods of the finest kind the plan asks reports for.
TREND_PERIOD_TYPES = ("quarter", "half_year", "year")


@dataclass(frozen=True)
class TrendPoint:
    period_code: str
    label: str  # short: 'Quý I', 'Cả năm'
    value: float | None


def trend_periods(db: Database, plan_id: str, period_code: str) -> list[Period]:
    """The chosen period, preceded by the year's earlier periods of the finest kind the plan asks for.

    Not every period of the year: Q2 and the first half end on the same day, and a line through
    both would zig-zag between two views of the same moment.
    """
    chosen = parse_period(period_code)
    asked = set(calendar.plan_rules(db, plan_id))
    finest = next((t for t in TREND_PERIOD_TYPES if t in asked), "year")
    earlier = [p for p in periods_of_year(chosen.year) if p.period_type == finest and p.end < chosen.end]
    return earlier + [chosen]
