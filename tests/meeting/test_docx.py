"""Issue 21, item 1: the draft results report as a Word document, for Lạng Sơn 2023's first half and year.
`python -m etl report --format docx` writes it; LibreOffice renders it to PDF (A4, every part, the Vietnamese
text intact); the targets table's figures are those of `python -m etl indicators`; python-docx reads it back with
Decree 30's margins and font."""

from __future__ import annotations

import csv
import io
import subprocess

import pytest
from docx import Document

from core import texts
from meeting.docx import report_docx
from meeting.report import draft_report, symbol
from tests.support.cli import etl
from tests.support.databases import copy_database
from tests.support.forms import convert

PLAN = "lang-son-2023"
PARTS = (
    texts.DOCX_TITLE,
    texts.DOCX_PART_RESULTS,
    texts.DOCX_PART_TARGETS,
    texts.DOCX_PART_REPORTING,
    texts.DOCX_PART_DIFFICULTIES,
    texts.DOCX_PART_PROPOSALS,
    texts.DOCX_RECIPIENTS_TITLE,
)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("period", ["2023S1", "2023"])
def test_the_draft_renders_in_libreoffice_with_the_indicators_figures(period, demo_db_path, tmp_path, output_dir):
    database = copy_database(demo_db_path, tmp_path / "kpi.duckdb")
    path = tmp_path / f"bao_cao_{period}.docx"
    made = etl("report", "--db", str(database), "--plan", PLAN, "--period", period, "--format", "docx", "-o", str(path))
    assert made.returncode == 0, made.stderr
    assert f"Đã lưu dự thảo báo cáo: {path}" in made.stdout

    pdf = convert(path, "pdf", output_dir)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.3" in info and "841.89" in info  # A4 portrait, in points
    text = " ".join(pdf_text(pdf).split())  # the words as read, lines joined
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True)
    assert second.stdout.split()[0] == "2" and text.split()[0] == "UBND"  # page numbers from the second page
    for part in PARTS:
        assert " ".join(part.split()) in text, part
    assert "UBND TỈNH LẠNG SƠN" in text and "Số: /BC-SLĐTBXH" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Kết quả thực hiện công tác phòng, chống mại dâm" in text and "Tỷ lệ cơ sở được kiểm tra đạt" in text
    # the projection to the year's end, from the first half only (issue 21, item 2)
    assert ("Với tiến độ hiện nay, dự kiến cả năm đạt" in text) is (period == "2023S1")

    indicators = etl("indicators", "--db", str(database), "--plan", PLAN, "--period", period, "--format", "csv")
    rows = {row["indicator_code"]: row for row in csv.DictReader(io.StringIO(indicators.stdout))}
    table = Document(path).tables[1]  # the head is table 0
    for cells in table.rows[1:]:
        number, name, value = (cell.text for cell in cells.cells[:3])
        (code,) = [code for code, row in rows.items() if row["indicator_name"] == name]
        share = float(rows[code]["value"])
        assert value == f"{share * 100:.1f}".replace(".", ",") + "%", (name, value, share)
    assert len(table.rows) - 1 == 6  # the plan's six measured targets


def test_python_docx_reads_back_decree_30s_layout(demo, tmp_path):
    path = tmp_path / "bao_cao.docx"
    path.write_bytes(report_docx(draft_report(demo, PLAN, "2023S1")))
    document = Document(path)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 14)
    assert document.core_properties.language == "vi-VN"
    head = document.tables[0].rows[0].cells
    assert head[0].paragraphs[1].runs[0].bold and head[0].paragraphs[1].text == "SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"
    assert head[1].paragraphs[-1].runs[0].italic and head[1].paragraphs[-1].text.startswith("Lạng Sơn, ngày")
    assert [round(cell.width.mm) for cell in head] == [70, 95]


def test_the_agency_and_its_symbol_follow_the_owner(demo):
    assert symbol("Sở Y tế") == "SYT" and symbol("Sở Lao động – Thương binh và Xã hội") == "SLĐTBXH"
    draft = draft_report(demo, "lang-son-2026", "2026Q3")
    assert (draft.heading.superior, draft.heading.agency) == ("UBND TỈNH LẠNG SƠN", "SỞ Y TẾ")
    assert draft.heading.number.endswith("/BC-SYT") and draft.recipients[0] == texts.DOCX_MINISTRY_HEALTH
    assert draft.intro.startswith(f"Thực hiện {draft.pack.plan_title}, Sở Y tế")  # no document number yet


# ECMA-376's order of a paragraph's properties: Word offers to "repair" a file that breaks it.
PARAGRAPH_PROPERTIES = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_paragraph_properties_keep_the_schemas_order(demo):
    document = Document(io.BytesIO(report_docx(draft_report(demo, PLAN, "2023"))))
    orders = [
        [PARAGRAPH_PROPERTIES.index(child.tag.removeprefix(W)) for child in properties]
        for properties in document.element.body.iter(f"{W}pPr")
    ]
    assert orders and all(order == sorted(order) for order in orders)


def test_each_target_stands_beside_the_same_period_a_year_earlier(demo):
    sentences = [s for group in draft_report(demo, "lang-son-2024", "2024").groups for s in group.sentences]
    assert any("Tỷ lệ cơ sở được kiểm tra đạt" in s and "Cùng kỳ năm trước (Năm 2023): 27,7%" in s for s in sentences)
