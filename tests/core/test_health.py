"""The health check: a healthy database, a missing, altered or unreferenced original, low disk space, an old
backup; the command's exit codes and JSON; the page, for the administrator only."""

from __future__ import annotations

import json
import os
import threading
from collections import namedtuple
from datetime import datetime, timedelta

import pytest

from core import health, texts
from core.archive import archive_dir_for
from core.backup import backup
from core.db import Database, migration_files
from tests.support.apptest import all_text, registered_pages, run_page, run_script_as, table
from tests.support.cli import etl
from tests.support.forms import flip_a_byte

GIB = 1024 * health.MIB
Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def loaded(reports_db, monkeypatch) -> Database:
    """Reports loaded (one of them corrected), on a disk with room to spare."""
    monkeypatch.setattr(health.shutil, "disk_usage", lambda _: Usage(100 * GIB, 50 * GIB, 50 * GIB))
    return reports_db


def levels(findings) -> dict[str, list[str]]:
    by_check = {}
    for finding in findings:
        by_check.setdefault(finding.check, []).append(finding.level)
    return by_check


def original_of(db: Database, unit: str, period: str, status: str = "current"):
    return next(o for o in health.originals(db) if (o.unit_code, o.period_code, o.status) == (unit, period, status))


def test_a_healthy_database_warns_only_that_no_backup_folder_is_set(loaded):
    findings = health.check(loaded)
    assert levels(findings) == {
        "schema": ["ok"],
        "counts": ["ok"],
        "originals": ["ok"],
        "disk": ["ok"],
        "backup": ["warning"],  # nobody would know the backups had never been made
    }
    messages = [f.message for f in findings]
    assert messages[1].startswith("Có 9 phiên bản báo cáo (8 bản hiện hành), 0 tài khoản, ")
    assert messages[2] == f"Đủ 9 tệp gốc của các báo cáo trong {archive_dir_for(loaded)}; mọi tệp khớp mã SHA-256."
    assert messages[3] == "Ổ đĩa chứa cơ sở dữ liệu và kho tệp gốc còn trống 50,0 GB trên 100,0 GB (50,0%)."
    assert messages[4].startswith("Chưa cấu hình thư mục sao lưu: ") and "KPI_BACKUPS" in messages[4]
    assert health.worst(f for f in findings if f.check != "backup") == "ok"


def test_a_missing_original_is_an_error_naming_the_report(loaded):
    lost = original_of(loaded, "180", "2023Q1", "superseded")
    (archive_dir_for(loaded) / lost.path).unlink()
    errors = [f for f in health.check(loaded) if f.level == "error"]
    assert [f.message for f in errors] == [
        f"Thiếu tệp gốc «{lost.file_name}» của báo cáo Huyện Tràng Định (180), Quý I năm 2023 (bản đã được thay): "
        f"không có {archive_dir_for(loaded) / lost.path}."
    ]
    assert health.worst(health.check(loaded)) == "error"


def test_an_altered_original_is_an_error(loaded):
    altered = original_of(loaded, "180", "2023Q2")
    flip_a_byte(archive_dir_for(loaded) / altered.path)
    errors = [f for f in health.check(loaded) if f.level == "error"]
    assert len(errors) == 1 and errors[0].check == "originals"
    assert errors[0].message.startswith(f"Tệp gốc «{altered.file_name}» của báo cáo ")
    assert ", Quý II năm 2023 (bản hiện hành) đã bị thay đổi: mã SHA-256 không khớp" in errors[0].message


def test_a_file_no_report_refers_to_is_a_warning(loaded):
    orphan = archive_dir_for(loaded) / "ab" / ("ab" + "0" * 62 + ".xlsx")  # a load stopped before its commit
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"PK")
    findings = [f for f in health.check(loaded) if f.check != "backup"]
    assert [(f.check, f.level, f.message) for f in findings if f.level != "ok"] == [
        ("orphan", "warning", texts.HEALTH_ORPHAN.format(path=orphan))
    ]
    assert health.worst(findings) == "warning"


