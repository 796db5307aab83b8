"""The submission desk: each uploaded file recorded, refused or held for confirmation; history, originals, diffs."""

from __future__ import annotations

import io
import tomllib
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from core.archive import archive_dir_for
from core.db import ROOT
from etl.checks import check_report
from etl.form import parse_form
from etl.loader import check_files
from etl.readers import MAX_FILE_BYTES, read_workbook
from etl.reading import read_bytes
from etl.template import template_bytes
from screens import submission_desk as desk
from screens.reporting_status import due_period
from tests.support.accounts import ensure_account
from tests.support.forms import UNIT, VALUES, dump, load_bytes, make_form, with_value

PLAN = "lang-son-2023"
ON_TIME = datetime(2023, 6, 10, 9, 0)  # Q2 is due on 15/06/2023 (the plan's default quarterly deadline)
LATE = datetime(2023, 6, 21, 16, 30)


def submit(db, path, now=ON_TIME, role="unit_staff"):
    return desk.submit_file(db, path.name, path.read_bytes(), ensure_account(db, role), now)


def staff(db):
    return ensure_account(db, "unit_staff")


def row_of(table, code: str) -> dict:
    return table[table["Mã chỉ tiêu"] == code].iloc[0].to_dict()


def test_a_first_report_is_recorded_and_shown_back(db, tmp_path):
    outcome = submit(db, make_form(db, tmp_path))
    assert outcome.status == "accepted"
    assert (outcome.unit_code, outcome.unit_name, outcome.period_label) == (UNIT, "Huyện Cao Lộc", "Quý II năm 2023")
    assert outcome.timing == "Nộp đúng hạn (hạn nộp 15/06/2023)."
    assert outcome.figures_note.startswith("Số liệu ghi nhận. Đơn vị chưa có báo cáo")
    assert row_of(outcome.figures, "KT04")["Quý II năm 2023 (tệp này)"] == "12,5"
    assert len(outcome.figures) == len(VALUES)
    assert db.one("count_submissions").count_submissions == 1


def test_a_report_is_shown_beside_the_units_previous_report_of_the_same_kind(db, tmp_path):
    submit(db, make_form(db, tmp_path, period="2023Q1"))
    later = dict(VALUES, KT02=20, TH02=None)
    outcome = submit(db, make_form(db, tmp_path, period="2023Q3", values=later), now=datetime(2023, 9, 20))
    assert outcome.figures_note == "Số liệu ghi nhận, bên cạnh báo cáo trước của đơn vị (Quý I năm 2023)."
    kt02, th02, tt01 = (row_of(outcome.figures, c) for c in ("KT02", "TH02", "TT01"))
    assert (kt02["Quý I năm 2023 (báo cáo trước)"], kt02["Quý III năm 2023 (tệp này)"], kt02["Thay đổi"]) == (
        "13",
        "20",
        "+7",
    )
    assert (th02["Quý III năm 2023 (tệp này)"], th02["Thay đổi"]) == ("—", "bị bỏ trống")  # missing is not zero
    assert tt01["Thay đổi"] == ""
    assert outcome.timing == "Nộp trễ 5 ngày so với hạn 15/09/2023."


def test_a_file_replacing_a_report_waits_for_confirmation_and_changes_nothing(db, tmp_path):
    first = submit(db, make_form(db, tmp_path))
    before = dump(db)
    corrected = make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="corrected.xlsx")
    outcome = submit(db, corrected, now=LATE, role="secretariat")
    assert outcome.status == "confirm"
    assert dump(db) == before
    assert outcome.count_changes == 1
    assert row_of(outcome.figures, "KT02")["Thay đổi"] == "+1"
    assert outcome.replaced.startswith(f"Huyện Cao Lộc đã có báo cáo Quý II năm 2023: bản #{first.submission_id}")
    assert "do canbo.caoloc nộp lúc 10/06/2023 09:00" in outcome.replaced

    confirmed = desk.confirm_replacement(db, outcome, ensure_account(db, "secretariat"), LATE)
    assert confirmed.status == "accepted"
    assert confirmed.timing == (
        "Đúng hạn hay trễ hạn vẫn tính theo lần nộp đầu tiên (10/06/2023 09:00): Nộp đúng hạn (hạn nộp 15/06/2023)."
    )
    with db.cursor() as cur:
        rows = cur.execute("SELECT submission_id, status, sender FROM submissions ORDER BY 1").fetchall()
    assert rows == [
        (first.submission_id, "superseded", "canbo.caoloc"),
        (confirmed.submission_id, "current", "thuky"),
    ]


