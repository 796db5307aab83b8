"""Backup and restore: a restored database gives the same exports, indicators and archive; a backup taken while
files load is consistent; a damaged backup, or a database another process holds, changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from core import texts
from core.backup import ARCHIVE, MANIFEST, BackupError, backup, restore, sha256_of, verify_backup
from core.db import DB_ENV_VAR, ROOT, WAIT_ENV_VAR, Database, DatabaseBusy, migration_files
from core.engine import compute_indicators
from etl import loader as loader_module
from etl import messages as msg
from etl.loader import archive_dir_at, archive_dir_for, load_files
from tests.forms import VALUES, dump, make_form
from tests.test_concurrency import held_by_another_process

PLAN = "lang-son-2023"
UNITS = ("180", "181", "183", "184")
NO_FILTER = {"since": None, "until": None, "limit": 10}  # of the audit_entries query


def etl(*args: str, wait: str = "60") -> subprocess.CompletedProcess:
    env = {**os.environ, WAIT_ENV_VAR: wait}
    env.pop(DB_ENV_VAR, None)
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def load_reports(db: Database, folder: Path, periods=("2023Q1", "2023Q2"), units=UNITS) -> None:
    """Reports of several districts and quarters, and a corrected one (so a superseded version too)."""
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


def archive_hashes(db_path: Path) -> dict[str, str]:
    archive = archive_dir_at(db_path)
    return {p.relative_to(archive).as_posix(): sha256_of(p) for p in archive.rglob("*") if p.is_file()}


def indicators(db: Database) -> dict[tuple[str, str], list]:
    """Every indicator, province and unit rows, of every plan for every period with data and its year."""
    results = {}
    for plan_id, _, _, year, *_ in db.rows("list_plans"):
        for period_code, *_ in db.rows("plan_data_summary", {"plan_id": plan_id, "year": year}):
            for period in (period_code, str(year)):
                results[(plan_id, period)] = compute_indicators(db, plan_id, period, breakdown=True)
    return results


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under a folder with its SHA-256: what 'nothing changed' is checked against (but the flag a
    process waiting for the database leaves, see `Database`)."""
    return {
        p.relative_to(folder).as_posix(): sha256_of(p)
        for p in folder.rglob("*")
        if p.is_file() and not p.name.endswith(".waiting")
    }


@pytest.fixture
def loaded(db, tmp_path) -> Database:
    load_reports(db, tmp_path / "forms")
    db.close()
    return db


def test_a_restored_database_gives_identical_exports_indicators_and_archive(loaded, tmp_path):
    source = loaded.path
    exported = etl("export", "--format", "csv", "--db", str(source))
    saved = etl("backup", "--db", str(source), "-o", str(tmp_path / "backup"), "--actor", "quantri")
    assert saved.returncode == 0, saved.stderr
    assert "Đã sao lưu vào" in saved.stdout and "9 phiên bản báo cáo" in saved.stdout

    target = tmp_path / "elsewhere" / "kpi.duckdb"
    restored = etl("restore", str(tmp_path / "backup"), "--db", str(target), "--actor", "quantri")
    assert restored.returncode == 0, restored.stderr
    created_at = datetime.fromisoformat(verify_backup(tmp_path / "backup")["created_at"])
    assert f"Đã khôi phục {target} từ bản sao lưu lúc {created_at:%d/%m/%Y %H:%M} (9 phiên" in restored.stdout
    assert "giữ lại" not in restored.stdout  # there was no database there to keep

    again = etl("export", "--format", "csv", "--db", str(target))
    assert again.returncode == exported.returncode == 0
    assert again.stdout == exported.stdout and len(exported.stdout.splitlines()) > 100
    copy = Database(target)
    try:
        assert indicators(copy) == indicators(loaded) and len(indicators(loaded)) >= 3
        assert archive_hashes(target) == archive_hashes(source)
        assert len(archive_hashes(source)) == 9  # the superseded version's original too
        assert copy.one("count_submissions") == loaded.one("count_submissions")
        restore_line = copy.rows("audit_entries", {"actor": "quantri", "entity": "database", **NO_FILTER})
        assert [row[3] for row in restore_line] == ["restore"]
        # sequences came along: the next report gets a new number, not one the backup already used
        load_reports(copy, tmp_path / "later", periods=("2023Q3",), units=("185",))
        assert copy.one("count_submissions")[0] == 11
    finally:
        copy.close()
    backup_line = loaded.rows("audit_entries", {"actor": "quantri", "entity": "database", **NO_FILTER})
    assert [row[3] for row in backup_line] == ["backup"]
    assert json.loads(backup_line[0][7])["archive_files"] == 9


