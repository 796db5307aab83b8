"""Set-up a newcomer can trust (issue 18): serving installs only what serving needs; the tests add the rest."""

import os
import subprocess

from core.db import ROOT

TEST_ONLY = ("pytest", "playwright", "hypothesis", "ruff")


def dry_run(target: str) -> str:
    """The commands `make <target>` would run on a machine with nothing installed yet."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    done = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-n",
            "-B",
            target,
            "VENV=/nonexistent/venv",
            "KPI_DB=/nonexistent/kpi.duckdb",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_serving_installs_no_test_tool():
    runtime = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    assert not [name for name in TEST_ONLY if name in runtime]
    commands = dry_run("run")
    assert "-r requirements.txt" in commands and "requirements-dev.txt" not in commands


def test_the_tests_add_their_tools_to_the_same_environment():
    dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").lower()
    assert "-r requirements.txt" in dev and all(name in dev for name in TEST_ONLY)
    commands = dry_run("test")
    assert "-r requirements.txt" in commands and "-r requirements-dev.txt" in commands
