"""National-scale report forms, filled: every reporting unit of the country, each quarter of the scope. Before the 2025
reform the units are the 696 districts (each form lists the district's communes); after it, the 3,321 communes,
each reporting on itself.

Each form is the product's own pre-filled template (`etl.template`) with figures typed in. Calling the
template for each of the 13,920 pre-reform forms would take about ten minutes, so it is called once per unit
(for the first period) and once per period (for one unit), and each form is put together from those
parts: the summary sheet of its period's template with the unit's name and code written in, and the
commune sheet of its unit's template with the period's label in the page header. `check_assembly`
compares blank forms put together this way with the template's own, so a change to the template cannot
go unnoticed. The figures follow the demo year's model (`etl.demo`): plausible, consistent with the
commune sheet, numerators within their denominators, cumulative figures never falling within a year.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from core.bootstrap import open_database
from core.catalog import load_elements
from core.db import Database
from core.periods import Period, parse_period
from core.sample_content import FORM_AUTHOR
from core.units import structure_for_year, units_file
from etl import form_spec

# The demo's model of a district's year: the same plausible, self-consistent figures at national scale.
from etl.demo import Commune, _quarter_values, _unit_year
from etl.template import template_bytes, template_file_name

GENERATOR_VERSION = 1  # part of the cache key: bump when the figures or the assembly change
# The unit whose template gives each period's summary sheet (any would do): a district of Lạng Sơn before the
# reform (Huyện Cao Lộc), one of its communes after (Phường Đông Kinh).
REFERENCE_UNITS = {"pre2025": "183", "post2025": "05977"}
REPORTING_LEVELS = {"pre2025": "district", "post2025": "commune"}  # who fills a form in each structure
REFORM_QUARTER = "2025Q3"  # the first quarter the communes report on (DOMAIN.md section 7)
MAX_QUARTERS = 8  # of the country after the reform (issue 22: 2025Q3-2027Q2)
SUMMARY_PART, COMMUNE_PART, WORKBOOK_PART = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/workbook.xml"
HEADER_VALUE_COLUMN = "C"  # etl.template writes each header value in column C, right of its label
AUTHOR = FORM_AUTHOR  # the demo forms' author signs every form
REPORT_DAYS_BEFORE_END = 3  # the report date typed in the header: a few days before the quarter ends
WORKERS = 2  # processes making forms: the bench machine's cores
PROVINCE = "20"  # Lạng Sơn, whose real plan gives the one-province measures: always in the scope
DONE_FILE = "done.json"  # written last: a folder without it is an interrupted generation

_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>.*?</c>)')
_STYLE = re.compile(r' s="[0-9]+"')


class AssemblyMismatch(RuntimeError):
    """A blank form put together from parts differs from the product's template: the template changed."""


@dataclass(frozen=True)
class ReportingUnit:
    code: str
    name: str
    province_code: str
    communes: tuple[tuple[str, str], ...]  # (code, name) in code order: the rows of the ChiTietXa sheet


@dataclass(frozen=True)
class Scope:
    """Which forms: every reporting unit of the first `provinces` provinces in code order (None: all) and of
    PROVINCE, each of the `quarters` (period codes, all of one unit structure)."""

    quarters: tuple[str, ...]
    provinces: int | None = None

    def __post_init__(self) -> None:
        if len({structure_for_year(p.year) for p in self.periods()}) != 1:
            raise ValueError(f"the quarters {self.quarters[0]}..{self.quarters[-1]} span the 2025 reform")

    def periods(self) -> list[Period]:
        return [parse_period(code) for code in self.quarters]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({p.year for p in self.periods()}))

    @property
    def structure(self) -> str:
        return structure_for_year(self.years[0])

    @property
    def measured(self) -> Period:
        """The period the indicators and pages are measured on: the last full year's fourth quarter."""
        return max(p for p in self.periods() if p.code.endswith("Q4"))

    @property
    def label(self) -> str:
        provinces = "all" if self.provinces is None else f"p{self.provinces}"
        return f"{self.structure}-{self.quarters[0]}-{self.quarters[-1]}-{provinces}"

    @property
    def units(self) -> list[ReportingUnit]:
        return reporting_units(self.structure, self.provinces)


