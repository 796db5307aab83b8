"""Every page timed where people wait: in a real headless Chromium (Debian's package, Playwright), signed in, on a
real server (issue 22, items 2 and 3).

- first render after new data: a new version of one unit's report of the measured period is loaded (every cached
  view of the dashboard is keyed by the data's version, so every one misses, and the engine computes that period's
  results again; an earlier quarter's stay shared, as on a server after an upload), then each page is opened from
  the menu, until drawn;
- before the first round, every page opened once, untimed: a server just started computes what a server in use
  already has (each page's first visit, the earlier quarters' results, which a new report of the measured period
  leaves shared), as the other stages warm up before they time;
- re-render, once every page has had its first render (so that no page's re-render computes a view another page's
  first render is timed on): on each page with a period selector, the period changed to another one and back, the
  way back timed (both periods drawn once since the data changed, as on a server people use); on the other pages,
  the page opened again from the menu after another;
- uploads: on Nộp báo cáo, one form chosen until its outcome shows, and sixty forms at once until the outcome table
  shows; the forms are ones the national load held back (the first quarter's first units), so each is new.

Drawn means: the app's script run has finished (Streamlit marks `data-test-script-state`), nothing on the page
is still marked stale from the run before, and every Plotly chart has drawn its SVG and every grid its canvas.
The plan and period are chosen once, by the link the person signs in with; the menu keeps them (web/ui.choose).

`python -m bench.browser [--runs 10]` times the pages on the 168-commune province of `python -m bench.communes`
(built first if absent); `python -m bench` times them on both national databases.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from zipfile import ZipFile

from bench.pages import page_roles
from bench.server import IDLE, LOST, RUN_TIMEOUT_MS, log_lost, new_page, start_server, timed
from bench.timing import Timing
from core import texts
from core.archive import archive_dir_at
from core.bootstrap import open_database
from core.periods import parse_period
from etl.loader import load_files
from tests.support.accounts import ACCOUNTS, PASSWORD
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

VIEWPORT = {"width": 1366, "height": 768}
# The pages with the period selector of web/ui.selectors, by their name: a change of period is timed on them.
PERIOD_PAGES = ("overview", "indicator", "scorecard", "unit", "present", "review", "decisions")
OVERVIEW_URL = "/tong-quan"  # where each person signs in, with the plan and period in the link
AWAY_PAGES = ("home", "todo")  # opened between two visits of a page: Kế hoạch năm, or for it Việc cần làm
BATCH_FILES = 60  # the forms of one batch upload (issue 22)
BATCH_RUNS = 2  # batches timed: each takes tens of seconds
UPLOAD_TIMEOUT_MS = 300_000
UPLOADED = """n => document.querySelectorAll('[data-testid=stFileChip]').length === n
  && !document.querySelector('[data-testid=stFileChipIconSpinner]')"""


@dataclass
class BrowserTiming:
    page: str
    first: Timing  # first render after new data
    change: Timing  # re-render: a period changed back, or the page opened again


@dataclass
class UploadTimings:
    one: Timing
    batch: Timing
    batch_files: int


def held_back(runs: int) -> int:
    """How many of the first forms the national load leaves for the uploads."""
    return runs + BATCH_RUNS * BATCH_FILES if runs else 0


def browser_copy(db_path: Path, folder: Path) -> Path:
    """A copy of the database at `db_path` for the browser stages, which load and upload reports: its archive
    of originals linked file by file (nothing copied, nothing of the original changed). Its path."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(db_path, folder / db_path.name)
    archive = archive_dir_at(db_path)
    if archive.exists():
        shutil.copytree(archive, archive_dir_at(folder / db_path.name), copy_function=os.link)
    return folder / db_path.name


def _signed_in(browser, url: str, role: str, view: dict[str, str]):
    """A person of `role` signed in through the link of the overview of `view` (plan, period)."""
    page = new_page(browser, VIEWPORT)
    page.goto(url, wait_until="networkidle")  # on a new server, a deep link needs st.navigation to have run once
    page.get_by_label(texts.SIGN_IN_USERNAME, exact=True).wait_for(timeout=RUN_TIMEOUT_MS)
    query = "&".join(f"{key}={value}" for key, value in view.items())
    page.goto(f"{url}{OVERVIEW_URL}?{query}", wait_until="networkidle")
    page.get_by_label(texts.SIGN_IN_USERNAME, exact=True).fill(ACCOUNTS[role][0])
    page.get_by_label(texts.SIGN_IN_PASSWORD, exact=True).fill(PASSWORD)
    timed(page, page.get_by_role("button", name=texts.SIGN_IN_BUTTON).click)
    return page


