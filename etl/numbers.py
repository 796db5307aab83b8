"""Numbers as people type them on the form: '15', '15 xã' (the row's own unit), '1.234', '1 234', '12,5',
'1.250,5', '-', 'x'."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from core import fmt, texts
from core.textnorm import fold
from etl.problems import excerpt

# A number, then optionally a unit word or two ('15 xã', '3 buổi', '2 tin, bài'). The number part is possessive
# (*+): never given back, so a long run of spaces or dots cannot make the engine try every split (it took minutes).
_NUMBER_THEN_UNIT = re.compile(r"^([+-]?\d[\d.,\s\u00a0\u202f]*+)([^\d]*)$")
_DASHES = {"-", "–", "—", "--"}  # nothing happened: zero
_NOT_REPORTED = {"", "x"}  # a blank cell or 'x': not reported (missing, never zero)
_THOUSANDS_GROUPS = re.compile(r"^\d{1,3}(\.\d{3})+$")


@dataclass(frozen=True)
class ParsedNumber:
    value: float | None  # None: not reported
    error: str = ""  # non-empty: the text is not a number (a short Vietnamese reason)


def _unit_word_ok(tail: str, unit: str | None) -> bool:
    """After the number only the row's own unit may follow ('15 xã' in a row counted in xã; '2 tin, bài' or
    '2 tin' in a row counted in 'tin, bài'), in any case and with or without diacritics. Anything else beside
    a number ('12 (ước)', '90%' in a count, '15 cơ sở' in a row of communes) makes it no number: a guess
    would decide a verdict."""
    said = fold(tail).strip(" .")
    if not said:
        return True
    if unit is None:
        return False
    return said in {fold(unit), *(fold(part).strip() for part in unit.split(","))}


def _to_float(digits: str) -> float | None:
    """Vietnamese first: '.' groups thousands and ',' is the decimal mark.

    Where both appear, the last one is the decimal mark ('1,234.5' typed the
    English way). A lone '.' not followed by groups of three digits is read as
    a decimal mark too ('1.5'), since no Vietnamese number looks like that.
    """
    s = re.sub(r"[\s\u00a0\u202f]", "", digits)
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if not s or not s[0].isdigit() or not s[-1].isdigit():
        return None
    if "." in s and "," in s:
        decimal_mark = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        whole, _, fraction = s.rpartition(decimal_mark)
        if decimal_mark in whole:
            return None
        whole = whole.replace(thousands, "")
    elif "," in s:
        if s.count(",") > 1:  # '1,234,567': English thousands
            whole, fraction = s.replace(",", ""), ""
        else:
            whole, _, fraction = s.partition(",")
    elif "." in s:
        if _THOUSANDS_GROUPS.match(s):
            whole, fraction = s.replace(".", ""), ""
        elif s.count(".") == 1:
            whole, _, fraction = s.partition(".")
        else:
            return None
    else:
        whole, fraction = s, ""
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    return sign * float(f"{whole}.{fraction}" if fraction else whole)


def parse_number(raw: object, unit: str | None = None) -> ParsedNumber:
    """Read one cell's value; never raises. `unit`: the row's unit word, which may follow the number."""
    if raw is None:
        return ParsedNumber(None)
    if isinstance(raw, bool):
        return ParsedNumber(None, texts.NUMBER_BOOLEAN)
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not math.isfinite(raw):
            return ParsedNumber(None, texts.NUMBER_NOT_FINITE)
        return ParsedNumber(float(raw))
    if not isinstance(raw, str):
        return ParsedNumber(None, texts.NUMBER_NOT_NUMBER)
    text = raw.strip()
    if text.casefold() in _NOT_REPORTED:
        return ParsedNumber(None)
    if text in _DASHES:
        return ParsedNumber(0.0)
    match = _NUMBER_THEN_UNIT.match(text)
    if not match:
        return ParsedNumber(None, texts.NUMBER_NOT_NUMBER)
    if not _unit_word_ok(match.group(2), unit):
        said = excerpt(match.group(2).strip())
        if unit is None:
            return ParsedNumber(None, texts.NUMBER_EXTRA_TEXT.format(text=said))
        return ParsedNumber(None, texts.NUMBER_EXTRA_TEXT_UNIT.format(text=said, unit=unit))
    value = _to_float(match.group(1).rstrip(" .,"))
    if value is None or not math.isfinite(value):
        return ParsedNumber(None, texts.NUMBER_UNREADABLE)
    return ParsedNumber(value)


def format_number(value: float) -> str:
    """Vietnamese text that parse_number reads back exactly: 1234.5 -> '1.234,5'."""
    if float(value).is_integer():
        return fmt.number(value)
    return fmt.number(value, 10).rstrip("0").rstrip(",")
