"""Demo data: realistic years of reports, written as filled forms with the variations people really make, then
loaded through the same reader as any upload: Lạng Sơn 2023 (11 districts, the year is over) and Lạng Sơn 2026
(65 communes after the 2025 reform, the year under way: reports up to the end of November)."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from core import auth, calendar, texts
from core.backup import database_facts
from core.catalog import load_elements
from core.db import Database
from core.demo_accounts import DEMO_ACCOUNTS
from core.engine import compute_indicators
from core.fmt import count as format_count
from core.periods import PERIOD_TYPES, Period, parse_period
from core.sample_content import (
    DEMO_CONTACT_NAMES,
    DEMO_CONTACT_ROLE,
    DEMO_DECISION,
    DEMO_DECISION_CLOSED,
    DEMO_DECISION_RESPONSIBLE,
    DEMO_DIGEST_LIST,
    DEMO_MAIL_DOMAIN,
    FORM_AUTHOR,
    FORM_AUTHOR_OLD_TONE,
    NEW_STYLE_TONE,
    NOTES_SHEET,
    NOTES_TEXT,
    OLD_STYLE_TONE,
    PLAN_COLUMN,
    RENAMED_SHEET,
    TITLE_ROWS,
)
from core.textnorm import fold
from etl import form_spec
from etl.loader import LoadResult, load_files
from etl.template import template_workbook

DEMO_PLAN = "lang-son-2023"
CODES = {e.code for e in load_elements()}
QUARTER_SHARE = {1: 0.3, 2: 0.6, 3: 0.85, 4: 1.0}  # share of the year's work done by each quarter's end


@dataclass(frozen=True)
class DemoYear:
    """What happens in one demo year besides reports sent on time."""

    seed: int  # the same demo every time
    missing: frozenset[tuple[str, str]]  # (unit, period) never sent
    late_days: dict[tuple[str, str], int]  # (unit, period) -> days after the deadline it came
    corrected: tuple[str, str]  # (unit, period) sent with a typo, then corrected four days later
    received_by: datetime | None = None  # the year under way: what would come later is not in yet
    variations: bool = True  # the forms carry what people do to them (DOMAIN.md section 6)


DEMO_YEARS = {
    DEMO_PLAN: DemoYear(
        seed=2023,
        missing=frozenset({("189", "2023Q4"), ("189", "2023")}),  # Đình Lập sends nothing for the last quarter
        late_days={("181", "2023Q1"): 5, ("184", "2023Q3"): 12},
        corrected=("183", "2023Q2"),  # Cao Lộc
    ),
    "lang-son-2024": DemoYear(  # the year before the reform, for the committee's comparison across it
        seed=2024,
        missing=frozenset({("186", "2024Q3")}),  # Văn Lãng misses the third quarter
        late_days={("180", "2024Q2"): 4, ("187", "2024S1"): 9},
        corrected=("178", "2024Q1"),  # Thành phố Lạng Sơn
        variations=False,
    ),
    "lang-son-2026": DemoYear(
        seed=2026,
        missing=frozenset(
            {(commune, "2026Q3") for commune in ("06613", "06616", "06625", "06637")}  # the Đình Lập area, Q3
            | {("06541", period) for period in ("2026Q2", "2026S1", "2026Q3")}  # Mẫu Sơn, silent since Q1
        ),
        late_days={
            ("05977", "2026Q1"): 2,
            ("06112", "2026Q1"): 7,
            ("06463", "2026Q2"): 3,
            ("06385", "2026S1"): 10,
            ("06253", "2026Q3"): 12,
        },
        corrected=("06193", "2026Q2"),  # Xã Cao Lộc
        received_by=datetime(2026, 11, 30, 17),
        variations=False,
    ),
}


@dataclass
class Commune:
    code: str
    name: str
    establishments: int
    is_healthy: bool
    communication_rank: float  # the lower, the earlier it holds its first activity


@dataclass
class DemoReport:
    unit_code: str
    unit_name: str
    period_code: str
    received_at: datetime
    values: dict[str, float]
    communes: list[dict] = field(default_factory=list)
    variation: str = "plain"


def _unit_year(rng: random.Random, communes: list[Commune]) -> dict:
    """One district's year: the levels it reaches by December and its quarterly flows."""
    n = len(communes)
    establishments = sum(c.establishments for c in communes)
    return {
        "communication_share": rng.uniform(0.8, 1.0),
        "inspected_share": rng.uniform(0.12, 0.42),
        "committed_share": rng.uniform(0.5, 0.95),
        "KH01": n + rng.randint(3, 8),
        "plan_share": rng.uniform(0.7, 1.0),
        "HT01": rng.randint(0, 8),
        "HT03": rng.randint(0, 2),
        "TH01": rng.randint(25, 70),
        "trained_share": rng.uniform(0.2, 0.6),
        "establishments": establishments,
        "flows": {
            q: {
                "TT03": rng.randint(2, 3 + n // 3),
                "TT04": rng.randint(0, 4),
                "KT03": rng.randint(0, 3),
                "DT01": rng.randint(0, 1),
                "DT03": int(rng.random() < 0.15),
            }
            for q in range(1, 5)
        },
        "fine_per_case": rng.uniform(5, 30),
    }


def _quarter_values(year: dict, communes: list[Commune], quarter: int) -> tuple[dict[str, float], list[dict]]:
    share = QUARTER_SHARE[quarter]
    n = len(communes)
    reached = round(n * year["communication_share"] * share)
    ranked = sorted(communes, key=lambda c: c.communication_rank)
    held = {c.code for c in ranked[:reached]}
    inspected_total = round(year["establishments"] * year["inspected_share"] * share)
    inspected, left = {}, inspected_total
    for c in communes:  # fill communes in order: the total is what the summary says
        inspected[c.code] = min(c.establishments, left)
        left -= inspected[c.code]
    flows = year["flows"][quarter]
    values = {
        "TT01": n,
        "TT02": reached,
        "TT03": flows["TT03"],
        "TT04": flows["TT04"],
        "KH01": year["KH01"],
        "KH02": round(year["KH01"] * year["plan_share"] * share),
        "KT01": year["establishments"],
        "KT02": inspected_total - left,
        "KT03": flows["KT03"],
        "KT04": round(flows["KT03"] * year["fine_per_case"], 1),
        "KT05": round(year["establishments"] * year["committed_share"] * share),
        "DT01": flows["DT01"],
        "DT02": flows["DT01"] * 2,
        "DT03": flows["DT03"],
        "HT01": year["HT01"],
        "HT02": round(year["HT01"] * share),
        "HT03": year["HT03"],
        "TH01": year["TH01"],
        "TH02": round(year["TH01"] * year["trained_share"] * share),
        "LM01": sum(c.is_healthy for c in communes),
    }
    detail = [
        {
            "commune_code": c.code,
            "commune_name": c.name,
            "held_communication": form_spec.YES if c.code in held else form_spec.NO,
            "count_sessions": 0,
            "count_establishments": c.establishments,
            "count_inspected": inspected[c.code],
            "is_healthy": form_spec.YES if c.is_healthy else form_spec.NO,
        }
        for c in communes
    ]
    for q in range(1, quarter + 1):  # sessions so far, spread over the communes reached
        for i in range(year["flows"][q]["TT03"]):
            reached_rows = [d for d in detail if d["held_communication"] == form_spec.YES] or detail
            reached_rows[i % len(reached_rows)]["count_sessions"] += 1
    return values, detail


def _combine(reports: list[tuple[dict, list]], natures: dict[str, str]) -> dict[str, float]:
    """A half-year or year report: levels of its last quarter, flows added."""
    last = reports[-1][0]
    return {code: (sum(r[0][code] for r in reports) if natures[code] == "flow" else last[code]) for code in last}


def _received(rng: random.Random, unit: str, period_code: str, due: datetime, year: DemoYear) -> datetime:
    late = year.late_days.get((unit, period_code))
    if late:
        return due + timedelta(days=late, hours=rng.randint(8, 16))
    return due - timedelta(days=rng.randint(0, 8), hours=rng.randint(0, 8))


def _period_values(period: Period, quarters: dict[int, tuple], natures: dict[str, str]) -> tuple[dict, list]:
    """A quarter's own figures; a half-year's or a year's from its quarters (levels of the last, flows added)."""
    if period.period_type == "quarter":
        return quarters[period.number]
    last = 2 if period.period_type == "half_year" else 4
    return _combine([quarters[q] for q in range(1, last + 1)], natures), quarters[last][1]


def _communes(rng: random.Random, db: Database, structure: str, unit_code: str, unit_name: str) -> list[Commune]:
    """A district's communes (before the reform); a commune reports on itself (after it)."""
    rows = db.rows("unit_communes", {"structure": structure, "unit_code": unit_code})
    if not rows:
        return [Commune(unit_code, unit_name, rng.randint(1, 12), rng.random() < 0.55, rng.random())]
    top = 14 if unit_code == "178" else 6  # the provincial city has the most establishments
    return [Commune(c.unit_code, c.name, rng.randint(0, top), rng.random() < 0.55, rng.random()) for c in rows]


def _kind_first(period: Period) -> tuple[int, int]:
    """Quarters, then the half-year, then the year: the order the demo's random draws were first made in."""
    return PERIOD_TYPES.index(period.period_type), period.number


def generate_reports(db: Database, plan_id: str = DEMO_PLAN, demo: DemoYear | None = None) -> list[DemoReport]:
    """Every report of a demo year (by default the plan's in DEMO_YEARS), in the order they arrive."""
    demo = demo or DEMO_YEARS[plan_id]
    rng = random.Random(demo.seed)
    natures = {e.code: e.nature for e in load_elements()}
    rules = calendar.plan_rules(db, plan_id)
    plan = db.one("plan_row", {"plan_id": plan_id})
    reports = []
    for unit in db.rows("plan_reporting_units", {"plan_id": plan_id}):
        unit_code, unit_name = unit.unit_code, unit.name
        communes = _communes(rng, db, plan.structure, unit_code, unit_name)
        year = _unit_year(rng, communes)
        quarters = {q: _quarter_values(year, communes, q) for q in range(1, 5)}
        for period in sorted(calendar.expected_periods(plan.year, rules), key=_kind_first):
            if (unit_code, period.code) in demo.missing:
                continue
            values, detail = _period_values(period, quarters, natures)
            due = datetime.combine(calendar.due_date(period, rules), datetime.min.time()) + timedelta(hours=17)
            received = _received(rng, unit_code, period.code, due, demo)
            reports.append(DemoReport(unit_code, unit_name, period.code, received, dict(values), detail))
    for n, report in enumerate(sorted(reports, key=lambda r: r.received_at)):
        report.variation = list(VARIATIONS)[n % len(VARIATIONS)] if demo.variations else "plain"
    corrected = next(r for r in reports if (r.unit_code, r.period_code) == demo.corrected)
    typo = DemoReport(
        corrected.unit_code,
        corrected.unit_name,
        corrected.period_code,
        corrected.received_at,
        {**corrected.values, "KT02": corrected.values["KT02"] * 10},
        corrected.communes,
        "plain",
    )
    corrected.received_at += timedelta(days=4)
    reports.append(typo)
    arrived = [r for r in reports if demo.received_by is None or r.received_at <= demo.received_by]
    return sorted(arrived, key=lambda r: r.received_at)


# --- writing the forms ---------------------------------------------------------


def _as_typed(value: float) -> object:
    """A number as a clerk types it into a text cell: '1.234', '12,5', '15 xã'."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value}".replace(".", ",")


def fill_form(book: Workbook, report: DemoReport) -> None:
    """Type the report's figures into its blank form, as its unit's clerk would (with the report's variation)."""
    sheet = book[form_spec.SUMMARY_SHEET]
    for row in sheet.iter_rows():
        code = row[1].value if len(row) > 1 else None
        if isinstance(code, str) and code in report.values:
            value = report.values[code]
            row[4].value = _as_typed(value) if report.variation == "numbers_as_text" else value
            if report.variation == "dash_and_x" and value == 0:
                row[4].value = "-"
        if isinstance(row[0].value, str) and row[0].value == form_spec.HEADER_FIELDS["author"]:
            row[2].value = FORM_AUTHOR_OLD_TONE if report.variation == "nfd_text" else FORM_AUTHOR
        if isinstance(row[0].value, str) and row[0].value == form_spec.HEADER_FIELDS["report_date"]:
            row[2].value = report.received_at.date()
    communes = book[form_spec.COMMUNE_SHEET]
    keys = list(form_spec.COMMUNE_COLUMNS)
    for r, detail in enumerate(report.communes, start=2):
        for c, key in enumerate(keys[2:], start=3):
            communes.cell(r, c, detail[key])
    vary = VARIATIONS[report.variation]
    if vary:
        vary(book, sheet, report)


def write_form(db: Database, report: DemoReport, path: Path) -> Path:
    """The report's form, filled in, saved at `path` as its unit would send it."""
    book = template_workbook(db, report.unit_code, report.period_code)
    fill_form(book, report)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _element_rows(sheet) -> list:
    return [row for row in sheet.iter_rows() if isinstance(row[1].value, str) and row[1].value in CODES]


def _renamed_sheet(book, sheet, report: DemoReport) -> None:
    sheet.title = RENAMED_SHEET.format(period=parse_period(report.period_code).short_label)


def _title_rows(book, sheet, report: DemoReport) -> None:
    sheet.insert_rows(1, 3)
    sheet["A1"] = TITLE_ROWS[0].format(unit=report.unit_name.upper())
    sheet["A2"] = TITLE_ROWS[1]


def _plan_column(book, sheet, report: DemoReport) -> None:
    """A 'Kế hoạch' column beside the result, now headed 'Kết quả thực hiện'."""
    sheet.insert_cols(5)
    for row in sheet.iter_rows():
        if row[5].value == form_spec.TABLE_COLUMNS["value"]:
            row[4].value, row[5].value = PLAN_COLUMN


def _nfd_text(book, sheet, report: DemoReport) -> None:
    """Every text in decomposed Unicode, as some Mac tools save it."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):  # merged cells hold no value of their own
                cell.value = unicodedata.normalize("NFD", cell.value)


def _no_diacritics_period(book, sheet, report: DemoReport) -> None:
    for row in sheet.iter_rows():
        if row[0].value == form_spec.HEADER_FIELDS["period"]:
            row[2].value = fold(parse_period(report.period_code).label).upper()  # 'QUY II NAM 2023'


def _blank_rows(book, sheet, report: DemoReport) -> None:
    for r in (18, 14):
        sheet.insert_rows(r, 1)


def _hidden_column(book, sheet, report: DemoReport) -> None:
    sheet.column_dimensions["D"].hidden = True


def _extra_sheet(book, sheet, report: DemoReport) -> None:
    """A notes sheet put first: the table is no longer on the first sheet."""
    notes = book.create_sheet(NOTES_SHEET, 0)
    notes["A1"] = NOTES_TEXT


def _reordered_rows(book, sheet, report: DemoReport) -> None:
    """Element rows in reverse order: the reader keys on codes, not on positions."""
    rows = _element_rows(sheet)
    contents = [[cell.value for cell in row[:6]] for row in rows]
    for row, values in zip(rows, reversed(contents), strict=True):
        for cell, value in zip(row[:6], values, strict=True):
            cell.value = value


def _unit_words(book, sheet, report: DemoReport) -> None:
    """Numbers typed with their unit and spaced thousands: '15 xã', '1 234 cơ sở', '12,5 triệu đồng'."""
    for row in _element_rows(sheet):
        if isinstance(row[4].value, int | float):
            typed = _as_typed(row[4].value).replace(".", " ")
            row[4].value = f"{typed} {row[3].value}"


def _merged_header(book, sheet, report: DemoReport) -> None:
    """Label and value in one cell ('Mã đơn vị: 183'), the unit name in merged cells."""
    for row in sheet.iter_rows(max_row=20):
        if row[0].value == form_spec.HEADER_FIELDS["unit_code"]:
            row[0].value, row[2].value = f"{row[0].value} {row[2].value}", None
        elif row[0].value == form_spec.HEADER_FIELDS["unit_name"]:
            sheet.merge_cells(start_row=row[0].row, start_column=3, end_row=row[0].row, end_column=6)


def _labels_only(book, sheet, report: DemoReport) -> None:
    """Codes deleted and old-style tone marks ('chuyển hoá'): rows are matched by their labels."""
    for row in _element_rows(sheet):
        row[1].value = None
        row[2].value = row[2].value.replace(NEW_STYLE_TONE, OLD_STYLE_TONE)


VARIATIONS = {  # what people do to a form (DOMAIN.md section 6)
    "plain": None,
    "renamed_sheet": _renamed_sheet,
    "title_rows": _title_rows,
    "numbers_as_text": None,  # done while filling
    "plan_column": _plan_column,
    "nfd_text": _nfd_text,
    "no_diacritics_period": _no_diacritics_period,
    "blank_rows": _blank_rows,
    "hidden_column": _hidden_column,
    "dash_and_x": None,  # done while filling
    "extra_sheet": _extra_sheet,
    "reordered_rows": _reordered_rows,
    "unit_words": _unit_words,
    "merged_header": _merged_header,
    "labels_only": _labels_only,
}


def write_demo_forms(db: Database, out_dir: Path, plan_id: str = DEMO_PLAN) -> list[tuple[Path, DemoReport]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for n, report in enumerate(generate_reports(db, plan_id)):
        path = out_dir / f"{n + 1:03d}_Bieu01_{report.unit_code}_{report.period_code}.xlsx"
        written.append((write_form(db, report, path), report))
    return written


def build_demo(db: Database, out_dir: Path) -> list[LoadResult]:
    """Write every demo year's forms (a folder per plan) and load each as it would have arrived, through the normal
    loader (a form that breaks a validation rule comes with its clerk's reason, its figures held for the
    secretariat to verify), and the units' contacts and the committee's digest list."""
    results = [
        load_files(
            db, [path], sender=f"demo:{report.unit_code}", received_at=report.received_at, reason=texts.DEMO_REASON
        )[0]
        for plan_id in DEMO_YEARS
        for path, report in write_demo_forms(db, out_dir / plan_id, plan_id)
    ]
    create_demo_contacts(db, datetime.now())
    create_demo_decision(db)
    return results


def demo_refusal(db: Database) -> str | None:
    """Why the demo may not go into `db`, or None. Only a database with no account and no report receives it:
    its accounts' passwords are published in the README (one is an administrator) and its reports are made up,
    so in a database already in use they would open it to anyone and mix with real figures."""
    _, counts = database_facts(db)
    if not counts["users"] and not counts["submissions"]:
        return None
    return texts.DEMO_REFUSED.format(
        path=db.path, users=format_count(counts["users"]), submissions=format_count(counts["submissions"])
    )


def create_demo_accounts(db: Database) -> list[str]:
    """The demo accounts that do not exist yet; their names."""
    created = []
    for username, full_name, role, password, units in DEMO_ACCOUNTS:
        if auth.get_user(db, username) is None:
            auth.create_user(db, "demo", username, full_name, role, password, units)
            created.append(username)
    return created


def create_demo_contacts(db: Database, now: datetime) -> None:
    """A contact for each unit of the demo plans, most with an e-mail address, and the committee's digest list."""
    units = sorted(
        {row.unit_code for plan_id in DEMO_YEARS for row in db.rows("plan_reporting_units", {"plan_id": plan_id})}
    )
    with db.transaction() as tx:
        for n, unit_code in enumerate(units):
            email = None if n % 9 == 4 else f"baocao.{unit_code}@{DEMO_MAIL_DOMAIN}"
            phone = f"0205 3{n % 1000:03d} {100 + n:03d}"
            name = DEMO_CONTACT_NAMES[n % len(DEMO_CONTACT_NAMES)]
            row = {"unit_code": unit_code, "name": name, "role": DEMO_CONTACT_ROLE, "email": email, "phone": phone}
            tx.run("insert_unit_contact", row | {"added_by": "demo", "added_at": now})
        for name, mailbox in DEMO_DIGEST_LIST:
            tx.run(
                "insert_digest_recipient",
                {"name": name, "email": f"{mailbox}@{DEMO_MAIL_DOMAIN}", "added_by": "demo", "added_at": now},
            )


def create_demo_decision(db: Database) -> None:
    """The 2023 committee's decision at its mid-year meeting on the inspections that lagged, closed in October."""
    meeting = "2023Q2"
    inspected = next(
        r for r in compute_indicators(db, DEMO_PLAN, meeting) if r.indicator_code == "CO_SO_KIEM_TRA"
    ).value
    with db.transaction() as tx:
        (added,) = tx.run(
            "insert_committee_decision",
            {
                "plan_id": DEMO_PLAN,
                "period_code": meeting,
                "indicator_code": "CO_SO_KIEM_TRA",
                "unit_codes": ["184", "186"],
                "decision": DEMO_DECISION,
                "responsible": DEMO_DECISION_RESPONSIBLE,
                "due_on": date(2023, 9, 30),
                "value_then": inspected,
                "recorded_by": "demo",
                "recorded_at": datetime(2023, 7, 5, 9),
            },
        )
        tx.run(
            "close_committee_decision",
            {
                "decision_id": added.decision_id,
                "closed_by": "demo",
                "closed_at": datetime(2023, 10, 5, 9),
                "close_note": DEMO_DECISION_CLOSED,
            },
        )
