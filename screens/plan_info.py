"""A plan as the pages describe it: its row of the list of plans, and its targets in words."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core import texts
from core.db import Database
from screens.targets import target_text


@dataclass(frozen=True)
class PlanTarget:
    target_id: str
    indicator_code: str | None  # None: the form does not measure it
    indicator_name: str
    target_text: str  # 'Tối thiểu 30%'
    label: str  # the plan's own words
    source: str  # the plan's sentence


def plan_header(db: Database, plan_id: str):
    """The plan's row of the query list_plans (plan_id, province_code, province_name, year, title, count_units...)."""
    return next(row for row in db.rows("list_plans") if row.plan_id == plan_id)


def plan_targets(db: Database, plan_id: str) -> list[PlanTarget]:
    """The plan's targets with their source sentences, in plan order."""
    return [
        PlanTarget(
            target_id=target.target_id,
            indicator_code=target.indicator_code,
            indicator_name=target.indicator_name or texts.NOT_ON_FORM,
            target_text=target_text(target.kind, target.value_min, target.value_max),
            label=target.label,
            source=target.source_text,
        )
        for target in db.rows("plan_targets", {"plan_id": plan_id})
    ]


def plan_targets_table(db: Database, plan_id: str) -> pd.DataFrame:
    """The plan's targets as the administration page lists them."""
    return pd.DataFrame(
        [(t.target_id, t.label, t.target_text, t.indicator_name) for t in plan_targets(db, plan_id)],
        columns=list(texts.PLAN_ADMIN_COLUMNS),
    )
