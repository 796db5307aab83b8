"""Sign-in against guessing (issue 15, finding 6): waits per client and name instead of an account lock-out,
one answer and one cost for every refusal, no typed name kept unless it is an account, and a new password or a
deactivation ends the account's open sessions."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta

import pytest
import streamlit as st
from argon2 import PasswordHasher

from core import auth
from core.db import ROOT
from tests.support.accounts import ACCOUNTS, ensure_account
from tests.support.accounts import PASSWORD as TEST_PASSWORD
from tests.support.apptest import all_text, run_page
from web import ui
from web.ui import USER_KEY

NOW = datetime(2026, 11, 23, 9, 0)
PASSWORD = "mot-mat-khau-dai"
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
GUESSER, OWNER = "203.0.113.7", "198.51.100.2"  # documentation addresses (RFC 5737)


@pytest.fixture
def admin(db):
    return auth.create_user(db, "cli:root", "quantri", "Nguyễn Quản Trị", "admin", PASSWORD, now=NOW)


def refused(db, username: str, password: str, now: datetime, client: str) -> auth.AuthError:
    with pytest.raises(auth.AuthError) as refusal:
        auth.authenticate(db, username, password, now, client=client)
    return refusal.value


def delayed(db, username: str, password: str, now: datetime, client: str) -> auth.SignInDelayed:
    with pytest.raises(auth.SignInDelayed) as refusal:
        auth.authenticate(db, username, password, now, client=client)
    return refusal.value


def minutes(*values: int) -> list[timedelta]:
    return [timedelta(minutes=m) for m in values]


# --- (1) a wait per client, not a lock of the account ------------------------------------------------------


def test_five_wrong_passwords_from_one_client_do_not_lock_the_owner_out_elsewhere(db, admin):
    """Before: the fifth wrong password from anywhere locked the account for everyone for 15 minutes."""
    for _ in range(4):
        assert str(refused(db, "quantri", "sai-mat-khau", NOW, GUESSER)) == WRONG
    wait = delayed(db, "quantri", "sai-mat-khau", NOW, GUESSER)
    assert wait.until == NOW + timedelta(minutes=1)
    assert "Hãy chờ đến 09:01 23/11/2026 rồi thử lại" in str(wait)  # says when
    later = NOW + timedelta(seconds=30)
    delayed(db, "quantri", PASSWORD, later, GUESSER)  # that client waits, even with the right password
    assert auth.authenticate(db, "quantri", PASSWORD, later, client=OWNER) == admin  # the owner, elsewhere
    # After the wait the right password works from the guesser's client too, and clears its failures.
    assert auth.authenticate(db, "quantri", PASSWORD, wait.until, client=GUESSER) == admin
    for _ in range(4):
        assert str(refused(db, "quantri", "sai-mat-khau", wait.until, GUESSER)) == WRONG


def test_the_wait_doubles_and_stops_at_fifteen_minutes(db, admin):
    for _ in range(4):
        refused(db, "quantri", "sai-mat-khau", NOW, GUESSER)
    now, waits = NOW, []
    for _ in range(7):  # each guess as soon as the last wait is over
        wait = delayed(db, "quantri", "sai-mat-khau", now, GUESSER)
        waits.append(wait.until - now)
        now = wait.until
    assert waits == minutes(1, 2, 4, 8, 15, 15, 15)
    assert auth.authenticate(db, "quantri", PASSWORD, now, client=OWNER) == admin


def test_many_unknown_names_from_one_client_are_slowed(db, admin, monkeypatch):
    """Before: twenty unknown names in twelve seconds, none of them refused for the pace."""
    for i in range(9):
        assert str(refused(db, f"khong-co-ai-{i}", PASSWORD, NOW, GUESSER)) == WRONG
    assert delayed(db, "khong-co-ai-9", PASSWORD, NOW, GUESSER).until == NOW + timedelta(minutes=1)
    verified = spy_on_argon2(monkeypatch)
    delayed(db, "khong-co-ai-10", PASSWORD, NOW + timedelta(seconds=10), GUESSER)
    assert verified == []  # a waiting client costs the server no hashing
    assert auth.authenticate(db, "quantri", PASSWORD, NOW, client=OWNER) == admin


def test_a_guesser_spread_over_many_clients_waits_but_not_the_owners_usual_client(db, admin, monkeypatch):
    monkeypatch.setattr(auth, "NAME_FAILURES_BEFORE_WAIT", 4)  # 50 in production: four keep the test short
    auth.authenticate(db, "quantri", PASSWORD, NOW, client=OWNER)  # the office the owner signs in from
    for i in range(3):
        refused(db, "quantri", f"doan-{i}", NOW, f"203.0.113.{i}")
    assert delayed(db, "quantri", "doan-3", NOW, "203.0.113.3").until == NOW + timedelta(minutes=1)
    delayed(db, "quantri", PASSWORD, NOW, "203.0.113.99")  # a client never seen waits, right password or not
    assert auth.authenticate(db, "quantri", PASSWORD, NOW, client=OWNER) == admin
    # A name that is no account is slowed the same way: waiting does not tell which names exist.
    for i in range(3):
        refused(db, "khong-co-ai", f"doan-{i}", NOW, f"192.0.2.{i}")
    delayed(db, "khong-co-ai", "doan-3", NOW, "192.0.2.3")


def test_a_new_password_lifts_the_waits_on_that_name(db, admin):
    for _ in range(5):
        refused(db, "quantri", "sai-mat-khau", NOW, GUESSER)
    auth.set_password(db, "cli:root", "quantri", "mat-khau-moi-dai", now=NOW)
    assert auth.authenticate(db, "quantri", "mat-khau-moi-dai", NOW, client=GUESSER) == admin


@pytest.mark.parametrize(
    ("address", "client"),
    [
        (None, "local"),  # Streamlit reports the server's own machine (loopback) as no address
        ("203.0.113.7", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),  # one IPv6 client holds a whole /64
        ("2001:db8:1:2:ffff::9", "2001:db8:1:2::/64"),
    ],
)
def test_the_client_is_the_address_the_server_saw(address, client):
    assert auth.client_key(address) == client


# --- (2) one answer, one cost ---------------------------------------------------------------------------


def spy_on_argon2(monkeypatch) -> list[str]:
    """Every real argon2 verification from now on: the hash it was checked against."""
    calls, verify = [], PasswordHasher.verify

    def spy(self, hash, password):  # noqa: A002 - argon2's own parameter name
        calls.append(hash if isinstance(hash, str) else hash.decode())
        return verify(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", spy)
    return calls


def test_unknown_wrong_and_deactivated_are_refused_alike(db, admin, monkeypatch):
    """Before: 9 ms for an unknown name against 336 ms for a wrong password, and a deactivated account said so."""
    auth.create_user(db, "quantri", "canbo", "Lê Văn Cán", "unit_staff", PASSWORD, ["183"])
    auth.set_active(db, "quantri", "canbo", False)
    cases = {
        "wrong password": ("quantri", "sai-mat-khau"),
        "unknown name": ("khong-co-ai", PASSWORD),
        "deactivated, right password": ("canbo", PASSWORD),
        "deactivated, wrong password": ("canbo", "sai-mat-khau"),
    }
    refused(db, "khong-co-ai", PASSWORD, NOW, "192.0.2.200")  # the first call pays for once-a-process set-up
    verified = spy_on_argon2(monkeypatch)
    fastest, messages = {}, {}
    for round_ in range(3):
        for case, (username, password) in cases.items():
            client = f"192.0.2.{10 * round_ + len(messages) % 10 + 1}"  # never enough failures for a wait
            started = time.perf_counter()
            messages[case] = str(refused(db, username, password, NOW, client))
            took = time.perf_counter() - started
            fastest[case] = min(took, fastest.get(case, took))
    assert set(messages.values()) == {WRONG}
    assert len(verified) == 3 * len(cases) and all(h.startswith("$argon2id$") for h in verified)
    for case, took in fastest.items():  # generous: the point is that each pays for one argon2 verification
        assert 0.33 < took / fastest["wrong password"] < 3, (case, fastest)


# --- (3) no typed name kept unless it is an account ------------------------------------------------------


def everything_stored(db) -> str:
    with db.cursor() as cur:
        tables = [name for (name,) in cur.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return repr([cur.table(name).fetchall() for name in tables]).casefold()


def test_a_password_typed_in_the_name_box_is_not_stored(db, admin):
    """Before: the audit log's actor was the typed name, so a password typed there sat in the log."""
    for _ in range(2):
        refused(db, "Bi-Mat-Cua-Toi-2026", "x", NOW, GUESSER)
    refused(db, "Khong-Co-Ai-Khac", "x", NOW, GUESSER)
    refused(db, "quantri", "x", NOW, GUESSER)
    assert everything_stored(db).count("bi-mat-cua-toi-2026") == 0  # a count: no diff of the whole database
    with db.cursor() as cur:
        failed = cur.execute(
            "SELECT actor, entity_id FROM audit_log WHERE action = 'sign_in_failed' ORDER BY audit_id"
        ).fetchall()
    assert failed[3] == ("quantri", "quantri")  # an account's name is kept
    markers = [actor for actor, _ in failed[:3]]
    assert all(re.fullmatch(r"\?[0-9a-f]{8}", m) for m in markers), markers
    assert markers[0] == markers[1] != markers[2]  # the same typed text, the same marker: repeats show
    assert [entity for _, entity in failed[:3]] == markers


