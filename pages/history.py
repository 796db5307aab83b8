"""Lịch sử nộp: every version of every report, who sent it and when, the original file, and two versions compared."""

import streamlit as st

from core import texts
from core.auth import User
from screens import choices, submission_desk
from web.ui import choose, data_version, db, grid, plain, require, select_plan, text_table


@st.cache_data
def _filters(version: tuple, plan_id: str, user: User) -> tuple[dict[str, str], dict[str, str], int]:
    reporting = choices.reporting_unit_choices(db(), plan_id)
    units = {"": texts.HISTORY_ALL_UNITS, **{c: reporting[c] for c in user.visible_units(list(reporting))}}
    periods = {"": texts.HISTORY_ALL_PERIODS, **choices.period_choices(db(), plan_id)}
    return units, periods, choices.plan_year(db(), plan_id)


@st.cache_data
def _history(version: tuple, user: User, plan_id: str, unit_code: str | None, period_code: str | None):
    return (
        submission_desk.history_table(db(), user, plan_id, unit_code, period_code),
        submission_desk.version_choices(db(), user, plan_id, unit_code, period_code),
    )


user = require("view_history")
st.title(texts.HISTORY_TITLE)
plan_id = select_plan()
version = data_version()
units, periods, year = _filters(version, plan_id, user)
st.caption(texts.HISTORY_CAPTION.format(year=year))
unit_column, period_column = st.columns(2)
with unit_column:
    unit_code = choose(texts.SUBMIT_TEMPLATE_UNIT, units, "unit", key="unit") or None
with period_column:
    period_code = choose(texts.SUBMIT_TEMPLATE_PERIOD, periods, "period", key="period") or None

table, versions = _history(version, user, plan_id, unit_code, period_code)
if table.empty:
    st.info(texts.HISTORY_EMPTY)
    st.stop()
st.caption(texts.HISTORY_COUNT.format(count=len(table)))
grid(table, hide_index=True, width="stretch", height="content" if len(table) <= 30 else 600)

st.subheader(texts.HISTORY_VERSION_TITLE)
chosen = st.selectbox(texts.HISTORY_VERSION_SELECT, list(versions), format_func=versions.get, key="version")
try:
    file_name, data, sha256 = submission_desk.original_file(db(), user, chosen)
except submission_desk.ArchiveError as problem:
    st.error(plain(problem))
else:
    st.download_button(
        texts.HISTORY_DOWNLOAD_BUTTON,
        data=data,
        file_name=file_name,
        icon=":material/download:",
        key="original",
    )
    st.caption(plain(texts.HISTORY_FILE_HASH.format(file=file_name, sha256=sha256)))

st.subheader(texts.HISTORY_COMPARE_TITLE)
siblings = submission_desk.sibling_versions(db(), user, plan_id, chosen)
other = submission_desk.default_comparison(siblings, chosen)
if other is None:
    st.info(texts.HISTORY_ONLY_VERSION)
else:
    options = [sid for sid in siblings if sid != chosen]
    other = st.selectbox(
        texts.HISTORY_COMPARE_WITH,
        options,
        index=options.index(other),
        format_func=siblings.get,
        key=f"compare-{chosen}",
    )
    comparison, count_changes = submission_desk.compare_versions(db(), user, chosen, other)
    st.markdown(texts.HISTORY_CHANGES_COUNT.format(count=count_changes) if count_changes else texts.HISTORY_NO_CHANGES)
    text_table(comparison)
