"""The server-memory stage of bench/server.py on the demo, so the benchmark keeps working as the pages change: each
session signs in through a unit's link and opens the committee's pages, every click followed until drawn."""

from __future__ import annotations

import pytest

from bench.server import LOST, SIDEBAR_PAGES, serve_sessions
from core.plans import PLANS_DIR
from tests.support.browser import copy_with_accounts

pytestmark = pytest.mark.browser


def test_sessions_are_served_and_the_servers_memory_measured(demo_db_path, tmp_path):
    path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")
    LOST.clear()
    run = serve_sessions(path, PLANS_DIR, "lang-son-2023", 2023, ["180", "183"], 2, tmp_path / "s.log", lambda _: None)
    assert (run.sessions, run.pages_per_session) == (2, 1 + len(SIDEBAR_PAGES))
    assert 0 < run.start_rss_bytes <= run.peak_rss_bytes and run.end_rss_bytes <= run.peak_rss_bytes
    assert "Traceback" not in (tmp_path / "s.log").read_text(encoding="utf-8")
