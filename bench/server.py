"""The Streamlit server on the national database serving many signed-in sessions: its peak resident memory.

Each session is a browser context of a real headless Chromium (Debian's package, driven by Playwright):
it opens the Đơn vị page of a different district and quarter by its link, signs in, then opens the
other dashboard pages from the sidebar. Every session stays open until the end. The figure is the
server process's VmHWM (peak resident set), read from /proc; the browser's memory is not counted.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.timing import MB, status_bytes
from core import texts
from core.db import DB_ENV_VAR, ROOT
from core.plans import PLANS_ENV_VAR
from tests.support.accounts import ACCOUNTS, PASSWORD
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

START_TIMEOUT_SECONDS = 120  # the server opens the database and installs the plans before answering
RUN_TIMEOUT_MS = 300_000  # one page run on the national database, cold caches included
RUN_START_MS = 300  # a click reaches the server and starts a run within this
SIDEBAR_PAGES = ("overview", "scorecard", "indicator", "reporting")  # the committee's pages
ROLE = "secretariat"


@dataclass
class ServerRun:
    sessions: int
    pages_per_session: int
    seconds: float
    start_rss_bytes: int  # once the server answers, before any session
    end_rss_bytes: int
    peak_rss_bytes: int  # VmHWM over the whole run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_path: Path, plans_dir: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, DB_ENV_VAR: str(db_path), PLANS_ENV_VAR: str(plans_dir)}
    command = [sys.executable, "-m", "web.serve", "--server.headless", "true"]  # as `make run` serves it
    command += ["--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"Streamlit did not start; see {log_path}")


def wait_idle(page) -> None:
    """Until the script run that the last action started has finished (the app marks its state)."""
    page.wait_for_timeout(RUN_START_MS)
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(timeout=RUN_TIMEOUT_MS)


def _session(browser, url: str, link: str, first: bool) -> None:
    """One person: a shared link, the sign-in, then the other pages from the sidebar."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN").new_page()
    if first:  # on a new server, a deep link needs st.navigation to have run once (see tests/support/browser.py)
        page.goto(url, wait_until="networkidle")
        page.get_by_label(texts.SIGN_IN_USERNAME, exact=True).wait_for(timeout=RUN_TIMEOUT_MS)
    page.goto(f"{url}{link}")
    page.get_by_label(texts.SIGN_IN_USERNAME, exact=True).wait_for(timeout=RUN_TIMEOUT_MS)
    page.get_by_label(texts.SIGN_IN_USERNAME, exact=True).fill(ACCOUNTS[ROLE][0])
    page.get_by_label(texts.SIGN_IN_PASSWORD, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=texts.SIGN_IN_BUTTON).click()
    wait_idle(page)
    page.get_by_role("button", name=texts.SIGN_OUT_BUTTON).wait_for(timeout=RUN_TIMEOUT_MS)
    for name in SIDEBAR_PAGES:
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=texts.NAVIGATION_TITLES[name]).click()
        wait_idle(page)


def serve_sessions(
    db_path: Path, plans_dir: Path, plan_id: str, year: int, units: list[str], sessions: int, log_path: Path, log=print
) -> ServerRun:
    """`sessions` people on one server, each on a different unit (of `units`) and quarter; the server's memory."""
    from playwright.sync_api import sync_playwright  # only this stage drives a browser

    process, url = start_server(db_path, plans_dir, log_path)
    started = time.perf_counter()
    try:
        start_rss = status_bytes(process.pid, "VmRSS")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for n in range(sessions):
                unit, quarter = units[n * len(units) // sessions], n % 4 + 1
                _session(browser, url, f"/don-vi?plan={plan_id}&period={year}Q{quarter}&unit={unit}", n == 0)
                resident = status_bytes(process.pid, "VmRSS") / MB
                log(f"    session {n + 1}/{sessions}: server resident {resident:,.0f} MB")
            end_rss, peak_rss = status_bytes(process.pid, "VmRSS"), status_bytes(process.pid, "VmHWM")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    return ServerRun(sessions, 1 + len(SIDEBAR_PAGES), time.perf_counter() - started, start_rss, end_rss, peak_rss)
