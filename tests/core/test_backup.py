"""Backup and restore: a restored database gives the same exports, indicators and archive; a backup taken while
files load is consistent; a damaged backup, or a database another process holds, changes nothing."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from core import auth, texts
from core.archive import archive_dir_at, archive_dir_for, sha256_of
from core.backup import (
    ARCHIVE,
    KEY_ENV_VAR,
    KEY_FILE,
    MANIFEST,
    BackupError,
    backup,
    restore,
    verify_backup,
)
from core.db import DB_ENV_VAR, ROOT, WAIT_ENV_VAR, Database, DatabaseBusy, migration_files
from core.engine import compute_indicators
from etl import loader as loader_module
from etl.loader import load_files
from tests.support.accounts import ACCOUNTS, PASSWORD, ensure_account
from tests.support.cli import etl, held_by_another_process
from tests.support.forms import VALUES, dump, flip_a_byte, load_reports, make_form

PLAN = "lang-son-2023"
NO_FILTER = {"since": None, "until": None, "limit": 10}  # of the audit_entries query


def archive_hashes(db_path: Path) -> dict[str, str]:
    archive = archive_dir_at(db_path)
    return {p.relative_to(archive).as_posix(): sha256_of(p) for p in archive.rglob("*") if p.is_file()}


def indicators(db: Database) -> dict[tuple[str, str], list]:
    """Every indicator, province and unit rows, of every plan for every period with data and its year."""
    results = {}
    for plan in db.rows("list_plans"):
        params = {"plan_id": plan.plan_id, "year": plan.year, "unit_codes": None}
        for summary in db.rows("plan_data_summary", params):
            for period in (summary.period_code, str(plan.year)):
                results[(plan.plan_id, period)] = compute_indicators(db, plan.plan_id, period, breakdown=True)
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
def loaded(reports_db) -> Database:
    """Nine reports loaded, one of them corrected; the file closed, as between two uses of the app."""
    reports_db.close()
    return reports_db


def test_a_restored_database_gives_identical_exports_indicators_and_archive(loaded, tmp_path):
    source = loaded.path
    exported = etl("export", "--format", "csv", "--db", str(source))
    saved = etl("backup", "--db", str(source), "-o", str(tmp_path / "backup"), "--actor", "quantri")
    assert saved.returncode == 0, saved.stderr
    assert "Đã sao lưu vào" in saved.stdout and "9 phiên bản báo cáo" in saved.stdout

    target = tmp_path / "elsewhere" / "kpi.duckdb"
    key = ["--key", str(source.parent / KEY_FILE)]  # another folder: the key is named, as on a new machine
    restored = etl("restore", str(tmp_path / "backup"), "--db", str(target), "--actor", "quantri", *key)
    assert restored.returncode == 0, restored.stderr
    created_at = datetime.fromisoformat(
        verify_backup(tmp_path / "backup", source.parent / KEY_FILE).manifest["created_at"]
    )
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
        assert [row.action for row in restore_line] == ["restore"]
        # sequences came along: the next report gets a new number, not one the backup already used
        load_reports(copy, tmp_path / "later", periods=("2023Q3",), units=("185",))
        assert copy.one("count_submissions").count_submissions == 11
    finally:
        copy.close()
    backup_line = loaded.rows("audit_entries", {"actor": "quantri", "entity": "database", **NO_FILTER})
    assert [row.action for row in backup_line] == ["backup"]
    assert json.loads(backup_line[0].after_json)["archive_files"] == 9


def test_the_manifest_says_what_and_when(loaded, tmp_path):
    audit_lines = len(dump(loaded)["audit_log"])  # the loads' and the plans' (from the plan files)
    result = backup(loaded, tmp_path / "backup", "quantri")
    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == result.manifest == verify_backup(tmp_path / "backup", result.key_file).manifest
    assert manifest["source_database"] == str(loaded.path.resolve())
    assert manifest["schema_version"] == LATEST  # the newest migration, whichever it is
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
    units = sorted(row.unit_code for row in db.rows("plan_units_of_year", {"year": 2023}) if row.plan_id == PLAN)
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

    manifest = verify_backup(tmp_path / "backup", result.key_file).manifest  # every file matches its hash
    assert result.problems == []
    copy = Database(tmp_path / "backup" / "kpi.duckdb")
    try:
        recorded = copy.rows("archived_originals")
        facts = copy.one("database_facts")
    finally:
        copy.close()
    assert 2 <= len(recorded) < len(forms)  # taken half-way through the load
    assert facts.count_submissions == manifest["counts"]["submissions"] == len(recorded)
    copied = {e["path"]: e["sha256"] for e in manifest["archive"]}
    for original in recorded:  # every report in the copy has its original, intact
        path = original.archive_path
        assert copied[path] == original.file_sha256 == sha256_of(tmp_path / "backup" / ARCHIVE / path)
    assert db.one("count_submissions").count_submissions == len(forms)  # and the load went on to the end


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
    assert cli.returncode == 1 and expected in cli.stderr and "Traceback" not in cli.stderr
    assert folder_state(loaded.path.parent) == before  # no file set aside, replaced or added


def test_a_manifest_cannot_send_files_outside_the_backup(loaded, tmp_path):
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["archive"][0]["path"] = "../../outside.xlsx"
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(BackupError, match="không đúng định dạng"):
        verify_backup(folder, loaded.path.parent / KEY_FILE)
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
    assert texts.RESTORE_BUSY.format(path=loaded.path) in cli.stderr
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
    manifest = verify_backup(tmp_path / "backup", loaded.path.parent / KEY_FILE).manifest
    assert len(manifest["archive"]) == 8
    assert [p["path"] for p in manifest["not_copied"]] == [lost.relative_to(archive).as_posix()]


# --- issue 15, finding 3: a backup altered by someone who can write to the backups but not to the server ---

ATTACKER_PASSWORD = "mat-khau-cua-ke-gian"


def with_accounts(db: Database) -> None:
    for role in ACCOUNTS:
        ensure_account(db, role)


def write_manifest(folder: Path, manifest: dict) -> None:
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def read_backup_manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def make_thanhvien_an_administrator(folder: Path) -> dict:
    """The attack of the issue: thanhvien made an administrator with the attacker's password in the backup's
    database, and the database's new SHA-256 written into the manifest (so every hash matches)."""
    con = duckdb.connect(str(folder / "kpi.duckdb"))
    try:
        con.execute(
            "UPDATE users SET role = 'admin', password_hash = ? WHERE username = 'thanhvien'",
            [auth.hash_password(ATTACKER_PASSWORD)],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()
    manifest = read_backup_manifest(folder)
    manifest["database"]["sha256"] = sha256_of(folder / "kpi.duckdb")
    return manifest


def signature_kept(manifest: dict) -> dict:
    return manifest


def signature_removed(manifest: dict) -> dict:
    manifest.pop("signature", None)
    return manifest


def made_old_format(manifest: dict) -> dict:
    manifest.pop("signature", None)
    manifest["format"] = 1
    return manifest


def signed_by_another_key(manifest: dict) -> dict:
    manifest.setdefault("signature", {})["key_id"] = "0" * 16
    return manifest


def assert_thanhvien_is_still_a_committee_member(db_path: Path) -> None:
    db = Database(db_path)
    try:
        assert auth.authenticate(db, "thanhvien", PASSWORD).role == "committee"
        with pytest.raises(auth.AuthError):
            auth.authenticate(db, "thanhvien", ATTACKER_PASSWORD)
    finally:
        db.close()


@pytest.mark.parametrize(
    "cover_up",
    [signature_kept, signature_removed, made_old_format, signed_by_another_key],
    ids=["signature-kept", "signature-removed", "old-format", "another-key"],
)
def test_a_backup_with_a_planted_administrator_is_refused(loaded, tmp_path, cover_up):
    with_accounts(loaded)
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    loaded.close()
    write_manifest(folder, cover_up(make_thanhvien_an_administrator(folder)))
    before = folder_state(loaded.path.parent)

    refused = etl("restore", str(folder), "--db", str(loaded.path))
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr
    assert refused.stderr.startswith("Lỗi: " + texts.BACKUP_REFUSED.format(folder=folder))
    assert folder_state(loaded.path.parent) == before

    # even an operator who accepts a backup that cannot be verified is shown the planted administrator
    accepted = etl("restore", str(folder), "--db", str(loaded.path), "--accept-unverified")
    assert accepted.returncode == 1 and "Traceback" not in accepted.stderr
    if cover_up is not signature_kept:  # a signature that does not match is refused before anything else
        assert "«thanhvien»: vai trò Thành viên BCĐ → Quản trị" in accepted.stderr
        assert "«thanhvien»: mật khẩu" in accepted.stderr
        assert "--accept-accounts" in accepted.stderr
    assert folder_state(loaded.path.parent) == before
    assert_thanhvien_is_still_a_committee_member(loaded.path)


def test_a_backup_with_a_planted_administrator_is_refused_by_the_core_too(loaded, tmp_path):
    with_accounts(loaded)
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    loaded.close()
    write_manifest(folder, make_thanhvien_an_administrator(folder))
    before = folder_state(loaded.path.parent)
    with pytest.raises(BackupError) as refused:
        restore(folder, loaded.path, "quantri")
    assert texts.BACKUP_SIGNATURE_WRONG.format(path=folder / MANIFEST) in refused.value.problems
    assert folder_state(loaded.path.parent) == before
    assert_thanhvien_is_still_a_committee_member(loaded.path)


@pytest.mark.parametrize("where", ["archive-absolute", "archive-dotdot", "database-absolute"])
def test_a_manifest_path_outside_the_backup_is_refused_cleanly(loaded, tmp_path, where):
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    loaded.close()
    outside = tmp_path / "outside" / "planted.xlsx"
    manifest = read_backup_manifest(folder)
    if where == "database-absolute":
        bad = str(outside)
        manifest["database"]["file"] = bad
    elif where == "archive-dotdot":
        bad = "ab/../../../outside/planted.xlsx"
        manifest["archive"][0] = {"path": bad, "sha256": manifest["archive"][0]["sha256"]}
    else:
        bad = str(outside)
        # where the old check looked for the file: inside the backup, so every hash matched
        planted = folder / ARCHIVE / bad.lstrip("/")
        planted.parent.mkdir(parents=True)
        planted.write_bytes(b"PK planted")
        manifest["archive"][0] = {"path": bad, "sha256": sha256_of(planted)}
    write_manifest(folder, manifest)
    before = folder_state(tmp_path)

    cli = etl("restore", str(folder), "--db", str(loaded.path), "--accept-unverified", "--accept-accounts")

    assert cli.returncode == 1, cli.stdout + cli.stderr
    assert "Traceback" not in cli.stderr
    assert texts.BACKUP_UNSAFE_PATH.format(manifest=folder / MANIFEST, path=bad) in cli.stderr
    assert folder_state(tmp_path) == before
    assert not outside.exists()


def move_aside_and_link(path: Path, elsewhere: Path) -> Path:
    """Put the file (or folder) elsewhere and a symbolic link to it in its place: the same bytes, reached
    through a link."""
    elsewhere.parent.mkdir(parents=True, exist_ok=True)
    os.rename(path, elsewhere)
    path.symlink_to(elsewhere)
    return path


@pytest.mark.parametrize(
    "link",
    [
        lambda b, out: move_aside_and_link(b / "kpi.duckdb", out / "kpi.duckdb"),
        lambda b, out: move_aside_and_link(b / MANIFEST, out / MANIFEST),
        lambda b, out: move_aside_and_link(first_original(b), out / "original.xlsx"),
        lambda b, out: move_aside_and_link(first_original(b).parent, out / "folder"),
        lambda b, out: (b / ARCHIVE / "zz").symlink_to("/etc") or b / ARCHIVE / "zz",
    ],
    ids=["database", "manifest", "original", "folder", "unlisted"],
)
def test_a_symbolic_link_in_a_backup_is_refused(loaded, tmp_path, link):
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    loaded.close()
    linked = link(folder, tmp_path / "elsewhere")
    before = folder_state(loaded.path.parent)

    with pytest.raises(BackupError) as refused:
        restore(folder, loaded.path, "quantri")
    cli = etl("restore", str(folder), "--db", str(loaded.path), "--accept-unverified", "--accept-accounts")

    named = texts.BACKUP_LINK.format(path=linked)
    assert named in refused.value.problems
    assert cli.returncode == 1 and named in cli.stderr and "Traceback" not in cli.stderr
    assert folder_state(loaded.path.parent) == before


def accounts_changed_since_the_backup(db: Database, folder: Path) -> None:
    """A backup, then every kind of account change in the live database (the restore would undo each)."""
    with_accounts(db)
    auth.create_user(db, "quantri", "cu.daxoa", "Tài Khoản Đã Xóa", "committee", "mat-khau-cu-da-xoa")
    auth.create_user(db, "quantri", "cu.khoa", "Tài Khoản Bị Khóa", "committee", "mat-khau-cu-bi-khoa")
    auth.set_active(db, "quantri", "thuky", False)
    backup(db, folder, "quantri")
    auth.create_user(db, "quantri", "moi.themsau", "Người Mới", "secretariat", "mat-khau-nguoi-moi")
    auth.update_user(db, "quantri", "thanhvien", "Thành Viên Kiểm Thử", "secretariat", [])
    auth.set_password(db, "quantri", "thanhvien", "mat-khau-moi-doi")
    auth.update_user(db, "quantri", "canbo.caoloc", "Cán Bộ Cao Lộc", "unit_staff", ["183", "184"])
    auth.set_active(db, "quantri", "thuky", True)
    auth.set_active(db, "quantri", "cu.khoa", False)
    with db.transaction() as tx:  # no command deletes an account; someone did it by hand
        tx.run_script("DELETE FROM users WHERE username = 'cu.daxoa'")
    db.close()


# What restoring that backup would do to the accounts, live → backup, worked out by hand.
EXPECTED_ACCOUNT_CHANGES = [
    "tài khoản «canbo.caoloc»: đơn vị báo cáo 183, 184 → 06193, 183.",
    "tài khoản «cu.daxoa» (Thành viên BCĐ) sẽ được thêm: có trong bản sao lưu, không có trong cơ sở dữ liệu hiện tại.",
    "tài khoản «cu.khoa» đang bị khóa sẽ được mở lại.",
    "tài khoản «moi.themsau» (Thư ký) sẽ bị xóa: không có trong bản sao lưu.",
    "tài khoản «thanhvien»: vai trò Thư ký → Thành viên BCĐ.",
    "tài khoản «thanhvien»: mật khẩu sẽ trở lại mật khẩu lưu trong bản sao lưu (khác mật khẩu hiện tại).",
    "tài khoản «thuky» đang hoạt động sẽ bị khóa.",
]


def test_account_differences_are_listed_and_refused_without_confirmation(loaded, tmp_path):
    folder = tmp_path / "backup"
    accounts_changed_since_the_backup(loaded, folder)
    before = folder_state(loaded.path.parent)

    with pytest.raises(BackupError) as refused:
        restore(folder, loaded.path, "quantri")
    cli = etl("restore", str(folder), "--db", str(loaded.path))

    assert refused.value.problems == EXPECTED_ACCOUNT_CHANGES
    assert cli.returncode == 1 and "Traceback" not in cli.stderr
    assert all(line in cli.stderr for line in EXPECTED_ACCOUNT_CHANGES)
    assert "--accept-accounts" in cli.stderr
    assert folder_state(loaded.path.parent) == before


def assert_accounts_are_the_backups(db_path: Path) -> None:
    db = Database(db_path)
    try:
        assert auth.authenticate(db, "thanhvien", PASSWORD).role == "committee"
        assert auth.get_user(db, "moi.themsau") is None and auth.get_user(db, "cu.daxoa") is not None
        assert auth.get_user(db, "canbo.caoloc").unit_codes == ("06193", "183")
        restored = db.rows("audit_entries", {"actor": "quantri", "entity": "database", **NO_FILTER})
        assert restored[0].action == "restore"
        changes = json.loads(restored[0].after_json)["account_changes"]
        assert [(c["username"], c["change"]) for c in changes] == [
            ("canbo.caoloc", "units"),
            ("cu.daxoa", "added"),
            ("cu.khoa", "activated"),
            ("moi.themsau", "removed"),
            ("thanhvien", "role"),
            ("thanhvien", "password"),
            ("thuky", "deactivated"),
        ]
        assert "argon2" not in restored[0].after_json  # no password hash in the audit log
    finally:
        db.close()


def test_account_differences_are_accepted_with_the_flag(loaded, tmp_path):
    folder = tmp_path / "backup"
    accounts_changed_since_the_backup(loaded, folder)
    cli = etl("restore", str(folder), "--db", str(loaded.path), "--accept-accounts", "--actor", "quantri")
    assert cli.returncode == 0, cli.stderr
    assert all(line in cli.stdout for line in EXPECTED_ACCOUNT_CHANGES)
    assert_accounts_are_the_backups(loaded.path)


def etl_at_a_terminal(*args: str, answer: str) -> subprocess.CompletedProcess:
    """The command line with a terminal on standard input, where a person types `answer` and Enter."""
    import pty

    main, terminal = pty.openpty()
    env = {**os.environ, WAIT_ENV_VAR: "60"}
    env.pop(DB_ENV_VAR, None)
    env.pop(KEY_ENV_VAR, None)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "etl", *args],
            cwd=ROOT,
            env=env,
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        os.close(terminal)
        os.write(main, (answer + "\n").encode("utf-8"))
        out, err = process.communicate(timeout=180)
    finally:
        os.close(main)
    return subprocess.CompletedProcess(process.args, process.returncode, out.decode(), err.decode())


