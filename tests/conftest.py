"""Shared fixtures: real DuckDB files in a temporary folder, and a real Streamlit server for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from core import auth
from core.bootstrap import open_database
from core.db import Database
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, copy_with_accounts
from tests.support.databases import built_once, copy_database, fresh_database
from tests.support.forms import load_reports
from tests.support.smtp import SmtpServer

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_DIR = ROOT / "test-output"  # screenshots and files for a person to look at


# argon2 is slow on purpose: with the product's parameters (core/auth.py) a hash takes some 20 ms and 19 MiB, and
# the suite makes hundreds. In the tests' own processes accounts are hashed with argon2id's cheapest parameters
# instead; a hash is verified with the parameters it carries, so every path runs as in production. The servers and
# command lines the tests start keep the product's parameters (they rehash a test account at its first sign-in).
FAST_ARGON2 = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", FAST_ARGON2)
        yield


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory) -> Path:
    """A closed database file with the catalogue, units and the five plans, and no reports, built once."""
    return built_once(tmp_path_factory, "empty", lambda path: open_database(path).close())[0]


@pytest.fixture
def db(tmp_path, empty_database):
    """A fresh database with the catalogue, units and the five plans, and no reports (a copy of `empty_database`)."""
    database = Database(copy_database(empty_database, tmp_path / "kpi.duckdb"))
    yield database
    database.close()


@pytest.fixture(scope="session")
def reports_database(tmp_path_factory, empty_database) -> Path:
    """A closed database file with nine reports of lang-son-2023 loaded from forms, one of them corrected (see
    `load_reports`), and their originals in its archive, built once."""

    def build(path: Path) -> None:
        database = fresh_database(empty_database, path)
        load_reports(database, path.parent / "forms")
        database.close()

    return built_once(tmp_path_factory, "reports", build)[0]


@pytest.fixture
def reports_db(tmp_path, reports_database):
    """A copy of `reports_database`, open."""
    database = Database(copy_database(reports_database, tmp_path / "kpi.duckdb"))
    yield database
    database.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """The dashboard served as `make run` serves it (`python -m web.serve`), on a loopback port, against a given
    database file."""

    def __init__(self, db_path: Path, log_path: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.navigation_ran = False  # whether a session has run the app's st.navigation (see open_deep_link)
        env = {**os.environ, "KPI_DB": str(db_path)}
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 - open for the server's whole life, closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "web.serve",
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"Streamlit did not start; see {log_path}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture
def server_for(tmp_path):
    """Start a server on a prepared database file (closed by the caller before)."""
    servers = []

    def start(db_path: Path) -> StreamlitServer:
        server = StreamlitServer(db_path, tmp_path / "streamlit.log")
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def chromium():
    """A real headless Chromium (Debian's package) driven by Playwright, one per test process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A page in a browser context of its own (nothing kept from another test: cookies, storage, cache).

    Console errors are collected in `page.console_errors` for the test to assert on.
    """
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


@pytest.fixture
def output_dir(request) -> Path:
    path = OUTPUT_DIR / request.node.name
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> tuple[Path, list]:
    """The demo year (lang-son-2023) loaded through the normal loader, once: the closed file and the loader's
    result for each demo form."""
    from etl.demo import build_demo

    def build(path: Path) -> list:
        database = open_database(path)
        results = build_demo(database, path.parent / "forms")
        database.close()
        return results

    return built_once(tmp_path_factory, "demo", build)


@pytest.fixture(scope="session")
def demo_db_path(demo_build) -> Path:
    """The demo database file; pages and tests only read it (copy it to change it)."""
    return demo_build[0]


@pytest.fixture(scope="module")
def demo(demo_db_path):
    """The demo database, open, for the tests of a module that only read it."""
    database = open_database(demo_db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory, demo_db_path) -> StreamlitServer:
    """One server per test process on a copy of the demo year with the test accounts, shared by the browser tests
    that only read: each opens its own page and signs in. A test that changes data starts its own (server_for)."""
    folder = tmp_path_factory.mktemp("demo-server")
    server = StreamlitServer(copy_with_accounts(demo_db_path, folder / "kpi.duckdb"), folder / "streamlit.log")
    yield server
    server.stop()


@pytest.fixture
def smtp_server(tmp_path, monkeypatch):
    """A real SMTP server on 127.0.0.1, plain and open, that the product is configured to send through."""
    server = SmtpServer(tmp_path).start()
    server.configure(monkeypatch)
    yield server
    server.stop()


@pytest.fixture
def secure_smtp_server(tmp_path, monkeypatch):
    """As `smtp_server`, requiring STARTTLS (its certificate from a test authority) and a password."""
    server = SmtpServer(tmp_path, secure=True).start()
    server.configure(monkeypatch)
    yield server
    server.stop()
