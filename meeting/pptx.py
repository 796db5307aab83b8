"""The meeting pack as a native PowerPoint file (16:9): editable tables and bar charts for the committee's projector."""

from __future__ import annotations

import dataclasses
import io
import itertools
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_MARK
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Inches, Pt

from core import texts
from meeting.pack import MeetingPack, TargetSlide, lagging_more_text, lagging_table, left_out_text, summary_table
from screens import charts

FONT = (
    "Arial"  # LibreOffice draws Liberation Sans, same metrics; version 2 (fonts-liberation2) has every Vietnamese glyph
)
LANGUAGE = "vi-VN"  # of every run, for PowerPoint's proofing tools
NO_BREAK_SPACE = "\u00a0"
TITLE_ONLY_LAYOUT = 5  # of python-pptx's default template: a title placeholder and nothing else

# Geometry, in inches
SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5  # 16:9
MARGIN = 0.6  # left and right of the content
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
BAND_HEIGHT = 0.12  # the coloured band along the top of every slide
KICKER_TOP, KICKER_HEIGHT = 0.28, 0.35  # 'Chỉ tiêu 3/6' above a target's title
TITLE_TOP, TITLE_HEIGHT = 0.6, 0.75
BODY_TOP = 1.5  # first line under the title
BODY_BOTTOM = 6.8  # last line above the footer's rule
GAP = 0.15  # between blocks stacked in the body
FOOTER_RULE_TOP, RULE_HEIGHT = 6.92, 0.01
FOOTER_TOP, FOOTER_HEIGHT = 6.98, 0.4
PAGE_WIDTH = 1.2  # the 'n/N' box, right of the footer
INSET_X, INSET_Y = 0.05, 0.03  # inside text boxes; small and explicit so the size estimates hold
CELL_INSET_X, CELL_INSET_Y = 0.08, 0.04  # inside table cells
CELL_SLACK = 0.05  # added to a column's width: LibreOffice wraps a cell's text a little before its edge
HEADER_LINES = 2  # a column is wide enough for its header on this many lines, if there is room
BALANCE_STEP = 0.05  # inches moved at a time between two columns that wrap

# Title slide
COVER_LEFT = 0.95  # right of the accent bar
COVER_BAR_LEFT, COVER_BAR_WIDTH = 0.6, 0.1  # vertical accent bar beside the cover's text
COVER_TITLE_TOP, COVER_TITLE_HEIGHT = 1.6, 1.5
COVER_DATES_TOP = 5.6

# Target slide
GOAL_MAX_HEIGHT = 1.0  # the plan's wording of the target: three lines
HEADLINE_MAX_HEIGHT = 1.5  # four lines, in the left column
VALUE_HEIGHT = 0.8  # the province's figure and its badge
BADGE_GAP = 0.1  # between the figure and its badge (the figure's width is estimated a little wide)
BADGE_HEIGHT, BADGE_PADDING = 0.55, 0.35  # padding: added to the word's width
LEFT_PANEL_WIDTH = 5.3  # figure and notes; the chart takes the rest
PANEL_GAP = 0.3  # between the left panel and the chart
LEGEND_HEIGHT = 0.4  # a row of the chart's legend (status colours, the level line)
SWATCH = 0.22  # side of a legend's colour square
SWATCH_GAP, LEGEND_ITEM_GAP = 0.08, 0.35
LEVEL_SAMPLE = 0.4  # length of the dashed line in the legend
LEVEL_LINE_WIDTH = 2.25  # points
LABEL_PAD = 0.15  # room beside the unit names and the bars' labels
PLOT_TOP_PAD = 0.1  # above the first bar
PERCENT_WIDEST = "100.0%"  # the widest label of a share ('100,0%' in Vietnamese is as wide)
ROUND_STEPS = (1, 2, 2.5, 5, 10)  # a count axis ends at one of these times a power of ten
BAR_GAP_WIDTH = 45  # percent of a bar's thickness between bars: thick bars, readable labels

# Reporting slide
REPORTING_LEFT_WIDTH = 4.4  # the two figures and the units to chase; the table takes the rest
CARD_STRIPE = 0.08  # accent stripe on the left of a figure's card
CARD_PADDING = 0.12

# Lagging slides
LAGGING_ROWS_PER_SLIDE = 8  # more would need a font too small for the room

# Type sizes, in points: titles >= 28, body >= 16 where it fits, never under 11
COVER_TITLE_SIZES = (40, 36, 32)
TITLE_SIZES = (30, 28, 26, 24)  # the last two only for a name far longer than the catalogue's
KICKER_SIZE = 16
COVER_LINE_SIZE = 24
COVER_SMALL_SIZE = 18
SUMMARY_SIZE = 24
SUBLINE_SIZE = 18
HEADLINE_SIZES = (20, 19, 18)
GOAL_SIZES = (16, 15, 14)
VALUE_SIZE = 44
BADGE_SIZE = 18
BODY_SIZE = 16
NOTE_SIZES = (16, 15, 14, 13, 12)
SPACING = 0.4  # between the paragraphs of a list, in lines
LINE_GAP = 6  # points between the lines of the cover and of the summary's lead
FIGURE_SIZE = 36
HEADING_SIZE = 18
BULLET_SIZES = (20, 18, 16, 15, 14, 13, 12, 11)
SUMMARY_SIZES = (20, 18, 16, 15, 14, 13, 12, 11)  # five columns, one line a target: room for large type
TABLE_SIZES = (16, 15, 14, 13, 12, 11)  # the denser tables
CHART_SIZES = (14, 13, 12)  # the units' names and the bars' labels, smaller only when there are many units
LABEL_PITCH = 1.25  # room a name needs across the bars, in sizes (LibreOffice drops names closer)
AXIS_SIZE = 12
LEGEND_SIZE = 14
FOOTER_SIZE = 14
MESSAGE_SIZE = 24  # a slide with nothing to list says so