@pytest.mark.parametrize(("answer", "restored"), [("có", True), ("y", True), ("không", False), ("", False)])
def test_account_differences_are_confirmed_at_a_terminal(loaded, tmp_path, answer, restored):
    folder = tmp_path / "backup"
    accounts_changed_since_the_backup(loaded, folder)
    before = folder_state(loaded.path.parent)

    cli = etl_at_a_terminal("restore", str(folder), "--db", str(loaded.path), "--actor", "quantri", answer=answer)

    assert "Traceback" not in cli.stderr
    assert all(line in cli.stderr for line in EXPECTED_ACCOUNT_CHANGES)  # shown before the question
    assert texts.RESTORE_CONFIRM in cli.stderr
    if restored:
        assert cli.returncode == 0, cli.stderr
        assert_accounts_are_the_backups(loaded.path)
    else:
        assert cli.returncode == 1
        assert folder_state(loaded.path.parent) == before


def test_the_first_backup_makes_the_signing_key_beside_the_database(loaded, tmp_path):
    loaded.close()
    key = loaded.path.parent / KEY_FILE
    first = etl("backup", "--db", str(loaded.path), "-o", str(tmp_path / "one"))
    assert first.returncode == 0, first.stderr
    assert texts.BACKUP_KEY_CREATED.format(key=key) in first.stdout
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    secret = key.read_text(encoding="ascii").strip()
    assert len(bytes.fromhex(secret)) == 32
    assert not any(secret.encode() in p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file())
    signature = read_backup_manifest(tmp_path / "one")["signature"]
    assert read_backup_manifest(tmp_path / "one")["format"] == 2
    assert signature["algorithm"] == "HMAC-SHA256" and len(signature["value"]) == 64

    second = etl("backup", "--db", str(loaded.path), "-o", str(tmp_path / "two"))
    assert second.returncode == 0 and "khóa" not in second.stdout  # the same key, made once
    assert key.read_text(encoding="ascii").strip() == secret
    assert read_backup_manifest(tmp_path / "two")["signature"]["key_id"] == signature["key_id"]


