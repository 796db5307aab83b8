"""User-supplied text stays text: a unit named like HTML shows as typed, a name like a formula exports as text."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from core.bootstrap import open_database
from core.indicator_view import indicator_view, table_csv, table_xlsx
from tests.browser import copy_database, open_deep_link

PLAN = "lang-son-2023"
XSS = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://x","y")'
UNIT = "189"  # Huyện Đình Lập: missing its Q4 report, so named on the chase list and among the laggards


def renamed(demo_db_path, tmp_path, name: str):
    path = copy_database(demo_db_path, tmp_path / "kpi.duckdb")
    db = open_database(path)
    with db.cursor() as cur:
        cur.execute("UPDATE units SET name = ? WHERE unit_code = ?", [name, UNIT])
    return path, db


def test_a_formula_in_a_unit_name_is_exported_as_text(demo_db_path, tmp_path):
    _, db = renamed(demo_db_path, tmp_path, FORMULA)
    view = indicator_view(db, PLAN, "2023Q4", "CO_SO_KIEM_TRA")
    db.close()
    sheet = load_workbook(io.BytesIO(table_xlsx(view))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2) if "HYPERLINK" in str(row[0].value)]
    assert [(c.value, c.data_type) for c in cells] == [("'" + FORMULA, "s")]
    rows = list(csv.reader(io.StringIO(table_csv(view).decode("utf-8-sig"))))
    assert [r[0] for r in rows if "HYPERLINK" in r[0]] == ["'" + FORMULA]


@pytest.mark.browser
def test_a_unit_named_like_html_shows_as_text(demo_db_path, tmp_path, server_for, browser_page, output_dir):
    path, db = renamed(demo_db_path, tmp_path, XSS)
    db.close()
    server = server_for(path)
    page = browser_page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for n, (link, landmark) in enumerate(
        [
            (f"/tinh-hinh-bao-cao?plan={PLAN}", "Đơn vị cần đôn đốc"),
            (f"/trinh-chieu?plan={PLAN}&period=2023Q4&slide=9", "Báo cáo chưa nộp hoặc nộp trễ"),
            (f"/don-vi?plan={PLAN}&period=2023Q4&unit={UNIT}", "Báo cáo đã nhận trong năm 2023"),
        ]
    ):
        open_deep_link(page, server.url, link, landmark)
        assert XSS in page.inner_text("body"), link  # shown as the characters typed
        assert page.locator("img[src='x']").count() == 0, link  # never an element
        page.screenshot(path=str(output_dir / f"{n}.png"))
    assert dialogs == []
