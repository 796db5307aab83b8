"""Continuity across the 2025 reform (issue 19, item 5): the crosswalk from pre-2025 communes to post-2025
communes, and a province's series pooled from its predecessors' reports before the reform, by hand-computed cases.

Hà Giang (02) and Tuyên Quang (08) became one province, Tuyên Quang (08), on 1 July 2025; Lạng Sơn (20) was
not merged.
"""

import csv
from collections import defaultdict

import pytest

from core import continuity
from core.periods import parse_period
from core.units import CROSSWALK_FILE, units_file
from tests.support.forms import record_reports

THREE_PROVINCES = {"02": "08", "08": "08", "20": "20"}  # old province -> new province


def _reference(structure: str) -> dict[str, dict]:
    with units_file(structure).open(encoding="utf-8") as units:
        return {row["unit_code"]: row for row in csv.DictReader(units)}


@pytest.fixture(scope="module")
def crosswalk() -> dict[str, list[dict]]:
    """old commune code -> its rows (one per new commune it went to)."""
    rows = defaultdict(list)
    with CROSSWALK_FILE.open(encoding="utf-8") as lines:
        for row in csv.DictReader(lines):
            rows[row["old_code"]].append(row)
    return rows


def test_every_old_commune_of_three_provinces_maps_to_a_new_commune_of_its_new_province(crosswalk):
    old, new = _reference("pre2025"), _reference("post2025")
    communes = {code: row for code, row in old.items() if row["level"] == "commune"}
    province_of = {code: old[row["parent_code"]]["parent_code"] for code, row in communes.items()}
    checked = 0
    for commune, province in province_of.items():
        if province not in THREE_PROVINCES:
            continue
        rows = crosswalk[commune]
        assert rows, (commune, old[commune]["name"])
        for row in rows:
            assert new[row["new_code"]]["level"] == "commune"
            assert new[row["new_code"]]["parent_code"] == THREE_PROVINCES[province], commune
        checked += 1
    assert checked > 400  # Hà Giang 193, Tuyên Quang 138, Lạng Sơn 200 communes before the reform


def test_a_divided_commune_is_listed_with_its_parts_one_of_them_the_default(crosswalk):
    parts = {row["new_code"]: row["part"] for row in crosswalk["06079"]}  # Xã Hồng Phong, Bình Gia (Lạng Sơn)
    assert parts == {"06079": "default", "06184": "share"}  # Xã Hồng Phong, and a part to Xã Đồng Đăng
    divided = [rows for rows in crosswalk.values() if len(rows) > 1]
    assert divided and all(sum(r["part"] == "default" for r in rows) == 1 for rows in divided)
    assert all(r["part"] == "whole" for rows in crosswalk.values() if len(rows) == 1 for r in rows)


def test_every_new_commune_of_the_country_has_a_predecessor(crosswalk):
    reached = {row["new_code"] for rows in crosswalk.values() for row in rows}
    communes = {code for code, row in _reference("post2025").items() if row["level"] == "commune"}
    assert communes == reached
    assert len(communes) == 3321


def test_a_new_commune_names_its_predecessors_and_a_district_its_successors(db):
    assert continuity.predecessors(db, "06079") == [
        continuity.Predecessor("06079", "Xã Hồng Phong", "Huyện Bình Gia", whole=False),
        continuity.Predecessor("06094", "Xã Minh Khai", "Huyện Bình Gia", whole=True),
    ]
    assert list(continuity.successors(db, "06079", "commune")) == ["06079", "06184"]
    cao_loc = continuity.successors(db, "183", "district")  # Huyện Cao Lộc: every commune of it, once each
    assert "06193" in cao_loc and len(cao_loc) == len(set(cao_loc)) == 8
    assert continuity.predecessor_provinces(db, "08") == {"02": "Tỉnh Hà Giang", "08": "Tỉnh Tuyên Quang"}
    assert continuity.province_now(db, "02", "pre2025") == "08"
    assert continuity.province_now(db, "20", "post2025") == "20"


