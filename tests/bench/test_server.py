"""The server-memory stage of bench/server.py on the demo, so the benchmark keeps working as the pages change: each
session (a tab of one browser context: the product keeps no cookie, so each signs in by itself) signs in through a
unit's link and opens the committee's pages, every click followed until drawn."""

from __future__ import annotations

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.server import LOST, SIDEBAR_PAGES, new_page, serve_sessions
from core import texts
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
    assert LOST == []  # every click started its run at once


def _message(**fields) -> list[int]:
    message = ForwardMsg(**fields)
    message.metadata.delta_path.append(0)  # a field before the one read, as the server's messages have
    return list(message.SerializeToString())


def test_the_runs_the_server_ends_are_counted_whatever_the_app_draws(chromium, demo_server):
    # A run drawn by React in one go never changes the app's state attribute: the bench counts the runs the server
    # says are over, so that such a run is timed rather than taken for a lost click and made again.
    page = new_page(chromium, {"width": 1366, "height": 768})
    try:
        page.goto(demo_server.url)
        page.get_by_label(texts.SIGN_IN_USERNAME, exact=True).wait_for()
        page.wait_for_function("() => window.__benchFinished >= 1")  # the sign-in page's run, as Streamlit sends it
        over = "bytes => window.__benchRunOver(Uint8Array.from(bytes))"
        finished, rerun, fragment = (
            ForwardMsg.ScriptFinishedStatus.Value(name)
            for name in ("FINISHED_SUCCESSFULLY", "FINISHED_EARLY_FOR_RERUN", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY")
        )
        assert page.evaluate(over, _message(script_finished=finished))
        assert page.evaluate(over, _message(script_finished=fragment))
        assert not page.evaluate(over, _message(script_finished=rerun))  # another run follows at once
        assert not page.evaluate(over, _message(page_info_changed={"query_string": "a=1"}))
    finally:
        page.context.close()
