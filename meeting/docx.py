"""The draft results report as an editable Word document, laid out as Decree 30/2020/NĐ-CP asks of an administrative
document: A4, margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman 14 (the head 12-13, tables 12);
the issuing body and the national motto side by side, number and symbol, place and date; numbered parts;
recipients and the signature block. Opens in Word and LibreOffice without repair (tests/meeting/test_docx.py)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from core import texts
from meeting.report import DraftReport

FONT = "Times New Roman"
BODY_SIZE, HEAD_SIZE, TABLE_SIZE, RECIPIENT_SIZE = 14, 13, 12, 11
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
HEAD_COLUMNS_MM = (70, TEXT_WIDTH_MM - 70)
TARGET_COLUMNS_MM = (12, 40, 18, 22, 20, 30, 23)  # STT, target, result, level, verdict, units behind, sources
FIRST_LINE_INDENT = Cm(1.27)
# Word refuses a file whose elements are out of the schema's order (it offers to "repair" it): what follows a
# paragraph's border and a run's language in their parents (ECMA-376, CT_PPr and CT_RPr).
AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
AFTER_LANGUAGE = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _set_font(style_or_run, size: float, bold: bool = False, italic: bool = False) -> None:
    font = style_or_run.font
    font.name, font.size, font.bold, font.italic = FONT, Pt(size), bold, italic
    fonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _paragraph(container, text: str = "", size: float = BODY_SIZE, bold=False, italic=False, align=None, indent=False):
    paragraph = container.add_paragraph()
    if text:
        _set_font(paragraph.add_run(text), size, bold, italic)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
    return paragraph


def _rule(container, width_mm: float, cell_mm: float) -> None:
    """The short line under the issuing body, the motto and the title: a paragraph's bottom border, narrowed."""
    paragraph = container.add_paragraph()
    side = Mm((cell_mm - width_mm) / 2)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.space_after = Pt(6)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *AFTER_BORDER)
    _set_font(paragraph.add_run(), 2)


def _widths(table, widths_mm) -> None:
    """Fixed column widths, in the grid (what LibreOffice reads) and on every cell (what Word reads)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _cell_text(cell, text: str, size: float, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, first=False):
    """A line in a table cell; `first`: the empty paragraph a new cell holds."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    _set_font(paragraph.add_run(text), size, bold, italic)


def _head(document, report: DraftReport) -> None:
    head = report.heading
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, HEAD_COLUMNS_MM)
    left, right = table.rows[0].cells
    _cell_text(left, head.superior, HEAD_SIZE, first=True)
    _cell_text(left, head.agency, HEAD_SIZE, bold=True)
    _rule(left, 25, HEAD_COLUMNS_MM[0])
    _cell_text(left, head.number, HEAD_SIZE)
    _cell_text(right, texts.DOCX_NATION, 12, bold=True, first=True)
    _cell_text(right, texts.DOCX_MOTTO, HEAD_SIZE, bold=True)
    _rule(right, 55, HEAD_COLUMNS_MM[1])
    _cell_text(right, head.place_date, HEAD_SIZE, italic=True)


def _targets(document, report: DraftReport) -> None:
    frame = report.targets
    table = document.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, frame.columns, strict=True):
        _cell_text(cell, name, TABLE_SIZE, bold=True, first=True)
    for values in frame.itertuples(index=False):
        cells = table.add_row().cells
        for n, (cell, value) in enumerate(zip(cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.LEFT if n in (1, 5, 6) else WD_ALIGN_PARAGRAPH.CENTER
            _cell_text(cell, str(value), TABLE_SIZE, align=align, first=True)
    _widths(table, TARGET_COLUMNS_MM)


def _signature(document, report: DraftReport) -> None:
    table = document.add_table(rows=1, cols=2)
    _widths(table, HEAD_COLUMNS_MM)
    left, right = table.rows[0].cells
    align = WD_ALIGN_PARAGRAPH.LEFT
    _cell_text(left, texts.DOCX_RECIPIENTS_TITLE, 12, bold=True, italic=True, align=align, first=True)
    for line in report.recipients:
        _cell_text(left, line, RECIPIENT_SIZE, align=align)
    _cell_text(right, report.signer, BODY_SIZE, bold=True, first=True)
    for _ in range(4):
        _cell_text(right, "", BODY_SIZE)
    _cell_text(right, texts.DOCX_SIGNER_NAME, BODY_SIZE, bold=True)


def _page_numbers(section) -> None:
    """Decree 30: the page number at the top, centred, from the second page on."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"  # shown until the field is updated
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _setup(document, report: DraftReport) -> None:
    section = document.sections[0]
    _page_numbers(section)
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    _set_font(normal, BODY_SIZE)
    language = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), "vi-VN")
    normal.element.get_or_add_rPr().insert_element_before(language, *AFTER_LANGUAGE)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    properties = document.core_properties
    properties.title = f"{texts.DOCX_TITLE} {report.subtitle}"
    properties.author = report.pack.owner
    properties.language = "vi-VN"


def report_docx(report: DraftReport) -> bytes:
    """The draft as a .docx file's bytes."""
    document = Document()
    _setup(document, report)
    justify, centre = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER
    _head(document, report)
    _paragraph(document, texts.DOCX_TITLE, bold=True, align=centre).paragraph_format.space_before = Pt(12)
    _paragraph(document, report.subtitle, bold=True, align=centre).paragraph_format.space_after = Pt(0)
    _rule(document, 50, TEXT_WIDTH_MM)
    _paragraph(document, report.intro, align=justify, indent=True)

    _paragraph(document, texts.DOCX_PART_RESULTS, bold=True)
    for group in report.groups:
        _paragraph(document, group.title, bold=True, indent=True)
        for sentence in group.sentences:
            _paragraph(document, sentence, align=justify, indent=True)

    _paragraph(document, texts.DOCX_PART_TARGETS, bold=True)
    _paragraph(document, report.pack.summary_text + ".", align=justify, indent=True)
    _targets(document, report)

    _paragraph(document, texts.DOCX_PART_REPORTING, bold=True).paragraph_format.space_before = Pt(12)
    _paragraph(document, texts.DOCX_REPORTING_TITLE, bold=True, indent=True)
    for line in report.reporting:
        _paragraph(document, f"- {line}", align=justify, indent=True)
    _paragraph(document, texts.DOCX_QUALITY_TITLE, bold=True, indent=True)
    for line in report.quality:
        _paragraph(document, f"- {line}", align=justify, indent=True)

    _paragraph(document, texts.DOCX_PART_DECISIONS, bold=True)
    if not report.decisions:
        _paragraph(document, texts.DECISION_NONE, align=justify, indent=True)
    for n, decision in enumerate(report.decisions, start=1):
        _paragraph(document, f"{n}. {decision.title}", bold=True, indent=True)
        _paragraph(document, decision.text, align=justify, indent=True)
        for line in (decision.meta, decision.moved, decision.closed):
            if line:
                _paragraph(document, f"- {line}", align=justify, indent=True)

    _paragraph(document, texts.DOCX_PART_DIFFICULTIES, bold=True)
    for prompt in report.difficulties:
        _paragraph(document, prompt, italic=True, align=justify, indent=True)
    _paragraph(document, texts.DOCX_PART_PROPOSALS, bold=True)
    for prompt in report.proposals:
        _paragraph(document, prompt, italic=True, align=justify, indent=True)

    _signature(document, report)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
