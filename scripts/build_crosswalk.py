"""Build data/reference/crosswalk_2025.csv: each pre-2025 commune (and each island district that had none) with
the post-2025 commune(s) it became, from the dataset of the PyPI package vietnamadminunits (MIT licence; see
data/reference/SOURCES.md).

The package ships its own mapping: per new province, each new commune with the old communes merged into it
whole, and each old commune divided between several new ones with its parts (one of them marked the default,
which the package's own converter picks when it has no street address). Old and new units are named there by
normalised keys; its SQLite dataset gives each key its GSO code. Old communes keep their codes in both
sources. Some new communes carry another code in the package than in our post-2025 list (the code of another of
their predecessors): a new commune is therefore matched to our list by its province and name (written the same,
or the same once tone marks, dashes and apostrophes are set aside, when that names one commune only).

Run: python scripts/build_crosswalk.py   (downloads the pinned wheel with pip; no other dependency)
"""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from core.textnorm import fold  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
REFERENCE = REPO_ROOT / "data" / "reference"
OUTPUT = REFERENCE / "crosswalk_2025.csv"
PACKAGE = "vietnamadminunits==1.0.4"
COLUMNS = (
    "old_code",
    "old_level",
    "old_name",
    "old_district_code",
    "old_province_code",
    "new_code",
    "new_name",
    "new_province_code",
    "part",
)
# part: 'whole' (merged whole into the new commune), 'default' or 'share' (one of the parts of a divided commune;
# 'default' is the part the package's converter assigns the commune to when nothing else is known).


def _download(work: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-q", "-d", work]
        + [PACKAGE],
        check=True,
    )
    wheel = next(work.glob("vietnamadminunits-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(work / "package")
    return work / "package" / "vietnamadminunits" / "data"


def _key(name: str) -> str:
    """A name with tone marks, case, dashes and apostrophes set aside ("Ea H'Leo" and "Ea H’Leo" are one)."""
    return "".join(ch for ch in fold(name) if ch.isalnum())


def _our_communes() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], list[str]]]:
    """Our post-2025 communes by (province, name) and by (province, folded name)."""
    exact, folded = {}, defaultdict(list)
    with (REFERENCE / "units_post2025.csv").open(encoding="utf-8") as units:
        for unit in csv.DictReader(units):
            if unit["level"] == "commune":
                exact[(unit["parent_code"], unit["name"])] = unit["unit_code"]
                folded[(unit["parent_code"], _key(unit["name"]))].append(unit["unit_code"])
    return exact, folded


def _our_code(province: str, name: str, exact: dict, folded: dict) -> str:
    if (province, name) in exact:
        return exact[(province, name)]
    candidates = folded.get((province, _key(name)), [])
    if len(candidates) != 1:
        raise SystemExit(f"no single commune named {name!r} in province {province} of our post-2025 list")
    return candidates[0]


def _rows(data_dir: Path) -> list[dict[str, str]]:
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    dataset = sqlite3.connect(data_dir / "dataset.db")
    old = {  # 'province_district_ward' key -> (commune, district, province) codes, and the unit's name
        f"{p}_{d}_{w or ''}": (c or "", dc, pc, ward or district)
        for p, d, w, c, dc, pc, ward, district in dataset.execute(
            "SELECT provinceKey, districtKey, wardKey, wardCode, districtCode, provinceCode, ward, district"
            " FROM admin_units_legacy"
        )
    }
    exact, folded = _our_communes()
    new = {
        (p, w): (_our_code(pc, name, exact, folded), name, pc)
        for p, w, pc, name in dataset.execute("SELECT provinceKey, wardKey, provinceCode, ward FROM admin_units")
    }
    rows = []

    def add(old_key: str, province_key: str, ward_key: str, part: str) -> None:
        commune, district, province, old_name = old[old_key]
        new_code, new_name, new_province = new[(province_key, ward_key)]
        rows.append(
            {
                "old_code": commune or district,
                "old_level": "commune" if commune else "district",
                "old_name": old_name,
                "old_district_code": district,
                "old_province_code": province,
                "new_code": new_code,
                "new_name": new_name,
                "new_province_code": new_province,
                "part": part,
            }
        )

    for province_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in wards.items():
            for old_key in old_keys:
                add(old_key, province_key, ward_key, "whole")
    for province_key, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in divided.items():
            for part in parts:
                add(old_key, province_key, part["newWardKey"], "default" if part["isDefaultNewWard"] else "share")
    unique = {tuple(row.values()): row for row in rows}  # a merged whole commune listed once
    return sorted(unique.values(), key=lambda r: (r["old_province_code"], r["old_code"], r["new_code"]))


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        rows = _rows(_download(Path(work)))
    with OUTPUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    old_units = {(r["old_level"], r["old_code"]) for r in rows}
    print(f"{OUTPUT.relative_to(REPO_ROOT)}: {len(rows)} rows, {len(old_units)} old units")


if __name__ == "__main__":
    main()
