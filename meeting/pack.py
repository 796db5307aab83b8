"""The meeting pack of a plan for a period: what the presentation page, the slides and the PDF all show."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from core import calendar, fmt, texts
from core.db import Database
from core.engine import IndicatorResult, shared_indicators
from core.periods import parse_period, window_label
from core.status import STATUSES
from core.textnorm import fold
from screens import reporting_status
from screens.decisions import target_decisions
from screens.lagging import due_text, laggards_text, target_sentence, units_below
from screens.plan_info import plan_header
from screens.reporting_status import ReportingStatus
from screens.results import (
    PERCENT_KINDS,
    based_on_text,
    carried_text,
    headline,
    held_text,
    indicator_kinds,
    province_rows,
    unit_names,
    unit_noun,
    value_text,
)
from screens.targets import level_text, target_text


@dataclass(frozen=True)
class UnitBar:
    """One unit's bar on a target's chart."""

    unit_name: str
    value: float | None  # a fraction for shares (0.3 is 30%), a count otherwise; None: no data
    value_text: str
    status: str
    is_carried: bool  # the figure comes from an older report of the year


# With more units than WORST_SHOWN + BEST_SHOWN (a province's 65-168 communes), a chart draws the worst and the best
# and counts the rest: every slide and page keeps its size whatever the number of units.
WORST_SHOWN, BEST_SHOWN = 10, 5
CHASE_NAMED = 10  # units to chase named one by one outside the slides (which fit as many as their box holds)
LAGGING_SHOWN = 16  # units in the list of those that lag: two slides; the rest are counted


@dataclass(frozen=True)
class TargetSlide:
    """One measured target of the plan: the province's figure, a sentence, and the units behind it."""

    number: int  # 1-based, in plan order
    target_id: str
    indicator_code: str
    title: str  # the indicator's name
    target_label: str  # the plan's own words
    target_text: str  # 'Tối thiểu 30%'
    status: str
    status_label: str
    due_text: str | None  # 'cần 15,0% vào thời điểm này'
    value: float | None
    value_text: str
    is_percent: bool
    headline: str  # written from the figures
    unit_level: float | None  # the level due by now that each unit's bar is held against (shares only)
    unit_level_text: str | None
    units: list[UnitBar]  # highest first, units without data last
    units_behind: list[str]  # names of the units under what is due, furthest behind first
    laggards: str | None  # the furthest behind, named (at most five) and the rest counted
    units_without_data: list[str]
    based_on: str
    carried_text: str | None
    held_text: str | None  # the figures left out, held for verification
    submission_ids: tuple[int, ...]  # the reports the province's figure rests on
    decisions: list[str] = field(default_factory=list)  # the committee's open decisions on it, and the move since

    @property
    def charted(self) -> list[UnitBar]:
        """The bars a slide or page draws, highest first: every unit, or with more than WORST_SHOWN + BEST_SHOWN
        with a figure, the best and the worst of them (`left_out` counts the others)."""
        shown, left_out = worst_first(self)
        return self.units if not left_out else sorted(shown, key=lambda u: (-u.value, u.unit_name))

    @property
    def left_out(self) -> int:
        return worst_first(self)[1]


@dataclass(frozen=True)
class ReportingSlide:
    """Who has reported the year's reports due up to the period, on time or late, and whom to chase."""

    rates: pd.DataFrame  # texts.REPORTING_RATES_COLUMNS; the last row is every period together
    completeness_text: str
    timeliness_text: str
    chase: list[str]  # one sentence per unit to call

    @property
    def chase_named(self) -> list[str]:
        """The units most overdue, a line each, then one line counting the others: the screen, the PDF and the report
        keep their length with a country's 3,321 communes (the units that lag are listed in their own table)."""
        if len(self.chase) <= CHASE_NAMED:
            return self.chase
        others = fmt.count(len(self.chase) - CHASE_NAMED)
        more = texts.SLIDES_CHASE_MORE.format(count=others, title=texts.MEETING_LAGGING_TITLE)
        return self.chase[:CHASE_NAMED] + [more]


