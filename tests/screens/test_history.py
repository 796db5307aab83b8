"""Lịch sử nộp (screens/history.py): every version with its state and timing, the original file checked against
its hash, two versions compared, and only the units a person may see."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.archive import archive_dir_for
from screens import history
from screens import submission_desk as desk
from tests.support.accounts import ensure_account
from tests.support.desk import LATE, PLAN, row_of, staff, submit
from tests.support.forms import UNIT, VALUES, make_form


def corrected_twice(db, tmp_path):
    """Cao Lộc's Q2 report on time, then a correction (KT02 13 -> 14) confirmed by the secretariat, late."""
    first = submit(db, make_form(db, tmp_path))
    corrected = make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="sua.xlsx")
    waiting = submit(db, corrected, now=LATE, role="secretariat")
    second = desk.confirm(db, waiting, ensure_account(db, "secretariat"), LATE)
    return first.submission_id, second.submission_id


def test_history_lists_every_version_with_its_state_and_timing(db, tmp_path):
    first, second = corrected_twice(db, tmp_path)
    reader = ensure_account(db, "committee")
    table = history.history_table(db, reader, PLAN)
    assert list(table["Bản"]) == [f"#{second}", f"#{first}"]
    assert list(table["Trạng thái"]) == ["Đang dùng", f"Đã được thay bằng bản #{second}"]
    assert list(table["So với hạn"]) == ["Trễ 6 ngày", "Đúng hạn"]
    assert list(table["Người nộp"]) == ["thuky", "canbo.caoloc"]
    assert history.history_table(db, reader, PLAN, period_code="2023Q3").empty
    assert len(history.history_table(db, reader, PLAN, unit_code=UNIT, period_code="2023Q2")) == 2

    assert history.default_comparison([second, first], second) == first
    assert history.default_comparison([second, first], first) == second
    assert history.default_comparison([first], first) is None
    compared = history.compare_versions(db, reader, second, first)
    assert compared.count_changes == 1
    assert compared.summary == "1 số liệu khác nhau giữa hai bản."
    assert row_of(compared.table, "KT02")[f"Bản #{first}"] == "13"
    assert row_of(compared.table, "KT02")[f"Bản #{second}"] == "14"
    same = history.compare_versions(db, reader, first, first)
    assert (same.count_changes, same.summary) == (0, "Hai bản có số liệu giống hệt nhau.")


def test_the_page_offers_each_version_the_others_of_its_report(db, tmp_path):
    """The versions of one report are compared with each other, never with another unit's or period's; the one a
    version replaced is shown beside it first, else the one that replaced it."""
    first, second = corrected_twice(db, tmp_path)
    q1 = make_form(db, tmp_path, period="2023Q1", name="q1.xlsx")
    other_period = submit(db, q1, now=datetime(2023, 3, 10, 9, 0)).submission_id
    page = history.history_page(db, ensure_account(db, "committee"), PLAN)
    assert page.table["Bản"].tolist() == [f"#{second}", f"#{first}", f"#{other_period}"]
    assert list(page.versions) == [second, first, other_period]
    assert page.versions[first].startswith(f"#{first} · Huyện Cao Lộc · Quý II năm 2023 · ")
    assert page.others == {other_period: [], second: [first], first: [second]}
    assert page.compare_with == {other_period: None, second: first, first: second}
    narrowed = history.history_page(db, ensure_account(db, "committee"), PLAN, period_code="2023Q2")
    assert list(narrowed.versions) == [second, first] and narrowed.others[second] == [first]
    assert page.shown == (second, first, other_period) and history.count_text(page) == "3 lần nộp"


def test_a_long_history_shows_its_newest_versions_and_says_how_to_find_the_others(db, tmp_path, monkeypatch):
    """The table and the version picker hold the newest MAX_GRID_ROWS; a version compared with keeps its label."""
    first, second = corrected_twice(db, tmp_path)
    monkeypatch.setattr(history, "MAX_GRID_ROWS", 1)
    page = history.history_page(db, ensure_account(db, "committee"), PLAN)
    assert page.table["Bản"].tolist() == [f"#{second}"] and page.shown == (second,) and page.total == 2
    assert page.compare_with[second] == first and page.versions[first].startswith(f"#{first} · ")
    assert history.count_text(page) == (
        "Đang hiện 1 lần nộp mới nhất trong 2. Chọn đơn vị hoặc kỳ báo cáo để xem các lần nộp khác."
    )


def test_the_filters_offer_a_units_staff_only_its_own_units(db):
    mine = history.history_filters(db, staff(db), PLAN)
    assert mine.units == {history.ALL: "Tất cả các đơn vị", UNIT: "Huyện Cao Lộc"}
    assert list(mine.periods) == [history.ALL, "2023Q1", "2023Q2", "2023S1", "2023Q3", "2023Q4", "2023"]
    assert mine.caption.startswith("Mọi lần nộp báo cáo của các đơn vị năm 2023, mới nhất trước")
    assert len(history.history_filters(db, ensure_account(db, "committee"), PLAN).units) == 12


def test_the_original_file_comes_back_byte_for_byte_or_not_at_all(db, tmp_path):
    path = make_form(db, tmp_path)
    outcome = submit(db, path)
    name, data, sha256 = history.original_file(db, staff(db), outcome.submission_id)
    assert (name, data) == (path.name, path.read_bytes())
    stored = next(archive_dir_for(db).rglob(f"{sha256}*"))
    stored.write_bytes(data + b"x")
    with pytest.raises(history.ArchiveError, match="không còn khớp mã băm"):
        history.original_file(db, staff(db), outcome.submission_id)
    stored.unlink()
    with pytest.raises(history.ArchiveError, match="Không tìm thấy tệp gốc"):
        history.original_file(db, staff(db), outcome.submission_id)


def test_a_units_staff_sees_only_its_own_units_history(db, tmp_path):
    mine = submit(db, make_form(db, tmp_path))
    theirs = submit(db, make_form(db, tmp_path, unit="181", name="181.xlsx", communes=False), role="secretariat")
    assert history.history_table(db, staff(db), PLAN)["Bản"].tolist() == [f"#{mine.submission_id}"]
    assert list(history.history_page(db, staff(db), PLAN).versions) == [mine.submission_id]
    assert len(history.history_table(db, ensure_account(db, "committee"), PLAN)) == 2
    with pytest.raises(history.ArchiveError):
        history.original_file(db, staff(db), theirs.submission_id)
    with pytest.raises(history.ArchiveError):
        history.compare_versions(db, staff(db), mine.submission_id, theirs.submission_id)
