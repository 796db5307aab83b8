"""Nộp báo cáo: the form to fill for a unit and period; each uploaded file checked, then recorded or held for
confirmation."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import PurePath

import pandas as pd

from core import calendar, entry, fmt, texts
from core.auth import User
from core.db import Database
from core.periods import Period, parse_period
from core.submissions import backfilled, recorded_report
from core.units import structure_for_year
from etl.annotate import annotated_file_name, annotated_workbook
from etl.bundle import MAX_BUNDLE_FILES, BundleRefused, is_bundle, unpack
from etl.checks import row_label
from etl.loader import LoadResult, Prepared, check_files, record_files
from etl.problems import Problem
from etl.readers import MAX_FILE_BYTES
from etl.reading import read_bytes
from etl.template import template_bytes, template_file_name
from notify import letters
from notify.send import send_now
from screens import choices
from screens.comparison import count_changes, side_by_side, submission_values
from screens.reporting_status import due_periods

MAX_FILES_PER_BATCH = MAX_BUNDLE_FILES  # one upload, zips unpacked: every commune of the largest province twice over


@dataclass
class Outcome:
    """What the page shows for one uploaded file."""

    file_name: str
    status: str  # accepted | unchanged | rejected | confirm | stale
    unit_code: str | None = None
    unit_name: str | None = None
    period_label: str | None = None
    period_code: str | None = None
    submission_id: int | None = None
    errors: pd.DataFrame | None = None  # rejected: every problem, with sheet and cell
    rules: pd.DataFrame | None = None  # confirm: the validation rules the file breaks (a reason is needed)
    reason_missing: bool = False  # confirm: the person confirmed without giving the reason the rules need
    held_note: str = ""  # accepted: the figures held for verification
    warnings: pd.DataFrame | None = None
    figures: pd.DataFrame | None = None  # accepted: beside the previous report; confirm: beside the one replaced
    figures_note: str = ""  # what the figures table compares, or why there is nothing to compare
    count_changes: int = 0  # confirm: figures that differ from the report it replaces
    timing: str = ""  # on time or late, against the plan's deadline
    replaced: str = ""  # confirm: the report the file would replace
    annotated: bytes | None = field(default=None, repr=False)  # rejected: the workbook with its problems marked
    annotated_name: str = ""
    prepared: Prepared | None = field(default=None, repr=False)  # confirm: held until the person decides
    sender: str = ""  # confirm: the username who sent the file, the only one who may confirm it
    received_at: datetime | None = None  # confirm: a back-filled day it will be recorded with
    mail_note: str = ""  # accepted or rejected: whether the receipt went to the unit's contacts by e-mail


@dataclass(frozen=True)
class SubmitOptions:
    """What the page's form selectors offer, before anything is chosen."""

    units: dict[str, str]  # the plan's reporting units this user may submit for, code -> name
    periods: dict[str, str]  # the periods of the plan's year
    due_periods: dict[str, str | None]  # unit code -> the report it should prepare now (the period offered first)


@dataclass(frozen=True)
class TemplateDownload:
    """The pre-filled form of one unit and period, and whose form it is and when it is due."""

    data: bytes
    file_name: str
    note: str


# --- the form to fill -----------------------------------------------------------------------------------------


def submit_options(db: Database, plan_id: str, user: User, today: date) -> SubmitOptions:
    units = choices.users_reporting_units(db, plan_id, user)
    return SubmitOptions(
        units=units,
        periods=choices.period_choices(db, plan_id),
        due_periods=due_periods(db, plan_id, today, list(units)),
    )


def template_download(db: Database, plan_id: str, unit_code: str, period_code: str) -> TemplateDownload:
    unit_name = choices.reporting_unit_choices(db, plan_id)[unit_code]
    return TemplateDownload(
        data=template_bytes(db, unit_code, period_code),
        file_name=template_file_name(unit_code, period_code),
        note=template_note(db, plan_id, unit_name, period_code),
    )


