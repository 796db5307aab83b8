"""Lịch sử nộp: every version of every report a user may see, the original file as it was sent, two versions
compared."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from core import calendar, fmt, texts
from core.archive import archive_dir_for
from core.auth import User
from core.db import Database
from core.periods import parse_period
from screens import choices
from screens.comparison import count_changes, side_by_side, submission_values
from screens.results import MAX_GRID_ROWS

ALL = ""  # the unit and period filters' choice for every one (kept in the URL)


class ArchiveError(Exception):
    """The original file of a submission is missing from the archive or no longer matches its hash."""


@dataclass(frozen=True)
class HistoryFilters:
    """What the page's filters offer, before anything is chosen."""

    units: dict[str, str]  # ALL first, then the plan's reporting units the user may see
    periods: dict[str, str]  # ALL first, then the periods of the plan's year
    caption: str  # which year the list covers


@dataclass(frozen=True)
class HistoryPage:
    """The versions that match the filters, newest first, and for each one the versions it can be compared with.
    The table and the version picker hold the newest MAX_GRID_ROWS (a country's year has tens of thousands: a grid
    and a list that long cost the browser a few hundred milliseconds at every click, and nobody reads them whole)."""

    table: pd.DataFrame
    total: int  # the versions that match the filters
    shown: tuple[int, ...]  # the table's versions, newest first: those the version picker offers
    versions: dict[int, str]  # submission_id -> the version in words, for every version that matches
    others: dict[int, list[int]]  # submission_id -> the other versions of the same report, newest first
    compare_with: dict[int, int | None]  # submission_id -> the version shown beside it first; None: it is alone


@dataclass(frozen=True)
class Comparison:
    table: pd.DataFrame  # the older version on the left
    count_changes: int
    summary: str  # how many figures differ, in words


def history_filters(db: Database, user: User, plan_id: str) -> HistoryFilters:
    return HistoryFilters(
        units={ALL: texts.HISTORY_ALL_UNITS, **choices.users_reporting_units(db, plan_id, user)},
        periods={ALL: texts.HISTORY_ALL_PERIODS, **choices.period_choices(db, plan_id)},
        caption=texts.HISTORY_CAPTION.format(year=choices.plan_year(db, plan_id)),
    )


def _version_state(status: str, superseded_by: int | None) -> str:
    if status == "current":
        return texts.HISTORY_CURRENT
    return texts.HISTORY_SUPERSEDED.format(submission_id=superseded_by)


def _against_deadline(due: date | None, received_at: datetime) -> str:
    """When this version came, against the deadline (the report's own timeliness keeps its first version's date)."""
    if due is None:
        return texts.HISTORY_NO_DEADLINE
    state, days = calendar.timeliness(due, received_at)
    return texts.REPORT_STATE_ON_TIME if state == "on_time" else texts.REPORT_STATE_LATE.format(days=fmt.count(days))


def history_rows(
    db: Database, user: User, plan_id: str, unit_code: str | None = None, period_code: str | None = None
) -> list:
    """Every version for the plan's units and year that `user` may see (unit staff: their own units)."""
    return db.rows(
        "plan_submission_history",
        {
            "plan_id": plan_id,
            "unit_code": unit_code,
            "period_code": period_code,
            "unit_codes": None if user.sees_every_unit else list(user.unit_codes),
        },
    )


def _table(db: Database, plan_id: str, rows: list) -> pd.DataFrame:
    """Rows of plan_submission_history as the page lists them."""
    periods = {code: parse_period(code) for code in {version.period_code for version in rows}}
    rules = calendar.plan_rules(db, plan_id)  # read once, not once per version (2,784 on the national plan)
    deadlines = {code: calendar.due_date(period, rules) for code, period in periods.items()}
    shown = [
        (
            f"#{version.submission_id}",
            version.unit_name,
            periods[version.period_code].label,
            version.file_name,
            version.sender,
            fmt.date_time(version.received_at),
            _against_deadline(deadlines[version.period_code], version.received_at),
            _version_state(version.status, version.superseded_by),
            fmt.count(version.count_warnings),
        )
        for version in rows
    ]
    return pd.DataFrame(shown, columns=texts.HISTORY_COLUMNS)