@dataclass(frozen=True)
class LaggingUnit:
    unit_name: str
    targets: list[str]  # indicators whose level the unit has not reached
    reports: list[str]  # reports it has not sent, or sent late


@dataclass(frozen=True)
class MeetingPack:
    plan_id: str
    plan_title: str
    province_name: str
    owner: str  # the agency that owns the programme: 'Sở Y tế tỉnh Lạng Sơn'
    document_number: str
    period_code: str
    period_label: str
    as_of: date  # the one day the pack speaks of: reports received by then, deadlines judged on it
    as_of_text: str  # 'Tính đến ngày 25/12/2023' (' · chỉ số liệu đã duyệt' with approved reports only)
    generated_on: str  # 'Lập ngày 23/11/2026'
    basis: str  # which reports the figures rest on: approved only, or every report received
    reported: str  # '10/11 đơn vị đã báo cáo quý IV'
    summary: dict[str, int]  # status -> number of measured targets, in core.status.STATUSES order
    summary_text: str
    unmeasured: list[str]  # targets the form cannot measure (their plan wording)
    targets: list[TargetSlide] = field(default_factory=list)
    reporting: ReportingSlide | None = None
    lagging: list[LaggingUnit] = field(default_factory=list)  # the LAGGING_SHOWN that lag most
    lagging_more: int = 0  # the units that lag beyond those, counted

    @property
    def title_line(self) -> str:
        return texts.MEETING_PACK_TITLE.format(period=self.period_label)

    @property
    def file_stem(self) -> str:
        return f"hop_BCD138_{self.plan_id}_{self.period_code}"


def worst_first(slide: TargetSlide) -> tuple[list[UnitBar], int]:
    """The units with a figure, worst on top: every one, or with more than WORST + BEST of them the worst
    WORST_SHOWN and the best BEST_SHOWN; and how many were left out between them."""
    drawn = sorted((u for u in slide.units if u.value is not None), key=lambda u: (u.value, u.unit_name))
    if len(drawn) <= WORST_SHOWN + BEST_SHOWN:
        return drawn, 0
    return drawn[:WORST_SHOWN] + drawn[-BEST_SHOWN:], len(drawn) - WORST_SHOWN - BEST_SHOWN


def _bars(units: list[IndicatorResult], names: dict[str, str], is_percent: bool) -> list[UnitBar]:
    bars = [
        UnitBar(
            names.get(u.unit_code, u.unit_name),
            u.value,
            value_text(u.value, is_percent),
            u.status,
            u.unit_code in u.units_carried,
        )
        for u in units
    ]
    return sorted(bars, key=lambda b: (b.value is None, -(b.value or 0), b.unit_name))


def _target_slides(
    db: Database, plan_id: str, period_code: str, approved_only: bool = False
) -> tuple[list[TargetSlide], list[str], str]:
    period = parse_period(period_code)
    kinds = indicator_kinds(db)
    names = unit_names(db, plan_id)
    noun = unit_noun(db, plan_id)
    detailed = shared_indicators(db, plan_id, period.code, breakdown=True, approved_only=approved_only)
    current = province_rows(detailed)
    by_indicator: dict[str, list[IndicatorResult]] = {}
    for r in detailed:
        if r is not current[r.indicator_code]:
            by_indicator.setdefault(r.indicator_code, []).append(r)

    slides, unmeasured = [], []
    decided = target_decisions(db, plan_id, period.code, {code: r.value for code, r in current.items()})
    for target in db.rows("plan_targets", {"plan_id": plan_id}):
        code = target.indicator_code
        if not code:
            unmeasured.append(target.label)
            continue
        province, units = current[code], by_indicator.get(code, [])
        is_percent = kinds[code] in PERCENT_KINDS
        judged, below, without = units_below(units)
        unit_level = province.expected_to_date if judged else None
        slides.append(
            TargetSlide(
                number=len(slides) + 1,
                target_id=target.target_id,
                indicator_code=code,
                title=province.indicator_name,
                target_label=target.label,
                target_text=target_text(target.kind, target.value_min, target.value_max),
                status=province.status,
                status_label=texts.STATUS_LABELS[province.status],
                due_text=due_text(province, is_percent),
                value=province.value,
                value_text=value_text(province.value, is_percent),
                is_percent=is_percent,
                headline=target_sentence(province, units, is_percent, noun, period.in_sentence),
                unit_level=unit_level,
                unit_level_text=None if unit_level is None else level_text(unit_level, is_percent),
                units=_bars(units, names, is_percent),
                units_behind=[names.get(u.unit_code, u.unit_name) for u in below],
                laggards=laggards_text(units, names, is_percent),
                units_without_data=[names.get(u.unit_code, u.unit_name) for u in without],
                based_on=based_on_text(province),
                carried_text=carried_text(province.units_carried, names),
                held_text=held_text(province, names),
                submission_ids=province.submission_ids,
                decisions=decided.get(code, []),
            )
        )
    return slides, unmeasured, headline(detailed, period)