# --- (4) a new password or a deactivation ends open sessions ------------------------------------------------

# A page whose URL path is not its file name: AppTest resets Streamlit's "pages directory" flag before each run,
# so a rerun on a page found under pages/ by its file name ("home") would run that file alone, without
# dashboard.py's sign-in check; the server itself sets the flag once, at the first st.navigation.
PAGE = "pages/history.py"


def test_a_new_password_or_a_deactivation_ends_the_sessions_opened_before(db, admin):
    staff = auth.create_user(db, "quantri", "canbo", "Lê Văn Cán", "unit_staff", PASSWORD, ["183"])
    opened = NOW
    assert auth.active_user(db, "canbo", opened) == staff
    auth.set_password(db, "quantri", "canbo", "mat-khau-moi-dai", now=NOW + timedelta(minutes=1))
    assert auth.active_user(db, "canbo", opened) is None
    reopened = NOW + timedelta(minutes=2)
    assert auth.active_user(db, "canbo", reopened) == staff
    auth.set_active(db, "quantri", "canbo", False, now=NOW + timedelta(minutes=3))
    auth.set_active(db, "quantri", "canbo", True, now=NOW + timedelta(minutes=3))
    assert auth.active_user(db, "canbo", reopened) is None  # reactivating does not revive it
    assert auth.active_user(db, "canbo", NOW + timedelta(minutes=4)) == staff


