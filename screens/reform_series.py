"""The province's figure of one indicator over the years, across the 2025 reform (Chỉ tiêu page): the years
before it pooled from the districts of the provinces it was made of, the years after from its communes, the
break marked (core/continuity.py)."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from core import continuity, fmt, texts
from core.db import Database
from core.periods import Period, parse_period
from screens import charts
from screens.results import PERCENT_KINDS, based_on_text, change_text, value_text

SERIES_CHART_HEIGHT = 440
BEFORE_COLOUR, AFTER_COLOUR = charts.SERIES_COLOURS[0], charts.SERIES_COLOURS[1]


@dataclass(frozen=True)
class SeriesView:
    title: str
    caption: str
    is_percent: bool
    series: continuity.ProvinceSeries


def series_view(
    db: Database, plan_id: str, period_code: str, indicator_code: str, approved_only: bool = False
) -> SeriesView | None:
    """The series up to the chosen period, or None when it has fewer than two figures (nothing to compare) or
    the indicator is the reports' timeliness (judged by each plan's own deadlines, not comparable)."""
    indicator = next(row for row in db.rows("indicator_catalogue") if row.indicator_code == indicator_code)
    if indicator.kind == "timeliness":
        return None
    plan = db.one("plan_row", {"plan_id": plan_id})
    province = continuity.province_now(db, plan.province_code, plan.structure)
    if province is None:
        return None
    period = parse_period(period_code)
    series = continuity.province_series(db, province, indicator, period, approved_only)
    if sum(1 for point in series.points if point.value is not None) < 2:
        return None
    return SeriesView(
        title=texts.SERIES_TITLE.format(name=indicator.name, province=series.province_name),
        caption=_caption(series, period),
        is_percent=indicator.kind in PERCENT_KINDS,
        series=series,
    )


def _caption(series: continuity.ProvinceSeries, period: Period) -> str:
    structures = {point.structure for point in series.points if point.value is not None}
    caption = texts.SERIES_CAPTION
    if period.end.month != 12:  # the last point is a year so far
        caption += texts.SERIES_CAPTION_SO_FAR.format(year=period.year, period=period.in_sentence)
    if continuity.BEFORE in structures:
        caption += texts.SERIES_CAPTION_BEFORE.format(predecessors=", ".join(series.predecessors))
    if continuity.AFTER in structures:
        caption += texts.SERIES_CAPTION_AFTER
    return caption


def _hover(point: continuity.SeriesPoint, is_percent: bool) -> str:
    return texts.SERIES_HOVER.format(
        label=continuity.point_label(point),
        value=value_text(point.value, is_percent),
        units=fmt.count(point.units_contributing),
        expected=fmt.count(point.units_expected),
        reports=fmt.count(len(point.submission_ids)),
    )


def series_figure(view: SeriesView) -> go.Figure:
    """One line before the reform and one after, not joined; a dashed line at 1 July 2025 between them."""
    points = view.series.points
    labels = [continuity.point_label(p) for p in points]
    fig = go.Figure()
    for after, colour in ((False, BEFORE_COLOUR), (True, AFTER_COLOUR)):
        shown = [p for p in points if p.after_reform == after]
        if not shown:
            continue
        fig.add_scatter(
            x=[continuity.point_label(p) for p in shown],
            y=[p.value for p in shown],
            name=texts.SERIES_LEGEND[after],
            mode="lines+markers+text",
            line={"color": colour, "width": 4},
            marker={"size": 12},
            text=[value_text(p.value, view.is_percent) for p in shown],
            textposition="top center",
            hovertext=[_hover(p, view.is_percent) for p in shown],
            hoverinfo="text",
        )
    first_after = next((n for n, p in enumerate(points) if p.after_reform), None)
    if first_after not in (None, 0):
        fig.add_vline(x=first_after - 0.5, line={"dash": "dash", "color": "#555555", "width": 2})
        fig.add_annotation(
            x=first_after - 0.5, y=1, yref="paper", yanchor="bottom", text=texts.SERIES_REFORM_LINE, showarrow=False
        )
    fig = charts.styled(fig, view.title, percent=view.is_percent, height=SERIES_CHART_HEIGHT)
    values = [p.value for p in points if p.value is not None]
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels)
    fig.update_yaxes(range=[0, max(values) * 1.25 or 1], automargin=True)
    if not view.is_percent:
        fig.update_yaxes(tickformat=",~f")
    fig.update_layout(
        title={"x": 0, "xanchor": "left"},
        margin={"l": 70, "r": 20, "t": 90, "b": 20},
        legend={"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0, "xanchor": "left"},
    )
    return fig


def year_before_text(db: Database, plan_id: str, period_code: str, result, approved_only: bool = False) -> str | None:
    """'Cùng kỳ năm trước (Quý II năm 2022): 12,0%, dựa trên 9/11 đơn vị; nay tăng 4,9 điểm phần trăm.' for a
    province's figure (an IndicatorResult), or None when no figure exists a year earlier (or for timeliness)."""
    indicator = next(row for row in db.rows("indicator_catalogue") if row.indicator_code == result.indicator_code)
    if indicator.kind == "timeliness":
        return None
    plan = db.one("plan_row", {"plan_id": plan_id})
    period = parse_period(period_code)
    earlier = continuity.same_period_last_year(db, plan.province_code, plan.structure, indicator, period, approved_only)
    if earlier is None:
        return None
    is_percent = indicator.kind in PERCENT_KINDS
    change = ""
    if result.value is not None:
        change = texts.YEAR_BEFORE_CHANGE.format(change=change_text(earlier.value, result.value, is_percent))
    label = earlier.period.label
    if earlier.structure == continuity.BEFORE and plan.structure == continuity.AFTER:
        label += texts.YEAR_BEFORE_DISTRICTS
    return texts.YEAR_BEFORE.format(
        period=label,
        value=value_text(earlier.value, is_percent),
        based_on=based_on_text(earlier),
        change=change,
    )
