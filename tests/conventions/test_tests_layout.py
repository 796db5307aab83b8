"""The tests are laid out like the code (README, "Layout"): a test module lives in the folder of the layer it
tests, imports helpers only from tests/support, and never from another test module."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
FOLDERS = {
    "core",
    "etl",
    "screens",
    "meeting",
    "notify",
    "pages",
    "browser",
    "conventions",
    "bench",
    "support",
    "fixtures",
}


def imported_test_modules(source: str) -> list[str]:
    """The test modules (tests.….test_…) a source imports, at its top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        found += [n for n in names if n.startswith("tests.") and n.split(".")[-1].startswith("test_")]
    return found


def test_no_test_module_imports_another():
    offenders = {
        path.relative_to(ROOT).as_posix(): imported
        for path in sorted(TESTS.rglob("*.py"))
        if (imported := imported_test_modules(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "move what is shared to tests/support"


def test_the_check_finds_an_import_of_a_test_module():
    assert imported_test_modules("from tests.core.test_engine import load\n") == ["tests.core.test_engine"]
    assert imported_test_modules("def f():\n    import tests.etl.test_cli\n") == ["tests.etl.test_cli"]
    assert imported_test_modules("from tests.support.forms import make_form\n") == []


def test_test_modules_live_in_the_folder_of_what_they_test():
    top = sorted(p.name for p in TESTS.iterdir() if p.name != "__pycache__")
    assert top == sorted(["__init__.py", "conftest.py", *FOLDERS])
    assert not list((TESTS / "support").rglob("test_*.py"))  # helpers only