def test_a_confirmation_overtaken_by_another_report_records_nothing(db, tmp_path):
    submit(db, make_form(db, tmp_path))
    waiting = submit(db, make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="mine.xlsx"))
    other = make_form(db, tmp_path, values=dict(VALUES, KT02=15), name="colleague.xlsx")
    assert load_bytes(db, other.read_bytes(), other.name, sender="đồng nghiệp").status == "accepted"
    before = dump(db)
    archived = sorted(p.name for p in archive_dir_for(db).rglob("*.xlsx"))

    outcome = desk.confirm_replacement(db, waiting, staff(db))
    assert outcome.status == "stale"
    assert dump(db) == before
    assert sorted(p.name for p in archive_dir_for(db).rglob("*.xlsx")) == archived


def test_cancelling_keeps_the_report_in_use(db, tmp_path):
    submit(db, make_form(db, tmp_path))
    waiting = submit(db, make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="mine.xlsx"))
    before = dump(db)
    outcome = desk.cancelled(waiting)
    assert (outcome.status, outcome.unit_code, outcome.prepared) == ("cancelled", UNIT, None)
    assert dump(db) == before


def test_a_rejected_file_lists_every_problem_and_comes_back_marked(db, tmp_path):
    path = make_form(db, tmp_path)
    refs = {with_value(path, "KT02", "mười ba"), with_value(path, "TT01", "abc")}
    before = dump(db)
    outcome = submit(db, path)
    assert outcome.status == "rejected"
    assert dump(db) == before
    cells = set(zip(outcome.errors["Trang tính"], outcome.errors["Ô"], strict=True))
    assert {("Bieu01", ref) for ref in refs} <= cells
    assert all(outcome.errors["Nội dung"].str.len() > 0)
    assert outcome.annotated_name == f"{path.stem}_can_sua.xlsx"
    marked = load_workbook(io.BytesIO(outcome.annotated))
    assert "DanhSachLoi" in marked.sheetnames


def test_the_same_file_again_is_unchanged(db, tmp_path):
    path = make_form(db, tmp_path)
    first = submit(db, path)
    again = submit(db, path, now=LATE)
    assert (again.status, again.submission_id, again.unit_code) == ("unchanged", first.submission_id, UNIT)
    assert again.period_label == "Quý II năm 2023"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(db):
    outcome = desk.submit_file(db, "lon.xlsx", b"PK\x03\x04" + b"\0" * MAX_FILE_BYTES, staff(db), ON_TIME)
    assert outcome.status == "rejected"
    assert "vượt giới hạn 20 MB" in outcome.errors["Nội dung"][0]
    assert outcome.annotated is None


def test_only_the_units_own_staff_or_the_secretariat_may_submit(db, tmp_path):
    """The server refuses another unit's report whatever the page offered; a reader cannot submit at all."""
    other_unit = make_form(db, tmp_path, unit="181", name="181.xlsx", communes=False)
    before = dump(db)
    outcome = submit(db, other_unit)
    assert outcome.status == "rejected"
    assert outcome.errors["Nội dung"][0] == (
        "Tài khoản này chỉ được nộp báo cáo của Huyện Cao Lộc (mã 183). Tệp này là báo cáo của Huyện Bình Gia "
        "(mã 181), nên không được nhận."
    )
    assert dump(db) == before
    assert submit(db, other_unit, role="secretariat").status == "accepted"
    for role in ("committee", "admin"):
        with pytest.raises(PermissionError):
            submit(db, make_form(db, tmp_path), role=role)


def test_upload_limits_agree_with_the_streamlit_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == desk.upload_limit_mb() == 20
    assert desk.batch_problem(desk.MAX_FILES_PER_BATCH) is None
    assert desk.batch_problem(desk.MAX_FILES_PER_BATCH + 1).startswith("Bạn đã chọn 61 tệp")


def test_results_summary_counts_each_status():
    outcomes = [desk.Outcome("a", "accepted"), desk.Outcome("b", "rejected"), desk.Outcome("c", "rejected")]
    assert desk.results_summary(outcomes) == "3 tệp: 1 đã ghi nhận, 2 bị từ chối."


