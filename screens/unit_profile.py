"""One unit's profile for a period: its indicators against the plan, its communes, its reports of the year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from pandas.io.formats.style import Styler

from core import calendar, continuity, fmt, texts
from core.db import Database
from core.engine import IndicatorResult, shared_indicators
from core.periods import Period, parse_period
from core.plans import SHARE_KINDS
from screens.plan_info import plan_header
from screens.results import (
    PERCENT_KINDS,
    has_data,
    held_text,
    in_sentence,
    indicator_kinds,
    unit_names,
    value_text,
)
from screens.scorecard import ordered_indicators, status_css
from screens.targets import target_text


@dataclass(frozen=True)
class IndicatorLine:
    indicator_code: str
    name: str
    value: float | None
    value_text: str
    target_text: str  # the target as it applies to this unit, or why there is none
    status: str
    based_on: str | None  # 'dựa trên báo cáo quý III năm 2023, năm 2023'
    held_text: str | None  # the figures left out, held for verification


@dataclass(frozen=True)
class CommuneGap:
    commune_code: str
    commune_name: str
    count_establishments: float
    count_inspected: float

    @property
    def count_remaining(self) -> float:
        return self.count_establishments - self.count_inspected


@dataclass(frozen=True)
class CommuneDetail:
    """The unit's communes, from the ChiTietXa sheet of its latest current report that has one."""

    submission_id: int
    period_label: str
    received_text: str
    count_communes: int
    without_communication: list[tuple[str, str]]  # (code, name) of communes that answered «Không»
    communication_unknown: list[str]  # names of communes whose answer is blank
    uninspected: list[CommuneGap]  # communes with establishments not yet inspected
    count_inspection_unknown: int  # communes without both their count of establishments and of inspected ones

    @property
    def total_establishments(self) -> float:
        return sum(c.count_establishments for c in self.uninspected)

    @property
    def total_inspected(self) -> float:
        return sum(c.count_inspected for c in self.uninspected)

    @property
    def total_remaining(self) -> float:
        return sum(c.count_remaining for c in self.uninspected)


@dataclass(frozen=True)
class SubmissionLine:
    submission_id: int
    period_code: str
    period_label: str
    received_at: datetime
    received_text: str
    sender: str
    status: str  # current | superseded
    status_text: str
    deadline_text: str
    is_on_time: bool | None  # None when the plan asks for no report of this kind
    timeliness_text: str
    file_name: str
    count_warnings: int


@dataclass(frozen=True)
class UnitProfile:
    plan_id: str
    year: int
    unit_code: str
    unit_name: str
    is_province: bool
    period_code: str
    period_label: str
    has_data: bool
    report_state: str  # whether the report for the period came in
    indicators: list[IndicatorLine] = field(default_factory=list)
    communes: CommuneDetail | None = None
    submissions: list[SubmissionLine] = field(default_factory=list)
    missing_reports: list[str] = field(default_factory=list)  # 'Quý IV năm 2023 (hạn 15/12/2023)'


# --- indicators ----------------------------------------------------------------------


def _unit_target_text(result: IndicatorResult, plan_target) -> str:
    """`plan_target`: the plan's row of query plan_targets for the indicator, or None."""
    if result.target_kind not in (None, "monitor"):
        return target_text(result.target_kind, result.target, result.target_max)
    if plan_target is not None and plan_target.kind not in SHARE_KINDS + ("monitor",):
        # A count target is the province's: a unit has no share of it to reach.
        goal = target_text(plan_target.kind, plan_target.value_min, plan_target.value_max)
        return texts.UNIT_PROVINCE_GOAL.format(goal=goal)
    return texts.UNIT_NO_TARGET


def _based_on(result: IndicatorResult, kind: str, periods_of: dict[int, str], period: Period) -> str | None:
    if kind == "timeliness":
        return texts.UNIT_BASED_ON_RECEIPT.format(period=period.in_sentence)
    codes = {periods_of[s] for s in result.submission_ids if s in periods_of}
    if not codes:
        return None
    ordered = sorted(codes, key=lambda c: (parse_period(c).end, -parse_period(c).months))
    return texts.UNIT_BASED_ON.format(periods=", ".join(in_sentence(parse_period(c).label) for c in ordered))


