"""Việc cần làm, the landing page of the secretariat: the next deadline and how many units have met it, the reports
to chase (missing past their deadline, then late), and the figures held for verification."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import pandas as pd

from core import fmt, reviews, texts
from core.contacts import contacts_of
from core.db import Database
from screens.questions import open_questions
from screens.reporting_status import ReportingStatus, chase_table, reporting_status
from screens.unit_reports import time_left
from screens.verification import held_items


@dataclass(frozen=True)
class TodoPage:
    caption: str
    next_deadline: str  # the next report due, its date, the days left and how many units have sent it
    chase_summary: str  # how many reports to chase, at how many units
    chase: pd.DataFrame  # the reports to chase, most overdue first (empty: nothing to chase)
    held_summary: str
    held: pd.DataFrame  # the figures held, oldest report first (empty: none)
    review_summary: str  # the reports waiting for the secretariat's review, by period
    questions_summary: str  # the questions on figures no unit has answered yet
    questions: pd.DataFrame  # those questions (empty: none)


def _next_deadline(status: ReportingStatus, today: date) -> str:
    upcoming = [column for column in status.periods if column.deadline >= today]
    if not upcoming:
        return texts.TODO_NO_DEADLINE.format(year=status.year)
    column = upcoming[0]
    received = sum(
        1 for cell in status.cells.values() if cell.period_code == column.period_code and cell.first_received_at
    )
    return texts.TODO_NEXT_DEADLINE.format(
        period=column.full_label,
        deadline=fmt.date(column.deadline),
        when=time_left(column.deadline, today),
        received=fmt.count(received),
        total=fmt.count(len(status.units)),
    )


def _review_summary(db: Database, status: ReportingStatus) -> str:
    periods = [column.period_code for column in status.periods]
    states = reviews.reviews(db.rows, periods, [code for code, _ in status.units])
    waiting = Counter(period for (_, period), r in states.items() if r.state == reviews.SUBMITTED)
    if not waiting:
        return texts.TODO_REVIEW_NONE
    by_period = ", ".join(
        texts.TODO_REVIEW_PERIOD.format(period=column.label, count=fmt.count(waiting[column.period_code]))
        for column in status.periods
        if waiting[column.period_code]
    )
    return texts.TODO_REVIEW_COUNT.format(count=fmt.count(sum(waiting.values())), periods=by_period)


def todo_page(db: Database, plan_id: str, today: date) -> TodoPage:
    status = reporting_status(db, plan_id, today)
    overall = status.overall
    chase = chase_table(status, contacts_of(db, status.chase_units))
    items = held_items(db, plan_id)
    waiting_questions = open_questions(db, plan_id)
    pending = sum(1 for item in items if item.state == "pending")
    held = pd.DataFrame(
        [[i.unit_name, i.period_label, i.figures, i.problem, i.state_text] for i in items],
        columns=list(texts.TODO_HELD_COLUMNS),
    )
    return TodoPage(
        caption=texts.TODO_CAPTION.format(year=status.year, today=fmt.date(today)),
        next_deadline=_next_deadline(status, today),
        chase_summary=texts.TODO_CHASE_COUNT.format(
            missing=fmt.count(overall.count_missing),
            late=fmt.count(overall.count_late),
            units=fmt.count(len(status.chase_units)),
        )
        if status.chase
        else texts.TODO_CHASE_NONE,
        chase=chase,
        held_summary=texts.TODO_HELD_COUNT.format(
            pending=fmt.count(pending), correction=fmt.count(len(items) - pending)
        )
        if items
        else texts.TODO_HELD_NONE,
        held=held,
        review_summary=_review_summary(db, status),
        questions_summary=waiting_questions[0],
        questions=waiting_questions[1],
    )
