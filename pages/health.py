"""Tình trạng hệ thống: the database, the original files, free disk space and the newest backup, checked."""

import streamlit as st

from core import health, texts
from core.ui import db, require, text_table

require("view_health")
st.title(texts.HEALTH_TITLE)
st.caption(texts.HEALTH_CAPTION)

with st.spinner(texts.HEALTH_CHECKING):
    findings = health.check(db(), health.default_backup_folder())
summary = {"ok": st.success, "warning": st.warning, "error": st.error}[health.worst(findings)]
summary(texts.HEALTH_SUMMARY[health.worst(findings)])
text_table(health.findings_table(findings))
