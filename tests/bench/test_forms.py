"""The benchmark's data: forms that are the product's template filled in, accepted by the loader without a
warning, read by pandas and LibreOffice; plans that cover every district."""

import pandas as pd
import pytest

from bench.forms import Assembler, Scope, check_assembly, districts, national_forms, year_figures
from bench.loaders import calamine_read, pandas_load
from bench.plans import bench_plans, national_plan_id, provincial_plan_id
from core.bootstrap import open_database
from core.periods import parse_period
from core.plans import PLANS_ENV_VAR
from etl import form_spec
from etl.loader import load_files
from tests.support.forms import convert

LANG_SON_ONLY = Scope((2024,), provinces=0)  # the 11 districts of Lạng Sơn, four quarters


@pytest.fixture(scope="module")
def lang_son(tmp_path_factory):
    """The scope's forms, generated once, and loaded into a database with the bench plans."""
    folder = tmp_path_factory.mktemp("bench")
    forms = national_forms(folder / "cache", LANG_SON_ONLY, log=lambda _: None)
    with pytest.MonkeyPatch.context() as patch:  # the bench plans for this database only: a form made later
        patch.setenv(PLANS_ENV_VAR, str(bench_plans(folder / "cache", LANG_SON_ONLY)))  # names the repository's
        db = open_database(folder / "kpi.duckdb")  # plans' owner, as the first call's did
        results = load_files(db, forms.paths, "bench")
    yield folder, forms, db, results
    db.close()


def test_forms_put_together_equal_the_template(db):
    units = {d.code: d for d in districts()}
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
    cao_loc = next(d for d in districts(0) if d.code == "183")
    values, communes = year_figures(cao_loc, 2024)[3]
    loaded = next(r for r in results if r.file == "Bieu01_183_2024Q3.xlsx")
    assert loaded.values == values
    assert values["TT01"] == len(communes) == len(cao_loc.communes)


def test_a_second_call_takes_the_forms_from_the_cache(lang_son):
    folder, forms, _, _ = lang_son
    again = national_forms(folder / "cache", LANG_SON_ONLY, log=lambda _: None)
    assert again.generated_seconds is None and again.paths == forms.paths


def test_pandas_calamine_and_libreoffice_read_the_forms(lang_son, tmp_path):
    _, forms, _, _ = lang_son
    path = forms.paths[-1]
    summary = pd.read_excel(path, sheet_name=form_spec.SUMMARY_SHEET, engine="openpyxl", header=None)
    assert summary[summary[1] == "TT01"][4].item() == len(
        next(d for d in districts(0) if path.stem.split("_")[1] == d.code).communes
    )
    assert pandas_load(tmp_path / "script.duckdb", forms.paths[:2]).files == 2
    assert calamine_read(forms.paths[:2]).files == 2
    text = convert(path, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "lo").read_text(encoding="utf-8")
    assert "Huyện" in text and "TT01" in text


def test_the_national_plan_covers_every_district(tmp_path, monkeypatch):
    scope = Scope((2024,))
    monkeypatch.setenv(PLANS_ENV_VAR, str(bench_plans(tmp_path / "cache", scope)))
    db = open_database(tmp_path / "kpi.duckdb")
    assert db.one("count_plan_units", {"plan_id": national_plan_id(2024)}).count_units == len(districts()) == 696
    assert db.one("count_plan_units", {"plan_id": provincial_plan_id(2024)}).count_units == 11
    db.close()
