"""The database module: named queries, migrations in place, all-or-nothing transactions."""

import re
import shutil
from collections import namedtuple
from datetime import date

import pytest

from core.db import MIGRATIONS_DIR, QUERIES, Database, load_queries, migrate, read_only_rows


def test_every_query_has_a_name_and_no_two_share_one(tmp_path):
    assert {"unit_figures", "insert_submissions", "plan_targets"} <= set(QUERIES)
    dup = tmp_path / "q.sql"
    dup.write_text("-- name: a\nSELECT 1;\n-- name: a\nSELECT 2;\n")
    with pytest.raises(ValueError, match="defined twice"):
        load_queries(dup)


def test_an_existing_file_upgrades_in_place_and_keeps_its_data(tmp_path):
    path = tmp_path / "kpi.duckdb"
    db = Database(path)
    with db.cursor() as cur:
        cur.execute(
            "INSERT INTO audit_log (logged_at, actor, action, entity, entity_id) "
            "VALUES (now(), 'a', 'create', 'plan', 'p')"
        )
    db.close()

    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    (migrations / "999_add_note.sql").write_text("ALTER TABLE audit_log ADD COLUMN note TEXT;")
    db = Database(path)
    assert migrate(db, migrations) == [999]
    assert migrate(db, migrations) == []  # applied once only
    with db.cursor() as cur:
        assert cur.execute("SELECT actor, note FROM audit_log").fetchall() == [("a", None)]
        versions = [r[0] for r in cur.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
        assert versions == [int(p.name[:3]) for p in sorted(MIGRATIONS_DIR.glob("*.sql"))] + [999]
    db.close()


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path):
    db = Database(tmp_path / "kpi.duckdb")
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    (migrations / "999_broken.sql").write_text("ALTER TABLE audit_log ADD COLUMN note TEXT; SELEC nonsense;")
    with pytest.raises(Exception, match="syntax error"):
        migrate(db, migrations)
    with db.cursor() as cur:
        columns = [r[0] for r in cur.execute("DESCRIBE audit_log").fetchall()]
        assert "note" not in columns
        assert cur.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] < 999


def test_transaction_is_all_or_nothing(tmp_path):
    db = Database(tmp_path / "kpi.duckdb")
    with pytest.raises(RuntimeError), db.transaction() as tx:
        tx.run(
            "insert_audit",
            {"actor": "a", "action": "x", "entity": "e", "entity_id": "1", "before_json": None, "after_json": None},
        )
        raise RuntimeError("crash in the middle of a load")
    with db.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)


def test_rows_are_named_by_the_querys_columns(db, tmp_path):
    """Every way of running a named query gives rows read by column name (STYLE.md, convention 12)."""
    columns = ("target_id", "indicator_code", "indicator_name", "kind", "value_min", "value_max", "label")
    targets = db.rows("plan_targets", {"plan_id": "lang-son-2023"})
    assert targets and all(row._fields[: len(columns)] == columns for row in targets)
    inspection = next(row for row in targets if row.indicator_code == "CO_SO_KIEM_TRA")
    assert (inspection.kind, inspection.value_min) == ("min_percent", pytest.approx(0.30))
    assert db.one("plan_row", {"plan_id": "lang-son-2023"}).province_name == "Lạng Sơn"
    assert db.one("plan_row", {"plan_id": "no-such-plan"}) is None
    assert db.one("count_submissions").count_submissions == 0
    with db.transaction() as tx:
        assert tx.run("count_plan_units", {"plan_id": "lang-son-2023"})[0].count_units == 11
        assert tx.run("delete_plan_targets", {"plan_id": "no-such-plan"})[0]._fields == ("Count",)
    db.close()
    assert read_only_rows(db.path, "has_accounts")[0].has_accounts is True


def test_select_gives_the_columns_asked_for_by_name_in_the_order_asked(db):
    """The engine's fast read: plain tuples, but the columns chosen by name, whatever the query's order."""
    params = {"plan_id": "lang-son-2023"}
    named = db.rows("plan_targets", params)
    as_listed = db.select("plan_targets", params, db.one("plan_targets", params)._fields)
    assert as_listed == named and {type(row) for row in as_listed} == {tuple}  # equal field by field
    reordered = db.select("plan_targets", params, ("kind", "indicator_code"))
    assert reordered == [(row.kind, row.indicator_code) for row in named]
    assert db.select("plan_targets", params, ("kind",)) == [(row.kind,) for row in named]
    with pytest.raises(ValueError):
        db.select("plan_targets", params, ("kind", "no_such_column"))


def _sample_params(sql: str) -> dict:
    """A value for each parameter of a read query, one that the demo database has rows for where it matters."""
    values = {
        "plan_id": "lang-son-2023",
        "year": 2023,
        "structure": "pre2025",
        "unit_code": "183",
        "unit_codes": ["183", "184"],
        "period_code": "2023Q2",
        "period_codes": ["2023Q2", "2023S1"],
        "period_type": "quarter",
        "end_date": date(2023, 12, 31),
        "submission_id": 1,
        "submission_ids": [1, 2],
        "province_code": "20",
        "level": "district",
        "username": "quantri",
        "usernames": ["quantri", "thuky"],
        "name_key": "k",
        "client_key": "c",
        "actor": None,
        "entity": None,
        "since": None,
        "until": None,
        "limit": 5,
        "include_superseded": True,
        "file_sha256": ["0" * 64],
        "codes": ["183", "999"],
        "count": 2,
        "problem": "KT02 (80) lớn hơn KT01 (75).",
        "new_code": "06193",
        "old_code": "183",
        "old_level": "district",
        "from_date": date(2023, 1, 1),
        "to_date": date(2023, 12, 31),
        "question_id": 1,
        "event_keys": ["reminder/lang-son-2023/2023Q2/183"],
        "message_ids": [1],
        "status": None,
        "approved_only": False,
        "decision_id": 1,
    }
    lists = set(re.findall(r"\$(\w+)::\w+\[\]", sql))  # `unnest($unit_code::TEXT[])`: a list of the kind
    params = {name: values[name] for name in dict.fromkeys(re.findall(r"\$(\w+)", sql))}
    return {name: [value] if name in lists and not isinstance(value, list) else value for name, value in params.items()}


READ_QUERIES = sorted(
    name
    for name, sql in QUERIES.items()
    if re.sub(r"--[^\n]*\n", "", sql).lstrip().upper().startswith(("SELECT", "WITH"))
)


def test_every_read_query_names_each_of_its_columns(demo_db_path, tmp_path):
    """No column comes back unnamed (`count(*)` without an alias) or twice: its row's fields would be `_3`."""
    path = tmp_path / "kpi.duckdb"
    shutil.copy(demo_db_path, path)
    if demo_db_path.with_suffix(".duckdb.wal").exists():
        shutil.copy(demo_db_path.with_suffix(".duckdb.wal"), path.with_suffix(".duckdb.wal"))
    db = Database(path)
    unnamed, empty = {}, []
    try:
        for name in READ_QUERIES:
            params = _sample_params(QUERIES[name])
            with db.cursor() as cur:
                columns = [column[0] for column in cur.execute(QUERIES[name], params).description]
            rows = db.rows(name, params)
            named = namedtuple("row", columns, rename=True)._fields
            if tuple(columns) != named or (rows and rows[0]._fields != named):
                unnamed[name] = columns
            if not rows:
                empty.append(name)
    finally:
        db.close()
    assert not unnamed, f"add an `AS name` in queries.sql: {unnamed}"
    assert len(empty) < len(READ_QUERIES) / 4, empty  # the rows themselves were made, not only their type
