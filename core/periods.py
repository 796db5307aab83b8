"""Reporting periods: DHIS2-style codes (2023Q2, 2023S1, 2023), dates and Vietnamese names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core import fmt, texts
from core.textnorm import fold

PERIOD_TYPES = ("quarter", "half_year", "year")
# How a plan's periods cut the year (DOMAIN.md section 7): calendar quarters, or the data cut-off windows of
# Decree 09/2019/NĐ-CP (a period's figures run from the 15th of the month before it to the 14th of its last month).
CALENDAR, DECREE_09 = "calendar", "decree_09"
PERIOD_BASES = (CALENDAR, DECREE_09)
CUTOFF_DAY = 14  # Decree 09/2019: the last day of a window; the next one starts the day after
_CODE = re.compile(r"^(\d{4})(?:(Q)([1-4])|(S)([12]))?$")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
FIRST_YEAR, LAST_YEAR = 2010, 2035  # the periods table is filled for these years


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; ordered by start date, then by length (shorter first)."""

    start: date
    end: date
    code: str
    period_type: str
    year: int

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def months_elapsed(self) -> int:
        """Months from 1 January of the period's year to its end: 6 for Q2 and S1."""
        return self.end.month

    @property
    def label(self) -> str:
        """Vietnamese name as written on the form: 'Quý II năm 2023'."""
        if self.period_type == "quarter":
            return texts.PERIOD_LABEL_QUARTER.format(roman=_ROMAN[self.number], year=self.year)
        if self.period_type == "half_year":
            return texts.PERIOD_LABEL_HALF_YEAR.format(half=texts.PERIOD_HALVES[self.number], year=self.year)
        return texts.PERIOD_LABEL_YEAR.format(year=self.year)

    @property
    def short_label(self) -> str:
        if self.period_type == "quarter":
            return texts.PERIOD_SHORT_QUARTER.format(roman=_ROMAN[self.number])
        if self.period_type == "half_year":
            return texts.PERIOD_SHORT_HALF_YEARS[self.number]
        return texts.PERIOD_SHORT_YEAR

    @property
    def in_sentence(self) -> str:
        """The short label inside a sentence: 'quý IV', '6 tháng đầu năm', 'cả năm'."""
        return self.short_label[0].lower() + self.short_label[1:]

    @property
    def number(self) -> int:
        """Quarter 1-4 or half 1-2; 1 for a year."""
        return (self.start.month - 1) // self.months + 1


def _last_day(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


def data_window(period: Period, basis: str) -> tuple[date, date]:
    """The days a period's figures cover: the calendar period, or under Decree 09/2019 the cut-off window from the
    15th of the month before the period to the 14th of its last month (Q1 2026: 15/12/2025 to 14/03/2026; the
    first half: 15/12 to 14/06; the year: 15/12 to 14/12)."""
    if basis == CALENDAR:
        return period.start, period.end
    before = date(period.start.year - (period.start.month == 1), (period.start.month - 2) % 12 + 1, CUTOFF_DAY + 1)
    return before, date(period.end.year, period.end.month, CUTOFF_DAY)


def window_label(period: Period, basis: str) -> str:
    """The period's name, and under Decree 09/2019 the window its figures cover: 'Quý II năm 2026 (số liệu
    15/03/2026–14/06/2026)'. A calendar plan's periods keep their plain names."""
    if basis == CALENDAR:
        return period.label
    start, end = data_window(period, basis)
    return texts.PERIOD_WINDOW_LABEL.format(label=period.label, start=fmt.date(start), end=fmt.date(end))


def parse_period(code: str) -> Period:
    """Parse a DHIS2-style code; raise ValueError with a Vietnamese message otherwise."""
    match = _CODE.match(code.strip().upper()) if isinstance(code, str) else None
    if not match:
        raise ValueError(texts.PERIOD_BAD_CODE.format(code=code))
    year = int(match.group(1))
    if match.group(2):
        quarter = int(match.group(3))
        start_month, months, ptype, code = 3 * quarter - 2, 3, "quarter", f"{year}Q{quarter}"
    elif match.group(4):
        half = int(match.group(5))
        start_month, months, ptype, code = 6 * half - 5, 6, "half_year", f"{year}S{half}"
    else:
        start_month, months, ptype, code = 1, 12, "year", str(year)
    end = _last_day(year, start_month + months - 1)
    return Period(date(year, start_month, 1), end, code, ptype, year)


def periods_of_year(year: int) -> list[Period]:
    """Every period of a year, in calendar order: Q1, Q2, S1, Q3, Q4, S2, year."""
    codes = ["Q1", "Q2", "S1", "Q3", "Q4", "S2", ""]
    return [parse_period(f"{year}{c}") for c in codes]


def all_periods() -> list[Period]:
    return [p for year in range(FIRST_YEAR, LAST_YEAR + 1) for p in periods_of_year(year)]


_ROMAN_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_TEXT = re.compile(r"^(?:quy|q)\s*(iv|iii|ii|i|[1-4])\s*(?:nam|/|-|\.)?\s*(\d{4})$")
_HALF_TEXT = re.compile(r"^(?:6|sau) thang (dau|cuoi)(?: nam)?\s*(?:nam|/|-)?\s*(\d{4})$")
_YEAR_TEXT = re.compile(r"^(?:ca\s+)?nam\s*(\d{4})$")


def parse_period_text(text: object) -> Period | None:
    """The period as written on a form: 'Quý II năm 2023', 'Quy 2/2023', '6 THÁNG ĐẦU NĂM 2023',
    'Năm 2023' or a code '2023Q2'. None when it cannot be read."""
    key = fold(text)
    if not key:
        return None
    try:
        return parse_period(key.upper())
    except ValueError:
        pass
    if match := _QUARTER_TEXT.match(key):
        return parse_period(f"{match.group(2)}Q{_ROMAN_NUMBERS[match.group(1)]}")
    if match := _HALF_TEXT.match(key):
        return parse_period(f"{match.group(2)}S{1 if match.group(1) == 'dau' else 2}")
    if match := _YEAR_TEXT.match(key):
        return parse_period(match.group(1))
    return None
