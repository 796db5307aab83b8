"""Once per server: every module the pages use is imported, the objects loaded so far are set aside from garbage
collection, and the collector's thresholds are raised (web.ui.settle_memory)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from core.db import ROOT
from web.ui import GC_THRESHOLDS, PAGE_PACKAGES

SETTLED = """
import gc, json, sys
from web import ui
ui.settle_memory()
print(json.dumps({"thresholds": gc.get_threshold(), "frozen": gc.get_freeze_count(),
                  "modules": sorted(name for name in sys.modules if name.split(".")[0] in ui.PAGE_PACKAGES)}))
"""


def _project_imports(path) -> set[str]:
    """The project's modules a file imports (their full names)."""
    packages = {folder.name for folder in ROOT.iterdir() if (folder / "__init__.py").exists()}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:  # `from core import auth`: core.auth
            folder = ROOT.joinpath(*node.module.split("."))
            names = [node.module] + [
                f"{node.module}.{a.name}" for a in node.names if (folder / f"{a.name}.py").exists()
            ]
        found |= {name for name in names if name.split(".")[0] in packages}
    return found


def test_every_project_module_a_page_imports_comes_from_the_packages_imported_beforehand():
    imported = set().union(*(_project_imports(page) for page in (ROOT / "pages").glob("*.py")))
    assert imported and {name.split(".")[0] for name in imported} <= set(PAGE_PACKAGES)


def test_settling_imports_every_module_freezes_what_is_loaded_and_raises_the_thresholds():
    # In a process of its own: the thresholds and the frozen objects are the whole process's.
    done = subprocess.run([sys.executable, "-c", SETTLED], cwd=ROOT, capture_output=True, text=True, check=True)
    settled = json.loads(done.stdout.splitlines()[-1])
    assert tuple(settled["thresholds"]) == GC_THRESHOLDS
    assert settled["frozen"] > 100_000  # Streamlit, pandas, Plotly and the project's modules
    pages_use = set().union(*(_project_imports(page) for page in (ROOT / "pages").glob("*.py")))
    assert {"screens.scorecard", "meeting.pptx", "etl.loader"} <= set(settled["modules"])
    assert pages_use <= set(settled["modules"])
