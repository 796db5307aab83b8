"""Every page rendered headless with Streamlit's AppTest on the national database: first render, re-render.

A first render is a signed-in session opening the page just after the data changed: every cached view, value and
shared engine result misses (`web.ui.clear_caches`; the process's database connection stays, as on a running server).
A re-render is the same session running the page again, as after a click: the caches are warm.
"""

from __future__ import annotations

import ast
import logging
import time
from dataclasses import dataclass
from datetime import datetime

from streamlit.testing.v1 import AppTest

from bench.timing import Timing, timed
from core import texts
from core.auth import PERMISSIONS
from core.db import ROOT
from tests.support.accounts import ACCOUNTS
from web.ui import SEEN_KEY, SIGNED_IN_KEY, USER_KEY, clear_caches, database

ROOT_PAGE = "pages/start.py"  # the root URL: it only sends each role on to its own page, which is timed itself
ROLES = ("secretariat", "admin")  # who opens each page: the first allowed (the secretariat sees every unit)
TIMEOUT_SECONDS = 300  # one run of a page; a page this slow is a result, not a hang
# Streamlit warns at each call made outside a script run, as the bench's clearing of the caches is.
BARE_MODE_LOGGERS = (
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.scriptrunner_utils.script_run_context",
)


@dataclass
class PageTiming:
    page: str
    first: Timing
    rerender: Timing
    problem: str | None  # an exception or a refusal on the page: its timings do not count


def page_roles() -> dict[str, str]:
    """Every page of the navigation (dashboard.PAGES, read without running the app) -> a role allowed to open it."""
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    pages = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets)
    )
    return {
        path: next(role for role in ROLES if permission is None or role in PERMISSIONS[permission])
        for _section, path, _icon, _url, permission in pages
        if path != ROOT_PAGE
    }


def _signed_in(role: str, params: dict[str, str]) -> AppTest:
    """A new session with the state a successful sign-in leaves, for the test account of `role`."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT_SECONDS)
    at.session_state[USER_KEY] = ACCOUNTS[role][0]
    at.session_state[SIGNED_IN_KEY] = at.session_state[SEEN_KEY] = datetime.now()
    for key, value in params.items():
        at.query_params[key] = value
    return at


def _problem(at: AppTest) -> str | None:
    if at.exception:
        return str(at.exception[0].value).splitlines()[0]
    refused = [e.value for e in at.error if e.value == texts.NOT_ALLOWED]
    return refused[0] if refused else None


def _first_render(page: str, role: str, params: dict[str, str]) -> tuple[float, AppTest]:
    at = _signed_in(role, params)
    at.run()  # the session lands on its role's page first; st.navigation then knows every page
    at.switch_page(page)
    clear_caches()
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started, at


def page_timings(
    db_path: str, params: dict[str, str], first_runs: int, rerender_runs: int, log=print
) -> list[PageTiming]:
    """Each page: `first_runs` new sessions on cold caches, then `rerender_runs` runs of the last session.

    The test accounts (tests/support/accounts.py) of ROLES must be in the database at `db_path` (KPI_DB)."""
    for name in BARE_MODE_LOGGERS:
        logging.getLogger(name).disabled = True
    _signed_in(ROLES[0], params).run()  # imports and first-use costs of the process, not of a page
    results = []
    for page, role in page_roles().items():
        firsts, problem = [], None
        for _ in range(first_runs):
            seconds, at = _first_render(page, role, params)
            firsts.append(seconds)
            problem = problem or _problem(at)
        rerender = timed(at.run, rerender_runs, warm_up=0)
        problem = problem or _problem(at)
        results.append(PageTiming(page, Timing(firsts), rerender, problem))
        log(f"    {page}: first p50 {Timing(firsts).p50 * 1000:,.0f} ms, re-render p50 {rerender.p50 * 1000:,.0f} ms")
    database(db_path).close()
    database.clear()
    return results
