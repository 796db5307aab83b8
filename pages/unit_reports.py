"""Báo cáo của đơn vị, where a unit's staff land: each report of the year, due when, sent or missing, and the form
to fill (pre-filled with the figures on record for a correction)."""

from datetime import date, datetime

import streamlit as st

from core import questions, texts
from core.auth import User
from screens import questions as screens_questions
from screens import unit_reports
from web.ui import (
    choose,
    data_version,
    db,
    plain,
    remember_outcome,
    report_state_badge,
    require,
    select_plan,
    show_outcome,
)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANSWERED_KEY = "answered_message"  # (kind, words) of the last answer sent, shown by the run the click starts


@st.cache_data
def _view(version: tuple, plan_id: str, user: User, today: date) -> unit_reports.UnitReportsPage:
    # `today` is in the key: a report turns from not yet due to missing overnight.
    return unit_reports.unit_reports_page(db(), plan_id, user, today)


def _line(line: unit_reports.ReportLine, plan_id: str, user: User) -> None:
    with st.container(border=True):
        period, state, action = st.columns([2, 2, 2], vertical_alignment="center")
        with period:
            st.markdown(f"**{plain(line.period)}**")
            st.caption(texts.UNIT_REPORTS_DEADLINE.format(deadline=line.deadline))
        with state:
            report_state_badge(line.state, line.state_text)
            if line.sent:
                st.caption(texts.UNIT_REPORTS_RECEIVED.format(received=line.received, versions=line.versions))
        with action:
            st.download_button(
                texts.UNIT_REPORTS_CORRECTION_FORM if line.sent else texts.UNIT_REPORTS_BLANK_FORM,
                data=unit_reports.form_maker(db(), plan_id, user, line),  # made on a press, not on every run
                file_name=unit_reports.form_file_name(line),
                mime=XLSX_MIME,
                help=texts.UNIT_REPORTS_CORRECTION_HELP if line.sent else None,
                icon=":material/download:",
                key=f"form-{line.unit_code}-{line.period_code}",
                on_click="ignore",
            )
        if line.review:
            (st.warning if line.returned else st.caption)(plain(line.review))
        for held in line.held:
            st.warning(plain(held))


def _answer(user: User, question_id: int) -> None:
    text = st.session_state.get(f"answer-{question_id}", "")
    remember_outcome(
        ANSWERED_KEY,
        lambda: questions.answer(db(), user, question_id, text, datetime.now()),
        texts.QUESTION_ANSWERED_OK,
    )


def _questions(user: User, plan_id: str, unit_code: str) -> None:
    """The questions on the unit's figures, each open one with a form to answer it (the unit's staff)."""
    lines = screens_questions.year_questions(db(), plan_id, unit_code, user)
    if not lines:
        return
    st.subheader(texts.UNIT_QUESTIONS_TITLE)
    show_outcome(ANSWERED_KEY)
    for line in lines:
        with st.container(border=True):
            st.markdown(f"**{plain(line.period_label)}** — {plain(line.asked)}")
            if not line.is_open:
                st.caption(plain(line.answered))
            elif user.can("answer_questions"):
                with st.form(f"answer-form-{line.question_id}", clear_on_submit=True):
                    st.text_area(
                        texts.QUESTION_ANSWER_TEXT, max_chars=questions.MAX_CHARS, key=f"answer-{line.question_id}"
                    )
                    st.form_submit_button(
                        texts.QUESTION_ANSWER, icon=":material/reply:", on_click=_answer, args=(user, line.question_id)
                    )
            else:
                st.caption(texts.QUESTION_WAITING)


user: User = require("submit")
st.title(texts.UNIT_REPORTS_TITLE)
plan_id = select_plan()
version = data_version()
view = _view(version, plan_id, user, date.today())
st.caption(view.caption)
if not view.units:
    st.info(texts.UNIT_REPORTS_NO_UNITS)
    st.stop()
units = {unit.unit_code: unit for unit in view.units}
chosen = units[
    choose(texts.SUBMIT_TEMPLATE_UNIT, {code: unit.unit_name for code, unit in units.items()}, "unit", key="unit")
]
st.info(plain(chosen.next_report), icon=":material/event:")
links = st.columns(3)
links[0].page_link("pages/submit.py", label=texts.UNIT_REPORTS_SUBMIT_LINK, icon=":material/upload_file:")
links[1].page_link("pages/history.py", label=texts.UNIT_REPORTS_HISTORY_LINK, icon=":material/history:")
links[2].page_link("pages/home.py", label=texts.PLAN_TEXT_LINK, icon=":material/description:")
for line in chosen.lines:
    _line(line, plan_id, user)
_questions(user, plan_id, chosen.unit_code)
