"""Home page: the plans, the chosen plan's targets with their sentences, and where the data stands."""

import streamlit as st

from core import texts
from screens import choices, views
from web.ui import choose, current_user, data_version, db, grid, plain


@st.cache_data
def _load(version: tuple) -> dict:
    database = db()
    return {"plans": views.plans_table(database), "choices": choices.plan_choices(database)}


@st.cache_data
def _plan(version: tuple, plan_id: str, unit_codes: tuple[str, ...] | None) -> dict:
    database = db()
    return {
        "header": views.plan_header(database, plan_id),
        "targets": views.plan_targets(database, plan_id),
        "calendar": views.plan_calendar(database, plan_id),
        "data": views.data_status(database, plan_id, unit_codes),
    }


st.title(texts.APP_TITLE)
st.caption(texts.APP_SUBTITLE)
version = data_version()
loaded = _load(version)

if not loaded["choices"]:
    st.warning(texts.HOME_NO_PLANS)
    st.stop()

plan_id = choose(texts.HOME_PLAN_SELECT, loaded["choices"], "plan", key="plan")
user = current_user()
plan = _plan(version, plan_id, None if user.sees_every_unit else user.unit_codes)
header = plan["header"]

st.header(plain(header["title"]))
st.markdown(
    plain(
        texts.HOME_DOCUMENT.format(
            document=header["document_number"], issued_by=header["issued_by"], issued_on=header["issued_on"]
        )
    )
)
st.markdown(plain(texts.HOME_UNITS.format(count=header["count_units"])))

st.subheader(texts.HOME_DATA)
if not plan["data"]["has_data"]:
    st.info(texts.HOME_NO_DATA.format(year=header["year"]))
else:
    for period in plan["data"]["periods"]:
        st.markdown(f"- **{plain(period['period'])}**: {plain(period['text'])}")

st.subheader(texts.HOME_TARGETS)
for target in plan["targets"]:
    with st.container(border=True):
        st.markdown(f"**{plain(target['label'])}**")
        st.markdown(f"{texts.HOME_INDICATOR}: {plain(target['indicator_name'])} · **{plain(target['target_text'])}**")
        st.caption(f"{texts.HOME_TARGET_SOURCE}: “{plain(target['source'])}”")

st.subheader(texts.HOME_CALENDAR)
for entry in plan["calendar"]:
    note = texts.DEADLINE_DEFAULT if entry["is_default"] else ""
    st.markdown(f"- **{plain(entry['report'])}**: {plain(entry['rule'])}. {note}")
    if entry["source"]:
        st.caption(f"{texts.HOME_TARGET_SOURCE}: “{plain(entry['source'])}”")

st.subheader(texts.HOME_PLANS)
grid(loaded["plans"], hide_index=True, width="stretch")
