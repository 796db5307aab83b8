"""Official reporting units (data/reference/*.csv, built by scripts/build_reference_units.py)."""

from __future__ import annotations

from datetime import date

from core import texts
from core.db import ROOT, Transaction

REFERENCE_DIR = ROOT / "data" / "reference"
REFORM_DATE = date(2025, 7, 1)  # districts abolished, provinces merged

STRUCTURES = {
    "pre2025": {"label": texts.UNIT_STRUCTURE_LABELS["pre2025"], "valid_from": None, "valid_to": date(2025, 6, 30)},
    "post2025": {"label": texts.UNIT_STRUCTURE_LABELS["post2025"], "valid_from": REFORM_DATE, "valid_to": None},
}


def structure_for_year(year: int) -> str:
    """The unit structure in force at the end of a plan's year."""
    return "post2025" if year >= REFORM_DATE.year else "pre2025"


CROSSWALK_FILE = REFERENCE_DIR / "crosswalk_2025.csv"  # built by scripts/build_crosswalk.py


def units_file(structure: str):
    return REFERENCE_DIR / f"units_{structure}.csv"


def install_units(tx: Transaction) -> None:
    """Load each structure's official list and the reform's crosswalk once; what is already loaded is left alone."""
    for structure, info in STRUCTURES.items():
        tx.run("upsert_structure", {"structure": structure, **info})
        if tx.run("count_units", {"structure": structure})[0].count_units:
            continue
        tx.run("insert_units_from_csv", {"structure": structure, "path": str(units_file(structure))})
    if not tx.run("count_crosswalk")[0].count_crosswalk:
        tx.run("insert_crosswalk_from_csv", {"path": str(CROSSWALK_FILE)})
