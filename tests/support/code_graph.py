"""The project's modules and what each imports, read from the source (the layers' convention test, and the test of
what the server imports before it settles its memory)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("core", "etl", "screens", "meeting", "notify", "web", "pages", "bench")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    files = [ROOT / "dashboard.py", *(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))]
    return {_module_name(path): path for path in files}


MODULES = _modules()


def imports_of(module: str) -> set[str]:
    """The project's modules that `module` imports, at any depth of its code (a function's late import counts)."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            # `from core import texts` imports core.texts; `from core.db import Database` imports core.db
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module and name.split(".")[0] in (*PACKAGES, "dashboard"):
                found.add(name)
    return found
