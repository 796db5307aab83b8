"""The overview of a plan for a period: one card per measurable target, and a sentence for each one that lags."""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from core import calendar, fmt, texts
from core.db import Database
from core.engine import EPSILON, IndicatorResult, compute_indicators
from core.periods import Period, parse_period, periods_of_year
from core.plans import SHARE_KINDS
from screens import charts
from screens.views import target_text

PERCENT_KINDS = ("ratio", "timeliness")  # indicator kinds whose value is a fraction shown as a percentage
# Finest first: the trend's intermediate points are periods of the finest kind the plan asks reports for.
TREND_PERIOD_TYPES = ("quarter", "half_year", "year")
CARD_CHART_HEIGHT = 230  # a small trend under each card, still legible on a projector


@dataclass(frozen=True)
class TrendPoint:
    period_code: str
    label: str  # short: 'Quý I', 'Cả năm'
    value: float | None


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
    progress: float | None  # value / goal, capped at 1
    progress_text: str | None
    based_on: str
    carried_names: list[str]
    carried_text: str | None
    trend: list[TrendPoint]


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


# --- shared by the overview and the indicator page ------------------------------


def indicator_kinds(db: Database) -> dict[str, str]:
    """indicator code -> ratio | total | timeliness."""
    return {row.indicator_code: row.kind for row in db.rows("indicator_catalogue")}


def value_text(value: float | None, is_percent: bool) -> str:
    return fmt.percent(value) if is_percent else fmt.count(value)


def _percent_short(fraction: float) -> str:
    """30% rather than 30,0%, but 12,5% kept: a target as the plan writes it."""
    whole = round(fraction * 100)
    return fmt.percent(fraction, 0) if abs(fraction * 100 - whole) < EPSILON else fmt.percent(fraction, 1)


def goal_text(kind: str, value_min: float | None, value_max: float | None) -> str:
    """The target inside a sentence: '30%', '100%', '16', 'từ 6 đến 8', '1 mỗi tháng'."""
    if kind in SHARE_KINDS:
        return _percent_short(value_min)
    if kind == "range":
        return texts.GOAL_RANGE.format(min=fmt.count(value_min), max=fmt.count(value_max))
    if kind == "per_month":
        return texts.GOAL_PER_MONTH.format(value=fmt.count(value_min))
    return fmt.count(value_min)


def progress_fraction(result: IndicatorResult) -> float | None:
    """How far the value is toward the goal (for a frequency, toward what is due so far); capped at 1."""
    if result.status in ("no_target", "no_data") or result.value is None:
        return None
    goal = result.expected_to_date if result.target_kind == "per_month" else result.target
    if not goal:
        return None
    return max(0.0, min(1.0, result.value / goal))


def trend_periods(db: Database, plan_id: str, period_code: str) -> list[Period]:
    """The chosen period, preceded by the year's earlier periods of the finest kind the plan asks for.

    Not every period of the year: Q2 and the first half end on the same day, and a line through
    both would zig-zag between two views of the same moment.
    """
    chosen = parse_period(period_code)
    asked = set(calendar.plan_rules(db, plan_id))
    finest = next((t for t in TREND_PERIOD_TYPES if t in asked), "year")
    earlier = [p for p in periods_of_year(chosen.year) if p.period_type == finest and p.end < chosen.end]
    return earlier + [chosen]


def unit_names(db: Database, plan_id: str) -> dict[str, str]:
    return {row.unit_code: row.name for row in db.rows("plan_reporting_units", {"plan_id": plan_id})}


def unit_noun(db: Database, plan_id: str) -> str:
    """'huyện' when every reporting unit is a district, 'xã' for communes, else 'đơn vị'."""
    levels = {row.level for row in db.rows("plan_reporting_units", {"plan_id": plan_id})}
    return texts.LEVEL_LABELS.get(levels.pop(), texts.UNIT_NOUN) if len(levels) == 1 else texts.UNIT_NOUN


def carried_text(codes: list[str], names: dict[str, str]) -> str | None:
    if not codes:
        return None
    return texts.CARRIED_FORWARD.format(names=", ".join(names.get(c, c) for c in codes))


