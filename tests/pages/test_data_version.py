"""A script run reads the data version once, however many views it keys with it; again once this process has written
(an upload or a decision made during the run); afresh when the next run begins (web.ui.data_version)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.forms import record_reports
from web import ui


@pytest.fixture
def marker_reads(db, monkeypatch) -> Iterator[list[str]]:
    """The reads of the version marker the runs make, on `db` as the pages' database."""
    reads = []
    one = db.one

    def counted(name, params=None):
        reads.append(name)
        return one(name, params)

    monkeypatch.setattr(db, "one", counted)
    monkeypatch.setattr(ui, "db", lambda: db)
    yield reads
    ui.begin_run()  # this thread keeps no version of a database the test closes


def test_a_run_reads_the_version_once(marker_reads):
    ui.begin_run()
    first = ui.data_version()
    assert ui.data_version() == ui.data_version() == first
    assert marker_reads == ["last_load_marker"]


def test_a_write_in_the_run_and_the_next_run_read_it_again(db, marker_reads):
    ui.begin_run()
    before = ui.data_version()
    record_reports(db, [("180", "2023Q4", "2024-01-05", {"TT01": 3})])  # a report recorded during the run
    after = ui.data_version()
    assert after != before and ui.data_version() == after
    ui.begin_run()
    assert ui.data_version() == after
    assert marker_reads == ["last_load_marker"] * 3