# Estimating how wide text is, to choose sizes neither LibreOffice nor PowerPoint overflows.
# Em widths of Arial (and Liberation Sans 2) by kind of letter, rounded up: estimates of Vietnamese
# run 1-10% wider than the real text (bold 3-15%).
NARROW_EM, NARROW = 0.3, frozenset(" .,;:'!|()[]/-ilIjtfr")
WIDE_EM, WIDE = 0.92, frozenset("%—mwMW@")  # and the capitals with a horn, Ơ and Ư
HORN_EM = 0.7  # ơ, ư and their tones
UPPER_EM, DIGIT_EM, OTHER_EM = 0.75, 0.57, 0.56
BOLD_FACTOR = 1.12
HORN = "\u031b"  # the combining horn, once ơ and ư are decomposed
LINE_EM = 1.2  # single line spacing
BULLET_INDENT = 0.3  # hanging indent of a bullet's text

# Charts
# The axes' number formats: no decimal separator, and thousands as a literal dot, so that they read the same
# whatever the viewer's locale (the bars' labels are the dashboard's own texts).
AXIS_PERCENT_FORMAT = "0%"
PERCENT_FORMAT, COUNT_FORMAT = "0.0%", "#,##0"  # of the chart's data sheet, opened in the viewer's own spreadsheet
AXIS_COUNT_FORMAT = r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"
PERCENT_AXIS_STEP = 0.2  # gridlines at 0%, 20%, ... 100%: six labels fit under the bars
COUNT_AXIS_STEPS = 5  # gridlines on a count axis, never closer than 1 apart (no '0, 1, 1')

# Colours (hex RGB); statuses use texts.STATUS_COLOURS
ACCENT = "1F4E79"  # band, titles, table headers
INK = "1A1A1A"
MUTED = "595959"  # secondary lines: goal, footer
RULE = "BFBFBF"
STRIPE = "F2F2F2"  # every other table row, and the figures' cards
WHITE = "FFFFFF"
GRID = "D9D9D9"  # the chart's gridlines


