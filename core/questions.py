"""Questions on figures (issue 20, item 4): a secretariat or committee member asks about one figure of a unit's
report (page Đơn vị); the unit's staff answer from their page (Báo cáo của đơn vị); open questions are listed on
Việc cần làm and beside the figure. Each question and answer is a line of the audit log."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from core import audit, texts
from core.auth import User
from core.db import Database

MAX_CHARS = 2000  # of a question or an answer


class QuestionError(ValueError):
    """A question or an answer that cannot be recorded; the message is in Vietnamese."""


@dataclass(frozen=True)
class Question:
    question_id: int
    unit_code: str
    period_code: str
    element_code: str
    question: str
    asked_by: str
    asked_at: datetime
    value: float | None  # the figure on record now (None: left blank, or no report)
    answer: str | None = None
    answered_by: str | None = None
    answered_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.answer is None


def questions(db: Database, period_codes: Collection[str], unit_codes: Collection[str] | None = None) -> list[Question]:
    """Every question on the figures of the units (None: all) for the periods, oldest first."""
    params = {"period_codes": list(period_codes), "unit_codes": None if unit_codes is None else list(unit_codes)}
    return [Question(**row._asdict()) for row in db.rows("figure_questions", params)]


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise QuestionError(texts.QUESTION_EMPTY)
    if len(text) > MAX_CHARS:
        raise QuestionError(texts.QUESTION_TOO_LONG.format(most=MAX_CHARS))
    return text


def ask(
    db: Database, user: User, unit_code: str, period_code: str, element_code: str, question: str, now: datetime
) -> int:
    """Record a question on a figure; its id."""
    if not user.can("ask_about_figures"):
        raise PermissionError(user.username)
    row = {
        "unit_code": unit_code,
        "period_code": period_code,
        "element_code": element_code,
        "question": _text(question),
        "asked_by": user.username,
        "asked_at": now,
    }
    with db.transaction() as tx:
        (inserted,) = tx.run("insert_figure_question", row)
        after = row | {"asked_at": now.isoformat(timespec="minutes")}
        audit.record(tx, user.username, "ask", "question", str(inserted.question_id), None, after)
    return inserted.question_id


def answer(db: Database, user: User, question_id: int, text: str, now: datetime) -> None:
    """The unit's answer: only its own staff give it, once."""
    with db.transaction() as tx:
        found = tx.run("figure_question", {"question_id": question_id})
        if not found or not user.can("answer_questions") or not user.may_submit_for(found[0].unit_code):
            raise PermissionError(user.username)
        if found[0].answer is not None:
            raise QuestionError(texts.QUESTION_ANSWERED)
        row = {"question_id": question_id, "answer": _text(text), "answered_by": user.username, "answered_at": now}
        tx.run("answer_figure_question", row)
        after = row | {"answered_at": now.isoformat(timespec="minutes")}
        audit.record(tx, user.username, "answer", "question", str(question_id), None, after)
