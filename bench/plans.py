"""The benchmark's plan folder (pointed at by KPI_PLANS): a national plan per year, and Lạng Sơn's real plan
carried to the measured year of the scope (the one-province measures use it). Every plan of a year names the same
agency as its owner (the Ministry), so every form of a year is the same but for its unit.

A plan is one province's; the Ministry's view is a plan whose reporting units are every district of the
country (every commune after the 2025 reform). The plan format has no national level, so the national plan is
anchored on the first province (its whole-plan row is named "Toàn quốc") and lists every other province's
districts (communes) in `include`. Its
targets are the real plans' targets with an indicator: per indicator the first one that is judged, else
the first monitored one, each with its own plan's sentence.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bench.forms import PROVINCE, REPORTING_LEVELS, Scope
from core.plans import HEALTH_SECTOR_FROM, PLANS_DIR, plan_files
from core.sample_content import NATIONAL_PLAN_ISSUER, NATIONAL_PLAN_OWNERS, NATIONAL_PLAN_PROVINCE, NATIONAL_PLAN_TITLE
from etl.demo import DEMO_PLAN

# The plans of PROVINCE with measurable targets: the real 2023 plan (its districts), and before the reform its
# copy for 2026 after the reform (its communes), made as page Kế hoạch makes it.
PROVINCIAL_PLANS = {"pre2025": DEMO_PLAN, "post2025": "lang-son-2026"}


def owner(year: int) -> str:
    return NATIONAL_PLAN_OWNERS[year >= HEALTH_SECTOR_FROM]


def national_plan_id(year: int) -> str:
    return f"toan-quoc-{year}"


def provincial_plan_id(year: int) -> str:
    return DEMO_PLAN.rsplit("-", 1)[0] + f"-{year}"


def provincial_plan(year: int, structure: str) -> dict:
    """The real provincial plan of the structure, the same targets and sentences, for another year."""
    plan = yaml.safe_load((PLANS_DIR / f"{PROVINCIAL_PLANS[structure]}.yaml").read_text(encoding="utf-8"))
    if plan["province_code"] != PROVINCE:
        raise ValueError(f"{PROVINCIAL_PLANS[structure]} is not the plan of province {PROVINCE}")
    return plan | {
        "plan_id": provincial_plan_id(year),
        "year": year,
        "owner": owner(year),
        "title": plan["title"].replace(str(plan["year"]), str(year)),
    }


def _national_targets() -> list[dict]:
    chosen: dict[str, dict] = {}
    for path in plan_files(PLANS_DIR):
        for target in yaml.safe_load(path.read_text(encoding="utf-8"))["targets"]:
            code = target.get("indicator")
            if code and (code not in chosen or (chosen[code]["kind"] == "monitor" and target["kind"] != "monitor")):
                chosen[code] = {**target, "target_id": code.lower().replace("_", "-")}
    return list(chosen.values())


def national_plan(year: int, scope: Scope) -> dict:
    units = scope.units
    anchor = units[0].province_code
    return {
        "plan_id": national_plan_id(year),
        "province_code": anchor,
        "province_name": NATIONAL_PLAN_PROVINCE,
        "year": year,
        "structure": scope.structure,
        "title": NATIONAL_PLAN_TITLE.format(year=year),
        "owner": owner(year),
        "document_number": "",
        "issued_by": NATIONAL_PLAN_ISSUER,
        "issued_on": "",
        "source_file": "",
        "reporting_units": {
            "level": REPORTING_LEVELS[scope.structure],
            "include": [d.code for d in units if d.province_code != anchor],
            "exclude": [],
        },
        "calendar": [{"period_type": "quarter", "deadline_day": 15, "months_after_end": 0, "default": True}],
        "targets": _national_targets(),
    }


def bench_plans(cache_dir: Path, scope: Scope) -> Path:
    """A fresh plan folder for the scope: one national plan per year and the provincial plan of the scope's
    measured year."""
    folder = cache_dir / f"plans-{scope.label}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    year = scope.measured.year
    plans = [national_plan(y, scope) for y in scope.years] + [provincial_plan(year, scope.structure)]
    for plan in plans:
        text = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False, width=120)
        (folder / f"{plan['plan_id']}.yaml").write_text(text, encoding="utf-8")
    return folder
