"""Plan files (data/plans/*.yaml): validation with every problem listed, and installation."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from core import audit, texts
from core.catalog import load_indicators
from core.db import ROOT, Database, Transaction
from core.periods import CALENDAR, PERIOD_BASES, PERIOD_TYPES
from core.units import STRUCTURES

PLANS_DIR = ROOT / "data" / "plans"
PLANS_ENV_VAR = "KPI_PLANS"  # another folder of plan files (a deployment's own, or a test's copy)
TARGET_KINDS = ("min_percent", "all", "min_count", "range", "per_month", "monitor")
UNIT_LEVELS = ("province", "district", "commune")
MAX_ENTRY_OPEN_DAYS = 366  # entry_open_days: at most a year after a deadline
HEALTH_SECTOR_FROM = 2025  # the programme moved from the Department of Labour to Health on 1 March 2025
# Kinds whose target is a share: they apply to every unit, not only to the province.
SHARE_KINDS = ("min_percent", "all")


@dataclass(frozen=True)
class Target:
    target_id: str
    indicator_code: str | None
    kind: str
    value_min: float | None  # a fraction for shares, a count otherwise
    value_max: float | None
    label: str
    source: str


@dataclass(frozen=True)
class Deadline:
    period_type: str
    day: int
    months_after_end: int
    is_default: bool
    source: str | None


@dataclass
class Plan:
    plan_id: str
    province_code: str
    province_name: str
    year: int
    structure: str
    title: str
    document_number: str
    issued_by: str
    issued_on: str
    source_file: str
    owner: str  # the agency that owns the programme; '' in the file: derived from the year (owner_of)
    period_basis: str  # core.periods.PERIOD_BASES: calendar periods, or Decree 09/2019's cut-off windows
    entry_open_days: int | None  # days after a deadline a unit may still upload; None: entry never closes
    units_level: str
    include: list[str]
    exclude: list[str]
    deadlines: list[Deadline]
    targets: list[Target]
    file_sha256: str = ""
    file_name: str = field(default="", repr=False)


class PlanError(ValueError):
    """A plan file that cannot be used; `problems` lists every reason, in Vietnamese."""

    def __init__(self, file_name: str, problems: list[str]):
        self.file_name, self.problems = file_name, problems
        header = texts.PLAN_ERRORS_HEADER.format(file=file_name, count=len(problems))
        super().__init__("\n".join([header, *(f"- {p}" for p in problems)]))


class _Checker:
    """Reads fields of a YAML mapping, noting every problem instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def get(self, data: Any, name: str, kind: type | tuple, label: str, required: bool = True) -> Any:
        if not isinstance(data, dict) or name not in data or data[name] is None:
            if required:
                self.problems.append(texts.PLAN_MISSING_FIELD.format(field=label))
            return None
        value = data[name]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            expected = texts.PLAN_TYPE_NAMES.get(kind, texts.PLAN_TYPE_NUMBER)
            self.problems.append(texts.PLAN_WRONG_TYPE.format(field=label, expected=expected, found=value))
            return None
        return value

    def choice(self, data: Any, name: str, choices: tuple, label: str) -> Any:
        value = self.get(data, name, str, label)
        if value is not None and value not in choices:
            self.problems.append(texts.PLAN_BAD_CHOICE.format(field=label, choices=", ".join(choices), found=value))
            return None
        return value


def _parse_target(check: _Checker, raw: Any, n: int, indicator_codes: set[str]) -> Target | None:
    label_prefix = f"targets[{n}]"
    target_id = check.get(raw, "target_id", str, f"{label_prefix}.target_id") or label_prefix
    indicator = check.get(raw, "indicator", str, f"{target_id}.indicator", required=False)
    if indicator is not None and indicator not in indicator_codes:
        check.problems.append(texts.PLAN_BAD_INDICATOR.format(target=target_id, found=indicator))
    kind = check.choice(raw, "kind", TARGET_KINDS, f"{target_id}.kind")
    label = check.get(raw, "label", str, f"{target_id}.label")
    source = check.get(raw, "source", str, f"{target_id}.source")
    value_min = value_max = None
    number = (int, float)
    if kind in ("min_percent", "min_count", "per_month"):
        value_min = check.get(raw, "value", number, f"{target_id}.value")
        if value_min is not None and value_min <= 0:
            check.problems.append(texts.PLAN_NEEDS_VALUE.format(target=target_id, kind=kind, field="value"))
        if kind == "min_percent" and value_min is not None:
            value_min = value_min / 100
    elif kind == "all":
        value_min = 1.0
    elif kind == "range":
        value_min = check.get(raw, "min", number, f"{target_id}.min")
        value_max = check.get(raw, "max", number, f"{target_id}.max")
        if value_min is not None and value_max is not None and value_min > value_max:
            check.problems.append(texts.PLAN_BAD_RANGE.format(target=target_id, min=value_min, max=value_max))
    if None in (kind, label, source):
        return None
    return Target(target_id, indicator, kind, value_min, value_max, label.strip(), source.strip())


