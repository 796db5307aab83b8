"""`python -m bench.communes`: the largest province after the 2025 reform, TP Hồ Chí Minh's 168 communes (issue 19).

Its 2018 plan is copied to 2026 as the Kế hoạch page copies it (every commune reporting), the first three quarters and
the half-year of reports are made by the demo's generator and loaded in one batch, and then every page is rendered
headless (bench/pages.py: first render on cold caches, re-render) and the meeting pack made (PPTX and PDF). Every
commune has a contact with an e-mail address: the day's e-mail is composed on two days, three days before the fourth
quarter's deadline (a reminder to each of the 168) and the day after the third's (late notices and the digest with
its meeting pack).
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime, timedelta
from pathlib import Path

from bench.pages import page_timings
from bench.timing import timed
from core.auth import User
from core.bootstrap import open_database
from core.calendar import plan_deadline
from core.periods import parse_period
from core.plans import PLANS_DIR, PLANS_ENV_VAR
from etl.demo import DemoYear, generate_reports, write_form
from etl.loader import load_files
from meeting.pack import meeting_pack
from meeting.pdf import pack_pdf
from meeting.pptx import pack_pptx
from notify.due import due_mail
from screens.plan_admin import copy_plan
from tests.support.browser import with_accounts

CACHE = Path(__file__).resolve().parent / ".cache" / "communes"
SOURCE_PLAN, YEAR, PERIOD = "tp-hcm-2018", 2026, "2026Q3"
RECEIVED = datetime(2026, 11, 30, 17)  # every report in by the day the pages are looked at
HCM_YEAR = DemoYear(
    seed=2026,
    missing=frozenset({("25747", "2026Q3"), ("25750", "2026Q3"), ("25760", "2026Q2")}),
    late_days={("25747", "2026Q1"): 4},
    corrected=("25750", "2026Q2"),
    received_by=RECEIVED,
    variations=False,
)


def build(folder: Path) -> tuple[Path, str]:
    """The database with the 2026 plan and its reports; its path and the plan's id."""
    shutil.rmtree(folder, ignore_errors=True)
    plans = folder / "plans"
    shutil.copytree(PLANS_DIR, plans, ignore=shutil.ignore_patterns("README.md"))
    os.environ[PLANS_ENV_VAR] = str(plans)  # the copy is written there, and read at every open
    db = open_database(folder / "kpi.duckdb")
    plan_id = copy_plan(db, User("bench", "bench", "secretariat"), SOURCE_PLAN, YEAR, plans).plan_id
    reports = generate_reports(db, plan_id, HCM_YEAR)
    paths = [
        write_form(db, r, folder / "forms" / f"{n:04d}_{r.unit_code}_{r.period_code}.xlsx")
        for n, r in enumerate(reports)
    ]
    results = load_files(db, paths, sender="bench", received_at=RECEIVED, reason="bench")
    print(f"  {len(reports)} forms, {sum(r.status == 'accepted' for r in results)} accepted")
    with db.transaction() as tx:
        for row in db.rows("plan_reporting_units", {"plan_id": plan_id}):
            contact = {"unit_code": row.unit_code, "name": "bench", "role": "bench", "phone": None}
            tx.run(
                "insert_unit_contact",
                contact | {"email": f"{row.unit_code}@bench.example", "added_by": "bench", "added_at": RECEIVED},
            )
        tx.run(
            "insert_digest_recipient",
            {"name": "bench", "email": "bcd@bench.example", "added_by": "bench", "added_at": RECEIVED},
        )
    db.close()
    return with_accounts(folder / "kpi.duckdb"), plan_id


def main() -> int:
    db_path, plan_id = build(CACHE)
    os.environ["KPI_DB"] = str(db_path)  # the pages' database
    db = open_database(db_path)
    pack = timed(lambda: meeting_pack(db, plan_id, PERIOD, today=RECEIVED.date()), runs=5)
    made = meeting_pack(db, plan_id, PERIOD, today=RECEIVED.date())
    pptx = timed(lambda: pack_pptx(made), runs=3)
    pdf = timed(lambda: pack_pdf(made), runs=3)
    q3, q4 = (plan_deadline(db, plan_id, parse_period(code)) for code in (PERIOD, "2026Q4"))
    for day, what in ((q4 - timedelta(days=3), "reminders"), (q3 + timedelta(days=1), "late notices and digest")):
        mail = timed(lambda day=day: due_mail(db, day), runs=3)
        made_mail = due_mail(db, day)
        print(f"e-mail due {day} ({what}): {len(made_mail.planned)} letters, p50 {mail.p50 * 1000:,.0f} ms")
    db.close()
    print(
        f"meeting pack content p50 {pack.p50 * 1000:,.0f} ms, PPTX p50 {pptx.p50 * 1000:,.0f} ms, "
        f"PDF p50 {pdf.p50 * 1000:,.0f} ms "
        f"({len(made.targets)} targets, {len(made.lagging)} + {made.lagging_more} lagging)"
    )
    for page in page_timings(str(db_path), {"plan": plan_id, "period": PERIOD}, first_runs=3, rerender_runs=5):
        print(
            f"{page.page}\tfirst p50 {page.first.p50 * 1000:,.0f} ms p95 {page.first.p95 * 1000:,.0f} ms\t"
            f"re-render p50 {page.rerender.p50 * 1000:,.0f} ms p95 {page.rerender.p95 * 1000:,.0f} ms\t"
            f"{page.problem or ''}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
