"""The benchmark's plan folder (pointed at by KPI_PLANS): the repository's plans, a national plan per year,
and Lạng Sơn's real plan carried to the last year of the scope (the one-province measures use it).

A plan is one province's; the Ministry's view is a plan whose reporting units are every district of the
country. The plan format has no national level, so the national plan is anchored on the first province
(its whole-plan row is named "Toàn quốc") and lists every other province's districts in `include`. Its
targets are the real plans' targets with an indicator: per indicator the first one that is judged, else
the first monitored one, each with its own plan's sentence.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bench.forms import PROVINCE, STRUCTURE, Scope, districts
from core.plans import PLANS_DIR, plan_files
from core.sample_content import NATIONAL_PLAN_ISSUER, NATIONAL_PLAN_PROVINCE, NATIONAL_PLAN_TITLE
from etl.demo import DEMO_PLAN

PROVINCIAL_PLAN = DEMO_PLAN  # the real plan of PROVINCE, with measurable targets


def national_plan_id(year: int) -> str:
    return f"toan-quoc-{year}"


def provincial_plan_id(year: int) -> str:
    return PROVINCIAL_PLAN.rsplit("-", 1)[0] + f"-{year}"


def provincial_plan(year: int) -> dict:
    """The real provincial plan, the same targets and sentences, for another year."""
    plan = yaml.safe_load((PLANS_DIR / f"{PROVINCIAL_PLAN}.yaml").read_text(encoding="utf-8"))
    if plan["province_code"] != PROVINCE:
        raise ValueError(f"{PROVINCIAL_PLAN} is not the plan of province {PROVINCE}")
    return plan | {
        "plan_id": provincial_plan_id(year),
        "year": year,
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
    units = districts(scope.provinces)
    anchor = units[0].province_code
    return {
        "plan_id": national_plan_id(year),
        "province_code": anchor,
        "province_name": NATIONAL_PLAN_PROVINCE,
        "year": year,
        "structure": STRUCTURE,
        "title": NATIONAL_PLAN_TITLE.format(year=year),
        "document_number": "",
        "issued_by": NATIONAL_PLAN_ISSUER,
        "issued_on": "",
        "source_file": "",
        "reporting_units": {
            "level": "district",
            "include": [d.code for d in units if d.province_code != anchor],
            "exclude": [],
        },
        "calendar": [{"period_type": "quarter", "deadline_day": 15, "months_after_end": 0, "default": True}],
        "targets": _national_targets(),
    }


def bench_plans(cache_dir: Path, scope: Scope) -> Path:
    """A fresh plan folder for the scope: the repository's plans, one national plan per year and the
    provincial plan of the scope's last year."""
    folder = cache_dir / f"plans-{scope.label}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in plan_files(PLANS_DIR):
        shutil.copy(path, folder / path.name)
    plans = [national_plan(year, scope) for year in scope.years] + [provincial_plan(scope.years[-1])]
    for plan in plans:
        text = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False, width=120)
        (folder / f"{plan['plan_id']}.yaml").write_text(text, encoding="utf-8")
    return folder
