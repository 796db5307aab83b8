"""The submission desk: the form to fill and the report due; each uploaded file recorded, refused or held for
confirmation."""

from __future__ import annotations

import io
import tomllib
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from core import entry
from core.archive import archive_dir_for
from core.db import ROOT
from etl.checks import check_report
from etl.form import parse_form
from etl.loader import check_files
from etl.readers import MAX_FILE_BYTES, read_workbook
from etl.reading import read_bytes
from etl.template import template_bytes, template_file_name
from screens import plan_admin
from screens import submission_desk as desk
from screens.reporting_status import due_period
from tests.support.accounts import ensure_account
from tests.support.desk import LATE, ON_TIME, PLAN, row_of, staff, submit
from tests.support.forms import UNIT, VALUES, dump, load_bytes, make_form, with_value
from tests.support.plan_files import copy_seed_plans


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

    confirmed = desk.confirm(db, outcome, ensure_account(db, "secretariat"), LATE)
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

    outcome = desk.confirm(db, waiting, staff(db))
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
    assert desk.batch_problem(desk.MAX_FILES_PER_BATCH + 1).startswith("Bạn đã chọn 401 tệp")


def test_results_summary_counts_each_status():
    outcomes = [desk.Outcome("a", "accepted"), desk.Outcome("b", "rejected"), desk.Outcome("c", "rejected")]
    assert desk.results_summary(outcomes) == "3 tệp: 1 đã ghi nhận, 2 bị từ chối."


def test_the_template_download_is_the_form_of_the_chosen_unit_and_period(db):
    report = check_report(db, parse_form(read_workbook(template_bytes(db, UNIT, "2023S1"), "mau.xlsx")))
    assert (report.unit_code, report.period.code) == (UNIT, "2023S1")
    assert desk.template_note(db, PLAN, "Huyện Cao Lộc", "2023S1") == (
        "Biểu mẫu của Huyện Cao Lộc, 6 tháng đầu năm 2023; hạn nộp 25/06/2023."
    )
    download = desk.template_download(db, PLAN, UNIT, "2023S1")

    def read(data: bytes):
        return parse_form(read_workbook(data, "mau.xlsx"))

    assert read(download.data) == read(template_bytes(db, UNIT, "2023S1"))  # the bytes hold the time they were made
    assert download.file_name == template_file_name(UNIT, "2023S1")
    assert download.note == desk.template_note(db, PLAN, "Huyện Cao Lộc", "2023S1")


def test_the_form_selectors_offer_a_units_staff_its_own_units_and_the_report_each_should_prepare(db, tmp_path):
    """The page's options come in one call: the periods, the units a person may submit for, and for each unit
    the period offered first, the same as due_period asks one unit at a time."""
    submit(db, make_form(db, tmp_path, period="2023Q1"))
    today = date(2023, 5, 1)
    mine = desk.submit_options(db, PLAN, staff(db), today)
    assert mine.units == {UNIT: "Huyện Cao Lộc"}
    assert mine.due_periods == {UNIT: "2023Q2"}  # Q1 sent: Q2 has begun and is not sent
    assert list(mine.periods) == ["2023Q1", "2023Q2", "2023S1", "2023Q3", "2023Q4", "2023"]
    everyone = desk.submit_options(db, PLAN, ensure_account(db, "secretariat"), today)
    assert len(everyone.units) == 11
    assert everyone.due_periods == {unit: due_period(db, PLAN, today, unit) for unit in everyone.units}
    assert everyone.due_periods["181"] == "2023Q1"  # nothing sent: the oldest report begun


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
    outcome = desk.confirm(db, held, staff(db))
    assert outcome.status == "stale"
    assert dump(db) == before


def test_a_provinces_forms_go_out_as_one_zip_and_come_back_as_one(db, tmp_path):
    """Issue 19, item 4: every unit's form of a period in one zip; the returned zip checked form by form, the
    rejected ones marked up in one zip."""
    secretary = ensure_account(db, "secretariat")
    forms = zipfile.ZipFile(io.BytesIO(desk.forms_zip(db, PLAN, secretary, "2023Q2")))
    names = forms.namelist()
    assert len(names) == 11 and names[0] == "Bieu01_178_2023Q2.xlsx"  # every district of Lạng Sơn, in code order
    assert desk.forms_zip_name(PLAN, "2023Q2") == "Bieu01_lang-son-2023_2023Q2.zip"
    clerk = staff(db)  # Cao Lộc's clerk: only Cao Lộc's form
    assert zipfile.ZipFile(io.BytesIO(desk.forms_zip(db, PLAN, clerk, "2023Q2"))).namelist() == [
        "Bieu01_183_2023Q2.xlsx"
    ]

    good = make_form(db, tmp_path, unit="181", name="181.xlsx", communes=False).read_bytes()
    other = make_form(db, tmp_path, unit="184", name="184.xlsx", communes=False).read_bytes()
    broken = make_form(db, tmp_path, unit="181", name="181-sai.xlsx", communes=False)
    with_value(broken, "KT02", "nhiều")  # a word where a count is expected
    returned = io.BytesIO()
    with zipfile.ZipFile(returned, "w") as archive:
        archive.writestr("tra-ve/Bieu01_181_2023Q2.xlsx", good)
        archive.writestr("tra-ve/Bieu01_184_2023Q2.xlsx", other)
        archive.writestr("tra-ve/sai/Bieu01_181_2023Q2.xlsx", broken.read_bytes())
    files, refused = desk.unpacked([("tra-ve.zip", returned.getvalue()), ("hong.zip", b"not a zip")])
    assert [name for name, _ in files] == [
        "tra-ve.zip/tra-ve/Bieu01_181_2023Q2.xlsx",
        "tra-ve.zip/tra-ve/Bieu01_184_2023Q2.xlsx",
        "tra-ve.zip/tra-ve/sai/Bieu01_181_2023Q2.xlsx",
    ]
    (damaged,) = refused
    assert damaged.status == "rejected" and "bị hỏng" in damaged.errors.iloc[0]["Nội dung"]
    outcomes = refused + [desk.submit_file(db, name, data, secretary, ON_TIME) for name, data in files]
    assert [o.status for o in outcomes] == ["rejected", "accepted", "accepted", "rejected"]
    table = desk.outcomes_table(outcomes)
    assert table.columns.tolist() == ["Tệp", "Đơn vị", "Kỳ báo cáo", "Kết quả"]
    assert table.iloc[1].tolist()[1:] == ["Huyện Bình Gia", "Quý II năm 2023", "Đã ghi nhận"]
    assert [desk.needs_attention(o) for o in outcomes] == [True, False, False, True]
    marked = zipfile.ZipFile(io.BytesIO(desk.annotated_zip(outcomes)))
    assert marked.namelist() == ["Bieu01_181_2023Q2_can_sua.xlsx"]  # the damaged zip has no workbook to mark


