"""The indicator engine: a plan's indicators for a period and a unit, from the current reports.

Aggregation rules (DOMAIN.md section 4):
- a ratio over several units is Σ numerators / Σ denominators;
- stock and cumulative elements: each unit's value in its latest report of the
  year up to the period (per element: the latest report that states it);
- flow elements: the unit's reports of the year added up, over a chain of
  reports that do not overlap (Q1 + Q2 + Q3, or S1 + Q3: never Q2 and S1 together);
- a unit that did not report is missing, not zero; an older report of the same
  year still counts and the unit is listed as carried forward.

Each unit's figures, and the reports they rest on, are chosen and added up in SQL (query `unit_figures`); the
sums over units are made here.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from core import calendar, status, texts
from core.db import Database
from core.periods import Period, parse_period, periods_of_year
from core.plans import SHARE_KINDS

# One element's resolved value for one unit: (value, the reports it rests on, the end of the newest of them).
# A plain tuple of numbers and dates: Python's garbage collector stops tracking it, and a national period
# holds 14,000 of them (a NamedTuple, or a tuple holding a list, stays tracked and makes every call pay for
# a full collection).
Figure = tuple[float, tuple[int, ...], date]


@dataclass(slots=True)
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
    expected_to_date: float | None  # the level due by the period's end (core.status)
    status: str  # one of core.status.STATUSES
    units_current: int
    units_contributing: int
    units_expected: int
    # Tuples, not lists: a national breakdown makes 50,000 results, and lists would keep Python's garbage
    # collector busy (a tuple of strings or numbers drops out of its view).
    units_carried: tuple[str, ...] = ()
    units_missing: tuple[str, ...] = ()
    submission_ids: tuple[int, ...] = ()
    held: tuple[tuple[str, str], ...] = ()  # (unit, problem): figures left out, held for checking
    target_label: str | None = None
    target_source: str | None = None


class EngineError(ValueError):
    """A request the engine cannot answer (unknown plan, unit, period); message in Vietnamese."""


# --- per-unit resolution ---------------------------------------------------


FIGURE_COLUMNS = ("unit_code", "element_code", "value", "submission_ids", "end_date")  # of query unit_figures


def unit_figures(
    db: Database, unit_codes: list[str], period: Period, approved_only: bool = False
) -> dict[str, dict[str, Figure]]:
    """Each element's figure for each unit (element -> unit -> figure), from the unit's current reports
    of the year up to the period's end (with `approved_only`, those the secretariat approved).

    The query `unit_figures` applies the rules: the latest report stating a stock or cumulative element,
    the sum over the reports of the non-overlapping chain stating a flow. An element no report of a unit
    states has no figure for that unit: missing, not zero."""
    figures: dict[str, dict[str, Figure]] = defaultdict(dict)
    chains: dict[str, tuple[int, ...]] = {}  # the reports' ids as the query writes them: a unit's flows share one
    params = {"unit_codes": unit_codes, "year": period.year, "end_date": period.end, "approved_only": approved_only}
    for unit, element, value, ids, end in db.select("unit_figures", params, FIGURE_COLUMNS):
        chain = chains.get(ids)
        if chain is None:
            chain = chains[ids] = tuple(map(int, ids.split(",")))
        figures[element][unit] = (value, chain, end)
    return figures


# --- the engine --------------------------------------------------------------


@dataclass(frozen=True)
class PlanContext:
    """What the engine needs to know about a plan: it changes only when the plan is installed again."""

    plan_id: str
    year: int
    structure: str
    province_code: str
    province_name: str
    unit_names: dict[str, str]  # every reporting unit and every unit above one
    ancestors: dict[str, set[str]]  # reporting unit -> itself and every unit above it
    deadlines: dict[str, calendar.Rule]  # period_type -> when the plan's report of that kind is due
    targets: dict[str, dict]  # indicator code -> target row (query plan_targets) as a dict
    indicators: list  # the catalogue's rows (query indicator_catalogue)

    def scope(self, unit_code: str | None) -> list[str]:
        """The plan's reporting units at or under a unit (all of them for the province)."""
        if unit_code in (None, "", self.province_code):
            return sorted(self.ancestors)
        return sorted(u for u, above in self.ancestors.items() if unit_code in above)


