"""Kết luận: the committee's decisions of a plan, each with how its target's figure moved since the meeting; the
secretariat records a meeting's conclusions and closes them with a note (issue 21, item 3)."""

from datetime import date, datetime

import streamlit as st

from core import decisions, texts
from core.auth import User
from screens import decisions as screens_decisions
from web.ui import (
    approved_switch,
    data_version,
    db,
    multiselect,
    plain,
    remember_outcome,
    require,
    selectors,
    show_outcome,
)

MESSAGE_KEY = "decision_message"  # (kind, words) of the last action, shown by the run the click starts


@st.cache_data
def _view(version: tuple, plan_id: str, period_code: str, approved_only: bool) -> screens_decisions.DecisionsPage:
    return screens_decisions.decisions_page(db(), plan_id, period_code, approved_only)


def _record(user: User, plan_id: str, period_code: str) -> None:
    state = st.session_state
    remember_outcome(
        MESSAGE_KEY,
        lambda: screens_decisions.record(
            db(),
            user,
            plan_id,
            period_code,
            state.get("decision_target", ""),
            state.get("decision_units", []),
            state.get("decision_text", ""),
            state.get("decision_responsible", ""),
            state.get("decision_due"),
            datetime.now(),
        ),
        texts.DECISION_RECORDED,
    )


def _close(user: User, decision_id: int) -> None:
    note = st.session_state.get(f"close-note-{decision_id}", "")
    remember_outcome(
        MESSAGE_KEY,
        lambda: decisions.close(db(), user, decision_id, note, datetime.now()),
        texts.DECISION_CLOSED_OK,
    )


def _line(line: screens_decisions.DecisionLine, user: User) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(line.title)}**")
        st.markdown(plain(line.text))
        st.caption(plain(line.meta))
        if line.moved:
            st.markdown(f"*{plain(line.moved)}*")
        if line.closed:
            st.success(plain(line.closed), icon=":material/check_circle:")
        elif user.can("record_decisions"):
            with st.form(f"close-{line.decision_id}", clear_on_submit=True):
                st.text_area(
                    texts.DECISION_CLOSE_NOTE, max_chars=decisions.MAX_CHARS, key=f"close-note-{line.decision_id}"
                )
                st.form_submit_button(
                    texts.DECISION_CLOSE, icon=":material/task_alt:", on_click=_close, args=(user, line.decision_id)
                )


def _form(user: User, view: screens_decisions.DecisionsPage, plan_id: str, period_code: str) -> None:
    with st.form("decision", clear_on_submit=True):
        st.markdown(f"**{plain(texts.DECISION_FORM_TITLE.format(period=view.periods.get(period_code, period_code)))}**")
        target, due = st.columns([3, 1])
        target.selectbox(texts.DECISION_TARGET, list(view.targets), format_func=view.targets.get, key="decision_target")
        due.date_input(texts.DECISION_DUE, value=None, min_value=date.today(), format="DD/MM/YYYY", key="decision_due")
        multiselect(
            texts.DECISION_UNITS,
            list(view.units),
            format_func=view.units.get,
            key="decision_units",
            placeholder=texts.DECISION_CHOOSE_UNITS,
        )
        st.text_area(texts.DECISION_TEXT, max_chars=decisions.MAX_CHARS, key="decision_text")
        st.text_input(texts.DECISION_RESPONSIBLE, max_chars=200, key="decision_responsible")
        st.form_submit_button(
            texts.DECISION_RECORD,
            type="primary",
            icon=":material/gavel:",
            on_click=_record,
            args=(user, plan_id, period_code),
        )


user: User = require("view_province")
st.title(texts.DECISIONS_TITLE)
st.caption(texts.DECISIONS_CAPTION)
plan_id, period_code, _ = selectors()
approved_only = approved_switch()
show_outcome(MESSAGE_KEY)
view = _view(data_version(), plan_id, period_code, approved_only)
st.markdown(f"**{view.counts}**")
if not view.lines:
    st.info(texts.DECISION_NONE)
for line in view.lines:
    _line(line, user)
if user.can("record_decisions"):
    _form(user, view, plan_id, period_code)
