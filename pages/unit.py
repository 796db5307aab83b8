"""Đơn vị: one unit's indicators against the plan, its communes still to reach, and its reports of the year."""

from datetime import datetime

import streamlit as st

from core import contacts, questions, texts
from core.auth import User
from core.engine import EngineError
from screens import questions as screens_questions
from screens import unit_profile
from web.ui import (
    approved_switch,
    data_version,
    db,
    grid,
    plain,
    remember_outcome,
    require,
    selectors,
    shared_view,
    show_outcome,
)

CONTACT_KEY = "contact_message"  # (kind, words) of the last change to the contacts
ASKED_KEY = "asked_message"  # (kind, words) of the last question sent, shown by the run the click starts


@shared_view
def _view(version: tuple, plan_id: str, period_code: str, unit_code: str, approved_only: bool) -> unit_profile.UnitPage:
    return unit_profile.unit_page(db(), plan_id, period_code, unit_code, approved_only)


def _indicators(profile: unit_profile.UnitProfile) -> None:
    st.subheader(texts.UNIT_INDICATORS.format(period=profile.period_label))
    if not profile.has_data:
        st.info(plain(texts.UNIT_NO_DATA.format(unit=profile.unit_name, period=profile.period_label)))
        return
    st.table(unit_profile.indicators_table(profile.indicators, escape=plain), hide_index=True)
    for line in profile.indicators:
        if line.held_text:
            st.warning(plain(f"{line.name}: {line.held_text}"))


def _communes(page: unit_profile.UnitPage) -> None:
    st.subheader(page.communes_title)
    profile, detail = page.profile, page.profile.communes
    if detail is None:
        st.info(texts.UNIT_NO_COMMUNES.format(year=profile.year, period=profile.period_label))
        return
    st.caption(texts.UNIT_COMMUNES_SOURCE.format(period=detail.period_label, received=detail.received_text))
    left, right = st.columns(2)
    with left:
        st.markdown(f"#### {texts.UNIT_NOT_COMMUNICATED}")
        _note(page.communication, page.not_communicated)
        if detail.communication_unknown and page.communication.kind != "info":
            st.caption(plain(texts.UNIT_COMMUNICATION_UNKNOWN.format(names=", ".join(detail.communication_unknown))))
    with right:
        st.markdown(f"#### {texts.UNIT_UNINSPECTED}")
        _note(page.inspection, page.uninspected)


def _note(note: unit_profile.Note, table) -> None:
    """A sentence about the communes, above its table when there is one."""
    if note.kind == "success":
        st.success(plain(note.text))
    elif note.kind == "info":
        st.info(plain(note.text))
    else:
        st.markdown(plain(note.text))
    if table is not None:
        grid(table, hide_index=True, height="content", width="stretch")


def _ask(user: User, unit_code: str, period_code: str, unit_name: str) -> None:
    figure, text = st.session_state["ask_figure"], st.session_state.get("ask_text", "")
    remember_outcome(
        ASKED_KEY,
        lambda: questions.ask(db(), user, unit_code, period_code, figure, text, datetime.now()),
        texts.QUESTION_ASKED.format(unit=unit_name),
    )


def _questions(user: User, plan_id: str, period_code: str, unit_code: str, unit_name: str) -> None:
    """The questions on this unit's figures of the period, and a form to ask one (secretariat, committee)."""
    st.subheader(texts.QUESTIONS_TITLE)
    show_outcome(ASKED_KEY)
    lines = screens_questions.unit_questions(db(), plan_id, unit_code, period_code)
    if not lines:
        st.caption(texts.QUESTIONS_NONE)
    for line in lines:
        st.markdown(f"- {plain(line.asked)}  \n  {plain(line.answered)}")
    if user.can("ask_about_figures"):
        with st.form("ask", clear_on_submit=True):
            st.markdown(f"**{texts.QUESTION_ASK_TITLE}**")
            figures = screens_questions.figure_choices(db(), plan_id)
            st.selectbox(texts.QUESTION_FIGURE, list(figures), format_func=figures.get, key="ask_figure")
            st.text_area(texts.QUESTION_TEXT, max_chars=questions.MAX_CHARS, key="ask_text")
            st.form_submit_button(
                texts.QUESTION_ASK,
                icon=":material/help:",
                on_click=_ask,
                args=(user, unit_code, period_code, unit_name),
            )


