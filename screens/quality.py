"""The data-quality warnings raised when reports were loaded, by unit and period, for the secretariat to follow up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

import pandas as pd

from core import fmt, texts
from core.db import Database
from core.periods import parse_period, periods_of_year
from screens import choices

ALL_PERIODS = "all"  # the period filter's choice for every period of the year (kept in the URL)
UNIT_PAGE_URL = "/don-vi"  # url_path of pages/unit.py in dashboard.py
# What the secretariat reads first comes first (a projector shows about seven columns):
# where, what is wrong and the way to the unit; then which version and file.
WARNING_COLUMNS = (
    texts.QUALITY_COLUMN_UNIT,
    texts.QUALITY_COLUMN_PERIOD,
    texts.QUALITY_COLUMN_SHEET,
    texts.QUALITY_COLUMN_CELL,
    texts.QUALITY_COLUMN_ELEMENT,
    texts.QUALITY_COLUMN_MESSAGE,
    texts.QUALITY_COLUMN_LINK,
    texts.QUALITY_COLUMN_RECEIVED,
    texts.QUALITY_COLUMN_VERSION,
    texts.QUALITY_COLUMN_FILE,
)


@dataclass(frozen=True)
class QualityWarning:
    """One warning of one version of a report."""

    submission_id: int
    unit_code: str
    unit_name: str
    period_code: str
    status: str  # current | superseded: the version that carried the warning
    received_at: datetime
    file_name: str
    sheet: str
    cell: str
    element_code: str
    message: str


@dataclass(frozen=True)
class QualityView:
    plan_id: str
    year: int
    has_submissions: bool  # any current report of the plan's year
    include_superseded: bool
    unit_code: str | None  # None: every unit of the plan
    period_code: str | None  # None: every period of the year
    warnings: list[QualityWarning] = field(default_factory=list)

    @property
    def count_reports(self) -> int:
        return len({w.submission_id for w in self.warnings})

    @property
    def count_units(self) -> int:
        return len({w.unit_code for w in self.warnings})

    @property
    def summary(self) -> str:
        return texts.QUALITY_SUMMARY.format(
            warnings=fmt.count(len(self.warnings)),
            reports=fmt.count(self.count_reports),
            units=fmt.count(self.count_units),
        )


def unit_filter_choices(db: Database, plan_id: str) -> dict[str, str]:
    """The province first (every unit), then each reporting unit."""
    return choices.unit_choices(db, plan_id)


def period_filter_choices(db: Database, plan_id: str) -> dict[str, str]:
    """Every period first, then the periods of the plan's year."""
    return {ALL_PERIODS: texts.QUALITY_ALL_PERIODS, **choices.period_choices(db, plan_id)}


def quality_view(
    db: Database,
    plan_id: str,
    unit_code: str | None = None,
    period_code: str | None = None,
    include_superseded: bool = False,
) -> QualityView:
    """The warnings of the plan's reports of its year; the province or ALL_PERIODS mean no filter."""
    year = choices.plan_year(db, plan_id)
    province_code = db.one("plan_row", {"plan_id": plan_id}).province_code
    unit_filter = None if unit_code in (None, "", province_code) else unit_code
    period_filter = None if period_code in (None, "", ALL_PERIODS) else period_code
    rows = db.rows(
        "plan_submission_warnings",
        {
            "plan_id": plan_id,
            "include_superseded": include_superseded,
            "unit_code": unit_filter,
            "period_code": period_filter,
        },
    )
    return QualityView(
        plan_id=plan_id,
        year=year,
        has_submissions=bool(db.rows("plan_data_summary", {"plan_id": plan_id, "year": year, "unit_codes": None})),
        include_superseded=include_superseded,
        unit_code=unit_filter,
        period_code=period_filter,
        warnings=[QualityWarning(**row._asdict()) for row in rows],
    )


