"""Once per server: every module the pages use is imported, the objects loaded so far are set aside from garbage
collection, and the collector's thresholds are raised (web.ui.settle_memory)."""

from __future__ import annotations

import json
import subprocess
import sys

from core.db import ROOT
from tests.support.code_graph import MODULES, imports_of
from web.ui import GC_THRESHOLDS

SETTLED = """
import gc, json, sys
from web import ui
ui.settle_memory()
print(json.dumps({"thresholds": gc.get_threshold(), "frozen": gc.get_freeze_count(),
                  "modules": sorted(name for name in sys.modules if name.split(".")[0] in ui.PAGE_PACKAGES)}))
"""


def test_settling_imports_every_module_the_pages_use_freezes_what_is_loaded_and_raises_the_thresholds():
    # In a process of its own: the thresholds and the frozen objects are the whole process's.
    done = subprocess.run([sys.executable, "-c", SETTLED], cwd=ROOT, capture_output=True, text=True, check=True)
    settled = json.loads(done.stdout.splitlines()[-1])
    assert tuple(settled["thresholds"]) == GC_THRESHOLDS
    assert settled["frozen"] > 100_000  # Streamlit, pandas, Plotly and the project's modules
    pages_use = set().union(*(imports_of(module) for module in MODULES if module.startswith("pages.")))
    assert {"screens.scorecard", "meeting.pptx"} <= pages_use <= set(settled["modules"])
    assert "etl.loader" in settled["modules"]  # what the pages reach through the screens, too
