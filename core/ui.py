"""Streamlit glue shared by the pages: the cached database, the URL state, safe text."""

from __future__ import annotations

import re

import streamlit as st

from core.bootstrap import open_database
from core.db import Database, default_db_path

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


@st.cache_resource
def database(path: str) -> Database:
    """One database per process, shared by every session (each query takes its own cursor)."""
    return open_database(path)


def db() -> Database:
    return database(str(default_db_path()))


def data_version() -> tuple:
    """Changes whenever data or plans are loaded: part of every cached call's key."""
    return db().one("last_load_marker")


def plain(text: object) -> str:
    """User-supplied text made inert for st.markdown: no HTML, no Markdown formatting."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def choose(label: str, options: dict[str, str], param: str, key: str) -> str | None:
    """A select box whose choice lives in the URL (?param=value) so a link opens the same view."""
    if not options:
        return None
    codes = list(options)
    wanted = st.query_params.get(param)
    index = codes.index(wanted) if wanted in codes else 0
    chosen = st.selectbox(label, codes, index=index, format_func=options.get, key=key)
    st.query_params[param] = chosen
    return chosen