def _menu_link(page, name: str):
    return page.get_by_test_id("stSidebarNav").get_by_role("link", name=texts.NAVIGATION_TITLES[name], exact=True)


def _period_option(page, label: str):
    """The period's entry in the period selector, opened (a click on it is the click that changes the period)."""
    page.get_by_label(texts.SELECT_PERIOD, exact=True).click()
    option = page.get_by_role("option", name=label, exact=True)
    option.wait_for()
    return option


def _pages_by_role(only: tuple[str, ...] | None) -> dict[str, list[str]]:
    """Every page of the menu (its name; or those of `only`), by the role that opens it here: the secretariat, else
    the administrator."""
    found: dict[str, list[str]] = {}
    for path, role in page_roles().items():
        if only is None or Path(path).stem in only:
            found.setdefault(role, []).append(Path(path).stem)
    return found


def _new_data(db_path: Path, view: dict[str, str], round_: int) -> None:
    """A new version of one unit's report of the measured period, loaded as a clerk's upload is (its form sent again,
    the file's bytes changed by a note in its zip comment): the data's version changes, every cached view misses
    and the engine's results of the period are computed again."""
    db = open_database(db_path)
    try:
        unit = db.rows("plan_reporting_units", {"plan_id": view["plan"]})[round_].unit_code
        current = db.one("current_submission", {"unit_code": unit, "period_code": view["period"]})
        if current is None:
            return
        sent = db.one("submission_summary", {"submission_id": current.submission_id})
        again = db_path.parent / "resent" / f"{round_}-{sent.file_name}"
        again.parent.mkdir(exist_ok=True)
        shutil.copy(archive_dir_at(db_path) / sent.archive_path, again)
        with ZipFile(again, "a") as form:
            form.comment = f"bench round {round_}".encode()
        [loaded] = load_files(db, [again], ACCOUNTS["secretariat"][0])
        if loaded.status != "accepted":
            raise RuntimeError(f"the report sent again was not taken: {loaded.status} {loaded.errors}")
    finally:
        db.close()


def _rerendered(page, name: str, labels: dict[str, str], view: dict[str, str], other_period: str) -> float:
    """The page drawn again: its period changed and changed back (the way back timed from the click on the period in
    the opened selector), or, without a period, the page opened again from the menu after another (a click on the
    page's own link may start no run at all)."""
    if name in PERIOD_PAGES:
        timed(page, _period_option(page, labels[other_period]).click)
        return timed(page, _period_option(page, labels[view["period"]]).click)
    timed(page, _menu_link(page, _away(name)).click)
    return timed(page, _menu_link(page, name).click)


def _away(name: str) -> str:
    return AWAY_PAGES[name == AWAY_PAGES[0]]