def history_table(
    db: Database, user: User, plan_id: str, unit_code: str | None = None, period_code: str | None = None
) -> pd.DataFrame:
    """Every version sent for the plan's units and year, newest first."""
    return _table(db, plan_id, history_rows(db, user, plan_id, unit_code, period_code))


def version_label(row) -> str:
    """A version (a row of plan_submission_history) in words."""
    return texts.HISTORY_VERSION_LABEL.format(
        submission_id=row.submission_id,
        unit=row.unit_name,
        period=parse_period(row.period_code).label,
        received=fmt.date_time(row.received_at),
        state=_version_state(row.status, row.superseded_by),
    )


def default_comparison(versions: Iterable[int], chosen: int) -> int | None:
    """The version to compare the chosen one with: the one it replaced, else the one that replaced it.
    `versions`: every version of the chosen one's report, itself included."""
    others = [sid for sid in versions if sid != chosen]
    older = [sid for sid in others if sid < chosen]
    return max(older) if older else min(others, default=None)


def history_page(
    db: Database, user: User, plan_id: str, unit_code: str | None = None, period_code: str | None = None
) -> HistoryPage:
    """The Lịch sử nộp page's view of the versions that match the filters.

    The versions of one report share its unit and period, so they pass the same filters: each one's others
    are found in the same list."""
    rows = history_rows(db, user, plan_id, unit_code, period_code)
    same_report: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        same_report.setdefault((row.unit_code, row.period_code), []).append(row.submission_id)
    reports = {row.submission_id: same_report[(row.unit_code, row.period_code)] for row in rows}
    shown = rows[:MAX_GRID_ROWS]
    return HistoryPage(
        table=_table(db, plan_id, shown),
        total=len(rows),
        shown=tuple(row.submission_id for row in shown),
        versions={row.submission_id: version_label(row) for row in rows},
        others={sid: [other for other in report if other != sid] for sid, report in reports.items()},
        compare_with={sid: default_comparison(report, sid) for sid, report in reports.items()},
    )


def count_text(page: HistoryPage) -> str:
    """'1.234 lần nộp', or how many the table shows of them and how to find the others."""
    if len(page.shown) < page.total:
        return texts.HISTORY_COUNT_FIRST.format(shown=fmt.count(len(page.shown)), total=fmt.count(page.total))
    return texts.HISTORY_COUNT.format(count=fmt.count(page.total))


def _summary_for(db: Database, user: User, submission_id: int):
    """A submission's row (query submission_summary), if it exists and `user` may see its unit; ArchiveError
    otherwise."""
    summary = db.one("submission_summary", {"submission_id": submission_id})
    if summary is None or not user.visible_units([summary.unit_code]):
        raise ArchiveError(texts.HISTORY_FILE_UNKNOWN.format(submission_id=submission_id))
    return summary


def compare_versions(db: Database, user: User, first_id: int, second_id: int) -> Comparison:
    """Two versions side by side, the older on the left, and how many figures differ."""
    older, newer = sorted((first_id, second_id))
    for submission_id in (older, newer):
        _summary_for(db, user, submission_id)  # both must be of units the user may see
    old_values, new_values = submission_values(db, older), submission_values(db, newer)
    table = side_by_side(
        old_values,
        new_values,
        texts.HISTORY_VERSION_COLUMN.format(submission_id=older),
        texts.HISTORY_VERSION_COLUMN.format(submission_id=newer),
    )
    changes = count_changes(old_values, new_values)
    summary = texts.HISTORY_CHANGES_COUNT.format(count=changes) if changes else texts.HISTORY_NO_CHANGES
    return Comparison(table, changes, summary)


def original_file(db: Database, user: User, submission_id: int) -> tuple[str, bytes, str]:
    """The file exactly as it was sent (name, bytes, SHA-256), checked against the hash recorded when it arrived."""
    summary = _summary_for(db, user, submission_id)
    file_name, relative, sha256 = summary.file_name, summary.archive_path, summary.file_sha256
    path = archive_dir_for(db) / relative
    if not path.is_file():
        raise ArchiveError(texts.HISTORY_FILE_MISSING.format(submission_id=submission_id, file=file_name))
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ArchiveError(texts.HISTORY_FILE_ALTERED.format(submission_id=submission_id, file=file_name))
    return file_name, data, sha256
