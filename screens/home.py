"""The home page: the plans, the chosen plan's targets with their sentences, its calendar, and where its data stands."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core import calendar, fmt, texts
from core.db import Database
from core.periods import periods_of_year
from screens.plan_info import PlanTarget, plan_header, plan_targets


@dataclass(frozen=True)
class PeriodLine:
    """How many units have reported one period of the plan's year."""

    period_code: str
    period: str  # 'Quý I năm 2023'
    text: str  # '3/7 đơn vị đã báo cáo quý I'


@dataclass(frozen=True)
class CalendarLine:
    """When one kind of report is due."""

    report: str  # 'Báo cáo quý'
    rule: str  # 'Trước ngày 15 tháng cuối kỳ'
    note: str  # why the rule applies when the plan is silent; else empty
    source: str  # the plan's sentence; empty for a default


@dataclass(frozen=True)
class HomePage:
    title: str
    document: str  # the plan's document: number, issuer, date
    owner: str  # 'Cơ quan thường trực: Sở Y tế tỉnh Lạng Sơn'
    units: str  # how many units report
    period_basis: str  # calendar periods, or Decree 09/2019's cut-off windows
    no_data: str  # what to say while no report of the year is in
    periods: list[PeriodLine]  # the periods with a report, in calendar order
    targets: list[PlanTarget]
    calendar: list[CalendarLine]
    plans: pd.DataFrame  # every plan, as a table

    @property
    def has_data(self) -> bool:
        return bool(self.periods)


def plans_table(db: Database) -> pd.DataFrame:
    frame = db.frame("list_plans")
    shown = {
        "plan_id": frame["plan_id"],
        "province_name": frame["province_name"],
        "year": frame["year"].astype(str),
        "document_number": frame["document_number"],
        "title": frame["title"],
        "count_units": frame["count_units"].map(fmt.count),
        "count_targets": frame["count_targets"].map(fmt.count),
    }
    return pd.DataFrame({texts.HOME_PLANS_COLUMNS[column]: values for column, values in shown.items()})


def deadline_text(day: int, months_after_end: int) -> str:
    month = (
        texts.DEADLINE_MONTH_LAST if months_after_end == 0 else texts.DEADLINE_MONTH_AFTER.format(n=months_after_end)
    )
    return texts.DEADLINE_RULE.format(day=day, month=month)


def plan_calendar(db: Database, plan_id: str) -> list[CalendarLine]:
    return [
        CalendarLine(
            report=texts.PERIOD_TYPE_LABELS[ptype],
            rule=deadline_text(rule.day, rule.months_after_end),
            note=texts.DEADLINE_DEFAULT if rule.is_default else "",
            source=rule.source or "",
        )
        for ptype, rule in calendar.plan_rules(db, plan_id).items()
    ]


def data_status(db: Database, plan_id: str, unit_codes: tuple[str, ...] | None = None) -> list[PeriodLine]:
    """Where the data of the plan's year stands: reports received per period, of every unit or, for a unit's
    staff, of `unit_codes` only (the province's counts are not theirs to see)."""
    plan = plan_header(db, plan_id)
    expected = plan.count_units
    if unit_codes is not None:
        plan_units = {row.unit_code for row in db.rows("plan_reporting_units", {"plan_id": plan_id})}
        expected = len(plan_units & set(unit_codes))
    received = {
        row.period_code: row.count_units
        for row in db.rows(
            "plan_data_summary",
            {"plan_id": plan_id, "year": plan.year, "unit_codes": None if unit_codes is None else list(unit_codes)},
        )
    }
    return [
        PeriodLine(
            period_code=p.code,
            period=p.label,
            text=texts.UNITS_REPORTED.format(
                current=fmt.count(received[p.code]), expected=fmt.count(expected), period=p.in_sentence
            ),
        )
        for p in periods_of_year(plan.year)
        if p.code in received
    ]


def home_page(db: Database, plan_id: str, unit_codes: tuple[str, ...] | None = None) -> HomePage:
    """The home page for the chosen plan; `unit_codes` (a unit's staff) limits the counts to those units."""
    header = plan_header(db, plan_id)
    return HomePage(
        title=header.title,
        document=texts.HOME_DOCUMENT.format(
            document=header.document_number, issued_by=header.issued_by, issued_on=header.issued_on
        ),
        owner=texts.OWNER_LINE.format(owner=header.owner),
        units=texts.HOME_UNITS.format(count=fmt.count(header.count_units)),
        period_basis=texts.PLAN_PERIOD_BASIS.format(basis=texts.PERIOD_BASIS_NAMES[header.period_basis]),
        no_data=texts.HOME_NO_DATA.format(year=header.year),
        periods=data_status(db, plan_id, unit_codes),
        targets=plan_targets(db, plan_id),
        calendar=plan_calendar(db, plan_id),
        plans=plans_table(db),
    )
