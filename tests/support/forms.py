"""Building filled report forms for tests: the product's own template, filled and varied as people do."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from core.db import Database
from core.submissions import NewReport, Recorded, record_submission
from etl.demo import DemoReport, fill_form, write_form
from etl.form_spec import COMMUNE_SHEET
from etl.loader import LoadResult, check_files, load_files, record_files
from etl.reading import read_bytes
from etl.template import template_workbook

UNIT, UNIT_NAME = "183", "Huyện Cao Lộc"  # a district of Lạng Sơn (plan lang-son-2023)

# Every element, with a decimal for the money row; zeros included.
VALUES = {
    "TT01": 22,
    "TT02": 15,
    "TT03": 9,
    "TT04": 3,
    "KH01": 28,
    "KH02": 20,
    "KT01": 40,
    "KT02": 13,
    "KT03": 2,
    "KT04": 12.5,
    "KT05": 30,
    "DT01": 1,
    "DT02": 2,
    "DT03": 0,
    "HT01": 4,
    "HT02": 2,
    "HT03": 1,
    "TH01": 35,
    "TH02": 12,
    "LM01": 9,
}


def communes_for(db: Database, values: dict[str, float]) -> list[dict]:
    """Cao Lộc's 22 communes, adding up to the summary's TT02, KT01, KT02 and LM01 where they can (not to more
    communes than there are, nor to more inspected establishments than exist: those break a rule anyway)."""
    rows = db.rows("unit_communes", {"structure": "pre2025", "unit_code": UNIT})
    detail = []
    establishments_left, inspected_left = values.get("KT01") or 0, values.get("KT02") or 0
    for n, commune in enumerate(rows):
        establishments = min(2, establishments_left) if n < len(rows) - 1 else establishments_left
        inspected = min(establishments, inspected_left)
        establishments_left -= establishments
        inspected_left -= inspected
        detail.append(
            {
                "commune_code": commune.unit_code,
                "commune_name": commune.name,
                "held_communication": "Có" if n < (values.get("TT02") or 0) else "Không",
                "count_sessions": 0,
                "count_establishments": establishments,
                "count_inspected": inspected,
                "is_healthy": "Có" if n < (values.get("LM01") or 0) else "Không",
            }
        )
    return detail


def make_form(
    db: Database,
    folder: Path,
    *,
    period: str = "2023Q2",
    values: dict | None = None,
    variation: str = "plain",
    communes: bool | str = True,
    name: str | None = None,
    unit: str = UNIT,
) -> Path:
    """`communes`: True fills the commune sheet with Cao Lộc's 22 communes (adding up to `values`); False leaves the
    form without one (as an older form, or a clerk who deleted it); "blank" keeps the template's sheet unfilled."""
    values = dict(VALUES if values is None else values)
    path = folder / (name or f"{unit}_{period}_{variation}.xlsx")
    detail = communes_for(db, values) if communes is True else []
    report = DemoReport(unit, UNIT_NAME, period, datetime(2023, 6, 10), values, detail, variation)
    if communes is not False:
        return write_form(db, report, path)
    book = template_workbook(db, unit, period)
    fill_form(book, report)
    del book[COMMUNE_SHEET]
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def convert(path: Path, target: str, out_dir: Path) -> Path:
    """Convert with LibreOffice (xls, ods, or xlsx to get formulas' cached values computed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed: .ci/run installs it"
    profile = out_dir / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / f"{path.stem}.{target.split(':')[0]}"


def load_bytes(
    db: Database, data: bytes, file_name: str, sender: str, received_at: datetime | None = None
) -> LoadResult:
    """A file as an upload gives it (bytes and a name, which need not be a valid path) through the loader's one
    pipeline, a batch of one, recorded without asking for confirmation."""
    return record_files(db, check_files(db, [read_bytes(data, file_name)]), sender, received_at)[0]


def dump(db: Database) -> dict[str, list[tuple]]:
    """Every table a load writes, for before/after comparisons."""
    tables = ("submissions", "submission_values", "submission_warnings", "submission_communes", "audit_log")
    with db.cursor() as cur:
        return {t: sorted(cur.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}  # noqa: S608


def record_reports(db: Database, reports: list[tuple[str, str, str, dict[str, float]]]) -> list[Recorded]:
    """Hand-built reports (unit, period, time received, values) recorded one after the other, without forms."""
    with db.transaction() as tx:
        return [
            record_submission(
                tx,
                NewReport(unit, period, values, f"{unit}-{period}-{received}", "bieu01.xlsx", "x"),
                "test",
                datetime.fromisoformat(received),
            )
            for unit, period, received, values in reports
        ]


def load_reports(db: Database, folder: Path, periods=("2023Q1", "2023Q2"), units=("180", "181", "183", "184")) -> None:
    """Forms of several districts and quarters of lang-son-2023, and a corrected one (so a superseded version too),
    loaded through the loader by the secretariat (thuky)."""
    folder.mkdir(exist_ok=True)
    forms = [
        make_form(db, folder, unit=unit, period=period, communes=False, values=VALUES)
        for period in periods
        for unit in units
    ]
    forms.append(
        make_form(
            db, folder, unit=units[0], period=periods[0], communes=False, values={**VALUES, "KT01": 44}, name="fix.xlsx"
        )
    )
    assert {r.status for r in load_files(db, forms, "thuky")} == {"accepted"}


def flip_a_byte(path: Path) -> None:
    """Damage a file the way a bad disk does: one byte in its middle changed."""
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def with_value(path, code: str, value) -> str:
    """Type `value` in the Kết quả cell of `code`; its A1 reference."""
    book = load_workbook(path)
    cell = next(row[4] for row in book["Bieu01"].iter_rows() if row[1].value == code)
    cell.value = value
    book.save(path)
    return cell.coordinate