@dataclass(frozen=True)
class Para:
    """One paragraph of a text box, in one style."""

    text: str
    size: float
    bold: bool = False
    colour: str = INK
    bullet: bool = False
    space_before: float = 0  # points
    align: PP_ALIGN = PP_ALIGN.LEFT


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _on(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (WCAG contrast)."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return WHITE if (1.05 / (luminance + 0.05)) > ((luminance + 0.05) / 0.05) else INK


# --- how much room text takes ------------------------------------------------------


def _char_em(char: str) -> float:
    decomposed = unicodedata.normalize("NFD", char)  # 'ệ' is as wide as 'e'; 'ừ' as 'ư'
    base = decomposed[0]
    if base in NARROW:
        return NARROW_EM
    if base in WIDE or (HORN in decomposed and base.isupper()):
        return WIDE_EM
    if HORN in decomposed:
        return HORN_EM
    if base.isupper():
        return UPPER_EM
    return DIGIT_EM if base.isdigit() else OTHER_EM


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in points of `text` on one line (a little more than it takes)."""
    return sum(_char_em(c) for c in text) * size * (BOLD_FACTOR if bold else 1)


def _line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    """Lines `text` wraps to in `width` points, breaking between words as both renderers do."""
    space = _text_width(" ", size, bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            needed = _text_width(word, size, bold)
            if used and used + space + needed > width:
                lines += 1
                used = 0.0
            if needed > width:  # a word longer than the line breaks inside itself
                lines += math.ceil(needed / width) - 1
                needed %= width
            used += (space if used else 0) + needed
    return lines


def _words_fit(text: str, width: float, size: float, bold: bool = False) -> bool:
    """Whether every word fits on a line `width` points wide: a size that splits a word (100,0 / %) is too big."""
    return all(_text_width(word, size, bold) <= width for word in text.split())


def _inner(para: Para, width: float) -> float:
    """Points for the text of `para` in a text box `width` inches wide."""
    return (width - 2 * INSET_X - (BULLET_INDENT if para.bullet else 0)) * 72


def _height(paras: Sequence[Para], width: float) -> float:
    """Height in inches of `paras` in a text box `width` inches wide."""
    points = sum(
        p.space_before + _line_count(p.text, _inner(p, width), p.size, p.bold) * p.size * LINE_EM for p in paras
    )
    return points / 72 + 2 * INSET_Y


def _fit(make: Callable[[float], list[Para]], width: float, height: float, sizes: Sequence[float]) -> list[Para]:
    """The paragraphs at the largest of `sizes` that fits the box (the smallest if none does)."""
    for size in sizes:
        paras = make(size)
        if _height(paras, width) <= height and all(_words_fit(p.text, _inner(p, width), p.size, p.bold) for p in paras):
            return paras
    return make(sizes[-1])


# --- drawing ----------------------------------------------------------------------


def _style_run(run, size: float, bold: bool, colour: str) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(colour)
    run._r.get_or_add_rPr().set("lang", LANGUAGE)


def _write(text_frame, paras: Sequence[Para], anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, wrap: bool = True) -> None:
    """`paras` into `text_frame`; `wrap=False` for a label sized to its text, which must stay on one line."""
    text_frame.word_wrap = wrap
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    text_frame.vertical_anchor = anchor
    text_frame.margin_left = text_frame.margin_right = Inches(INSET_X)
    text_frame.margin_top = text_frame.margin_bottom = Inches(INSET_Y)
    for n, para in enumerate(paras):
        paragraph = text_frame.paragraphs[0] if n == 0 else text_frame.add_paragraph()
        paragraph.alignment = para.align
        if para.space_before:
            paragraph.space_before = Pt(para.space_before)
        if para.bullet:
            properties = paragraph._p.get_or_add_pPr()
            properties.set("marL", str(Inches(BULLET_INDENT)))
            properties.set("indent", str(-Inches(BULLET_INDENT)))
            etree.SubElement(properties, qn("a:buFont"), typeface=FONT)  # not the renderer's symbol font
            etree.SubElement(properties, qn("a:buChar"), char="•")
        run = paragraph.add_run()
        run.text = para.text
        _style_run(run, para.size, para.bold, para.colour)


def _textbox(
    slide: Slide, left: float, top: float, width: float, height: float, paras, anchor=MSO_ANCHOR.TOP, wrap=True
):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    _write(box.text_frame, paras, anchor, wrap)
    return box


def _rect(slide: Slide, left: float, top: float, width: float, height: float, colour: str, shape=MSO_SHAPE.RECTANGLE):
    """A filled shape without outline, shadow or theme style."""
    rect = slide.shapes.add_shape(shape, Inches(left), Inches(top), Inches(width), Inches(height))
    style = rect._element.find(qn("p:style"))
    rect._element.remove(style)  # the theme's style would add an outline and, in PowerPoint, a shadow
    rect.fill.solid()
    rect.fill.fore_color.rgb = _rgb(colour)
    rect.line.fill.background()
    return rect


def _new_slide(prs, title: str, kicker: str | None = None) -> Slide:
    """A slide with the band along the top and its title in the layout's title placeholder."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    _rect(slide, 0, 0, SLIDE_WIDTH, BAND_HEIGHT, ACCENT)
    if kicker:
        _textbox(slide, MARGIN, KICKER_TOP, CONTENT_WIDTH, KICKER_HEIGHT, [Para(kicker, KICKER_SIZE, True, ACCENT)])
    placeholder = slide.shapes.title
    placeholder.left, placeholder.top = Inches(MARGIN), Inches(TITLE_TOP)
    placeholder.width, placeholder.height = Inches(CONTENT_WIDTH), Inches(TITLE_HEIGHT)
    paras = _fit(lambda s: [Para(title, s, True, ACCENT)], CONTENT_WIDTH, TITLE_HEIGHT, TITLE_SIZES)
    _write(placeholder.text_frame, paras, MSO_ANCHOR.MIDDLE)
    return slide


def _footer(slide: Slide, left_text: str, number: int, total: int) -> None:
    _rect(slide, MARGIN, FOOTER_RULE_TOP, CONTENT_WIDTH, RULE_HEIGHT, RULE)
    _textbox(
        slide,
        MARGIN,
        FOOTER_TOP,
        CONTENT_WIDTH - PAGE_WIDTH,
        FOOTER_HEIGHT,
        [Para(left_text, FOOTER_SIZE, colour=MUTED)],
    )
    page = texts.SLIDES_PAGE.format(number=number, total=total)
    _textbox(
        slide,
        SLIDE_WIDTH - MARGIN - PAGE_WIDTH,
        FOOTER_TOP,
        PAGE_WIDTH,
        FOOTER_HEIGHT,
        [Para(page, FOOTER_SIZE, colour=MUTED, align=PP_ALIGN.RIGHT)],
    )


def _column_widths(rows: list[list[str]], bold: Callable[[int, int], bool], width: float, size: float):
    """Column widths in inches that share `width` by content at `size`, or None if a word cannot fit.

    Each column gets at least its longest word; a column whose cells fit unwrapped in a fair share gets
    just that (the header may wrap), and the long-text columns share the rest by their longest cells.
    """
    columns = range(len(rows[0]))
    pad = 2 * CELL_INSET_X

    def measure(r: int, c: int, text: str) -> float:
        return _text_width(text, size, bold(r, c)) / 72 + pad + CELL_SLACK

    least = [max(measure(r, c, w) for r, row in enumerate(rows) for w in row[c].split() or [""]) for c in columns]
    header_wants = [measure(0, c, rows[0][c]) / HEADER_LINES for c in columns]
    wanted = [
        max([least[c], header_wants[c], *(measure(r, c, row[c]) for r, row in enumerate(rows[1:], 1))]) for c in columns
    ]
    if sum(least) > width:
        return None
    widths: dict[int, float] = {}
    while True:  # settle the columns that want less than a fair share of what is left
        open_ = [c for c in columns if c not in widths]
        left = width - sum(widths.values())
        settled = [c for c in open_ if wanted[c] <= left / len(open_)] if open_ else []
        if not settled:
            break
        widths.update({c: wanted[c] for c in settled})
    open_ = [c for c in columns if c not in widths]
    left = width - sum(widths.values())
    if open_:
        spare = left - sum(least[c] for c in open_)
        if spare < 0:
            return None
        total = sum(wanted[c] for c in open_)
        widths.update({c: least[c] + spare * wanted[c] / total for c in open_})
        _balance(widths, open_, least, lambda ws: sum(_row_heights(rows, bold, [ws[c] for c in columns], size)))
    else:  # everything fits unwrapped: spread what is left in proportion
        widths = {c: w * width / sum(widths.values()) for c, w in widths.items()}
    return [widths[c] for c in columns]


def _balance(widths: dict[int, float], open_: list[int], least: list[float], height: Callable) -> None:
    """Move width between each pair of `open_` columns, in steps, while that makes the table shorter.

    Proportional shares leave one column a line longer than needed while another has room to spare.
    """
    improved = True
    while improved:
        improved = False
        for i, j in itertools.combinations(open_, 2):
            pair = widths[i] + widths[j]
            shortest, best = height(widths) - 1e-9, None
            for n in range(int((pair - least[i] - least[j]) / BALANCE_STEP) + 1):
                trial = {**widths, i: least[i] + n * BALANCE_STEP, j: pair - least[i] - n * BALANCE_STEP}
                if height(trial) < shortest:  # the first, narrowest for i, of the shortest
                    shortest, best = height(trial), trial
            if best:
                widths.update(best)
                improved = True


def _row_heights(rows: list[list[str]], bold: Callable[[int, int], bool], widths: list[float], size: float):
    """Each row's height in inches: its cell of the most lines, wrapped in its column."""
    return [
        max(
            _line_count(text, (w - 2 * CELL_INSET_X) * 72, size, bold(r, c))
            for c, (text, w) in enumerate(zip(row, widths, strict=True))
        )
        * size
        * LINE_EM
        / 72
        + 2 * CELL_INSET_Y
        for r, row in enumerate(rows)
    ]


@dataclass(frozen=True)
class TableLayout:
    size: float  # points, every cell
    widths: list[float]  # inches, per column


def _table_layout(
    pages: list[list[list[str]]], strong: frozenset[int], width: float, height: float, sizes: Sequence[float]
) -> TableLayout:
    """The largest size, and column widths, at which every page of a table (header first) fits `height`.

    One layout for all the pages, so that a table continued on the next slide looks the same.
    """

    def bold(r: int, c: int) -> bool:
        return r == 0 or c in strong

    every = [pages[0][0], *(row for page in pages for row in page[1:])]
    for size in sizes:
        widths = _column_widths(every, bold, width, size)
        if widths and all(sum(_row_heights(page, bold, widths, size)) <= height for page in pages):
            return TableLayout(size, widths)
    size = sizes[-1]  # nothing fits: the smallest size, its rows running long
    return TableLayout(size, _column_widths(every, bold, width, size) or [width / len(every[0])] * len(every[0]))


def _rows(frame: pd.DataFrame) -> list[list[str]]:
    """The header, then each row, as text."""
    return [[str(c) for c in frame.columns], *([str(v) for v in row] for row in frame.itertuples(index=False))]


def _table(
    slide: Slide,
    rows: list[list[str]],
    layout: TableLayout,
    left: float,
    top: float,
    aligns: Sequence[PP_ALIGN],
    strong: frozenset[int] = frozenset(),
    fills: dict[tuple[int, int], str] | None = None,
) -> None:
    """A native table, header first; `strong` columns are bold, `fills` colours (body row, column) cells."""
    fills = fills or {}

    def bold(r: int, c: int) -> bool:
        return r == 0 or c in strong

    heights = _row_heights(rows, bold, layout.widths, layout.size)
    width = sum(layout.widths)
    shape = slide.shapes.add_table(
        len(rows), len(rows[0]), Inches(left), Inches(top), Inches(width), Inches(sum(heights))
    )
    table = shape.table
    table.horz_banding = False
    for column, w in zip(table.columns, layout.widths, strict=True):
        column.width = Inches(w)
    for row, h in zip(table.rows, heights, strict=True):
        row.height = Inches(h)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            background = ACCENT if r == 0 else fills.get((r - 1, c), STRIPE if r % 2 == 0 else WHITE)
            cell = table.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(background)
            cell.margin_left = cell.margin_right = Inches(CELL_INSET_X)
            cell.margin_top = cell.margin_bottom = Inches(CELL_INSET_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.text_frame.word_wrap = True
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = aligns[c]
            run = paragraph.add_run()
            run.text = text
            _style_run(run, layout.size, bold(r, c), _on(background))


# --- the slides ---------------------------------------------------------------------


def _cover(prs, pack: MeetingPack) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    _rect(slide, 0, 0, SLIDE_WIDTH, BAND_HEIGHT, ACCENT)
    width = SLIDE_WIDTH - MARGIN - COVER_LEFT
    placeholder = slide.shapes.title
    placeholder.left, placeholder.top = Inches(COVER_LEFT), Inches(COVER_TITLE_TOP)
    placeholder.width, placeholder.height = Inches(width), Inches(COVER_TITLE_HEIGHT)
    # The period never breaks across lines: 'Quý IV năm 2023' stays whole under the first line.
    text = pack.title_line.replace(pack.period_label, pack.period_label.replace(" ", NO_BREAK_SPACE))
    title = _fit(lambda s: [Para(text, s, True, ACCENT)], width, COVER_TITLE_HEIGHT, COVER_TITLE_SIZES)
    _write(placeholder.text_frame, title, MSO_ANCHOR.BOTTOM)

    lines = [
        Para(pack.plan_title, COVER_LINE_SIZE),
        Para(pack.province_name, COVER_LINE_SIZE, True, space_before=LINE_GAP),
        Para(texts.OWNER_LINE.format(owner=pack.owner), COVER_SMALL_SIZE, colour=MUTED, space_before=LINE_GAP),
    ]
    if pack.document_number:
        lines.append(
            Para(
                texts.SLIDES_DOCUMENT.format(number=pack.document_number),
                COVER_SMALL_SIZE,
                colour=MUTED,
                space_before=LINE_GAP,
            )
        )
    top = COVER_TITLE_TOP + COVER_TITLE_HEIGHT + GAP
    height = _height(lines, width)
    _textbox(slide, COVER_LEFT, top, width, height, lines)
    _rect(slide, COVER_BAR_LEFT, COVER_TITLE_TOP, COVER_BAR_WIDTH, top + height - COVER_TITLE_TOP, ACCENT)

    dates = [
        Para(pack.as_of_text, COVER_SMALL_SIZE, colour=MUTED),
        Para(pack.basis, COVER_SMALL_SIZE, colour=MUTED),
        Para(pack.generated_on, COVER_SMALL_SIZE, colour=MUTED),
    ]
    _textbox(slide, COVER_LEFT, COVER_DATES_TOP, width, _height(dates, width), dates)


def _summary(prs, pack: MeetingPack) -> None:
    slide = _new_slide(prs, texts.MEETING_SUMMARY_TITLE)
    lead = [
        Para(pack.summary_text, SUMMARY_SIZE, True),
        Para(pack.reported, SUBLINE_SIZE, colour=MUTED, space_before=LINE_GAP),
    ]
    height = _height(lead, CONTENT_WIDTH)
    _textbox(slide, MARGIN, BODY_TOP, CONTENT_WIDTH, height, lead)
    rows = _rows(summary_table(pack))
    verdict = frozenset({len(rows[0]) - 1})  # the status word, on its colour
    fills = {(n, *verdict): texts.STATUS_COLOURS[t.status] for n, t in enumerate(pack.targets)}
    top = BODY_TOP + height + GAP
    layout = _table_layout([rows], verdict, CONTENT_WIDTH, BODY_BOTTOM - top, SUMMARY_SIZES)
    aligns = (PP_ALIGN.CENTER, PP_ALIGN.LEFT, PP_ALIGN.RIGHT, PP_ALIGN.LEFT, PP_ALIGN.CENTER)
    _table(slide, rows, layout, MARGIN, top, aligns, verdict, fills)


def _bullets(prs, title: str, items: list[str]) -> None:
    slide = _new_slide(prs, title)
    height = BODY_BOTTOM - BODY_TOP
    paras = _fit(
        lambda s: [Para(item, s, bullet=True, space_before=s * SPACING) for item in items],
        CONTENT_WIDTH,
        height,
        BULLET_SIZES,
    )
    _textbox(slide, MARGIN, BODY_TOP, CONTENT_WIDTH, height, paras)


def _target(prs, pack: MeetingPack, target: TargetSlide) -> None:
    """Under the target's wording: the sentence, the province's figure and notes on the left; the units' chart right.

    With many units (22 districts of a city) the wording joins the left column, so that the chart, from just
    under the title, has room for every unit's name.
    """
    kicker = texts.MEETING_TARGET_OF.format(number=target.number, total=len(pack.targets))
    slide = _new_slide(prs, target.title, kicker)
    chart_left = MARGIN + LEFT_PANEL_WIDTH + PANEL_GAP
    chart_width = SLIDE_WIDTH - MARGIN - chart_left
    legend = _legend_rows(_legend_items(target), chart_width)
    bottom = BODY_BOTTOM - len(legend) * LEGEND_HEIGHT  # of the chart
    top = TITLE_TOP + TITLE_HEIGHT

    goal_text = texts.MEETING_TARGET_GOAL.format(label=target.target_label, target=target.target_text)
    goal = _fit(lambda s: [Para(goal_text, s, colour=MUTED)], CONTENT_WIDTH, GOAL_MAX_HEIGHT, GOAL_SIZES)
    height = _height(goal, CONTENT_WIDTH)
    if _plot_height(bottom - (top + height + GAP)) >= len(target.charted) * CHART_SIZES[-1] * LABEL_PITCH / 72:
        _textbox(slide, MARGIN, top, CONTENT_WIDTH, height, goal)
        top += height + GAP
        left_top = top
    else:
        goal = [Para(goal_text, GOAL_SIZES[-1], colour=MUTED)]
        height = _height(goal, LEFT_PANEL_WIDTH)
        _textbox(slide, MARGIN, top, LEFT_PANEL_WIDTH, height, goal)
        left_top = top + height + GAP

    headline = _fit(lambda s: [Para(target.headline, s, True)], LEFT_PANEL_WIDTH, HEADLINE_MAX_HEIGHT, HEADLINE_SIZES)
    height = _height(headline, LEFT_PANEL_WIDTH)
    _textbox(slide, MARGIN, left_top, LEFT_PANEL_WIDTH, height, headline)
    figure_top = left_top + height + GAP
    _figure(slide, target, figure_top)
    notes_top = figure_top + VALUE_HEIGHT + GAP
    notes = _fit(lambda s: _notes(target, s), LEFT_PANEL_WIDTH, BODY_BOTTOM - notes_top, NOTE_SIZES)
    _textbox(slide, MARGIN, notes_top, LEFT_PANEL_WIDTH, BODY_BOTTOM - notes_top, notes)

    _chart(slide, target, chart_left, top, chart_width, bottom - top)
    _legend(slide, legend, chart_left, bottom)


def _plot_height(chart_height: float) -> float:
    """Inches of a chart `chart_height` tall left for the bars, under a little room and above the axis's labels."""
    return chart_height - PLOT_TOP_PAD - (AXIS_SIZE * LINE_EM / 72 + LABEL_PAD)


def _figure(slide: Slide, target: TargetSlide, top: float) -> None:
    """The province's figure, large, with its verdict as a badge in the status colour."""
    value_width = _text_width(target.value_text, VALUE_SIZE, True) / 72 + 2 * INSET_X
    _textbox(
        slide,
        MARGIN,
        top,
        value_width,
        VALUE_HEIGHT,
        [Para(target.value_text, VALUE_SIZE, True, ACCENT)],
        MSO_ANCHOR.MIDDLE,
        wrap=False,
    )
    colour = texts.STATUS_COLOURS[target.status]
    badge_width = _text_width(target.status_label, BADGE_SIZE, True) / 72 + BADGE_PADDING
    badge = _rect(
        slide,
        MARGIN + value_width + BADGE_GAP,
        top + (VALUE_HEIGHT - BADGE_HEIGHT) / 2,
        badge_width,
        BADGE_HEIGHT,
        colour,
        MSO_SHAPE.ROUNDED_RECTANGLE,
    )
    label = Para(target.status_label, BADGE_SIZE, True, _on(colour), align=PP_ALIGN.CENTER)
    _write(badge.text_frame, [label], MSO_ANCHOR.MIDDLE, wrap=False)


def _notes(target: TargetSlide, size: float) -> list[Para]:
    """What the chart does not say: who is under the level or without data, and what the figure rests on."""
    lines = []
    if target.laggards:
        lines.append(Para(texts.LAGGARDS_TITLE.format(names=target.laggards), size))
    if target.units_without_data:
        lines.append(Para(texts.MEETING_UNITS_WITHOUT_DATA.format(names=", ".join(target.units_without_data)), size))
    if target.left_out:
        lines.append(Para(left_out_text(target), size))
    lines.append(Para(texts.SLIDES_BASED_ON.format(based_on=target.based_on), size, colour=MUTED))
    if target.carried_text:
        lines.append(Para(target.carried_text, size, colour=MUTED))
    if target.held_text:
        lines.append(Para(target.held_text, size))
    lines += [Para(decision, size, bold=True) for decision in target.decisions]
    return [dataclasses.replace(p, space_before=size * SPACING) if n else p for n, p in enumerate(lines)]


def _axis_max(target: TargetSlide) -> float:
    """The value axis's end: 100% for shares (more only for a share over 100%), else a round number past every bar."""
    drawn = [u.value for u in target.charted if u.value is not None]
    if target.is_percent:
        return max([1.0, *drawn])
    top = max([*drawn, target.unit_level or 0])
    if top <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(top))
    return next(step * magnitude for step in ROUND_STEPS if step * magnitude >= top)


def _chart(slide: Slide, target: TargetSlide, left: float, top: float, width: float, height: float) -> None:
    """Each unit's figure as a horizontal bar in its status colour, first unit on top; no bar without data.

    The plot area is placed by hand, so that the names never wrap or drop out in LibreOffice and the level
    line, a dashed line behind the bars grouped with the chart, falls where the axis puts the level.
    """
    number_format = PERCENT_FORMAT if target.is_percent else COUNT_FORMAT
    axis_max = _axis_max(target)
    plot_height = _plot_height(height)
    # The largest size at which the names do not crowd each other: LibreOffice drops crowded ones.
    size = next((s for s in CHART_SIZES if len(target.charted) * s * LABEL_PITCH / 72 <= plot_height), CHART_SIZES[-1])
    names_width = max([_text_width(u.unit_name, size) for u in target.charted], default=0) / 72 + LABEL_PAD
    widest_label = PERCENT_WIDEST if target.is_percent else f"{axis_max:,.0f}"
    labels_width = _text_width(widest_label, size, bold=True) / 72 + LABEL_PAD
    plot = (  # x, y, width, height of the inner plot area, as fractions of the chart
        names_width / width,
        PLOT_TOP_PAD / height,
        1 - (names_width + labels_width) / width,
        plot_height / height,
    )

    group = slide.shapes.add_group_shape()
    if target.unit_level is not None:  # behind the bars and their labels: the chart is transparent
        x = left + width * (plot[0] + plot[2] * target.unit_level / axis_max)
        _dashed(group, x, top + height * plot[1], x, top + height * (plot[1] + plot[3]))
    data = CategoryChartData(number_format=number_format)
    data.categories = [u.unit_name for u in target.charted]
    data.add_series(texts.MEETING_CHART_VALUE, [u.value for u in target.charted])
    frame = group.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, Inches(left), Inches(top), Inches(width), Inches(height), data
    )
    frame._element.nvGraphicFramePr.cNvPr.set("descr", target.headline)  # read aloud by screen readers
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.name = FONT
    chart.font.size = Pt(size)
    chart.font.color.rgb = _rgb(INK)
    layout = etree.SubElement(etree.Element(qn("c:layout")), qn("c:manualLayout"))
    for tag, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge")):
        etree.SubElement(layout, qn(f"c:{tag}"), val=value)
    for tag, value in zip(("x", "y", "w", "h"), plot, strict=True):
        etree.SubElement(layout, qn(f"c:{tag}"), val=f"{value:.4f}")
    chart._chartSpace.chart.plotArea.insert(0, layout.getparent())

    bars = chart.plots[0]
    bars.gap_width = BAR_GAP_WIDTH
    bars.vary_by_categories = False
    bars.has_data_labels = True
    labels = bars.data_labels
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    points = bars.series[0].points
    for n, unit in enumerate(target.charted):
        if unit.value is None:
            continue
        points[n].format.fill.solid()
        points[n].format.fill.fore_color.rgb = _rgb(texts.STATUS_COLOURS[unit.status])
        _data_label(points[n].data_label, unit.value_text, size)
    categories = chart.category_axis
    categories.reverse_order = True  # first unit on top, as the page and the PDF read
    categories.major_tick_mark = XL_TICK_MARK.NONE
    categories.format.line.color.rgb = _rgb(RULE)
    values = chart.value_axis
    # The value axis crosses at the last category, the bottom once reversed (python-pptx has no setter for it).
    values._element.find(qn("c:crosses")).set("val", "max")
    values.minimum_scale = 0
    values.maximum_scale = axis_max
    values.major_unit = PERCENT_AXIS_STEP if target.is_percent else max(1, axis_max / COUNT_AXIS_STEPS)
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = _rgb(GRID)
    values.major_tick_mark = XL_TICK_MARK.NONE
    values.format.line.fill.background()
    values.tick_labels.number_format = AXIS_PERCENT_FORMAT if target.is_percent else AXIS_COUNT_FORMAT
    values.tick_labels.number_format_is_linked = False
    values.tick_labels.font.name = FONT
    values.tick_labels.font.size = Pt(AXIS_SIZE)
    values.tick_labels.font.color.rgb = _rgb(MUTED)


