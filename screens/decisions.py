"""Kết luận: the committee's decisions (core/decisions.py) in words: the list of a plan's decisions with how each
target's figure moved since the meeting, the form's choices, and the lines shown beside a target on Chỉ tiêu, in
the presentation, the meeting pack and the draft report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from core import decisions, fmt, texts
from core.auth import User
from core.db import Database
from core.decisions import Decision
from core.engine import shared_indicators
from core.periods import parse_period
from screens.choices import period_choices
from screens.results import PERCENT_KINDS, change_text, indicator_kinds, province_rows, unit_names, value_text

SHORT_CHARS = 160  # a decision's text on a slide or beside a chart; the page and the report have it whole


@dataclass(frozen=True)
class DecisionLine:
    decision_id: int
    is_open: bool
    title: str  # 'Kỳ họp Quý II năm 2023 · Tỷ lệ cơ sở được kiểm tra'
    text: str
    meta: str  # 'Chủ trì: Công an tỉnh · hạn 30/09/2023 · đơn vị: Huyện Cao Lộc · ghi ngày … (thuky)'
    moved: str | None  # 'Từ kỳ họp đó: 16,9% → 23,6% (tăng 6,7 điểm phần trăm).'
    closed: str | None  # 'Đã đóng ngày …: kết quả thực hiện'


@dataclass(frozen=True)
class DecisionsPage:
    lines: list[DecisionLine]  # open first
    counts: str
    targets: dict[str, str]  # '' (the plan as a whole) or indicator code -> the target's name, for the form
    units: dict[str, str]  # the plan's units, code -> name
    periods: dict[str, str]


def _targets(db: Database, plan_id: str) -> dict[str, str]:
    names = {row.indicator_code: row.name for row in db.rows("indicator_catalogue")}
    codes = [row.indicator_code for row in db.rows("plan_targets", {"plan_id": plan_id}) if row.indicator_code]
    return {"": texts.DECISION_WHOLE_PLAN} | {code: names[code] for code in dict.fromkeys(codes)}


def _values(db: Database, plan_id: str, period_code: str, approved_only: bool = False) -> dict[str, float | None]:
    return {
        code: result.value
        for code, result in province_rows(
            shared_indicators(db, plan_id, period_code, approved_only=approved_only)
        ).items()
    }


def _moved(decision: Decision, now: float | None, is_percent: bool, viewed: str) -> str | None:
    """How the province's figure moved from the meeting to the viewed period (None: same period, or no figure)."""
    if decision.value_then is None or now is None or decision.period_code == viewed:
        return None
    return texts.DECISION_MOVED.format(
        then=value_text(decision.value_then, is_percent),
        now=value_text(now, is_percent),
        period=parse_period(viewed).label,
        change=change_text(decision.value_then, now, is_percent),
    )


def _meta(decision: Decision, units: dict[str, str]) -> str:
    parts = [texts.DECISION_META_RESPONSIBLE.format(responsible=decision.responsible)]
    if decision.due_on:
        parts.append(texts.DECISION_META_DUE.format(day=fmt.date(decision.due_on)))
    if decision.unit_codes:
        parts.append(texts.DECISION_META_UNITS.format(units=", ".join(units.get(c, c) for c in decision.unit_codes)))
    parts.append(
        texts.DECISION_META_RECORDED.format(when=fmt.date_time(decision.recorded_at), who=decision.recorded_by)
    )
    return " · ".join(parts)


def _short(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= SHORT_CHARS else one_line[: SHORT_CHARS - 1].rstrip() + "…"


def decisions_page(db: Database, plan_id: str, period_code: str, approved_only: bool = False) -> DecisionsPage:
    """A plan's decisions, the figures seen against those of `period_code`."""
    targets, units = _targets(db, plan_id), unit_names(db, plan_id)
    kinds = indicator_kinds(db)
    now = _values(db, plan_id, period_code, approved_only)
    lines = []
    for d in decisions.decisions(db, plan_id):
        code = d.indicator_code
        title = texts.DECISION_TITLE.format(
            period=parse_period(d.period_code).label, target=targets.get(code or "", code or "")
        )
        moved = _moved(d, now.get(code), kinds.get(code) in PERCENT_KINDS, period_code) if code else None
        closed = (
            texts.DECISION_CLOSED.format(when=fmt.date(d.closed_at), who=d.closed_by, note=d.close_note)
            if d.closed_at
            else None
        )
        lines.append(DecisionLine(d.decision_id, d.is_open, title, d.decision, _meta(d, units), moved, closed))
    open_count = sum(1 for line in lines if line.is_open)
    return DecisionsPage(
        lines=lines,
        counts=texts.DECISION_COUNTS.format(open=fmt.count(open_count), closed=fmt.count(len(lines) - open_count)),
        targets=targets,
        units=units,
        periods=period_choices(db, plan_id),
    )


def target_decisions(
    db: Database, plan_id: str, period_code: str, values: dict[str, float | None]
) -> dict[str, list[str]]:
    """indicator -> a line for each open decision about it made at a meeting up to `period_code` (with how its
    figure moved since), for Chỉ tiêu, the presentation, the pack and the report. `values`: the province's now."""
    end = parse_period(period_code).end
    kinds = indicator_kinds(db)
    found: dict[str, list[str]] = {}
    for d in decisions.decisions(db, plan_id):
        if not d.is_open or not d.indicator_code or parse_period(d.period_code).end > end:
            continue
        code = d.indicator_code
        line = texts.DECISION_LINE.format(
            period=parse_period(d.period_code).label,
            text=_short(d.decision).removesuffix("."),
            responsible=d.responsible,
            due=texts.DECISION_LINE_DUE.format(day=fmt.date(d.due_on)) if d.due_on else "",
        )
        moved = _moved(d, values.get(code), kinds.get(code) in PERCENT_KINDS, period_code)
        found.setdefault(code, []).append(f"{line} {moved}" if moved else line)
    return found


def record(
    db: Database,
    user: User,
    plan_id: str,
    period_code: str,
    indicator_code: str,
    unit_codes: list[str],
    text: str,
    responsible: str,
    due_on: date | None,
    now: datetime,
) -> int:
    """Record a conclusion of the meeting on `period_code`, with the province's figure the meeting saw."""
    code = indicator_code or None
    value_then = _values(db, plan_id, period_code).get(code) if code else None
    return decisions.record(
        db, user, plan_id, period_code, code, unit_codes, text, responsible, due_on, value_then, now
    )
