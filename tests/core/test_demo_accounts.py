"""Issue 15, finding 5, demo accounts in a real database: `etl demo` refuses a database already in use, `make run`
serves KPI_DB as it is, and the health check and the sign-in page flag accounts that still sign in with the
passwords the README publishes, until they are changed or the accounts locked."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from core import auth, health, texts
from core.backup import database_facts
from core.db import DB_ENV_VAR, ROOT, Database
from etl.loader import load_files
from tests.support.accounts import ensure_account
from tests.support.apptest import run_page, table
from tests.support.cli import etl, held_by_another_process
from tests.support.forms import make_form

REAL_PASSWORD = "mot-mat-khau-that-dai"  # not one the README publishes
DEMO_USERNAMES = ["quantri", "thuky", "canbo.caoloc", "thanhvien"]


def add_real_admin(db_path: Path) -> None:
    added = etl(
        "users", "add", "--db", str(db_path), "--username", "nguyenvana", "--full-name", "Nguyễn Văn A",
        "--role", "admin", "--password-stdin", typed=REAL_PASSWORD + "\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr


def state(db_path: Path) -> tuple:
    """What a refused `demo` must leave as it was: the accounts and every row count."""
    db = Database(db_path)
    try:
        return auth.users_table_rows(db), database_facts(db)
    finally:
        db.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused(result: subprocess.CompletedProcess, db_path: Path) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "không tạo dữ liệu mẫu" in result.stderr and str(db_path) in result.stderr
    assert "Không có gì bị thay đổi" in result.stderr
    assert "--db" in result.stderr  # what to do instead: a new database file


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    """`make run`'s path: `etl demo` on a database file that does not exist yet."""
    folder = tmp_path_factory.mktemp("demo-cli")
    built = etl("demo", "--db", str(folder / "kpi.duckdb"))
    assert built.returncode == 0, built.stderr
    assert "385 báo cáo được nhận" in built.stdout  # 65 of 2023, 66 of 2024, 254 of 2026
    return folder


@pytest.fixture
def demo_copy(demo_folder, tmp_path) -> Path:
    """A copy of the demo database with its archive, for a test that changes it."""
    shutil.copytree(demo_folder, tmp_path / "demo", ignore=shutil.ignore_patterns("demo-forms"))
    return tmp_path / "demo" / "kpi.duckdb"


def demo_finding(findings: list[health.Finding]) -> health.Finding | None:
    flagged = [f for f in findings if f.check == "demo_accounts"]
    assert len(flagged) <= 1
    return flagged[0] if flagged else None


# --- (1) `etl demo` only builds into a database nobody uses yet ----------------------------------------


def test_demo_is_refused_on_a_database_with_a_real_administrator(tmp_path):
    db_path = tmp_path / "kpi.duckdb"
    add_real_admin(db_path)
    before, file_before = state(db_path), sha256(db_path)
    assert [row.username for row in before[0]] == ["nguyenvana"]

    refused = etl("demo", "--db", str(db_path))
    assert_refused(refused, db_path)
    assert "1 tài khoản" in refused.stderr
    assert sha256(db_path) == file_before  # not a byte changed
    assert state(db_path) == before  # the same one account, no report, no audit line
    assert before[1][1]["submissions"] == 0
    assert not (tmp_path / "demo-forms").exists() and not (tmp_path / "archive").exists()