def indicator_lines(
    db: Database, plan_id: str, period_code: str, unit_code: str, approved_only: bool = False
) -> tuple[list[IndicatorLine], bool]:
    """The unit's indicators, judged ones first in plan order; and whether any report counts."""
    period = parse_period(period_code)
    kinds = indicator_kinds(db)
    results = {
        r.indicator_code: r for r in shared_indicators(db, plan_id, period.code, unit_code, approved_only=approved_only)
    }
    targets = {row.indicator_code: row for row in db.rows("plan_targets", {"plan_id": plan_id}) if row.indicator_code}
    judged, others = ordered_indicators(db, plan_id)
    used = sorted({s for r in results.values() for s in r.submission_ids})
    periods_of = {row.submission_id: row.period_code for row in db.rows("submission_periods", {"submission_ids": used})}
    lines = [
        IndicatorLine(
            indicator_code=code,
            name=results[code].indicator_name,
            value=results[code].value,
            value_text=value_text(results[code].value, kinds[code] in PERCENT_KINDS),
            target_text=_unit_target_text(results[code], targets.get(code)),
            status=results[code].status,
            based_on=_based_on(results[code], kinds[code], periods_of, period),
            held_text=held_text(results[code], unit_names(db, plan_id)) if results[code].held else None,
        )
        for code in judged + others
    ]
    return lines, has_data(list(results.values()), kinds)


def indicators_table(lines: list[IndicatorLine], escape: Callable[[str], str] = str) -> Styler:
    """The unit's indicators as a static table; the status cell takes the scorecard's colour, icon and word.

    `escape` makes text inert where the table renders Markdown (the page passes ui.plain).
    """
    frame = pd.DataFrame(
        [
            (
                escape(line.name),
                line.value_text,
                escape(line.target_text),
                f"{texts.STATUS_ICONS[line.status]} {texts.STATUS_LABELS[line.status]}",
                escape(line.based_on or ""),
            )
            for line in lines
        ],
        columns=list(texts.UNIT_INDICATOR_COLUMNS),
    )
    status_column = texts.UNIT_INDICATOR_COLUMNS[3]
    css = pd.DataFrame("", index=frame.index, columns=frame.columns)
    css[status_column] = [status_css(line.status) + "; font-weight: bold" for line in lines]
    css[texts.UNIT_INDICATOR_COLUMNS[1]] = "font-weight: bold; text-align: right"
    return frame.style.apply(lambda _: css, axis=None)


# --- communes -------------------------------------------------------------------------


def commune_detail(db: Database, year: int, period_code: str, unit_code: str) -> CommuneDetail | None:
    """From the latest current report of the year up to the period that carries a ChiTietXa sheet."""
    period = parse_period(period_code)
    rows = db.rows("unit_latest_commune_detail", {"unit_code": unit_code, "year": year, "end_date": period.end})
    if not rows:
        return None
    source = rows[0]  # every row names the same report
    return CommuneDetail(
        submission_id=source.submission_id,
        period_label=in_sentence(parse_period(source.period_code).label),
        received_text=fmt.date_time(source.received_at),
        count_communes=len(rows),
        without_communication=[(c.commune_code, c.commune_name) for c in rows if c.held_communication is False],
        communication_unknown=[c.commune_name for c in rows if c.held_communication is None],
        uninspected=[
            CommuneGap(c.commune_code, c.commune_name, c.count_establishments, c.count_inspected)
            for c in rows
            if c.count_establishments is not None
            and c.count_inspected is not None
            and c.count_establishments - c.count_inspected > 0
        ],
        count_inspection_unknown=sum(1 for c in rows if c.count_establishments is None or c.count_inspected is None),
    )


