"""`python -m bench`: generate the national forms (cached), then measure load, indicators, pages and memory, for the
country before the 2025 reform and for the country after it.

By default the issues' scale: before the reform every district of the 63 provinces, each quarter of 2020-2024
(13,920 forms); after it every commune of the 34 provinces, each quarter from 2025Q3 on, up to eight and no later
than today's (the product refuses a report of a quarter not yet begun): on 4 December 2026, 2025Q3-2026Q4 (19,926).
`--years 1 --quarters 2 --provinces 3` is a quick run for trying things out.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from bench import report
from bench.browser import BrowserTiming, UploadTimings, browser_copy, browser_timings, held_back, upload_timings
from bench.forms import REFORM_QUARTER, Scope, national_forms, quarters_begun, quarters_from, years_scope
from bench.indicators import indicator_timings
from bench.loaders import calamine_read, national_load, pandas_load, product_load, warm
from bench.pages import page_timings
from bench.plans import bench_plans, national_plan_id, provincial_plan_id
from bench.report import Row, judged, megabytes, spread
from bench.server import ROLE, serve_sessions
from bench.timing import Timing
from core.bootstrap import open_database
from core.db import DB_ENV_VAR
from core.plans import PLANS_ENV_VAR
from core.sample_content import DEMO_PROVINCE
from tests.support.accounts import ensure_account

BENCH_DIR = Path(__file__).resolve().parent
CACHE_DIR = BENCH_DIR / ".cache"  # generated forms, plans, databases (git-ignored)
LAST_YEAR = 2024  # the last full year of the district structure
COUNTRIES = ("pre2025", "post2025")
COUNTRY_NAMES = {"pre2025": "Before 2025", "post2025": "After 2025"}  # a row's prefix in the table
UNIT_WORDS = {"pre2025": "districts", "post2025": "communes"}
SESSIONS = {"pre2025": 20, "post2025": 50}  # browser sessions on the server: issue 8's, issue 22's
SERVER_LIMITS = {"pre2025": report.SERVER_BYTES, "post2025": report.SERVER_BYTES_POST2025}
DB_SOURCE_FILE = "forms.txt"  # beside a national database: the forms folder it was loaded from


def _count(minimum: int):
    """An argparse type: a whole number of at least `minimum`."""

    def count(text: str) -> int:
        value = int(text)  # a ValueError is reported by argparse as "invalid count value"
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {value}")
        return value

    return count


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--country", choices=(*COUNTRIES, "both"), default="both", help="the country before or after the reform"
    )
    parser.add_argument("--years", type=_count(1), default=5, help="years of forms, ending in 2024 (default 5)")
    parser.add_argument(
        "--quarters",
        type=_count(2),
        default=quarters_begun(date.today()),
        help=f"quarters of forms after the reform, from {REFORM_QUARTER} (default: up to 8 begun by today)",
    )
    parser.add_argument(
        "--provinces", type=_count(0), help=f"only the first N provinces in code order (and {DEMO_PROVINCE})"
    )
    parser.add_argument("--sample", type=_count(1), default=500, help="files the three loaders load side by side")
    parser.add_argument("--runs", type=_count(1), default=30, help="timed runs of each indicator measure")
    parser.add_argument("--scorecard-runs", type=_count(1), default=10, help="timed runs of the national scorecard")
    parser.add_argument("--first-runs", type=_count(1), default=5, help="first renders of each page (cold caches)")
    parser.add_argument("--rerender-runs", type=_count(1), default=10, help="re-renders of each page (warm caches)")
    parser.add_argument(
        "--browser-runs", type=_count(0), default=10, help="each page's and upload's runs in Chromium (0: skip)"
    )
    parser.add_argument(
        "--sessions", type=_count(0), help="browser sessions on the server (default 20 before, 50 after; 0: skip)"
    )
    parser.add_argument(
        "--reuse-db", action="store_true", help="keep the national database of an earlier run (load not measured)"
    )
    return parser.parse_args(argv)


def _log(text: str) -> None:
    print(text, flush=True)


def _sample(paths: list[Path], size: int) -> list[Path]:
    """Spread evenly over the set, kept in arrival order (every period, every region)."""
    size = min(size, len(paths))
    return [paths[n * len(paths) // size] for n in range(size)]


def _load_rows(calamine, pandas_run, product) -> list[Row]:
    speedup, ratio = pandas_run.seconds / product.seconds, product.seconds / calamine.seconds
    sample = f"{product.files:,}-file sample"
    accepted = product.statuses.get("accepted", 0)
    return [
        Row(
            f"Load, product `load_files`, {sample}",
            f"{product.files_per_second:,.1f} files/s ({accepted:,} accepted, {product.warnings} warnings)",
        ),
        Row(
            f"Load, pandas read_excel (openpyxl) + row-by-row INSERT, {sample}",
            f"{pandas_run.files_per_second:,.1f} files/s",
        ),
        Row(f"Load, python-calamine read only (lower bound), {sample}", f"{calamine.files_per_second:,.1f} files/s"),
        judged(
            "Load: product speed-up over pandas",
            f"{speedup:,.2f}×",
            f"≥ {report.LOAD_SPEEDUP_OVER_PANDAS:g}×",
            speedup >= report.LOAD_SPEEDUP_OVER_PANDAS,
            speedup,
        ),
        judged(
            "Load: product time / calamine bound",
            f"{ratio:,.1f}×",
            f"≤ {report.LOAD_RATIO_TO_CALAMINE:g}×",
            ratio <= report.LOAD_RATIO_TO_CALAMINE,
            ratio,
        ),
    ]


def _national_rows(national) -> list[Row]:
    if national is None:
        return [Row("Load, national database (product)", "not measured: --reuse-db")]
    accepted = national.statuses.get("accepted", 0)
    return [
        Row(
            f"Load, national database, {national.files:,} files (product)",
            f"{national.seconds:,.0f} s, {national.files_per_second:,.1f} files/s "
            f"({accepted:,} accepted, {national.warnings} warnings)",
        ),
        Row(
            "Load, peak resident memory (VmHWM of the loading process)",
            f"{megabytes(national.peak_rss_bytes)} ({megabytes(national.start_rss_bytes)} before the first file)",
        ),
    ]


def _p95_row(measure: str, timing: Timing, limit_seconds: float) -> Row:
    """A timing judged on its p95 against `limit_seconds`, the target written in milliseconds."""
    target = f"p95 < {limit_seconds * 1000:,.0f} ms"
    return judged(measure, spread(timing), target, timing.p95 < limit_seconds, timing.p95)


def _indicator_rows(timings: dict, units: str, year: int) -> list[Row]:
    return [
        _p95_row(
            f"Indicators, one province-period ({provincial_plan_id(year)}, {year}Q4)",
            timings["province"],
            report.PROVINCE_SECONDS,
        ),
        Row(f"Indicators, one province within the national plan ({year}Q4)", spread(timings["province_in_national"])),
        _p95_row(f"Indicators, national period ({units}, {year}Q4)", timings["national"], report.NATIONAL_SECONDS),
        _p95_row(
            f"Scorecard, national (the country and {units} × every indicator, {year}Q4)",
            timings["scorecard"],
            report.SCORECARD_SECONDS,
        ),
    ]


def _page_rows(pages) -> list[Row]:
    rows = []
    for p in pages:
        name = Path(p.page).stem
        if p.problem:
            rows.append(judged(f"Page {name}", f"fails: {p.problem}", "renders", False, None))
            continue
        rows.append(Row(f"Page {name}, first render (cold caches)", spread(p.first)))
        rows.append(_p95_row(f"Page {name}, re-render", p.rerender, report.RERENDER_SECONDS))
    return rows


def _browser_rows(timings: list[BrowserTiming]) -> list[Row]:
    rows = []
    for t in timings:
        first, again = f"Chromium, {t.page}, first render after new data", f"Chromium, {t.page}, re-render"
        rows.append(_p95_row(first, t.first, report.BROWSER_FIRST_SECONDS))
        rows.append(_p95_row(again, t.change, report.BROWSER_RERENDER_SECONDS))
    return rows


def _upload_rows(uploads: UploadTimings) -> list[Row]:
    return [
        _p95_row("Chromium, one form uploaded until its outcome shows", uploads.one, report.UPLOAD_SECONDS),
        _p95_row(
            f"Chromium, {uploads.batch_files} forms uploaded at once until the outcome table shows",
            uploads.batch,
            report.BATCH_UPLOAD_SECONDS,
        ),
    ]


def _server_rows(server, limit: int) -> list[Row]:
    if server is None:
        return [Row("Server, peak resident memory", "not measured: --sessions 0")]
    return [
        judged(
            f"Server, peak resident memory, {server.sessions} sessions × {server.pages_per_session} pages",
            f"{megabytes(server.peak_rss_bytes)} (at start {megabytes(server.start_rss_bytes)}, "
            f"at end {megabytes(server.end_rss_bytes)}; {server.seconds:,.0f} s)",
            f"< {limit / report.MB:,.0f} MB",
            server.peak_rss_bytes < limit,
            server.peak_rss_bytes / report.MB,
        )
    ]


def _wall_time_row(seconds: float, complete: bool, skipped: list[str]) -> Row:
    """Judged only on a run that did the whole job: both countries, forms generated, national databases loaded."""
    measure, result = "`python -m bench` wall time (venv install not included)", f"{seconds / 60:,.1f} min"
    if not complete or skipped:
        return Row(measure, f"{result} (not judged: {', '.join(skipped) or 'one country'})")
    limit = f"< {report.BENCH_SECONDS / 60:,.0f} min with the install, both countries"
    return judged(measure, result, limit, seconds < report.BENCH_SECONDS, seconds)


def _scope(args: argparse.Namespace, structure: str) -> Scope:
    if structure == "pre2025":
        return years_scope(tuple(range(LAST_YEAR - args.years + 1, LAST_YEAR + 1)), args.provinces)
    return quarters_from(REFORM_QUARTER, args.quarters, args.provinces)


@dataclass
class CountryRun:
    rows: list[Row]
    stages: dict[str, float]
    skipped: list[str]  # what this run took from an earlier one
    settings: dict[str, str]


def _country(args: argparse.Namespace, structure: str) -> CountryRun:
    """Every stage on one country: its forms, loads, indicators, pages (AppTest and Chromium), uploads, memory."""
    scope = _scope(args, structure)
    year, units = scope.measured.year, scope.units
    unit_count = f"{len(units):,} {UNIT_WORDS[structure]}"
    national_plan = national_plan_id(year)
    name = COUNTRY_NAMES[structure]
    stages, stage_started, skipped = {}, time.perf_counter(), []

    def stage_done(stage: str) -> None:
        nonlocal stage_started
        stages[f"{name.lower()} {stage}"] = time.perf_counter() - stage_started
        stage_started = time.perf_counter()

    _log(f"{name}. 1/8 Forms: {unit_count} × {len(scope.periods())} quarters")
    plans_dir = bench_plans(CACHE_DIR, scope)
    os.environ[PLANS_ENV_VAR] = str(plans_dir)  # the forms' templates, the loads and the pages read these plans
    forms = national_forms(CACHE_DIR, scope, _log)
    made = "taken from the cache" if forms.generated_seconds is None else f"made in {forms.generated_seconds:,.0f} s"
    _log(f"  {len(forms.paths):,} forms {made} ({forms.folder.name})")
    if forms.generated_seconds is None:
        skipped.append(f"{name.lower()}: forms taken from the cache")
    stage_done("forms")

    _log(f"{name}. 2/8 Load side by side on {min(args.sample, len(forms.paths)):,} files")
    sample = _sample(forms.paths, args.sample)
    warm(sample)
    work = CACHE_DIR / f"run-{structure}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    calamine = calamine_read(sample)
    _log(f"  calamine: {calamine.files_per_second:,.1f} files/s")
    pandas_run = pandas_load(work / "pandas.duckdb", sample)
    _log(f"  pandas: {pandas_run.files_per_second:,.1f} files/s")
    product = product_load(work / "product" / "kpi.duckdb", sample)
    _log(f"  product: {product.files_per_second:,.1f} files/s {product.statuses}")
    stage_done("load side by side")

    db_path = CACHE_DIR / f"national-{scope.label}" / "kpi.duckdb"
    source = db_path.parent / DB_SOURCE_FILE
    national, held = None, held_back(args.browser_runs)  # the first forms are left for the uploads
    if args.reuse_db and source.exists() and source.read_text() == f"{forms.folder.name} {held}":
        _log(f"{name}. 3/8 National database: reused {db_path}")
        skipped.append(f"{name.lower()}: national load skipped")
    else:
        _log(f"{name}. 3/8 National load: {len(forms.paths):,} files through load_files")
        shutil.rmtree(db_path.parent, ignore_errors=True)
        db_path.parent.mkdir(parents=True)
        national = national_load(db_path, plans_dir, forms.paths[held:])
        source.write_text(f"{forms.folder.name} {held}")
    stage_done("national load")

    _log(f"{name}. 4/8 Indicators")
    db = open_database(db_path)
    for role in ("secretariat", "admin", ROLE):
        ensure_account(db, role)
    indicators = indicator_timings(db, year, args.runs, args.scorecard_runs)
    db.close()
    stage_done("indicators")

    _log(f"{name}. 5/8 Pages (AppTest)")
    os.environ[DB_ENV_VAR] = str(db_path)
    view = {"plan": national_plan, "period": scope.measured.code}
    pages = page_timings(str(db_path), {"plan": national_plan}, args.first_runs, args.rerender_runs, _log)
    stage_done("pages")

    browser, uploads, failures = [], None, []
    if args.browser_runs:
        _log(f"{name}. 6/8 Pages in Chromium")
        copy = browser_copy(db_path, work / "browser")  # reports are sent again and uploaded there
        other = f"{scope.measured.year}Q3"  # the quarter before the measured fourth
        try:  # a stage that fails is a result: the others still run
            browser = browser_timings(copy, plans_dir, view, other, args.browser_runs, _log)
        except Exception as error:  # noqa: BLE001
            failures.append(judged("Chromium, pages", f"fails: {error}".splitlines()[0], "drawn", False, None))
        stage_done("pages in chromium")
        _log(f"{name}. 7/8 Uploads in Chromium")
        try:
            uploads = upload_timings(copy, plans_dir, view, forms.paths[:held], args.browser_runs, _log)
        except Exception as error:  # noqa: BLE001
            failures.append(judged("Chromium, uploads", f"fails: {error}".splitlines()[0], "shown", False, None))
        stage_done("uploads in chromium")

    server = None
    sessions = SESSIONS[structure] if args.sessions is None else args.sessions
    if sessions:
        _log(f"{name}. 8/8 Server with {sessions} browser sessions")
        unit_codes = [u.code for u in units]
        server = serve_sessions(
            db_path, plans_dir, national_plan, year, unit_codes, sessions, work / "streamlit.log", _log
        )
    else:
        skipped.append(f"{name.lower()}: no browser sessions")
    stage_done("server")

    generation = "cached" if forms.generated_seconds is None else f"{forms.generated_seconds:,.0f} s"
    rows = [
        Row(f"Forms generated ({len(forms.paths):,} files)", generation),
        *_load_rows(calamine, pandas_run, product),
        *_national_rows(national),
        *_indicator_rows(indicators, unit_count, year),
        *_page_rows(pages),
        *_browser_rows(browser),
        *(_upload_rows(uploads) if uploads else []),
        *([] if args.browser_runs else [Row("Chromium", "not measured: --browser-runs 0")]),
        *failures,
        *_server_rows(server, SERVER_LIMITS[structure]),
    ]
    settings = {
        "quarters": f"{scope.quarters[0]}-{scope.quarters[-1]}",
        "provinces": "all" if scope.provinces is None else f"first {scope.provinces} and {DEMO_PROVINCE}",
        UNIT_WORDS[structure]: f"{len(units):,}",
        "measured period": scope.measured.code,
        "sessions": sessions,
    }
    return CountryRun([replace(r, measure=f"{name}: {r.measure}") for r in rows], stages, skipped, settings)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    started_at, started, load_at_start = datetime.now(), time.perf_counter(), os.getloadavg()
    countries = COUNTRIES if args.country == "both" else (args.country,)
    runs = {structure: _country(args, structure) for structure in countries}
    if not args.browser_runs:
        for run in runs.values():
            run.skipped.append("no browser timings")
    seconds = time.perf_counter() - started
    stages = {stage: s for run in runs.values() for stage, s in run.stages.items()}
    skipped = [reason for run in runs.values() for reason in run.skipped]
    rows = [
        *(row for run in runs.values() for row in run.rows),
        Row("Bench stages", ", ".join(f"{stage} {s:,.0f} s" for stage, s in stages.items())),
        _wall_time_row(seconds, len(runs) == len(COUNTRIES), skipped),
    ]
    settings = {
        **{f"{COUNTRY_NAMES[c].lower()}, {k}": v for c, run in runs.items() for k, v in run.settings.items()},
        "sample": args.sample,
        "indicator runs": args.runs,
        "scorecard runs": args.scorecard_runs,
        "page first renders": args.first_runs,
        "page re-renders": args.rerender_runs,
        "browser runs": args.browser_runs,
        "load average at start (1, 5, 15 min)": ", ".join(f"{x:.2f}" for x in load_at_start),
    }
    _log("")
    _log(report.write(rows, settings, BENCH_DIR, started_at))
    _log(f"(also in {BENCH_DIR / 'results.md'} and results.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