def unit_profile_url(plan_id: str, period_code: str, unit_code: str) -> str:
    """The unit profile page opened on the report's unit and period."""
    return f"{UNIT_PAGE_URL}?{urlencode({'plan': plan_id, 'period': period_code, 'unit': unit_code})}"


def warnings_table(view: QualityView) -> pd.DataFrame:
    """One row per warning, worded for the secretariat; the last column links to the unit's profile."""
    return pd.DataFrame(
        [
            {
                texts.QUALITY_COLUMN_UNIT: w.unit_name,
                texts.QUALITY_COLUMN_PERIOD: parse_period(w.period_code).label,
                texts.QUALITY_COLUMN_VERSION: texts.QUALITY_VERSION_LABELS[w.status],
                texts.QUALITY_COLUMN_SHEET: w.sheet,
                texts.QUALITY_COLUMN_CELL: w.cell,
                texts.QUALITY_COLUMN_ELEMENT: w.element_code,
                texts.QUALITY_COLUMN_MESSAGE: w.message,
                texts.QUALITY_COLUMN_RECEIVED: fmt.date_time(w.received_at),
                texts.QUALITY_COLUMN_FILE: w.file_name,
                texts.QUALITY_COLUMN_LINK: unit_profile_url(view.plan_id, w.period_code, w.unit_code),
            }
            for w in view.warnings
        ],
        columns=list(WARNING_COLUMNS),
    )


def _counts(groups: list[tuple[str, list[QualityWarning]]], first_column: str) -> pd.DataFrame:
    return pd.DataFrame(
        [[label, fmt.count(len(found)), fmt.count(len({w.submission_id for w in found}))] for label, found in groups],
        columns=[first_column, texts.QUALITY_COLUMN_COUNT_WARNINGS, texts.QUALITY_COLUMN_COUNT_REPORTS],
    )


def counts_by_unit(view: QualityView) -> pd.DataFrame:
    """Warnings and reports with warnings per unit, the unit with most warnings first."""
    groups: dict[str, list[QualityWarning]] = {}
    for w in view.warnings:
        groups.setdefault(w.unit_code, []).append(w)
    ordered = sorted(groups.values(), key=lambda found: (-len(found), found[0].unit_code))
    return _counts([(found[0].unit_name, found) for found in ordered], texts.QUALITY_COLUMN_UNIT)


def counts_by_period(view: QualityView) -> pd.DataFrame:
    """Warnings and reports with warnings per period, in calendar order."""
    order = {p.code: n for n, p in enumerate(periods_of_year(view.year))}
    groups: dict[str, list[QualityWarning]] = {}
    for w in sorted(view.warnings, key=lambda w: order.get(w.period_code, len(order))):
        groups.setdefault(w.period_code, []).append(w)
    return _counts([(parse_period(code).label, found) for code, found in groups.items()], texts.QUALITY_COLUMN_PERIOD)


# --- the page ----------------------------------------------------------------------


@dataclass(frozen=True)
class QualityFilters:
    """What the page's filters offer, before anything is chosen."""

    units: dict[str, str]  # the province (every unit) first, then each reporting unit
    periods: dict[str, str]  # ALL_PERIODS first, then the periods of the plan's year


@dataclass(frozen=True)
class QualityPage:
    """Everything the Chất lượng số liệu page shows for the chosen filters."""

    view: QualityView
    caption: str
    warnings: pd.DataFrame
    by_unit: pd.DataFrame
    by_period: pd.DataFrame


def quality_filters(db: Database, plan_id: str) -> QualityFilters:
    return QualityFilters(unit_filter_choices(db, plan_id), period_filter_choices(db, plan_id))


def quality_page(
    db: Database, plan_id: str, unit_code: str | None, period_code: str | None, include_superseded: bool
) -> QualityPage:
    view = quality_view(db, plan_id, unit_code, period_code, include_superseded)
    return QualityPage(
        view=view,
        caption=texts.QUALITY_CAPTION.format(year=view.year),
        warnings=warnings_table(view),
        by_unit=counts_by_unit(view),
        by_period=counts_by_period(view),
    )
