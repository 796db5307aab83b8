"""Many uploads at once, from the web app's threads and from the command line in another process."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit.testing.v1 import AppTest

from core import texts
from core.archive import archive_dir_for, sha256_of
from core.db import ROOT, WAIT_ENV_VAR, Database, DatabaseBusy
from screens.submission_desk import submit_file
from tests.support.accounts import ensure_account
from tests.support.apptest import run_page
from tests.support.cli import held_by_another_process, start_etl
from tests.support.forms import VALUES, dump, make_form
from web.ui import SEEN_KEY, SIGNED_IN_KEY, USER_KEY, database

PLAN = "lang-son-2023"
PERIODS = ("2023Q1", "2023Q2", "2023Q3")


def _forms(db: Database, folder, count: int, start: int = 0) -> list:
    """`count` filled forms, each for its own district and quarter of the plan."""
    units = sorted(row.unit_code for row in db.rows("plan_units_of_year", {"year": 2023}) if row.plan_id == PLAN)
    pairs = [(unit, period) for period in PERIODS for unit in units][start : start + count]
    folder.mkdir(exist_ok=True)
    return [make_form(db, folder, unit=unit, period=period, communes=False, values=VALUES) for unit, period in pairs]


def test_twenty_uploads_at_once_and_a_command_line_load_lose_nothing_and_double_nothing(db, tmp_path):
    web_forms = _forms(db, tmp_path / "web", 19)
    web_files = [(path.name, path.read_bytes()) for path in web_forms]
    web_files.append(web_files[0])  # the same file sent twice at the same moment (a double click)
    cli_forms = _forms(db, tmp_path / "cli", 10, start=19)
    cli_forms.append(web_forms[1])  # a file the web app is receiving at the same moment
    user = ensure_account(db, "secretariat")
    start = threading.Barrier(len(web_files) + 1)

    def upload(name_and_data):
        start.wait()
        return submit_file(db, *name_and_data, user)

    waiting = db.path.with_name(db.path.name + ".waiting")  # left by a process waiting for the file
    with ThreadPoolExecutor(max_workers=len(web_files)) as pool:
        futures = [pool.submit(upload, f) for f in web_files]
        with db.cursor():  # the web app holds the file: the command line starts and has to wait for it
            cli = start_etl(db.path, "load", "--json", *map(str, cli_forms))
            deadline = time.monotonic() + 120
            while not waiting.exists() and cli.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert waiting.exists(), "the command line never waited for the file"
            start.wait()  # the twenty uploads begin while it waits
        outcomes = [f.result(timeout=180) for f in futures]
    stdout, stderr = cli.communicate(timeout=180)

    assert cli.returncode == 0, stderr
    assert "Traceback" not in stderr
    cli_results = json.loads(stdout)
    statuses = Counter(o.status for o in outcomes) + Counter(r["status"] for r in cli_results)
    assert statuses == {"accepted": 29, "unchanged": 2}, statuses
    with db.cursor() as cur:
        recorded = cur.execute("SELECT unit_code, period_code, file_sha256, archive_path FROM submissions").fetchall()
    assert len(recorded) == 29
    assert len({(unit, period) for unit, period, _, _ in recorded}) == 29  # one report per unit and period
    expected = {sha256_of(path) for path in web_forms + cli_forms}
    assert {sha for _, _, sha, _ in recorded} == expected
    archive = archive_dir_for(db)
    for _, _, sha, relative in recorded:
        assert sha256_of(archive / relative) == sha
    assert len([p for p in archive.rglob("*") if p.is_file()]) == 29


def test_an_upload_while_another_process_holds_the_file_is_refused_and_changes_nothing(db, tmp_path):
    form = _forms(db, tmp_path, 1)[0]
    user = ensure_account(db, "secretariat")
    before = dump(db)
    with held_by_another_process(db):
        with pytest.raises(DatabaseBusy):
            submit_file(Database(db.path, wait=0.3), form.name, form.read_bytes(), user)
        cli = start_etl(db.path, "load", str(form), wait="0.3")
        _, stderr = cli.communicate(timeout=60)

    assert cli.returncode == 75  # EX_TEMPFAIL: try again later
    assert texts.CLI_DATABASE_BUSY.split("{")[0] in stderr
    assert "Traceback" not in stderr
    assert dump(db) == before
    assert not archive_dir_for(db).exists()
    assert submit_file(db, form.name, form.read_bytes(), user).status == "accepted"  # and the retry works


def test_a_page_says_the_database_is_busy_instead_of_failing(db, monkeypatch):
    signed_in = run_page(monkeypatch, db.path).session_state  # a session signed in before the file was taken
    monkeypatch.setenv(WAIT_ENV_VAR, "0.3")
    with held_by_another_process(db):
        database.clear()  # as in a fresh server process: the page must open the file
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key in (USER_KEY, SIGNED_IN_KEY, SEEN_KEY):
            at.session_state[key] = signed_in[key]
        at.run()
    assert not at.exception
    assert texts.DATABASE_BUSY in [w.value for w in at.warning]