def _status_until(status: ReportingStatus, end: date) -> ReportingStatus:
    """The reporting status restricted to the reports of periods ending by `end` (the meeting's period)."""
    periods = [p for p in status.periods if parse_period(p.period_code).end <= end]
    codes = {p.period_code for p in periods}
    cells = {key: cell for key, cell in status.cells.items() if cell.period_code in codes}
    overall = reporting_status.Rates(
        count_due=sum(p.rates.count_due for p in periods),
        count_received=sum(p.rates.count_received for p in periods),
        count_on_time=sum(p.rates.count_on_time for p in periods),
    )
    return dataclasses.replace(status, periods=periods, cells=cells, overall=overall)


def _reporting(db: Database, plan_id: str, period_code: str, today: date) -> tuple[ReportingSlide, ReportingStatus]:
    status = _status_until(reporting_status.reporting_status(db, plan_id, today), parse_period(period_code).end)
    overall = status.overall
    return ReportingSlide(
        rates=reporting_status.rates_table(status),
        completeness_text=texts.MEETING_COMPLETENESS.format(
            value=fmt.percent(overall.completeness),
            received=fmt.count(overall.count_received),
            due=fmt.count(overall.count_due),
        ),
        timeliness_text=texts.MEETING_TIMELINESS.format(
            value=fmt.percent(overall.timeliness),
            on_time=fmt.count(overall.count_on_time),
            due=fmt.count(overall.count_due),
        ),
        chase=reporting_status.chase_sentences(status),
    ), status


def _lagging(targets: list[TargetSlide], status: ReportingStatus) -> list[LaggingUnit]:
    """Units under the level of a target, or with a report missing or late; the most lagging first."""
    behind: dict[str, list[str]] = {}
    for slide in targets:
        for name in slide.units_behind:
            behind.setdefault(name, []).append(slide.title)
    reports: dict[str, list[str]] = {}
    for cell in status.chase:
        word = texts.MEETING_REPORT_MISSING if cell.state == "missing" else texts.MEETING_REPORT_LATE
        reports.setdefault(cell.unit_name, []).append(
            word.format(period=parse_period(cell.period_code).in_sentence, days=fmt.count(cell.days))
        )

    def weight(name: str) -> tuple[int, str]:
        return -len(behind.get(name, [])) - len(reports.get(name, [])), fold(name)

    names = sorted(behind.keys() | reports.keys(), key=weight)
    return [LaggingUnit(n, behind.get(n, []), reports.get(n, [])) for n in names]


def as_of_bounds(db: Database, plan_id: str, period_code: str, today: date) -> tuple[date | None, date]:
    """The earliest day a pack on the period can be dated (the day its newest report arrived: the figures rest
    on every report received) and its default day: today while the plan's year is open; once it is closed, the
    day after its last deadline (on the deadline day itself a report not yet in is not yet late); never
    before the earliest."""
    period = parse_period(period_code)
    latest = db.one("plan_latest_receipt", {"plan_id": plan_id, "year": period.year, "end_date": period.end})
    earliest = latest.last_received_at.date() if latest.last_received_at else None
    last = calendar.last_deadline(period.year, calendar.plan_rules(db, plan_id))
    closed = last + timedelta(days=1) if last is not None else None
    default = closed if closed is not None and closed < today else today
    return earliest, max(default, earliest) if earliest else default


