"""Nhật ký: who did what and when, with the record before and after; read-only."""

import streamlit as st

from core import texts
from screens import admin_views
from web.ui import db, grid, require

require("view_audit")
st.title(texts.AUDIT_TITLE)
st.caption(texts.AUDIT_CAPTION.format(limit=admin_views.AUDIT_LIMIT))

actor_column, entity_column, since_column, until_column = st.columns(4)
actors = [None, *admin_views.audit_actors(db())]
actor = actor_column.selectbox(texts.AUDIT_ACTOR, actors, format_func=lambda a: a or texts.AUDIT_ALL, key="actor")
entities = [None, *texts.AUDIT_ENTITIES]
entity = entity_column.selectbox(
    texts.AUDIT_ENTITY, entities, format_func=lambda e: texts.AUDIT_ENTITIES.get(e, texts.AUDIT_ALL), key="entity"
)
since = since_column.date_input(texts.AUDIT_SINCE, value=None, format="DD/MM/YYYY", key="since")
until = until_column.date_input(texts.AUDIT_UNTIL, value=None, format="DD/MM/YYYY", key="until")

entries = admin_views.audit_table(db(), actor, entity, since, until)
if entries.empty:
    st.info(texts.AUDIT_EMPTY)
else:
    st.caption(texts.AUDIT_COUNT.format(count=len(entries)))
    grid(entries, hide_index=True, width="stretch", height=600)
