"""Who has reported what, and when: each unit's report for each period the plan's calendar expects."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property

import pandas as pd
from pandas.io.formats.style import Styler

from core import calendar, fmt, texts
from core.contacts import Contact, contacts_of
from core.db import Database
from core.textnorm import fold
from screens.choices import plan_year
from screens.results import MAX_GRID_ROWS

# Each state (core.calendar.STATES) borrows the meaning of a status colour of the palette (texts.STATUS_COLOURS).
STATE_COLOURS = {
    "on_time": texts.STATUS_COLOURS["met"],
    "late": texts.STATUS_COLOURS["behind"],
    "missing": texts.STATUS_COLOURS["missed"],
    "not_due": texts.STATUS_COLOURS["no_data"],
}
CELL_TEXT_COLOUR = "#000000"  # black reads on every colour of the palette, also on a projector


@dataclass(frozen=True)
class Cell:
    """One unit's report for one period, as of a given day."""

    unit_code: str
    unit_name: str
    period_code: str
    period_label: str  # short: 'Quý I', 'Cả năm'
    deadline: date
    state: str  # on_time | late | missing | not_due
    first_received_at: datetime | None  # None when not received by the day looked at
    days: int | None  # late: days after the deadline it came; missing: days overdue

    @property
    def text(self) -> str:
        if self.state == "late":
            return texts.REPORT_STATE_LATE.format(days=fmt.count(self.days))
        return {
            "on_time": texts.REPORT_STATE_ON_TIME,
            "missing": texts.REPORT_STATE_MISSING,
            "not_due": texts.REPORT_STATE_NOT_DUE,
        }[self.state]


@dataclass(frozen=True)
class Rates:
    """Counts and rates over the reports already due (a period not yet due counts nowhere)."""

    count_due: int
    count_received: int
    count_on_time: int

    @property
    def count_missing(self) -> int:
        return self.count_due - self.count_received

    @property
    def count_late(self) -> int:
        return self.count_received - self.count_on_time

    @property
    def completeness(self) -> float | None:
        return self.count_received / self.count_due if self.count_due else None

    @property
    def timeliness(self) -> float | None:
        return self.count_on_time / self.count_due if self.count_due else None


@dataclass(frozen=True)
class PeriodColumn:
    period_code: str
    label: str  # short: 'Quý I'
    full_label: str  # 'Quý I năm 2023'
    deadline: date
    is_default: bool  # the plan is silent: the general deadline of DOMAIN.md section 5 applies
    rates: Rates

    @property
    def deadline_text(self) -> str:
        return fmt.date(self.deadline) + (texts.REPORTING_DEFAULT_MARK if self.is_default else "")

    @property
    def header(self) -> str:
        """'Quý I · hạn 15/03*': day and month only, the year is the plan's (six columns must fit)."""
        mark = texts.REPORTING_HEADER_DEFAULT_MARK if self.is_default else ""
        return texts.REPORTING_GRID_HEADER.format(period=self.label, deadline=fmt.day_month(self.deadline)) + mark


@dataclass(frozen=True)
class ReportingStatus:
    plan_id: str
    year: int
    today: date
    has_submissions: bool  # any current report of the plan's year, whatever its date
    units: list[tuple[str, str]]  # (code, name) in code order
    periods: list[PeriodColumn]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (unit, period) -> cell
    overall: Rates = field(default_factory=lambda: Rates(0, 0, 0))

    @cached_property  # read once per unit by the sentences and the tables: 3,321 communes made it quadratic
    def chase(self) -> list[Cell]:
        """Reports to chase: missing ones past their deadline (most overdue first), then late ones."""
        missing = [c for c in self.cells.values() if c.state == "missing"]
        late = [c for c in self.cells.values() if c.state == "late"]
        order = {p.period_code: n for n, p in enumerate(self.periods)}
        return sorted(missing, key=lambda c: (-c.days, c.unit_code, order[c.period_code])) + sorted(
            late, key=lambda c: (-c.days, c.unit_code, order[c.period_code])
        )

    @cached_property
    def chase_units(self) -> list[str]:
        """The units to call, in the order of the chase list (those with a missing report first)."""
        return list(dict.fromkeys(c.unit_code for c in self.chase))


