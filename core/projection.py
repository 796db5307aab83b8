"""Where a target will stand at the year's end if the pace so far continues (issue 21, item 2).

The method (README, "Projection to the year's end"), for a target whose figure builds up over the year (a flow
or a cumulative element; a level has no pace, timeliness is not projected):

1. The province's figure at the end of each quarter of the year so far, by the engine's own rules (Σ
   numerators / Σ denominators over the units, each unit's latest figures): v1 … vk.
2. The steps the figure took each quarter: v1 (from zero on 1 January), v2 − v1, …, vk − v(k−1).
3. The year's end if the remaining 4 − k quarters go as the quarters so far did: vk + (4 − k) × the mean step;
   the range, if they all go as the slowest or as the fastest quarter: vk + (4 − k) × the smallest step, and
   × the largest. A share stays between 0 and 100 %.
4. Against the year's target: met if even the low end reaches it, missed if even the high end does not, and
   otherwise the target lies in the range.

Nothing is projected from fewer than two quarters (one step says nothing of a pace), nor when a quarter has no
figure, nor once the year is over (its figure is the year's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.db import Database
from core.engine import IndicatorResult, compute_indicators
from core.periods import parse_period
from core.status import EPSILON, year_goal

MIN_QUARTERS = 2
QUARTERS = 4
ACCUMULATING = ("flow", "cumulative")


@dataclass(frozen=True)
class Projection:
    central: float
    low: float
    high: float
    quarters: int  # the quarters it rests on
    verdict: str | None  # 'met' | 'missed' | 'range' (the target lies between low and high); None: no target
    goal: float | None  # the year's target it is judged against


def project(values: list[float | None], share: bool = False) -> tuple[float, float, float] | None:
    """(central, low, high) at the year's end from the year-to-date figure at the end of each quarter so far."""
    quarters = len(values)
    if quarters < MIN_QUARTERS or quarters >= QUARTERS or any(v is None for v in values):
        return None
    steps = [values[0], *(later - earlier for earlier, later in zip(values, values[1:], strict=False))]
    left, last = QUARTERS - quarters, values[-1]
    central, low, high = (last + left * step for step in (sum(steps) / len(steps), min(steps), max(steps)))
    bounds = (0.0, 1.0) if share else (0.0, float("inf"))
    return tuple(min(max(v, bounds[0]), bounds[1]) for v in (central, low, high))


def judge(low: float, high: float, kind: str | None, goal: float | None) -> tuple[str | None, float | None]:
    if kind is None or kind == "monitor" or goal is None:
        return None, None
    year = year_goal(kind, goal)
    if low >= year - EPSILON:
        return "met", year
    if high < year - EPSILON:
        return "missed", year
    return "range", year


def projections(
    db: Database,
    plan_id: str,
    period_code: str,
    approved_only: bool = False,
    known: dict[date, list[IndicatorResult]] | None = None,
) -> dict[str, Projection]:
    """indicator -> the province's projection at the end of `period_code`'s year, for each target that builds up
    over the year and has enough quarters behind it; nothing for a period that does not end with a quarter.
    `known`: results the caller already has, by the day their period ends (a figure depends on that day only)."""
    period = parse_period(period_code)
    quarters = period.end.month // 3
    if period.end.month % 3 or not MIN_QUARTERS <= quarters < QUARTERS:
        return {}
    natures = {row.indicator_code: row.numerator_nature for row in db.rows("indicator_catalogue")}
    series: dict[str, list] = {}
    last = {}
    known = known or {}
    for quarter in range(1, quarters + 1):
        code = f"{period.year}Q{quarter}"
        results = known.get(parse_period(code).end) or compute_indicators(
            db, plan_id, code, approved_only=approved_only
        )
        for result in results:
            if result.unit_code != results[0].unit_code:
                continue  # a breakdown's unit rows: the province's come first
            series.setdefault(result.indicator_code, []).append(result.value)
            last[result.indicator_code] = result
    found = {}
    for code, values in series.items():
        result = last[code]
        if natures.get(code) not in ACCUMULATING or result.target_kind in (None, "monitor"):
            continue
        projected = project(values, share=result.denominator is not None)
        if projected is None:
            continue
        central, low, high = projected
        verdict, goal = judge(low, high, result.target_kind, result.target)
        found[code] = Projection(central, low, high, quarters, verdict, goal)
    return found