def headline(results: list[IndicatorResult], period: Period) -> str:
    """'9/11 đơn vị đã báo cáo quý IV' (the same count on every province row)."""
    first = results[0]
    return texts.UNITS_REPORTED.format(
        current=first.units_current, expected=first.units_expected, period=period.in_sentence
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


# --- the overview ------------------------------------------------------------------


def judged_level(province: IndicatorResult) -> float | None:
    """The level the province's value is held against: what is due so far when behind schedule
    (or for a frequency), else the goal."""
    if province.status == "behind" or province.target_kind == "per_month":
        return province.expected_to_date
    return province.target


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
            goal=goal_text(province.target_kind, province.target, province.target_max),
        )
    return sentence + units_below_text(units, level, noun) + "."


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


def overview(db: Database, plan_id: str, period_code: str) -> Overview:
    """The cards of the plan's measurable targets (plan order) and the sentences on those that lag."""
    period = parse_period(period_code)
    kinds = indicator_kinds(db)
    names = unit_names(db, plan_id)
    noun = unit_noun(db, plan_id)
    detailed = compute_indicators(db, plan_id, period.code, breakdown=True)
    current = province_rows(detailed)
    by_unit: dict[str, list[IndicatorResult]] = {}
    for r in detailed:
        if r is not current[r.indicator_code]:
            by_unit.setdefault(r.indicator_code, []).append(r)
    periods = trend_periods(db, plan_id, period.code)
    trend_results = {
        p.code: current if p.code == period.code else province_rows(compute_indicators(db, plan_id, p.code))
        for p in periods
    }

    cards, sentences = [], []
    for target in db.rows("plan_targets", {"plan_id": plan_id}):
        code = target.indicator_code
        if not code:
            continue  # not measured on the form: the home page lists it with its sentence
        result = current[code]
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
                progress=progress,
                progress_text=None if progress is None else texts.PROGRESS.format(percent=fmt.percent(progress, 0)),
                based_on=texts.BASED_ON.format(contributing=result.units_contributing, expected=result.units_expected),
                carried_names=[names.get(c, c) for c in result.units_carried],
                carried_text=carried_text(result.units_carried, names),
                trend=[TrendPoint(p.code, p.short_label, trend_results[p.code][code].value) for p in periods],
            )
        )
        sentence = behind_sentence(result, by_unit.get(code, []), is_percent, noun)
        if sentence:
            sentences.append(sentence)

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


def card_trend_figure(card: Card) -> go.Figure | None:
    """A small line of the card's value over the periods, with the target; None when nothing to draw."""
    if all(p.value is None for p in card.trend):
        return None
    fig = go.Figure(
        go.Scatter(
            x=[p.label for p in card.trend],
            y=[p.value for p in card.trend],
            mode="lines+markers",
            line={"color": charts.SERIES_COLOURS[0], "width": 3},
            marker={"size": 10},
            customdata=[value_text(p.value, card.is_percent) for p in card.trend],
            hovertemplate="%{x}: %{customdata}<extra></extra>",
            connectgaps=False,
            showlegend=False,
        )
    )
    # A frequency's goal grows month by month: one line would mislead, so only fixed goals are drawn.
    if card.goal is not None and card.target_kind != "per_month":
        fig.add_hline(y=card.goal, line_dash="dash", line_color=charts.TARGET_COLOUR, line_width=2)
    fig = charts.styled(fig, texts.CARD_TREND_TITLE, percent=card.is_percent, height=CARD_CHART_HEIGHT)
    # Room for the axes' labels: the house margins are tight, and clipped '30%' ticks read as '0%'.
    fig.update_layout(title={"font": {"size": charts.FONT_SIZE}}, margin={"l": 60, "r": 16, "t": 40, "b": 36})
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(rangemode="tozero", automargin=True)
    if not card.is_percent:
        fig.update_yaxes(tickformat=",~f")  # 1.200, not 1200
    return fig


def trend_figures(view: Overview) -> dict[str, go.Figure | None]:
    """Each card's trend figure, by target."""
    return {card.target_id: card_trend_figure(card) for card in view.cards}