def communes_table(communes: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(communes, columns=list(texts.UNIT_COMMUNE_COLUMNS))


@dataclass(frozen=True)
class Note:
    """A sentence about the communes, and how the page shows it: 'success' only when every commune answered."""

    kind: str  # success | info | summary (a summary stands above its table)
    text: str


def communication_note(detail: CommuneDetail) -> Note:
    """What the commune sheet says about communication; no claim about communes that did not answer."""
    total, unknown = detail.count_communes, len(detail.communication_unknown)
    if unknown == total:
        return Note("info", texts.UNIT_NO_COMMUNE_FIGURES)
    if detail.without_communication:
        return Note(
            "summary", texts.UNIT_NOT_COMMUNICATED_COUNT.format(count=len(detail.without_communication), total=total)
        )
    if unknown:
        return Note("info", texts.UNIT_SOME_COMMUNICATED.format(count=total - unknown, total=total, unknown=unknown))
    return Note("success", texts.UNIT_ALL_COMMUNICATED.format(total=total))


def inspection_note(detail: CommuneDetail) -> Note:
    """What the commune sheet says about inspections; no claim about communes that did not give both counts."""
    total, unknown = detail.count_communes, detail.count_inspection_unknown
    if unknown == total:
        return Note("info", texts.UNIT_NO_COMMUNE_FIGURES)
    if detail.uninspected:
        text = texts.UNIT_UNINSPECTED_SUMMARY.format(
            remaining=fmt.count(detail.total_remaining), communes=len(detail.uninspected), total=total
        )
        return Note("summary", text + (texts.UNIT_COMMUNES_UNKNOWN.format(count=unknown) if unknown else ""))
    if unknown:
        return Note("info", texts.UNIT_SOME_INSPECTED.format(count=total - unknown, total=total, unknown=unknown))
    return Note("success", texts.UNIT_ALL_INSPECTED)


def uninspected_table(detail: CommuneDetail) -> pd.DataFrame:
    """The communes with establishments left to inspect, and a total row; numbers in Vietnamese format."""
    rows = [
        (c.commune_code, c.commune_name, c.count_establishments, c.count_inspected, c.count_remaining)
        for c in detail.uninspected
    ]
    rows.append(("", texts.UNIT_TOTAL_ROW, detail.total_establishments, detail.total_inspected, detail.total_remaining))
    return pd.DataFrame(
        [(code, name, *(fmt.count(v) for v in numbers)) for code, name, *numbers in rows],
        columns=list(texts.UNIT_UNINSPECTED_COLUMNS),
    )


# --- reports of the year --------------------------------------------------------------


def _timeliness(first_received_at: datetime, due: date | None) -> tuple[bool | None, str]:
    """The calendar's verdict in words; every version is judged on its report's first arrival."""
    if due is None:
        return None, texts.UNIT_NO_DEADLINE
    state, days = calendar.timeliness(due, first_received_at)
    if state == "on_time":
        return True, texts.UNIT_ON_TIME
    return False, texts.UNIT_LATE.format(days=days)


def submission_lines(db: Database, plan_id: str, year: int, unit_code: str) -> list[SubmissionLine]:
    """Every version of every report the unit sent for the year, current and superseded."""
    rules = calendar.plan_rules(db, plan_id)
    lines = []
    for row in db.rows("unit_year_submissions", {"unit_code": unit_code, "year": year}):
        period = parse_period(row.period_code)
        due = calendar.due_date(period, rules)
        is_on_time, timeliness = _timeliness(row.first_received_at, due)
        lines.append(
            SubmissionLine(
                submission_id=row.submission_id,
                period_code=row.period_code,
                period_label=period.label,
                received_at=row.received_at,
                received_text=fmt.date_time(row.received_at),
                sender=row.sender,
                status=row.status,
                status_text=texts.UNIT_SUBMISSION_STATUS[row.status],
                deadline_text=fmt.date(due) if due else "",
                is_on_time=is_on_time,
                timeliness_text=timeliness,
                file_name=row.file_name,
                count_warnings=row.count_warnings,
            )
        )
    return lines


def missing_reports(db: Database, plan_id: str, period_code: str, submissions: list[SubmissionLine]) -> list[str]:
    """The reports the plan asks for, of periods ending by the chosen one, with no current version."""
    chosen = parse_period(period_code)
    rules = calendar.plan_rules(db, plan_id)
    received = {s.period_code for s in submissions if s.status == "current"}
    return [
        texts.UNIT_MISSING_REPORT.format(period=p.label, deadline=fmt.date(calendar.due_date(p, rules)))
        for p in calendar.expected_periods(chosen.year, rules)
        if p.end <= chosen.end and p.code not in received
    ]


def submissions_table(lines: list[SubmissionLine]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (
                s.period_label,
                s.received_text,
                s.sender,
                s.status_text,
                s.deadline_text,
                s.timeliness_text,
                s.file_name,
                fmt.count(s.count_warnings),
            )
            for s in lines
        ],
        columns=list(texts.UNIT_SUBMISSION_COLUMNS),
    )


# --- the profile ----------------------------------------------------------------------


