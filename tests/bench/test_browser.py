"""The browser timings of bench/browser.py on the demo, so the benchmark keeps working as the pages change: a page
opened from the menu after new data and re-rendered, each timed until drawn; forms uploaded until their outcome."""

from __future__ import annotations

import pytest

from bench.browser import browser_timings, upload_timings
from bench.forms import national_forms, years_scope
from bench.plans import bench_plans
from core.bootstrap import open_database
from core.plans import PLANS_DIR, PLANS_ENV_VAR
from tests.support.browser import copy_with_accounts

pytestmark = pytest.mark.browser

VIEW = {"plan": "lang-son-2023", "period": "2023Q4"}


def _versions(path) -> int:
    """The reports of the measured period, every version."""
    db = open_database(path)
    try:
        with db.cursor() as cur:
            return cur.execute("SELECT count(*) FROM submissions WHERE period_code = ?", [VIEW["period"]]).fetchone()[0]
    finally:
        db.close()


def test_each_round_brings_new_data_then_every_page_is_drawn_twice(demo_db_path, tmp_path):
    path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")
    before = _versions(path)
    found = browser_timings(path, PLANS_DIR, VIEW, "2023Q3", runs=2, log=lambda _: None, only=("unit", "home"))
    assert {t.page: (t.first.runs, t.change.runs) for t in found} == {"unit": (2, 2), "home": (2, 2)}
    assert all(0 < s < 60 for t in found for s in t.first.seconds + t.change.seconds)
    assert _versions(path) == before + 2  # a report sent again before each round: the caches' key changed


def test_forms_uploaded_one_and_several_at_once_are_timed_until_accepted(demo_db_path, tmp_path, monkeypatch):
    scope = years_scope((2022,), provinces=0)  # Lạng Sơn's districts in a year the demo has no report of
    plans = bench_plans(tmp_path / "cache", scope)
    monkeypatch.setenv(PLANS_ENV_VAR, str(plans))
    forms = national_forms(tmp_path / "cache", scope, log=lambda _: None).paths[:4]
    path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")
    timings = upload_timings(path, plans, VIEW, forms, runs=1, log=lambda _: None, batch_files=3, batch_runs=1)
    assert (timings.one.runs, timings.batch.runs, timings.batch_files) == (1, 1, 3)
    db = open_database(path)
    try:
        units = [form.stem.split("_")[1] for form in forms]
        assert all(db.one("current_submission", {"unit_code": u, "period_code": "2022Q1"}) for u in units)
    finally:
        db.close()
