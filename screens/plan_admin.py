"""Changing plans from the administration page: a target, a deadline, or a new year's plan from an earlier one.

The plan files stay the source of truth: a change is written to the plan's YAML file (validated by the same
parser as at start-up, written only if valid) and then loaded, so a restart gives the same plan.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from pathlib import Path

import yaml

from core import texts
from core.auth import User
from core.db import Database
from core.plans import PlanError, parse_plan, plans_dir, sync_plans
from core.units import structure_for_year

YEAR_IN_ID = re.compile(r"-(\d{4})$")  # plan ids end with their year: lang-son-2023


def _check(user: User) -> None:
    if not user.can("manage_plans"):
        raise PermissionError(user.username)


def _path(plan_id: str, directory: Path | None) -> Path:
    return (directory or plans_dir()) / f"{plan_id}.yaml"


def plan_document(plan_id: str, directory: Path | None = None) -> dict:
    """The plan file as data, to edit."""
    return yaml.safe_load(_path(plan_id, directory).read_text(encoding="utf-8"))


def _write(db: Database, user: User, document: dict, directory: Path | None, before: dict | None) -> None:
    """Validate `document` as a plan file, then replace the file and load it; PlanError lists every problem."""
    target = _path(document["plan_id"], directory)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)
    with tempfile.TemporaryDirectory() as scratch:
        candidate = Path(scratch) / target.name
        candidate.write_text(text, encoding="utf-8")
        parse_plan(candidate)  # raises PlanError before anything is replaced
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, delete=False, suffix=".tmp") as tmp:
        tmp.write(text)
    os.replace(tmp.name, target)
    sync_plans(db, directory, actor=user.username)
    with db.transaction() as tx:
        tx.run(
            "insert_audit",
            {
                "actor": user.username,
                "action": "update" if before else "create",
                "entity": "plan",
                "entity_id": document["plan_id"],
                "before_json": None if before is None else json.dumps(_judged(before), ensure_ascii=False),
                "after_json": json.dumps(_judged(document), ensure_ascii=False),
            },
        )


def _judged(document: dict) -> dict:
    """What the audit keeps of a plan: its reporting units, targets and calendar, as written."""
    return {key: document.get(key) for key in ("reporting_units", "targets", "calendar")}


def edit_target(
    db: Database, user: User, plan_id: str, target_id: str, changes: dict, directory: Path | None = None
) -> None:
    """Change a target's fields (kind, value, min, max, label, source, indicator); None removes a field."""
    _check(user)
    before = plan_document(plan_id, directory)
    document = copy.deepcopy(before)
    target = next((t for t in document["targets"] if t["target_id"] == target_id), None)
    if target is None:
        raise PlanError(f"{plan_id}.yaml", [texts.PLAN_ADMIN_NO_TARGET.format(target=target_id)])
    for field, value in changes.items():
        if value is None:
            target.pop(field, None)
        else:
            target[field] = value
    _write(db, user, document, directory, before)


def edit_deadline(
    db: Database,
    user: User,
    plan_id: str,
    period_type: str,
    deadline_day: int,
    months_after_end: int,
    source: str,
    directory: Path | None = None,
) -> None:
    """Set when a kind of report is due; the plan's own sentence is required (a default has no sentence)."""
    _check(user)
    before = plan_document(plan_id, directory)
    document = copy.deepcopy(before)
    entry = {"period_type": period_type, "deadline_day": deadline_day, "months_after_end": months_after_end}
    entry |= {"source": source.strip()} if source.strip() else {"default": True}
    calendar = [d for d in document.get("calendar", []) if d.get("period_type") != period_type]
    document["calendar"] = [*calendar, entry]
    _write(db, user, document, directory, before)


def unit_choices(db: Database, plan_id: str, directory: Path | None = None) -> dict[str, str]:
    """Units the plan may ask reports from: every unit of its level in the province, and any it already includes."""
    document = plan_document(plan_id, directory)
    level = document["reporting_units"]["level"]
    rows = db.rows(
        "province_units_of_level",
        {"structure": document["structure"], "province_code": document["province_code"], "level": level},
    )
    choices = {row.unit_code: texts.PLAN_ADMIN_UNIT_OPTION.format(name=row.name, code=row.unit_code) for row in rows}
    current = {row.unit_code: row.name for row in db.rows("plan_reporting_units", {"plan_id": plan_id})}
    return choices | {c: texts.PLAN_ADMIN_UNIT_OPTION.format(name=n, code=c) for c, n in current.items()}


def edit_reporting_units(
    db: Database, user: User, plan_id: str, unit_codes: list[str], directory: Path | None = None
) -> None:
    """Set who reports for the plan, written as the file says it: the level's units, plus or minus a few."""
    _check(user)
    before = plan_document(plan_id, directory)
    document = copy.deepcopy(before)
    units = document["reporting_units"]
    level_units = {
        row.unit_code
        for row in db.rows(
            "province_units_of_level",
            {"structure": document["structure"], "province_code": document["province_code"], "level": units["level"]},
        )
    }
    chosen = set(unit_codes)
    if not chosen:
        raise PlanError(f"{plan_id}.yaml", [texts.PLAN_NO_UNITS])
    units["include"] = sorted(chosen - level_units)
    units["exclude"] = sorted(level_units - chosen)
    _write(db, user, document, directory, before)


def target_changes(
    kind: str, value: float | None, low: float | None, high: float | None, label: str, source: str
) -> dict:
    """The fields a target of `kind` carries, from the form; the others are removed from the file."""
    whole = {n: (int(n) if n is not None and float(n).is_integer() else n) for n in (value, low, high)}
    return {
        "kind": kind,
        "value": whole[value] if kind in ("min_percent", "min_count", "per_month") else None,
        "min": whole[low] if kind == "range" else None,
        "max": whole[high] if kind == "range" else None,
        "label": label.strip(),
        "source": source.strip(),
    }


def number(target: dict, field: str) -> float | None:
    """A target's number as the form's number boxes take it (float), or None when the file has none."""
    value = target.get(field)
    return None if value is None else float(value)


def next_plan_id(plan_id: str, year: int) -> str:
    return YEAR_IN_ID.sub(f"-{year}", plan_id)


def copy_plan(db: Database, user: User, plan_id: str, year: int, directory: Path | None = None) -> str:
    """A plan for `year` with the targets and calendar of `plan_id`; its new id.

    The new plan starts as a draft of the earlier one: document number and date blank until the new
    plan is issued. Across the 2025 reorganisation the units differ, so such a copy is refused.
    """
    _check(user)
    document = plan_document(plan_id, directory)
    new_id = next_plan_id(plan_id, year)
    if new_id == plan_id or _path(new_id, directory).exists():
        raise PlanError(f"{new_id}.yaml", [texts.PLAN_ADMIN_EXISTS.format(plan=new_id)])
    if structure_for_year(year) != document["structure"]:
        raise PlanError(f"{new_id}.yaml", [texts.PLAN_ADMIN_OTHER_STRUCTURE.format(year=year)])
    old_year = str(document["year"])
    document.update(
        plan_id=new_id,
        year=year,
        title=document["title"].replace(old_year, str(year)),
        document_number="",
        issued_on="",
    )
    _write(db, user, document, directory, None)
    return new_id
