"""Nhật ký: who did what and when, with the record before and after; read-only."""

import streamlit as st

from core import fmt, texts
from screens import admin_views
from web.ui import db, grid, require

user = require("view_audit")
st.title(texts.AUDIT_TITLE)
st.caption(texts.AUDIT_CAPTION.format(limit=fmt.count(admin_views.AUDIT_LIMIT)))

# The log grows without a data load (every sign-in, every account change): read on every run, never cached.
filters = admin_views.audit_filters(db())
actor_column, entity_column, since_column, until_column = st.columns(4)
actor = actor_column.selectbox(texts.AUDIT_ACTOR, list(filters.actors), format_func=filters.actors.get, key="actor")
entity = entity_column.selectbox(
    texts.AUDIT_ENTITY, list(filters.entities), format_func=filters.entities.get, key="entity"
)
since = since_column.date_input(texts.AUDIT_SINCE, value=None, format="DD/MM/YYYY", key="since")
until = until_column.date_input(texts.AUDIT_UNTIL, value=None, format="DD/MM/YYYY", key="until")

# The record as stored (JSON, hashes) is the administrator's; everyone else reads it in words.
raw = user.can("view_raw_audit") and st.toggle(texts.AUDIT_RAW_TOGGLE, help=texts.AUDIT_RAW_HELP, key="raw")
view = admin_views.audit_page(db(), actor, entity, since, until, raw)
if view.entries.empty:
    st.info(texts.AUDIT_EMPTY)
else:
    st.caption(view.count_text)
    grid(view.entries, hide_index=True, width="stretch", height=600)
