"""Tình hình báo cáo: which unit has sent which report of the year, on time or late, and whom to chase."""

from datetime import date

import streamlit as st

from core import fmt, texts
from screens import reporting_status
from web.ui import data_version, db, grid, plain, require, select_plan

GRID_ROW_HEIGHT = 40  # px: taller rows keep the state words legible on a projector


@st.cache_data
def _status(version: tuple, plan_id: str, today: date) -> reporting_status.ReportingStatus:
    # `today` is part of the key: a cell turns from not yet due to missing overnight.
    return reporting_status.reporting_status(db(), plan_id, today)


@st.cache_data
def _tables(version: tuple, plan_id: str, today: date) -> dict:
    status = _status(version, plan_id, today)
    return {
        "rates": reporting_status.rates_table(status),
        "chase": reporting_status.chase_table(status),
        "sentences": reporting_status.chase_sentences(status),
        "deadlines": reporting_status.deadlines_note(status),
    }


require("view_province")
st.title(texts.REPORTING_TITLE)
plan_id = select_plan()
today = date.today()
version = data_version()
status = _status(version, plan_id, today)
tables = _tables(version, plan_id, today)
st.caption(texts.REPORTING_CAPTION.format(year=status.year, today=fmt.date(today)))

if not status.periods:
    st.info(texts.REPORTING_NO_CALENDAR)
    st.stop()
if not status.has_submissions:
    st.info(texts.REPORTING_NO_SUBMISSIONS.format(year=status.year))

overall = status.overall
completeness, timeliness, chase = st.columns(3)
with completeness:
    st.metric(texts.REPORTING_METRIC_COMPLETENESS, fmt.percent(overall.completeness))
    st.caption(
        texts.REPORTING_COMPLETENESS_DETAIL.format(
            received=fmt.count(overall.count_received), due=fmt.count(overall.count_due)
        )
        if overall.count_due
        else texts.REPORTING_NOTHING_DUE
    )
with timeliness:
    st.metric(texts.REPORTING_METRIC_TIMELINESS, fmt.percent(overall.timeliness))
    if overall.count_due:
        st.caption(
            texts.REPORTING_TIMELINESS_DETAIL.format(
                on_time=fmt.count(overall.count_on_time), due=fmt.count(overall.count_due)
            )
        )
with chase:
    st.metric(texts.REPORTING_METRIC_CHASE, fmt.count(len(status.chase_units)))
    st.caption(
        texts.REPORTING_CHASE_DETAIL.format(
            missing=fmt.count(overall.count_missing), late=fmt.count(overall.count_late)
        )
    )

st.subheader(texts.REPORTING_GRID_TITLE)
grid(
    reporting_status.grid_styler(status),
    hide_index=True,
    width="stretch",
    height="content",  # every unit in view: the ones to chase are often at the bottom
    row_height=GRID_ROW_HEIGHT,
)
st.caption("  \n".join(tables["deadlines"]))

st.subheader(texts.REPORTING_CHASE_TITLE)
if tables["chase"].empty:
    st.success(texts.REPORTING_CHASE_NONE)
else:
    st.markdown("\n".join(f"- {plain(sentence)}" for sentence in tables["sentences"]))
    grid(tables["chase"], hide_index=True, width="stretch", height="content")

st.subheader(texts.REPORTING_RATES_TITLE)
grid(tables["rates"], hide_index=True, width="stretch", height="content")
st.caption(texts.REPORTING_RATES_NOTE)
