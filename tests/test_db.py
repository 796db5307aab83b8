"""The database module: named queries, migrations in place, all-or-nothing transactions."""

import shutil

import pytest

from core.db import MIGRATIONS_DIR, QUERIES, Database, load_queries, migrate


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