def _add_contact(user: User, unit_code: str, unit_name: str) -> None:
    state = st.session_state
    fields = [state.get(f"contact_{name}", "") for name in ("name", "role", "email", "phone")]
    remember_outcome(
        CONTACT_KEY,
        lambda: contacts.add_contact(db(), user, unit_code, *fields, datetime.now()),
        texts.CONTACT_ADDED.format(unit=unit_name),
    )


def _remove_contact(user: User, contact_id: int) -> None:
    remember_outcome(CONTACT_KEY, lambda: contacts.remove_contact(db(), user, contact_id), texts.CONTACT_REMOVED)


def _contacts(user: User, unit_code: str, unit_name: str) -> None:
    """Whom to reach at the unit; the secretariat and the administrator keep the list."""
    st.subheader(texts.CONTACTS_TITLE)
    show_outcome(CONTACT_KEY)
    people = contacts.contacts_of(db(), [unit_code]).get(unit_code, [])
    if not people:
        st.caption(texts.CONTACTS_NONE)
    manage = user.can("manage_contacts")
    for person in people:
        line, remove = st.columns([6, 1], vertical_alignment="center")
        line.markdown(plain(person.line))
        if manage:
            remove.button(
                texts.CONTACT_REMOVE,
                key=f"contact-remove-{person.contact_id}",
                on_click=_remove_contact,
                args=(user, person.contact_id),
            )
    if not manage:
        return
    with st.expander(texts.CONTACT_ADD_TITLE), st.form("contact", clear_on_submit=True):
        name, role = st.columns(2)
        name.text_input(texts.CONTACT_NAME, max_chars=contacts.MAX_CHARS, key="contact_name")
        role.text_input(texts.CONTACT_ROLE, max_chars=contacts.MAX_CHARS, key="contact_role")
        email, phone = st.columns(2)
        email.text_input(texts.CONTACT_EMAIL, max_chars=contacts.MAX_CHARS, key="contact_email")
        phone.text_input(texts.CONTACT_PHONE, max_chars=contacts.MAX_CHARS, key="contact_phone")
        st.form_submit_button(texts.CONTACT_ADD, on_click=_add_contact, args=(user, unit_code, unit_name))


def _submissions(page: unit_profile.UnitPage) -> None:
    profile = page.profile
    st.subheader(texts.UNIT_SUBMISSIONS.format(year=profile.year))
    if profile.missing_reports:
        st.warning(plain(texts.UNIT_MISSING_REPORTS.format(items=", ".join(profile.missing_reports))))
    if page.submissions is None:
        st.info(texts.UNIT_NO_SUBMISSIONS.format(year=profile.year))
        return
    grid(page.submissions, hide_index=True, height="content", width="stretch")
    st.caption(texts.UNIT_TIMELINESS_NOTE)


user = require("view_province")
st.title(texts.UNIT_TITLE)
plan_id, period_code, unit_code = selectors(with_unit=True)
approved_only = approved_switch()
try:
    page = _view(data_version(), plan_id, period_code, unit_code, approved_only)
except EngineError as error:
    st.error(plain(error))
    st.stop()

profile = page.profile
st.header(plain(profile.unit_name))
if profile.is_province:
    st.info(texts.UNIT_PROVINCE_NOTE)
else:
    st.markdown(f"**{plain(profile.report_state)}**")
    if page.reform:
        st.caption(plain(page.reform))
_indicators(profile)
if not profile.is_province:
    _contacts(user, unit_code, profile.unit_name)
    _questions(user, plan_id, period_code, unit_code, profile.unit_name)
    _communes(page)
    _submissions(page)