def _rates(cells: list[Cell]) -> Rates:
    due = [c for c in cells if c.state != "not_due"]
    return Rates(
        count_due=len(due),
        count_received=sum(1 for c in due if c.state in ("on_time", "late")),
        count_on_time=sum(1 for c in due if c.state == "on_time"),
    )


def _reports_by_due_date(db: Database, plan_id: str) -> tuple[int, list[tuple[date, date, str]]]:
    """The plan's year, and the reports its calendar expects as (deadline, start, period code), earliest due first."""
    rules = calendar.plan_rules(db, plan_id)
    year = plan_year(db, plan_id)
    return year, sorted((calendar.due_date(p, rules), p.start, p.code) for p in calendar.expected_periods(year, rules))


def _upcoming(dated: list[tuple[date, date, str]], today: date) -> str:
    """The first report whose deadline has not passed on `today`; once the year is over, the last."""
    return next((code for due, _, code in dated if due >= today), dated[-1][2])


def due_period(db: Database, plan_id: str, today: date, unit_code: str | None = None) -> str | None:
    """The report to prepare on `today`: for a unit, its oldest begun report not yet sent; else (or if
    it sent them all) the first report whose deadline has not passed, or once the year is over the last.

    None when the plan's calendar expects no report.
    """
    if unit_code is not None:
        return due_periods(db, plan_id, today, [unit_code])[unit_code]
    _, dated = _reports_by_due_date(db, plan_id)
    return _upcoming(dated, today) if dated else None


def due_periods(db: Database, plan_id: str, today: date, unit_codes: list[str]) -> dict[str, str | None]:
    """`due_period` of each unit, from one read of the year's receipts (a country's plan has hundreds of units)."""
    year, dated = _reports_by_due_date(db, plan_id)
    if not dated:
        return dict.fromkeys(unit_codes)
    sent: dict[str, set[str]] = {code: set() for code in unit_codes}
    for row in db.rows("plan_year_first_receipts", {"plan_id": plan_id, "year": year}):
        if row.unit_code in sent:
            sent[row.unit_code].add(row.period_code)
    begun = [code for _, start, code in dated if start <= today]
    upcoming = _upcoming(dated, today)
    return {unit: next((code for code in begun if code not in sent[unit]), upcoming) for unit in unit_codes}


def reporting_status(db: Database, plan_id: str, today: date | None = None) -> ReportingStatus:
    """The grid of the plan's units × the periods its calendar expects, as of `today`.

    Receipts after `today` are not seen, so a past day shows the picture as it stood then
    (and tests do not depend on the clock).
    """
    today = today or date.today()
    year = plan_year(db, plan_id)
    rules = calendar.plan_rules(db, plan_id)
    units = [(row.unit_code, row.name) for row in db.rows("plan_reporting_units", {"plan_id": plan_id})]
    receipts = {
        (row.unit_code, row.period_code): row.first_received_at
        for row in db.rows("plan_year_first_receipts", {"plan_id": plan_id, "year": year})
    }
    cells: dict[tuple[str, str], Cell] = {}
    columns = []
    for period in calendar.expected_periods(year, rules):
        due = calendar.due_date(period, rules)
        is_default = rules[period.period_type].is_default
        column_cells = []
        for unit_code, unit_name in units:
            state, days = calendar.judge(due, receipts.get((unit_code, period.code)), today)
            received = receipts.get((unit_code, period.code)) if state in ("on_time", "late") else None
            cell = Cell(unit_code, unit_name, period.code, period.short_label, due, state, received, days)
            cells[(unit_code, period.code)] = cell
            column_cells.append(cell)
        columns.append(
            PeriodColumn(period.code, period.short_label, period.label, due, is_default, _rates(column_cells))
        )
    return ReportingStatus(
        plan_id=plan_id,
        year=year,
        today=today,
        has_submissions=bool(receipts),
        units=units,
        periods=columns,
        cells=cells,
        overall=_rates(list(cells.values())),
    )


# --- shaped for display ------------------------------------------------------------