def forms_zip(db: Database, plan_id: str, user: User, period_code: str) -> bytes:
    """Every form of a period for the units the user may submit for, as one zip: each pre-filled with its unit and
    period, and with the figures on record when the unit has sent its report already (the secretariat hands out a
    province's forms in one go, and a returned zip goes back in one upload)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for unit_code in choices.users_reporting_units(db, plan_id, user):
            recorded = recorded_report(db, unit_code, period_code)
            archive.writestr(
                template_file_name(unit_code, period_code), template_bytes(db, unit_code, period_code, recorded)
            )
    return buffer.getvalue()


def forms_maker(db: Database, plan_id: str, user: User, period_code: str) -> Callable[[], bytes]:
    """`forms_zip`, made when its download button is pressed (Streamlit calls it then, outside the page's run):
    a province's forms take seconds to make, never on every run of the page."""
    return lambda: forms_zip(db, plan_id, user, period_code)


def forms_zip_name(plan_id: str, period_code: str) -> str:
    return f"Bieu01_{plan_id}_{period_code}.zip"


# --- limits ---------------------------------------------------------------------------------------------------


def upload_limit_mb() -> int:
    """The size limit of one file, in MB, as .streamlit/config.toml's server.maxUploadSize must say."""
    return MAX_FILE_BYTES // (1024 * 1024)


def unpacked(uploads: list[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes]], list[Outcome]]:
    """The files to check, each zip replaced by the forms in it; and an outcome for each zip refused whole."""
    files, refused = [], []
    for name, data in uploads:
        if not is_bundle(name):
            files.append((name, data))
            continue
        try:
            files += [(member.name, member.data) for member in unpack(data, name)]
        except BundleRefused as refusal:
            refused.append(Outcome(name, "rejected", errors=problems_table([Problem(str(refusal))])))
    return files, refused


def batch_problem(count_files: int) -> str | None:
    """Why a batch of uploaded files is refused as a whole, or None."""
    if count_files > MAX_FILES_PER_BATCH:
        return texts.SUBMIT_TOO_MANY_FILES.format(count=fmt.count(count_files), limit=fmt.count(MAX_FILES_PER_BATCH))
    return None


# --- one uploaded file ----------------------------------------------------------------------------------------


def received_time(user: User, received_on: date | None, now: datetime) -> datetime:
    """When a file counts as received: now, or for a file the secretariat received earlier (by e-mail) and
    records now, the start of the day it came (permission `backfill`, never a day to come)."""
    if received_on is None or received_on == now.date():
        return now
    if not user.can("backfill"):
        raise PermissionError(user.username)
    return backfilled(datetime.combine(received_on, time()), now)


def submit_file(
    db: Database,
    file_name: str,
    data: bytes,
    user: User,
    now: datetime | None = None,
    received_on: date | None = None,
) -> Outcome:
    """Check one file (the loader's pipeline, a batch of one); record it unless it is rejected, already held, or
    would replace a report (then ask). `received_on`: the day the secretariat received it, if earlier than today.

    A unit's staff may only submit for their own units, whatever unit the file names: checked here, on the server.
    """
    if not user.can("submit"):
        raise PermissionError(user.username)
    now = now or datetime.now()
    received = received_time(user, received_on, now)
    backfilled = received if received != now else None
    allowed_units = None if user.sees_every_unit else user.unit_codes
    (prepared,) = check_files(db, [read_bytes(data, file_name)], allowed_units=allowed_units, as_seen=True)
    result = prepared.result
    if result.status != "rejected" and not user.may_submit_for(result.unit_code):
        raise PermissionError(user.username)  # check_files refuses another unit's file: never reached
    if result.status not in ("rejected", "unchanged"):
        _refuse_closed(db, user, result, received)
    if result.status == "rejected":
        return _with_receipt(
            db, user, _described(db, _rejected(result, data), result), result.unit_code, received, backfilled
        )
    if result.status == "unchanged":
        return _described(db, Outcome(file_name, "unchanged", submission_id=result.submission_id), result)
    if prepared.current_id is not None or prepared.needs_reason:
        outcome = _confirmation(db, prepared, user, received)
        outcome.received_at = backfilled  # kept for the confirmation; otherwise received when confirmed
        return outcome
    return _record(db, prepared, user, received, data, backfilled)


