"""Duyệt báo cáo: the secretariat approves each unit's report of a period (locked), returns it with a reason, or
reopens an approved one (issue 20, item 1)."""

from datetime import date, datetime

import streamlit as st

from core import entry, fmt, reviews, texts
from core.auth import User
from core.reviews import CellNote
from screens import review
from web.held import held_figures
from web.ui import (
    choose,
    db,
    grid,
    multiselect,
    plain,
    remember_outcome,
    require,
    selectors,
    show_outcome,
    table_height,
)

MESSAGE_KEY = "review_message"  # (kind, words) of the last decision, shown by the run the click starts


def _approve(user: User, report: review.ReportReview) -> None:
    r = report.review
    remember_outcome(
        MESSAGE_KEY,
        lambda: reviews.approve(db(), user, r.unit_code, r.period_code, r.submission_id, datetime.now()),
        texts.REVIEW_APPROVED.format(unit=report.unit_name),
    )


def _return(user: User, report: review.ReportReview) -> None:
    state = st.session_state
    notes = tuple(CellNote(code, state.get("return_note", "").strip()) for code in state.get("return_cells", []))
    reason = state.get("return_reason", "")
    remember_outcome(
        MESSAGE_KEY,
        lambda: review.return_report(db(), user, report, reason, notes, datetime.now()),
        texts.REVIEW_RETURNED.format(unit=report.unit_name),
    )


def _reopen(user: User, report: review.ReportReview) -> None:
    r, reason = report.review, st.session_state.get("reopen_reason", "")
    remember_outcome(
        MESSAGE_KEY,
        lambda: reviews.reopen(db(), user, r.unit_code, r.period_code, r.submission_id, reason, datetime.now()),
        texts.REVIEW_REOPENED.format(unit=report.unit_name),
    )


def _open_window(user: User, plan_units: dict[str, str], period_code: str, period_label: str) -> None:
    state = st.session_state
    unit_code, until, reason = state["window_unit"], state["window_until"], state.get("window_reason", "")
    remember_outcome(
        MESSAGE_KEY,
        lambda: entry.open_window(db(), user, unit_code, period_code, until, reason, datetime.now()),
        texts.ENTRY_WINDOW_OPENED.format(unit=plan_units[unit_code], period=period_label, until=fmt.date(until)),
    )


def _entry_windows(user: User, plan_id: str, period_code: str, period_label: str) -> None:
    windows = review.entry_windows(db(), plan_id, period_code)
    st.subheader(texts.ENTRY_WINDOW_TITLE)
    st.caption(plain(windows.note))
    if not windows.closes:
        return
    with st.form("window", clear_on_submit=True):
        st.selectbox(texts.ENTRY_WINDOW_UNIT, list(windows.units), format_func=windows.units.get, key="window_unit")
        st.date_input(texts.ENTRY_WINDOW_UNTIL, min_value=date.today(), format="DD/MM/YYYY", key="window_until")
        st.text_area(texts.ENTRY_WINDOW_REASON, max_chars=2000, key="window_reason")
        st.form_submit_button(
            texts.ENTRY_WINDOW_OPEN,
            icon=":material/event_available:",
            on_click=_open_window,
            args=(user, windows.units, period_code, period_label),
        )


def _actions(report: review.ReportReview, user: User) -> None:
    state = report.review.state
    if state in (reviews.SUBMITTED, reviews.RETURNED):
        st.button(
            texts.REVIEW_APPROVE,
            type="primary",
            icon=":material/task_alt:",
            key="approve",
            on_click=_approve,
            args=(user, report),
        )
    if state == reviews.SUBMITTED:
        with st.form("return", clear_on_submit=True):
            st.markdown(f"**{texts.REVIEW_RETURN_TITLE}**")
            st.text_area(texts.REVIEW_RETURN_REASON, max_chars=2000, key="return_reason")
            multiselect(
                texts.REVIEW_RETURN_CELLS,
                list(report.elements),
                format_func=report.elements.get,
                key="return_cells",
                placeholder=texts.REVIEW_CHOOSE_CELLS,
            )
            st.text_input(texts.REVIEW_RETURN_NOTE, max_chars=500, key="return_note")
            st.form_submit_button(texts.REVIEW_RETURN, icon=":material/undo:", on_click=_return, args=(user, report))
    if state == reviews.APPROVED:
        with st.form("reopen", clear_on_submit=True):
            st.markdown(f"**{texts.REVIEW_REOPEN_TITLE}**")
            st.text_area(texts.REVIEW_REOPEN_REASON, max_chars=2000, key="reopen_reason")
            st.form_submit_button(
                texts.REVIEW_REOPEN, icon=":material/lock_open:", on_click=_reopen, args=(user, report)
            )


user: User = require("review")
st.title(texts.REVIEW_TITLE)
st.caption(texts.REVIEW_CAPTION)
plan_id, period_code, _ = selectors()
show_outcome(MESSAGE_KEY)
waiting_only = st.toggle(texts.REVIEW_WAITING_ONLY, key="waiting_only")
listing = review.review_list(db(), plan_id, period_code, waiting_only)
st.markdown(f"**{listing.counts}**")
if not listing.with_report:
    st.info(texts.REVIEW_NOTHING)
else:
    grid(listing.table, hide_index=True, width="stretch", height=table_height(listing.table))
    default = listing.waiting[0] if listing.waiting else None
    unit_code = choose(texts.REVIEW_UNIT, listing.with_report, "unit", key="unit", default=default)
    report = review.report_review(db(), plan_id, unit_code, period_code)
    st.subheader(plain(f"{report.unit_name} — {report.period_label}"))
    st.markdown(f"**{plain(report.state_text)}**")
    st.caption(plain(report.sent))
    grid(report.figures, hide_index=True, width="stretch", height="content")
    if report.held:
        held_figures(report.held, user)
    _actions(report, user)
_entry_windows(user, plan_id, period_code, listing.period_label)