def _data_label(label, text: str, size: float) -> None:
    """A bar's label as the text the dashboard shows ('27,7%', '1.234'), not a number the viewer's locale formats
    ('27.7%' on an English machine): bold, outside the bar's end, on white so the level line does not cross it."""
    label.text_frame.text = text
    font = label.text_frame.paragraphs[0].runs[0].font
    font.name, font.size, font.bold = FONT, Pt(size), True
    label.position = XL_LABEL_POSITION.OUTSIDE_END
    fill = etree.Element(qn("c:spPr"))
    etree.SubElement(etree.SubElement(fill, qn("a:solidFill")), qn("a:srgbClr"), val=WHITE)
    label._dLbl.find(qn("c:tx")).addnext(fill)


def _dashed(canvas, x1: float, y1: float, x2: float, y2: float) -> None:
    """The level line: dashed, in the colour the dashboard's charts give targets."""
    line = canvas.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(x1), Inches(y1), Inches(x2), Inches(y2))
    line.line.color.rgb = _rgb(charts.TARGET_COLOUR)
    line.line.width = Pt(LEVEL_LINE_WIDTH)
    line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    style = line._element.find(qn("p:style"))
    line._element.remove(style)  # the theme's style would add a shadow in PowerPoint


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str | None  # a status's square; None: the level's dashed line

    @property
    def mark_width(self) -> float:
        return LEVEL_SAMPLE if self.colour is None else SWATCH

    @property
    def text_width(self) -> float:
        return _text_width(self.label, LEGEND_SIZE) / 72 + 2 * INSET_X

    @property
    def width(self) -> float:
        return self.mark_width + SWATCH_GAP + self.text_width


