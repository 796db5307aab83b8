"""What the pages' selectors offer: a plan's periods and units, and sensible defaults."""

from __future__ import annotations

from datetime import date

from core import calendar, texts
from core.auth import User
from core.db import Database
from core.periods import parse_period, periods_of_year, window_label

PERIOD_TYPES_SHOWN = ("quarter", "half_year", "year")


def plan_choices(db: Database) -> dict[str, str]:
    """plan_id -> 'Lạng Sơn 2023 — title', newest first."""
    return {row.plan_id: f"{row.province_name} {row.year} — {row.title}" for row in db.rows("list_plans")}


def plan_year(db: Database, plan_id: str) -> int:
    return db.one("plan_row", {"plan_id": plan_id}).year


def period_choices(db: Database, plan_id: str) -> dict[str, str]:
    """The plan year's periods in calendar order (the second half-year is not a report: core.calendar), each named
    with the window of days its figures cover when the plan uses Decree 09/2019's cut-off windows."""
    plan = db.one("plan_row", {"plan_id": plan_id})
    return {p.code: window_label(p, plan.period_basis) for p in periods_of_year(plan.year) if calendar.is_reported(p)}


def default_period(db: Database, plan_id: str, today: date | None = None) -> str:
    """The latest period with a report; else the latest period already begun; else the first."""
    codes = list(period_choices(db, plan_id))
    params = {"plan_id": plan_id, "year": plan_year(db, plan_id), "unit_codes": None}
    with_data = [row.period_code for row in db.rows("plan_data_summary", params)]
    with_data = [c for c in with_data if c in codes]
    if with_data:
        return max(with_data, key=lambda c: (parse_period(c).end, -parse_period(c).months))
    begun = [c for c in codes if parse_period(c).start <= (today or date.today())]
    return begun[-1] if begun else codes[0]


def unit_choices(db: Database, plan_id: str) -> dict[str, str]:
    """The province first, then each reporting unit."""
    plan = db.one("plan_row", {"plan_id": plan_id})
    return {
        plan.province_code: texts.WHOLE_PROVINCE.format(name=plan.province_name),
        **reporting_unit_choices(db, plan_id),
    }


def reporting_unit_choices(db: Database, plan_id: str) -> dict[str, str]:
    """The units that send the plan's reports, in code order."""
    return {row.unit_code: row.name for row in db.rows("plan_reporting_units", {"plan_id": plan_id})}


def users_reporting_units(db: Database, plan_id: str, user: User) -> dict[str, str]:
    """The plan's reporting units `user` may see and submit for (a unit's staff: their own), in code order."""
    reporting = reporting_unit_choices(db, plan_id)
    return {code: reporting[code] for code in user.visible_units(list(reporting))}
