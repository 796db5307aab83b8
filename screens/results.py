"""The engine's results as every indicator screen reads them: shares or counts, values in words, the province's
rows, how many units reported, and the names of the plan's units."""

from __future__ import annotations

from core import fmt, texts
from core.db import Database
from core.engine import IndicatorResult
from core.periods import Period
from core.status import EPSILON

PERCENT_KINDS = ("ratio", "timeliness")  # indicator kinds whose value is a fraction shown as a percentage


def indicator_kinds(db: Database) -> dict[str, str]:
    """indicator code -> ratio | total | timeliness."""
    return {row.indicator_code: row.kind for row in db.rows("indicator_catalogue")}


def in_sentence(label: str) -> str:
    """'Quý IV năm 2023' inside a sentence: 'quý IV năm 2023'."""
    return label[:1].lower() + label[1:]


def change_text(then: float, now: float, is_percent: bool) -> str:
    """How a figure moved: 'tăng 6,7 điểm phần trăm', 'giảm 9', 'không đổi'."""
    difference = now - then
    if abs(difference) < EPSILON:
        return texts.CHANGE_SAME
    amount = (
        texts.CHANGE_POINTS.format(value=fmt.number(abs(difference) * 100, 1))
        if is_percent
        else fmt.count(abs(difference))
    )
    return (texts.CHANGE_UP if difference > 0 else texts.CHANGE_DOWN).format(change=amount)


def value_text(value: float | None, is_percent: bool) -> str:
    return fmt.percent(value) if is_percent else fmt.count(value)


def unit_names(db: Database, plan_id: str) -> dict[str, str]:
    return {row.unit_code: row.name for row in db.rows("plan_reporting_units", {"plan_id": plan_id})}


def unit_noun(db: Database, plan_id: str) -> str:
    """'huyện' when every reporting unit is a huyện, 'xã' when every one is a xã, else 'đơn vị': a province's
    city (thành phố) is no huyện, and since 2025 a province has xã, phường and đặc khu side by side."""
    types = {row.unit_type.lower() for row in db.rows("plan_reporting_units", {"plan_id": plan_id})}
    return types.pop() if len(types) == 1 else texts.UNIT_NOUN


UNITS_NAMED = 5  # in a sentence that lists units, at most this many are named and the rest counted
# A grid of a country's units (3,321 communes) is styled and sent cell by cell at every run of its page (0.4-0.7 s):
# Bảng điểm and Tình hình báo cáo draw the first MAX_GRID_ROWS of their order and say how to find the others.
MAX_GRID_ROWS = 500


def named_units(items: list[str]) -> str:
    """'A, B, C, D, E và 3 đơn vị khác': a list of 65–168 communes stays one line."""
    text = ", ".join(items[:UNITS_NAMED])
    if len(items) > UNITS_NAMED:
        text += texts.LAGGARDS_MORE.format(count=fmt.count(len(items) - UNITS_NAMED))
    return text


def based_on_text(result: IndicatorResult) -> str:
    """'dựa trên 3.318/3.321 đơn vị': the units a figure rests on, of those expected."""
    return texts.BASED_ON.format(
        contributing=fmt.count(result.units_contributing), expected=fmt.count(result.units_expected)
    )


def carried_text(codes: list[str], names: dict[str, str]) -> str | None:
    if not codes:
        return None
    return texts.CARRIED_FORWARD.format(names=named_units([names.get(c, c) for c in codes]))


def held_text(result: IndicatorResult, names: dict[str, str]) -> str | None:
    """What the figure leaves out, held for verification: 'Chưa tính 1 số liệu chờ xác minh: Huyện Cao Lộc, …'."""
    if not result.held:
        return None
    items = [texts.HELD_ITEM.format(unit=names.get(u, u), problem=problem.rstrip(".")) for u, problem in result.held]
    return texts.HELD_DISCLOSURE.format(count=fmt.count(len(items)), items="; ".join(items)) + "."


def headline(results: list[IndicatorResult], period: Period) -> str:
    """'9/11 đơn vị đã báo cáo quý IV' (the same count on every province row)."""
    first = results[0]
    return texts.UNITS_REPORTED.format(
        current=fmt.count(first.units_current), expected=fmt.count(first.units_expected), period=period.in_sentence
    )


def has_data(results: list[IndicatorResult], kinds: dict[str, str]) -> bool:
    """Whether any report of the year up to the period counts (timeliness alone does not)."""
    return any(r.units_contributing for r in results if kinds.get(r.indicator_code) != "timeliness")


def province_rows(results: list[IndicatorResult]) -> dict[str, IndicatorResult]:
    """The scope's rows: with a breakdown, they come before the units' rows."""
    rows: dict[str, IndicatorResult] = {}
    for r in results:
        rows.setdefault(r.indicator_code, r)
    return rows
