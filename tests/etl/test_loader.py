"""Loading report forms: variations accepted with exact values, bad files rejected whole, nothing lost."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from core.archive import archive_dir_for
from etl.checks import Reference, implausible_jump
from etl.demo import VARIATIONS
from etl.loader import load_files
from tests.support.forms import UNIT, VALUES, convert, dump, load_bytes, make_form, with_value

WHEN = datetime(2023, 6, 10, 9, 0)


def stored_values(db, submission_id: int) -> dict[str, float]:
    with db.cursor() as cur:
        rows = cur.execute(
            "SELECT element_code, value FROM submission_values WHERE submission_id = ?", [submission_id]
        ).fetchall()
    return dict(rows)


def load(db, path, when=WHEN, reason=""):
    return load_files(db, [path], sender="can-bo-cao-loc", received_at=when, reason=reason)[0]


@pytest.mark.parametrize("variation", VARIATIONS)
def test_every_variation_is_accepted_with_exact_values(db, tmp_path, variation):
    result = load(db, make_form(db, tmp_path, variation=variation))
    assert result.status == "accepted", result.errors
    assert (result.unit_code, result.period) == (UNIT, "2023Q2")
    assert stored_values(db, result.submission_id) == pytest.approx(VALUES)
    assert not [w for w in result.warnings if w.code != "" and "không khớp" in w.message]


def test_round_trip_keeps_the_original_bytes_with_hash_sender_and_time(db, tmp_path):
    path = make_form(db, tmp_path)
    result = load(db, path)
    with db.cursor() as cur:
        sha, archive, sender, received = cur.execute(
            "SELECT file_sha256, archive_path, sender, received_at FROM submissions"
        ).fetchone()
    assert (archive_dir_for(db) / archive).read_bytes() == path.read_bytes()
    assert archive.startswith(sha[:2] + "/" + sha)
    assert (sender, received) == ("can-bo-cao-loc", WHEN)
    assert result.warnings == []


def test_commune_detail_is_stored(db, tmp_path):
    result = load(db, make_form(db, tmp_path))
    with db.cursor() as cur:
        rows = cur.execute(
            "SELECT count(*), sum(count_establishments), count_if(held_communication) "
            "FROM submission_communes WHERE submission_id = ?",
            [result.submission_id],
        ).fetchone()
    assert rows == (22, 40, 15)


@pytest.mark.parametrize("target", ["xls", "ods"])
def test_xls_and_ods_are_read(db, tmp_path, target):
    converted = convert(make_form(db, tmp_path, variation="title_rows"), target, tmp_path / target)
    result = load(db, converted)
    assert result.status == "accepted", result.errors
    assert stored_values(db, result.submission_id) == pytest.approx(VALUES)


def _with_formula(path, formula: str = "=20+20"):
    book = load_workbook(path)
    sheet = book["Bieu01"]
    cell = next(row[4] for row in sheet.iter_rows() if row[1].value == "KT01")
    cell.value = formula
    book.save(path)
    return cell.coordinate


def test_formula_with_cached_value_counts(db, tmp_path):
    path = make_form(db, tmp_path)
    _with_formula(path)
    recalculated = convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "recalc")
    result = load(db, recalculated)
    assert result.status == "accepted", result.errors
    assert stored_values(db, result.submission_id)["KT01"] == 40


def test_formula_without_cached_value_is_an_error_naming_the_cell(db, tmp_path):
    path = make_form(db, tmp_path)
    coordinate = _with_formula(path)
    before = dump(db)
    result = load(db, path)
    assert result.status == "rejected"
    assert [(e.sheet, e.cell) for e in result.errors] == [("Bieu01", coordinate)]
    assert "công thức" in result.errors[0].message
    assert dump(db) == before


def _edit(path, code: str, value) -> str:
    book = load_workbook(path)
    sheet = book.worksheets[0]
    cell = next(row[4] for row in sheet.iter_rows() if row[1].value == code)
    cell.value = value
    book.save(path)
    return cell.coordinate


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("TT02", "mười lăm", "không phải số"),
        ("KT02", -3, "số âm"),
        ("TT01", "22,5", "không phải số nguyên"),
    ],
)
def test_bad_value_rejects_the_file_with_sheet_cell_and_expectation(db, tmp_path, code, value, message):
    path = make_form(db, tmp_path)
    coordinate = _edit(path, code, value)
    before = dump(db)
    result = load(db, path)
    assert result.status == "rejected"
    error = next(e for e in result.errors if e.code == code)
    assert (error.sheet, error.cell) == ("Bieu01", coordinate)
    assert message in error.message and "số nguyên ≥ 0" in error.expected
    assert dump(db) == before
    assert not any(archive_dir_for(db).rglob("*.xlsx"))


def test_every_problem_is_listed_not_just_the_first(db, tmp_path):
    path = make_form(db, tmp_path)
    _edit(path, "TT02", "abc")
    _edit(path, "KT02", -1)
    _edit(path, "HT02", "1,5")
    result = load(db, path)
    assert {e.code for e in result.errors} == {"TT02", "KT02", "HT02"}


def test_code_twice_with_different_values_is_an_error(db, tmp_path):
    path = make_form(db, tmp_path)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    sheet.append([None, "KT01", None, None, 41])
    book.save(path)
    result = load(db, path)
    assert result.status == "rejected"
    assert "KT01 xuất hiện hai lần" in result.errors[0].message


@pytest.mark.parametrize(
    ("header", "value", "message"),
    [
        ("Mã đơn vị:", "001", "không thuộc đơn vị báo cáo của kế hoạch nào năm 2023"),  # Ba Đình, Hà Nội
        ("Mã đơn vị:", "99999", "không có trong danh mục"),
        ("Kỳ báo cáo:", "Quý V năm 2023", "Không đọc được kỳ báo cáo"),
        ("Kỳ báo cáo:", "Quý II năm 2031", "chưa bắt đầu"),
        ("Kỳ báo cáo:", "Quý II năm 2019", "không thuộc đơn vị báo cáo của kế hoạch nào năm 2019"),
    ],
)
def test_wrong_unit_or_period_is_rejected(db, tmp_path, header, value, message):
    path = make_form(db, tmp_path)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    cell = next(row[2] for row in sheet.iter_rows() if row[0].value == header)
    cell.value = value
    book.save(path)
    before = dump(db)
    result = load(db, path)
    assert result.status == "rejected"
    assert any(message in e.message for e in result.errors), result.errors
    assert dump(db) == before


def _xlsx_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _truncated(db, tmp_path) -> bytes:
    return make_form(db, tmp_path).read_bytes()[:4000]


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("notes.txt", lambda db, tmp: "Báo cáo quý II".encode(), "không phải là bảng tính"),
        ("scan.pdf", lambda db, tmp: b"%PDF-1.7\n" + b"0" * 100, "không phải là bảng tính"),
        ("empty.xlsx", lambda db, tmp: b"", "không phải là bảng tính"),
        ("blank.xlsx", lambda db, tmp: _xlsx_bytes(Workbook()), "Không tìm thấy bảng số liệu"),
        ("broken.xlsx", _truncated, "hỏng"),
        (
            "locked.xlsx",
            lambda db, tmp: (
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
                + b"\x00" * 500
                + "EncryptionInfo".encode("utf-16-le")
                + b"\x00" * 500
            ),
            "mật khẩu",
        ),
    ],
)
def test_bad_files_are_rejected_whole_with_a_message(db, tmp_path, name, make, message):
    before = dump(db)
    result = load_bytes(db, make(db, tmp_path), name, sender="x", received_at=WHEN)
    assert result.status == "rejected"
    assert any(message in e.message for e in result.errors), result.errors
    assert dump(db) == before


def test_zip_bomb_is_refused_and_changes_nothing(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(400):
                member.write(chunk)
    before = dump(db)
    result = load_bytes(db, buffer.getvalue(), "bomb.xlsx", sender="x", received_at=WHEN)
    assert result.status == "rejected"
    assert dump(db) == before


def test_same_bytes_again_are_unchanged(db, tmp_path):
    path = make_form(db, tmp_path)
    first = load(db, path)
    again = load(db, path, datetime(2023, 6, 11))
    assert (again.status, again.submission_id) == ("unchanged", first.submission_id)
    assert len(dump(db)["submissions"]) == 1


def test_correction_supersedes_and_timeliness_keeps_the_first_receipt(db, tmp_path):
    first = load(db, make_form(db, tmp_path, name="v1.xlsx"))
    corrected = load(
        db,
        make_form(db, tmp_path, values={**VALUES, "KT02": 14}, name="v2.xlsx"),
        datetime(2023, 6, 20, 8, 0),
        reason="Kiểm tra thêm 1 cơ sở",  # the commune sheet still adds up to 13
    )
    assert corrected.status == "accepted" and corrected.superseded_id == first.submission_id
    with db.cursor() as cur:
        rows = cur.execute(
            "SELECT submission_id, status, superseded_by, first_received_at FROM submissions ORDER BY 1"
        ).fetchall()
    assert rows == [
        (first.submission_id, "superseded", corrected.submission_id, WHEN),
        (corrected.submission_id, "current", None, WHEN),
    ]
    assert stored_values(db, corrected.submission_id)["KT02"] == 14


def test_broken_rules_are_taken_only_with_a_reason_their_figures_held(db, tmp_path):
    load(db, make_form(db, tmp_path, period="2023Q1", values={**VALUES, "KT02": 20}, name="q1.xlsx"), reason="Đúng")
    values = {**VALUES, "TT02": 25, "KT02": 13}  # more communes reached than exist; inspections fell
    path = make_form(db, tmp_path, values=values, name="q2.xlsx")
    refused = load(db, path)
    assert refused.status == "rejected" and refused.errors[0].message.startswith("Tệp có số liệu vi phạm quy tắc")
    assert db.one("count_submissions").count_submissions == 1, "nothing of it recorded"

    result = load(db, path, reason="Đã rà soát")
    assert result.status == "accepted"
    messages = [w.message for w in result.warnings if w.rule]
    assert (
        "Số xã, phường, thị trấn đã tổ chức ít nhất một hình thức tuyên truyền về phòng, chống mại dâm (25) "
        "lớn hơn Tổng số xã, phường, thị trấn trên địa bàn (22)." in messages
    )
    assert "Số cơ sở đã được kiểm tra là số lũy kế từ đầu năm nhưng giảm từ 20 (Quý I năm 2023) xuống 13." in messages
    assert any("tổng cột «Đã tuyên truyền» ở trang ChiTietXa là 22" in m for m in messages)  # 22 communes in all
    with db.cursor() as cur:
        stored = cur.execute(
            "SELECT count(*) FROM submission_warnings WHERE submission_id = ?", [result.submission_id]
        ).fetchone()[0]
        held = cur.execute(
            "SELECT element_code, state FROM held_figures WHERE submission_id = ? ORDER BY 1", [result.submission_id]
        ).fetchall()
        reason = cur.execute(
            "SELECT sender_reason FROM submissions WHERE submission_id = ?", [result.submission_id]
        ).fetchone()[0]
    assert stored == len(result.warnings)
    assert held == [("KT02", "pending"), ("TT01", "pending"), ("TT02", "pending")]  # a ratio holds both its terms
    assert reason == "Đã rà soát"


def test_an_empty_commune_sheet_needs_a_reason_and_holds_nothing(db, tmp_path):
    path = make_form(db, tmp_path, communes="blank")
    assert load(db, path).status == "rejected"
    result = load(db, path, reason="Xã chưa gửi số liệu chi tiết")
    empty = [w for w in result.warnings if w.rule]
    assert [(w.sheet, w.message) for w in empty] == [
        (
            "ChiTietXa",
            "Trang ChiTietXa chưa có số liệu của xã nào: báo cáo vẫn được nhận, nhưng trang Đơn vị sẽ "
            "không có chi tiết theo xã.",
        )
    ]
    with db.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM held_figures").fetchone()[0] == 0


@pytest.mark.parametrize("typed", ["12 (ước)", "khoảng 20", "90%", "15 xã"])
def test_a_word_or_mark_beside_a_number_other_than_its_unit_rejects_the_file_naming_the_cell(db, tmp_path, typed):
    path = make_form(db, tmp_path)
    cell = with_value(path, "KT02", typed)  # a row counted in cơ sở
    result = load(db, path)
    assert result.status == "rejected"
    (error,) = [e for e in result.errors if e.code == "KT02"]
    assert (error.sheet, error.cell, error.found) == ("Bieu01", cell, typed)


@pytest.mark.parametrize(
    ("before", "now", "jump"),
    [(2, 5, False), (10, 20, False), (10, 21, True), (0, 5, True), (0, 4, False), (40, 18, True), (40, 21, False)],
)
def test_a_stock_jumps_implausibly_when_it_doubles_or_halves_by_at_least_five(before, now, jump):
    assert implausible_jump(before, now) is jump


def test_a_stock_that_jumps_is_a_warning_naming_both_reports(db, tmp_path):
    load(db, make_form(db, tmp_path, period="2023Q1", name="q1.xlsx"))
    values = {**VALUES, "TH01": VALUES["TH01"] * 10, "TT01": VALUES["TT01"] + 2}  # a digit too many; a real change
    result = load(db, make_form(db, tmp_path, values=values, name="q2.xlsx"), reason="Đúng")
    assert result.status == "accepted"
    jumped = [w for w in result.warnings if "thay đổi bất thường" in w.message]
    assert [(w.code, w.sheet, w.cell, w.holds) for w in jumped] == [("TH01", "Bieu01", "E36", ("TH01",))]
    assert jumped[0].message.startswith(
        f"Tổng số cán bộ, cộng tác viên làm công tác phòng, chống mại dâm thay đổi bất thường: {VALUES['TH01']} ở "
        f"báo cáo Quý I năm 2023, nay là {VALUES['TH01'] * 10}."
    )


def test_missing_value_is_not_zero(db, tmp_path):
    path = make_form(db, tmp_path, values={**VALUES, "HT01": None})
    result = load(db, path)
    assert result.status == "accepted"
    assert "HT01" not in stored_values(db, result.submission_id)


def test_huge_file_is_refused_by_its_size_without_reading_it(db, tmp_path):
    path = tmp_path / "huge.xlsx"
    with open(path, "wb") as f:
        f.truncate(25 * 1024 * 1024)  # sparse: 25 MB on paper
    before = dump(db)
    result = load(db, path)
    assert result.status == "rejected"
    assert "20" in result.errors[0].message and "MB" in result.errors[0].message
    assert dump(db) == before


def test_folder_given_as_a_file_is_rejected_with_a_message(db, tmp_path):
    folder = tmp_path / "bao-cao.xlsx"  # a folder named like a form: opening it fails, not stat()
    folder.mkdir()
    before = dump(db)
    result = load(db, folder)
    assert result.status == "rejected"
    (error,) = result.errors
    assert error.message.startswith("Không đọc được tệp «bao-cao.xlsx»")
    assert error.found == "đây là một thư mục, không phải một tệp"
    assert dump(db) == before


def test_a_load_of_many_files_reads_each_structures_units_at_once(db, monkeypatch):
    """`load_files` of 24 files or more looks its units up once per structure: the same rows, the same unknowns."""
    one_at_a_time, at_once = Reference(db), Reference(db, all_units=True)
    asked = [("pre2025", "183"), ("pre2025", "99999"), ("post2025", "06541"), ("pre2025", "001"), ("post2025", "183")]
    expected = [one_at_a_time.unit(structure, code) for structure, code in asked]
    queries = []
    monkeypatch.setattr(db, "one", lambda name, params=None: queries.append(name))
    assert [at_once.unit(structure, code) for structure, code in asked] == expected
    assert expected[0].name == "Huyện Cao Lộc" and expected[1] is None and expected[4] is None
    assert queries == []  # every answer came from the two structures read whole