def _legend_items(target: TargetSlide) -> list[LegendItem]:
    """The status colours on the chart (bars drawn), and the level line when there is one."""
    drawn = {u.status for u in target.charted if u.value is not None}
    items = [LegendItem(label, texts.STATUS_COLOURS[s]) for s, label in texts.STATUS_LABELS.items() if s in drawn]
    if target.unit_level_text is not None:
        items.append(LegendItem(texts.MEETING_UNIT_LEVEL.format(level=target.unit_level_text), None))
    return items


def _legend_rows(items: list[LegendItem], width: float) -> list[list[LegendItem]]:
    """The items in rows no wider than the chart."""
    rows: list[list[LegendItem]] = []
    used = width  # the first item opens a row
    for item in items:
        if used + item.width > width:
            rows.append([])
            used = 0.0
        rows[-1].append(item)
        used += item.width + LEGEND_ITEM_GAP
    return rows


def _legend(slide: Slide, rows: list[list[LegendItem]], left: float, top: float) -> None:
    """Each item's mark (colour square or dashed line) and its words, row under row."""
    for n, row in enumerate(rows):
        y = top + n * LEGEND_HEIGHT
        x = left
        for item in row:
            if item.colour is None:
                _dashed(slide, x, y + LEGEND_HEIGHT / 2, x + LEVEL_SAMPLE, y + LEGEND_HEIGHT / 2)
            else:
                _rect(slide, x, y + (LEGEND_HEIGHT - SWATCH) / 2, SWATCH, SWATCH, item.colour)
            x += item.mark_width + SWATCH_GAP
            paras = [Para(item.label, LEGEND_SIZE)]
            _textbox(slide, x, y, item.text_width, LEGEND_HEIGHT, paras, MSO_ANCHOR.MIDDLE, wrap=False)
            x += item.text_width + LEGEND_ITEM_GAP