def quarters_begun(today: date) -> int:
    """The quarters from the reform's first to today's, at most MAX_QUARTERS: a report of a quarter not yet begun is
    refused (etl/checks.py), so later forms would measure refusals."""
    first = parse_period(REFORM_QUARTER)
    begun = (today.year - first.year) * 4 + (today.month - 1) // 3 - (first.start.month - 1) // 3 + 1
    return min(MAX_QUARTERS, begun)


def years_scope(years: tuple[int, ...], provinces: int | None = None) -> Scope:
    """Every quarter of these years."""
    return Scope(tuple(f"{year}Q{q}" for year in years for q in range(1, 5)), provinces)


def quarters_from(first: str, count: int, provinces: int | None = None) -> Scope:
    """`count` quarters from `first` on."""
    start = parse_period(first)
    ordinal = start.year * 4 + int(first[-1]) - 1
    return Scope(tuple(f"{n // 4}Q{n % 4 + 1}" for n in range(ordinal, ordinal + count)), provinces)


@dataclass(frozen=True)
class Layout:
    """Where the template puts what a clerk types."""

    header: dict[str, str]  # header field -> cell of its value ('C9')
    elements: dict[str, str]  # element code -> cell of its value ('E14')
    commune_columns: dict[str, str]  # commune sheet column key -> column letter


@dataclass(frozen=True)
class FormSet:
    folder: Path
    paths: list[Path]  # in the order reports arrive: period by period, units in code order
    generated_seconds: float | None  # None: taken from the cache


def reporting_units(structure: str, provinces: int | None = None) -> list[ReportingUnit]:
    """The units that fill a form in `structure`, from the reference list: the districts before the reform, the
    communes after; a unit without communes (every commune, five island districts) reports on itself, as the
    template lists it."""
    with units_file(structure).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    province_codes = [r["unit_code"] for r in rows if r["level"] == "province"]
    kept = set(province_codes if provinces is None else [*province_codes[:provinces], PROVINCE])
    level = REPORTING_LEVELS[structure]
    communes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if level == "district":
        for r in rows:
            if r["level"] == "commune":
                communes[r["parent_code"]].append((r["unit_code"], r["name"]))
    return [
        ReportingUnit(
            r["unit_code"],
            r["name"],
            r["parent_code"],
            tuple(sorted(communes[r["unit_code"]])) or ((r["unit_code"], r["name"]),),
        )
        for r in rows
        if r["level"] == level and r["parent_code"] in kept
    ]


# --- putting a form together -----------------------------------------------------------------------------


def _xml(text: str) -> str:
    """Text as the template's writer stores it: escaped, every non-ASCII letter as a character reference."""
    return escape(text).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _cell_xml(ref: str, style: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}"{style} t="inlineStr"><is><t>{_xml(value)}</t></is></c>'
    return f'<c r="{ref}"{style} t="n"><v>{value}</v></c>'


def fill_cells(sheet_xml: str, values: dict[str, object]) -> str:
    """The sheet with these cells' values written in, each keeping its style (format, border, colour)."""
    written = set()

    def put(match: re.Match) -> str:
        ref = match.group(1)
        if ref not in values:
            return match.group(0)
        written.add(ref)
        style = _STYLE.search(match.group(2))
        return _cell_xml(ref, style.group(0) if style else "", values[ref])

    filled = _CELL.sub(put, sheet_xml)
    if written != set(values):
        raise AssemblyMismatch(f"cells not in the template: {sorted(set(values) - written)}")
    return filled


def _with_period(commune_xml: str, first: Period, period: Period) -> str:
    """The commune sheet's page header ends with the period's label."""
    old, new = _xml(f" — {first.label}") + "</oddHeader>", _xml(f" — {period.label}") + "</oddHeader>"
    if commune_xml.count(old) != 1:
        raise AssemblyMismatch("the commune sheet's page header no longer ends with the period's label")
    return commune_xml.replace(old, new)