@pytest.mark.parametrize(
    "edit",
    [
        lambda m: m.update(created_at="2099-01-01T00:00:00"),
        lambda m: m["counts"].update(users=99),
        lambda m: m.update(source_database="/elsewhere/kpi.duckdb"),
        lambda m: m["not_copied"].append({"path": "ab/x.xlsx", "problem": "?"}),
        lambda m: m["archive"].pop(),
    ],
    ids=["created-at", "counts", "source", "not-copied", "archive-entry"],
)
def test_the_signature_covers_the_whole_manifest(loaded, tmp_path, edit):
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    loaded.close()
    manifest = read_backup_manifest(folder)
    edit(manifest)
    write_manifest(folder, manifest)
    with pytest.raises(BackupError) as refused:
        restore(folder, loaded.path, "quantri", accept_unverified=True)
    assert refused.value.problems == [texts.BACKUP_SIGNATURE_WRONG.format(path=folder / MANIFEST)]


def test_without_its_key_a_backup_is_restored_only_when_the_operator_accepts_it(loaded, tmp_path, monkeypatch):
    """A new machine after a disaster: the backups survived, the key beside the old database did not."""
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    loaded.close()
    target = tmp_path / "new-machine" / "kpi.duckdb"
    no_key = texts.BACKUP_NO_KEY.format(key=target.parent / KEY_FILE)

    refused = etl("restore", str(folder), "--db", str(target))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert no_key in refused.stderr and "--accept-unverified" in refused.stderr
    assert not target.parent.exists()

    accepted = etl("restore", str(folder), "--db", str(target), "--accept-unverified", "--actor", "quantri")
    assert accepted.returncode == 0, accepted.stderr
    assert texts.RESTORE_UNVERIFIED.format(problem=no_key) in accepted.stderr
    copy = Database(target)
    try:
        restored = copy.rows("audit_entries", {"actor": "quantri", "entity": "database", **NO_FILTER})
        assert json.loads(restored[0].after_json)["signature_verified"] is False
    finally:
        copy.close()

    # the key kept safe, named by the environment: the backup is verified again
    monkeypatch.setenv(KEY_ENV_VAR, str(loaded.path.parent / KEY_FILE))
    assert restore(folder, target, "quantri").unverified is None