def _reporting(prs, pack: MeetingPack) -> None:
    slide = _new_slide(prs, texts.MEETING_REPORTING_TITLE)
    reporting = pack.reporting
    total = reporting.rates.iloc[-1]  # the last row is every period together
    top = BODY_TOP
    for column, sentence in (  # the two rates' columns
        (texts.REPORTING_RATES_COLUMNS[5], reporting.completeness_text),
        (texts.REPORTING_RATES_COLUMNS[6], reporting.timeliness_text),
    ):
        top += _card(slide, top, total[column], sentence) + GAP

    heading = [Para(texts.MEETING_CHASE_TITLE, HEADING_SIZE, True, ACCENT)]
    height = _height(heading, REPORTING_LEFT_WIDTH)
    _textbox(slide, MARGIN, top, REPORTING_LEFT_WIDTH, height, heading)
    top += height
    if reporting.chase:
        chase = _chase(reporting.chase, REPORTING_LEFT_WIDTH, BODY_BOTTOM - top)
    else:
        chase = [Para(texts.MEETING_CHASE_NONE, BODY_SIZE)]
    _textbox(slide, MARGIN, top, REPORTING_LEFT_WIDTH, BODY_BOTTOM - top, chase)

    table_left = MARGIN + REPORTING_LEFT_WIDTH + PANEL_GAP
    rows = _rows(reporting.rates)
    layout = _table_layout([rows], frozenset(), SLIDE_WIDTH - MARGIN - table_left, BODY_BOTTOM - BODY_TOP, TABLE_SIZES)
    _table(slide, rows, layout, table_left, BODY_TOP, (PP_ALIGN.LEFT, PP_ALIGN.LEFT, *[PP_ALIGN.RIGHT] * 5))


