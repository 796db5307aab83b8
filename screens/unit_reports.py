"""Báo cáo của đơn vị, the landing page of a unit's staff: each report the plan asks of their unit this year, when it
is due, whether it was sent (on time, late) or is missing, what the secretariat holds, and the form to fill: blank,
or for a report already sent, pre-filled with the figures on record so a correction changes only what is wrong."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from core import fmt, reviews, texts
from core.auth import User
from core.db import Database
from core.periods import parse_period
from core.submissions import recorded_report
from etl.template import returned_form, template_bytes, template_file_name
from screens import choices
from screens.reporting_status import reporting_status
from screens.review import unit_review_text
from screens.verification import held_items


@dataclass(frozen=True)
class ReportLine:
    """One report of the unit: a period of the plan's calendar."""

    unit_code: str
    period_code: str
    period: str  # 'Quý I năm 2023'
    deadline: str  # '15/03/2023'
    state: str  # core.calendar.STATES
    state_text: str  # 'Đã nộp, trễ 3 ngày'
    received: str  # when the newest version came; '—' when none
    versions: int  # how many versions were sent
    held: list[str]  # what the secretariat holds of the report, in words
    review: str | None = None  # the secretariat's decision on it: approved (locked) or returned, and why
    returned: bool = False  # returned: to be corrected and sent again

    @property
    def sent(self) -> bool:
        return self.versions > 0


@dataclass(frozen=True)
class UnitReports:
    unit_code: str
    unit_name: str
    next_report: str  # the report to prepare now, its deadline and the days left, in a sentence
    lines: list[ReportLine]


@dataclass(frozen=True)
class UnitReportsPage:
    caption: str
    units: list[UnitReports]  # the plan's units the user reports for, in code order


@dataclass(frozen=True)
class FormDownload:
    data: bytes
    file_name: str


def _state_text(state: str, days: int | None) -> str:
    if state in ("late", "missing"):
        return texts.UNIT_REPORTS_STATES[state].format(days=fmt.count(days))
    return texts.UNIT_REPORTS_STATES[state]


def time_left(due: date, today: date) -> str:
    """A deadline against `today`, in words: 'còn 12 ngày', 'hạn là hôm nay', 'đã quá hạn 3 ngày'."""
    days = (due - today).days
    if days > 0:
        return texts.UNIT_REPORTS_DAYS_LEFT.format(days=fmt.count(days))
    if days == 0:
        return texts.UNIT_REPORTS_DUE_TODAY
    return texts.UNIT_REPORTS_DAYS_OVERDUE.format(days=fmt.count(-days))


def _next_report(lines: list[ReportLine], deadlines: dict[str, date], today: date) -> str:
    """The report to prepare: the oldest one begun and not sent, else the next one to begin; or that all are sent."""
    if not lines:
        return texts.UNIT_REPORTS_NOTHING_DUE
    returned = [line for line in lines if line.returned]
    if returned:  # the secretariat sent it back: to correct before anything else
        return texts.UNIT_REPORTS_RETURNED_NEXT.format(period=returned[0].period)
    unsent = [line for line in lines if not line.sent]
    if not unsent:
        return texts.UNIT_REPORTS_ALL_SENT
    begun = [line for line in unsent if parse_period(line.period_code).start <= today]
    line = (begun or unsent)[0]
    due = deadlines[line.period_code]
    return texts.UNIT_REPORTS_NEXT.format(period=line.period, deadline=fmt.date(due), when=time_left(due, today))


def unit_reports_page(db: Database, plan_id: str, user: User, today: date) -> UnitReportsPage:
    """The reports of the plan's year for each unit `user` reports for, as of `today`."""
    status = reporting_status(db, plan_id, today)
    names = dict(status.units)
    mine = user.visible_units(list(names))
    year = status.year
    versions: Counter[tuple[str, str]] = Counter()
    received: dict[tuple[str, str], str] = {}
    # One query for every unit (the secretariat sees 65-168 of them).
    for row in db.rows("units_year_versions", {"unit_code": mine, "year": year}):
        if row.received_at.date() <= today:  # a later version is not seen yet, as in the reporting grid
            versions[(row.unit_code, row.period_code)] += 1
            received[(row.unit_code, row.period_code)] = fmt.date_time(row.received_at)  # in order: the newest
    held: dict[tuple[str, str], list[str]] = {}
    for item in held_items(db, plan_id):
        if item.unit_code in mine:
            held.setdefault((item.unit_code, item.period_code), []).append(
                texts.UNIT_REPORTS_HELD.format(figures=item.figures, problem=item.problem, state=item.state_text)
            )
    deadlines = {column.period_code: column.deadline for column in status.periods}
    decided = reviews.reviews(db.rows, [column.period_code for column in status.periods], mine)
    units = []
    for unit_code in mine:
        lines = []
        for column in status.periods:
            key = (unit_code, column.period_code)
            cell = status.cells[key]
            lines.append(
                ReportLine(
                    unit_code=unit_code,
                    period_code=column.period_code,
                    period=column.full_label,
                    deadline=fmt.date(column.deadline),
                    state=cell.state,
                    state_text=_state_text(cell.state, cell.days),
                    received=received.get(key, fmt.MISSING),
                    versions=versions[key],
                    held=held.get(key, []),
                    review=unit_review_text(decided.get(key)),
                    returned=key in decided and decided[key].state == reviews.RETURNED,
                )
            )
        units.append(
            UnitReports(
                unit_code=unit_code,
                unit_name=names[unit_code],
                next_report=_next_report(lines, deadlines, today),
                lines=lines,
            )
        )
    return UnitReportsPage(caption=texts.UNIT_REPORTS_CAPTION.format(year=year, today=fmt.date(today)), units=units)


def form_download(db: Database, plan_id: str, user: User, unit_code: str, period_code: str) -> FormDownload:
    """The form of a unit and period: pre-filled with the report on record if there is one, else blank.

    Only for a unit the user reports for: the figures on record are the unit's own, checked here on the server.
    """
    if unit_code not in choices.users_reporting_units(db, plan_id, user):
        raise PermissionError(user.username)
    recorded = recorded_report(db, unit_code, period_code)
    review = reviews.review_of(db, unit_code, period_code)
    if review is not None and review.state == reviews.RETURNED:  # what to correct, marked in the form
        notes = {note.element_code: note.note for note in review.notes}
        data = returned_form(db, unit_code, period_code, recorded, review.reason, notes)
    else:
        data = template_bytes(db, unit_code, period_code, recorded)
    return FormDownload(data, template_file_name(unit_code, period_code, correction=recorded is not None))


def form_maker(db: Database, plan_id: str, user: User, line: ReportLine) -> Callable[[], bytes]:
    """The form of a report line, to be made when its download button is pressed (Streamlit calls it then, outside
    the page's run): a page of six periods does not build six workbooks on every run."""
    return lambda: form_download(db, plan_id, user, line.unit_code, line.period_code).data


def form_file_name(line: ReportLine) -> str:
    """The name `form_download` gives the form of a report line, known before the form is made."""
    return template_file_name(line.unit_code, line.period_code, correction=line.sent)