def _parse_deadline(check: _Checker, raw: Any, n: int) -> Deadline | None:
    period_type = check.choice(raw, "period_type", PERIOD_TYPES, f"calendar[{n}].period_type")
    label = period_type or f"calendar[{n}]"
    day = check.get(raw, "deadline_day", int, f"{label}.deadline_day")
    if day is not None and not 1 <= day <= 31:
        check.problems.append(texts.PLAN_BAD_DAY.format(period_type=label, found=day))
    months_after = check.get(raw, "months_after_end", int, f"{label}.months_after_end")
    is_default = bool(check.get(raw, "default", bool, f"{label}.default", required=False))
    source = check.get(raw, "source", str, f"{label}.source", required=False)
    if not is_default and not source:
        check.problems.append(texts.PLAN_NO_SOURCE.format(period_type=label))
    if None in (period_type, day, months_after):
        return None
    return Deadline(period_type, day, months_after, is_default, source.strip() if source else None)


def parse_plan(path: Path) -> Plan:
    """Read and validate one plan file; raise PlanError listing every problem."""
    raw_bytes = path.read_bytes()
    check = _Checker()
    try:
        # NFC: some sources come in decomposed form (NFD) and must compare equal.
        data = yaml.load(unicodedata.normalize("NFC", raw_bytes.decode("utf-8")), Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PlanError(path.name, [texts.PLAN_BAD_YAML.format(error=exc)]) from exc
    if not isinstance(data, dict):
        expected = texts.PLAN_TYPE_NAMES[dict]
        problem = texts.PLAN_WRONG_TYPE.format(
            field=texts.PLAN_WHOLE_FILE, expected=expected, found=type(data).__name__
        )
        raise PlanError(path.name, [problem])
    fields = {
        name: check.get(data, name, str, name)
        for name in (
            "plan_id",
            "province_code",
            "province_name",
            "title",
            "document_number",
            "issued_by",
            "issued_on",
            "source_file",
        )
    }
    if fields["plan_id"] and fields["plan_id"] != path.stem:
        check.problems.append(texts.PLAN_BAD_ID.format(found=fields["plan_id"], file=path.name))
    owner = check.get(data, "owner", str, "owner", required=False) or ""
    basis = check.choice(data, "period_basis", PERIOD_BASES, "period_basis") if "period_basis" in data else CALENDAR
    open_days = check.get(data, "entry_open_days", int, "entry_open_days", required=False)
    if open_days is not None and not 0 <= open_days <= MAX_ENTRY_OPEN_DAYS:
        check.problems.append(texts.PLAN_BAD_OPEN_DAYS.format(found=open_days, most=MAX_ENTRY_OPEN_DAYS))
    year = check.get(data, "year", int, "year")
    structure = check.choice(data, "structure", tuple(STRUCTURES), "structure")
    units = check.get(data, "reporting_units", dict, "reporting_units") or {}
    level = check.choice(units, "level", UNIT_LEVELS, "reporting_units.level")
    include = check.get(units, "include", list, "reporting_units.include", required=False) or []
    exclude = check.get(units, "exclude", list, "reporting_units.exclude", required=False) or []
    calendar = check.get(data, "calendar", list, "calendar") or []
    deadlines = [d for n, raw in enumerate(calendar) if (d := _parse_deadline(check, raw, n))]
    indicator_codes = {i.code for i in load_indicators()}
    raw_targets = check.get(data, "targets", list, "targets") or []
    targets = [t for n, raw in enumerate(raw_targets) if (t := _parse_target(check, raw, n, indicator_codes))]
    seen_targets, seen_indicators = set(), set()
    for t in targets:
        if t.target_id in seen_targets:
            check.problems.append(texts.PLAN_DUPLICATE_TARGET.format(target=t.target_id))
        if t.indicator_code and t.indicator_code in seen_indicators:
            check.problems.append(texts.PLAN_DUPLICATE_INDICATOR.format(found=t.indicator_code))
        seen_targets.add(t.target_id)
        seen_indicators.add(t.indicator_code or None)
    if check.problems:
        raise PlanError(path.name, check.problems)
    return Plan(
        **fields,
        year=year,
        structure=structure,
        owner=owner,
        period_basis=basis,
        entry_open_days=open_days,
        units_level=level,
        include=[str(c) for c in include],
        exclude=[str(c) for c in exclude],
        deadlines=deadlines,
        targets=targets,
        file_sha256=hashlib.sha256(raw_bytes).hexdigest(),
        file_name=path.name,
    )


def plans_dir() -> Path:
    """Where the plan files live: the administration pages write there, every start reads from there."""
    return Path(os.environ.get(PLANS_ENV_VAR, PLANS_DIR))


def plan_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or plans_dir()).glob("*.yaml"))