def _refuse_closed(db: Database, user: User, result: LoadResult, at: datetime) -> None:
    """Reject a unit's file for a report whose entry closed (core/entry.py), unless a window is open."""
    closed = entry.refusal(db, user, result.unit_code, result.period, at)
    if closed:
        result.status, result.errors = "rejected", [Problem(closed, expected=texts.ENTRY_CLOSED_EXPECTED)]


def confirm(db: Database, outcome: Outcome, user: User, now: datetime | None = None, reason: str = "") -> Outcome:
    """Record a file the person agreed to send: over the report shown ('stale' if another came in meanwhile),
    with the reason its broken rules need (without one the outcome is shown again, `reason_missing`).
    Only the person who sent it may: a held file is never recorded under another account's name."""
    prepared = outcome.prepared
    if outcome.sender != user.username or not user.may_submit_for(prepared.result.unit_code):
        raise PermissionError(user.username)
    if prepared.needs_reason and not reason.strip():
        return replace(outcome, reason_missing=True)
    prepared.reason = reason
    return _record(db, prepared, user, outcome.received_at or now or datetime.now(), prepared.data, outcome.received_at)


def _record(
    db: Database, prepared: Prepared, user: User, now: datetime, data: bytes, backfilled: datetime | None
) -> Outcome:
    """Record over what the person saw, or nothing if a report for the unit and period arrived since."""
    (result,) = record_files(db, [prepared], user.username, now)
    if result.status in ("stale", "unchanged"):  # unchanged: the same file, sent twice at once, is in
        return _described(db, Outcome(result.file, result.status, submission_id=result.submission_id), result)
    if result.status == "rejected":  # broken rules without a reason: refused on the server whatever the page did
        return _with_receipt(
            db, user, _described(db, _rejected(result, data), result), result.unit_code, now, backfilled
        )
    return _with_receipt(db, user, _accepted(db, result, prepared), result.unit_code, now, backfilled)


def _with_receipt(
    db: Database, user: User, outcome: Outcome, unit_code: str | None, at: datetime, backfilled: datetime | None
) -> Outcome:
    """A receipt by e-mail to the unit's contacts for a file recorded or refused, when e-mail is on; none for a
    file of unknown unit, or one the secretariat records with an earlier day (it came long ago)."""
    if backfilled is not None or unit_code is None:
        return outcome
    emails = letters.unit_emails(db, [unit_code]).get(unit_code)
    if not emails:
        return outcome
    if outcome.status == "accepted":
        planned = letters.accepted(
            unit_code,
            outcome.unit_name,
            outcome.period_code,
            outcome.period_label,
            outcome.submission_id,
            outcome.file_name,
            user.full_name,
            at,
            outcome.timing,
            outcome.held_note,
            emails,
        )
    else:
        name = outcome.unit_name or unit_code
        planned = letters.rejected(
            unit_code,
            name,
            outcome.file_name,
            user.full_name,
            at,
            outcome.errors,
            outcome.annotated,
            outcome.annotated_name,
            emails,
        )
    outcome.mail_note = (
        send_now(db, [planned], user.username, at, texts.MAIL_RECEIPT_SENT, texts.MAIL_RECEIPT_NOT_SENT) or ""
    )
    return outcome


def outcomes_table(outcomes: list[Outcome]) -> pd.DataFrame:
    """One row per file: what it was recognised as and what became of it (a zip's forms each on their own row)."""
    return pd.DataFrame(
        [
            (o.file_name, o.unit_name or fmt.MISSING, o.period_label or fmt.MISSING, texts.SUBMIT_STATUS[o.status])
            for o in outcomes
        ],
        columns=list(texts.SUBMIT_OUTCOME_COLUMNS),
    )


def needs_attention(outcome: Outcome) -> bool:
    """Whether the person must read or decide something about this file (not a plain acceptance)."""
    plain_result = outcome.status in ("accepted", "unchanged") and outcome.warnings is None and not outcome.held_note
    return not plain_result


