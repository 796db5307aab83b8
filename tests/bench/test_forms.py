"""The benchmark's data: forms that are the product's template filled in, accepted by the loader without a
warning, read by pandas and LibreOffice; plans that cover every district before the 2025 reform and every commune
after it."""

from datetime import date

import pandas as pd
import pytest

from bench.forms import (
    Assembler,
    check_assembly,
    national_forms,
    quarters_begun,
    quarters_from,
    reporting_units,
    year_figures,
    years_scope,
)
from bench.loaders import calamine_read, pandas_load
from bench.plans import bench_plans, national_plan_id, provincial_plan_id
from core.bootstrap import open_database
from core.periods import parse_period
from core.plans import PLANS_ENV_VAR
from etl import form_spec
from etl.loader import load_files
from tests.support.forms import convert

LANG_SON_ONLY = years_scope((2024,), provinces=0)  # the 11 districts of Lạng Sơn, four quarters


@pytest.fixture(scope="module")
def lang_son(tmp_path_factory):
    """The scope's forms, generated once, and loaded into a database with the bench plans."""
    folder = tmp_path_factory.mktemp("bench")
    with pytest.MonkeyPatch.context() as patch:  # the bench plans for this module only
        patch.setenv(PLANS_ENV_VAR, str(bench_plans(folder / "cache", LANG_SON_ONLY)))
        forms = national_forms(folder / "cache", LANG_SON_ONLY, log=lambda _: None)
        db = open_database(folder / "kpi.duckdb")
        results = load_files(db, forms.paths, "bench")
    yield folder, forms, db, results
    db.close()


def test_forms_put_together_equal_the_template(db):
    units = {d.code: d for d in reporting_units("pre2025")}
    # Years no repository plan covers for these units: a form's "Kính gửi" line names its plan's owner.
    periods = [parse_period("2022Q3"), parse_period("2021Q4")]
    assembler = Assembler.from_template(db, periods)
    # Hoàng Sa has no commune (the district reports on itself); Ba Đình and Cao Lộc have many.
    samples = [(units["498"], periods[1]), (units["183"], periods[0]), (units["001"], periods[1])]
    check_assembly(db, assembler, samples)


def test_every_form_is_accepted_without_a_warning(lang_son):
    _, forms, _, results = lang_son
    assert len(forms.paths) == 11 * 4
    assert {r.status for r in results} == {"accepted"}
    assert [w.message for r in results for w in r.warnings] == []


def test_the_loaded_values_are_the_generated_ones(lang_son):
    _, _, _, results = lang_son
    cao_loc = next(d for d in reporting_units("pre2025", 0) if d.code == "183")
    values, communes = year_figures(cao_loc, 2024)[3]
    loaded = next(r for r in results if r.file == "Bieu01_183_2024Q3.xlsx")
    assert loaded.values == values
    assert values["TT01"] == len(communes) == len(cao_loc.communes)


def test_a_second_call_takes_the_forms_from_the_cache(lang_son):
    folder, forms, _, _ = lang_son
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PLANS_ENV_VAR, str(folder / "cache" / f"plans-{LANG_SON_ONLY.label}"))
        again = national_forms(folder / "cache", LANG_SON_ONLY, log=lambda _: None)
    assert again.generated_seconds is None and again.paths == forms.paths


def test_pandas_calamine_and_libreoffice_read_the_forms(lang_son, tmp_path):
    _, forms, _, _ = lang_son
    path = forms.paths[-1]
    summary = pd.read_excel(path, sheet_name=form_spec.SUMMARY_SHEET, engine="openpyxl", header=None)
    assert summary[summary[1] == "TT01"][4].item() == len(
        next(d for d in reporting_units("pre2025", 0) if path.stem.split("_")[1] == d.code).communes
    )
    assert pandas_load(tmp_path / "script.duckdb", forms.paths[:2]).files == 2
    assert calamine_read(forms.paths[:2]).files == 2
    text = convert(path, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "lo").read_text(encoding="utf-8")
    assert "Huyện" in text and "TT01" in text


def test_after_the_reform_each_commune_fills_its_own_form_from_the_third_quarter_of_2025(tmp_path, monkeypatch):
    scope = quarters_from("2025Q3", 3, provinces=0)  # Lạng Sơn's 65 communes, 2025Q3 to 2026Q1
    assert [p.code for p in scope.periods()] == ["2025Q3", "2025Q4", "2026Q1"] and scope.measured.code == "2025Q4"
    units = scope.units
    assert len(units) == 65 and all(u.communes == ((u.code, u.name),) for u in units)
    monkeypatch.setenv(PLANS_ENV_VAR, str(bench_plans(tmp_path / "cache", scope)))
    forms = national_forms(tmp_path / "cache", scope, log=lambda _: None)  # 2025 and 2026's parts fit together
    assert len(forms.paths) == 65 * 3
    db = open_database(tmp_path / "kpi.duckdb")
    sample = forms.paths[:: len(forms.paths) // 12]  # every quarter, spread over the communes
    results = load_files(db, sample, "bench")
    assert {r.status for r in results} == {"accepted"}
    assert [w.message for r in results for w in r.warnings] == []
    one = next(r for r in results if r.period == "2025Q4")
    values, communes = year_figures(next(u for u in units if u.code == one.unit_code), 2025)[4]
    assert one.values == values and values["TT01"] == len(communes) == 1
    assert db.one("count_plan_units", {"plan_id": national_plan_id(2025)}).count_units == 65
    assert db.one("count_plan_units", {"plan_id": provincial_plan_id(2025)}).count_units == 65
    db.close()


@pytest.mark.parametrize(
    ("scope", "year", "structure", "units", "provincial"),
    [
        (years_scope((2024,)), 2024, "pre2025", 696, 11),  # every district; Lạng Sơn's 11
        (quarters_from("2025Q3", 8), 2026, "post2025", 3321, 65),  # every commune; Lạng Sơn's 65
    ],
)
def test_the_national_plan_covers_every_unit(tmp_path, monkeypatch, scope, year, structure, units, provincial):
    assert scope.measured.code == f"{year}Q4"
    monkeypatch.setenv(PLANS_ENV_VAR, str(bench_plans(tmp_path / "cache", scope)))
    db = open_database(tmp_path / "kpi.duckdb")
    count = len(reporting_units(structure))
    assert db.one("count_plan_units", {"plan_id": national_plan_id(year)}).count_units == count == units
    assert db.one("count_plan_units", {"plan_id": provincial_plan_id(year)}).count_units == provincial
    db.close()


def test_a_scope_cannot_span_the_reform():
    with pytest.raises(ValueError, match="span the 2025 reform"):
        quarters_from("2024Q3", 4)


def test_after_the_reform_the_bench_stops_at_the_last_quarter_begun():
    """A report of a quarter not yet begun is refused: on 4 December 2026 the forms run from 2025Q3 to 2026Q4."""
    assert [quarters_begun(date(*day)) for day in ((2026, 12, 4), (2027, 1, 1), (2027, 4, 1), (2028, 5, 1))] == [
        6,
        7,
        8,
        8,
    ]
