"""Duyệt báo cáo: the secretariat reviews each unit's report of a period (issue 20, item 1): the list with each
report's state, then one report's figures beside its previous version, approved (locked), returned with a reason
and notes on figures, or reopened (core/reviews.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from core import entry, fmt, reviews, texts
from core.auth import User
from core.db import Database
from core.periods import parse_period
from notify import letters
from notify.send import send_now
from screens.comparison import side_by_side, submission_values
from screens.questions import figure_choices
from screens.results import unit_names
from screens.verification import HeldItem, held_items


@dataclass(frozen=True)
class ReviewList:
    counts: str  # '65 báo cáo đã nộp: 40 chờ duyệt, 20 đã duyệt, 5 trả lại; 3 đơn vị chưa nộp.'
    table: pd.DataFrame  # one row per unit of the plan, waiting ones first
    waiting: list[str]  # units whose report waits for review, in the table's order
    with_report: dict[str, str]  # unit code -> name, the units that sent a report, in the table's order
    period_label: str


@dataclass(frozen=True)
class ReportReview:
    unit_name: str
    period_label: str
    review: reviews.Review
    state_text: str  # 'Trả lại ngày 22/06/2023 10:00 (thuky): lý do'
    sent: str  # 'Bản #2, nhận lúc 20/06/2023 16:00 từ canbo.caoloc; 1 cảnh báo.'
    figures: pd.DataFrame  # the version beside the one before it
    elements: dict[str, str]  # element code -> its row's words, for notes on figures
    held: list[HeldItem]  # what this version holds for verification, to decide before approving


def _state_text(review: reviews.Review) -> str:
    state = texts.REVIEW_STATES[review.state]
    if review.decided_at is None:
        return state
    text = texts.REVIEW_DECIDED.format(state=state, at=fmt.date_time(review.decided_at), actor=review.actor)
    if review.reason:
        text += texts.REVIEW_REASON.format(reason=review.reason)
    notes = "; ".join(texts.REVIEW_CELL_NOTE.format(code=n.element_code, note=n.note) for n in review.notes)
    return text + (texts.REVIEW_NOTES.format(notes=notes) if notes else "")


def review_list(db: Database, plan_id: str, period_code: str, waiting_only: bool = False) -> ReviewList:
    names = unit_names(db, plan_id)
    states = reviews.reviews(db.rows, [period_code], list(names))
    order = {reviews.SUBMITTED: 0, reviews.RETURNED: 1, reviews.APPROVED: 2}
    position = {code: n for n, code in enumerate(names)}  # the plan's order of units, as on every page
    sent = sorted(states.values(), key=lambda r: (order[r.state], position[r.unit_code]))
    shown = [r for r in sent if r.state == reviews.SUBMITTED] if waiting_only else sent
    rows = [
        [
            names[r.unit_code],
            texts.REVIEW_STATES[r.state],
            fmt.count(r.versions),
            fmt.date_time(r.received_at),
            fmt.count(r.warnings) if r.warnings else "",
            fmt.count(r.held) if r.held else "",
            fmt.date_time(r.decided_at) if r.decided_at else "",
        ]
        for r in shown
    ]
    count = {state: sum(r.state == state for r in sent) for state in reviews.STATES}
    missing = len(names) - len(sent)
    counts = texts.REVIEW_COUNTS.format(
        sent=fmt.count(len(sent)),
        waiting=fmt.count(count[reviews.SUBMITTED]),
        approved=fmt.count(count[reviews.APPROVED]),
        returned=fmt.count(count[reviews.RETURNED]),
    )
    if missing:
        counts += texts.REVIEW_MISSING.format(count=fmt.count(missing))
    return ReviewList(
        counts=counts,
        table=pd.DataFrame(rows, columns=list(texts.REVIEW_COLUMNS)),
        waiting=[r.unit_code for r in sent if r.state == reviews.SUBMITTED],
        with_report={r.unit_code: names[r.unit_code] for r in sent},
        period_label=parse_period(period_code).label,
    )


def report_review(db: Database, plan_id: str, unit_code: str, period_code: str) -> ReportReview | None:
    """One unit's report of the period as the secretariat decides on it; None when none came in."""
    review = reviews.review_of(db, unit_code, period_code)
    if review is None:
        return None
    current = submission_values(db, review.submission_id)
    summary = db.one("submission_summary", {"submission_id": review.submission_id})
    previous = db.one("previous_version", {"submission_id": review.submission_id})
    figures = side_by_side(
        submission_values(db, previous.submission_id) if previous else {},
        current,
        texts.REVIEW_PREVIOUS_VERSION.format(submission_id=previous.submission_id) if previous else None,
        texts.REVIEW_THIS_VERSION.format(submission_id=review.submission_id),
    )
    sent = texts.REVIEW_SENT.format(
        submission_id=review.submission_id,
        versions=fmt.count(review.versions),
        received=fmt.date_time(review.received_at),
        sender=summary.sender,
    )
    if review.warnings or review.held:
        sent += texts.REVIEW_SENT_WARNINGS.format(warnings=fmt.count(review.warnings), held=fmt.count(review.held))
    return ReportReview(
        unit_name=unit_names(db, plan_id).get(unit_code, unit_code),
        period_label=parse_period(period_code).label,
        review=review,
        state_text=_state_text(review),
        sent=sent,
        figures=figures,
        elements=figure_choices(db, plan_id),
        held=[item for item in held_items(db, plan_id) if item.submission_id == review.submission_id],
    )