def test_the_quick_check_looks_for_the_originals_without_reading_them(loaded):
    altered = original_of(loaded, "180", "2023Q2")
    flip_a_byte(archive_dir_for(loaded) / altered.path)
    quick = health.check(loaded, verify=False)
    assert levels(quick)["originals"] == ["ok"]
    assert quick[2].message == texts.HEALTH_ORIGINALS_PRESENT.format(count="9", path=archive_dir_for(loaded))
    verified = health.verify_originals(loaded)
    assert [f.level for f in verified] == ["error"] and "đã bị thay đổi" in verified[0].message

    lost = original_of(loaded, "184", "2023Q2")
    (archive_dir_for(loaded) / lost.path).unlink()
    missing = [f.message for f in health.check(loaded, verify=False) if f.level == "error"]
    assert missing == [lost.problem(archive_dir_for(loaded), altered=False)]


def test_the_archive_is_listed_outside_the_write_turn(loaded, monkeypatch):
    """A load may write while the archive is listed: its temporary file, gone by the time the rows are read,
    is no orphan, and its recorded file, not yet listed, is not missing."""
    archive = archive_dir_for(loaded)
    written_meanwhile = original_of(loaded, "183", "2023Q2").path
    temporary = archive / written_meanwhile.split("/")[0] / "tmp-being-written"
    real_walk = os.walk
    turns = []

    def walk_while_a_load_writes(top):
        temporary.write_bytes(b"PK")
        for folder, subfolders, names in real_walk(top):
            yield folder, subfolders, [n for n in names if f"{os.path.basename(folder)}/{n}" != written_meanwhile]
        writer = threading.Thread(target=lambda: turns.append(_take_turn(loaded)))
        writer.start()
        writer.join(timeout=5)
        turns.append("listed")
        temporary.unlink()  # renamed into place, or removed with a rejected file

    monkeypatch.setattr(health.os, "walk", walk_while_a_load_writes)
    findings = health.check(loaded, verify=False)
    assert turns[:2] == [True, "listed"]  # another thread took the write turn during the listing
    assert health.worst(f for f in findings if f.check != "backup") == "ok"


def _take_turn(db: Database) -> bool:
    with db.exclusive():
        return True


@pytest.mark.parametrize(
    ("total", "free", "level"),
    [
        (100 * GIB, 150 * health.MIB, "error"),
        (100 * GIB, 800 * health.MIB, "warning"),  # under 1 GB
        (100 * GIB, 5 * GIB, "warning"),  # under 10 %
        (100 * GIB, 20 * GIB, "ok"),
        (5 * GIB, 2 * GIB, "ok"),  # a small disk, 40 % free
    ],
)
def test_free_disk_space_levels(total, free, level):
    finding = health.disk_finding("database", total, free)
    assert finding.level == level
    assert ("Hãy giải phóng dung lượng" in finding.message) == (level != "ok")


def test_a_schema_the_program_does_not_know_is_an_error(loaded):
    with loaded.transaction() as tx:
        tx.run("record_migration", {"version": 99, "name": "099_newer.sql"})
    schema = next(f for f in health.check(loaded) if f.check == "schema")
    assert schema.level == "error"
    known = ", ".join(str(version) for version, _ in migration_files())  # "1, 2, 3, ...": grows with each migration
    assert f"(phiên bản {known}, 99) không khớp với chương trình (phiên bản {known})" in schema.message


