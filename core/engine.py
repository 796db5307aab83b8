"""The indicator engine: a plan's indicators for a period and a unit, from the current reports.

Aggregation rules (DOMAIN.md section 4):
- a ratio over several units is Σ numerators / Σ denominators;
- stock and cumulative elements: each unit's value in its latest report of the
  year up to the period (per element: the latest report that states it);
- flow elements: the unit's reports of the year added up, over a chain of
  reports that do not overlap (Q1 + Q2 + Q3, or S1 + Q3: never Q2 and S1 together);
- a unit that did not report is missing, not zero; an older report of the same
  year still counts and the unit is listed as carried forward.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from core import texts
from core.db import Database
from core.periods import Period, deadline, parse_period
from core.plans import SHARE_KINDS

EPSILON = 1e-9  # tolerance when comparing a value with its target


@dataclass(frozen=True)
class Report:
    """One current submission of a unit, as the engine needs it."""

    submission_id: int
    unit_code: str
    start: date
    end: date
    received_at: datetime
    values: dict[str, float]


@dataclass(frozen=True)
class Figure:
    """One element's resolved value for one unit, with the reports it rests on."""

    value: float
    submission_ids: tuple[int, ...]
    latest_end: date  # end of the newest report it rests on


@dataclass
class IndicatorResult:
    indicator_code: str
    indicator_name: str
    unit_code: str
    unit_name: str
    period_code: str
    numerator: float | None
    denominator: float | None
    value: float | None  # a fraction for ratios (0.3 is 30%), a count otherwise
    target_kind: str | None
    target: float | None
    target_max: float | None
    expected_to_date: float | None  # the share of the target due by the period's end
    status: str  # met | not_yet | behind | no_target | no_data
    units_current: int
    units_contributing: int
    units_expected: int
    units_carried: list[str] = field(default_factory=list)
    units_missing: list[str] = field(default_factory=list)
    submission_ids: list[int] = field(default_factory=list)
    target_label: str | None = None
    target_source: str | None = None


class EngineError(ValueError):
    """A request the engine cannot answer (unknown plan, unit, period); message in Vietnamese."""


# --- per-unit resolution ---------------------------------------------------


def latest_figure(reports: list[Report], element: str) -> Figure | None:
    """Stock or cumulative: the value of the newest report that states it."""
    stating = [r for r in reports if element in r.values]
    if not stating:
        return None
    newest = max(stating, key=lambda r: (r.end, r.received_at))
    return Figure(newest.values[element], (newest.submission_id,), newest.end)


def flow_chain(reports: list[Report], year_start: date) -> list[Report]:
    """Reports that cover the year from its start without overlapping.

    From each point, take the report that starts there and reaches furthest
    (S1 rather than Q1 then Q2); across a gap, jump to the next report.
    """
    chain, cursor = [], year_start
    remaining = sorted(reports, key=lambda r: (r.start, -r.end.toordinal()))
    while True:
        candidates = [r for r in remaining if r.start >= cursor]
        if not candidates:
            return chain
        first_start = min(r.start for r in candidates)
        pick = max((r for r in candidates if r.start == first_start), key=lambda r: (r.end, r.received_at))
        chain.append(pick)
        cursor = pick.end + timedelta(days=1)


def flow_figure(chain: list[Report], element: str) -> Figure | None:
    """Flow: the sum over the chain of the reports that state the element."""
    stating = [r for r in chain if element in r.values]
    if not stating:
        return None
    return Figure(
        sum(r.values[element] for r in stating),
        tuple(r.submission_id for r in stating),
        max(r.end for r in stating),
    )


def resolve_unit(reports: list[Report], natures: dict[str, str], year_start: date) -> dict[str, Figure]:
    """Every element's figure for one unit, from its reports of the year up to the period."""
    chain = flow_chain(reports, year_start)
    figures = {}
    for element, nature in natures.items():
        figure = flow_figure(chain, element) if nature == "flow" else latest_figure(reports, element)
        if figure is not None:
            figures[element] = figure
    return figures


# --- target evaluation -----------------------------------------------------


def goal_to_date(kind: str, goal: float, accumulating: bool, period: Period) -> float:
    """What should be reached by the period's end: pro rata for what builds up over the year."""
    if kind == "per_month":
        return goal * period.months_elapsed
    return goal * period.months_elapsed / 12 if accumulating else goal


