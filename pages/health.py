"""Tình trạng hệ thống: the database, the original files, free disk space and the newest backup, checked."""

from datetime import datetime

import streamlit as st

from core import texts
from screens import health
from web.ui import db, require, text_table


@st.cache_resource
def _verifications() -> dict[str, health.Verification]:
    """The latest full check of the originals of each database file, shown to every session of the server."""
    return {}


def _show(verdict: health.Verdict) -> None:
    {"ok": st.success, "warning": st.warning, "error": st.error}[verdict.level](verdict.summary)
    text_table(verdict.table)


require("view_health")
st.title(texts.HEALTH_TITLE)
st.caption(texts.HEALTH_CAPTION)

database = db()
_show(health.health_page(database))  # disk space and backups change without a data load: never cached

st.subheader(texts.HEALTH_VERIFY_TITLE)
st.caption(texts.HEALTH_VERIFY_CAPTION)
if st.button(texts.HEALTH_VERIFY_BUTTON, key="verify"):
    with st.spinner(texts.HEALTH_CHECKING):
        _verifications()[str(database.path)] = health.verification(database, datetime.now())
last = _verifications().get(str(database.path))
if last is None:
    st.info(texts.HEALTH_VERIFY_NEVER)
else:
    st.caption(last.when)
    _show(last.verdict)
