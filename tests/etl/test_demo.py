"""The demo year loads through the normal loader, with its late, missing and corrected reports."""

import random
from datetime import datetime

import pytest

from core.db import Database
from core.engine import compute_indicators
from etl.checks import check_report
from etl.demo import DemoReport, write_form
from etl.form import parse_form
from etl.readers import read_workbook


@pytest.fixture
def demo(demo_build):
    path, results = demo_build
    db = Database(path)
    yield db, results
    db.close()


def test_every_demo_form_is_accepted(demo):
    _, results = demo
    assert [r.status for r in results].count("accepted") == len(results) == 65 + 66 + 254
    assert sum(r.period.startswith("2023") for r in results) == 65  # 11 districts' six reports, less two, plus a typo


def test_the_commune_era_year_is_under_way(demo):
    """Lạng Sơn 2026 (issue 19, item 2): 65 communes, reports up to the end of November, four communes of the
    Đình Lập area silent in the third quarter, Mẫu Sơn silent since the first, five late reports, one correction."""
    db, results = demo
    in_2026 = [r for r in results if r.period.startswith("2026")]
    # 65 communes × Q1, Q2, S1, Q3 = 260, less 4 + 3 never sent, plus Xã Cao Lộc's typo; nothing of Q4 yet.
    assert len(in_2026) == 260 - 7 + 1 and not [r for r in in_2026 if r.period in ("2026Q4", "2026")]
    q3 = {r.indicator_code: r for r in compute_indicators(db, "lang-son-2026", "2026Q3")}
    assert q3["XA_TUYEN_TRUYEN"].units_expected == 65
    assert sorted(q3["XA_TUYEN_TRUYEN"].units_carried) == ["06541", "06613", "06616", "06625", "06637"]
    q1 = {r.indicator_code: r for r in compute_indicators(db, "lang-son-2026", "2026Q1")}
    assert (q1["BAO_CAO_DUNG_HAN"].numerator, q1["BAO_CAO_DUNG_HAN"].denominator) == (63, 65)  # two late
    owner = {row.plan_id: row.owner for row in db.rows("list_plans")}
    assert owner["lang-son-2026"] == "Sở Y tế tỉnh Lạng Sơn"


def test_the_corrected_report_supersedes_its_typo(demo):
    db, results = demo
    cao_loc = [r for r in results if (r.unit_code, r.period) == ("183", "2023Q2")]
    assert len(cao_loc) == 2 and cao_loc[1].superseded_id == cao_loc[0].submission_id
    typo = [w for w in cao_loc[0].warnings if w.code == "KT02" and w.rule]  # flagged, not hidden
    assert typo and typo[0].message.startswith("Số cơ sở đã được kiểm tra (")
    held = db.rows("held_figures_of_problem", {"submission_id": cao_loc[0].submission_id, "problem": typo[0].message})
    assert [(r.element_code, r.state) for r in held] == [("KT01", "pending"), ("KT02", "pending")]


def test_missing_and_late_reports_show_in_the_figures(demo):
    db, _ = demo
    q4 = {r.indicator_code: r for r in compute_indicators(db, "lang-son-2023", "2023Q4")}
    assert (q4["XA_TUYEN_TRUYEN"].units_current, q4["XA_TUYEN_TRUYEN"].units_carried) == (10, ("189",))
    assert q4["XA_TUYEN_TRUYEN"].denominator == 194  # every commune of the 11 districts
    q1 = {r.indicator_code: r for r in compute_indicators(db, "lang-son-2023", "2023Q1")}
    assert (q1["BAO_CAO_DUNG_HAN"].numerator, q1["BAO_CAO_DUNG_HAN"].denominator) == (10, 11)  # Bình Gia late


def test_round_trip_for_every_district_of_the_plan(db, tmp_path):
    """Each template the product writes, filled with random figures and read back, gives them exactly."""
    rng = random.Random(7)
    for row in db.rows("plan_reporting_units", {"plan_id": "lang-son-2023"}):
        unit, name = row.unit_code, row.name
        values = {code: rng.randint(0, 5000) for code in ("TT01", "TT02", "KT01", "DT03", "LM01", "TH02")}
        values["KT04"] = rng.randint(0, 10**6) / 10
        report = DemoReport(unit, name, "2023Q3", datetime(2023, 9, 10), values, [], "plain")
        path = write_form(db, report, tmp_path / f"{unit}.xlsx")
        report = check_report(db, parse_form(read_workbook(path.read_bytes(), path.name)))
        assert report.errors == []
        assert (report.unit_code, report.period.code) == (unit, "2023Q3")
        assert report.values == values
