"""The figures the pages show equal what `python -m etl indicators` prints for the same view."""

import csv
import io
import subprocess
import sys

from core import fmt
from tests.support.apptest import run_page
from tests.support.browser import copy_with_accounts


def cli_rows(db_path, period: str) -> dict[tuple[str, str], dict]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "etl",
            "indicators",
            "--plan",
            "lang-son-2023",
            "--period",
            period,
            "--breakdown",
            "--db",
            str(db_path),
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return {(r["indicator_code"], r["unit_code"]): r for r in csv.DictReader(io.StringIO(result.stdout))}


def shown(value: str, indicator_is_share: bool) -> str:
    if value == "":
        return fmt.MISSING
    return fmt.percent(float(value)) if indicator_is_share else fmt.count(float(value))


def test_overview_cards_equal_the_command_line(monkeypatch, demo_db_path, tmp_path):
    db_path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")
    cli = cli_rows(db_path, "2023Q3")
    at = run_page(monkeypatch, db_path, "pages/overview.py", plan="lang-son-2023", period="2023Q3")
    metrics = {m.label.replace("\\", ""): m.value for m in at.metric}
    names = {r["indicator_name"]: r for (code, unit), r in cli.items() if unit == "20"}
    compared = 0
    for label, value in metrics.items():
        if label in names:
            row = names[label]
            share = row["denominator"] != "" or row["indicator_code"] == "BAO_CAO_DUNG_HAN"
            assert value == shown(row["value"], share), label
            compared += 1
    assert compared >= 5


def test_indicator_table_equals_the_command_line(monkeypatch, demo_db_path, tmp_path):
    db_path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")
    cli = cli_rows(db_path, "2023Q2")
    at = run_page(
        monkeypatch, db_path, "pages/indicator.py", plan="lang-son-2023", period="2023Q2", indicator="CO_SO_KIEM_TRA"
    )
    table = at.dataframe[0].value
    unit_column, value_column = table.columns[0], next(c for c in table.columns if "Giá trị" in c)
    by_name = {r["unit_name"]: r for (code, unit), r in cli.items() if code == "CO_SO_KIEM_TRA"}
    compared = 0
    for _, row in table.iterrows():
        name = str(row[unit_column]).replace("\\", "")
        match = by_name.get(name) or next((r for n, r in by_name.items() if f"({n})" in name), None)
        if match is not None:
            assert row[value_column] == shown(match["value"], True), name
            compared += 1
    assert compared == 12  # the province and its 11 districts
