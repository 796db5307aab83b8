"""Lịch sử nộp: every version of every report, who sent it and when, the original file, and two versions compared."""

import streamlit as st

from core import texts
from core.auth import User
from screens import history
from web.ui import choose, data_version, db, grid, plain, require, select_plan, shared_view, text_table


@shared_view
def _filters(version: tuple, plan_id: str, user: User) -> history.HistoryFilters:
    return history.history_filters(db(), user, plan_id)


@shared_view
def _view(
    version: tuple, user: User, plan_id: str, unit_code: str | None, period_code: str | None
) -> history.HistoryPage:
    return history.history_page(db(), user, plan_id, unit_code, period_code)


# A third call, after the second selector: the pairs of versions a person may compare are too many to prepare.
@st.cache_data
def _comparison(version: tuple, user: User, first_id: int, second_id: int) -> history.Comparison:
    return history.compare_versions(db(), user, first_id, second_id)


user = require("view_history")
st.title(texts.HISTORY_TITLE)
plan_id = select_plan()
version = data_version()
filters = _filters(version, plan_id, user)
st.caption(filters.caption)
unit_column, period_column = st.columns(2)
with unit_column:
    unit_code = choose(texts.SUBMIT_TEMPLATE_UNIT, filters.units, "unit", key="unit") or None
with period_column:
    period_code = choose(texts.SUBMIT_TEMPLATE_PERIOD, filters.periods, "period", key="period") or None

view = _view(version, user, plan_id, unit_code, period_code)
if view.table.empty:
    st.info(texts.HISTORY_EMPTY)
    st.stop()
st.caption(history.count_text(view))
grid(view.table, hide_index=True, width="stretch", height="content" if len(view.table) <= 30 else 600)

st.subheader(texts.HISTORY_VERSION_TITLE)
chosen = st.selectbox(texts.HISTORY_VERSION_SELECT, view.shown, format_func=view.versions.get, key="version")
try:
    # Read from the archive and checked against its hash on every run, never cached: what is offered is the file
    # as it is on disk now.
    file_name, data, sha256 = history.original_file(db(), user, chosen)
except history.ArchiveError as problem:
    st.error(plain(problem))
else:
    st.download_button(
        texts.HISTORY_DOWNLOAD_BUTTON,
        data=data,
        file_name=file_name,
        icon=":material/download:",
        key="original",
    )
    # The hash is for those who audit (the secretariat, the administrator); a clerk is told the file is intact.
    checked = texts.HISTORY_FILE_HASH if user.can("view_audit") else texts.HISTORY_FILE_CHECKED
    st.caption(plain(checked.format(file=file_name, sha256=sha256)))

st.subheader(texts.HISTORY_COMPARE_TITLE)
other = view.compare_with[chosen]
if other is None:
    st.info(texts.HISTORY_ONLY_VERSION)
else:
    options = view.others[chosen]
    other = st.selectbox(
        texts.HISTORY_COMPARE_WITH,
        options,
        index=options.index(other),
        format_func=view.versions.get,
        key=f"compare-{chosen}",
    )
    comparison = _comparison(version, user, chosen, other)
    st.markdown(comparison.summary)
    text_table(comparison.table)