def test_history_lists_every_version_with_its_state_and_timing(db, tmp_path):
    first = submit(db, make_form(db, tmp_path))
    corrected = make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="sua.xlsx")
    waiting = submit(db, corrected, now=LATE, role="secretariat")
    second = desk.confirm_replacement(db, waiting, ensure_account(db, "secretariat"), LATE)
    reader = ensure_account(db, "committee")
    table = desk.history_table(db, reader, PLAN)
    assert list(table["Bản"]) == [f"#{second.submission_id}", f"#{first.submission_id}"]
    assert list(table["Trạng thái"]) == ["Đang dùng", f"Đã được thay bằng bản #{second.submission_id}"]
    assert list(table["So với hạn"]) == ["Trễ 6 ngày", "Đúng hạn"]
    assert list(table["Người nộp"]) == ["thuky", "canbo.caoloc"]
    assert desk.history_table(db, reader, PLAN, period_code="2023Q3").empty
    assert len(desk.history_table(db, reader, PLAN, unit_code=UNIT, period_code="2023Q2")) == 2

    versions = desk.sibling_versions(db, reader, PLAN, first.submission_id)
    assert list(versions) == [second.submission_id, first.submission_id]
    assert desk.default_comparison(versions, second.submission_id) == first.submission_id
    assert desk.default_comparison(versions, first.submission_id) == second.submission_id
    assert desk.default_comparison({first.submission_id: "x"}, first.submission_id) is None
    diff, count = desk.compare_versions(db, reader, second.submission_id, first.submission_id)
    assert count == 1
    assert row_of(diff, "KT02")[f"Bản #{first.submission_id}"] == "13"
    assert row_of(diff, "KT02")[f"Bản #{second.submission_id}"] == "14"


def test_the_original_file_comes_back_byte_for_byte_or_not_at_all(db, tmp_path):
    path = make_form(db, tmp_path)
    outcome = submit(db, path)
    name, data, sha256 = desk.original_file(db, staff(db), outcome.submission_id)
    assert (name, data) == (path.name, path.read_bytes())
    stored = next(archive_dir_for(db).rglob(f"{sha256}*"))
    stored.write_bytes(data + b"x")
    with pytest.raises(desk.ArchiveError, match="không còn khớp mã băm"):
        desk.original_file(db, staff(db), outcome.submission_id)
    stored.unlink()
    with pytest.raises(desk.ArchiveError, match="Không tìm thấy tệp gốc"):
        desk.original_file(db, staff(db), outcome.submission_id)


def test_the_template_download_is_the_form_of_the_chosen_unit_and_period(db):
    report = check_report(db, parse_form(read_workbook(template_bytes(db, UNIT, "2023S1"), "mau.xlsx")))
    assert (report.unit_code, report.period.code) == (UNIT, "2023S1")
    assert desk.template_note(db, PLAN, "Huyện Cao Lộc", "2023S1") == (
        "Biểu mẫu của Huyện Cao Lộc, 6 tháng đầu năm 2023; hạn nộp 25/06/2023."
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 1, 5), "2023Q1"),
        (date(2023, 3, 16), "2023Q2"),  # Q1's deadline has passed: the next report is the one to prepare
        (date(2023, 6, 20), "2023S1"),
        (date(2023, 12, 20), "2023"),
        (date(2026, 11, 23), "2023"),  # the plan's year is over: its last report
    ],
)
def test_the_period_due_follows_the_plans_calendar(db, today, expected):
    assert due_period(db, PLAN, today) == expected


def test_the_period_due_for_a_unit_is_its_oldest_unsent_report(db, tmp_path):
    assert due_period(db, PLAN, date(2023, 5, 1), UNIT) == "2023Q1"  # overdue, still to send
    submit(db, make_form(db, tmp_path, period="2023Q1"))
    assert due_period(db, PLAN, date(2023, 5, 1), UNIT) == "2023Q2"


def test_a_first_report_overtaken_while_checked_records_nothing(db, tmp_path):
    """Two clerks send the unit's first report at the same moment: the second is not silently laid over."""
    mine = make_form(db, tmp_path)
    (checked,) = check_files(db, [read_bytes(mine.read_bytes(), mine.name)], as_seen=True)
    other = make_form(db, tmp_path, values=dict(VALUES, KT02=15), name="colleague.xlsx")
    load_bytes(db, other.read_bytes(), other.name, sender="đồng nghiệp")
    before = dump(db)
    held = desk.Outcome(mine.name, "confirm", prepared=checked, sender=staff(db).username)
    outcome = desk.confirm_replacement(db, held, staff(db))
    assert outcome.status == "stale"
    assert dump(db) == before


