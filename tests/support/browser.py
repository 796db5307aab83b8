"""Helpers for the real-browser tests: a database a server can lock, with the test accounts, and signing in."""

import shutil
from pathlib import Path

from core.bootstrap import open_database
from core.db import Database
from tests.support.accounts import ACCOUNTS, PASSWORD, ensure_account
from tests.support.databases import copy_database

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [  # headless as root on a closed network
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Streamlit scrolls inside its own container, so a full-page screenshot needs a tall window;
# 1400 px wide is what a projector in a meeting room shows.
SCREENSHOT_VIEWPORT = {"width": 1400, "height": 2000}
SIGN_IN_TIMEOUT_MS = 30_000
# Streamlit's own English, which the product replaces or hides (issue 18): none may show on a page.
ENGLISH = ("Upload", "Drag and drop", "per file", "View ", "more", "Choose an option", "Choose options", "Browse")
RUN_START_MS = 300  # a click reaches the server and starts a run within this


def with_accounts(db_path: Path) -> Path:
    """Add the test account of every role to the database file (closed again for the server to lock); a file
    that does not exist yet is made ready first, with the catalogue, units and plans."""
    db = Database(db_path) if db_path.exists() else open_database(db_path)
    for role in ACCOUNTS:
        ensure_account(db, role)
    db.close()
    return db_path


def copy_with_accounts(source: Path, target: Path) -> Path:
    """A copy the Streamlit server process can lock (this process may hold the original open), with accounts."""
    return with_accounts(copy_database(source, target))


def wait_idle(page) -> None:
    """Until the script run that the last action started has finished (the app marks its state)."""
    page.wait_for_timeout(RUN_START_MS)
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(timeout=SIGN_IN_TIMEOUT_MS)


def wait_for_texts(page, *texts: str, timeout: int = 30_000) -> None:
    """Until the page shows every one of `texts` at the same moment (a rerun may redraw a page between reads)."""
    page.wait_for_function(
        "texts => texts.every(t => document.body.innerText.includes(t))", arg=list(texts), timeout=timeout
    )


def sign_in(page, role: str = "secretariat", password: str = PASSWORD) -> None:
    """Fill the sign-in form as a person does, press the button, and wait for the answer."""
    page.get_by_label("Tên đăng nhập", exact=True).fill(ACCOUNTS[role][0])
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    wait_idle(page)


def open_deep_link(page, server, path: str, landmark: str, role: str = "secretariat") -> None:
    """Open a page of `server` by its URL, as a shared link does, sign in, and wait until `landmark` shows.

    On a server's very first session Streamlit 1.67 shows a "Page not found" dialog for any deep link before
    st.navigation has run once (a bare two-page app does the same): the first link to a server opens the
    home page before. A deep link also makes the frontend probe <path>/_stcore/ for a base path and get 404
    answers: those, and only those, are expected. The link's page opens after sign-in.
    """
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    if not server.navigation_ran:
        page.goto(server.url, wait_until="networkidle")
        page.get_by_label("Tên đăng nhập", exact=True).wait_for(timeout=SIGN_IN_TIMEOUT_MS)
        server.navigation_ran = True
    page.goto(f"{server.url}{path}", wait_until="networkidle")
    sign_in(page, role)
    page.get_by_text(landmark).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1_000)  # let the data grids paint
    prefix = server.url + path.split("?")[0]
    assert all(url in (f"{prefix}/_stcore/health", f"{prefix}/_stcore/host-config") for url in failed), failed
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []


def submit(page, path, expected: str) -> None:
    """Add a file to the uploader, wait until it is on the server, press «Kiểm tra và nộp», wait for `expected`."""
    chips = page.locator("[data-testid=stFileChip]")
    count = chips.count()
    page.locator("input[type=file]").set_input_files(str(path))
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=stFileChip]').length === n"
        " && !document.querySelector('[data-testid=stFileChipIconSpinner]')",
        arg=count + 1,
        timeout=30_000,
    )
    page.wait_for_load_state("networkidle")  # the upload's own rerun has finished
    page.get_by_role("button", name="Kiểm tra và nộp").click()
    page.get_by_text(expected).first.wait_for(timeout=60_000)