def browser_timings(
    db_path: Path,
    plans_dir: Path,
    view: dict[str, str],
    other_period: str,
    runs: int,
    log=print,
    only: tuple[str, ...] | None = None,
) -> list[BrowserTiming]:
    """`runs` rounds of: new data, every page opened from the menu (first render), every page re-rendered. `view`:
    the plan and period looked at (a report of that period is sent again each round); `only`: these pages only."""
    from playwright.sync_api import sync_playwright  # only the benchmarks that drive a browser load it

    labels = {code: parse_period(code).label for code in (view["period"], other_period)}
    LOST.clear()  # this stage's own
    process, url = start_server(db_path, plans_dir, db_path.parent / "browser-server.log")
    first: dict[str, list[float]] = {}
    change: dict[str, list[float]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            people = {
                role: (_signed_in(browser, url, role, view), names) for role, names in _pages_by_role(only).items()
            }
            for page, names in people.values():  # warm-up, untimed: what a server in use has (see the docstring)
                for name in names:
                    timed(page, _menu_link(page, name).click)
            for round_ in range(runs):
                _new_data(db_path, view, round_)
                for page, names in people.values():  # every first render before any re-render: none warms another
                    for name in names:
                        first.setdefault(name, []).append(timed(page, _menu_link(page, name).click))
                for page, names in people.values():
                    shown = names[-1]
                    for name in names:
                        if name in PERIOD_PAGES or shown == _away(name):  # else _rerendered opens it after another
                            timed(page, _menu_link(page, name).click)
                        change.setdefault(name, []).append(_rerendered(page, name, labels, view, other_period))
                        shown = name
                log(f"    round {round_ + 1}/{runs}")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    found = [BrowserTiming(name, Timing(first[name]), Timing(change[name])) for name in first]
    log_lost(log)
    for t in found:
        log(f"    {t.page}: first p50 {t.first.p50 * 1000:,.0f} ms, re-render p50 {t.change.p50 * 1000:,.0f} ms")
    return found


def _upload(page, paths: list[Path]) -> float:
    """The forms chosen in the uploader and sent, until the page shows every one's outcome; then cleared."""
    started = time.perf_counter()
    page.locator("input[type=file]").set_input_files([str(p) for p in paths])
    page.wait_for_function(UPLOADED, arg=len(paths), timeout=UPLOAD_TIMEOUT_MS)
    # Idle before the button is pressed (whether or not the run the chosen files start was seen: once in a few
    # runs none was, and a wait for it never ended); a press the page loses meanwhile is made again by `timed`.
    page.wait_for_function(IDLE, timeout=UPLOAD_TIMEOUT_MS, polling=20)
    accepted = texts.SUBMIT_STATUS["accepted"]
    if len(paths) == 1:
        wanted = [paths[0].name, accepted]
    else:
        wanted = [texts.SUBMIT_RESULTS_SUMMARY.format(count=len(paths), parts=f"{len(paths)} {accepted.lower()}")]
    timed(page, page.get_by_role("button", name=texts.SUBMIT_BUTTON).click)  # every file checked and recorded
    page.wait_for_function(
        "texts => texts.every(t => document.body.innerText.includes(t))", arg=wanted, timeout=UPLOAD_TIMEOUT_MS
    )
    seconds = time.perf_counter() - started
    timed(page, _menu_link(page, "home").click)  # away and back: the uploader is empty again
    timed(page, _menu_link(page, "submit").click)
    return seconds


def upload_timings(
    db_path: Path,
    plans_dir: Path,
    view: dict[str, str],
    forms: list[Path],
    runs: int,
    log=print,
    batch_files: int = BATCH_FILES,
    batch_runs: int = BATCH_RUNS,
) -> UploadTimings:
    """`runs` single forms, then `batch_runs` batches of `batch_files`, uploaded by the secretariat on Nộp báo cáo;
    `forms` are new to the database."""
    from playwright.sync_api import sync_playwright

    process, url = start_server(db_path, plans_dir, db_path.parent / "upload-server.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = _signed_in(browser, url, "secretariat", view)
            timed(page, _menu_link(page, "submit").click)
            one = [_upload(page, [path]) for path in forms[:runs]]
            log(f"    one form: p50 {Timing(one).p50 * 1000:,.0f} ms")
            rest = forms[runs:]
            batches = [_upload(page, rest[n * batch_files : (n + 1) * batch_files]) for n in range(batch_runs)]
            log(f"    {batch_files} forms: p50 {Timing(batches).p50:,.1f} s")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    return UploadTimings(Timing(one), Timing(batches), batch_files)


def main(argv: list[str] | None = None) -> int:
    from bench.communes import CACHE, PERIOD, build

    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    db_path, plan_id = build(CACHE)
    view = {"plan": plan_id, "period": PERIOD}
    other = f"{PERIOD[:-1]}{int(PERIOD[-1]) - 1}"  # the quarter before: a real change
    for timing in browser_timings(db_path, CACHE / "plans", view, other, args.runs):
        print(
            f"{timing.page}\tfirst render p50 {timing.first.p50 * 1000:,.0f} ms p95 {timing.first.p95 * 1000:,.0f} ms"
            f"\tre-render p50 {timing.change.p50 * 1000:,.0f} ms p95 {timing.change.p95 * 1000:,.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