# Contexts already read, by database file, plan and installed version (its file's hash and the time it was
# installed): editing a plan installs it again, so an edited plan is never served from here. The catalogue
# comes with the code: the process that opens the database installs it first (core.bootstrap).
_CONTEXTS: dict[tuple, PlanContext] = {}
_CONTEXTS_KEPT = 32
_CONTEXTS_LOCK = threading.Lock()


def _read_plan_context(
    db: Database, plan_id: str, province_code: str, province_name: str, year: int, structure: str
) -> PlanContext:
    ancestors: dict[str, set[str]] = defaultdict(set)
    names = {}
    for row in db.rows("plan_unit_ancestors", {"plan_id": plan_id, "structure": structure}):
        ancestors[row.unit_code].add(row.ancestor_code)
        names[row.ancestor_code] = row.name
    names[province_code] = province_name
    return PlanContext(
        plan_id,
        year,
        structure,
        province_code,
        province_name,
        names,
        dict(ancestors),
        calendar.plan_rules(db, plan_id),
        {
            row.indicator_code: row._asdict()
            for row in db.rows("plan_targets", {"plan_id": plan_id})
            if row.indicator_code
        },
        db.rows("indicator_catalogue"),
    )


def plan_context(db: Database, plan_id: str) -> PlanContext:
    row = db.one("plan_row", {"plan_id": plan_id})
    if row is None:
        known = ", ".join(plan.plan_id for plan in db.rows("plan_ids")) or "—"
        raise EngineError(texts.UNKNOWN_PLAN.format(plan=plan_id, known=known))
    key = (str(db.path), plan_id, row.file_sha256, row.loaded_at)
    with _CONTEXTS_LOCK:
        context = _CONTEXTS.get(key)
    if context is None:
        context = _read_plan_context(db, row.plan_id, row.province_code, row.province_name, row.year, row.structure)
        with _CONTEXTS_LOCK:
            _CONTEXTS[key] = context
            while len(_CONTEXTS) > _CONTEXTS_KEPT:
                del _CONTEXTS[next(iter(_CONTEXTS))]
    return context


def _target_fields(target: dict | None, scope_is_province: bool) -> tuple[str | None, float | None, float | None]:
    """A count target is the province's: under it, a unit has no target of its own."""
    if target is None:
        return None, None, None
    if not scope_is_province and target["kind"] not in SHARE_KINDS + ("monitor",):
        return None, None, None
    return target["kind"], target["value_min"], target["value_max"]


Share = tuple[float, float | None, tuple[int, ...], bool]  # numerator, denominator, submissions, from an older report


def _shares(indicator, figures: dict[str, dict[str, Figure]], end: date) -> dict[str, Share]:
    """Each unit's part of an indicator (a row of the catalogue); a unit lacking one of its figures has none."""
    numerators = figures.get(indicator.numerator_element, {})
    if indicator.kind != "ratio":
        return {u: (value, None, ids, latest < end) for u, (value, ids, latest) in numerators.items()}
    denominators = figures.get(indicator.denominator_element, {})
    return {
        u: (n[0], d[0], n[1] + d[1], n[2] < end or d[2] < end)  # value, reports, end of the newest
        for u, n in numerators.items()
        if (d := denominators.get(u)) is not None
    }


Sums = tuple[  # numerator, denominator, value, contributors, missing units, reports used (sorted), carried units
    float | None, float | None, float | None, tuple[str, ...], tuple[str, ...], tuple[int, ...], tuple[str, ...]
]


def _aggregate(kind: str, units: list[str], shares: dict[str, Share]) -> Sums:
    """Σ over the units, in their order: numerator, denominator, value, the units with a share (contributors) and
    those without (missing), the submissions used and the contributors whose figures come from an older report."""
    if len(units) == 1:  # a unit's own row in a breakdown: 46,000 of them in the country's scorecard
        unit = units[0]
        share = shares.get(unit)
        if share is None:
            return None, None, None, (), (unit,), (), ()
        numerator, denominator, ids, older = share
        value = (numerator / denominator if denominator else None) if kind == "ratio" else numerator
        return numerator, denominator, value, (unit,), (), tuple(sorted(set(ids))), (unit,) if older else ()
    numerator = denominator = None
    contributors, missing, carried, used = [], [], [], set()
    for unit in units:
        share = shares.get(unit)
        if share is None:
            missing.append(unit)
            continue
        contributors.append(unit)
        numerator = (numerator or 0) + share[0]
        if kind == "ratio":
            denominator = (denominator or 0) + share[1]
        used.update(share[2])
        if share[3]:
            carried.append(unit)
    value = (numerator / denominator if denominator else None) if kind == "ratio" else numerator
    return numerator, denominator, value, tuple(contributors), tuple(missing), tuple(sorted(used)), tuple(carried)