def _parts(xlsx: bytes) -> dict[str, bytes]:
    with ZipFile(io.BytesIO(xlsx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def find_layout(blank: bytes) -> Layout:
    book = load_workbook(io.BytesIO(blank))
    labels = {label: key for key, label in form_spec.HEADER_FIELDS.items()}
    codes = {e.code for e in load_elements()}
    code_col, value_col = (list(form_spec.TABLE_COLUMNS).index(k) for k in ("code", "value"))
    header, elements = {}, {}
    for row in book[form_spec.SUMMARY_SHEET].iter_rows():
        if row[0].value in labels:
            header[labels[row[0].value]] = f"{HEADER_VALUE_COLUMN}{row[0].row}"
        elif len(row) > value_col and row[code_col].value in codes:
            elements[row[code_col].value] = row[value_col].coordinate
    columns = {key: get_column_letter(n) for n, key in enumerate(form_spec.COMMUNE_COLUMNS, start=1)}
    return Layout(header, elements, columns)


@dataclass
class Assembler:
    """The parts of every form of a scope: each period's summary sheet and, per reporting unit, its own parts."""

    first: Period
    summaries: dict[str, str]  # period code -> summary sheet XML (of the reference unit)
    layout: Layout

    @classmethod
    def from_template(cls, db: Database, periods: list[Period]) -> Assembler:
        reference = REFERENCE_UNITS[structure_for_year(periods[0].year)]
        summaries = {p.code: _parts(template_bytes(db, reference, p.code))[SUMMARY_PART].decode() for p in periods}
        return cls(periods[0], summaries, find_layout(template_bytes(db, reference, periods[0].code)))

    def unit_parts(self, db: Database, unit: ReportingUnit) -> dict[str, bytes]:
        return _parts(template_bytes(db, unit.code, self.first.code))

    def form(self, unit_parts: dict[str, bytes], unit: ReportingUnit, period: Period, filled: dict | None) -> bytes:
        """The unit's form for the period, blank (`filled` None) or with the header, values and
        commune rows of `filled` ({'summary': {cell: value}, 'communes': {cell: value}})."""
        header = self.layout.header
        summary_cells = {header["unit_name"]: unit.name, header["unit_code"]: unit.code}
        commune_cells = {}
        if filled:
            summary_cells |= filled["summary"]
            commune_cells = filled["communes"]
        parts = dict(unit_parts)
        parts[SUMMARY_PART] = fill_cells(self.summaries[period.code], summary_cells).encode()
        commune_xml = _with_period(unit_parts[COMMUNE_PART].decode(), self.first, period)
        parts[COMMUNE_PART] = fill_cells(commune_xml, commune_cells).encode()
        buffer = io.BytesIO()
        with ZipFile(buffer, "w", ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return buffer.getvalue()

    def filled_cells(self, unit: ReportingUnit, period: Period, values: dict, detail: list[dict]) -> dict:
        """What a clerk types: report date, author, every value, and each commune's five figures."""
        header, columns = self.layout.header, self.layout.commune_columns
        summary = {
            header["report_date"]: int(to_excel(period.end - timedelta(days=REPORT_DAYS_BEFORE_END))),
            header["author"]: AUTHOR,
        } | {self.layout.elements[code]: value for code, value in values.items()}
        communes = {}
        for row, commune in enumerate(detail, start=2):
            for key in list(form_spec.COMMUNE_COLUMNS)[2:]:
                communes[f"{columns[key]}{row}"] = commune[key]
        return {"summary": summary, "communes": communes}


def check_assembly(db: Database, assembler: Assembler, samples: list[tuple[ReportingUnit, Period]]) -> None:
    """Blank forms put together from parts must equal the product's template, sheet for sheet."""
    for unit, period in samples:
        ours = _parts(assembler.form(assembler.unit_parts(db, unit), unit, period, None))
        theirs = _parts(template_bytes(db, unit.code, period.code))
        for name in (SUMMARY_PART, COMMUNE_PART, WORKBOOK_PART):
            if ours[name] != theirs[name]:
                raise AssemblyMismatch(f"{name} of {unit.code} {period.code} differs from the template")


# --- the figures -----------------------------------------------------------------------------------------


def year_figures(unit: ReportingUnit, year: int) -> dict[int, tuple[dict[str, float], list[dict]]]:
    """Quarter -> (values, commune rows) of one reporting unit's year, the same on every run."""
    rng = random.Random(f"{GENERATOR_VERSION}:{unit.code}:{year}")
    communes = [
        Commune(code, name, rng.randint(0, 6), rng.random() < 0.55, rng.random()) for code, name in unit.communes
    ]
    model = _unit_year(rng, communes)
    return {q: _quarter_values(model, communes, q) for q in range(1, 5)}


# --- the whole set, made in parallel and cached ------------------------------------------------------------

_worker: dict = {}  # per worker process: its own scratch database, the assembler, the scope


def _start_worker(scratch_dir: Path, assembler: Assembler, scope: Scope, folder: Path) -> None:
    db = open_database(scratch_dir / f"scratch-{os.getpid()}.duckdb")
    _worker.update(db=db, assembler=assembler, scope=scope, folder=folder)


def _unit_forms(unit: ReportingUnit) -> list[str]:
    db, assembler, scope, folder = (_worker[k] for k in ("db", "assembler", "scope", "folder"))
    parts = assembler.unit_parts(db, unit)
    written = []
    for year in scope.years:
        for quarter, (values, detail) in year_figures(unit, year).items():
            period = parse_period(f"{year}Q{quarter}")
            if period.code not in scope.quarters:
                continue  # the year's figures are made whole (cumulative ones build up), the scope's quarters kept
            cells = assembler.filled_cells(unit, period, values, detail)
            path = folder / str(year) / template_file_name(unit.code, period.code)
            path.write_bytes(assembler.form(parts, unit, period, cells))
            written.append(str(path.relative_to(folder)))
    return written


def _ordered(folder: Path, names: list[str]) -> list[Path]:
    """Period by period, units in code order: the order reports arrive in."""

    def key(name: str) -> tuple:
        _form, unit, period = Path(name).stem.split("_")
        return parse_period(period).end, unit

    return [folder / name for name in sorted(names, key=key)]


def template_digest(db: Database, scope: Scope) -> str:
    """Changes when the product's template does: the cached forms are then made again."""
    parts = _parts(template_bytes(db, REFERENCE_UNITS[scope.structure], scope.periods()[0].code))
    return hashlib.sha256(b"".join(parts[n] for n in (SUMMARY_PART, COMMUNE_PART, WORKBOOK_PART))).hexdigest()[:12]


def national_forms(cache_dir: Path, scope: Scope, log=print) -> FormSet:
    """Every form of the scope, generated once per generator version, template and scope.

    The templates are made with the plans of KPI_PLANS, inherited by the workers: with the bench's plans
    (bench.plans.bench_plans) every unit is in a plan every year, so every form names the agency it goes to and
    the parts of two years' forms fit together (a form without that line has one style fewer)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(cache_dir / "scratch-main.duckdb")
    folder = cache_dir / f"forms-v{GENERATOR_VERSION}-{scope.label}-{template_digest(db, scope)}"
    done = folder / DONE_FILE
    if done.exists():
        db.close()
        return FormSet(folder, _ordered(folder, json.loads(done.read_text())["files"]), None)
    started = time.perf_counter()
    shutil.rmtree(folder, ignore_errors=True)
    for year in scope.years:
        (folder / str(year)).mkdir(parents=True)
    units = scope.units
    periods = scope.periods()
    assembler = Assembler.from_template(db, periods)
    samples = [(units[0], periods[-1]), (units[len(units) // 2], periods[len(periods) // 2]), (units[-1], periods[0])]
    check_assembly(db, assembler, samples)
    db.close()
    log(f"  making {len(units) * len(periods):,} forms ({len(units)} units x {len(periods)} quarters)...")
    context = multiprocessing.get_context("spawn")  # the parent's DuckDB threads must not be forked
    with context.Pool(WORKERS, _start_worker, (cache_dir, assembler, scope, folder)) as pool:
        names = [name for batch in pool.imap_unordered(_unit_forms, units, chunksize=8) for name in batch]
    for scratch in cache_dir.glob("scratch-*.duckdb*"):
        scratch.unlink()
    seconds = time.perf_counter() - started
    done.write_text(json.dumps({"files": names}))
    return FormSet(folder, _ordered(folder, names), seconds)
