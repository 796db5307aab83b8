"""Running a page headless with Streamlit's AppTest against a given database file."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from core.db import DB_ENV_VAR, ROOT
from tests.support.accounts import ensure_account
from web.ui import SEEN_KEY, SIGNED_IN_KEY, USER_KEY, database


def run_page(monkeypatch, db_path, page: str | None = None, role: str | None = "secretariat", **params: str) -> AppTest:
    """Open the app at `page` (a path under the repo; None: the root URL, which lands on the role's own page) with
    query parameters, as a link would, signed in with the test account of `role` (None: signed out)."""
    monkeypatch.setenv(DB_ENV_VAR, str(db_path))
    database.clear()  # the cached connection may belong to another test's file
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if role is not None:
        _sign_in(at, db_path, role)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
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
    parts += [html.unescape(re.sub(r"<[^>]+>", "", element.value)) for element in at.get("html")]  # status chips
    return _unescape("\n".join(parts))


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def table(at: AppTest, index: int = 0) -> pd.DataFrame:
    """An st.table as a person reads it (its cells are Markdown-escaped by the page)."""
    frame = at.table[index].value
    return frame.rename(columns=_unescape).map(lambda cell: _unescape(str(cell)))


def registered_pages(at: AppTest) -> set[str]:
    """The page files the navigation offers the signed-in user ('overview', 'submit', ...)."""
    return {Path(str(info["script_path"])).stem for info in at._registered_pages.values() if info.get("script_path")}


def run_script_as(monkeypatch, db_path, script: str, role: str) -> AppTest:
    """Run one page file directly, bypassing the navigation, as a user of `role`: the page's own check."""
    monkeypatch.setenv(DB_ENV_VAR, str(db_path))
    database.clear()
    at = AppTest.from_file(str(ROOT / script), default_timeout=60)
    _sign_in(at, db_path, role)
    return at.run()


def _sign_in(at: AppTest, db_path, role: str) -> None:
    """The session state a successful sign-in leaves, for the test account of `role`."""
    user = ensure_account(database(str(db_path)), role)
    at.session_state[USER_KEY] = user.username
    at.session_state[SIGNED_IN_KEY] = at.session_state[SEEN_KEY] = datetime.now()