def unit_profile(
    db: Database, plan_id: str, period_code: str, unit_code: str, approved_only: bool = False
) -> UnitProfile:
    """Everything the Đơn vị page shows; for the province, its indicators only (the rest is per unit)."""
    period = parse_period(period_code)
    header = plan_header(db, plan_id)
    is_province = unit_code == header.province_code
    lines, with_data = indicator_lines(db, plan_id, period.code, unit_code, approved_only)
    if is_province:
        name = texts.WHOLE_PROVINCE.format(name=header.province_name)
        return UnitProfile(plan_id, header.year, unit_code, name, True, period.code, period.label, with_data, "", lines)
    name = unit_names(db, plan_id).get(unit_code, unit_code)
    submissions = submission_lines(db, plan_id, header.year, unit_code)
    has_current = any(s.period_code == period.code and s.status == "current" for s in submissions)
    state = (texts.UNIT_REPORT_RECEIVED if has_current else texts.UNIT_REPORT_MISSING).format(
        period=in_sentence(period.label)
    )
    return UnitProfile(
        plan_id=plan_id,
        year=header.year,
        unit_code=unit_code,
        unit_name=name,
        is_province=False,
        period_code=period.code,
        period_label=period.label,
        has_data=with_data,
        report_state=state,
        indicators=lines,
        communes=commune_detail(db, header.year, period.code, unit_code),
        submissions=submissions,
        missing_reports=missing_reports(db, plan_id, period.code, submissions),
    )


# --- the page -------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitPage:
    """Everything the Đơn vị page shows: the profile, and its communes and reports as tables.

    The indicators' table is a Styler (its cells' colours), made when the page draws it: a Styler holds
    functions, which a cache cannot copy."""

    profile: UnitProfile
    communication: Note | None  # None without a commune sheet
    not_communicated: pd.DataFrame | None  # the communes that answered «Không», if any
    inspection: Note | None
    uninspected: pd.DataFrame | None  # the communes with establishments left to inspect, if any
    submissions: pd.DataFrame | None  # None when the unit sent nothing in the year
    reform: str | None  # its predecessors before 1 July 2025, or its territory's communes after
    communes_title: str  # 'Các xã, phường, thị trấn', after the reform 'Các xã, phường, đặc khu'


def reform_note(db: Database, plan_id: str, unit_code: str) -> str | None:
    """Where a unit stands in the 2025 reform: a commune's predecessors, or the communes a district's territory
    went to (core/continuity.py); None for a unit the crosswalk does not name."""
    plan = db.one("plan_row", {"plan_id": plan_id})
    unit = db.one("unit_by_code", {"structure": plan.structure, "unit_code": unit_code})
    if unit is None or unit.level == "province":
        return None
    if plan.structure == continuity.AFTER:
        parts = continuity.predecessors(db, unit_code)
        if not parts:
            return None
        by_district: dict[str, list[str]] = {}  # in the crosswalk's order: by district, then commune
        for part in parts:
            name = part.name if part.whole else texts.UNIT_REFORM_PART.format(name=part.name)
            by_district.setdefault(part.district_name, []).append(name)
        names = [
            texts.UNIT_REFORM_DISTRICT.format(names=", ".join(communes), district=district)
            for district, communes in by_district.items()
        ]
        return texts.UNIT_REFORM_FROM.format(names="; ".join(names))
    successors = continuity.successors(db, unit_code, unit.level)
    if not successors:
        return None
    return texts.UNIT_REFORM_TO.format(count=len(successors), names=", ".join(successors.values()))


def unit_page(db: Database, plan_id: str, period_code: str, unit_code: str, approved_only: bool = False) -> UnitPage:
    profile = unit_profile(db, plan_id, period_code, unit_code, approved_only)
    detail = profile.communes
    without = detail is not None and bool(detail.without_communication)
    uninspected = detail is not None and bool(detail.uninspected)
    return UnitPage(
        profile=profile,
        communication=None if detail is None else communication_note(detail),
        not_communicated=communes_table(detail.without_communication) if without else None,
        inspection=None if detail is None else inspection_note(detail),
        uninspected=uninspected_table(detail) if uninspected else None,
        submissions=submissions_table(profile.submissions) if profile.submissions else None,
        reform=None if profile.is_province else reform_note(db, plan_id, unit_code),
        communes_title=texts.UNIT_COMMUNES[db.one("plan_row", {"plan_id": plan_id}).structure],
    )
