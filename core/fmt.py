"""Numbers and dates in Vietnamese format: 1.234 for thousands, 12,5 for decimals, 45,0%; 15/03/2023 16:00."""

from __future__ import annotations

import datetime as dt
import math

MISSING = "—"  # shown where a figure is missing (never 0)
DATE_FORMAT = "%d/%m/%Y"  # a day as Vietnamese readers write it
DAY_MONTH_FORMAT = "%d/%m"  # a day of a year named nearby (a grid header must stay short)
DATE_TIME_FORMAT = "%d/%m/%Y %H:%M"  # a moment: when a file came in, a backup was made


def number(value: float | None, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' with `decimals` places; None or NaN -> '—'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def count(value: float | None) -> str:
    """A count, with decimals only when it has some (money in triệu đồng)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return number(value, 0 if float(value).is_integer() else 1)


def percent(fraction: float | None, decimals: int = 1) -> str:
    """0.232 -> '23,2%'."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return MISSING
    return number(fraction * 100, decimals) + "%"


def date(value: dt.date) -> str:
    """date(2023, 3, 15) -> '15/03/2023'."""
    return value.strftime(DATE_FORMAT)


def day_month(value: dt.date) -> str:
    """date(2023, 3, 15) -> '15/03'."""
    return value.strftime(DAY_MONTH_FORMAT)


def date_time(value: dt.datetime) -> str:
    """datetime(2023, 3, 15, 16, 5) -> '15/03/2023 16:05'."""
    return value.strftime(DATE_TIME_FORMAT)
