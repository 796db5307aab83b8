"""The indicator engine on the national database: one province, the whole country, the whole scorecard."""

from __future__ import annotations

from bench.forms import PROVINCE
from bench.plans import national_plan_id, provincial_plan_id
from bench.timing import Timing, timed
from core.db import Database
from core.engine import clear_shared, compute_indicators
from screens.scorecard import scorecard
from web.ui import collect_as_the_server


def indicator_timings(db: Database, year: int, runs: int, scorecard_runs: int) -> dict[str, Timing]:
    """Each measure for the last quarter of `year` (every report of the year counts), in this process set to collect
    garbage as the server does once settled: what the earlier stages left here is set aside (a server holds none of
    it, and a full collection would walk it at the engine's expense), young collections as rare as the server's."""
    collect_as_the_server()
    period = f"{year}Q4"
    national, provincial = national_plan_id(year), provincial_plan_id(year)
    return {
        "province": timed(lambda: compute_indicators(db, provincial, period), runs),
        "province_in_national": timed(lambda: compute_indicators(db, national, period, unit_code=PROVINCE), runs),
        "national": timed(lambda: compute_indicators(db, national, period), runs),
        "scorecard": timed(lambda: _scorecard(db, national, period), scorecard_runs),
    }


def _scorecard(db: Database, plan_id: str, period: str):
    """The scorecard from the data, not from the results the engine shares between pages (as after new data)."""
    clear_shared()
    return scorecard(db, plan_id, period)
