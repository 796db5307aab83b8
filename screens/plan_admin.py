"""Changing plans from the administration page: a target, a deadline, or a new year's plan from an earlier one.

The plan files stay the source of truth: a change is written to the plan's YAML file (validated by the same
parser as at start-up, written only if valid) and then loaded, so a restart gives the same plan.
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from core import audit, calendar, texts
from core.auth import User
from core.db import Database
from core.periods import CALENDAR
from core.plans import TARGET_KINDS, PlanError, parse_plan, plans_dir, sync_plans
from core.textnorm import fold
from core.units import structure_for_year
from screens.plan_info import plan_targets_table

YEAR_IN_ID = re.compile(r"-(\d{4})$")  # plan ids end with their year: lang-son-2023
PROVINCE_PREFIX = re.compile(rf"^({'|'.join(texts.PROVINCE_TYPE_WORDS)})\s+")
CURRENT_STRUCTURE = "post2025"  # the provinces a copy may go to, since 1 July 2025
LEVEL_OF_STRUCTURE = {"pre2025": "district", "post2025": "commune"}  # who reports to the province
TARGET_CHOICE_LENGTH = 120  # characters of a target's words in the select box: the rest is in the form


@dataclass(frozen=True)
class TargetForm:
    """A target as its form starts: the plan file's fields (a share as the file writes it, 30 for 30%)."""

    target_id: str
    kind: str
    value: float | None
    low: float | None  # a range's min
    high: float | None  # a range's max
    label: str
    source: str


@dataclass(frozen=True)
class DeadlineForm:
    """A kind of report's deadline as its form starts: the plan's line, or the general default."""

    day: int
    months_after_end: int
    source: str  # the plan's sentence; empty for a default


@dataclass(frozen=True)
class PlansPage:
    """Everything the Kế hoạch và chỉ tiêu page shows and its forms start from."""

    targets_table: pd.DataFrame
    target_choices: dict[str, str]  # target_id -> its words, shortened
    targets: dict[str, TargetForm]  # target_id -> its form
    kind_choices: dict[str, str]  # kind -> its name
    period_types: dict[str, str]  # period type -> the report's name
    deadlines: dict[str, DeadlineForm]  # every period type -> its form
    period_basis: str  # core.periods.PERIOD_BASES
    entry_open_days: int | None  # days after a deadline a unit may still upload; None: never closes
    basis_choices: dict[str, str]  # basis -> its words
    unit_choices: dict[str, str]
    current_units: list[str]  # the units reporting for the plan now
    next_year: int  # the year a copy of the plan is offered for
    copy_provinces: dict[str, str]  # '' (the plan's own province), then the provinces after the 2025 reform

    @property
    def units_as_chips(self) -> bool:
        """Whether the form shows every unit of the plan as a chip to take out (a province's 65-168 communes), or,
        for more than UNIT_CHIPS_MAX, offers units to add and units to take out."""
        return len(self.current_units) <= UNIT_CHIPS_MAX

    @property
    def units_to_add(self) -> dict[str, str]:
        """The units the plan may ask reports from that it does not ask yet."""
        current = set(self.current_units)
        return {code: name for code, name in self.unit_choices.items() if code not in current}


# A chip per unit: 3,321 of them (a plan over the whole country) took the browser a second to draw at every run.
UNIT_CHIPS_MAX = 200


def units_after(page: PlansPage, added: list[str], removed: list[str]) -> list[str]:
    """The plan's reporting units once `added` and `removed`, in the order of the choices."""
    kept = (set(page.current_units) - set(removed)) | set(added)
    return [code for code in page.unit_choices if code in kept]


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
        action = "update" if before else "create"
        judged_before = None if before is None else _judged(before)
        audit.record(tx, user.username, action, "plan", document["plan_id"], judged_before, _judged(document))


def _judged(document: dict) -> dict:
    """What the audit keeps of a plan: its reporting units, targets and calendar, as written."""
    kept = ("reporting_units", "targets", "calendar", "period_basis", "entry_open_days")
    return {key: document.get(key) for key in kept}


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


def edit_period_basis(db: Database, user: User, plan_id: str, basis: str, directory: Path | None = None) -> None:
    """Set how the plan's periods cut the year: calendar periods, or Decree 09/2019's cut-off windows."""
    _check(user)
    before = plan_document(plan_id, directory)
    document = copy.deepcopy(before)
    document["period_basis"] = basis
    _write(db, user, document, directory, before)


def entry_days_saved(days: int | None) -> str:
    """What `edit_entry_days` keeps, in words."""
    what = texts.ENTRY_WINDOW_NEVER if days is None else texts.PLAN_ADMIN_OPEN_DAYS_WHAT.format(days=days)
    return texts.PLAN_ADMIN_OPEN_DAYS_SAVED.format(what=what)


def edit_entry_days(db: Database, user: User, plan_id: str, days: int | None, directory: Path | None = None) -> None:
    """Set how many days after a deadline a unit may still upload (None: entry never closes)."""
    _check(user)
    days = None if days is None else int(days)  # a number field gives a float or an int
    before = plan_document(plan_id, directory)
    document = copy.deepcopy(before)
    if days is None:
        document.pop("entry_open_days", None)
    else:
        document["entry_open_days"] = days
    _write(db, user, document, directory, before)


def unit_choices(db: Database, plan_id: str, directory: Path | None = None) -> dict[str, str]:
    """Units the plan may ask reports from: every unit of its level in the province, and any it already includes."""
    return _unit_choices(db, plan_id, plan_document(plan_id, directory))


def _unit_choices(db: Database, plan_id: str, document: dict) -> dict[str, str]:
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


