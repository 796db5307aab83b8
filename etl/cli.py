"""The command line: `python -m etl <command>`; each command calls the core and prints."""

from __future__ import annotations

import argparse
import csv
import getpass
import json
import sys
import unicodedata
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from core import auth, health, texts
from core.archive import archive_dir_at
from core.backup import KEY_ENV_VAR, AccountChange, BackupError, backup, restore
from core.bootstrap import open_database
from core.db import DB_ENV_VAR, Database, DatabaseBusy, default_db_path, default_wait
from core.engine import EngineError, IndicatorResult, compute_indicators
from core.fmt import count as format_count
from core.fmt import date as format_date
from core.fmt import date_time as format_date_time
from core.mail import MailError
from core.plans import PlanError
from core.submissions import backfilled
from etl.problems import TemplateError

if TYPE_CHECKING:
    from etl.loader import LoadResult

# The modules behind one command (the loader, the exports, the demo, the meeting pack) are imported by that
# command: a cron job's `health` or `backup` then starts in a fraction of the time.

# Columns of `indicators --format csv`: part of the command line's contract.
EXIT_RETRY = 75  # EX_TEMPFAIL: nothing was done, try again later
INDICATOR_COLUMNS = (
    "indicator_code",
    "unit_code",
    "period_code",
    "numerator",
    "denominator",
    "value",
    "target",
    "target_max",
    "target_kind",
    "expected_to_date",
    "status",
    "units_current",
    "units_contributing",
    "units_expected",
    "units_carried",
    "units_missing",
    "submission_ids",
    "indicator_name",
    "unit_name",
    "held",  # figures left out, held for verification: 'unit: problem', ';'-separated
)


def _csv_cell(value: object) -> object:
    if isinstance(value, tuple | list):  # the lists of units, reports and held figures
        return ";".join(": ".join(v) if isinstance(v, tuple | list) else str(v) for v in value)
    return "" if value is None else value


def write_indicators(results: list[IndicatorResult], fmt: str, out) -> None:
    records = [asdict(r) for r in results]
    if fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(INDICATOR_COLUMNS)
    for record in records:
        writer.writerow([_csv_cell(record[c]) for c in INDICATOR_COLUMNS])