def _timeliness(units: list[str], on_time: dict[str, bool] | None) -> Sums:
    """Reports on time for this period, over the reports expected; the units whose report came in, and the others.
    `on_time`: each unit whose report came in, and whether it came on time (core.calendar's rule); None: the plan
    asks for no report of the period."""
    if on_time is None:
        return None, None, None, (), tuple(units), (), ()
    received = tuple(u for u in units if u in on_time)
    count = sum(on_time[u] for u in received)
    missing = tuple(u for u in units if u not in on_time)
    return count, len(units), count / len(units) if units else None, received, missing, (), ()


def _held(db: Database, plan: PlanContext, scope: list[str], period: Period) -> dict[str, dict[str, list[str]]]:
    """indicator -> unit -> the problems of its figures held for verification that the indicator leaves out
    (a numerator and its denominator held for the same problem are told once)."""
    rows = db.rows("held_figures_in_scope", {"unit_codes": scope, "year": period.year, "end_date": period.end})
    held: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        for indicator in plan.indicators:
            if row.element_code in (indicator.numerator_element, indicator.denominator_element):
                problems = held.setdefault(indicator.indicator_code, {}).setdefault(row.unit_code, [])
                if row.problem not in problems:
                    problems.append(row.problem)
    return held


@dataclass(frozen=True)
class Pooled:
    """An indicator over a set of units outside any plan (Σ numerators / Σ denominators), with what it rests on."""

    numerator: float | None
    denominator: float | None
    value: float | None
    units_contributing: tuple[str, ...]
    submission_ids: tuple[int, ...]


def pooled_indicator(db: Database, indicator, units: list[str], period: Period, approved_only: bool = False) -> Pooled:
    """One indicator of the catalogue (a row of query indicator_catalogue, not timeliness: that needs a plan's
    deadlines) over `units` at a period's end, by the same rules as a plan's figures."""
    figures = unit_figures(db, units, period, approved_only)
    numerator, denominator, value, contributors, _, used, _ = _aggregate(
        indicator.kind, units, _shares(indicator, figures, period.end)
    )
    return Pooled(numerator, denominator, value, contributors, used)


def _period(period_code: str) -> Period:
    try:
        return parse_period(period_code)
    except ValueError as exc:
        raise EngineError(str(exc)) from exc