def test_a_password_reset_signs_out_an_open_browser_session(monkeypatch, db):
    at = run_page(monkeypatch, db.path, PAGE, role="unit_staff")
    assert "Cán Bộ Cao Lộc" in all_text(at)
    auth.set_password(db, "quantri", ACCOUNTS["unit_staff"][0], "mat-khau-moi-dai")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Đăng nhập" and USER_KEY not in at.session_state
    assert "Cán Bộ Cao Lộc" not in all_text(at)


def test_a_deactivated_then_reactivated_account_does_not_get_its_session_back(monkeypatch, db):
    at = run_page(monkeypatch, db.path, PAGE, role="unit_staff")
    auth.set_active(db, "quantri", ACCOUNTS["unit_staff"][0], False)
    auth.set_active(db, "quantri", ACCOUNTS["unit_staff"][0], True)  # before the session's next run
    at.run()
    assert at.title[0].value == "Đăng nhập" and USER_KEY not in at.session_state


def test_the_sign_in_form_slows_one_client_and_lets_another_in(monkeypatch, db):
    """The page passes the address Streamlit's server saw; the form has no field for it."""
    address = {"value": GUESSER}
    monkeypatch.setattr(type(st.context), "ip_address", property(lambda self: address["value"]))
    username = ensure_account(db, "unit_staff").username
    at = run_page(monkeypatch, db.path, PAGE, role=None)

    def submit(password: str) -> None:
        at.text_input(key="sign_in_username").set_value(username)
        at.text_input(key="sign_in_password").set_value(password)
        next(b for b in at.button if b.label == "Đăng nhập").click().run()

    for attempt in range(5):
        submit(f"sai-mat-khau-{attempt}")
    assert at.error[0].value.startswith("Đã đăng nhập sai nhiều lần. Hãy chờ đến ")
    submit(TEST_PASSWORD)
    assert USER_KEY not in at.session_state  # that client waits
    address["value"] = OWNER
    submit(TEST_PASSWORD)
    assert not at.exception
    assert at.session_state[USER_KEY] == username


def test_the_page_asks_the_server_for_the_client_not_the_browser(monkeypatch):
    monkeypatch.setattr(type(st.context), "ip_address", property(lambda self: "2001:db8::1"))
    assert ui.client_address() == "2001:db8::/64"
    monkeypatch.setattr(type(st.context), "ip_address", property(lambda self: None))
    assert ui.client_address() == "local"


def test_the_readme_states_the_limits_the_code_applies():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    stated = {  # sentence: (what the code applies, what the sentence says)
        "Five failures at one name from one client": (auth.FAILURES_BEFORE_WAIT, 5),
        "or ten from one client at any names": (auth.CLIENT_FAILURES_BEFORE_WAIT, 10),
        "wait 1 minute, then 2, 4, 8 and at most 15 minutes": ([auth.FIRST_WAIT, auth.LONGEST_WAIT], minutes(1, 15)),
        "Fifty failures at one name from all clients together": (auth.NAME_FAILURES_BEFORE_WAIT, 50),
        "signed in to that account in the last 30 days": (auth.KNOWN_CLIENT_MEMORY, timedelta(days=30)),
        "Failures count for 24 hours": (auth.FAILURE_MEMORY, timedelta(hours=24)),
    }
    assert [sentence for sentence in stated if sentence not in readme] == []
    assert [sentence for sentence, (applied, said) in stated.items() if applied != said] == []
