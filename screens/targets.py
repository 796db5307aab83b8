"""A target's text, the one formatter of it: on its own ('Tối thiểu 30%', 'Từ 6 đến 8') or inside a sentence
('chưa đạt chỉ tiêu 30%', '... từ 6 đến 8'); both read the plan's numbers the same way."""

from __future__ import annotations

from core import fmt, texts
from core.plans import SHARE_KINDS
from core.status import EPSILON


def level_text(value: float | None, is_percent: bool) -> str:
    """A target's number as the plan writes it: a share as 30% rather than 30,0% (12,5% kept), a count as 1.234."""
    if not is_percent or value is None:
        return fmt.count(value)
    whole = round(value * 100)
    return fmt.percent(value, 0) if abs(value * 100 - whole) < EPSILON else fmt.percent(value, 1)


def _numbers(kind: str, value_min: float | None, value_max: float | None) -> dict[str, str]:
    """The placeholders of both wordings: {value} (a share or a count, as the kind says), {min} and {max}."""
    return {
        "value": level_text(value_min, kind in SHARE_KINDS),
        "min": fmt.count(value_min),
        "max": fmt.count(value_max),
    }


def target_text(kind: str, value_min: float | None, value_max: float | None) -> str:
    """The target on its own, as a committee member reads it: 'Tối thiểu 30%', '100%', 'Từ 6 đến 8'."""
    return texts.TARGET_KIND_LABELS[kind].format(**_numbers(kind, value_min, value_max))


def target_in_sentence(kind: str, value_min: float | None, value_max: float | None) -> str:
    """The target inside a sentence: '30%', '12,5%', '100%', '16', 'từ 6 đến 8', '1 mỗi tháng'."""
    return texts.TARGET_KIND_IN_SENTENCE[kind].format(**_numbers(kind, value_min, value_max))


def projection_text(projection, kind: str, value_min: float | None, value_max: float | None, is_percent: bool) -> str:
    """'Với tiến độ hiện nay, dự kiến cả năm đạt 24,0–29,0%, chưa đạt chỉ tiêu 30%.' (core/projection.py)."""
    if is_percent:
        low, high = fmt.percent(projection.low), fmt.percent(projection.high)
        low_number = low.removesuffix("%")  # '24,0–29,0%': the sign once
    else:
        low = low_number = fmt.number(projection.low, 0)
        high = fmt.number(projection.high, 0)
    shown = low if low == high else texts.PROJECTION_RANGE.format(low=low_number, high=high)
    verdict = ""
    if projection.verdict is not None:
        goal = target_in_sentence(kind, value_min, value_max)
        verdict = texts.PROJECTION_VERDICTS[projection.verdict].format(goal=goal)
    return texts.PROJECTION_SENTENCE.format(range=shown, verdict=verdict)