def test_a_units_staff_sees_only_its_own_units_history(db, tmp_path):
    mine = submit(db, make_form(db, tmp_path))
    theirs = submit(db, make_form(db, tmp_path, unit="181", name="181.xlsx", communes=False), role="secretariat")
    assert desk.history_table(db, staff(db), PLAN)["Bản"].tolist() == [f"#{mine.submission_id}"]
    assert len(desk.history_table(db, ensure_account(db, "committee"), PLAN)) == 2
    with pytest.raises(desk.ArchiveError):
        desk.original_file(db, staff(db), theirs.submission_id)
    with pytest.raises(desk.ArchiveError):
        desk.compare_versions(db, staff(db), mine.submission_id, theirs.submission_id)


OTHER_UNIT = "181"  # Huyện Bình Gia, not canbo.caoloc's


def _foreign_history(db, tmp_path) -> dict[str, float]:
    """Another unit's first-quarter report, recorded by the secretariat: figures a unit's staff must not see."""
    recorded = dict(VALUES, TT03=17, KT03=7, HT01=11, TH01=44, LM01=13)
    form = make_form(db, tmp_path, period="2023Q1", values=recorded, unit=OTHER_UNIT, name="q1.xlsx", communes=False)
    assert submit(db, form, role="secretariat").status == "accepted"
    return recorded


def _shows_none_of(outcome) -> None:
    shown = [] if outcome.warnings is None else outcome.warnings.to_numpy().ravel().tolist()
    shown += outcome.errors.to_numpy().ravel().tolist()
    marked = load_workbook(io.BytesIO(outcome.annotated))
    shown += [c.value for sheet in marked for row in sheet.iter_rows() for c in row if c.comment is None]
    shown += [c.comment.text for sheet in marked for row in sheet.iter_rows() for c in row if c.comment]
    text = " ".join(str(s) for s in shown)
    assert "Quý I năm 2023" not in text, "a warning compared the file with the other unit's earlier report"
    for code in ("TT03", "KT03", "HT01", "TH01", "LM01"):
        assert f"Chỉ tiêu {code}" not in text


def test_another_units_form_is_refused_before_its_history_is_read(db, tmp_path):
    """Issue 15, finding 1: a form naming another unit, every figure 0, was refused, but its warnings quoted
    that unit's recorded figures (cumulative 'fell from', stock 'jumped from'), in the page and the workbook."""
    _foreign_history(db, tmp_path)
    zeros = dict.fromkeys(VALUES, 0)
    probe = make_form(db, tmp_path, values=zeros, unit=OTHER_UNIT, name="do-tham.xlsx", communes=False)
    before = dump(db)
    outcome = submit(db, probe)
    assert outcome.status == "rejected"
    assert dump(db) == before
    _shows_none_of(outcome)
    assert list(outcome.errors["Nội dung"]) == [
        "Tài khoản này chỉ được nộp báo cáo của Huyện Cao Lộc (mã 183). Tệp này là báo cáo của Huyện Bình Gia "
        "(mã 181), nên không được nhận."
    ]


def test_another_units_form_with_errors_is_still_refused_as_another_units(db, tmp_path):
    """A form that also had errors skipped the unit check: its refusal must name the unit rule too."""
    _foreign_history(db, tmp_path)
    probe = make_form(db, tmp_path, unit=OTHER_UNIT, name="loi.xlsx", communes=False)
    with_value(probe, "KT02", "mười ba")
    outcome = submit(db, probe)
    assert outcome.status == "rejected"
    assert any("nên không được nhận" in message for message in outcome.errors["Nội dung"])


def test_another_units_file_already_held_is_refused_not_described(db, tmp_path):
    """The very bytes of another unit's recorded file are refused, not reported back as 'unchanged' with its
    report number."""
    form = make_form(db, tmp_path, unit=OTHER_UNIT, name="181.xlsx", communes=False)
    assert submit(db, form, role="secretariat").status == "accepted"
    outcome = submit(db, form)
    assert (outcome.status, outcome.submission_id, outcome.unit_code) == ("rejected", None, None)