def test_the_secretariat_records_a_file_received_earlier_with_its_day(db, tmp_path):
    """Back-filling (issue 20, item 5): the day decides on time or late; a unit's staff may not choose it, nobody
    may choose a day to come."""
    form = make_form(db, tmp_path)
    secretary = ensure_account(db, "secretariat")
    with pytest.raises(PermissionError):
        desk.submit_file(db, form.name, form.read_bytes(), staff(db), LATE, received_on=date(2023, 6, 10))
    with pytest.raises(ValueError, match="chưa đến"):
        desk.submit_file(db, form.name, form.read_bytes(), secretary, LATE, received_on=date(2023, 6, 22))
    outcome = desk.submit_file(db, form.name, form.read_bytes(), secretary, LATE, received_on=date(2023, 6, 14))
    assert outcome.status == "accepted" and outcome.timing == "Nộp đúng hạn (hạn nộp 15/06/2023)."
    row = db.one("submission_summary", {"submission_id": outcome.submission_id})
    assert row.first_received_at == datetime(2023, 6, 14)
    corrected = make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="corrected.xlsx")
    waiting = desk.submit_file(db, corrected.name, corrected.read_bytes(), secretary, LATE, date(2023, 6, 16))
    confirmed = desk.confirm(db, waiting, secretary, now=LATE)  # the day chosen at upload, not the click's
    assert db.one("submission_summary", {"submission_id": confirmed.submission_id}).received_at == datetime(2023, 6, 16)


def test_entry_closes_days_after_the_deadline_for_a_unit_and_a_window_opens_it(db, tmp_path):
    """Closing of entry (issue 20, item 2): the plan keeps uploads open 5 days after the 15 June deadline; on the
    21st a unit's clerk is refused, the secretariat is not, and a window it opens lets the clerk in until its
    last day."""
    plan_admin.edit_entry_days(
        db, ensure_account(db, "secretariat"), PLAN, 5, directory=copy_seed_plans(tmp_path / "p")
    )
    form = make_form(db, tmp_path)
    on_the_20th = desk.submit_file(db, form.name, form.read_bytes(), staff(db), datetime(2023, 6, 20, 23, 0))
    assert on_the_20th.status == "accepted"  # 15 June + 5 days: open to the end of the 20th
    corrected = make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="corrected.xlsx")
    refused = desk.submit_file(db, corrected.name, corrected.read_bytes(), staff(db), LATE)
    assert refused.status == "rejected"
    message = refused.errors.iloc[0].tolist()
    assert any(
        "Đã khoá sổ Quý II năm 2023: hạn nộp 15/06/2023, kế hoạch cho nộp thêm 5 ngày, đến hết 20/06/2023" in str(c)
        for c in message
    )
    secretary = ensure_account(db, "secretariat")
    assert desk.submit_file(db, corrected.name, corrected.read_bytes(), secretary, LATE).status == "confirm"
    with pytest.raises(PermissionError):
        entry.open_window(db, staff(db), UNIT, "2023Q2", date(2023, 6, 25), "Xin nộp muộn", LATE)
    with pytest.raises(ValueError, match="đã qua"):
        entry.open_window(db, secretary, UNIT, "2023Q2", date(2023, 6, 1), "Xin nộp muộn", LATE)
    entry.open_window(db, secretary, UNIT, "2023Q2", date(2023, 6, 25), "Huyện gửi công văn xin nộp muộn", LATE)
    assert desk.submit_file(db, corrected.name, corrected.read_bytes(), staff(db), LATE).status == "confirm"
    after = datetime(2023, 6, 26, 8, 0)
    assert desk.submit_file(db, corrected.name, corrected.read_bytes(), staff(db), after).status == "rejected"
