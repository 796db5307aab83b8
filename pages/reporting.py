"""Tình hình báo cáo: which unit has sent which report of the year, on time or late, and whom to chase."""

from datetime import date

import streamlit as st

from core import texts
from screens import reporting_status
from web.ui import data_version, db, grid, plain, require, select_plan, shared_view, table_height

GRID_ROW_HEIGHT = 40  # px: taller rows keep the state words legible on a projector


@shared_view
def _view(version: tuple, plan_id: str, today: date) -> reporting_status.ReportingPage:
    # `today` is part of the key: a cell turns from not yet due to missing overnight.
    return reporting_status.reporting_page(db(), plan_id, today)


require("view_province")
st.title(texts.REPORTING_TITLE)
plan_id = select_plan()
page = _view(data_version(), plan_id, date.today())
status = page.status
st.caption(page.caption)

if not status.periods:
    st.info(texts.REPORTING_NO_CALENDAR)
    st.stop()
if not status.has_submissions:
    st.info(texts.REPORTING_NO_SUBMISSIONS.format(year=status.year))

completeness, timeliness, chase = st.columns(3)
with completeness:
    st.metric(texts.REPORTING_METRIC_COMPLETENESS, page.completeness.value)
    st.caption(page.completeness.detail)
with timeliness:
    st.metric(texts.REPORTING_METRIC_TIMELINESS, page.timeliness.value)
    if page.timeliness.detail:
        st.caption(page.timeliness.detail)
with chase:
    st.metric(texts.REPORTING_METRIC_CHASE, page.chase_count.value)
    st.caption(page.chase_count.detail)

st.subheader(texts.REPORTING_GRID_TITLE)
# With 65-168 communes: the units to call, or one found by name.
search_column, chase_column = st.columns([3, 4], vertical_alignment="bottom")
with search_column:
    search = st.text_input(texts.UNIT_SEARCH, placeholder=texts.UNIT_SEARCH_PLACEHOLDER, key="search")
with chase_column:
    chase_only = st.toggle(texts.REPORTING_CHASE_ONLY, key="chase_only")
shown = reporting_status.filtered(status, chase_only, search)
shown_text = reporting_status.shown_text(status, shown)
if shown_text:
    st.caption(shown_text)
drawn = reporting_status.in_grid(shown)
grid(
    reporting_status.grid_styler(drawn),  # a Styler, made here: a cache cannot copy its functions
    hide_index=True,
    width="stretch",
    height=table_height(drawn.units),  # 65-500 units scroll in a frame; the filter above finds those to chase
    row_height=GRID_ROW_HEIGHT,
)
st.caption("  \n".join(page.deadlines))

st.subheader(texts.REPORTING_CHASE_TITLE)
if page.chase.empty:
    st.success(texts.REPORTING_CHASE_NONE)
else:
    st.markdown("\n".join(f"- {plain(sentence)}" for sentence in page.chase_sentences))
    # A long list scrolls inside its own frame: the completeness rates stay a short scroll below.
    grid(page.chase, hide_index=True, width="stretch", height=table_height(page.chase))

st.subheader(texts.REPORTING_RATES_TITLE)
grid(page.rates, hide_index=True, width="stretch", height="content")
st.caption(texts.REPORTING_RATES_NOTE)
