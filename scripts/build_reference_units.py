"""Build the pre- and post-2025 Vietnamese administrative unit reference CSVs from vietnam-provinces."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
OUTPUT_DIR = REPO_ROOT / "data" / "reference"
PACKAGE_NAME = "vietnam-provinces"

LEVELS = ("province", "district", "commune")
# Official GSO codes are written zero-padded to a fixed width per level.
CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}
CSV_COLUMNS = ("unit_code", "name", "unit_type", "level", "parent_code")

# Name prefix -> type word, longest prefix first so "Thị xã"/"Thị trấn" win over shorter ones.
# Needed because vietnam-provinces 0.6.0 fills division_type with one constant per level
# ("tỉnh" / "huyện" / "xã") even for "Thành phố Hà Nội", "Quận Ba Đình", "Phường Phúc Xá";
# the name prefix is the only reliable carrier of the type in that release.
TYPE_BY_NAME_PREFIX = {
    "province": (("Thành phố", "thành phố trung ương"), ("Tỉnh", "tỉnh")),
    "district": (
        ("Thành phố", "thành phố"),
        ("Thị xã", "thị xã"),
        ("Quận", "quận"),
        ("Huyện", "huyện"),
    ),
    "commune": (
        ("Thị trấn", "thị trấn"),
        ("Đặc khu", "đặc khu"),
        ("Phường", "phường"),
        ("Xã", "xã"),
    ),
}

# 0.6.0: read the shipped nested JSON (exported as NESTED_DIVISIONS_JSON_PATH) rather than the
# enums, because DistrictEnum silently omits the 5 island districts that have no communes
# (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) and would give 691 instead of 696.
DUMP_PRE2025 = r"""
import json, sys
import vietnam_provinces as vp
tree = json.loads(vp.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
units = []
for p in tree:
    units.append({"code": p["code"], "name": p["name"], "division_type": p["division_type"],
                  "level": "province", "parent_code": None})
    for d in p["districts"]:
        units.append({"code": d["code"], "name": d["name"], "division_type": d["division_type"],
                      "level": "district", "parent_code": p["code"]})
        for w in d["wards"]:
            units.append({"code": w["code"], "name": w["name"], "division_type": w["division_type"],
                          "level": "commune", "parent_code": d["code"]})
json.dump({"version": vp.__version__, "data_version": vp.__data_version__,
           "division_types": [t.value for t in vp.VietNamDivisionType], "units": units},
          sys.stdout, ensure_ascii=False)
"""

# 2025.x: Province.iter_all()/Ward.iter_all() is the documented API and covers every unit.
DUMP_POST2025 = r"""
import json, sys
import vietnam_provinces as vp
units = []
for p in vp.Province.iter_all():
    units.append({"code": int(p.code), "name": p.name, "division_type": p.division_type.value,
                  "level": "province", "parent_code": None})
for w in vp.Ward.iter_all():
    units.append({"code": int(w.code), "name": w.name, "division_type": w.division_type.value,
                  "level": "commune", "parent_code": int(w.province_code)})
json.dump({"version": vp.__version__, "data_version": vp.__data_version__,
           "division_types": [t.value for t in vp.VietNamDivisionType], "units": units},
          sys.stdout, ensure_ascii=False)
"""


@dataclass(frozen=True)
class Snapshot:
    label: str
    package_version: str
    dump_code: str
    # In 0.6.0 division_type is degenerate (see TYPE_BY_NAME_PREFIX), so the type comes from the name.
    trust_division_type: bool
    expected_counts: dict[str, int]
    # Level of the parent of a commune: district before the 2025 reform, province after it.
    commune_parent_level: str
    output_file: Path


SNAPSHOTS = (
    Snapshot(
        label="pre2025",
        package_version="0.6.0",
        dump_code=DUMP_PRE2025,
        trust_division_type=False,
        expected_counts={"province": 63, "district": 696, "commune": 10051},
        commune_parent_level="district",
        output_file=OUTPUT_DIR / "units_pre2025.csv",
    ),
    Snapshot(
        label="post2025",
        package_version="2025.10.1",
        dump_code=DUMP_POST2025,
        trust_division_type=True,
        expected_counts={"province": 34, "district": 0, "commune": 3321},
        commune_parent_level="province",
        output_file=OUTPUT_DIR / "units_post2025.csv",
    ),
)


class ReferenceDataError(RuntimeError):
    pass


def dump_package_units(snapshot: Snapshot, work_dir: Path) -> dict:
    """Install the pinned package into a throw-away venv and return its JSON dump."""
    venv_dir = work_dir / f"venv-{snapshot.label}"
    subprocess.run([sys.executable, "-m", "venv", str(venv_dir)], check=True)
    venv_python = venv_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [
            str(venv_python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            f"{PACKAGE_NAME}=={snapshot.package_version}",
        ],
        check=True,
    )
    # -I keeps the caller's PYTHONPATH, user site and cwd (e.g. the repo's own .venv) out of the dump.
    result = subprocess.run(
        [str(venv_python), "-I", "-c", snapshot.dump_code],
        check=True,
        capture_output=True,
        cwd=work_dir,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    payload = json.loads(result.stdout.decode("utf-8"))
    if payload["version"] != snapshot.package_version:
        raise ReferenceDataError(
            f"{snapshot.label}: expected package {snapshot.package_version}, got {payload['version']}"
        )
    return payload


def clean_name(raw_name: str) -> str:
    # NFC so joins against other sources compare equal; collapsing whitespace because
    # 2025.10.1 has ten ward names with a doubled space after the type word ("Xã  Xuân Giang").
    return " ".join(unicodedata.normalize("NFC", raw_name).split())


def type_from_name(level: str, name: str) -> str | None:
    # Case-insensitive because 0.6.0 spells two districts "Thành Phố ..." with a capital P.
    lowered = name.casefold()
    for prefix, unit_type in TYPE_BY_NAME_PREFIX[level]:
        if lowered.startswith(prefix.casefold() + " "):
            return unit_type
    return None


def format_code(code: int, level: str) -> str:
    text = str(int(code)).zfill(CODE_WIDTH[level])
    if len(text) != CODE_WIDTH[level]:
        raise ReferenceDataError(f"code {code} too wide for level {level}")
    return text


def build_rows(snapshot: Snapshot, payload: dict) -> list[dict[str, str]]:
    known_types = set(payload["division_types"])
    rows = []
    problems = []
    for unit in payload["units"]:
        level = unit["level"]
        name = clean_name(unit["name"])
        derived_type = type_from_name(level, name)
        if snapshot.trust_division_type:
            unit_type = unit["division_type"]
            # 2025.x gives provinces without "Tỉnh" ("Lạng Sơn"); add it so names are the full
            # official form, as the central cities already carry "Thành phố".
            if level == "province" and derived_type is None and unit_type == "tỉnh":
                name = f"Tỉnh {name}"
                derived_type = type_from_name(level, name)
            if derived_type != unit_type:
                problems.append(f"type field {unit_type!r} disagrees with name {name!r}")
        else:
            unit_type = derived_type
        if unit_type is None or unit_type not in known_types:
            problems.append(f"cannot determine a package division type for {level} {name!r}")
            continue
        parent_level = {"province": None, "district": "province", "commune": snapshot.commune_parent_level}[level]
        rows.append(
            {
                "unit_code": format_code(unit["code"], level),
                "name": name,
                "unit_type": unit_type,
                "level": level,
                "parent_code": "" if parent_level is None else format_code(unit["parent_code"], parent_level),
            }
        )
    if problems:
        raise ReferenceDataError(f"{snapshot.label}: " + "; ".join(problems[:20]))
    rows.sort(key=lambda row: (LEVELS.index(row["level"]), row["unit_code"]))
    return rows


def validate(snapshot: Snapshot, rows: list[dict[str, str]]) -> list[str]:
    """Return fatal errors; print counts and non-fatal data quirks along the way."""
    errors = []
    counts = Counter(row["level"] for row in rows)
    print(
        f"[{snapshot.label}] vietnam-provinces {snapshot.package_version}: "
        + ", ".join(f"{level}={counts.get(level, 0)}" for level in LEVELS)
    )
    for level in LEVELS:
        if counts.get(level, 0) != snapshot.expected_counts[level]:
            errors.append(
                f"{snapshot.label}: {level} count {counts.get(level, 0)} != expected {snapshot.expected_counts[level]}"
            )
    codes_by_level = {level: Counter(r["unit_code"] for r in rows if r["level"] == level) for level in LEVELS}
    for level, codes in codes_by_level.items():
        duplicated = sorted(code for code, n in codes.items() if n > 1)
        if duplicated:
            errors.append(f"{snapshot.label}: duplicate {level} codes {duplicated[:10]}")
    parent_level_of = {"district": "province", "commune": snapshot.commune_parent_level}
    for row in rows:
        if row["level"] != "province" and row["parent_code"] not in codes_by_level[parent_level_of[row["level"]]]:
            errors.append(f"{snapshot.label}: {row['unit_code']} has unknown parent {row['parent_code']}")
    # Same name twice under one parent is legal in the source data but worth seeing.
    same_name = Counter((r["level"], r["parent_code"], r["name"]) for r in rows)
    for (level, parent, name), n in sorted(same_name.items()):
        if n > 1:
            codes = [r["unit_code"] for r in rows if (r["level"], r["parent_code"], r["name"]) == (level, parent, name)]
            print(f"[{snapshot.label}] note: {level} name {name!r} appears {n}x under {parent}: {codes}")
    return errors


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = path.with_suffix(path.suffix + ".tmp")
    # "\n" line endings and a fixed sort keep reruns byte-identical, so git sees no churn.
    with tmp_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp_path.replace(path)


def main() -> int:
    results = []
    errors = []
    with tempfile.TemporaryDirectory(prefix="vn-units-") as tmp:
        for snapshot in SNAPSHOTS:
            payload = dump_package_units(snapshot, Path(tmp))
            print(f"[{snapshot.label}] package data version {payload['data_version']}")
            rows = build_rows(snapshot, payload)
            errors.extend(validate(snapshot, rows))
            results.append((snapshot, rows))
    if errors:
        # Leave previously committed CSVs untouched rather than overwrite them with suspect data.
        for error in errors:
            print(f"ERROR: {error}", file=sys.stderr)
        return 1
    for snapshot, rows in results:
        write_csv(rows, snapshot.output_file)
        print(f"[{snapshot.label}] wrote {len(rows)} rows to {snapshot.output_file.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
