"""The overview of a plan for a period: one card per measurable target, and a sentence for each one that lags."""

from __future__ import annotations

from dataclasses import dataclass, field

from core import fmt, status, texts
from core.db import Database
from core.engine import IndicatorResult, shared_indicators
from core.periods import parse_period
from screens.decisions import target_decisions
from screens.lagging import due_text, laggards_text, target_sentence
from screens.results import (
    PERCENT_KINDS,
    based_on_text,
    carried_text,
    has_data,
    headline,
    held_text,
    indicator_kinds,
    province_rows,
    unit_names,
    unit_noun,
    value_text,
)
from screens.sparkline import Point, sparkline
from screens.targets import target_text
from screens.trend import TrendPoint, trend_periods


@dataclass(frozen=True)
class Card:
    target_id: str
    indicator_code: str
    indicator_name: str
    target_label: str
    target_text: str
    target_kind: str | None  # the engine's (None when the plan sets no judged target)
    goal: float | None
    is_percent: bool
    value: float | None
    value_text: str
    status: str
    status_label: str
    due_text: str | None  # 'cần 15,0% vào thời điểm này'
    laggards: str | None  # the units furthest behind what is due, named
    progress: float | None  # value / goal, capped at 1
    progress_text: str | None
    based_on: str
    carried_names: list[str]
    carried_text: str | None
    held_text: str | None  # the figures left out, held for verification
    trend: list[TrendPoint]
    decisions: list[str] = field(default_factory=list)  # the committee's open decisions on it, the move since

    @property
    def trend_chart(self) -> str | None:
        """The value over the periods, with the target, as inline SVG; None when nothing to draw."""
        # A frequency's goal grows month by month: one line would mislead, so only fixed goals are drawn.
        goal = self.goal if self.target_kind != "per_month" else None
        points = [Point(p.label, p.value, value_text(p.value, self.is_percent)) for p in self.trend]
        return sparkline(points, goal, texts.CARD_TREND_TITLE)


@dataclass(frozen=True)
class Overview:
    plan_id: str
    period_code: str
    period_label: str
    headline: str
    has_data: bool
    has_targets: bool
    behind_sentences: list[str] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)


def progress_fraction(result: IndicatorResult) -> float | None:
    """How far the value is toward the year's goal (core.status.year_goal); capped at 1."""
    if result.status in ("monitor", "no_data") or result.value is None:
        return None
    goal = status.year_goal(result.target_kind, result.target)
    if not goal:
        return None
    return max(0.0, min(1.0, result.value / goal))


def overview(db: Database, plan_id: str, period_code: str, approved_only: bool = False) -> Overview:
    """The cards of the plan's measurable targets (plan order) and the sentences on those that lag."""
    period = parse_period(period_code)
    kinds = indicator_kinds(db)
    names = unit_names(db, plan_id)
    noun = unit_noun(db, plan_id)
    detailed = shared_indicators(db, plan_id, period.code, breakdown=True, approved_only=approved_only)
    current = province_rows(detailed)
    by_unit: dict[str, list[IndicatorResult]] = {}
    for r in detailed:
        if r is not current[r.indicator_code]:
            by_unit.setdefault(r.indicator_code, []).append(r)
    periods = trend_periods(db, plan_id, period.code)
    trend_results = {
        p.code: current
        if p.code == period.code
        else province_rows(shared_indicators(db, plan_id, p.code, approved_only=approved_only))
        for p in periods
    }

    cards, sentences = [], []
    decided = target_decisions(db, plan_id, period.code, {code: r.value for code, r in current.items()})
    for target in db.rows("plan_targets", {"plan_id": plan_id}):
        code = target.indicator_code
        if not code:
            continue  # not measured on the form: the home page lists it with its sentence
        result, units = current[code], by_unit.get(code, [])
        is_percent = kinds[code] in PERCENT_KINDS
        progress = progress_fraction(result)
        cards.append(
            Card(
                target_id=target.target_id,
                indicator_code=code,
                indicator_name=result.indicator_name,
                target_label=target.label,
                target_text=target_text(target.kind, target.value_min, target.value_max),
                target_kind=result.target_kind,
                goal=result.target,
                is_percent=is_percent,
                value=result.value,
                value_text=value_text(result.value, is_percent),
                status=result.status,
                status_label=texts.STATUS_LABELS[result.status],
                due_text=due_text(result, is_percent),
                laggards=laggards_text(units, names, is_percent),
                progress=progress,
                progress_text=None if progress is None else texts.PROGRESS.format(percent=fmt.percent(progress, 0)),
                based_on=based_on_text(result),
                carried_names=[names.get(c, c) for c in result.units_carried],
                carried_text=carried_text(result.units_carried, names),
                held_text=held_text(result, names),
                trend=[TrendPoint(p.code, p.short_label, trend_results[p.code][code].value) for p in periods],
                decisions=decided.get(code, []),
            )
        )
        if result.status in status.LAGGING:
            sentences.append(target_sentence(result, units, is_percent, noun, period.in_sentence))

    return Overview(
        plan_id=plan_id,
        period_code=period.code,
        period_label=period.label,
        headline=headline(detailed, period),
        has_data=has_data(list(current.values()), kinds),
        has_targets=bool(cards),
        behind_sentences=sentences,
        cards=cards,
    )
