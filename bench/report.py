"""The results table (measure, result, target, met?), printed and written to bench/results.md and .json."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from bench.timing import MB, Timing

# Targets of issues 8 and 22, on this 2-core machine.
LOAD_SPEEDUP_OVER_PANDAS = 10.0  # the product's loader at least 10x faster than the pandas script (issue 8: 5x)
LOAD_RATIO_TO_CALAMINE = 3.0  # ... and at most 3x slower than reading the files with calamine alone
PROVINCE_SECONDS = 0.020  # one province-period of indicators
NATIONAL_SECONDS = 0.200  # one national period of indicators
SCORECARD_SECONDS = 0.400  # the national scorecard of one period
RERENDER_SECONDS = 0.300  # every page's re-render (AppTest, the server's part)
BROWSER_RERENDER_SECONDS = 0.500  # every page drawn again in Chromium after a change
BROWSER_FIRST_SECONDS = 1.5  # every page drawn in Chromium after new data (cold caches)
UPLOAD_SECONDS = 2.0  # one form uploaded in Chromium until its outcome shows
BATCH_UPLOAD_SECONDS = 20.0  # sixty forms at once
SERVER_BYTES = 500 * MB  # the server serving 20 sessions, before the reform (issue 8)
SERVER_BYTES_POST2025 = 600 * MB  # ... 50 sessions after the reform (issue 22)
BENCH_SECONDS = 900  # the whole `make bench` from a clean clone, both countries (venv install included)


@dataclass
class Row:
    measure: str
    result: str
    target: str = "—"
    met: str = "—"  # yes | no | — (no target)
    value: float | None = None  # the figure judged, in the unit of its target, for results.json


def judged(measure: str, result: str, target: str, ok: bool, value: float | None) -> Row:
    return Row(measure, result, target, "yes" if ok else "no", value)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds * 1000:,.0f} ms"


def spread(timing: Timing) -> str:
    return f"p50 {ms(timing.p50)}, p95 {ms(timing.p95)} (n={timing.runs})"


def megabytes(n_bytes: int) -> str:
    return f"{n_bytes / MB:,.0f} MB"


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{memory_kb / 1024**2:.1f} GiB",
        "load average at the end (1, 5, 15 min)": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "duckdb": version("duckdb"),
        "streamlit": version("streamlit"),
        "pandas": version("pandas"),
        "openpyxl": version("openpyxl"),
        "python-calamine": version("python-calamine"),
        "commit": commit.stdout.strip() or "?",
    }


def table(rows: list[Row]) -> str:
    lines = ["| measure | result | target | met? |", "| --- | --- | --- | --- |"]
    lines += [f"| {r.measure} | {r.result} | {r.target} | {r.met} |" for r in rows]
    return "\n".join(lines)


def write(rows: list[Row], settings: dict, out_dir: Path, started: datetime) -> str:
    """The table as Markdown with the machine and the settings; also written to results.md and results.json."""
    host = machine()
    missed = [r.measure for r in rows if r.met == "no"]
    text = "\n".join(
        [
            f"# Benchmark results, {started:%Y-%m-%d %H:%M}",
            "",
            "Machine: " + "; ".join(f"{k} {v}" for k, v in host.items()),
            "",
            "Settings: " + "; ".join(f"{k} {v}" for k, v in settings.items()),
            "",
            table(rows),
            "",
            f"Targets met: {sum(r.met == 'yes' for r in rows)} of {sum(r.met != '—' for r in rows)}"
            + (f"; missed: {', '.join(missed)}." if missed else "."),
            "",
        ]
    )
    (out_dir / "results.md").write_text(text, encoding="utf-8")
    payload = {"started": started.isoformat(), "machine": host, "settings": settings, "rows": [vars(r) for r in rows]}
    (out_dir / "results.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return text