@dataclass(frozen=True)
class EntryWindows:
    """The form that opens entry again for one unit, after the plan's closing day."""

    note: str  # the plan's rule and this period's closing day, in words
    closes: bool  # False: the plan never closes entry (no form then)
    units: dict[str, str]  # every reporting unit of the plan, code -> name


def entry_windows(db: Database, plan_id: str, period_code: str) -> EntryWindows:
    names = unit_names(db, plan_id)
    closing = entry.closing_day(db, next(iter(names)), period_code) if names else None
    if closing is None:
        return EntryWindows(texts.ENTRY_WINDOW_NEVER, False, names)
    deadline, days, closed = closing
    note = texts.ENTRY_WINDOW_NOTE.format(days=days) + texts.ENTRY_WINDOW_PERIOD.format(
        period=parse_period(period_code).label, deadline=fmt.date(deadline), closed=fmt.date(closed)
    )
    return EntryWindows(note, True, names)


def unit_review_text(review: reviews.Review | None) -> str | None:
    """What a unit's staff read about their report's review (Báo cáo của đơn vị); None before any decision."""
    if review is None or review.decided_at is None:
        return None
    return _state_text(review)


def return_report(
    db: Database, user: User, report: ReportReview, reason: str, notes: tuple[reviews.CellNote, ...], now: datetime
) -> str | None:
    """Return the report to its unit (core/reviews.py), then tell the unit's contacts by e-mail: the reason and
    the figures to correct. What became of the e-mail, in words, or None when e-mail is off or nobody to write to."""
    r = report.review
    reviews.return_report(db, user, r.unit_code, r.period_code, r.submission_id, reason, notes, now)
    lines = [
        texts.REVIEW_CELL_NOTE.format(code=report.elements.get(n.element_code, n.element_code), note=n.note)
        for n in notes
    ]
    emails = letters.unit_emails(db, [r.unit_code]).get(r.unit_code, [])
    planned = letters.returned(
        r.unit_code,
        report.unit_name,
        r.period_code,
        report.period_label,
        r.submission_id,
        reason.strip(),
        lines,
        now,
        emails,
    )
    return send_now(db, [planned], user.username, now, texts.MAIL_NOTICE_SENT, texts.MAIL_NOTICE_NOT_SENT)
