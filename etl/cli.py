"""The command line: `python -m etl <command>`; each command calls the core and prints."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import asdict
from pathlib import Path

from core.bootstrap import open_database
from core.db import DB_ENV_VAR
from core.engine import EngineError, IndicatorResult, compute_indicators
from core.plans import PlanError

# Columns of `indicators --format csv`: part of the command line's contract.
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
)


def _csv_cell(value: object) -> object:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
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
    print(f"Cơ sở dữ liệu sẵn sàng: {db.path}")
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    results = compute_indicators(db, args.plan, args.period, args.unit, breakdown=args.breakdown)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            write_indicators(results, args.format, out)
    else:
        write_indicators(results, args.format, sys.stdout)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl", description="Công cụ dòng lệnh của hệ thống theo dõi chỉ tiêu."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", type=Path, default=None, help=f"tệp DuckDB (mặc định data/kpi.duckdb hoặc biến môi trường {DB_ENV_VAR})"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", parents=[common], help="tạo hoặc nâng cấp cơ sở dữ liệu, nạp danh mục và kế hoạch")
    init.set_defaults(func=cmd_init)

    ind = sub.add_parser("indicators", parents=[common], help="tính các chỉ số của một kế hoạch cho một kỳ")
    ind.add_argument("--plan", required=True, help="mã kế hoạch, ví dụ lang-son-2023")
    ind.add_argument("--period", required=True, help="kỳ báo cáo: 2023Q2, 2023S1, 2023")
    ind.add_argument("--unit", default=None, help="mã đơn vị (mặc định: toàn tỉnh)")
    ind.add_argument("--breakdown", action="store_true", help="thêm một dòng cho mỗi đơn vị báo cáo")
    ind.add_argument("--format", choices=("csv", "json"), default="csv")
    ind.add_argument("-o", "--output", default=None, help="ghi ra tệp thay vì màn hình")
    ind.set_defaults(func=cmd_indicators)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (EngineError, PlanError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