def filtered(status: ReportingStatus, chase_only: bool = False, search: str = "") -> ReportingStatus:
    """The grid's units narrowed: those with a report missing or late (`chase_only`), and whose name holds `search`
    (accents, case and spacing aside). The rates and the list to chase stay the plan's."""
    to_chase = set(status.chase_units)
    wanted = fold(search)
    units = [
        (code, name) for code, name in status.units if (code in to_chase or not chase_only) and wanted in fold(name)
    ]
    return replace(status, units=units)


def in_grid(shown: ReportingStatus) -> ReportingStatus:
    """The units the grid draws: the first MAX_GRID_ROWS of those `filtered` kept (a country's 3,321 rows styled cell
    by cell took 0.4 s at every run of the page)."""
    return replace(shown, units=shown.units[:MAX_GRID_ROWS])


def shown_text(status: ReportingStatus, shown: ReportingStatus) -> str | None:
    """'Đang hiện 10/65 đơn vị.' under a narrowed grid, and how to see the others when it stops at MAX_GRID_ROWS;
    None when it shows every unit."""
    total = fmt.count(len(status.units))
    if len(shown.units) > MAX_GRID_ROWS:
        return texts.REPORTING_SHOWN_FIRST.format(shown=fmt.count(MAX_GRID_ROWS), total=total)
    if len(shown.units) == len(status.units):
        return None
    return texts.UNITS_SHOWN.format(shown=fmt.count(len(shown.units)), total=total)


