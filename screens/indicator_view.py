"""One indicator of a plan for a period: by unit, over the periods, and as a table to download."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core import fmt, texts
from core.catalog import load_elements, load_indicators
from core.db import Database
from core.engine import IndicatorResult, shared_indicators
from core.inert import neutralize
from core.periods import parse_period
from core.projection import projections
from core.status import STATUSES
from screens import charts
from screens.decisions import target_decisions
from screens.lagging import due_text, laggards_text
from screens.reform_series import year_before_text
from screens.results import (
    PERCENT_KINDS,
    based_on_text,
    carried_text,
    has_data,
    headline,
    held_text,
    indicator_kinds,
    named_units,
    province_rows,
    unit_names,
    value_text,
)
from screens.targets import level_text, projection_text, target_in_sentence, target_text
from screens.trend import TrendPoint, trend_periods

BAR_CHART_HEIGHT = 520
TREND_CHART_HEIGHT = 460
LABEL_MARGIN = 230  # px on the right of a chart for the target lines' names
# The bar chart draws a province's 65 communes whole; above BEST_BARS + WORST_BARS units (168 communes, a country's
# 3,321) the highest and the lowest, with how many it leaves out between them: thousands of bars are unreadable
# and take the browser seconds to draw.
BEST_BARS, WORST_BARS = 20, 50
PERCENT_FORMAT = "0.0%"  # Excel formats: the reader's Excel shows them with its own separators
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"


@dataclass(frozen=True)
class UnitFigure:
    unit_code: str
    unit_name: str
    numerator: float | None
    denominator: float | None
    value: float | None
    status: str
    status_label: str
    is_carried: bool
    count_held: int = 0  # figures it leaves out, held for verification


@dataclass(frozen=True)
class Series:
    name: str
    points: list[TrendPoint]


@dataclass(frozen=True)
class IndicatorView:
    plan_id: str
    period_code: str
    period_label: str
    indicator_code: str
    indicator_name: str
    is_percent: bool
    numerator_label: str  # what is counted, the short name of its form row ('Số cơ sở đã kiểm tra')
    denominator_label: str | None  # what it is counted out of; None for a total
    province: UnitFigure
    value_text: str
    due_text: str | None  # 'cần 15,0% vào thời điểm này'
    laggards: str | None  # the units furthest behind what is due, named
    target_text: str | None  # None when the plan sets no target for this indicator
    target_label: str | None
    target_source: str | None
    unit_goal: float | None  # the level every unit must reach (shares only)
    unit_due: float | None  # what is due by the period's end, when less than the goal
    province_only_goal: str | None  # a count target: the province's, drawn on no unit's bar
    trend_goal: float | None  # the target line of the trend (none for a frequency: its goal grows each month)
    based_on: str
    carried_text: str | None
    held_text: str | None  # the figures left out, held for verification
    headline: str
    has_data: bool
    projection: str | None  # where the year will end at this pace (core/projection.py); None: too early, or none
    projection_basis: str | None
    year_before: str | None  # the same period a year earlier, and the change since; None: no figure then
    decisions: list[str]  # the committee's open decisions on this target, and how its figure moved since
    units: list[UnitFigure] = field(default_factory=list)  # highest value first, units without data last
    trend: list[Series] = field(default_factory=list)

    @property
    def units_without_data(self) -> list[str]:
        return [u.unit_name for u in self.units if u.value is None]

    @property
    def no_data_text(self) -> str | None:
        """'Chưa có số liệu: A, B, C, D, E và 3 đơn vị khác'."""
        missing = self.units_without_data
        return texts.INDICATOR_UNITS_NO_DATA.format(names=named_units(missing)) if missing else None

    @property
    def bar_units(self) -> list[UnitFigure]:
        """The units the chart draws, highest first: every unit with a figure, or with more than BEST_BARS +
        WORST_BARS of them (a country's 3,321 communes) the highest BEST_BARS and the lowest WORST_BARS."""
        drawn = [u for u in self.units if u.value is not None]
        if len(drawn) <= BEST_BARS + WORST_BARS:
            return drawn
        return drawn[:BEST_BARS] + drawn[-WORST_BARS:]

    @property
    def bars_left_out(self) -> str | None:
        """What the chart leaves out between the highest and the lowest (all are in the table)."""
        left_out = sum(u.value is not None for u in self.units) - BEST_BARS - WORST_BARS
        if left_out <= 0:
            return None
        return texts.INDICATOR_BARS_LEFT_OUT.format(best=BEST_BARS, worst=WORST_BARS, count=fmt.count(left_out))

    @property
    def bar_title(self) -> str:
        return texts.INDICATOR_BY_UNIT_TITLE.format(name=self.indicator_name, period=self.period_label)

    @property
    def trend_title(self) -> str:
        return texts.INDICATOR_TREND_TITLE.format(name=self.indicator_name, year=parse_period(self.period_code).year)


@dataclass(frozen=True)
class IndicatorOptions:
    """What the page's own selectors offer, before anything is chosen."""

    indicators: dict[str, str]  # every indicator of the catalogue, code -> name
    default_indicator: str  # the plan's first judged target's indicator
    units: dict[str, str]  # the plan's reporting units that can join the trend chart, code -> name


@dataclass(frozen=True)
class IndicatorPage:
    """Everything the Chỉ tiêu page shows for the chosen indicator: the figures and the table; its downloads are
    made when asked for (table_csv, table_xlsx: a country's workbook takes a third of a second)."""

    view: IndicatorView
    table: pd.DataFrame
    file_stem: str


def indicator_choices(db: Database) -> dict[str, str]:
    """Every indicator of the catalogue, code -> Vietnamese name, in catalogue order."""
    return {row.indicator_code: row.name for row in db.rows("indicator_catalogue")}


def default_indicator(db: Database, plan_id: str) -> str:
    """The plan's first judged target's indicator; else the catalogue's first indicator."""
    for target in db.rows("plan_targets", {"plan_id": plan_id}):
        if target.indicator_code and target.kind != "monitor":
            return target.indicator_code
    return next(iter(indicator_choices(db)))


def unit_options(db: Database, plan_id: str) -> dict[str, str]:
    """The plan's reporting units that can be added to the trend chart, code -> name."""
    return unit_names(db, plan_id)


def parse_units_param(text: str | None, options: dict[str, str]) -> list[str]:
    """'178,180' from the URL -> the known codes, in order, once each; anything else is dropped."""
    wanted = [part.strip() for part in (text or "").split(",")]
    return list(dict.fromkeys(code for code in wanted if code in options))


def _figure(result: IndicatorResult, name: str) -> UnitFigure:
    return UnitFigure(
        unit_code=result.unit_code,
        unit_name=name,
        numerator=result.numerator,
        denominator=result.denominator,
        value=result.value,
        status=result.status,
        status_label=texts.STATUS_LABELS[result.status],
        is_carried=result.unit_code in result.units_carried,
        count_held=len(result.held),
    )


def figure_labels(indicator_code: str) -> tuple[str, str | None]:
    """The table's names for an indicator's two figures: the short names of the form's rows they come from (the
    catalogue's `short`), never "Tử số / Mẫu số"."""
    indicator = next(i for i in load_indicators() if i.code == indicator_code)
    if indicator.kind == "timeliness":
        return texts.COLUMN_ON_TIME_REPORTS, texts.COLUMN_DUE_REPORTS
    short = {element.code: element.short for element in load_elements()}
    return short[indicator.numerator], short[indicator.denominator] if indicator.kind == "ratio" else None


def indicator_view(
    db: Database,
    plan_id: str,
    period_code: str,
    indicator_code: str,
    unit_codes: list[str] | tuple = (),
    approved_only: bool = False,
) -> IndicatorView:
    """Everything the Chỉ tiêu page shows for one indicator; `unit_codes` are the units drawn in the trend."""
    period = parse_period(period_code)
    kinds = indicator_kinds(db)
    is_percent = kinds[indicator_code] in PERCENT_KINDS
    names = unit_names(db, plan_id)
    detailed = shared_indicators(db, plan_id, period.code, breakdown=True, approved_only=approved_only)
    rows = [r for r in detailed if r.indicator_code == indicator_code]
    province, units = rows[0], rows[1:]
    province_name = texts.WHOLE_PROVINCE.format(name=province.unit_name)
    target = next(
        (row for row in db.rows("plan_targets", {"plan_id": plan_id}) if row.indicator_code == indicator_code),
        None,
    )

    unit_goal = next((u.target for u in units if u.target is not None), None)
    unit_due = next((u.expected_to_date for u in units if u.target is not None), None)
    if unit_due is not None and unit_goal is not None and unit_due >= unit_goal:
        unit_due = None  # the due level is the goal itself: one line is enough
    province_only = (
        target_in_sentence(province.target_kind, province.target, province.target_max)
        if province.target is not None and unit_goal is None and units
        else None
    )

    figures = [_figure(u, names.get(u.unit_code, u.unit_name)) for u in units]
    figures.sort(key=lambda f: (f.value is None, -(f.value or 0), f.unit_code))

    numerator_label, denominator_label = figure_labels(indicator_code)
    series_codes = [province.unit_code] + [c for c in unit_codes if c in names]
    periods = trend_periods(db, plan_id, period.code)
    values: dict[str, list[TrendPoint]] = {code: [] for code in series_codes}
    by_end = {}  # the periods' results, for the projection
    with_units = len(series_codes) > 1  # earlier periods' unit rows only for the units drawn (a country has 3,321)
    for p in periods:
        results = (
            detailed
            if p.code == period.code
            else shared_indicators(db, plan_id, p.code, breakdown=with_units, approved_only=approved_only)
        )
        by_end[p.end] = results
        by_unit = {r.unit_code: r.value for r in results if r.indicator_code == indicator_code}
        for code in series_codes:
            values[code].append(TrendPoint(p.code, p.short_label, by_unit.get(code)))
    trend = [Series(names.get(code, province_name), values[code]) for code in series_codes]
    projected = projections(db, plan_id, period.code, approved_only, by_end).get(indicator_code)

    return IndicatorView(
        plan_id=plan_id,
        period_code=period.code,
        period_label=period.label,
        indicator_code=indicator_code,
        indicator_name=province.indicator_name,
        is_percent=is_percent,
        numerator_label=numerator_label,
        denominator_label=denominator_label,
        province=_figure(province, province_name),
        value_text=value_text(province.value, is_percent),
        due_text=due_text(province, is_percent),
        laggards=laggards_text(units, names, is_percent),
        target_text=target_text(target.kind, target.value_min, target.value_max) if target else None,
        target_label=target.label if target else None,
        target_source=" ".join(target.source_text.split()) if target and target.source_text else None,
        unit_goal=unit_goal,
        unit_due=unit_due,
        province_only_goal=province_only,
        trend_goal=province.target if province.target_kind not in (None, "monitor", "per_month") else None,
        based_on=based_on_text(province),
        carried_text=carried_text(province.units_carried, names),
        held_text=held_text(province, names),
        headline=headline(detailed, period),
        has_data=has_data(list(province_rows(detailed).values()), kinds),
        projection=projection_text(projected, province.target_kind, province.target, province.target_max, is_percent)
        if projected
        else None,
        projection_basis=texts.PROJECTION_BASIS.format(quarters=projected.quarters) if projected else None,
        year_before=year_before_text(db, plan_id, period.code, province, approved_only),
        decisions=target_decisions(db, plan_id, period.code, {indicator_code: province.value}).get(indicator_code, []),
        units=figures,
        trend=trend,
    )


# --- the charts ------------------------------------------------------------------


def _value_range(values: list[float | None], *levels: float | None) -> list[float]:
    """From zero to a little above the highest bar or line, so that labels and the target fit."""
    top = max([v for v in values if v is not None] + [lv for lv in levels if lv is not None] + [0])
    return [0, (top or 1) * 1.18]


def bar_figure(view: IndicatorView) -> go.Figure | None:
    """Units' values, highest first, coloured by status (named in the legend), with the target line; with many
    units, the highest and the lowest (IndicatorView.bar_units)."""
    drawn = view.bar_units
    if not drawn:
        return None
    fig = go.Figure()
    for status in STATUSES:
        group = [u for u in drawn if u.status == status]
        if not group:
            continue
        fig.add_bar(
            x=[u.unit_name for u in group],
            y=[u.value for u in group],
            name=texts.STATUS_LABELS[status],
            marker_color=charts.status_colour(status),
            text=[value_text(u.value, view.is_percent) for u in group],
            textposition="outside",
            textfont={"size": charts.FONT_SIZE},
            cliponaxis=False,
            customdata=[[u.status_label, _fraction_text(u, view.is_percent)] for u in group],
            hovertemplate="<b>%{x}</b><br>%{text} — %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    lines = []
    if view.unit_goal is not None:
        lines.append((view.unit_goal, texts.TARGET_LINE.format(goal=level_text(view.unit_goal, view.is_percent))))
    if view.unit_due is not None:
        lines.append((view.unit_due, texts.DUE_LINE.format(due=value_text(view.unit_due, view.is_percent))))
    for (level, label), style in zip(lines, (_TARGET_STYLE, _DUE_STYLE), strict=False):
        _level_line(fig, level, label, style)
    fig = charts.styled(fig, view.bar_title, percent=view.is_percent, height=BAR_CHART_HEIGHT)
    fig.update_xaxes(categoryorder="array", categoryarray=[u.unit_name for u in drawn], tickangle=-30, automargin=True)
    fig.update_yaxes(range=_value_range([u.value for u in drawn], view.unit_goal, view.unit_due), automargin=True)
    # Title on the left, the status legend on the right of the same band: neither hides the other.
    fig.update_layout(
        title={"x": 0, "xanchor": "left"},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        margin={"l": 70, "r": LABEL_MARGIN if lines else 20, "t": 90, "b": 20},
        bargap=0.25,
    )
    _count_axis(fig, view.is_percent)
    return fig


def trend_figure(view: IndicatorView) -> go.Figure | None:
    """The province's line and the chosen units' lines over the year's periods, with the target."""
    if all(p.value is None for s in view.trend for p in s.points):
        return None
    fig = go.Figure()
    for i, series in enumerate(view.trend):
        fig.add_scatter(
            x=[p.label for p in series.points],
            y=[p.value for p in series.points],
            name=series.name,
            mode="lines+markers",
            line={"color": charts.SERIES_COLOURS[i % len(charts.SERIES_COLOURS)], "width": 4 if i == 0 else 2.5},
            marker={"size": 11 if i == 0 else 8},
            customdata=[value_text(p.value, view.is_percent) for p in series.points],
            hovertemplate="%{fullData.name} — %{x}: %{customdata}<extra></extra>",
        )
    goal = view.trend_goal
    if goal is not None:
        _level_line(fig, goal, texts.TARGET_LINE.format(goal=level_text(goal, view.is_percent)), _TARGET_STYLE)
    fig = charts.styled(fig, view.trend_title, percent=view.is_percent, height=TREND_CHART_HEIGHT)
    all_values = [p.value for s in view.trend for p in s.points]
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(range=_value_range(all_values, goal), automargin=True)
    right = LABEL_MARGIN if goal is not None else 20
    # The legend even for the province's line alone: it says whose line it is.
    fig.update_layout(
        title={"x": 0, "xanchor": "left"}, margin={"l": 70, "r": right, "t": 70, "b": 20}, showlegend=True
    )
    _count_axis(fig, view.is_percent)
    return fig


_TARGET_STYLE = {"dash": "dash", "color": charts.TARGET_COLOUR, "width": 3}
_DUE_STYLE = {"dash": "dot", "color": "#555555", "width": 2}


def _level_line(fig: go.Figure, level: float, label: str, style: dict) -> None:
    """A horizontal line across the plot, named in the right margin where no bar or label can hide it."""
    fig.add_hline(y=level, line=style)
    fig.add_annotation(
        x=1,
        xref="paper",
        xanchor="left",
        xshift=6,
        y=level,
        yref="y",
        text=label,
        showarrow=False,
        align="left",
        font={"size": charts.FONT_SIZE, "color": style["color"]},
    )


def _count_axis(fig: go.Figure, is_percent: bool) -> None:
    """Counts get the thousands separator on the axis too (1.200, not 1200)."""
    if not is_percent:
        fig.update_yaxes(tickformat=",~f")


def _fraction_text(unit: UnitFigure, is_percent: bool) -> str:
    if not is_percent:
        return ""
    return f"{fmt.count(unit.numerator)}/{fmt.count(unit.denominator)}"


# --- the table and its downloads ---------------------------------------------------------


def _rows(view: IndicatorView) -> list[UnitFigure]:
    return [view.province, *view.units]


def _note(unit: UnitFigure) -> str:
    notes = [texts.NOTE_CARRIED] if unit.is_carried else []
    if unit.count_held:
        notes.append(texts.NOTE_HELD.format(count=unit.count_held))
    return "; ".join(notes)


def _columns(view: IndicatorView) -> list[str]:
    figures = [view.numerator_label] + ([view.denominator_label] if view.denominator_label else [])
    return [texts.COLUMN_UNIT, *figures, texts.COLUMN_VALUE, texts.COLUMN_STATUS, texts.COLUMN_NOTE]


def table(view: IndicatorView) -> pd.DataFrame:
    """The table as shown: Vietnamese headers (the indicator's figures named by the form's rows), numbers as
    Vietnamese text (1.234, 23,2%)."""
    rows = []
    for u in _rows(view):
        figures = [fmt.count(u.numerator)] + ([fmt.count(u.denominator)] if view.denominator_label else [])
        rows.append([u.unit_name, *figures, value_text(u.value, view.is_percent), u.status_label, _note(u)])
    return pd.DataFrame(rows, columns=_columns(view))


def table_csv(view: IndicatorView) -> bytes:
    """The shown table as CSV (UTF-8 with a byte-order mark, so Excel reads the diacritics)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    frame = table(view)
    writer.writerow([neutralize(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([neutralize(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def table_xlsx(view: IndicatorView) -> bytes:
    """The table as an Excel workbook, figures kept as numbers (with formats) so they can be reused."""
    book = Workbook()
    sheet = book.active
    sheet.title = texts.XLSX_SHEET
    sheet.append([neutralize(c) for c in _columns(view)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row, u in enumerate(_rows(view), start=2):  # sheet.max_row is counted anew at each call
        figures = [u.numerator] + ([u.denominator] if view.denominator_label else [])
        sheet.append([neutralize(u.unit_name), *figures, u.value, neutralize(u.status_label), _note(u)])
        for column, value in enumerate(figures, start=2):
            sheet.cell(row, column).number_format = _number_format(value)
        value_column = 2 + len(figures)
        sheet.cell(row, value_column).number_format = PERCENT_FORMAT if view.is_percent else _number_format(u.value)
    widths = [28] + [16] * (len(_columns(view)) - 4) + [12, 20, 30]  # unit, figures, value, status, note
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number_format(value: float | None) -> str:
    return DECIMAL_FORMAT if value is not None and not float(value).is_integer() else INTEGER_FORMAT


def file_stem(view: IndicatorView) -> str:
    """ASCII file name: indicator, plan and period codes."""
    return f"{view.indicator_code}_{view.plan_id}_{view.period_code}"


# --- the page ----------------------------------------------------------------------------


def indicator_options(db: Database, plan_id: str) -> IndicatorOptions:
    return IndicatorOptions(
        indicators=indicator_choices(db),
        default_indicator=default_indicator(db, plan_id),
        units=unit_options(db, plan_id),
    )


def indicator_page(
    db: Database,
    plan_id: str,
    period_code: str,
    indicator_code: str,
    unit_codes: tuple[str, ...] = (),
    approved_only: bool = False,
) -> IndicatorPage:
    """The Chỉ tiêu page's one view; `unit_codes` are the units drawn in the trend beside the province."""
    view = indicator_view(db, plan_id, period_code, indicator_code, unit_codes, approved_only)
    return IndicatorPage(view, table(view), file_stem(view))
