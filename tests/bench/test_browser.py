"""The browser timings of bench/browser.py on the demo: a page is visited from the sidebar and its period changed,
each timed until drawn, so the benchmark keeps working as the pages change."""

from __future__ import annotations

import pytest

from bench.browser import browser_timings
from core.plans import PLANS_DIR
from tests.support.browser import copy_with_accounts

pytestmark = pytest.mark.browser


def test_a_visit_and_a_period_change_are_timed(demo_db_path, tmp_path):
    path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")
    periods = ["Quý II năm 2026", "Quý III năm 2026"]
    unit, home = browser_timings(path, PLANS_DIR, ["unit", "home"], periods, runs=2, log=lambda _: None)
    assert (unit.page, unit.first.runs, unit.change.runs) == ("unit", 2, 2)
    assert home.change is None and home.first.runs == 2
    assert all(0 < s < 60 for s in unit.first.seconds + unit.change.seconds + home.first.seconds)
