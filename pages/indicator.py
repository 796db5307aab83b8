"""Chỉ tiêu: one indicator by unit against its target, its trend, and its table to download."""

import plotly.graph_objects as go
import streamlit as st

from core import texts
from screens import indicator_view, reform_series
from web.ui import (
    approved_switch,
    choose,
    data_version,
    db,
    grid,
    multiselect,
    plain,
    require,
    selectors,
    shared_view,
    status_badge,
    table_height,
)

UNITS_PARAM = "units"  # the units drawn in the trend, as comma-separated codes in the URL


@shared_view
def _options(version: tuple, plan_id: str) -> indicator_view.IndicatorOptions:
    return indicator_view.indicator_options(db(), plan_id)


@shared_view
def _series(
    version: tuple, plan_id: str, period_code: str, indicator_code: str, approved_only: bool
) -> tuple[reform_series.SeriesView, go.Figure] | None:
    """The series across the reform and its chart (built once, as `_charts`)."""
    series = reform_series.series_view(db(), plan_id, period_code, indicator_code, approved_only)
    return None if series is None else (series, reform_series.series_figure(series))


@shared_view
def _view(
    version: tuple, plan_id: str, period_code: str, indicator_code: str, units: tuple[str, ...], approved_only: bool
) -> indicator_view.IndicatorPage:
    return indicator_view.indicator_page(db(), plan_id, period_code, indicator_code, units, approved_only)


@shared_view
def _charts(
    version: tuple, plan_id: str, period_code: str, indicator_code: str, units: tuple[str, ...], approved_only: bool
) -> tuple[go.Figure | None, go.Figure | None]:
    """The bars and the trend of a view, built once (a Plotly figure takes 10-15 ms to build, a run drawn again after
    a change of period built three), then only sent."""
    view = _view(version, plan_id, period_code, indicator_code, units, approved_only).view
    return indicator_view.bar_figure(view), indicator_view.trend_figure(view)


@st.cache_data(max_entries=8)
def _download(
    version: tuple,
    plan_id: str,
    period_code: str,
    indicator_code: str,
    units: tuple[str, ...],
    approved_only: bool,
    kind: str,
) -> bytes:
    """The table as a file, made on the press of its button."""
    view = _view(version, plan_id, period_code, indicator_code, units, approved_only).view
    return indicator_view.table_csv(view) if kind == "csv" else indicator_view.table_xlsx(view)


def _select_units(options: dict[str, str]) -> list[str]:
    """A multiselect whose choice lives in the URL (?units=178,180) so a link opens the same chart."""
    wanted = indicator_view.parse_units_param(st.query_params.get(UNITS_PARAM), options)
    chosen = multiselect(
        texts.SELECT_COMPARE_UNITS,
        list(options),
        default=wanted,
        format_func=options.get,
        key="units",
        placeholder=texts.SELECT_COMPARE_PLACEHOLDER,
    )
    if chosen:
        st.query_params[UNITS_PARAM] = ",".join(chosen)
    else:
        st.query_params.pop(UNITS_PARAM, None)
    return chosen


require("view_province")
st.title(texts.INDICATOR_TITLE)
plan_id, period_code, _ = selectors()
approved_only = approved_switch()
options = _options(data_version(), plan_id)
left, right = st.columns(2)
with left:
    indicator_code = choose(
        texts.SELECT_INDICATOR, options.indicators, "indicator", key="indicator", default=options.default_indicator
    )
with right:
    units = _select_units(options.units)
key = (data_version(), plan_id, period_code, indicator_code, tuple(units), approved_only)
page = _view(*key)
view = page.view

st.subheader(plain(view.headline))
metric, target = st.columns([1, 2])
with metric:
    province_label = plain(texts.INDICATOR_PROVINCE_METRIC.format(name=view.indicator_name))
    st.markdown(f"#### {province_label}")  # a heading: the metric's own label is too small for a projector
    st.metric(province_label, view.value_text, label_visibility="collapsed")
    status_badge(view.province.status, view.due_text)
with target:
    if view.target_text is None:
        st.markdown(texts.INDICATOR_NO_TARGET)
    else:
        st.markdown(f"**{plain(texts.CARD_TARGET.format(target=view.target_text))}**")
        st.caption(plain(view.target_label))
    st.caption(plain(view.based_on))
    if view.carried_text:
        st.caption(plain(view.carried_text))
    if view.held_text:
        st.warning(plain(view.held_text))
    if view.laggards:
        st.markdown(plain(texts.LAGGARDS_TITLE.format(names=view.laggards)))
    if view.projection:
        st.markdown(f"**{plain(view.projection)}**")
        st.caption(plain(view.projection_basis))
    if view.year_before:
        st.markdown(plain(view.year_before))
    if view.decisions:
        st.markdown(f"**{texts.DECISIONS_ON_TARGET}**")
        for decision in view.decisions:
            st.info(plain(decision), icon=":material/gavel:")

if view.target_source:
    st.markdown(f"**{texts.INDICATOR_SOURCE}:**")
    st.markdown(f"> {plain(view.target_source)}")

if not view.has_data:
    st.info(plain(texts.INDICATOR_NO_DATA.format(name=view.indicator_name, period=view.period_label)))
else:
    bars, trend = _charts(*key)
    if bars is None:
        st.info(plain(texts.INDICATOR_NO_DATA.format(name=view.indicator_name, period=view.period_label)))
    else:
        st.plotly_chart(bars, theme=None, key="bars")
        if view.bars_left_out:
            st.caption(view.bars_left_out)
    if view.province_only_goal:
        st.caption(texts.INDICATOR_PROVINCE_ONLY_GOAL.format(goal=view.province_only_goal))
    if bars is not None and view.no_data_text:
        st.caption(plain(view.no_data_text))
    if trend is None:
        st.caption(texts.TREND_NO_DATA)
    else:
        st.plotly_chart(trend, theme=None, key="trend")

found = _series(data_version(), plan_id, period_code, indicator_code, approved_only)
if found is not None:
    series, series_chart = found
    st.subheader(texts.SERIES_SECTION)
    st.plotly_chart(series_chart, theme=None, key="series")
    st.caption(plain(series.caption))

st.subheader(texts.INDICATOR_TABLE)
grid(page.table, hide_index=True, width="stretch", height=table_height(page.table))
csv_column, xlsx_column, _ = st.columns([1, 1, 3])
with csv_column:
    st.download_button(
        texts.DOWNLOAD_CSV,
        lambda: _download(*key, "csv"),
        file_name=f"{page.file_stem}.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_csv",
    )
with xlsx_column:
    st.download_button(
        texts.DOWNLOAD_XLSX,
        lambda: _download(*key, "xlsx"),
        file_name=f"{page.file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="download_xlsx",
    )