def compute_indicators(
    db: Database,
    plan_id: str,
    period_code: str,
    unit_code: str | None = None,
    breakdown: bool = False,
    approved_only: bool = False,
) -> list[IndicatorResult]:
    """Every indicator of the catalogue for the plan, period and unit (the province by default).

    With `breakdown`, the rows of each reporting unit in the scope follow the scope's rows. With `approved_only`,
    the figures come from approved reports only (a report not approved counts as not received); timeliness,
    which is about when reports came, is the same either way.
    """
    period = _period(period_code)
    plan = plan_context(db, plan_id)
    if period.year != plan.year:
        raise EngineError(texts.PERIOD_NOT_IN_PLAN.format(period=period.label, year=plan.year, plan=plan_id))
    scope_code = unit_code or plan.province_code
    scope = plan.scope(scope_code)
    if not scope:
        raise EngineError(texts.UNKNOWN_UNIT.format(unit=unit_code, plan=plan_id))
    figures = unit_figures(db, scope, period, approved_only)
    ending = [p.code for p in periods_of_year(period.year) if p.end == period.end]  # Q2 and S1, or Q4, S2, the year
    period_reports = db.rows("period_unit_reports", {"unit_codes": scope, "period_codes": ending})
    current = {row.unit_code for row in period_reports}  # a report ending with the period came in
    deadline = calendar.due_date(period, plan.deadlines)  # None: the plan asks for no report of this period
    on_time = (
        None
        if deadline is None
        else {
            row.unit_code: calendar.is_on_time(deadline, row.first_received_at)
            for row in period_reports
            if row.period_code == period.code
        }
    )
    held = {} if approved_only else _held(db, plan, scope, period)  # an approved report holds no figure
    measures = [  # per indicator, what its results share: code, name, kind, whether it builds up, every unit's part
        (
            indicator.indicator_code,
            indicator.name,
            indicator.kind,
            indicator.kind != "timeliness" and indicator.numerator_nature in ("flow", "cumulative"),
            _shares(indicator, figures, period.end),
            held.get(indicator.indicator_code),
        )
        for indicator in plan.indicators
    ]
    # indicator -> (kind, goal, goal_max, its label, its source) as judged at each level
    province_targets, unit_targets = {}, {}
    for indicator in plan.indicators:
        target = plan.targets.get(indicator.indicator_code)
        if indicator.kind == "timeliness" and deadline is None:
            target = None  # the plan asks for no report of this period: nothing to be on time for
        words = (target["label"], target["source_text"]) if target else (None, None)
        for level, is_province in ((province_targets, True), (unit_targets, False)):
            level[indicator.indicator_code] = (*_target_fields(target, is_province), *words)

    groups = [(scope_code, scope)]
    if breakdown:
        groups += [(unit, [unit]) for unit in scope if unit != scope_code]
    results = []
    for group_code, units in groups:
        units_current = sum(1 for u in units if u in current)
        targets = province_targets if group_code == plan.province_code else unit_targets
        unit_name = plan.unit_names.get(group_code, group_code)
        for code, name, kind, accumulating, shares, held_here in measures:
            if kind == "timeliness":
                numerator, denominator, value, contributors, missing, used, carried = _timeliness(units, on_time)
            else:
                numerator, denominator, value, contributors, missing, used, carried = _aggregate(kind, units, shares)
            target_kind, goal, goal_max, label, source = targets[code]
            verdict, due = status.evaluate(target_kind, goal, value, accumulating, period)
            results.append(
                IndicatorResult(
                    indicator_code=code,
                    indicator_name=name,
                    unit_code=group_code,
                    unit_name=unit_name,
                    period_code=period.code,
                    numerator=numerator,
                    denominator=denominator,
                    value=value,
                    target_kind=target_kind,
                    target=goal,
                    target_max=goal_max,
                    expected_to_date=due,
                    status=verdict,
                    units_current=units_current,
                    units_contributing=len(contributors),
                    units_expected=len(units),
                    units_carried=carried,
                    units_missing=missing,
                    submission_ids=used,
                    held=tuple((u, problem) for u in units if u in held_here for problem in held_here[u])
                    if held_here
                    else (),
                    target_label=label,
                    target_source=source,
                )
            )
    return results


# Results already computed, by database file, question and what its answer rests on (query results_marker: the
# reports of the year up to the period, the plans, the held figures' decisions, the reviews for approved figures).
# The pages of a period ask for the same results: Tổng quan, Chỉ tiêu, Bảng điểm and Trình chiếu the period's
# breakdown, the first two the province at each earlier quarter, which a new report of the period leaves as they
# were; the country's breakdown takes 0.4 s and holds 50,000 results (18 MB). At most _SHARED_KEPT_RESULTS results
# are kept, the oldest asked for let go first.
_SHARED: dict[tuple, list[IndicatorResult]] = {}
_SHARED_KEPT_RESULTS = 150_000
_SHARED_LOCK = threading.Lock()


def shared_indicators(
    db: Database,
    plan_id: str,
    period_code: str,
    unit_code: str | None = None,
    breakdown: bool = False,
    approved_only: bool = False,
) -> list[IndicatorResult]:
    """`compute_indicators`, computed once for what it rests on and shared by every page and session that asks the
    same: the results must be read, never changed (the list is the caller's own)."""
    period = _period(period_code)
    marker = db.one("results_marker", {"year": period.year, "end_date": period.end, "approved_only": approved_only})
    key = (str(db.path), marker, plan_id, period.code, unit_code, breakdown, approved_only)  # a row is a (named) tuple
    with _SHARED_LOCK:
        results = _SHARED.pop(key, None)
        if results is not None:
            _SHARED[key] = results  # now the newest asked for
    if results is None:
        results = compute_indicators(db, plan_id, period.code, unit_code, breakdown, approved_only)
        with _SHARED_LOCK:
            _SHARED[key] = results
            kept = sum(map(len, _SHARED.values()))
            while kept > _SHARED_KEPT_RESULTS and len(_SHARED) > 1:
                kept -= len(_SHARED.pop(next(iter(_SHARED))))
    return list(results)


def clear_shared() -> None:
    """Let go of every shared result (the next call of each computes it again)."""
    with _SHARED_LOCK:
        _SHARED.clear()
