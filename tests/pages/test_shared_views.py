"""A page's view is computed once per key and shared as it is; once the data changed, the views of the version
before are let go (every run asks for the version it reads, so nobody would ask for them again)."""

from __future__ import annotations

import weakref

from web.ui import clear_caches, shared_view


class View:
    def __init__(self, version: tuple, unit: str) -> None:
        self.version, self.unit = version, unit


computed: list[tuple[tuple, str]] = []


@shared_view
def _view(version: tuple, unit: str) -> View:
    computed.append((version, unit))
    return View(version, unit)


def setup_function() -> None:
    clear_caches()
    computed.clear()


def test_a_view_is_computed_once_per_key_and_shared_as_it_is():
    first = _view(("kpi.duckdb", 1), "189")
    assert _view(("kpi.duckdb", 1), "189") is first
    other = _view(("kpi.duckdb", 1), "190")
    assert other is not first and other.unit == "190"
    assert computed == [(("kpi.duckdb", 1), "189"), (("kpi.duckdb", 1), "190")]


def test_the_views_of_the_version_before_are_let_go_once_a_newer_one_is_asked_for():
    old = weakref.ref(_view(("kpi.duckdb", 1), "189"))
    kept = weakref.ref(_view(("kpi.duckdb", 1), "190"))
    newer = _view(("kpi.duckdb", 2), "189")
    assert old() is None and kept() is None
    assert newer.version == ("kpi.duckdb", 2) and _view(("kpi.duckdb", 2), "189") is newer
    assert len(computed) == 3


def test_clear_caches_lets_every_view_go():
    first = _view(("kpi.duckdb", 1), "189")
    clear_caches()
    assert _view(("kpi.duckdb", 1), "189") is not first
