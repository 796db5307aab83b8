"""Home page: the plans, the chosen plan's targets with their sentences, and where the data stands."""

import streamlit as st

from core import texts
from screens import choices, home
from web.ui import choose, current_user, data_version, db, grid, plain


@st.cache_data
def _plans(version: tuple) -> dict[str, str]:
    return choices.plan_choices(db())


@st.cache_data
def _view(version: tuple, plan_id: str, unit_codes: tuple[str, ...] | None) -> home.HomePage:
    return home.home_page(db(), plan_id, unit_codes)


st.title(texts.APP_TITLE)
st.caption(texts.APP_SUBTITLE)
version = data_version()
plans = _plans(version)

if not plans:
    st.warning(texts.HOME_NO_PLANS)
    st.stop()

plan_id = choose(texts.HOME_PLAN_SELECT, plans, "plan", key="plan", remember=True)
user = current_user()
view = _view(version, plan_id, None if user.sees_every_unit else user.unit_codes)

st.header(plain(view.title))
st.markdown(plain(view.document))
st.markdown(plain(view.owner))
st.markdown(plain(view.units))
st.markdown(plain(view.period_basis))

st.subheader(texts.HOME_DATA)
if not view.has_data:
    st.info(view.no_data)
else:
    for period in view.periods:
        st.markdown(f"- **{plain(period.period)}**: {plain(period.text)}")

st.subheader(texts.HOME_TARGETS)
for target in view.targets:
    with st.container(border=True):
        st.markdown(f"**{plain(target.label)}**")
        st.markdown(f"{texts.HOME_INDICATOR}: {plain(target.indicator_name)} · **{plain(target.target_text)}**")
        st.caption(f"{texts.HOME_TARGET_SOURCE}: “{plain(target.source)}”")

st.subheader(texts.HOME_CALENDAR)
for entry in view.calendar:
    st.markdown(f"- **{plain(entry.report)}**: {plain(entry.rule)}. {entry.note}")
    if entry.source:
        st.caption(f"{texts.HOME_TARGET_SOURCE}: “{plain(entry.source)}”")

st.subheader(texts.HOME_PLANS)
grid(view.plans, hide_index=True, width="stretch")
