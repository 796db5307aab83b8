"""A target that lags, in words: the level it is held against, the units under it, and the sentence that says so
(the overview's attention list and the meeting pack's slides)."""

from __future__ import annotations

from core import texts
from core.engine import EPSILON, IndicatorResult
from screens.results import value_text
from screens.targets import target_in_sentence


def judged_level(province: IndicatorResult) -> float | None:
    """The level the province's value is held against: what is due so far when behind schedule
    (or for a frequency), else the goal."""
    if province.status == "behind" or province.target_kind == "per_month":
        return province.expected_to_date
    return province.target


def units_below(units: list[IndicatorResult], level: float | None) -> tuple[list[IndicatorResult], list, list]:
    """The units judged against `level`, those under it, and those without data.

    Only a share has a level each unit must reach; a count target belongs to the province alone.
    A unit whose denominator is zero has reported, with nothing to count: it is not without data.
    """
    judged = [u for u in units if u.target is not None] if level is not None else []
    below = [u for u in judged if u.value is not None and u.value < level - EPSILON]
    without = [u for u in judged if u.value is None and not u.units_contributing]
    return judged, below, without


def units_below_text(units: list[IndicatorResult], level: float | None, noun: str) -> str:
    """'; 7/11 huyện dưới mức, 1 huyện chưa có số liệu', or nothing when no unit is judged."""
    judged, below, without = units_below(units, level)
    if not judged:
        return ""
    text = texts.UNITS_BELOW.format(below=len(below), total=len(judged), noun=noun)
    if without:
        text += texts.UNITS_WITHOUT_DATA.format(count=len(without), noun=noun)
    return text


def behind_sentence(province: IndicatorResult, units: list[IndicatorResult], is_percent: bool, noun: str) -> str | None:
    """One sentence for a target that is not met, written from the figures.

    'Tỷ lệ cơ sở được kiểm tra đạt 23,2%, chưa đạt chỉ tiêu 30%; 7/11 huyện dưới mức.'
    The units counted below are those under the level the sentence names (the goal, or what is
    due so far when the target is behind schedule).
    """
    if province.status not in ("not_yet", "behind"):
        return None
    value = value_text(province.value, is_percent)
    level = judged_level(province)
    if province.status == "behind":
        sentence = texts.BEHIND_SCHEDULE.format(
            name=province.indicator_name, value=value, due=value_text(level, is_percent)
        )
    else:
        sentence = texts.BELOW_TARGET.format(
            name=province.indicator_name,
            value=value,
            goal=target_in_sentence(province.target_kind, province.target, province.target_max),
        )
    return sentence + units_below_text(units, level, noun) + "."