def _district(db, province: str, n: int) -> str:
    params = {"structure": "pre2025", "level": "district", "province_code": province}
    return db.rows("province_units_of_level", params)[n].unit_code


def _commune(db, province: str, n: int) -> str:
    params = {"structure": "post2025", "level": "commune", "province_code": province}
    return db.rows("province_units_of_level", params)[n].unit_code


def _indicator(db, code: str):
    return next(row for row in db.rows("indicator_catalogue") if row.indicator_code == code)


def test_a_merged_provinces_years_before_the_reform_pool_its_predecessors_reports(db):
    # XA_TUYEN_TRUYEN = Σ TT02 / Σ TT01 (communes that held a communication activity / communes).
    hg1, hg2, tq1 = _district(db, "02", 0), _district(db, "02", 1), _district(db, "08", 0)
    record_reports(
        db,
        [
            (hg1, "2024", "2024-12-20 09:00", {"TT01": 10, "TT02": 8}),
            (hg2, "2024", "2024-12-20 09:00", {"TT01": 20, "TT02": 5}),
            (tq1, "2024", "2024-12-20 09:00", {"TT01": 12, "TT02": 12}),
            (_district(db, "20", 0), "2024", "2024-12-20 09:00", {"TT01": 9, "TT02": 0}),  # Lạng Sơn: not pooled
            (hg1, "2025S1", "2025-06-20 09:00", {"TT01": 10, "TT02": 2}),
            (tq1, "2025S1", "2025-06-20 09:00", {"TT01": 12, "TT02": 4}),
            (_commune(db, "08", 0), "2025Q3", "2025-09-15 09:00", {"TT01": 1, "TT02": 1}),
            (_commune(db, "08", 0), "2026Q2", "2026-06-15 09:00", {"TT01": 1, "TT02": 0}),
            (_commune(db, "08", 1), "2026Q2", "2026-06-15 09:00", {"TT01": 1, "TT02": 1}),
        ],
    )
    series = continuity.province_series(db, "08", _indicator(db, "XA_TUYEN_TRUYEN"), parse_period("2026Q2"))
    assert series.province_name == "Tỉnh Tuyên Quang"
    assert series.predecessors == ["Tỉnh Hà Giang", "Tỉnh Tuyên Quang"]
    assert [continuity.point_label(p) for p in series.points] == [
        "Năm 2024",
        "6 tháng đầu năm 2025 (các huyện)",
        "Năm 2025 (các xã)",
        "Quý II năm 2026",
    ]
    y2024, s2025, y2025, q2026 = series.points
    # Σ numerators / Σ denominators over the two old provinces' districts, not the mean of their shares.
    assert (y2024.numerator, y2024.denominator) == (8 + 5 + 12, 10 + 20 + 12)
    assert y2024.value == pytest.approx(25 / 42)
    assert (y2024.units_contributing, len(y2024.submission_ids)) == (3, 3)
    assert y2024.units_expected == 11 + 7  # Hà Giang's and Tuyên Quang's districts
    assert (s2025.value, s2025.after_reform) == (pytest.approx(6 / 22), False)
    assert (y2025.value, y2025.after_reform) == (1.0, True)
    assert (q2026.numerator, q2026.denominator, q2026.units_contributing) == (1, 2, 2)
    assert series.crosses_reform


def test_a_province_with_no_report_in_a_year_has_no_point_for_it(db):
    """Missing is not zero: a year nobody reported in is left out, not drawn at 0."""
    record_reports(
        db,
        [
            (_district(db, "20", 0), "2023", "2023-12-20 09:00", {"TT01": 4, "TT02": 2}),
            (_commune(db, "20", 0), "2026Q1", "2026-03-15 09:00", {"TT01": 1, "TT02": 1}),
        ],
    )
    series = continuity.province_series(db, "20", _indicator(db, "XA_TUYEN_TRUYEN"), parse_period("2026Q1"))
    assert [(p.period.code, p.value) for p in series.points] == [("2023", 0.5), ("2026Q1", 1.0)]
    assert series.predecessors == ["Tỉnh Lạng Sơn"]