@dataclass(frozen=True)
class CopiedPlan:
    plan_id: str
    notes: list[str]  # what could not be carried as it was, in words (empty: everything was)


# A target's words that name a level of government that no longer exists after 1 July 2025.
DISTRICT_WORDS = re.compile(rf"\b({'|'.join(texts.DISTRICT_LEVEL_WORDS)})\b", re.IGNORECASE)


def province_choices(db: Database, structure: str) -> dict[str, str]:
    """The provinces of a unit structure, code -> name: where a copied plan may go."""
    return {row.unit_code: row.name for row in db.rows("provinces_of", {"structure": structure})}


def copy_plan(
    db: Database,
    user: User,
    plan_id: str,
    year: int,
    directory: Path | None = None,
    province_code: str | None = None,
) -> CopiedPlan:
    """A plan for `year` with the targets, their sentences and the calendar of `plan_id`; its new id, and what
    could not be carried as it was.

    The new plan starts as a draft: document number, issuer and date blank until it is issued. Across the 2025
    reorganisation (DOMAIN.md section 7) the reporting units are chosen again from the new structure (every
    commune of the province), the province is `province_code` (by default the same code, if it still exists),
    and the programme's owner is the Department of Health.
    """
    _check(user)
    document = plan_document(plan_id, directory)
    structure = structure_for_year(year)
    crossing = structure != document["structure"]
    provinces = province_choices(db, structure)
    code = province_code or document["province_code"]
    if code not in provinces:
        raise PlanError(
            f"{plan_id}.yaml", [texts.PLAN_ADMIN_NO_PROVINCE.format(province=document["province_name"], year=year)]
        )
    province_name = _bare_province_name(provinces[code])
    new_id = next_plan_id(plan_id, year) if code == document["province_code"] else f"{_slug(province_name)}-{year}"
    if new_id == plan_id or _path(new_id, directory).exists():
        raise PlanError(f"{new_id}.yaml", [texts.PLAN_ADMIN_EXISTS.format(plan=new_id)])
    old_year = str(document["year"])
    notes = []
    document.update(
        plan_id=new_id,
        year=year,
        title=document["title"].replace(old_year, str(year)),
        document_number="",
        issued_by="",
        issued_on="",
        province_code=code,
        province_name=province_name,
        structure=structure,
    )
    document.pop("owner", None)  # the new year's owner: Sở Y tế from 2025 (core/plans.owner_of)
    if crossing:
        level = LEVEL_OF_STRUCTURE[structure]
        document["reporting_units"] = {"level": level, "include": [], "exclude": []}
        notes.append(texts.PLAN_ADMIN_UNITS_RECHOSEN.format(year=year, level=texts.LEVEL_NAMES[level]))
        notes += [
            texts.PLAN_ADMIN_DISTRICT_WORDS.format(target=t["label"])
            for t in document["targets"]
            if DISTRICT_WORDS.search(t["label"]) or DISTRICT_WORDS.search(t.get("source", ""))
        ]
    _write(db, user, document, directory, None)
    return CopiedPlan(new_id, notes)


def _bare_province_name(name: str) -> str:
    """'Tỉnh Lạng Sơn' -> 'Lạng Sơn', 'Thành phố Hải Phòng' -> 'Hải Phòng': how plans name their province."""
    return PROVINCE_PREFIX.sub("", name)


def _slug(name: str) -> str:
    """'Hải Phòng' -> 'hai-phong': a plan id's province part."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


# --- the page ----------------------------------------------------------------------


def _target_form(target: dict) -> TargetForm:
    return TargetForm(
        target_id=target["target_id"],
        kind=target["kind"],
        value=number(target, "value"),
        low=number(target, "min"),
        high=number(target, "max"),
        label=target["label"],
        source=target["source"],
    )


def _deadline_forms(document: dict) -> dict[str, DeadlineForm]:
    """Each kind of report's line of the plan's calendar; a kind without one starts from the general default."""
    lines = {line["period_type"]: line for line in document.get("calendar", [])}
    forms = {}
    for period_type in texts.PERIOD_TYPE_LABELS:
        default = calendar.DEFAULT_RULES[period_type]
        line = lines.get(period_type, {})
        forms[period_type] = DeadlineForm(
            day=line.get("deadline_day", default.day),
            months_after_end=line.get("months_after_end", default.months_after_end),
            source=line.get("source", ""),
        )
    return forms


def plans_page(db: Database, plan_id: str, directory: Path | None = None) -> PlansPage:
    """The plan as its file says it (what the forms edit), with the targets as the database has them."""
    document = plan_document(plan_id, directory)
    targets = {t["target_id"]: _target_form(t) for t in document["targets"]}
    return PlansPage(
        targets_table=plan_targets_table(db, plan_id),
        target_choices={tid: t.label[:TARGET_CHOICE_LENGTH] for tid, t in targets.items()},
        targets=targets,
        kind_choices={kind: texts.TARGET_KIND_NAMES[kind] for kind in TARGET_KINDS},
        period_types=dict(texts.PERIOD_TYPE_LABELS),
        deadlines=_deadline_forms(document),
        period_basis=document.get("period_basis", CALENDAR),
        entry_open_days=document.get("entry_open_days"),
        basis_choices=dict(texts.PERIOD_BASIS_CHOICES),
        unit_choices=_unit_choices(db, plan_id, document),
        current_units=[row.unit_code for row in db.rows("plan_reporting_units", {"plan_id": plan_id})],
        next_year=document["year"] + 1,
        copy_provinces={"": texts.PLAN_ADMIN_SAME_PROVINCE, **province_choices(db, CURRENT_STRUCTURE)},
    )
