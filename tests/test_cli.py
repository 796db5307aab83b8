"""`python -m etl` as people and acceptance checks call it: a real process on a real file."""

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from core.bootstrap import open_database
from core.engine import compute_indicators
from core.plans import sync_plans
from etl.cli import INDICATOR_COLUMNS
from tests.test_engine import FIXTURES, PLAN, load


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "kpi.duckdb"
    db = open_database(path)
    sync_plans(db, FIXTURES / "plans")
    load(db)
    db.close()
    return path


def test_indicators_csv_has_the_contract_columns_and_engine_values(db_file):
    result = run_cli("indicators", "--plan", PLAN, "--period", "2023Q2", "--db", str(db_file), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == INDICATOR_COLUMNS
    by_code = {r["indicator_code"]: r for r in rows}
    share = by_code["XA_TUYEN_TRUYEN"]
    assert (share["unit_code"], share["numerator"], share["denominator"]) == ("58", "25.0", "30.0")
    assert float(share["value"]) == pytest.approx(25 / 30)
    assert (share["units_current"], share["units_contributing"], share["units_expected"]) == ("2", "3", "7")
    assert share["units_carried"] == "584" and share["status"] == "not_yet"
    assert by_code["CO_SO_KIEM_TRA"]["target"] == "0.3"
    assert by_code["XA_LANH_MANH"]["value"] == ""  # missing, not zero

    db = open_database(db_file)
    engine = {r.indicator_code: r for r in compute_indicators(db, PLAN, "2023Q2")}
    db.close()
    for code, row in by_code.items():
        expected = engine[code].value
        assert (row["value"] == "") == (expected is None)
        if expected is not None:
            assert float(row["value"]) == pytest.approx(expected)


def test_indicators_json_for_one_unit(db_file):
    result = run_cli(
        "indicators", "--plan", PLAN, "--period", "2023Q2", "--unit", "582", "--db", str(db_file), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    records = {r["indicator_code"]: r for r in json.loads(result.stdout)}
    assert records["XA_TUYEN_TRUYEN"]["value"] == pytest.approx(0.75)
    assert records["XA_TUYEN_TRUYEN"]["unit_name"] == "Thành phố Phan Rang-Tháp Chàm"


def test_unknown_plan_is_a_clear_error(db_file):
    result = run_cli("indicators", "--plan", "ha-noi-2030", "--period", "2030", "--db", str(db_file))
    assert result.returncode == 2
    assert "Không có kế hoạch «ha-noi-2030»" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_path_from_environment(tmp_path):
    path = tmp_path / "env.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "etl", "init"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KPI_DB": str(path)},
    )
    assert result.returncode == 0, result.stderr
    assert path.exists()