def owner_of(year: int, province_name: str) -> str:
    """The agency that owns the programme in a province in `year` when the plan does not say: the Department of
    Labour until 2024, the Department of Health from 2025 (the programme moved on 1 March 2025)."""
    template = texts.OWNER_HEALTH if year >= HEALTH_SECTOR_FROM else texts.OWNER_LABOUR
    return template.format(province=province_name)


def install_plan(tx: Transaction, plan: Plan) -> None:
    """Replace the plan in the database with this version (within the caller's transaction)."""
    key = {"plan_id": plan.plan_id}
    for statement in ("delete_plan_targets", "delete_plan_deadlines", "delete_plan_units", "delete_plan"):
        tx.run(statement, key)
    tx.run(
        "insert_plan",
        {
            **key,
            "province_code": plan.province_code,
            "province_name": plan.province_name,
            "year": plan.year,
            "structure": plan.structure,
            "title": plan.title,
            "document_number": plan.document_number,
            "issued_by": plan.issued_by,
            "issued_on": plan.issued_on,
            "source_file": plan.source_file,
            "file_sha256": plan.file_sha256,
            "owner": plan.owner or owner_of(plan.year, _province_words(tx, plan)),
            "period_basis": plan.period_basis,
            "entry_open_days": plan.entry_open_days,
        },
    )
    unknown = [
        row.code
        for row in tx.run(
            "unknown_units", {"codes": [plan.province_code, *plan.include, *plan.exclude], "structure": plan.structure}
        )
    ]
    if unknown:
        raise PlanError(
            plan.file_name, [texts.PLAN_UNKNOWN_UNITS.format(structure=plan.structure, codes=", ".join(unknown))]
        )
    tx.run(
        "insert_plan_units_by_level",
        {
            **key,
            "structure": plan.structure,
            "level": plan.units_level,
            "province_code": plan.province_code,
            "exclude": plan.exclude,
        },
    )
    tx.run("insert_plan_units", {**key, "unit_codes": list(plan.include)})
    if not tx.run("count_plan_units", key)[0].count_units:
        raise PlanError(plan.file_name, [texts.PLAN_NO_UNITS])
    tx.run_many(
        "insert_deadline",
        [
            {
                **key,
                "period_type": d.period_type,
                "deadline_day": d.day,
                "months_after_end": d.months_after_end,
                "is_default": d.is_default,
                "source_text": d.source,
            }
            for d in plan.deadlines
        ],
    )
    tx.run_many(
        "insert_target",
        [
            {
                **key,
                "target_id": t.target_id,
                "indicator_code": t.indicator_code,
                "kind": t.kind,
                "value_min": t.value_min,
                "value_max": t.value_max,
                "label": t.label,
                "source_text": t.source,
                "sort_order": n,
            }
            for n, t in enumerate(plan.targets)
        ],
    )


def _province_words(tx: Transaction, plan: Plan) -> str:
    """'tỉnh Lạng Sơn', 'thành phố Hải Phòng': the province as it follows an agency's name."""
    row = tx.run("unit_by_code", {"structure": plan.structure, "unit_code": plan.province_code})
    name = row[0].name if row else plan.province_name
    return name[0].lower() + name[1:]


def sync_plans(db: Database, directory: Path | None = None, actor: str = "system") -> list[str]:
    """Install every plan file whose content changed since it was loaded; return their ids.

    All files are validated first: one bad file stops the sync before anything is written.
    """
    plans = [parse_plan(path) for path in plan_files(directory)]
    changed = []
    with db.transaction() as tx:
        for plan in plans:
            previous = tx.run("plan_file_hash", {"plan_id": plan.plan_id})
            if previous and previous[0].file_sha256 == plan.file_sha256:
                continue
            install_plan(tx, plan)
            action = "update" if previous else "create"
            after = {"file_sha256": plan.file_sha256, "file": plan.file_name}
            audit.record(tx, actor, action, "plan", plan.plan_id, after=after)
            changed.append(plan.plan_id)
    return changed
