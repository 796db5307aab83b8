"""The status of a value against its target at a period: one model for every page, the scorecard, the
presentation and the exports.

Before the plan's last period (any period that does not end the year):
  met       Đạt            the year's target is already reached
  on_track  Đúng tiến độ   at or above what is due by the period's end
  behind    Chậm tiến độ   below what is due by the period's end
At the last period (the year's end):
  met       Đạt
  missed    Không đạt
And, without a verdict: no_data (Chưa có số liệu) and monitor (Chỉ theo dõi: nothing to judge against).

What is due by a period's end: for what builds up over the year (a flow or a cumulative element), the
target pro rata over the months elapsed (30 % of establishments inspected by December is 15 % by June);
for a level (a stock), the whole target all year; for a frequency, the monthly goal times the months.
"""

from __future__ import annotations

from core.periods import Period

STATUSES = ("met", "on_track", "behind", "missed", "no_data", "monitor")  # the legends' order
LAGGING = ("behind", "missed")  # below what is due: the units and targets a meeting must hear about
EPSILON = 1e-9  # tolerance when comparing a value with its target


def year_goal(kind: str, goal: float) -> float:
    """The level the whole year must reach: a frequency's monthly goal twelve times, else the goal."""
    return goal * 12 if kind == "per_month" else goal


def due_by(kind: str, goal: float, accumulating: bool, period: Period) -> float:
    """What should be reached by the period's end."""
    if kind == "per_month" or accumulating:
        return year_goal(kind, goal) * period.months_elapsed / 12
    return goal


def is_last_period(period: Period) -> bool:
    """The plan's last period: the plan covers one year, so any period that ends the year."""
    return period.months_elapsed == 12


def evaluate(
    kind: str | None, goal: float | None, value: float | None, accumulating: bool, period: Period
) -> tuple[str, float | None]:
    """The status of a value against its target, and the level due by the period's end (None: no target)."""
    if kind is None or kind == "monitor" or goal is None:
        return "monitor", None
    due = due_by(kind, goal, accumulating, period)
    if value is None:
        return "no_data", due
    if value >= year_goal(kind, goal) - EPSILON:
        return "met", due
    if is_last_period(period):
        return "missed", due
    return ("on_track" if value >= due - EPSILON else "behind"), due


def shortfall(value: float | None, due: float | None) -> float:
    """How far a value is behind what is due, as a share of it: the order in which laggards are named
    (worst first); a unit without data comes after every unit with a figure."""
    if value is None or not due:
        return -1.0
    return 1 - value / due