def cmd_init(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    print(texts.INIT_DONE.format(path=db.path))
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    results = compute_indicators(
        db, args.plan, args.period, args.unit, breakdown=args.breakdown, approved_only=args.approved_only
    )
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            write_indicators(results, args.format, out)
    else:
        write_indicators(results, args.format, sys.stdout)
    return 0


def _where(problem) -> str:
    place = "!".join(part for part in (problem.sheet, problem.cell) if part)
    return f"[{place}] " if place else ""


def print_load_result(result: LoadResult, out) -> None:
    print(texts.LOAD_LINE.format(file=result.file, status=texts.STATUS_WORDS[result.status]), file=out)
    if result.unit_code or result.period:
        print(texts.LOAD_WHAT.format(unit=result.unit_code or "?", period=result.period or "?"), file=out)
    if result.superseded_id:
        print(texts.LOAD_SUPERSEDES.format(previous=result.superseded_id), file=out)
    for kind, problems in ((texts.LOAD_ERROR, result.errors), (texts.LOAD_WARNING, result.warnings)):
        for problem in problems:
            print(kind.format(where=_where(problem), message=problem.message), file=out)
            if problem.expected:
                print(texts.LOAD_EXPECTED.format(expected=problem.expected), file=out)


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r{texts.LOAD_PROGRESS} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _received_at(text: str | None, now: datetime) -> datetime | None:
    """--received-at: a day ('2023-06-20', its start) or a time ('2023-06-20 14:30'), never after `now`."""
    if text is None:
        return None
    try:
        received = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(texts.CLI_RECEIVED_AT_BAD.format(found=text)) from None
    return backfilled(received, now)


def cmd_load(args: argparse.Namespace) -> int:
    from etl.loader import load_files

    try:
        received_at = _received_at(args.received_at, datetime.now())
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    db = open_database(args.db)
    show_progress = not args.json and len(args.files) > 1 and sys.stderr.isatty()
    results = load_files(
        db,
        args.files,
        sender=args.sender,
        progress=_progress if show_progress else None,
        reason=args.reason,
        received_at=received_at,
    )
    if args.json:
        json.dump([r.as_dict() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for result in results:
            print_load_result(result, sys.stdout)
        print(texts.LOAD_SUMMARY.format(total=format_count(len(results)), **_counts(results)))
    return 1 if any(r.status == "rejected" for r in results) else 0


def _counts(results) -> dict[str, str]:
    """How many files were accepted, unchanged and rejected, each in Vietnamese format."""
    return {s: format_count(sum(r.status == s for r in results)) for s in ("accepted", "unchanged", "rejected")}


def cmd_export(args: argparse.Namespace) -> int:
    from etl.export import current_rows, write_csv, write_xlsx

    db = open_database(args.db)
    rows = current_rows(db)
    if args.format == "xlsx":
        path = Path(args.output or "so_lieu.xlsx")
        write_xlsx(rows, path)
        print(texts.EXPORT_DONE.format(count=format_count(len(rows)), path=path), file=sys.stderr)
    elif args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            write_csv(rows, out)
        print(texts.EXPORT_DONE.format(count=format_count(len(rows)), path=args.output), file=sys.stderr)
    else:
        write_csv(rows, sys.stdout)
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from etl.template import template_file_name, write_template

    db = open_database(args.db)
    path = Path(args.output or template_file_name(args.unit, args.period))
    write_template(db, args.unit, args.period, path)
    print(texts.TEMPLATE_DONE.format(path=path))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from meeting.docx import report_docx
    from meeting.pack import meeting_pack
    from meeting.pdf import pack_pdf
    from meeting.pptx import pack_pptx
    from meeting.report import draft_report

    db = open_database(args.db)
    if args.format == "docx":
        draft = draft_report(db, args.plan, args.period, args.as_of, approved_only=args.approved_only)
        path = Path(args.output or draft.file_name)
        path.write_bytes(report_docx(draft))
        print(texts.DOCX_DONE.format(path=path))
        return 0
    pack = meeting_pack(db, args.plan, args.period, args.as_of, approved_only=args.approved_only)
    path = Path(args.output or f"{pack.file_stem}.{args.format}")
    path.write_bytes(pack_pptx(pack) if args.format == "pptx" else pack_pdf(pack))
    print(texts.REPORT_DONE.format(path=path, slides=len(pack.targets)))
    return 0


def _print_due(due, show_text: bool) -> None:
    print(texts.CLI_NOTIFY_DUE.format(day=format_date(due.day), count=format_count(len(due.planned))))
    for planned in due.planned:
        letter = planned.letter
        files = ", ".join(a.file_name for a in letter.attachments)
        print(
            texts.CLI_NOTIFY_LINE.format(
                kind=texts.MAIL_KIND_LABELS[planned.kind],
                subject=letter.subject,
                recipients=", ".join(letter.recipients),
                files=texts.CLI_NOTIFY_FILES.format(files=files) if files else "",
            )
        )
        if show_text:
            print(letter.body + "\n")
    for sentence in due.unreachable:
        print(texts.CLI_NOTIFY_UNREACHABLE.format(sentence=sentence))


def cmd_notify(args: argparse.Namespace) -> int:
    from notify.due import due_mail
    from notify.send import run

    db = open_database(args.db)
    today = args.today or date.today()
    if args.dry_run:
        _print_due(due_mail(db, today), show_text=True)
        return 0
    now = datetime.now() if args.today is None else datetime.combine(args.today, datetime.now().time())
    done = run(db, today, now, args.actor)
    _print_due(done.due, show_text=False)
    print(done.delivery.text)
    if done.delivery.errors and not done.delivery.failed:  # e-mail is off: nothing was recorded
        return 2
    return EXIT_RETRY if done.delivery.failed else 0


def _read_password(args: argparse.Namespace) -> str:
    """From standard input's first line (scripts) or typed twice at a hidden prompt: never an argument,
    which would sit in the shell history and the process list."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(texts.CLI_USERS_PASSWORD_PROMPT)
    if first != getpass.getpass(texts.CLI_USERS_PASSWORD_AGAIN):
        raise auth.AuthError(texts.USERS_PASSWORDS_DIFFER)
    return first


def cmd_users(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    actor = f"cli:{getpass.getuser()}"
    if args.action == "add":
        user = auth.create_user(
            db, actor, args.username, args.full_name, args.role, _read_password(args), args.unit or []
        )
        print(texts.CLI_USERS_ADDED.format(username=user.username, role=user.role_label))
    elif args.action == "set-password":
        auth.set_password(db, actor, args.username, _read_password(args))
        print(texts.CLI_USERS_PASSWORD_SET.format(username=args.username))
    else:
        for user in auth.users_table_rows(db):
            state = "" if user.is_active else texts.CLI_USERS_INACTIVE
            print(f"{user.username}\t{user.full_name}\t{user.role}\t{user.unit_codes or ''}{state}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from etl.demo import build_demo, create_demo_accounts, demo_refusal

    # Looked at before the set-up of `open_database` (catalogue, units, plans): a refused database stays as it was.
    target = Database(args.db)
    refusal = demo_refusal(target)
    target.close()
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return 2
    db = open_database(args.db)
    out_dir = Path(args.forms or db.path.parent / "demo-forms")
    results = build_demo(db, out_dir)
    print(texts.DEMO_ACCOUNTS_DONE.format(accounts=", ".join(create_demo_accounts(db))))
    print(texts.DEMO_DONE.format(path=db.path, forms=out_dir, **_counts(results)))
    return 1 if any(r.status == "rejected" for r in results) else 0


def cmd_backup(args: argparse.Namespace) -> int:
    result = backup(Database(args.db), args.output, args.actor, key_file=args.key)
    for problem in result.problems:
        print(texts.BACKUP_PROBLEM.format(problem=problem), file=sys.stderr)
    counts = result.manifest["counts"]
    print(
        texts.BACKUP_DONE.format(
            folder=result.folder,
            submissions=format_count(counts["submissions"]),
            users=format_count(counts["users"]),
            files=format_count(len(result.manifest["archive"])),
        )
    )
    if result.key_made:
        print(texts.BACKUP_KEY_CREATED.format(key=result.key_file))
    return 1 if result.problems else 0


def _confirm_accounts(accepted: bool, changes: list[AccountChange]) -> bool:
    """Whether the account changes a restore would make go ahead: accepted by flag, or typed at a terminal.
    With no terminal (CI, cron) and no flag, no: the refusal lists them."""
    lines = [texts.RESTORE_ACCOUNT_LINE.format(change=change.describe()) for change in changes]
    if accepted:
        print(texts.RESTORE_ACCOUNTS_ACCEPTED, *lines, sep="\n")
        return True
    if sys.stdin is None or not sys.stdin.isatty():
        return False
    print(texts.RESTORE_ACCOUNTS_ASK, *lines, sep="\n", file=sys.stderr)
    sys.stderr.write(texts.RESTORE_CONFIRM)
    sys.stderr.flush()
    answer = sys.stdin.buffer.readline().decode("utf-8", errors="replace")  # whatever the locale says
    return unicodedata.normalize("NFC", answer).strip().casefold() in texts.RESTORE_YES


def cmd_restore(args: argparse.Namespace) -> int:
    db_path = args.db or default_db_path()
    try:
        result = restore(
            args.folder,
            db_path,
            args.actor,
            key_file=args.key,
            accept_unverified=args.accept_unverified,
            confirm=lambda changes: _confirm_accounts(args.accept_accounts, changes),
        )
    except DatabaseBusy:
        print(texts.RESTORE_BUSY.format(path=db_path), file=sys.stderr)
        return EXIT_RETRY
    except BackupError as exc:  # refused: nothing was changed
        print(texts.CLI_ERROR.format(error=exc), file=sys.stderr)
        return 1
    if result.unverified:
        print(texts.RESTORE_UNVERIFIED.format(problem=result.unverified), file=sys.stderr)
    print(
        texts.RESTORE_DONE.format(
            path=db_path,
            created_at=format_date_time(datetime.fromisoformat(result.manifest["created_at"])),
            submissions=format_count(result.manifest["counts"]["submissions"]),
            files=format_count(result.archive_files),
            archive=archive_dir_at(db_path),
        )
    )
    if result.kept_aside:
        print(texts.RESTORE_KEPT.format(path=result.kept_aside))
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    findings = health.check_file(args.db or default_db_path(), args.backups or health.default_backup_folder())
    if args.json:
        json.dump([f.as_dict() for f in findings], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for finding in findings:
            print(f"{texts.CLI_HEALTH_LEVELS[finding.level]} {finding.message}")
    return 1 if health.worst(findings) == "error" else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=texts.CLI_DESCRIPTION)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=None, help=texts.CLI_HELP_DB.format(env_var=DB_ENV_VAR))
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", parents=[common], help=texts.CLI_HELP_INIT)
    init.set_defaults(func=cmd_init)

    ind = sub.add_parser("indicators", parents=[common], help=texts.CLI_HELP_INDICATORS)
    ind.add_argument("--plan", required=True, help=texts.CLI_HELP_PLAN)
    ind.add_argument("--period", required=True, help=texts.CLI_HELP_INDICATORS_PERIOD)
    ind.add_argument("--unit", default=None, help=texts.CLI_HELP_UNIT)
    ind.add_argument("--breakdown", action="store_true", help=texts.CLI_HELP_BREAKDOWN)
    ind.add_argument("--approved-only", action="store_true", help=texts.CLI_HELP_APPROVED_ONLY)
    ind.add_argument("--format", choices=("csv", "json"), default="csv")
    ind.add_argument("-o", "--output", default=None, help=texts.CLI_HELP_OUTPUT)
    ind.set_defaults(func=cmd_indicators)

    load = sub.add_parser("load", parents=[common], help=texts.CLI_HELP_LOAD)
    load.add_argument("files", nargs="+", type=Path, metavar="FILE")
    load.add_argument("--json", action="store_true", help=texts.CLI_HELP_JSON)
    load.add_argument("--sender", default=getpass.getuser(), help=texts.CLI_HELP_SENDER)
    load.add_argument("--reason", default="", help=texts.CLI_HELP_REASON)
    load.add_argument("--received-at", default=None, help=texts.CLI_HELP_RECEIVED_AT)
    load.set_defaults(func=cmd_load)

    export = sub.add_parser("export", parents=[common], help=texts.CLI_HELP_EXPORT)
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    export.add_argument("-o", "--output", default=None)
    export.set_defaults(func=cmd_export)

    template = sub.add_parser("template", parents=[common], help=texts.CLI_HELP_TEMPLATE)
    template.add_argument("--unit", required=True)
    template.add_argument("--period", required=True)
    template.add_argument("-o", "--output", default=None)
    template.set_defaults(func=cmd_template)

    report = sub.add_parser("report", parents=[common], help=texts.CLI_HELP_REPORT)
    report.add_argument("--plan", required=True, help=texts.CLI_HELP_PLAN)
    report.add_argument("--period", required=True, help=texts.CLI_HELP_REPORT_PERIOD)
    report.add_argument("--format", choices=("pptx", "pdf", "docx"), default="pptx", help=texts.CLI_HELP_REPORT_FORMAT)
    report.add_argument("--approved-only", action="store_true", help=texts.CLI_HELP_APPROVED_ONLY)
    report.add_argument("-o", "--output", default=None)
    report.add_argument(
        "--as-of",
        "--today",  # its first name, kept for existing scripts
        dest="as_of",
        type=date.fromisoformat,
        default=None,
        help=texts.CLI_HELP_AS_OF,
    )
    report.set_defaults(func=cmd_report)

    notify = sub.add_parser("notify", parents=[common], help=texts.CLI_HELP_NOTIFY)
    notify.add_argument("--dry-run", action="store_true", help=texts.CLI_HELP_NOTIFY_DRY_RUN)
    notify.add_argument("--today", type=date.fromisoformat, default=None, help=texts.CLI_HELP_NOTIFY_TODAY)
    notify.add_argument("--actor", default=getpass.getuser(), help=texts.CLI_HELP_ACTOR)
    notify.set_defaults(func=cmd_notify)

    users = sub.add_parser("users", parents=[common], help=texts.CLI_HELP_USERS)
    users_sub = users.add_subparsers(dest="action", required=True)
    add = users_sub.add_parser("add", parents=[common], help=texts.CLI_HELP_USERS_ADD)
    add.add_argument("--username", required=True)
    add.add_argument("--full-name", required=True)
    add.add_argument("--role", required=True, choices=auth.ROLES)
    add.add_argument("--unit", action="append", help=texts.CLI_HELP_USERS_UNIT)
    add.add_argument("--password-stdin", action="store_true", help=texts.CLI_HELP_PASSWORD_STDIN)
    passwd = users_sub.add_parser("set-password", parents=[common], help=texts.CLI_HELP_USERS_SET_PASSWORD)
    passwd.add_argument("--username", required=True)
    passwd.add_argument("--password-stdin", action="store_true")
    users_sub.add_parser("list", parents=[common], help=texts.CLI_HELP_USERS_LIST)
    users.set_defaults(func=cmd_users)

    demo = sub.add_parser("demo", parents=[common], help=texts.CLI_HELP_DEMO)
    demo.add_argument("--forms", default=None, help=texts.CLI_HELP_DEMO_FORMS)
    demo.set_defaults(func=cmd_demo)

    actor = argparse.ArgumentParser(add_help=False)
    actor.add_argument("--actor", default=getpass.getuser(), help=texts.CLI_HELP_ACTOR)
    key = argparse.ArgumentParser(add_help=False)
    key.add_argument(
        "--key",
        type=Path,
        default=None,
        metavar="FILE",
        help=texts.CLI_HELP_KEY.format(env_var=KEY_ENV_VAR),
    )
    save = sub.add_parser("backup", parents=[common, actor, key], help=texts.CLI_HELP_BACKUP)
    save.add_argument("-o", "--output", required=True, type=Path, help=texts.CLI_HELP_BACKUP_OUTPUT)
    save.set_defaults(func=cmd_backup)

    back = sub.add_parser("restore", parents=[common, actor, key], help=texts.CLI_HELP_RESTORE)
    back.add_argument("folder", type=Path, metavar="DIR", help=texts.CLI_HELP_RESTORE_FOLDER)
    back.add_argument(
        "--accept-unverified",
        action="store_true",
        help=texts.CLI_HELP_ACCEPT_UNVERIFIED,
    )
    back.add_argument(
        "--accept-accounts",
        action="store_true",
        help=texts.CLI_HELP_ACCEPT_ACCOUNTS,
    )
    back.set_defaults(func=cmd_restore)

    check = sub.add_parser("health", parents=[common], help=texts.CLI_HELP_HEALTH)
    check.add_argument("--json", action="store_true", help=texts.CLI_HELP_JSON)
    check.add_argument(
        "--backups",
        type=Path,
        default=None,
        help=texts.CLI_HELP_BACKUPS.format(env_var=health.BACKUPS_ENV_VAR),
    )
    check.set_defaults(func=cmd_health)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (EngineError, PlanError, TemplateError, auth.AuthError, BackupError, MailError) as exc:
        print(texts.CLI_ERROR.format(error=exc), file=sys.stderr)
        return 2
    except DatabaseBusy:
        print(texts.CLI_DATABASE_BUSY.format(seconds=format_count(default_wait())), file=sys.stderr)
        return EXIT_RETRY
