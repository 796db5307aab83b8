"""`python -m etl` as people and acceptance checks call it: a real process on a real file."""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime

import pytest
from openpyxl import load_workbook

from core.bootstrap import open_database
from core.db import Database
from core.engine import compute_indicators
from etl.cli import INDICATOR_COLUMNS
from tests.support.browser import copy_with_accounts
from tests.support.cli import etl
from tests.support.databases import fresh_database
from tests.support.engine_plan import PLAN, install
from tests.support.forms import VALUES, make_form


@pytest.fixture
def db_file(tmp_path, empty_database):
    db = install(fresh_database(empty_database, tmp_path / "kpi.duckdb"))
    db.close()
    return db.path


def test_indicators_csv_has_the_contract_columns_and_engine_values(db_file):
    result = etl("indicators", "--plan", PLAN, "--period", "2023Q2", "--db", str(db_file), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == INDICATOR_COLUMNS
    by_code = {r["indicator_code"]: r for r in rows}
    share = by_code["XA_TUYEN_TRUYEN"]
    assert (share["unit_code"], share["numerator"], share["denominator"]) == ("58", "25.0", "30.0")
    assert float(share["value"]) == pytest.approx(25 / 30)
    assert (share["units_current"], share["units_contributing"], share["units_expected"]) == ("2", "3", "7")
    assert share["units_carried"] == "584" and share["status"] == "on_track"
    assert by_code["CO_SO_KIEM_TRA"]["target"] == "0.3"
    assert by_code["XA_LANH_MANH"]["value"] == ""  # missing, not zero

    db = open_database(db_file)
    engine = {r.indicator_code: r for r in compute_indicators(db, PLAN, "2023Q2")}
    db.close()
    for code, row in by_code.items():
        expected = engine[code].value
        assert (row["value"] == "") == (expected is None)
        if expected is not None:
            assert float(row["value"]) == pytest.approx(expected)


def test_indicators_json_for_one_unit(db_file):
    result = etl(
        "indicators", "--plan", PLAN, "--period", "2023Q2", "--unit", "582", "--db", str(db_file), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    records = {r["indicator_code"]: r for r in json.loads(result.stdout)}
    assert records["XA_TUYEN_TRUYEN"]["value"] == pytest.approx(0.75)
    assert records["XA_TUYEN_TRUYEN"]["unit_name"] == "Thành phố Phan Rang-Tháp Chàm"


def test_unknown_plan_is_a_clear_error(db_file):
    result = etl("indicators", "--plan", "ha-noi-2030", "--period", "2030", "--db", str(db_file))
    assert result.returncode == 2
    assert "Không có kế hoạch «ha-noi-2030»" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_path_from_environment(tmp_path):
    path = tmp_path / "env.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "etl", "init"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KPI_DB": str(path)},
    )
    assert result.returncode == 0, result.stderr
    assert path.exists()


@pytest.fixture
def two_forms(tmp_path, empty_database):
    """A good form and a bad one, built on a database that is closed again (the CLI opens it)."""
    db = fresh_database(empty_database, tmp_path / "kpi.duckdb")
    path = db.path
    good = make_form(db, tmp_path, name="good.xlsx")
    bad = make_form(db, tmp_path, name="bad.xlsx", values={**VALUES, "TT01": "abc"})
    db.close()
    return path, good, bad


