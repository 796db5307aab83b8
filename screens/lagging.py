"""A target in words: the sentence that says how far the province has come, the units under what is due and
the names of the furthest behind (the overview's cards and attention list, the presentation, the slides).

Units are judged as the province is (core.status): a unit is under the level when its own status is behind
what is due (before the year's end) or missed (at it); a count target is the province's alone."""

from __future__ import annotations

from core import fmt, status, texts
from core.engine import IndicatorResult
from screens.results import named_units, value_text
from screens.targets import level_text, target_in_sentence


def units_below(units: list[IndicatorResult]) -> tuple[list[IndicatorResult], list, list]:
    """The units with a target of their own, those under what is due (furthest behind first), and those
    without data. A unit whose denominator is zero has reported, with nothing to count: it is not without data.
    """
    judged = [u for u in units if u.status != "monitor"]
    below = sorted(
        (u for u in judged if u.status in status.LAGGING),
        key=lambda u: (-status.shortfall(u.value, u.expected_to_date), u.unit_name),
    )
    without = [u for u in judged if u.value is None and not u.units_contributing]
    return judged, below, without


def units_below_text(units: list[IndicatorResult], noun: str) -> str:
    """'; 7/11 huyện dưới mức, 1 huyện chưa có số liệu', or nothing when no unit is judged."""
    judged, below, without = units_below(units)
    if not judged:
        return ""
    text = texts.UNITS_BELOW.format(below=fmt.count(len(below)), total=fmt.count(len(judged)), noun=noun)
    if without:
        text += texts.UNITS_WITHOUT_DATA.format(count=fmt.count(len(without)), noun=noun)
    return text


def laggards_text(units: list[IndicatorResult], names: dict[str, str], is_percent: bool) -> str | None:
    """The units furthest behind what is due, worst first: 'Huyện Cao Lộc (5,0%), … và 3 đơn vị khác'."""
    below = units_below(units)[1]
    if not below:
        return None
    return named_units(
        [
            texts.LAGGARD.format(name=names.get(u.unit_code, u.unit_name), value=value_text(u.value, is_percent))
            for u in below
        ]
    )


def due_text(result: IndicatorResult, is_percent: bool) -> str | None:
    """'cần 15,0% vào thời điểm này': the level due by the period's end, beside every verdict."""
    if result.expected_to_date is None:
        return None
    return texts.DUE_NOW.format(due=level_text(result.expected_to_date, is_percent))


def target_sentence(
    province: IndicatorResult, units: list[IndicatorResult], is_percent: bool, noun: str, period_in_sentence: str
) -> str:
    """One sentence on a target, written from the figures:
    'Tỷ lệ cơ sở được kiểm tra đạt 12,0%, chậm tiến độ (cần đạt 15,0% vào thời điểm này); 7/11 huyện dưới mức.'
    """
    name, value = province.indicator_name, value_text(province.value, is_percent)
    verdict = province.status
    if verdict == "no_data":
        return texts.MEETING_NO_DATA.format(name=name, period=period_in_sentence)
    if verdict == "monitor":
        return texts.MEETING_MONITOR.format(name=name, value=value)
    goal = target_in_sentence(province.target_kind, province.target, province.target_max)
    due = level_text(province.expected_to_date, is_percent)
    sentence = texts.TARGET_SENTENCES[verdict].format(name=name, value=value, goal=goal, due=due)
    judged, below, without = units_below(units)
    if verdict in ("met", "on_track") and judged and not below and not without:
        return sentence + texts.MEETING_ALL_UNITS.format(total=fmt.count(len(judged)), noun=noun) + "."
    return sentence + units_below_text(units, noun) + "."
