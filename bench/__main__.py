"""`python -m bench`: generate the national forms (cached), then measure load, indicators, pages and memory.

By default the issue's scale: every district of the 63 provinces, each quarter of 2020-2024 (13,920 forms).
`--years 1 --provinces 3` is a quick run for trying things out.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

from bench import report
from bench.forms import Scope, districts, national_forms
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
    parser.add_argument("--years", type=_count(1), default=5, help="years of forms, ending in 2024 (default 5)")
    parser.add_argument(
        "--provinces", type=_count(0), help=f"only the first N provinces in code order (and {DEMO_PROVINCE})"
    )
    parser.add_argument("--sample", type=_count(1), default=500, help="files the three loaders load side by side")
    parser.add_argument("--runs", type=_count(1), default=30, help="timed runs of each indicator measure")
    parser.add_argument("--scorecard-runs", type=_count(1), default=10, help="timed runs of the national scorecard")
    parser.add_argument("--first-runs", type=_count(1), default=5, help="first renders of each page (cold caches)")
    parser.add_argument("--rerender-runs", type=_count(1), default=10, help="re-renders of each page (warm caches)")
    parser.add_argument("--sessions", type=_count(0), default=20, help="browser sessions on the server (0: skip)")
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


def _indicator_rows(timings: dict, units: int, year: int) -> list[Row]:
    return [
        _p95_row(
            f"Indicators, one province-period ({provincial_plan_id(year)}, {year}Q4)",
            timings["province"],
            report.PROVINCE_SECONDS,
        ),
        Row(f"Indicators, one province within the national plan ({year}Q4)", spread(timings["province_in_national"])),
        _p95_row(
            f"Indicators, national period ({units:,} districts, {year}Q4)", timings["national"], report.NATIONAL_SECONDS
        ),
        Row(f"Scorecard, national ({units + 1:,} rows × every indicator, {year}Q4)", spread(timings["scorecard"])),
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


def _server_rows(server) -> list[Row]:
    if server is None:
        return [Row("Server, peak resident memory", "not measured: --sessions 0")]
    return [
        judged(
            f"Server, peak resident memory, {server.sessions} sessions × {server.pages_per_session} pages",
            f"{megabytes(server.peak_rss_bytes)} (at start {megabytes(server.start_rss_bytes)}, "
            f"at end {megabytes(server.end_rss_bytes)}; {server.seconds:,.0f} s)",
            "< 500 MB",
            server.peak_rss_bytes < report.SERVER_BYTES,
            server.peak_rss_bytes / report.MB,
        )
    ]


def _wall_time_row(seconds: float, forms_generated: bool, national_loaded: bool) -> Row:
    """Judged only on a run that did the whole job: forms generated and the national database loaded."""
    measure, result = "`python -m bench` wall time (venv install not included)", f"{seconds / 60:,.1f} min"
    skipped = []
    if not forms_generated:
        skipped.append("forms taken from the cache")
    if not national_loaded:
        skipped.append("national load skipped")
    if skipped:
        return Row(measure, f"{result} (not judged: {', '.join(skipped)})")
    return judged(measure, result, "< 10 min with the install", seconds < report.BENCH_SECONDS, seconds)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    started_at, started, load_at_start = datetime.now(), time.perf_counter(), os.getloadavg()
    scope = Scope(tuple(range(LAST_YEAR - args.years + 1, LAST_YEAR + 1)), args.provinces)
    year, units = scope.years[-1], districts(scope.provinces)
    national_plan = national_plan_id(year)

    stages, stage_started = {}, time.perf_counter()

    def stage_done(name: str) -> None:
        nonlocal stage_started
        stages[name] = time.perf_counter() - stage_started
        stage_started = time.perf_counter()

    _log(f"1/6 Forms: {len(units)} districts × {len(scope.periods())} quarters")
    forms = national_forms(CACHE_DIR, scope, _log)
    made = "taken from the cache" if forms.generated_seconds is None else f"made in {forms.generated_seconds:,.0f} s"
    _log(f"  {len(forms.paths):,} forms {made} ({forms.folder.name})")
    plans_dir = bench_plans(CACHE_DIR, scope)
    os.environ[PLANS_ENV_VAR] = str(plans_dir)
    stage_done("forms")

    _log(f"2/6 Load side by side on {min(args.sample, len(forms.paths)):,} files")
    sample = _sample(forms.paths, args.sample)
    warm(sample)
    work = CACHE_DIR / "run"
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
    national = None
    if args.reuse_db and source.exists() and source.read_text() == forms.folder.name:
        _log(f"3/6 National database: reused {db_path}")
    else:
        _log(f"3/6 National load: {len(forms.paths):,} files through load_files")
        shutil.rmtree(db_path.parent, ignore_errors=True)
        db_path.parent.mkdir(parents=True)
        national = national_load(db_path, plans_dir, forms.paths)
        source.write_text(forms.folder.name)
    stage_done("national load")

    _log("4/6 Indicators")
    db = open_database(db_path)
    for role in ("secretariat", "admin", ROLE):
        ensure_account(db, role)
    indicators = indicator_timings(db, year, args.runs, args.scorecard_runs)
    db.close()
    stage_done("indicators")

    _log("5/6 Pages (AppTest)")
    os.environ[DB_ENV_VAR] = str(db_path)
    pages = page_timings(str(db_path), {"plan": national_plan}, args.first_runs, args.rerender_runs, _log)
    stage_done("pages")

    server = None
    if args.sessions:
        _log(f"6/6 Server with {args.sessions} browser sessions")
        unit_codes = [d.code for d in units]
        server = serve_sessions(
            db_path, plans_dir, national_plan, year, unit_codes, args.sessions, work / "streamlit.log", _log
        )
    stage_done("server")

    seconds = time.perf_counter() - started
    generation = "cached" if forms.generated_seconds is None else f"{forms.generated_seconds:,.0f} s"
    rows = [
        Row(f"Forms generated ({len(forms.paths):,} files)", generation),
        *_load_rows(calamine, pandas_run, product),
        *_national_rows(national),
        *_indicator_rows(indicators, len(units), year),
        *_page_rows(pages),
        *_server_rows(server),
        Row("Bench stages", ", ".join(f"{name} {seconds:,.0f} s" for name, seconds in stages.items())),
        _wall_time_row(seconds, forms.generated_seconds is not None, national is not None),
    ]
    settings = {
        "years": f"{scope.years[0]}-{scope.years[-1]}",
        "provinces": "all" if scope.provinces is None else f"first {scope.provinces} and {DEMO_PROVINCE}",
        "districts": f"{len(units):,}",
        "sample": args.sample,
        "indicator runs": args.runs,
        "scorecard runs": args.scorecard_runs,
        "page first renders": args.first_runs,
        "page re-renders": args.rerender_runs,
        "sessions": args.sessions,
        "load average at start (1, 5, 15 min)": ", ".join(f"{x:.2f}" for x in load_at_start),
    }
    _log("")
    _log(report.write(rows, settings, BENCH_DIR, started_at))
    _log(f"(also in {BENCH_DIR / 'results.md'} and results.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