def test_load_json_contract_and_exit_codes(two_forms):
    db_path, good, bad = two_forms
    result = etl("load", str(good), str(bad), "--db", str(db_path), "--json")
    assert result.returncode == 1  # something was rejected
    records = json.loads(result.stdout)
    assert [(r["file"], r["status"]) for r in records] == [("good.xlsx", "accepted"), ("bad.xlsx", "rejected")]
    assert (records[0]["unit_code"], records[0]["period"]) == ("183", "2023Q2")
    error = records[1]["errors"][0]
    assert {"sheet", "cell", "message"} <= set(error) and error["sheet"] == "Bieu01" and error["cell"]

    again = etl("load", str(good), "--db", str(db_path), "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)[0]["status"] == "unchanged"


def test_load_prints_a_readable_vietnamese_summary(two_forms):
    db_path, good, bad = two_forms
    result = etl("load", str(good), str(bad), "--db", str(db_path))
    assert "good.xlsx: ĐÃ NHẬN" in result.stdout
    assert "bad.xlsx: BỊ TỪ CHỐI" in result.stdout
    assert "[Bieu01!E14]" in result.stdout
    assert "Tổng cộng 2 tệp: 1 đã nhận, 0 không đổi, 1 bị từ chối." in result.stdout


def test_load_of_a_missing_file_is_a_rejection_not_a_traceback(tmp_path):
    result = etl("load", str(tmp_path / "missing-file.xlsx"), "--db", str(tmp_path / "kpi.duckdb"))
    assert result.returncode == 1
    assert "missing-file.xlsx: BỊ TỪ CHỐI" in result.stdout
    assert f"Không tìm thấy tệp «missing-file.xlsx» ở đường dẫn {tmp_path / 'missing-file.xlsx'}." in result.stdout
    assert "Traceback" not in result.stderr


def test_export_csv_and_xlsx(two_forms, tmp_path):
    db_path, good, _ = two_forms
    etl("load", str(good), "--db", str(db_path))
    result = etl("export", "--db", str(db_path), "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["unit_code", "period", "element_code", "value"]
    assert ["183", "2023Q2", "KT04", "12.5"] in rows and len(rows) == 21
    out = tmp_path / "export.xlsx"
    assert etl("export", "--db", str(db_path), "--format", "xlsx", "-o", str(out)).returncode == 0
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == ["unit_code", "period", "element_code", "value"]
    assert sheet.max_row == 21


def test_template_command_writes_the_form(tmp_path):
    out = tmp_path / "form.xlsx"
    result = etl("template", "--unit", "183", "--period", "2023Q2", "--db", str(tmp_path / "k.duckdb"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 5000
    bad = etl("template", "--unit", "99999", "--period", "2023Q2", "--db", str(tmp_path / "k.duckdb"))
    assert bad.returncode == 2 and "99999" in bad.stderr


def test_report_writes_the_meeting_slides_and_pdf(demo_db_path, tmp_path):
    from pptx import Presentation

    pptx_path, pdf_path = tmp_path / "hop.pptx", tmp_path / "hop.pdf"
    db_path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")  # this process may hold the original open
    common = ("--plan", "lang-son-2023", "--period", "2023Q4", "--db", str(db_path), "--today", "2026-11-23")
    result = etl("report", *common, "--format", "pptx", "-o", str(pptx_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Đã tạo tài liệu họp: {pptx_path} (6 chỉ tiêu)"
    titles = [s.shapes.title.text for s in Presentation(pptx_path).slides if s.shapes.title is not None]
    assert "Tỷ lệ cơ sở được kiểm tra" in titles
    result = etl("report", *common, "--format", "pdf", "-o", str(pdf_path))
    assert result.returncode == 0, result.stderr
    assert pdf_path.read_bytes().startswith(b"%PDF")


def test_report_on_an_unknown_plan_is_a_clear_error(demo_db_path, tmp_path):
    db_path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")
    result = etl("report", "--plan", "khong-co", "--period", "2023Q4", "--db", str(db_path))
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: Không có kế hoạch «khong-co»")


def test_a_file_received_earlier_is_loaded_with_its_day_and_the_audit_says_both(two_forms):
    """Back-filling (issue 20, item 5): last year's reports held as e-mailed files keep their own receipt day,
    so their timeliness is right; never a day to come."""
    db_path, good, _ = two_forms
    future = etl("load", str(good), "--db", str(db_path), "--received-at", "2999-01-01")
    assert future.returncode == 2 and "Ngày nhận 01/01/2999 chưa đến" in future.stderr
    assert etl("load", str(good), "--db", str(db_path), "--received-at", "20/06/2023").returncode == 2
    loaded = etl("load", str(good), "--db", str(db_path), "--received-at", "2023-06-20 14:30", "--json")
    assert loaded.returncode == 0, loaded.stderr
    db = Database(db_path)
    row = db.one("submission_summary", {"submission_id": json.loads(loaded.stdout)[0]["submission_id"]})
    assert (row.received_at, row.first_received_at) == (datetime(2023, 6, 20, 14, 30), datetime(2023, 6, 20, 14, 30))
    with db.cursor() as cur:
        logged_at, after = cur.execute("SELECT logged_at, after_json FROM audit_log WHERE action = 'submit'").fetchone()
    db.close()
    assert '"received_at": "2023-06-20T14:30"' in after and logged_at.year > 2023  # entered today, received then
