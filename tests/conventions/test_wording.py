"""The wording is reviewed in one place (STYLE.md, convention 8): a Vietnamese string literal anywhere in the code
but the catalogue core/texts.py fails, named by file, line and text. Docstrings are not looked at."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("core", "etl", "screens", "meeting", "notify", "web", "pages", "bench")
CATALOGUE = "core/texts.py"
# Modules whose Vietnamese literals are data, not wording. Keep it short: wording goes to the catalogue.
ALLOWED = {
    "etl/form_spec.py": "the form's labels are matching keys: the reader finds an uploaded workbook's parts by them",
    "core/textnorm.py": "the letters đ and Đ, which folding turns into d and D",
    "core/sample_content.py": "made-up content of the demo and the benchmarks: people, a plan, what clerks type",
}


def _is_vietnamese_letter(ch: str) -> bool:
    """đ, Đ, or a Latin letter with diacritics (ă, ơ, ư, ệ ...): what ASCII-only identifiers and keys never hold."""
    if ch in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", ch)
    return not ch.isascii() and len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha()


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes: the first statement of a module, class or function, if a string."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def vietnamese_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant holding a Vietnamese letter, the parts of f-strings included."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and any(_is_vietnamese_letter(ch) for ch in node.value)
    ]
    return sorted(found)


def _code_files() -> list[str]:
    files = [ROOT / "dashboard.py", *(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))]
    return sorted(str(path.relative_to(ROOT)) for path in files)


def test_no_vietnamese_literal_outside_the_catalogue():
    outside = [
        f"{name}:{line}: {text!r}"
        for name in _code_files()
        if name != CATALOGUE and name not in ALLOWED
        for line, text in vietnamese_literals((ROOT / name).read_text(encoding="utf-8"))
    ]
    assert not outside, "Vietnamese wording outside core/texts.py (move it there):\n" + "\n".join(outside)


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_each_allowed_module_still_needs_it(name):
    """An allowed module that no longer holds a Vietnamese literal leaves the list."""
    assert vietnamese_literals((ROOT / name).read_text(encoding="utf-8")), f"{name}: remove it from ALLOWED"


def test_the_scanner_sees_wording_and_skips_docstrings():
    """The check can fail: literals in code, f-strings and containers are found; docstrings, comments, ASCII
    (even unaccented Vietnamese) and symbols are not."""
    source = '''"""Mô-đun: a docstring may quote the page «Tổng quan»."""
TITLE = "Tổng quan"  # a comment: «Bảng điểm»
KEYS = {"ket qua": 1, "đ": 2}


class Page:
    """Trang chủ."""

    def label(self, year):
        """Năm."""
        icons = ("✔", "◔", "—", "«»")
        return f"Quý I năm {year}", "Quy I nam", icons, "Ưu tiên"
'''
    assert vietnamese_literals(source) == [(2, "Tổng quan"), (3, "đ"), (12, "Quý I năm "), (12, "Ưu tiên")]


def test_the_catalogue_names_each_text_once():
    """Two catalogues were merged into one: a name assigned twice would silently lose the first wording."""
    tree = ast.parse((ROOT / CATALOGUE).read_text(encoding="utf-8"))
    names = [target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_the_catalogue_imports_nothing_of_the_project():
    """Every layer imports the catalogue, so it stands at the very bottom."""
    tree = ast.parse((ROOT / CATALOGUE).read_text(encoding="utf-8"))
    imported = [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]
    assert imported == []
