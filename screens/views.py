"""Data the pages show, shaped and worded for display (Vietnamese columns, formatted numbers)."""

from __future__ import annotations

import pandas as pd

from core import calendar, fmt, texts
from core.db import Database
from core.periods import periods_of_year


def plans_table(db: Database) -> pd.DataFrame:
    frame = db.frame("list_plans")
    shown = {
        "plan_id": frame["plan_id"],
        "province_name": frame["province_name"],
        "year": frame["year"].astype(str),
        "document_number": frame["document_number"],
        "title": frame["title"],
        "count_units": frame["count_units"].map(fmt.count),
        "count_targets": frame["count_targets"].map(fmt.count),
    }
    return pd.DataFrame({texts.HOME_PLANS_COLUMNS[column]: values for column, values in shown.items()})


def plan_header(db: Database, plan_id: str) -> dict:
    """The plan's row of list_plans as a dict (plan_id, province_name, year, title, count_units, ...)."""
    return next(r for r in db.rows("list_plans") if r.plan_id == plan_id)._asdict()


def target_text(kind: str, value_min: float | None, value_max: float | None) -> str:
    """The target as a committee member reads it: 'Tối thiểu 30,0%', 'Từ 6 đến 8'."""
    template = texts.TARGET_KIND_LABELS[kind]
    if kind == "min_percent":
        return template.format(value=fmt.percent(value_min, 0))
    if kind == "range":
        return template.format(min=fmt.count(value_min), max=fmt.count(value_max))
    return template.format(value=fmt.count(value_min))


def plan_targets(db: Database, plan_id: str) -> list[dict]:
    """The plan's targets with their source sentences, in plan order."""
    return [
        {
            "target_id": target.target_id,
            "indicator_code": target.indicator_code,
            "indicator_name": target.indicator_name or texts.NOT_ON_FORM,
            "target_text": target_text(target.kind, target.value_min, target.value_max),
            "label": target.label,
            "source": target.source_text,
        }
        for target in db.rows("plan_targets", {"plan_id": plan_id})
    ]


def plan_targets_table(db: Database, plan_id: str) -> pd.DataFrame:
    """The plan's targets as the administration page lists them."""
    rows = plan_targets(db, plan_id)
    return pd.DataFrame(
        [(t["target_id"], t["label"], t["target_text"], t["indicator_name"]) for t in rows],
        columns=list(texts.PLAN_ADMIN_COLUMNS),
    )


def deadline_text(day: int, months_after_end: int) -> str:
    month = (
        texts.DEADLINE_MONTH_LAST if months_after_end == 0 else texts.DEADLINE_MONTH_AFTER.format(n=months_after_end)
    )
    return texts.DEADLINE_RULE.format(day=day, month=month)


def plan_calendar(db: Database, plan_id: str) -> list[dict]:
    return [
        {
            "report": texts.PERIOD_TYPE_LABELS[ptype],
            "rule": deadline_text(rule.day, rule.months_after_end),
            "source": rule.source or "",
            "is_default": rule.is_default,
        }
        for ptype, rule in calendar.plan_rules(db, plan_id).items()
    ]


def data_status(db: Database, plan_id: str, unit_codes: tuple[str, ...] | None = None) -> dict:
    """Where the data of the plan's year stands: reports received per period, of every unit or, for a unit's
    staff, of `unit_codes` only (the province's counts are not theirs to see)."""
    plan = plan_header(db, plan_id)
    expected = plan["count_units"]
    if unit_codes is not None:
        plan_units = {row.unit_code for row in db.rows("plan_reporting_units", {"plan_id": plan_id})}
        expected = len(plan_units & set(unit_codes))
    received = {
        row.period_code: row
        for row in db.rows(
            "plan_data_summary",
            {"plan_id": plan_id, "year": plan["year"], "unit_codes": None if unit_codes is None else list(unit_codes)},
        )
    }
    periods = [
        {
            "period_code": p.code,
            "period": p.label,
            "units_reported": received[p.code].count_units,
            "units_expected": expected,
            "text": texts.UNITS_REPORTED.format(
                current=received[p.code].count_units, expected=expected, period=p.in_sentence
            ),
            "last_received_at": received[p.code].last_received_at,
        }
        for p in periods_of_year(plan["year"])
        if p.code in received
    ]
    return {
        "has_data": bool(periods),
        "periods": periods,
        "latest_period": periods[-1]["period_code"] if periods else None,
    }
