"""The engine tests' plan, test-ninh-thuan-2023 (tests/fixtures/plans), and its hand-built reports.

The 7 districts of Ninh Thuận (582, 584-589), quarterly reports due on the 15th of the quarter's last month.
Three districts report:

  unit  period  received          TT01 TT02 TT04 KT01 KT02
  582   Q1      2023-03-10        16    8    2   40   10
  582   Q2      2023-06-12        16   12    3   40   20
  584   Q1      2023-03-20 late    9    9    1   10    1    (no Q2: carried forward)
  585   Q1      2023-03-15 16:00   5    1    0    2    2
  585   Q2      2023-06-14         5    2    4    2    2    (first version)
  585   Q2      2023-06-20         5    4    1    2    2    (correction, replaces it)
"""

from pathlib import Path

from core.db import Database
from core.plans import sync_plans
from tests.support.forms import record_reports

PLAN = "test-ninh-thuan-2023"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

REPORTS = [
    ("582", "2023Q1", "2023-03-10 09:00", {"TT01": 16, "TT02": 8, "TT04": 2, "KT01": 40, "KT02": 10}),
    ("582", "2023Q2", "2023-06-12 09:00", {"TT01": 16, "TT02": 12, "TT04": 3, "KT01": 40, "KT02": 20}),
    ("584", "2023Q1", "2023-03-20 09:00", {"TT01": 9, "TT02": 9, "TT04": 1, "KT01": 10, "KT02": 1}),
    ("585", "2023Q1", "2023-03-15 16:00", {"TT01": 5, "TT02": 1, "TT04": 0, "KT01": 2, "KT02": 2}),
    ("585", "2023Q2", "2023-06-14 09:00", {"TT01": 5, "TT02": 2, "TT04": 4, "KT01": 2, "KT02": 2}),
    ("585", "2023Q2", "2023-06-20 09:00", {"TT01": 5, "TT02": 4, "TT04": 1, "KT01": 2, "KT02": 2}),
]


def load(db: Database, reports=REPORTS):
    """The reports above (or `reports`), recorded one after the other."""
    return record_reports(db, reports)


def install(db: Database) -> Database:
    """The plan installed and its reports recorded."""
    sync_plans(db, FIXTURES / "plans")
    load(db)
    return db
