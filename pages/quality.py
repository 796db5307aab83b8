"""Chất lượng số liệu: every warning the checks raised on the plan's reports, by unit and period."""

import streamlit as st

from core import texts
from core.auth import User
from screens import quality, verification
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


def _decide(item: verification.HeldItem, decision: str, user: User) -> None:
    reason = st.session_state.get(f"verify-reason-{item.key}", "")
    try:
        verification.decide(db(), user, item.submission_id, item.problem, decision, reason)
    except verification.VerificationError as error:
        st.session_state[f"verify-error-{item.key}"] = str(error)
    else:
        st.session_state["verify-done"] = texts.VERIFY_DONE[decision]


def _held_figures(items: list[verification.HeldItem], user: User) -> None:
    """The figures held out of every aggregate; the secretariat confirms each or asks for a correction."""
    st.subheader(texts.VERIFY_TITLE)
    st.caption(texts.VERIFY_CAPTION)
    if done := st.session_state.pop("verify-done", None):
        st.success(done)
    if not items:
        st.success(texts.VERIFY_NONE)
        return
    st.markdown(f"**{texts.VERIFY_COUNT.format(count=len(items))}**")
    for item in items:
        with st.container(border=True):
            st.markdown(f"**{plain(texts.VERIFY_ITEM.format(unit=item.unit_name, period=item.period_label))}**")
            st.markdown(plain(texts.VERIFY_FIGURES.format(figures=item.figures)))
            st.markdown(plain(texts.VERIFY_PROBLEM.format(problem=item.problem)))
            st.caption(
                plain(
                    texts.VERIFY_SENDER.format(
                        sender=item.sender, received=item.received_text, reason=item.sender_reason
                    )
                )
            )
            st.caption(plain(item.state_text))
            if not user.can("verify_figures"):
                continue
            st.text_input(texts.VERIFY_REASON_LABEL, key=f"verify-reason-{item.key}")
            if error := st.session_state.pop(f"verify-error-{item.key}", None):
                st.error(error)
            confirm, correction, _ = st.columns([1, 1, 2])
            confirm.button(
                texts.VERIFY_CONFIRM_BUTTON,
                key=f"verify-confirm-{item.key}",
                on_click=_decide,
                args=(item, "confirmed", user),
                type="primary",
            )
            if item.state == "pending":
                correction.button(
                    texts.VERIFY_CORRECTION_BUTTON,
                    key=f"verify-correction-{item.key}",
                    on_click=_decide,
                    args=(item, "correction", user),
                )


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
_held_figures(_held(version, plan_id), user)
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
