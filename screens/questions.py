"""Questions on figures in words (core/questions.py): beside a unit's figures on page Đơn vị, on the unit's own
page with a form to answer, and the open ones on Việc cần làm."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core import fmt, questions, texts
from core.auth import User
from core.catalog import load_elements
from core.db import Database
from core.periods import parse_period, periods_of_year
from screens.results import unit_names


@dataclass(frozen=True)
class QuestionLine:
    question_id: int
    unit_name: str
    period_label: str
    asked: str  # 'KT02 Số cơ sở đã được kiểm tra = 12 — hỏi lúc 01/07/2023 09:00 (thuky): ...'
    answered: str  # the answer in a sentence, or 'Chưa trả lời.'
    is_open: bool


def figure_choices(db: Database, plan_id: str) -> dict[str, str]:
    """element code -> 'KT02 — its row's words' as the plan's forms word it (xã, phường, đặc khu after the
    reform), every figure of the form."""
    structure = db.one("plan_row", {"plan_id": plan_id}).structure
    return {e.code: f"{e.code} — {e.label_in(structure)}" for e in load_elements()}


def _line(question: questions.Question, names: dict[str, str], figures: dict[str, str]) -> QuestionLine:
    asked = texts.QUESTION_LINE.format(
        figure=figures.get(question.element_code, question.element_code),
        value=fmt.count(question.value),
        asked_at=fmt.date_time(question.asked_at),
        asked_by=question.asked_by,
        question=question.question,
    )
    answered = (
        texts.QUESTION_WAITING
        if question.is_open
        else texts.QUESTION_ANSWER_LINE.format(
            answered_at=fmt.date_time(question.answered_at), answered_by=question.answered_by, answer=question.answer
        )
    )
    return QuestionLine(
        question.question_id,
        names.get(question.unit_code, question.unit_code),
        parse_period(question.period_code).label,
        asked,
        answered,
        question.is_open,
    )


def _year_periods(db: Database, plan_id: str) -> list[str]:
    year = db.one("plan_row", {"plan_id": plan_id}).year
    return [p.code for p in periods_of_year(year)]


def unit_questions(db: Database, plan_id: str, unit_code: str, period_code: str) -> list[QuestionLine]:
    """The questions on a unit's figures of one period (page Đơn vị), oldest first."""
    names, figures = unit_names(db, plan_id), figure_choices(db, plan_id)
    return [_line(q, names, figures) for q in questions.questions(db, [period_code], [unit_code])]


def year_questions(db: Database, plan_id: str, unit_code: str, user: User) -> list[QuestionLine]:
    """The questions on a unit's figures over the plan's year (Báo cáo của đơn vị), open ones first; none of
    another unit than `user` may see."""
    names, figures = unit_names(db, plan_id), figure_choices(db, plan_id)
    if not user.visible_units([unit_code]):
        raise PermissionError(user.username)
    found = questions.questions(db, _year_periods(db, plan_id), [unit_code])
    return [_line(q, names, figures) for q in sorted(found, key=lambda q: not q.is_open)]


def open_questions(db: Database, plan_id: str) -> tuple[str, pd.DataFrame]:
    """The questions no unit has answered yet (Việc cần làm): a sentence and a table."""
    names, figures = unit_names(db, plan_id), figure_choices(db, plan_id)
    waiting = [q for q in questions.questions(db, _year_periods(db, plan_id), list(names)) if q.is_open]
    rows = [
        [
            names.get(q.unit_code, q.unit_code),
            parse_period(q.period_code).label,
            figures.get(q.element_code, q.element_code),
            q.question,
            fmt.date_time(q.asked_at),
            q.asked_by,
        ]
        for q in waiting
    ]
    summary = texts.QUESTIONS_OPEN_COUNT.format(count=fmt.count(len(rows))) if rows else texts.QUESTIONS_OPEN_NONE
    return summary, pd.DataFrame(rows, columns=list(texts.QUESTIONS_COLUMNS))