def test_demo_is_refused_on_a_database_with_reports_and_no_account(db, tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    assert [r.status for r in load_files(db, [make_form(db, forms)], "thuky")] == ["accepted"]
    db.close()
    before = state(db.path)
    assert before[0] == [] and before[1][1]["submissions"] == 1

    refused = etl("demo", "--db", str(db.path))
    assert_refused(refused, db.path)
    assert "1 báo cáo" in refused.stderr
    assert state(db.path) == before
    assert not (tmp_path / "demo-forms").exists()


def test_demo_builds_into_a_new_database_and_refuses_a_second_run(demo_folder, demo_copy):
    db = Database(demo_copy)
    users = [row.username for row in auth.users_table_rows(db)]
    _, counts = database_facts(db)
    db.close()
    assert sorted(users) == sorted(DEMO_USERNAMES)
    assert counts["current"] == 64 + 65 + 253  # each year: one form corrected
    again = etl("demo", "--db", str(demo_copy))
    assert_refused(again, demo_copy)  # a second run adds nothing either


def test_an_empty_database_may_receive_the_demo(db):
    from etl.demo import demo_refusal

    assert demo_refusal(db) is None  # created by `init` or the app's first start: no account, no report
    ensure_account(db, "committee")
    assert "1 tài khoản" in demo_refusal(db)


# --- (2) `make run` serves KPI_DB as it is -------------------------------------------------------------


@pytest.fixture
def fake_venv(tmp_path) -> tuple[Path, Path]:
    """A virtualenv whose `python` only writes down how it was called: `make run` for real, without installing,
    building or serving anything."""
    venv, log = tmp_path / "venv", tmp_path / "calls.log"
    (venv / "bin").mkdir(parents=True)
    script = venv / "bin" / "python"
    script.write_text(f'#!/bin/sh\necho "python KPI_DB=$KPI_DB $*" >> "{log}"\n')
    script.chmod(0o755)
    (venv / ".installed").touch()  # newer than requirements.txt: nothing to install
    return venv, log


def make_run(venv: Path, log: Path, *variables: str, env_db: str | None = None) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in (DB_ENV_VAR, "MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    if env_db is not None:
        env[DB_ENV_VAR] = env_db
    done = subprocess.run(
        ["make", "--no-print-directory", "run", f"VENV={venv}", *variables],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return log.read_text().splitlines() if log.exists() else []


SERVE = "-m web.serve --server.port 8501"


def test_make_run_serves_kpi_db_and_never_builds_the_demo_into_it(fake_venv, tmp_path):
    venv, log = fake_venv
    real = tmp_path / "srv" / "kpi.duckdb"  # absent too: the first start of a real deployment
    assert make_run(venv, log, f"KPI_DB={real}") == [f"python KPI_DB={real} {SERVE}"]
    log.unlink()
    assert make_run(venv, log, env_db=str(real)) == [f"python KPI_DB={real} {SERVE}"]  # set in the environment
    assert not real.exists()


def test_make_run_without_kpi_db_builds_the_demo_once(fake_venv, tmp_path):
    venv, log = fake_venv
    demo = tmp_path / "kpi.duckdb"
    assert make_run(venv, log, f"DB={demo}") == [
        f"python KPI_DB= -m etl demo --db {demo}",
        f"python KPI_DB={demo} {SERVE}",
    ]
    log.unlink()
    demo.touch()  # built: served as it is
    assert make_run(venv, log, f"DB={demo}") == [f"python KPI_DB={demo} {SERVE}"]


# --- (3) the health check names accounts that still have their published password -----------------------


def test_health_flags_the_demo_accounts_until_their_passwords_change(demo_copy):
    db = Database(demo_copy)
    finding = demo_finding(health.check(db))
    db.close()
    assert finding is not None and finding.level == "error"  # the administrator among them
    for username in DEMO_USERNAMES:
        assert username in finding.message
    assert "README" in finding.message and "python -m etl users set-password" in finding.message
    assert "quản trị" in finding.message.casefold()

    flagged = etl("health", "--db", str(demo_copy), "--json")
    assert flagged.returncode == 1  # an error: the administrator's password is published
    assert demo_finding([health.Finding(**f) for f in json.loads(flagged.stdout)]) == finding

    changed = etl(
        "users", "set-password", "--db", str(demo_copy), "--username", "quantri", "--password-stdin",
        typed=REAL_PASSWORD + "\n",
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    warned = etl("health", "--db", str(demo_copy))
    assert warned.returncode == 0, warned.stdout  # a warning: no administrator among them any more
    line = next(line for line in warned.stdout.splitlines() if "README" in line)
    assert line.startswith("[CẢNH BÁO] ") and "quantri" not in line
    assert all(name in line for name in DEMO_USERNAMES[1:])

    db = Database(demo_copy)
    for username in DEMO_USERNAMES[1:]:
        auth.set_active(db, "nguyenvana", username, False)
    assert demo_finding(health.check(db)) is None
    db.close()


def test_the_health_page_names_them(monkeypatch, demo_copy):
    monkeypatch.delenv(health.BACKUPS_ENV_VAR, raising=False)
    at = run_page(monkeypatch, demo_copy, "pages/health.py", role="admin")  # signed in as the demo's quantri
    assert not at.exception
    assert [e.value for e in at.error] == [texts.HEALTH_SUMMARY["error"]]
    shown = table(at)
    flagged = shown[shown["Nội dung"].str.contains("README")]
    assert flagged["Mức"].tolist() == ["✖ Lỗi"]
    assert "quantri (Quản trị), thuky (Thư ký), canbo.caoloc (Cán bộ đơn vị)" in flagged["Nội dung"].iloc[0]


def test_accounts_named_like_the_demo_with_their_own_passwords_are_not_flagged(db):
    for role in ("admin", "secretariat", "unit_staff", "committee"):
        ensure_account(db, role)  # quantri, thuky, canbo.caoloc, thanhvien: the demo's names, other passwords
    assert demo_finding(health.check(db)) is None


def test_each_password_hash_is_verified_once(demo_copy, monkeypatch):
    """argon2 is slow on purpose (tens of milliseconds a hash): the answer is kept per hash, so a page that asks
    on every run costs one query; a new password is a new hash, verified once again."""
    from core import demo_accounts

    real, calls = demo_accounts.hasher, []

    class Counting:
        def verify(self, password_hash: str, password: str) -> bool:
            calls.append(password)
            return real.verify(password_hash, password)

    monkeypatch.setattr(demo_accounts, "hasher", Counting())
    demo_accounts.still_published.cache_clear()  # the demo's hashes, verified by an earlier test
    db = Database(demo_copy)
    assert [a.username for a in demo_accounts.published_accounts(db)] == DEMO_USERNAMES
    assert len(calls) == 4
    assert [a.username for a in demo_accounts.published_accounts(db)] == DEMO_USERNAMES
    assert len(calls) == 4  # nothing verified again
    auth.set_password(db, "nguyenvana", "thuky", REAL_PASSWORD)
    assert [a.username for a in demo_accounts.published_accounts(db)] == ["quantri", "canbo.caoloc", "thanhvien"]
    assert len(calls) == 5  # only the new hash
    db.close()


# --- (4) the sign-in page says so --------------------------------------------------------------------


def sign_in_warnings(monkeypatch, db_path: Path) -> list[str]:
    at = run_page(monkeypatch, db_path, role=None)
    assert not at.exception
    assert at.title[0].value == "Đăng nhập"
    return [w.value for w in at.warning]


def test_the_sign_in_page_warns_of_demo_accounts(monkeypatch, demo_copy):
    (warning,) = sign_in_warnings(monkeypatch, demo_copy)
    assert "tài khoản mẫu" in warning and "mật khẩu" in warning and "README" in warning
    assert "không được dùng cho số liệu thật" in warning
    assert "quantri" not in warning  # the page is public: it does not name them


def test_the_sign_in_page_of_a_real_database_has_no_such_warning(monkeypatch, tmp_path):
    db_path = tmp_path / "kpi.duckdb"
    add_real_admin(db_path)
    assert sign_in_warnings(monkeypatch, db_path) == []


def test_the_warning_goes_once_the_demo_accounts_are_locked(monkeypatch, demo_copy):
    db = Database(demo_copy)
    auth.create_user(db, "cli:root", "nguyenvana", "Nguyễn Văn A", "admin", REAL_PASSWORD)
    for username in DEMO_USERNAMES:
        auth.set_active(db, "nguyenvana", username, False)
    db.close()
    assert sign_in_warnings(monkeypatch, demo_copy) == []


def test_the_sign_in_page_still_opens_while_another_process_holds_the_database(monkeypatch, demo_copy):
    """Looking for demo accounts made the sign-in page read the database: a load or backup holding the file must
    not break it (the warning waits for the next run; signing in waits for the file anyway)."""
    from streamlit.testing.v1 import AppTest

    from core.db import WAIT_ENV_VAR
    from web.ui import database

    monkeypatch.setenv(DB_ENV_VAR, str(demo_copy))
    monkeypatch.setenv(WAIT_ENV_VAR, "0.3")
    with held_by_another_process(Database(demo_copy)):
        database.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Đăng nhập" and not at.warning
