"""Every page timed where people wait: in a real headless Chromium (Debian's package, Playwright), signed in, on a
real server (issue 22, item 2).

- first visit: the click on the page's link in the sidebar, until the page is drawn;
- after a change: the choice of another period in the page's own selector, until the page is drawn again.

Drawn means: the app's script run has finished (Streamlit marks `data-test-script-state`), nothing on the page
is still marked stale from the run before, and every Plotly chart has drawn its SVG and every grid its canvas.
The server's caches are warm after the first run of each page, as on a server people use all day; the cold first
render after new data is measured headless by bench/pages.py.

`python -m bench.browser [--runs 10]` times the pages on the 168-commune province of `python -m bench.communes`
(built first if absent).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.server import RUN_TIMEOUT_MS, start_server, wait_idle
from bench.timing import Timing
from core import texts
from tests.support.accounts import ACCOUNTS, PASSWORD
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

ROLE = "secretariat"
VIEWPORT = {"width": 1366, "height": 768}
# The pages with the period selector of web/ui.selectors, by their title: a change is timed on them.
PERIOD_PAGES = ("overview", "indicator", "scorecard", "unit", "present", "review", "decisions")
DRAWN = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale=true]')) return false;
  const charts = [...document.querySelectorAll('.js-plotly-plot')];
  if (charts.some(c => !c.querySelector('.main-svg'))) return false;
  const grids = [...document.querySelectorAll('[data-testid=stDataFrame]')];
  return grids.every(g => g.querySelector('canvas'));
}"""


@dataclass
class BrowserTiming:
    page: str
    first: Timing
    change: Timing | None  # None: the page has no period to change


def _drawn(page) -> None:
    page.wait_for_timeout(150)  # the click reaches the server and starts a run
    page.wait_for_function(DRAWN, timeout=RUN_TIMEOUT_MS, polling=50)


def _timed(page, action) -> float:
    started = time.perf_counter()
    action()
    _drawn(page)
    return time.perf_counter() - started


def _signed_in(browser, url: str):
    page = browser.new_context(viewport=VIEWPORT, locale="vi-VN").new_page()
    page.goto(url, wait_until="networkidle")
    page.get_by_label(texts.SIGN_IN_USERNAME, exact=True).fill(ACCOUNTS[ROLE][0])
    page.get_by_label(texts.SIGN_IN_PASSWORD, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=texts.SIGN_IN_BUTTON).click()
    wait_idle(page)
    return page


def _change_period(page, periods: list[str], n: int) -> None:
    page.get_by_label(texts.SELECT_PERIOD, exact=True).click()
    page.get_by_role("option", name=periods[n % len(periods)], exact=True).click()


def browser_timings(db_path: Path, plans_dir: Path, pages: list[str], periods: list[str], runs: int, log=print):
    """`runs` first visits and period changes of each page (by name: texts.NAVIGATION_TITLES's keys)."""
    from playwright.sync_api import sync_playwright  # only the benchmarks that drive a browser load it

    process, url = start_server(db_path, plans_dir, db_path.parent / "browser-server.log")
    found = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = _signed_in(browser, url)
            sidebar = page.get_by_test_id("stSidebarNav")
            for name in pages:
                link = sidebar.get_by_role("link", name=texts.NAVIGATION_TITLES[name], exact=True)
                other = sidebar.get_by_role("link", name=texts.NAVIGATION_TITLES["home"], exact=True)
                first, change = [], []
                for n in range(runs):
                    _timed(page, other.click)  # away, so that the next click is a visit
                    first.append(_timed(page, link.click))
                    if name in PERIOD_PAGES:
                        change.append(_timed(page, lambda n=n: _change_period(page, periods, n)))
                found.append(BrowserTiming(name, Timing(first), Timing(change) if change else None))
                log(f"  {name}: {found[-1].first.p50 * 1000:,.0f} ms")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    return found


def main(argv: list[str] | None = None) -> int:
    from bench.communes import CACHE, PERIOD, build
    from core.periods import parse_period

    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    db_path = CACHE / "kpi.duckdb"
    if not db_path.exists():
        build(CACHE)
    year = parse_period(PERIOD).year
    periods = [parse_period(f"{year}Q{q}").label for q in (2, 3)]  # away from the default first: a real change
    pages = ["overview", "indicator", "scorecard", "unit", "present", "reporting", "review", "decisions", "mail"]
    pages += ["todo", "quality", "submit", "history", "home"]
    for timing in browser_timings(db_path, CACHE / "plans", pages, periods, args.runs):
        change = timing.change
        print(
            f"{timing.page}\tfirst visit p50 {timing.first.p50 * 1000:,.0f} ms p95 {timing.first.p95 * 1000:,.0f} ms"
            + (f"\tperiod change p50 {change.p50 * 1000:,.0f} ms p95 {change.p95 * 1000:,.0f} ms" if change else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