def annotated_zip(outcomes: list[Outcome]) -> bytes | None:
    """The rejected files' annotated workbooks in one zip (None when there is none), each named after its file."""
    marked = [o for o in outcomes if o.status == "rejected" and o.annotated]
    if not marked:
        return None
    buffer = io.BytesIO()
    names: Counter[str] = Counter()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for outcome in marked:
            name = outcome.annotated_name
            names[name] += 1
            if names[name] > 1:  # two files of the same name in different folders of a zip
                name = f"{PurePath(name).stem}_{names[name]}.xlsx"
            archive.writestr(name, outcome.annotated)
    return buffer.getvalue()


def cancelled(outcome: Outcome) -> Outcome:
    """The person chose to keep the report in use: nothing is recorded."""
    return Outcome(outcome.file_name, "cancelled", outcome.unit_code, outcome.unit_name, outcome.period_label)


def results_summary(outcomes: list[Outcome]) -> str:
    """'3 tệp: 1 đã ghi nhận, 2 bị từ chối.' in the order statuses are listed in texts."""
    counts = Counter(o.status for o in outcomes)
    parts = [
        texts.SUBMIT_RESULTS_PART.format(count=fmt.count(counts[status]), status=label.lower())
        for status, label in texts.SUBMIT_STATUS.items()
        if counts[status]
    ]
    return texts.SUBMIT_RESULTS_SUMMARY.format(count=fmt.count(len(outcomes)), parts=", ".join(parts))


def template_note(db: Database, plan_id: str, unit_name: str, period_code: str) -> str:
    """Whose form it is, for which period, and its deadline in the plan."""
    period = parse_period(period_code)
    due = calendar.plan_deadline(db, plan_id, period)
    if due is None:
        return texts.SUBMIT_TEMPLATE_NOTE_NO_DEADLINE.format(unit=unit_name, period=period.label)
    return texts.SUBMIT_TEMPLATE_NOTE.format(unit=unit_name, period=period.label, deadline=fmt.date(due))


def _rejected(result: LoadResult, data: bytes) -> Outcome:
    outcome = Outcome(result.file, "rejected", errors=problems_table(result.errors))
    outcome.warnings = problems_table(result.warnings) if result.warnings else None
    outcome.annotated = annotated_workbook(data, result.file, result.errors + result.warnings)
    outcome.annotated_name = annotated_file_name(result.file) if outcome.annotated else ""
    return outcome


def _described(db: Database, outcome: Outcome, result: LoadResult) -> Outcome:
    """Fill in the unit and period a file was recognised as."""
    if result.unit_code and result.period:
        period = parse_period(result.period)
        outcome.unit_code, outcome.unit_name = result.unit_code, _unit_name(db, result.unit_code, period)
        outcome.period_label, outcome.period_code = period.label, period.code
    return outcome


def _unit_name(db: Database, unit_code: str, period: Period) -> str:
    row = db.one("unit_by_code", {"structure": structure_for_year(period.year), "unit_code": unit_code})
    return row.name if row else unit_code


def _accepted(
    db: Database, result: LoadResult, prepared: Prepared, status: str = "accepted", now: datetime | None = None
) -> Outcome:
    """A recorded file (or, `status` 'confirm', one about to be: a first report that breaks a rule), its figures
    beside the unit's previous report."""
    outcome = _described(db, Outcome(result.file, status, submission_id=result.submission_id), result)
    period = prepared.report.period
    _split_warnings(outcome, result.warnings)
    held = prepared.report.held_elements
    if held and status == "accepted":
        outcome.held_note = texts.SUBMIT_HELD.format(
            figures=", ".join(row_label(element) for element in held), reason=prepared.reason.strip()
        )
    previous = db.one(
        "unit_previous_report",
        {"unit_code": result.unit_code, "period_type": period.period_type, "end_date": period.end},
    )
    if previous is None:
        outcome.figures = side_by_side({}, result.values, None, texts.SUBMIT_THIS_FILE.format(period=period.label))
        outcome.figures_note = texts.SUBMIT_NO_PREVIOUS
    else:
        previous_period = parse_period(previous.period_code)
        outcome.figures = side_by_side(
            submission_values(db, previous.submission_id),
            result.values,
            texts.SUBMIT_PREVIOUS_REPORT.format(period=previous_period.label),
            texts.SUBMIT_THIS_FILE.format(period=period.label),
        )
        outcome.figures_note = texts.SUBMIT_COMPARED_WITH.format(period=previous_period.label)
    if status == "confirm":
        outcome.timing = _timing(db, prepared, first_received_at=now, replaced=False)
        return outcome
    summary = db.one("submission_summary", {"submission_id": result.submission_id})
    outcome.timing = _timing(
        db, prepared, first_received_at=summary.first_received_at, replaced=result.superseded_id is not None
    )
    return outcome


