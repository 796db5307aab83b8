"""Pages stay thin (STYLE.md, convention 7; issue 16, item 5): a page reads its widgets, makes one cached call that
returns a typed view, and renders it. A scan of pages/*.py fails on a page that queries the database itself
(`.rows(`, `.one(`, `.execute(`, ...), imports the database module, DuckDB or YAML, reads a plan's file, or looks
a display table up by one of the catalogue's headers (`table[texts.USERS_COLUMNS[0]]`): that is the work of the
page's model in screens/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "pages").glob("*.py"))
QUERY_CALLS = ("rows", "one", "execute", "frame", "cursor", "read_only_rows")  # what reads the database
FILE_READS = ("plan_document", "safe_load")  # what reads a plan's YAML file
FORBIDDEN_MODULES = ("core.db", "duckdb", "yaml")


def _imported(node: ast.AST) -> list[str]:
    """The modules an import statement brings in (`from core import db` brings in core.db)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module:
        return [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return []


def _is_header_list(node: ast.AST) -> bool:
    """texts.USERS_COLUMNS, or USERS_COLUMNS imported from the catalogue: the headers of a display table."""
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return name.endswith("_COLUMNS")


def _mentions_headers(node: ast.AST) -> bool:
    return any(_is_header_list(inner) for inner in ast.walk(node))


def thick_spots(source: str) -> list[tuple[int, str]]:
    """(line, what) of every place a page does its model's work."""
    found = []
    for node in ast.walk(ast.parse(source)):
        forbidden = [m for m in FORBIDDEN_MODULES for name in _imported(node) if name == m or name.startswith(m + ".")]
        if forbidden:
            found.append((node.lineno, f"imports {forbidden[0]}"))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in QUERY_CALLS:
                found.append((node.lineno, f"queries the database (.{node.func.attr})"))
            if any(_mentions_headers(arg) for arg in [*node.args, *(k.value for k in node.keywords)]):
                found.append((node.lineno, f"looks a table up by a header (.{node.func.attr})"))
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in FILE_READS:
            found.append((node.lineno, "reads a plan file"))
        if isinstance(node, ast.Subscript) and _mentions_headers(node.slice):
            found.append((node.lineno, "looks a table up by a header ([...])"))
    return sorted(set(found))


def test_there_are_pages():
    assert len(PAGES) >= 14


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.name)
def test_a_page_only_renders_its_model(page):
    found = thick_spots(page.read_text(encoding="utf-8"))
    assert not found, "\n".join(f"pages/{page.name}:{line}: {what}" for line, what in found)


def test_the_scanner_sees_a_thick_page():
    """The check can fail: each kind of model work in a made-up page is found, and rendering a view is not."""
    source = """import yaml
from core import db as database
from core.db import Database
from core.texts import USERS_COLUMNS
import streamlit as st

from core import texts
from web.ui import db, grid

units = [row.unit_code for row in db().rows("plan_reporting_units", {"plan_id": "x"})]
plan = db().one("plan_row", {"plan_id": "x"})
with db().cursor() as cur:
    cur.execute("SELECT 1")
active = accounts.set_index(texts.USERS_COLUMNS[0]).loc["an", texts.USERS_COLUMNS[4]] == texts.USERS_ACTIVE
names = accounts[USERS_COLUMNS[0]].tolist()
document = plan_admin.plan_document("x")
raw = safe_load(open("x.yaml"))

view = _view(version, "x")
grid(view.table, hide_index=True, column_config={texts.COLUMN_UNIT: st.column_config.TextColumn()})
st.markdown(view.accounts["an"].full_name)
"""
    assert thick_spots(source) == [
        (1, "imports yaml"),
        (2, "imports core.db"),
        (3, "imports core.db"),
        (10, "queries the database (.rows)"),
        (11, "queries the database (.one)"),
        (12, "queries the database (.cursor)"),
        (13, "queries the database (.execute)"),
        (14, "looks a table up by a header (.set_index)"),
        (14, "looks a table up by a header ([...])"),
        (15, "looks a table up by a header ([...])"),
        (16, "reads a plan file"),
        (17, "reads a plan file"),
    ]