def _chase(items: list[str], width: float, height: float) -> list[Para]:
    """The units to chase as bullets, as large as fits; if too many, the first ones and how many more.

    The slides of the units that lag list them all.
    """

    def shown(count: int) -> Callable[[float], list[Para]]:
        def at(size: float) -> list[Para]:
            paras = [Para(item, size, bullet=True, space_before=size * SPACING) for item in items[:count]]
            if count < len(items):
                more = texts.SLIDES_CHASE_MORE.format(count=len(items) - count, title=texts.MEETING_LAGGING_TITLE)
                paras.append(Para(more, size, colour=MUTED, space_before=size * SPACING))
            return paras

        return at

    for count in range(len(items), 0, -1):
        paras = _fit(shown(count), width, height, NOTE_SIZES)
        if _height(paras, width) <= height:
            return paras
    return shown(1)(NOTE_SIZES[-1])


def _card(slide: Slide, top: float, figure: str, sentence: str) -> float:
    """A large figure beside the sentence that explains it, on a grey card; returns the card's height."""
    figure_width = _text_width(figure, FIGURE_SIZE, True) / 72 + 2 * INSET_X
    text_left = MARGIN + CARD_STRIPE + CARD_PADDING + figure_width + CARD_PADDING
    text_width = MARGIN + REPORTING_LEFT_WIDTH - CARD_PADDING - text_left
    paras = [Para(sentence, BODY_SIZE)]
    figure_height = FIGURE_SIZE * LINE_EM / 72 + 2 * INSET_Y
    height = max(_height(paras, text_width), figure_height) + 2 * CARD_PADDING
    _rect(slide, MARGIN, top, REPORTING_LEFT_WIDTH, height, STRIPE)
    _rect(slide, MARGIN, top, CARD_STRIPE, height, ACCENT)
    _textbox(
        slide,
        MARGIN + CARD_STRIPE + CARD_PADDING,
        top,
        figure_width,
        height,
        [Para(figure, FIGURE_SIZE, True, ACCENT)],
        MSO_ANCHOR.MIDDLE,
        wrap=False,
    )
    _textbox(slide, text_left, top, text_width, height, paras, MSO_ANCHOR.MIDDLE)
    return height