def test_an_old_unsigned_backup_is_unverifiable_not_broken(loaded, tmp_path):
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    loaded.close()
    write_manifest(folder, made_old_format(read_backup_manifest(folder)))  # what the previous version wrote
    unsigned = texts.BACKUP_UNSIGNED.format(path=folder / MANIFEST)
    with pytest.raises(BackupError) as refused:
        restore(folder, loaded.path, "quantri")
    assert refused.value.problems == [unsigned, texts.BACKUP_UNVERIFIED_HINT]
    result = restore(folder, loaded.path, "quantri", accept_unverified=True)
    assert result.unverified == unsigned and result.account_changes == []


def test_a_signing_key_others_can_read_is_not_used(loaded, tmp_path):
    key = loaded.path.parent / KEY_FILE
    backup(loaded, tmp_path / "one", "quantri")
    key.chmod(0o644)
    unsafe = texts.BACKUP_KEY_UNSAFE.format(key=key, mode="644")
    with pytest.raises(BackupError) as refused:
        backup(loaded, tmp_path / "two", "quantri")
    assert refused.value.problems == [unsafe] and not (tmp_path / "two").exists()
    loaded.close()
    with pytest.raises(BackupError) as refused:
        restore(tmp_path / "one", loaded.path, "quantri", accept_unverified=True)
    assert refused.value.problems == [unsafe]


def test_a_backup_database_whose_accounts_cannot_be_compared_is_refused(loaded, tmp_path):
    folder = tmp_path / "backup"
    backup(loaded, folder, "quantri")
    loaded.close()
    con = duckdb.connect(str(folder / "kpi.duckdb"))
    try:
        con.execute("DROP TABLE user_units")  # the accounts are there, but not as a restore can read them
    finally:
        con.close()
    manifest = signature_removed(read_backup_manifest(folder))
    manifest["database"]["sha256"] = sha256_of(folder / "kpi.duckdb")
    write_manifest(folder, manifest)
    before = folder_state(loaded.path.parent)
    with pytest.raises(BackupError) as refused:
        restore(folder, loaded.path, "quantri", accept_unverified=True, confirm=lambda _: True)
    [problem] = refused.value.problems
    assert problem.startswith(f"cơ sở dữ liệu «{folder / 'kpi.duckdb'}» của bản sao lưu không mở được: ")
    assert folder_state(loaded.path.parent) == before
