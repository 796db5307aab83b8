"""Data the pages show, shaped and worded for display (Vietnamese columns, formatted numbers)."""

from __future__ import annotations

import pandas as pd

from core import fmt, texts
from core.db import Database
from core.periods import periods_of_year


def plans_table(db: Database) -> pd.DataFrame:
    frame = db.frame("list_plans")
    return pd.DataFrame(
        {
            "Mã kế hoạch": frame["plan_id"],
            "Tỉnh, thành phố": frame["province_name"],
            "Năm": frame["year"].astype(str),
            "Số hiệu văn bản": frame["document_number"],
            "Tên kế hoạch": frame["title"],
            "Đơn vị báo cáo": frame["count_units"].map(fmt.count),
            "Chỉ tiêu": frame["count_targets"].map(fmt.count),
        }
    )


def plan_header(db: Database, plan_id: str) -> dict:
    row = next(r for r in db.rows("list_plans") if r[0] == plan_id)
    keys = (
        "plan_id",
        "province_code",
        "province_name",
        "year",
        "structure",
        "title",
        "document_number",
        "issued_by",
        "issued_on",
        "source_file",
        "count_units",
        "count_targets",
    )
    return dict(zip(keys, row, strict=True))


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
            "target_id": target_id,
            "indicator_code": indicator_code,
            "indicator_name": indicator_name or texts.NOT_ON_FORM,
            "target_text": target_text(kind, value_min, value_max),
            "label": label,
            "source": source,
        }
        for target_id, indicator_code, indicator_name, kind, value_min, value_max, label, source in db.rows(
            "plan_targets", {"plan_id": plan_id}
        )
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
    order = {"quarter": 0, "half_year": 1, "year": 2}
    rows = sorted(db.rows("plan_deadlines", {"plan_id": plan_id}), key=lambda r: order[r[0]])
    return [
        {
            "report": texts.PERIOD_TYPE_LABELS[ptype],
            "rule": deadline_text(day, after),
            "source": source or "",
            "is_default": is_default,
        }
        for ptype, day, after, is_default, source in rows
    ]


def data_status(db: Database, plan_id: str, unit_codes: tuple[str, ...] | None = None) -> dict:
    """Where the data of the plan's year stands: reports received per period, of every unit or, for a unit's
    staff, of `unit_codes` only (the province's counts are not theirs to see)."""
    plan = plan_header(db, plan_id)
    expected = plan["count_units"]
    if unit_codes is not None:
        plan_units = {row[0] for row in db.rows("plan_reporting_units", {"plan_id": plan_id})}
        expected = len(plan_units & set(unit_codes))
    received = {
        code: (units, last)
        for code, _end, units, last in db.rows(
            "plan_data_summary",
            {"plan_id": plan_id, "year": plan["year"], "unit_codes": None if unit_codes is None else list(unit_codes)},
        )
    }
    periods = [
        {
            "period_code": p.code,
            "period": p.label,
            "units_reported": received[p.code][0],
            "units_expected": expected,
            "text": texts.UNITS_REPORTED.format(current=received[p.code][0], expected=expected, period=p.in_sentence),
            "last_received_at": received[p.code][1],
        }
        for p in periods_of_year(plan["year"])
        if p.code in received
    ]
    return {
        "has_data": bool(periods),
        "periods": periods,
        "latest_period": periods[-1]["period_code"] if periods else None,
    }
