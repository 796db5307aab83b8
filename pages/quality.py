"""Chất lượng số liệu: every warning the checks raised on the plan's reports, by unit and period."""

import streamlit as st

from core import texts
from screens import quality, verification
from web.held import held_figures
from web.ui import choose, data_version, db, grid, plain, require, select_plan

SUPERSEDED_PARAM = "superseded"  # ?superseded=1 keeps the checkbox ticked in a shared link
WARNING_ROW_HEIGHT = 72  # px: Streamlit wraps cell text only in rows taller than 4rem (64 px)


@st.cache_data
def _filters(version: tuple, plan_id: str) -> quality.QualityFilters:
    return quality.quality_filters(db(), plan_id)


@st.cache_data
def _view(
    version: tuple, plan_id: str, unit_code: str, period_code: str, include_superseded: bool
) -> quality.QualityPage:
    return quality.quality_page(db(), plan_id, unit_code, period_code, include_superseded)


@st.cache_data
def _held(version: tuple, plan_id: str) -> list[verification.HeldItem]:
    return verification.held_items(db(), plan_id)


def _include_superseded() -> bool:
    """A checkbox whose state lives in the URL, like the selectors."""
    ticked = st.checkbox(
        texts.QUALITY_INCLUDE_SUPERSEDED,
        value=st.query_params.get(SUPERSEDED_PARAM) == "1",
        help=texts.QUALITY_INCLUDE_SUPERSEDED_HELP,
        key="superseded",
    )
    if ticked:
        st.query_params[SUPERSEDED_PARAM] = "1"
    else:
        st.query_params.pop(SUPERSEDED_PARAM, None)
    return ticked


user = require("view_province")
st.title(texts.QUALITY_TITLE)
version = data_version()
plan_column, _ = st.columns([1, 2])
with plan_column:
    plan_id = select_plan()
held_figures(_held(version, plan_id), user)
st.subheader(texts.QUALITY_WARNINGS_TITLE)
filters = _filters(version, plan_id)
unit_column, period_column, _ = st.columns(3)
with unit_column:
    unit_code = choose(texts.SELECT_UNIT, filters.units, "unit", key="unit")
with period_column:
    period_code = choose(texts.SELECT_PERIOD, filters.periods, "period", key="period", default=quality.ALL_PERIODS)
include_superseded = _include_superseded()
page = _view(version, plan_id, unit_code, period_code, include_superseded)
view = page.view
st.caption(page.caption)

if not view.has_submissions:
    st.info(texts.QUALITY_NO_SUBMISSIONS.format(year=view.year))
    st.stop()
if not view.warnings:
    st.success(texts.QUALITY_NO_WARNINGS)
    if not include_superseded:
        st.caption(texts.QUALITY_SUPERSEDED_HINT)
    st.stop()

st.subheader(plain(view.summary))
st.markdown(f"#### {texts.QUALITY_TABLE_TITLE}")
grid(
    page.warnings,
    hide_index=True,
    width="stretch",
    row_height=WARNING_ROW_HEIGHT,
    column_config={
        texts.QUALITY_COLUMN_SHEET: st.column_config.TextColumn(width="small"),
        texts.QUALITY_COLUMN_CELL: st.column_config.TextColumn(width="small"),
        texts.QUALITY_COLUMN_ELEMENT: st.column_config.TextColumn(width="small"),
        texts.QUALITY_COLUMN_MESSAGE: st.column_config.TextColumn(width="large"),
        texts.QUALITY_COLUMN_LINK: st.column_config.LinkColumn(display_text=texts.QUALITY_LINK_TEXT),
    },
)
by_unit, by_period = st.columns(2)
with by_unit:
    st.markdown(f"#### {texts.QUALITY_BY_UNIT_TITLE}")
    grid(page.by_unit, hide_index=True, width="stretch")
with by_period:
    st.markdown(f"#### {texts.QUALITY_BY_PERIOD_TITLE}")
    grid(page.by_period, hide_index=True, width="stretch")