def test_the_newest_backup_and_its_age(loaded, tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    none = next(f for f in health.check(loaded, backups) if f.check == "backup")
    assert (none.level, none.message) == ("warning", texts.HEALTH_BACKUP_NONE.format(folder=backups))

    backup(loaded, backups / "old", "quantri", now=datetime(2024, 3, 1, 8, 0))
    backup(loaded, backups / "new", "quantri", now=datetime(2024, 3, 10, 17, 30))
    recent = next(f for f in health.check(loaded, backups, now=datetime(2024, 3, 11, 9, 0)) if f.check == "backup")
    assert (recent.level, recent.message) == (
        "ok",
        f"Bản sao lưu gần nhất lúc 10/03/2024 17:30 ({backups / 'new'}), cách đây 15 giờ.",
    )
    soon = next(f for f in health.check(loaded, backups, now=datetime(2024, 3, 10, 17, 42)) if f.check == "backup")
    assert soon.message.endswith("cách đây 12 phút.")
    later = datetime(2024, 3, 10, 17, 30) + timedelta(days=9)
    old = next(f for f in health.check(loaded, backups, now=later) if f.check == "backup")
    assert old.level == "warning" and "cách đây 9 ngày. Hãy sao lưu lại." in old.message


def test_the_command_exits_0_when_healthy_and_1_on_an_error(loaded):
    loaded.close()
    healthy = etl("health", "--db", str(loaded.path), "--json")
    assert healthy.returncode == 0, healthy.stderr
    findings = json.loads(healthy.stdout)
    assert [f["check"] for f in findings] == ["schema", "counts", "originals", "disk", "backup"]  # a warning
    assert set(findings[0]) == {"check", "level", "message"}

    lost = original_of(loaded, "184", "2023Q2")
    loaded.close()
    (archive_dir_for(loaded) / lost.path).unlink()
    broken = etl("health", "--db", str(loaded.path))
    assert broken.returncode == 1
    assert "[ỔN] Cơ sở dữ liệu" in broken.stdout
    assert f"[LỖI] Thiếu tệp gốc «{lost.file_name}» của báo cáo Huyện " in broken.stdout


def test_the_command_says_when_there_is_no_database(tmp_path):
    missing = etl("health", "--db", str(tmp_path / "none.duckdb"), "--json")
    assert missing.returncode == 1
    assert json.loads(missing.stdout) == [
        {"check": "database", "level": "error", "message": f"Không có tệp cơ sở dữ liệu {tmp_path / 'none.duckdb'}."}
    ]
    assert not (tmp_path / "none.duckdb").exists()


def test_the_administrator_sees_the_page(monkeypatch, loaded):
    monkeypatch.delenv(health.BACKUPS_ENV_VAR, raising=False)
    orphan = archive_dir_for(loaded) / "zz" / "left-by-a-crash<b>.xlsx"
    orphan.parent.mkdir()
    orphan.write_bytes(b"PK")
    at = run_page(monkeypatch, loaded.path, "pages/health.py", role="admin")
    assert not at.exception
    assert "health" in registered_pages(at)
    assert at.title[0].value == "Tình trạng hệ thống"
    assert [w.value for w in at.warning] == [texts.HEALTH_SUMMARY["warning"]]
    shown = table(at)
    assert shown.columns.tolist() == ["Mức", "Nội dung"]
    assert shown["Mức"].tolist() == ["✔ Ổn"] * 3 + ["▲ Cảnh báo", "✔ Ổn", "▲ Cảnh báo"]  # the last: no backups
    assert shown["Nội dung"][2].startswith("Đủ 9 tệp gốc")
    assert shown["Nội dung"][3] == texts.HEALTH_ORPHAN.format(path=orphan)  # a file name shown as typed
    assert texts.HEALTH_CAPTION in all_text(at)
    assert [i.value for i in at.info] == [texts.HEALTH_VERIFY_NEVER]


def test_the_administrator_checks_every_original_on_request(monkeypatch, loaded):
    monkeypatch.delenv(health.BACKUPS_ENV_VAR, raising=False)
    altered = original_of(loaded, "180", "2023Q2")
    flip_a_byte(archive_dir_for(loaded) / altered.path)
    at = run_page(monkeypatch, loaded.path, "pages/health.py", role="admin")
    assert [w.value for w in at.warning] == [texts.HEALTH_SUMMARY["warning"]]  # no backup folder; and an
    assert not at.error  # altered file is seen only when read
    at.button(key="verify").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [texts.HEALTH_SUMMARY["error"]]
    assert table(at, 1)["Nội dung"][0] == altered.problem(archive_dir_for(loaded), altered=True)
    assert "Lần kiểm tra toàn bộ gần nhất: lúc " in all_text(at)
    at.run()  # the result stays until the next check
    assert [e.value for e in at.error] == [texts.HEALTH_SUMMARY["error"]] and not at.info


@pytest.mark.parametrize("role", ["secretariat", "committee", "unit_staff"])
def test_only_the_administrator_may_open_the_page(monkeypatch, db, role):
    assert "health" not in registered_pages(run_page(monkeypatch, db.path, role=role))
    at = run_script_as(monkeypatch, db.path, "pages/health.py", role)
    assert not at.exception
    assert [e.value for e in at.error] == [texts.NOT_ALLOWED]
    assert not at.table and not at.title
