"""Tình trạng hệ thống: the database, the original files, free disk space and the newest backup, checked."""

from datetime import datetime

import streamlit as st

from core import fmt, health, texts
from web.ui import db, require, text_table


@st.cache_resource
def _verifications() -> dict[str, tuple[datetime, list[health.Finding]]]:
    """The latest full check of the originals of each database file, shown to every session of the server."""
    return {}


def _summary(findings: list[health.Finding]) -> None:
    level = health.worst(findings)
    {"ok": st.success, "warning": st.warning, "error": st.error}[level](texts.HEALTH_SUMMARY[level])


require("view_health")
st.title(texts.HEALTH_TITLE)
st.caption(texts.HEALTH_CAPTION)

database = db()
findings = health.check(database, health.default_backup_folder(), verify=False)
_summary(findings)
text_table(health.findings_table(findings))

st.subheader(texts.HEALTH_VERIFY_TITLE)
st.caption(texts.HEALTH_VERIFY_CAPTION)
if st.button(texts.HEALTH_VERIFY_BUTTON, key="verify"):
    with st.spinner(texts.HEALTH_CHECKING):
        _verifications()[str(database.path)] = (datetime.now(), health.verify_originals(database))
last = _verifications().get(str(database.path))
if last is None:
    st.info(texts.HEALTH_VERIFY_NEVER)
else:
    when, verified = last
    st.caption(texts.HEALTH_VERIFY_LAST.format(when=fmt.date_time(when)))
    _summary(verified)
    text_table(health.findings_table(verified))