def test_the_manifest_says_what_and_when(loaded, tmp_path):
    audit_lines = len(dump(loaded)["audit_log"])  # the loads' and the plans' (from the plan files)
    result = backup(loaded, tmp_path / "backup", "quantri")
    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == result.manifest == verify_backup(tmp_path / "backup")
    assert manifest["source_database"] == str(loaded.path.resolve())
    assert manifest["schema_version"] == 3
    assert manifest["counts"] == {"submissions": 9, "current": 8, "users": 0, "audit_log": audit_lines}
    assert manifest["database"] == {"file": "kpi.duckdb", "sha256": sha256_of(tmp_path / "backup" / "kpi.duckdb")}
    assert {e["path"]: e["sha256"] for e in manifest["archive"]} == archive_hashes(loaded.path)
    assert manifest["not_copied"] == [] and result.problems == []


def test_restoring_over_the_current_database_keeps_it_aside(loaded, tmp_path):
    backup(loaded, tmp_path / "backup", "quantri")
    exported = etl("export", "--format", "csv", "--db", str(loaded.path)).stdout
    load_reports(loaded, tmp_path / "after", periods=("2023Q3",))  # work done after the backup
    later = dump(loaded)
    loaded.close()

    result = restore(tmp_path / "backup", loaded.path, "quantri")

    assert result.kept_aside.name.startswith("kpi.duckdb.before-restore-")
    assert result.kept_aside.parent == loaded.path.parent
    assert not loaded.path.with_name("kpi.duckdb.wal").exists()
    assert etl("export", "--format", "csv", "--db", str(loaded.path)).stdout == exported
    kept = Database(result.kept_aside)
    try:
        assert dump(kept) == later  # nothing of the later work is lost: it is in the file set aside
    finally:
        kept.close()
    assert result.archive_files == 0  # every original of the backup was already there, intact
    assert len(archive_hashes(loaded.path)) == 14  # the later originals stay (the health check lists them)


def test_a_backup_taken_while_files_load_is_consistent(db, tmp_path, monkeypatch):
    monkeypatch.setattr(loader_module, "BATCH_FILES", 2)  # many transactions: the backup falls between two
    units = sorted(unit for unit, _, plan in db.rows("plan_units_of_year", {"year": 2023}) if plan == PLAN)
    forms_folder = tmp_path / "forms"
    forms_folder.mkdir()
    forms = [
        make_form(db, forms_folder, unit=unit, period=period, communes=False, values=VALUES)
        for period in ("2023Q1", "2023Q2")
        for unit in units
    ]
    started = threading.Event()

    def progress(done: int, _total: int) -> None:
        if done >= 2:
            started.set()

    loader = threading.Thread(target=load_files, args=(db, forms, "thuky", progress))
    loader.start()
    assert started.wait(timeout=120)
    result = backup(db, tmp_path / "backup", "quantri")
    loader.join(timeout=300)
    assert not loader.is_alive()

    manifest = verify_backup(tmp_path / "backup")  # every file matches its hash
    assert result.problems == []
    copy = Database(tmp_path / "backup" / "kpi.duckdb")
    try:
        recorded = copy.rows("archived_originals")
        facts = copy.one("database_facts")
    finally:
        copy.close()
    assert 2 <= len(recorded) < len(forms)  # taken half-way through the load
    assert facts[1] == manifest["counts"]["submissions"] == len(recorded)
    copied = {e["path"]: e["sha256"] for e in manifest["archive"]}
    for path, sha256, *_ in recorded:  # every report in the copy has its original, intact
        assert copied[path] == sha256 == sha256_of(tmp_path / "backup" / ARCHIVE / path)
    assert db.one("count_submissions")[0] == len(forms)  # and the load went on to the end


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


LATEST = max(version for version, _ in migration_files())