def meeting_pack(
    db: Database,
    plan_id: str,
    period_code: str,
    as_of: date | None = None,
    today: date | None = None,
    approved_only: bool = False,
) -> MeetingPack:
    """Everything the committee sees at its meeting on `period_code`, as of one day (`as_of_bounds` gives the
    default, and moves a day before the newest report's arrival to that arrival)."""
    today = today or date.today()
    period = parse_period(period_code)
    targets, unmeasured, reported = _target_slides(
        db, plan_id, period.code, approved_only
    )  # EngineError for a wrong request
    earliest, default = as_of_bounds(db, plan_id, period.code, today)
    as_of = max(as_of, earliest) if as_of and earliest else as_of or default
    plan = plan_header(db, plan_id)
    reporting, status = _reporting(db, plan_id, period.code, as_of)
    lagging = _lagging(targets, status)
    counts = Counter(t.status for t in targets)
    summary = {s: counts[s] for s in STATUSES}
    return MeetingPack(
        plan_id=plan_id,
        plan_title=plan.title,
        province_name=plan.province_name,
        owner=plan.owner,
        document_number=plan.document_number,
        period_code=period.code,
        period_label=window_label(period, plan.period_basis),  # a cut-off window says its days
        as_of=as_of,
        as_of_text=texts.MEETING_AS_OF.format(date=fmt.date(as_of))
        + (texts.MEETING_APPROVED_SUFFIX if approved_only else ""),
        generated_on=texts.MEETING_GENERATED_ON.format(date=fmt.date(today)),
        basis=texts.MEETING_BASIS_APPROVED if approved_only else texts.MEETING_BASIS_ALL,
        reported=reported,
        summary=summary,
        summary_text=texts.MEETING_SUMMARY.format(
            total=len(targets),
            counts=", ".join(
                texts.MEETING_SUMMARY_COUNT.format(count=count, label=texts.STATUS_LABELS[s].lower())
                for s, count in summary.items()
                if count
            ),
        ),
        unmeasured=unmeasured,
        targets=targets,
        reporting=reporting,
        lagging=lagging[:LAGGING_SHOWN],
        lagging_more=max(0, len(lagging) - LAGGING_SHOWN),
    )


def summary_table(pack: MeetingPack) -> pd.DataFrame:
    """One row per measured target: the figure, the target, the verdict."""
    return pd.DataFrame(
        [(t.number, t.title, t.value_text, t.target_text, t.status_label) for t in pack.targets],
        columns=list(texts.MEETING_SUMMARY_COLUMNS),
    )


def left_out_text(slide: TargetSlide) -> str:
    """Under a chart that draws the worst and the best units only: how many it leaves out."""
    return texts.PRESENT_UNITS_LEFT_OUT.format(worst=WORST_SHOWN, best=BEST_SHOWN, count=fmt.count(slide.left_out))


def lagging_more_text(pack: MeetingPack) -> str:
    return texts.MEETING_LAGGING_MORE.format(count=fmt.count(pack.lagging_more))


def lagging_table(pack: MeetingPack) -> pd.DataFrame:
    """One row per unit that lags: the targets it is under, the reports missing or late."""
    return (
        pd.DataFrame(
            [("; ".join(u.targets) or fmt.MISSING, "; ".join(u.reports) or fmt.MISSING) for u in pack.lagging],
            index=[u.unit_name for u in pack.lagging],
            columns=list(texts.MEETING_LAGGING_COLUMNS[1:]),
        )
        .rename_axis(texts.MEETING_LAGGING_COLUMNS[0])
        .reset_index()
    )
