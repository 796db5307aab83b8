"""The page timings of `make bench` (bench/pages.py) on the demo: every page of the navigation opens without a
problem, so a change to dashboard.PAGES cannot break the benchmark unseen (it did once: five fields, not four)."""

from __future__ import annotations

from bench.pages import ROOT_PAGE, page_roles, page_timings
from tests.support.browser import copy_with_accounts


def test_every_page_is_timed_on_the_demo_without_a_problem(monkeypatch, demo_db_path, tmp_path):
    path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")
    monkeypatch.setenv("KPI_DB", str(path))
    roles = page_roles()
    assert ROOT_PAGE not in roles and {"pages/todo.py", "pages/unit_reports.py", "pages/home.py"} <= set(roles)
    results = page_timings(str(path), {"plan": "lang-son-2026"}, first_runs=1, rerender_runs=1, log=lambda _: None)
    assert [r.page for r in results] == list(roles)
    assert [(r.page, r.problem) for r in results if r.problem] == []
    assert all(r.first.runs == 1 and r.rerender.runs == 1 for r in results)