def from_a_newer_version(folder: Path) -> None:
    """What a later version of the product would write: a schema this one does not know."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["schema_version"] = LATEST + 1
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def first_original(folder: Path) -> Path:
    return next(p for p in sorted((folder / ARCHIVE).rglob("*")) if p.is_file())


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (lambda b: flip_a_byte(first_original(b)), lambda b: texts.BACKUP_FILE_ALTERED.format(path=first_original(b))),
        (lambda b: flip_a_byte(b / "kpi.duckdb"), lambda b: texts.BACKUP_FILE_ALTERED.format(path=b / "kpi.duckdb")),
        (lambda b: first_original(b).unlink(), lambda b: "thiếu tệp «" + str(b / ARCHIVE)),
        (lambda b: (b / MANIFEST).unlink(), lambda b: texts.BACKUP_NO_MANIFEST),
        (lambda b: (b / MANIFEST).write_text("{}"), lambda b: texts.BACKUP_BAD_MANIFEST.format(path=b / MANIFEST)),
        (from_a_newer_version, lambda b: texts.BACKUP_NEWER_SCHEMA.format(version=LATEST + 1, known=LATEST)),
    ],
    ids=["original", "database", "missing", "no-manifest", "bad-manifest", "newer-schema"],
)
def test_a_damaged_backup_is_refused_and_changes_nothing(loaded, tmp_path, damage, named):
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    load_reports(loaded, tmp_path / "after", periods=("2023Q3",), units=("185",))
    loaded.close()
    expected = named(folder)
    damage(folder)
    before = folder_state(loaded.path.parent)

    with pytest.raises(BackupError) as refused:
        restore(folder, loaded.path, "quantri")
    cli = etl("restore", str(folder), "--db", str(loaded.path))

    assert expected in str(refused.value)
    assert str(refused.value).startswith(texts.BACKUP_REFUSED.format(folder=folder))
    assert cli.returncode == 2 and expected in cli.stderr and "Traceback" not in cli.stderr
    assert folder_state(loaded.path.parent) == before  # no file set aside, replaced or added


def test_a_manifest_cannot_send_files_outside_the_backup(loaded, tmp_path):
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["archive"][0]["path"] = "../../outside.xlsx"
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(BackupError, match="không đúng định dạng"):
        verify_backup(folder)
    with pytest.raises(BackupError, match="không đúng định dạng"):
        restore(folder, loaded.path, "quantri")
    assert not (archive_dir_at(loaded.path) / "../../outside.xlsx").resolve().exists()


def test_restore_is_refused_while_another_process_holds_the_database(loaded, tmp_path):
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    loaded.close()
    before = folder_state(loaded.path.parent)
    with held_by_another_process(loaded):
        with pytest.raises(DatabaseBusy):
            restore(folder, loaded.path, "quantri", wait=0.3)
        cli = etl("restore", str(folder), "--db", str(loaded.path), wait="0.3")
    assert cli.returncode == 75
    assert msg.RESTORE_BUSY.format(path=loaded.path) in cli.stderr
    assert "Traceback" not in cli.stderr
    assert folder_state(loaded.path.parent) == before


def test_a_database_too_damaged_to_open_is_set_aside_and_replaced(loaded, tmp_path):
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    exported = etl("export", "--format", "csv", "--db", str(loaded.path)).stdout
    loaded.close()
    loaded.path.write_bytes(b"\x00" * 4096 + os.urandom(4096))  # what a failed disk may leave
    result = restore(folder, loaded.path, "quantri")
    assert result.kept_aside.read_bytes()[:4096] == b"\x00" * 4096
    assert etl("export", "--format", "csv", "--db", str(loaded.path)).stdout == exported


def test_backup_refuses_a_folder_that_is_not_empty(loaded, tmp_path):
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "old.txt").write_text("x")
    with pytest.raises(BackupError) as refused:
        backup(loaded, folder, "quantri")
    assert str(refused.value) == texts.BACKUP_FOLDER_NOT_EMPTY.format(folder=folder)
    assert folder_state(folder) == {"old.txt": sha256_of(folder / "old.txt")}


def test_a_lost_original_is_reported_and_the_rest_is_backed_up(loaded, tmp_path):
    archive = archive_dir_for(loaded)
    lost = next(p for p in sorted(archive.rglob("*")) if p.is_file())
    lost.unlink()
    loaded.close()
    saved = etl("backup", "--db", str(loaded.path), "-o", str(tmp_path / "backup"))
    assert saved.returncode == 1
    assert "Thiếu tệp gốc" in saved.stderr and str(lost) in saved.stderr
    manifest = verify_backup(tmp_path / "backup")
    assert len(manifest["archive"]) == 8
    assert [p["path"] for p in manifest["not_copied"]] == [lost.relative_to(archive).as_posix()]
