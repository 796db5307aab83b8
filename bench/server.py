"""The Streamlit server on the national database serving many signed-in sessions: its peak resident memory.

Each session is a tab of a real headless Chromium (Debian's package, driven by Playwright): it opens the Đơn vị
page of a different unit and quarter by its link, signs in, then opens the other dashboard pages from the sidebar.
Every session stays open until the end. The figure is the server process's VmHWM (peak resident set), read from
/proc; the browser's memory is not counted.

The tabs share one browser context, as people who have opened the dashboard before have its scripts in their
browser's cache: a new context per session loaded and compiled Streamlit's scripts each time (6.2 s a session
against 4.7, twelve sessions on the country after the reform). The server sees the same: each tab is a session of
its own (a new WebSocket) that signs in itself; the product keeps no cookie, so a tab inherits nothing from another.

The server is started as `make run` starts it (`python -m web.serve`); each click is followed until the page is
drawn (`timed`, shared with the Chromium timings of bench/browser.py), not for a fixed time.
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
SIDEBAR_PAGES = ("overview", "scorecard", "indicator", "reporting")  # the committee's pages
ROLE = "secretariat"
START_TIMEOUT_MS = 10_000  # a click starts the page's run within this, or it was lost
LOST: list[str] = []  # the pages where an action was lost and made again (logged at the end of a stage)
# Added to every page before Streamlit's own scripts: counts the runs the server says are over (a ForwardMsg whose
# script_finished, field 6, is 0, finished, or 3, a fragment finished; 2, stopped for a rerun, is not the end),
# once the app has drawn what came with them (a frame later). A run of a tenth of a second is drawn by React in one
# go, start and end together, so the app's state attribute never changes and an observer of it sees nothing: the
# "actions lost and made again" of earlier runs were such runs, the page long drawn.
RUN_COUNTER = """(() => {
  window.__benchFinished = 0;
  const finished = bytes => {
    let i = 0;
    const varint = () => { let x = 0, shift = 0, b; do { b = bytes[i++]; x += (b & 127) * 2 ** shift; shift += 7; }
                           while (b & 128 && i < bytes.length); return x; };
    while (i < bytes.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) { const value = varint(); if (field === 6) return value === 0 || value === 3; }
      else if (wire === 2) { const length = varint(); i += length; }  // i is read after varint() moved it
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else return false;
    }
    return false;
  };
  window.__benchRunOver = finished;  // for tests/bench/test_server.py
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => {
        if (event.data instanceof ArrayBuffer && finished(new Uint8Array(event.data)))
          setTimeout(() => requestAnimationFrame(() => setTimeout(() => { window.__benchFinished += 1; })));
      });
    }
  };
})()"""
# Set before each timed action: notes when the app's script run starts (the attribute may flip back within
# milliseconds; the observer sees every change) and how many runs were over, so the waits below never end on the
# state before the action.
ARM = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  window.__benchRan = false;
  window.__benchFinishedBefore = window.__benchFinished;
  if (window.__benchObserver) window.__benchObserver.disconnect();
  window.__benchObserver = new MutationObserver(changes => {
    if (changes.some(c => c.oldValue === 'running' || app.getAttribute('data-test-script-state') === 'running'))
      window.__benchRan = true;
  });
  window.__benchObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state'],
                                       attributeOldValue: true});
}"""
RAN = "() => window.__benchRan || window.__benchFinished > window.__benchFinishedBefore"
IDLE = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-stale=true]');
}"""
DRAWN = f"""() => {{
  if (!({RAN})()) return false;
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale=true]')) return false;
  const charts = [...document.querySelectorAll('.js-plotly-plot')];
  if (charts.some(c => !c.querySelector('.main-svg'))) return false;
  const grids = [...document.querySelectorAll('[data-testid=stDataFrame]')];
  return grids.every(g => g.querySelector('canvas'));
}}"""


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


def new_context(browser, viewport: dict[str, int]):
    """A browser context (a person's browser), Vietnamese, whose pages count their finished runs."""
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    context.add_init_script(RUN_COUNTER)
    return context


def new_page(browser, viewport: dict[str, int]):
    """A page of a browser context of its own."""
    return new_context(browser, viewport).new_page()


def log_lost(log) -> None:
    """The stage's actions made again, if any (LOST: cleared when a stage starts)."""
    if LOST:
        log(f"    actions lost and made again: {len(LOST)} ({', '.join(LOST)})")


def drawn(page) -> None:
    """Until the run the last action started has finished and the page is drawn (ARM before the action)."""
    page.wait_for_function(DRAWN, timeout=RUN_TIMEOUT_MS, polling=20)


def timed(page, action) -> float:
    """From the action until the page is drawn. An action that starts no run within START_TIMEOUT_MS (a click the
    page lost while it was redrawn) is made once more, and timed from then."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(2):
        page.evaluate(ARM)
        started = time.perf_counter()
        action()
        try:
            page.wait_for_function(RAN, timeout=START_TIMEOUT_MS, polling=20)
            break
        except PlaywrightTimeout:
            if attempt:
                raise
            LOST.append(page.url)
    drawn(page)
    return time.perf_counter() - started


def _session(context, url: str, link: str, first: bool) -> None:
    """One person: a shared link, the sign-in, then the other pages from the sidebar."""
    page = context.new_page()
    if first:  # on a new server, a deep link needs st.navigation to have run once (see tests/support/browser.py)
        page.goto(url, wait_until="networkidle")
        page.get_by_label(texts.SIGN_IN_USERNAME, exact=True).wait_for(timeout=RUN_TIMEOUT_MS)
    page.goto(f"{url}{link}")
    page.get_by_label(texts.SIGN_IN_USERNAME, exact=True).wait_for(timeout=RUN_TIMEOUT_MS)
    page.get_by_label(texts.SIGN_IN_USERNAME, exact=True).fill(ACCOUNTS[ROLE][0])
    page.get_by_label(texts.SIGN_IN_PASSWORD, exact=True).fill(PASSWORD)
    timed(page, page.get_by_role("button", name=texts.SIGN_IN_BUTTON).click)
    page.get_by_role("button", name=texts.SIGN_OUT_BUTTON).wait_for(timeout=RUN_TIMEOUT_MS)
    for name in SIDEBAR_PAGES:
        timed(page, page.get_by_test_id("stSidebarNav").get_by_role("link", name=texts.NAVIGATION_TITLES[name]).click)


def serve_sessions(
    db_path: Path, plans_dir: Path, plan_id: str, year: int, units: list[str], sessions: int, log_path: Path, log=print
) -> ServerRun:
    """`sessions` people on one server, each on a different unit (of `units`) and quarter; the server's memory."""
    from playwright.sync_api import sync_playwright  # only this stage drives a browser

    LOST.clear()  # this stage's own
    process, url = start_server(db_path, plans_dir, log_path)
    started = time.perf_counter()
    try:
        start_rss = status_bytes(process.pid, "VmRSS")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            context = new_context(browser, {"width": 1400, "height": 1000})  # see the module's docstring
            for n in range(sessions):
                unit, quarter = units[n * len(units) // sessions], n % 4 + 1
                _session(context, url, f"/don-vi?plan={plan_id}&period={year}Q{quarter}&unit={unit}", n == 0)
                resident = status_bytes(process.pid, "VmRSS") / MB
                log(f"    session {n + 1}/{sessions}: server resident {resident:,.0f} MB")
            end_rss, peak_rss = status_bytes(process.pid, "VmRSS"), status_bytes(process.pid, "VmHWM")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    log_lost(log)
    return ServerRun(sessions, 1 + len(SIDEBAR_PAGES), time.perf_counter() - started, start_rss, end_rss, peak_rss)
