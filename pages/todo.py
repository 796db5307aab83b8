"""Việc cần làm, where the secretariat lands: the next deadline, the reports to chase, the figures to verify."""

from datetime import date

import streamlit as st

from core import texts
from screens import todo
from web.ui import data_version, db, grid, plain, require, select_plan, table_height


@st.cache_data
def _view(version: tuple, plan_id: str, today: date) -> todo.TodoPage:
    # `today` is in the key: a report turns from not yet due to missing overnight.
    return todo.todo_page(db(), plan_id, today)


user = require("follow_up")
st.title(texts.TODO_TITLE)
plan_id = select_plan()
view = _view(data_version(), plan_id, date.today())
st.caption(view.caption)
st.info(plain(view.next_deadline), icon=":material/event:")

st.subheader(texts.TODO_CHASE_TITLE)
st.markdown(plain(view.chase_summary))
if not view.chase.empty:
    grid(view.chase, hide_index=True, width="stretch", height=table_height(view.chase))
st.page_link("pages/reporting.py", label=texts.TODO_CHASE_LINK, icon=":material/schedule_send:")

st.subheader(texts.TODO_REVIEW_TITLE)
st.markdown(plain(view.review_summary))
if user.can("review"):
    st.page_link("pages/review.py", label=texts.TODO_REVIEW_LINK, icon=":material/task_alt:")

st.subheader(texts.QUESTIONS_OPEN_TITLE)
st.markdown(plain(view.questions_summary))
if not view.questions.empty:
    grid(view.questions, hide_index=True, width="stretch")

st.subheader(texts.TODO_HELD_TITLE)
st.markdown(plain(view.held_summary))
if not view.held.empty:
    grid(view.held, hide_index=True, width="stretch")
st.page_link("pages/quality.py", label=texts.TODO_HELD_LINK, icon=":material/fact_check:")
st.page_link("pages/home.py", label=texts.PLAN_TEXT_LINK, icon=":material/description:")
