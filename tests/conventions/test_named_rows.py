"""Rows have names (STYLE.md, convention 12): no module reads a named query's row by position.

A scan of the code, in the spirit of test_layers: it follows what comes back from `db.rows`, `db.one`,
`tx.run` and `read_only_rows` called with the name of a query of core/queries.sql (a list of rows, or one
row) through the names it is bound to in a function, and finds a row indexed (`row[1]`, `row[:3]`),
unpacked (`a, b = row`, `for a, b in db.rows(...)`, `f(*row)`) or turned into positions (`dict(rows)`,
`zip(keys, row)`). It cannot see a row handed to another function; the tests of that function can."""

from __future__ import annotations

import ast
from pathlib import Path

from core.db import QUERIES

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("core", "etl", "screens", "meeting", "notify", "web", "pages", "bench", "tests")
OWNER = Path("core/db.py")  # makes the rows: it alone handles them as tuples
ROW_CALLS = {"rows": "rows", "run": "rows", "read_only_rows": "rows", "one": "row"}  # what each call returns


class _PositionalReads(ast.NodeVisitor):
    """Each place where a query's row is read by position, as (line, function)."""

    def __init__(self) -> None:
        self.scopes: list[dict[str, str | None]] = [{}]
        self.functions = ["<module>"]
        self.found: list[tuple[int, str]] = []

    def kind(self, node: ast.AST | None) -> str | None:
        """'row' or 'rows' when the expression is one of a named query's rows, or a list of them."""
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            names = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if called in ROW_CALLS and any(name in QUERIES for name in names):
                return ROW_CALLS[called]
            if called in ("sorted", "list", "reversed") and node.args and self.kind(node.args[0]) == "rows":
                return "rows"
            if called == "next" and node.args and isinstance(node.args[0], ast.GeneratorExp):
                gen = node.args[0]
                first = gen.generators[0]
                if (
                    len(gen.generators) == 1
                    and self.kind(first.iter) == "rows"
                    and isinstance(gen.elt, ast.Name)
                    and isinstance(first.target, ast.Name)
                    and gen.elt.id == first.target.id
                ):
                    return "row"
            return None
        if isinstance(node, ast.Name):
            for scope in reversed(self.scopes):
                if node.id in scope:
                    return scope[node.id]
            return None
        if isinstance(node, ast.Subscript) and self.kind(node.value) == "rows":
            return "rows" if isinstance(node.slice, ast.Slice) else "row"
        return None

    def flag(self, node: ast.AST) -> None:
        self.found.append((node.lineno, self.functions[-1]))

    def bind(self, target: ast.AST, kind: str | None) -> None:
        if isinstance(target, ast.Name):
            self.scopes[-1][target.id] = kind
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:  # `first, *others = db.rows(...)`: a row and a list; else nothing
                if isinstance(element, ast.Starred):
                    self.bind(element.value, "rows" if kind else None)
                else:
                    self.bind(element, "row" if kind else None)

    def loop(self, target: ast.AST, iterable: ast.AST) -> None:
        """`for target in iterable`: a row unpacked by position, or a name bound to each row."""
        kind = self.kind(iterable)
        counted = isinstance(iterable, ast.Call) and getattr(iterable.func, "id", None) == "enumerate"
        if counted and iterable.args and self.kind(iterable.args[0]) == "rows" and isinstance(target, ast.Tuple):
            self.bind(target.elts[0], None)  # for n, row in enumerate(rows)
            target, kind = target.elts[-1], "rows"
        if kind == "rows" and isinstance(target, (ast.Tuple, ast.List)):
            self.flag(target)
            self.bind(target, None)
        else:
            self.bind(target, "row" if kind == "rows" else None)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self.scopes.append({})
        self.functions.append(getattr(node, "name", self.functions[-1]))
        self.generic_visit(node)
        self.functions.pop()
        self.scopes.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        kind = self.kind(node.value)
        for target in node.targets:
            if kind == "row" and isinstance(target, (ast.Tuple, ast.List)):
                self.flag(target)
            self.visit(target)
            self.bind(target, kind if isinstance(target, ast.Name) else "rows" if kind == "rows" else None)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
            self.bind(node.target, self.kind(node.value))

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.bind(node.target, self.kind(node.value))

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self.loop(node.target, node.iter)
        for statement in node.body + node.orelse:
            self.visit(statement)

    visit_AsyncFor = visit_For

    def _comprehension(self, node: ast.AST) -> None:
        for generator in node.generators:  # bound before the element that uses them is read
            self.visit(generator.iter)
            self.loop(generator.target, generator.iter)
            for condition in generator.ifs:
                self.visit(condition)
        for field in ("elt", "key", "value"):
            if hasattr(node, field):
                self.visit(getattr(node, field))

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if self.kind(node.value) == "row":
            self.flag(node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        called = getattr(node.func, "id", None)
        if any(isinstance(a, ast.Starred) and self.kind(a.value) == "row" for a in node.args):
            self.flag(node)  # f(*row)
        elif called == "dict" and node.args and self.kind(node.args[0]) == "rows":
            self.flag(node)  # dict(rows): each row's first and second column
        elif called in ("zip", "tuple", "list", "dict") and any(self.kind(a) == "row" for a in node.args):
            self.flag(node)
        self.generic_visit(node)


def positional_reads(source: str) -> list[tuple[int, str]]:
    """(line, function) of each positional reading of a query's row in the module's source."""
    visitor = _PositionalReads()
    visitor.visit(ast.parse(source))
    return visitor.found


def test_the_scan_sees_each_kind_of_positional_reading():
    source = """
def f(db, tx):
    row = db.one("plan_row", {"plan_id": "p"})
    year = row[3]
    a, b, *_ = db.one("plan_row", {})
    for code, name, *_ in db.rows("plan_reporting_units", {}):
        pass
    names = {r[0]: r[1] for r in db.rows("plan_reporting_units", {})}
    count = tx.run("count_units", {})[0][0]
    values = dict(db.rows("submission_values_of", {}))
    first = next(r for r in db.rows("plan_targets", {}) if r.kind)
    goal = first[4]
    for n, (code, name) in enumerate(db.rows("unit_communes", {})):
        pass
    made = Original(*row)
    rows = db.rows("list_plans")
    for plan in rows:
        title = plan[5]
"""
    assert sorted({line for line, _ in positional_reads(source)}) == [4, 5, 6, 8, 9, 10, 12, 13, 15, 18]


def test_the_scan_leaves_names_and_lists_alone():
    source = """
def f(db, tx):
    row = db.one("plan_row", {"plan_id": "p"})
    year = row.year
    rows = tx.run("sign_in_secret")
    secret = rows[0].secret_hex if rows else None
    names = {r.unit_code: r.name for r in db.rows("plan_reporting_units", {})}
    first, *others = db.rows("plan_targets", {})
    kind = first.kind
    pairs = [(r.unit_code, r.name) for r in db.rows("plan_reporting_units", {})]
    for code, name in pairs:
        pass
    done = subprocess.run(["ls"])[0]
"""
    assert positional_reads(source) == []


def test_no_module_reads_a_query_row_by_position():
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if relative == OWNER:
                continue
            for line, function in positional_reads(path.read_text(encoding="utf-8")):
                found.append(f"{relative}:{line} ({function})")
    assert not found, "read these rows by column name (row.unit_code), not by position: " + ", ".join(found)