def _lagging(prs, pack: MeetingPack) -> None:
    header, *body = _rows(lagging_table(pack))
    if not body:
        slide = _new_slide(prs, texts.MEETING_LAGGING_TITLE)
        message = [Para(texts.MEETING_NO_LAGGING, MESSAGE_SIZE)]
        _textbox(slide, MARGIN, BODY_TOP, CONTENT_WIDTH, _height(message, CONTENT_WIDTH), message)
        return
    pages = [[header, *body[n : n + LAGGING_ROWS_PER_SLIDE]] for n in range(0, len(body), LAGGING_ROWS_PER_SLIDE)]
    # The units beyond the list (pack.LAGGING_SHOWN) are counted under it, on the last slide.
    more = [Para(lagging_more_text(pack), NOTE_SIZES[0], colour=MUTED)] if pack.lagging_more else []
    room = _height(more, CONTENT_WIDTH) + GAP if more else 0
    layout = _table_layout(pages, frozenset(), CONTENT_WIDTH, BODY_BOTTOM - BODY_TOP - room, TABLE_SIZES)
    for n, rows in enumerate(pages):
        title = texts.SLIDES_CONTINUED.format(title=texts.MEETING_LAGGING_TITLE) if n else texts.MEETING_LAGGING_TITLE
        slide = _new_slide(prs, title)
        _table(slide, rows, layout, MARGIN, BODY_TOP, (PP_ALIGN.LEFT,) * len(header))
        if more and n == len(pages) - 1:
            _textbox(slide, MARGIN, BODY_BOTTOM - room + GAP, CONTENT_WIDTH, room - GAP, more)


def pack_pptx(pack: MeetingPack) -> bytes:
    """The meeting pack as a .pptx file: cover, summary, one slide per target, reporting, units that lag."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_WIDTH), Inches(SLIDE_HEIGHT)
    prs.core_properties.title = pack.title_line
    prs.core_properties.language = LANGUAGE
    _cover(prs, pack)
    _summary(prs, pack)
    if pack.unmeasured:
        _bullets(prs, texts.MEETING_UNMEASURED_TITLE, pack.unmeasured)
    for target in pack.targets:
        _target(prs, pack, target)
    _reporting(prs, pack)
    _lagging(prs, pack)
    slides = list(prs.slides)
    for number, slide in enumerate(slides[1:], start=2):
        _footer(slide, pack.as_of_text, number, len(slides))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
