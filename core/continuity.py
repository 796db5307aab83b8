"""Continuity across the 2025 reform (DOMAIN.md section 7): which old units a new commune came from, and a
province's indicator as one series over the years before and after 1 July 2025.

- The crosswalk (table unit_crosswalk, data/reference/SOURCES.md) maps each pre-2025 commune to the post-2025
  commune(s) it became; a divided commune has a row per part.
- A post-2025 province is the sum of the pre-2025 provinces it was made of: a point before the reform pools the
  reports of their districts, a point after it the reports of the province's communes, each by the engine's
  rules (Σ numerators / Σ denominators, missing is not zero).
- Each point is a period's figure from the units of the structure in force at the period's end: the years
  before the reform by their annual figure, the reform's year twice (its first half from the districts, the
  whole year from the communes, which reported from the third quarter), the chosen period's year up to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core import texts
from core.db import Database
from core.engine import pooled_indicator
from core.periods import FIRST_YEAR, Period, parse_period
from core.units import REFORM_DATE

BEFORE, AFTER = "pre2025", "post2025"
REPORTING_LEVEL = {BEFORE: "district", AFTER: "commune"}  # who reported to the province in each structure


@dataclass(frozen=True)
class Predecessor:
    """An old unit a new commune came from."""

    code: str
    name: str
    district_name: str
    whole: bool  # False: only a part of it (the commune was divided between several new ones)


@dataclass(frozen=True)
class SeriesPoint:
    period: Period
    structure: str  # of the units the figure rests on
    value: float | None
    numerator: float | None
    denominator: float | None
    units_contributing: int
    units_expected: int
    submission_ids: tuple[int, ...]

    @property
    def after_reform(self) -> bool:
        return self.structure == AFTER


@dataclass(frozen=True)
class ProvinceSeries:
    province_name: str
    predecessors: list[str]  # names of the pre-2025 provinces pooled before the reform
    points: list[SeriesPoint]

    @property
    def crosses_reform(self) -> bool:
        return len({p.structure for p in self.points if p.value is not None}) == 2


def predecessors(db: Database, new_code: str) -> list[Predecessor]:
    """The pre-2025 communes (or island district) a post-2025 commune was made of; none for a unit that is not one."""
    return [
        Predecessor(row.old_code, row.old_name, row.district_name, row.part == "whole")
        for row in db.rows("crosswalk_predecessors", {"new_code": new_code})
    ]


def successors(db: Database, old_code: str, old_level: str) -> dict[str, str]:
    """new commune code -> name, for the territory of a pre-2025 commune or district."""
    rows = db.rows("crosswalk_successors", {"old_code": old_code, "old_level": old_level})
    return {row.new_code: row.new_name for row in rows}


def predecessor_provinces(db: Database, province_code: str) -> dict[str, str]:
    """code -> name of the pre-2025 provinces a post-2025 province was made of."""
    return {row.unit_code: row.name for row in db.rows("predecessor_provinces", {"province_code": province_code})}


def province_now(db: Database, province_code: str, structure: str) -> str | None:
    """The post-2025 province a plan's province is, or became part of (None if the crosswalk does not know it)."""
    if structure == AFTER:
        return province_code
    row = db.one("successor_province", {"province_code": province_code})
    return row.unit_code if row else None


def _reporting_units(db: Database, structure: str, provinces: list[str]) -> list[str]:
    params = {"structure": structure, "level": REPORTING_LEVEL[structure]}
    return [
        row.unit_code
        for province in provinces
        for row in db.rows("province_units_of_level", {**params, "province_code": province})
    ]


def _years(db: Database, units: list[str], start: date, end: date) -> list[int]:
    params = {"unit_codes": units, "from_date": start, "to_date": end}
    return [row.year for row in db.rows("years_reported", params)] if units else []


def _points_periods(years_before: list[int], years_after: list[int], until: Period) -> list[tuple[str, Period]]:
    """(structure, period) of each point, in time order, up to `until`."""
    reform_year = REFORM_DATE.year
    points = []
    for year in sorted(set(years_before) | set(years_after)):
        if year > until.year:
            break
        if year < reform_year:
            points.append((BEFORE, parse_period(str(year))))
            continue
        if year == reform_year and year in years_before:
            points.append((BEFORE, parse_period(f"{year}S1")))
        if year == reform_year and until.end < REFORM_DATE:
            break
        points.append((AFTER, until if year == until.year else parse_period(str(year))))
    return points


def _point(
    db: Database, indicator, units: list[str], period: Period, structure: str, approved_only: bool
) -> SeriesPoint:
    """One indicator pooled over `units` at a period's end (Σ numerators / Σ denominators), with what it rests on."""
    pooled = pooled_indicator(db, indicator, units, period, approved_only)
    return SeriesPoint(
        period=period,
        structure=structure,
        value=pooled.value,
        numerator=pooled.numerator,
        denominator=pooled.denominator,
        units_contributing=len(pooled.units_contributing),
        units_expected=len(units),
        submission_ids=pooled.submission_ids,
    )


def province_series(
    db: Database, province_code: str, indicator, until: Period, approved_only: bool = False
) -> ProvinceSeries:
    """A post-2025 province's figure of one catalogue indicator (a row of query indicator_catalogue) for every
    year any of its units, old or new, reported in, up to the period `until` (the last point)."""
    before = predecessor_provinces(db, province_code)
    old_units = _reporting_units(db, BEFORE, list(before))
    new_units = _reporting_units(db, AFTER, [province_code])
    reform_eve = REFORM_DATE - timedelta(days=1)
    years_before = _years(db, old_units, date(FIRST_YEAR, 1, 1), reform_eve)
    years_after = _years(db, new_units, REFORM_DATE, until.end)
    points = []
    for structure, period in _points_periods(years_before, years_after, until):
        units = old_units if structure == BEFORE else new_units
        points.append(_point(db, indicator, units, period, structure, approved_only))
    name = db.one("unit_by_code", {"structure": AFTER, "unit_code": province_code})
    return ProvinceSeries(name.name if name else province_code, list(before.values()), points)


def year_before(period: Period) -> Period:
    """The same period one year earlier: Quý II năm 2022 for Quý II năm 2023."""
    return parse_period(str(period.year - 1) + period.code[4:])


def same_period_last_year(
    db: Database, province_code: str, structure: str, indicator, period: Period, approved_only: bool = False
) -> SeriesPoint | None:
    """A province's figure of one catalogue indicator (not timeliness: deadlines are each plan's) for the same
    period a year earlier, pooled over whoever reported then: its districts, or after the 2025 reform its
    communes; a post-2025 province's districts are those of every province it was made of. None when nobody
    reported a figure for it."""
    earlier = year_before(period)
    if earlier.year < FIRST_YEAR:
        return None
    earlier_structure = AFTER if earlier.end >= REFORM_DATE else BEFORE
    crossing = structure == AFTER and earlier_structure == BEFORE  # a year before the reform
    provinces = list(predecessor_provinces(db, province_code)) if crossing else [province_code]
    units = _reporting_units(db, earlier_structure, provinces)
    if not units:
        return None
    point = _point(db, indicator, units, earlier, earlier_structure, approved_only)
    return point if point.value is not None else None


def point_label(point: SeriesPoint) -> str:
    """'2024', '6 tháng đầu năm 2025 (huyện)', '2025 (xã)': the reform's year says whose figure each point is."""
    if point.period.year != REFORM_DATE.year:
        return point.period.label
    return texts.SERIES_REFORM_YEAR_POINT.format(
        period=point.period.label, units=texts.SERIES_UNITS_WORD[point.structure]
    )
