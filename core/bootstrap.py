"""Open the database ready for use: schema migrated, catalogue, periods, units and plans installed."""

from __future__ import annotations

from pathlib import Path

from core.catalog import install_catalogue
from core.db import Database
from core.periods import all_periods
from core.plans import sync_plans
from core.units import install_units


def open_database(path: Path | str | None = None, *, linger: float = 2.0, wait: float | None = None) -> Database:
    """Every step is idempotent, so this runs at each start of the app or the command line.

    `linger` and `wait`: how long the file stays open after use and how long to wait for another
    process to let it go (see `Database`)."""
    db = Database(path, linger=linger, wait=wait)
    with db.transaction() as tx:
        install_catalogue(tx)
        tx.run_columns(
            "upsert_periods",
            {},
            [
                {
                    "period_code": p.code,
                    "period_type": p.period_type,
                    "year": p.year,
                    "start_date": p.start,
                    "end_date": p.end,
                }
                for p in all_periods()
            ],
        )
        install_units(tx)
    sync_plans(db)
    return db