def evaluate(
    kind: str | None, goal: float | None, value: float | None, accumulating: bool, period: Period
) -> tuple[str, float | None]:
    """Status of a value against its target, and the level due by the period's end.

    met: the target is reached (for a frequency, for the months elapsed);
    not_yet: below target but on schedule (pro rata), at the year's end, or
             for a level (stock) that has no schedule;
    behind: below what the schedule asks at this point of the year.
    """
    if kind is None or kind == "monitor" or goal is None:
        return "no_target", None
    if value is None:
        return "no_data", goal_to_date(kind, goal, accumulating, period)
    due = goal_to_date(kind, goal, accumulating, period)
    full = due if kind == "per_month" else goal
    if value >= full - EPSILON:
        return "met", due
    if value >= due - EPSILON or not accumulating or period.months_elapsed == 12:
        return "not_yet", due
    return "behind", due


# --- the engine --------------------------------------------------------------


@dataclass
class PlanContext:
    """What the engine needs to know about a plan, read once per call."""

    plan_id: str
    year: int
    structure: str
    province_code: str
    province_name: str
    unit_names: dict[str, str]
    ancestors: dict[str, set[str]]  # reporting unit -> itself and every unit above it
    deadlines: dict[str, tuple[int, int]]
    targets: dict[str, dict]  # indicator code -> target row

    def scope(self, unit_code: str | None) -> list[str]:
        """The plan's reporting units at or under a unit (all of them for the province)."""
        if unit_code in (None, "", self.province_code):
            return sorted(self.ancestors)
        return sorted(u for u, above in self.ancestors.items() if unit_code in above)


def plan_context(db: Database, plan_id: str) -> PlanContext:
    plans = {row[0]: row for row in db.rows("list_plans")}
    if plan_id not in plans:
        raise EngineError(texts.UNKNOWN_PLAN.format(plan=plan_id, known=", ".join(sorted(plans)) or "—"))
    _, province_code, province_name, year, structure, *_ = plans[plan_id]
    ancestors: dict[str, set[str]] = defaultdict(set)
    for unit, above in db.rows("plan_unit_ancestors", {"plan_id": plan_id, "structure": structure}):
        ancestors[unit].add(above)
    names = {code: name for code, name, *_ in db.rows("plan_reporting_units", {"plan_id": plan_id})}
    names[province_code] = province_name
    return PlanContext(
        plan_id,
        year,
        structure,
        province_code,
        province_name,
        names,
        dict(ancestors),
        {ptype: (day, after) for ptype, day, after, *_ in db.rows("plan_deadlines", {"plan_id": plan_id})},
        {
            row[1]: dict(
                zip(
                    (
                        "target_id",
                        "indicator_code",
                        "indicator_name",
                        "kind",
                        "value_min",
                        "value_max",
                        "label",
                        "source_text",
                    ),
                    row,
                    strict=True,
                )
            )
            for row in db.rows("plan_targets", {"plan_id": plan_id})
            if row[1]
        },
    )


def fetch_reports(db: Database, plan: PlanContext, period: Period) -> dict[str, list[Report]]:
    """Current reports of the year up to the period's end, grouped by unit."""
    rows = db.rows("year_report_values", {"plan_id": plan.plan_id, "year": period.year, "end_date": period.end})
    values: dict[int, dict[str, float]] = defaultdict(dict)
    heads = {}
    for unit, sid, _code, start, end, received, element, value in rows:
        heads[sid] = (unit, start, end, received)
        if element is not None:
            values[sid][element] = value
    by_unit: dict[str, list[Report]] = defaultdict(list)
    for sid, (unit, start, end, received) in heads.items():
        by_unit[unit].append(Report(sid, unit, start, end, received, values[sid]))
    return by_unit


def _target_fields(target: dict | None, scope_is_province: bool) -> tuple[str | None, float | None, float | None]:
    """A count target is the province's: under it, a unit has no target of its own."""
    if target is None:
        return None, None, None
    if not scope_is_province and target["kind"] not in SHARE_KINDS + ("monitor",):
        return None, None, None
    return target["kind"], target["value_min"], target["value_max"]


def _aggregate(
    indicator: tuple, scope: list[str], figures: dict[str, dict[str, Figure]], period: Period
) -> tuple[float | None, float | None, float | None, list[str], set[int], list[str]]:
    """Σ over the units of the scope; returns numerator, denominator, value, contributors,
    the submissions used and the contributors whose figures come from an older report."""
    _code, _name, kind, num_el, den_el, *_ = indicator
    numerator = denominator = None
    contributors, carried, used = [], [], set()
    for unit in scope:
        unit_figures = figures.get(unit, {})
        parts = [unit_figures.get(num_el)] + ([unit_figures.get(den_el)] if kind == "ratio" else [])
        if any(p is None for p in parts):
            continue
        contributors.append(unit)
        numerator = (numerator or 0) + parts[0].value
        if kind == "ratio":
            denominator = (denominator or 0) + parts[1].value
        for p in parts:
            used.update(p.submission_ids)
        if any(p.latest_end < period.end for p in parts):
            carried.append(unit)
    value = (numerator / denominator if denominator else None) if kind == "ratio" else numerator
    return numerator, denominator, value, contributors, used, carried