def _confirmation(db: Database, prepared: Prepared, user: User, now: datetime) -> Outcome:
    """A file shown before it is recorded: it would replace the unit's report for the period, or it breaks a
    validation rule (then the broken rules stand first, and the person must give a reason)."""
    if prepared.current_id is None:
        outcome = _accepted(db, prepared.result, prepared, "confirm", now)
        outcome.prepared, outcome.sender = prepared, user.username
        return outcome
    result = prepared.result
    outcome = _described(db, Outcome(result.file, "confirm", prepared=prepared, sender=user.username), result)
    current = db.one("submission_summary", {"submission_id": prepared.current_id})
    old_values = submission_values(db, prepared.current_id)
    outcome.figures = side_by_side(
        old_values,
        result.values,
        texts.SUBMIT_CURRENT_VERSION.format(submission_id=prepared.current_id),
        texts.SUBMIT_NEW_VERSION,
    )
    outcome.count_changes = count_changes(old_values, result.values)
    outcome.figures_note = (
        texts.SUBMIT_CHANGES_COUNT.format(count=fmt.count(outcome.count_changes))
        if outcome.count_changes
        else texts.SUBMIT_NO_CHANGES
    )
    outcome.replaced = texts.SUBMIT_REPLACES.format(
        unit=outcome.unit_name,
        period=outcome.period_label,
        submission_id=current.submission_id,
        file=current.file_name,
        sender=current.sender,
        received=fmt.date_time(current.received_at),
    )
    _split_warnings(outcome, result.warnings)
    outcome.timing = _timing(db, prepared, first_received_at=current.first_received_at, replaced=True)
    return outcome


def _split_warnings(outcome: Outcome, warnings: list[Problem]) -> None:
    """The broken validation rules apart from the other warnings: they stand above the confirm button."""
    rules = [w for w in warnings if w.rule]
    others = [w for w in warnings if not w.rule]
    outcome.rules = problems_table(rules) if rules else None
    outcome.warnings = problems_table(others) if others else None


def _timing(db: Database, prepared: Prepared, first_received_at: datetime, replaced: bool) -> str:
    """On time or late against the plan's deadline; a replacement keeps the first version's date."""
    report = prepared.report
    due = next(
        (d for d in (calendar.plan_deadline(db, plan_id, report.period) for plan_id in report.plan_ids) if d), None
    )
    if due is None:
        return texts.SUBMIT_NOT_IN_CALENDAR
    state, days = calendar.timeliness(due, first_received_at)
    deadline_text = fmt.date(due)
    if state == "on_time":
        sentence = texts.SUBMIT_ON_TIME.format(deadline=deadline_text)
    else:
        sentence = texts.SUBMIT_LATE.format(days=fmt.count(days), deadline=deadline_text)
    if replaced:
        return texts.SUBMIT_TIMING_KEPT.format(first=fmt.date_time(first_received_at), state=sentence)
    return sentence


# --- tables ---------------------------------------------------------------------------------------------------


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Every problem with where it is, what was found and what was expected (one row each)."""
    return pd.DataFrame(
        [(p.sheet or fmt.MISSING, p.cell or fmt.MISSING, p.message, p.found, p.expected) for p in problems],
        columns=texts.SUBMIT_PROBLEM_COLUMNS,
    )