def _grid_frames(status: ReportingStatus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The words shown in each cell, and the state behind each (for the colours)."""
    headers = [p.header for p in status.periods]
    words = {texts.COLUMN_UNIT: [name for _code, name in status.units]}
    states = {texts.COLUMN_UNIT: [None] * len(status.units)}
    for column, header in zip(status.periods, headers, strict=True):
        words[header] = [status.cells[(code, column.period_code)].text for code, _name in status.units]
        states[header] = [status.cells[(code, column.period_code)].state for code, _name in status.units]
    return pd.DataFrame(words), pd.DataFrame(states)


def grid_table(status: ReportingStatus) -> pd.DataFrame:
    """One row per unit, one column per expected period; each cell a state in words."""
    return _grid_frames(status)[0]


def grid_styler(status: ReportingStatus) -> Styler:
    """The grid with each cell coloured by its state (the word stays: never colour alone)."""
    words, states = _grid_frames(status)

    def css(state: str | None) -> str:
        if state is None:
            return f"color: {CELL_TEXT_COLOUR}"
        return f"background-color: {STATE_COLOURS[state]}; color: {CELL_TEXT_COLOUR}; font-weight: bold"

    return words.style.apply(lambda _frame: states.map(css), axis=None)


def deadlines_note(status: ReportingStatus) -> list[str]:
    """The lines under the grid: how deadlines are read, and which ones the plan left to the default."""
    lines = [texts.REPORTING_DEADLINES_NOTE.format(year=status.year)]
    defaults = [f"{p.label} ({fmt.date(p.deadline)})" for p in status.periods if p.is_default]
    if defaults:
        lines.append(texts.REPORTING_DEFAULTS_NOTE.format(periods=", ".join(defaults)))
    return lines


def _rates_row(label: str, deadline_text: str, rates: Rates) -> list[str]:
    return [
        label,
        deadline_text,
        fmt.count(rates.count_due),
        fmt.count(rates.count_received),
        fmt.count(rates.count_on_time),
        fmt.percent(rates.completeness),
        fmt.percent(rates.timeliness),
    ]


def rates_table(status: ReportingStatus) -> pd.DataFrame:
    """Completeness and timeliness per period, then over every period already due."""
    rows = [_rates_row(p.full_label, p.deadline_text, p.rates) for p in status.periods]
    rows.append(_rates_row(texts.REPORTING_RATES_TOTAL, "", status.overall))
    return pd.DataFrame(rows, columns=list(texts.REPORTING_RATES_COLUMNS))


def chase_table(status: ReportingStatus, contacts: dict[str, list[Contact]] | None = None) -> pd.DataFrame:
    """The reports to chase: what is missing and for how long, then what came late; with `contacts`, whom to
    reach at each unit (its first contact)."""
    rows = [
        [
            c.unit_name,
            next(p.full_label for p in status.periods if p.period_code == c.period_code),
            texts.REPORTING_CHASE_MISSING if c.state == "missing" else texts.REPORTING_CHASE_LATE,
            fmt.date(c.deadline),
            fmt.date(c.first_received_at) if c.first_received_at else fmt.MISSING,
            (texts.REPORTING_CHASE_OVERDUE_DAYS if c.state == "missing" else texts.REPORTING_CHASE_LATE_DAYS).format(
                days=fmt.count(c.days)
            ),
        ]
        for c in status.chase
    ]
    columns = list(texts.REPORTING_CHASE_COLUMNS)
    if contacts is not None:
        for row, c in zip(rows, status.chase, strict=True):
            row.append(next((contact.line for contact in contacts.get(c.unit_code, [])), ""))
        columns.append(texts.REPORTING_CHASE_CONTACT)
    return pd.DataFrame(rows, columns=columns)


CHASE_SENTENCES_SHOWN = 10  # units named one per line above the chase table; the rest are counted


def chase_sentences(status: ReportingStatus, shown: int | None = None) -> list[str]:
    """One line per unit to call, most overdue first: 'Huyện Đình Lập: chưa nộp quý IV (31 ngày), cả năm (21
    ngày)'; beyond `shown` units, one line counts the others (the page's table lists them all)."""
    lines = []
    units = status.chase_units
    by_unit: dict[str, list[Cell]] = {}
    for cell in status.chase:
        by_unit.setdefault(cell.unit_code, []).append(cell)
    for unit_code in units[:shown]:
        mine = by_unit[unit_code]
        items = []
        for state, template in (
            ("missing", texts.REPORTING_CHASE_UNIT_MISSING),
            ("late", texts.REPORTING_CHASE_UNIT_LATE),
        ):
            periods = [
                texts.REPORTING_CHASE_PERIOD_DAYS.format(period=_in_sentence(c.period_label), days=fmt.count(c.days))
                for c in mine
                if c.state == state
            ]
            if periods:
                items.append(template.format(periods=", ".join(periods)))
        lines.append(texts.REPORTING_CHASE_UNIT.format(unit=mine[0].unit_name, items="; ".join(items)))
    if shown is not None and len(units) > shown:
        lines.append(texts.REPORTING_CHASE_MORE.format(count=fmt.count(len(units) - shown)))
    return lines


def _in_sentence(short_label: str) -> str:
    """'Quý IV' -> 'quý IV', as Period.in_sentence does."""
    return short_label[0].lower() + short_label[1:]


# --- the page ----------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    value: str
    detail: str | None  # the counts behind it; None when there is nothing to count


@dataclass(frozen=True)
class ReportingPage:
    """Everything the Tình hình báo cáo page shows, as of one day."""

    status: ReportingStatus
    caption: str
    completeness: Metric
    timeliness: Metric
    chase_count: Metric  # units to call
    deadlines: list[str]  # the lines under the grid
    chase_sentences: list[str]
    chase: pd.DataFrame
    rates: pd.DataFrame


def reporting_page(db: Database, plan_id: str, today: date) -> ReportingPage:
    status = reporting_status(db, plan_id, today)
    overall = status.overall
    due = fmt.count(overall.count_due)
    return ReportingPage(
        status=status,
        caption=texts.REPORTING_CAPTION.format(year=status.year, today=fmt.date(today)),
        completeness=Metric(
            fmt.percent(overall.completeness),
            texts.REPORTING_COMPLETENESS_DETAIL.format(received=fmt.count(overall.count_received), due=due)
            if overall.count_due
            else texts.REPORTING_NOTHING_DUE,
        ),
        timeliness=Metric(
            fmt.percent(overall.timeliness),
            texts.REPORTING_TIMELINESS_DETAIL.format(on_time=fmt.count(overall.count_on_time), due=due)
            if overall.count_due
            else None,
        ),
        chase_count=Metric(
            fmt.count(len(status.chase_units)),
            texts.REPORTING_CHASE_DETAIL.format(
                missing=fmt.count(overall.count_missing), late=fmt.count(overall.count_late)
            ),
        ),
        deadlines=deadlines_note(status),
        chase_sentences=chase_sentences(status, CHASE_SENTENCES_SHOWN),
        chase=chase_table(status, contacts_of(db, status.chase_units)),
        rates=rates_table(status),
    )