def _timeliness(
    plan: PlanContext, scope: list[str], period: Period, receipts: dict[str, datetime]
) -> tuple[float | None, float | None, float | None, list[str]]:
    """Reports received by the plan's deadline for this period, over the reports expected."""
    if period.period_type not in plan.deadlines:
        return None, None, None, []
    due = deadline(period, *plan.deadlines[period.period_type])
    cutoff = datetime.combine(due, time.max)
    on_time = [u for u in scope if u in receipts and receipts[u] <= cutoff]
    return len(on_time), len(scope), len(on_time) / len(scope) if scope else None, sorted(receipts)


def compute_indicators(
    db: Database, plan_id: str, period_code: str, unit_code: str | None = None, breakdown: bool = False
) -> list[IndicatorResult]:
    """Every indicator of the catalogue for the plan, period and unit (the province by default).

    With `breakdown`, the rows of each reporting unit in the scope follow the scope's rows.
    """
    try:
        period = parse_period(period_code)
    except ValueError as exc:
        raise EngineError(str(exc)) from exc
    plan = plan_context(db, plan_id)
    if period.year != plan.year:
        raise EngineError(texts.PERIOD_NOT_IN_PLAN.format(period=period.label, year=plan.year, plan=plan_id))
    scope_code = unit_code or plan.province_code
    scope = plan.scope(scope_code)
    if not scope:
        raise EngineError(texts.UNKNOWN_UNIT.format(unit=unit_code, plan=plan_id))
    if scope_code not in plan.unit_names:
        row = db.one("unit_by_code", {"structure": plan.structure, "unit_code": scope_code})
        plan.unit_names[scope_code] = row[1] if row else scope_code
    natures = dict(db.rows("element_natures"))
    reports = fetch_reports(db, plan, period)
    year_start = date(period.year, 1, 1)
    figures = {unit: resolve_unit(reports.get(unit, []), natures, year_start) for unit in scope}
    receipts = {u: r for u, r in db.rows("period_first_receipts", {"plan_id": plan_id, "period_code": period.code})}
    catalogue = db.rows("indicator_catalogue")

    groups = [(scope_code, scope)]
    if breakdown:
        groups += [(unit, [unit]) for unit in scope if unit != scope_code]
    results = []
    for group_code, units in groups:
        current = [u for u in units if any(r.end == period.end for r in reports.get(u, []))]
        for indicator in catalogue:
            code, name, kind, _num, _den, _unit, numerator_nature = indicator
            if kind == "timeliness":
                numerator, denominator, value, contributors = _timeliness(plan, units, period, receipts)
                used = set()
                carried: list[str] = []
                contributors = [u for u in contributors if u in units]
                accumulating = False
            else:
                numerator, denominator, value, contributors, used, carried = _aggregate(
                    indicator, units, figures, period
                )
                accumulating = numerator_nature in ("flow", "cumulative")
            target = plan.targets.get(code)
            if kind == "timeliness" and period.period_type not in plan.deadlines:
                target = None  # the plan asks for no report of this kind: nothing to be on time for
            target_kind, goal, goal_max = _target_fields(target, group_code == plan.province_code)
            status, due = evaluate(target_kind, goal, value, accumulating, period)
            results.append(
                IndicatorResult(
                    indicator_code=code,
                    indicator_name=name,
                    unit_code=group_code,
                    unit_name=plan.unit_names.get(group_code, group_code),
                    period_code=period.code,
                    numerator=numerator,
                    denominator=denominator,
                    value=value,
                    target_kind=target_kind,
                    target=goal,
                    target_max=goal_max,
                    expected_to_date=due,
                    status=status,
                    units_current=len(current),
                    units_contributing=len(contributors),
                    units_expected=len(units),
                    units_carried=carried,
                    units_missing=sorted(set(units) - set(contributors)),
                    submission_ids=sorted(used),
                    target_label=target["label"] if target else None,
                    target_source=target["source_text"] if target else None,
                )
            )
    return results
