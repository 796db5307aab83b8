"""Running a page headless with Streamlit's AppTest against a given database file."""

from __future__ import annotations

import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from core.db import DB_ENV_VAR, ROOT
from core.ui import database


def run_page(monkeypatch, db_path, page: str = "pages/home.py", **params: str) -> AppTest:
    """Open the app at `page` (a path under the repo) with query parameters, as a link would."""
    monkeypatch.setenv(DB_ENV_VAR, str(db_path))
    database.clear()  # the cached connection may belong to another test's file
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "pages/home.py":
        at.switch_page(page).run()
    return at


def all_text(at: AppTest) -> str:
    """What a person reads on the page (Markdown escapes removed)."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error", "metric")
    parts = []
    for kind in kinds:
        for element in getattr(at, kind):
            parts.append(str(element.value))
            if kind == "metric":
                parts.append(str(element.label))
    return _unescape("\n".join(parts))


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def table(at: AppTest, index: int = 0) -> pd.DataFrame:
    """An st.table as a person reads it (its cells are Markdown-escaped by the page)."""
    frame = at.table[index].value
    return frame.rename(columns=_unescape).map(lambda cell: _unescape(str(cell)))
