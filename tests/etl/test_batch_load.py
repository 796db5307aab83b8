"""A many-file load records its files in batches, with a few statements per batch: it must record exactly
what loading the files one at a time records, and a batch that fails must leave nothing behind."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from core import submissions
from core.archive import archive_dir_for
from core.submissions import NewReport, record_submissions
from etl import loader
from etl.loader import load_files
from tests.support.databases import fresh_database
from tests.support.forms import VALUES, dump, make_form

EARLY, LATE = datetime(2023, 4, 2, 8, 0), datetime(2023, 7, 1, 9, 30)


def _report(unit: str, period: str, sha: str, **values: float) -> NewReport:
    return NewReport(unit, period, values, sha, f"{sha}.xlsx", f"{sha}.xlsx")


def test_a_list_of_reports_supersedes_in_order_and_keeps_the_first_receipt(db):
    with db.transaction() as tx:
        (held,) = record_submissions(tx, [_report("180", "2023Q1", "p", TT01=5)], "a", EARLY)
    with db.transaction() as tx:
        recorded = record_submissions(
            tx,
            [
                _report("180", "2023Q1", "a", TT01=6),  # replaces p, from the database
                _report("181", "2023Q1", "b", TT01=7),
                _report("180", "2023Q1", "c", TT01=8),  # replaces a, from the same list
                _report("180", "2023Q1", "a", TT01=6),  # the very same file again
                _report("180", "2023Q1", "p", TT01=5),  # a file recorded before
            ],
            "b",
            LATE,
        )
    a, b, c = (held.submission_id + n for n in (1, 2, 3))
    assert [(r.submission_id, r.status, r.superseded_id) for r in recorded] == [
        (a, "accepted", held.submission_id),
        (b, "accepted", None),
        (c, "accepted", a),
        (a, "unchanged", None),
        (held.submission_id, "unchanged", None),
    ]
    with db.cursor() as cur:
        rows = cur.execute(
            "SELECT submission_id, unit_code, status, superseded_by, received_at, first_received_at FROM submissions "
            "ORDER BY 1"
        ).fetchall()
        values = cur.execute("SELECT submission_id, value FROM submission_values ORDER BY 1").fetchall()
        audited = cur.execute("SELECT entity_id, before_json FROM audit_log WHERE actor = 'b' ORDER BY 1").fetchall()
    assert rows == [
        (held.submission_id, "180", "superseded", a, EARLY, EARLY),
        (a, "180", "superseded", c, LATE, EARLY),
        (b, "181", "current", None, LATE, LATE),
        (c, "180", "current", None, LATE, EARLY),
    ]
    assert values == [(held.submission_id, 5), (a, 6), (b, 7), (c, 8)]
    assert audited == [
        (str(a), f'{{"submission_id": {held.submission_id}}}'),
        (str(b), '{"submission_id": null}'),
        (str(c), f'{{"submission_id": {a}}}'),
    ]


REASON = "Đã rà soát"  # some files break a validation rule (a cumulative figure falls)


@pytest.fixture
def files(db, tmp_path):
    """A load's worth of files with what batches must get right: a unit's earlier quarter in the same batch
    (its cumulative figure fell), a correction, the same bytes twice, a rejected file among them."""
    folder = tmp_path / "forms"
    q1 = make_form(db, folder, unit="180", period="2023Q1", values={**VALUES, "KT02": 20}, name="180-q1.xlsx")
    bad = folder / "hong.xlsx"
    bad.write_bytes(b"not a workbook")
    return [
        make_form(db, folder, unit="181", period="2023Q1", name="181-q1.xlsx"),
        q1,
        bad,
        make_form(db, folder, unit="180", period="2023Q2", values={**VALUES, "KT02": 13}, name="180-q2.xlsx"),
        make_form(db, folder, unit="181", period="2023Q1", values={**VALUES, "TT04": 4}, name="181-q1-sua.xlsx"),
        q1,
        make_form(db, folder, unit="182", period="2023Q1", communes=False, name="182-q1.xlsx"),
    ]


def _without_time(recorded: str | None) -> dict | None:
    """An audit line's JSON without the time the report was received (two loads may fall in two minutes)."""
    if recorded is None:
        return None
    data = json.loads(recorded)
    data.pop("received_at", None)
    return data


def _comparable(db) -> dict:
    """The tables a load writes, without the times of the load."""
    tables = dump(db)
    tables["submissions"] = [row[:6] + row[8:] for row in tables["submissions"]]
    tables["audit_log"] = [row[:1] + row[2:6] + tuple(map(_without_time, row[6:])) for row in tables["audit_log"]]
    return tables


def test_a_batch_records_what_one_file_at_a_time_records(tmp_path, files, empty_database):
    one_at_a_time = fresh_database(empty_database, tmp_path / "single" / "kpi.duckdb")
    singles = [load_files(one_at_a_time, [path], "can-bo", reason=REASON)[0] for path in files]
    batched = fresh_database(empty_database, tmp_path / "batch" / "kpi.duckdb")
    results = load_files(batched, files, "can-bo", reason=REASON)

    assert [r.as_dict() for r in results] == [r.as_dict() for r in singles]
    assert [r.status for r in results] == [
        "accepted",
        "accepted",
        "rejected",
        "accepted",
        "accepted",
        "unchanged",
        "accepted",
    ]
    assert any(
        "Số cơ sở đã được kiểm tra là số lũy kế từ đầu năm nhưng giảm từ 20" in w.message for w in results[3].warnings
    )
    assert results[4].superseded_id == results[0].submission_id
    assert _comparable(batched) == _comparable(one_at_a_time)
    archived = sorted(p.relative_to(archive_dir_for(batched)) for p in archive_dir_for(batched).rglob("*.xlsx"))
    assert archived == sorted(
        p.relative_to(archive_dir_for(one_at_a_time)) for p in archive_dir_for(one_at_a_time).rglob("*.xlsx")
    )


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_batches_of_any_size_record_the_same(tmp_path, files, monkeypatch, size, empty_database):
    whole = fresh_database(empty_database, tmp_path / "whole" / "kpi.duckdb")
    load_files(whole, files, "can-bo", reason=REASON)
    monkeypatch.setattr(loader, "BATCH_FILES", size)  # the earlier quarter, the correction, the copy in other batches
    in_parts = fresh_database(empty_database, tmp_path / "parts" / "kpi.duckdb")
    assert {r.status for r in load_files(in_parts, files, "can-bo", reason=REASON)} == {
        "accepted",
        "rejected",
        "unchanged",
    }
    assert _comparable(in_parts) == _comparable(whole)


def _archived(db) -> set:
    return {path for path in archive_dir_for(db).rglob("*") if path.is_file()}


def test_a_batch_that_fails_leaves_the_database_and_the_archive_as_they_were(db, files, monkeypatch):
    load_files(db, files[:1], "can-bo")
    before, archived = dump(db), _archived(db)

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(submissions, "_audit", broken)  # the last statement of the batch
    with pytest.raises(OSError, match="disk full"):
        load_files(db, files, "can-bo")
    assert dump(db) == before
    assert _archived(db) == archived
