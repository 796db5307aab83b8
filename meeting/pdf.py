"""The meeting pack as a PDF for circulation: one landscape A4 page per slide, charts drawn as vectors."""

from __future__ import annotations

import io
import math
from collections.abc import Container
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.textlabels import NA_Label
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core import fmt, texts
from core.db import ROOT
from meeting.pack import MeetingPack, TargetSlide, lagging_more_text, lagging_table, left_out_text, summary_table
from screens import charts
from screens.charts import TARGET_COLOUR

FONTS_DIR = ROOT / "data" / "fonts"
FONT = "DejaVuSans"  # Helvetica has no Vietnamese diacritics
FONT_BOLD = "DejaVuSans-Bold"

PAGE_SIZE = landscape(A4)
PAGE_WIDTH, PAGE_HEIGHT = PAGE_SIZE
MARGIN_SIDE = 16 * mm
MARGIN_TOP = 20 * mm  # room for the running header above the frame
MARGIN_BOTTOM = 18 * mm  # room for the footer below the frame
HEADER_BASELINE = PAGE_HEIGHT - 11 * mm
FOOTER_BASELINE = 9 * mm
RUNNING_SIZE = 8  # header and footer type
RUNNING_GAP = 24  # between the left and right parts of the header, so they never touch
TITLE_PAGE_TOP = 38 * mm  # the title page's block sits a little above the middle
TITLE_PAGE_GAP = 8 * mm  # around the rule between the plan and the dates
FRAME_PADDING = 6  # reportlab's default padding inside the page's frame
CONTENT_WIDTH = PAGE_WIDTH - 2 * (MARGIN_SIDE + FRAME_PADDING)  # what a table may take without overflowing

INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#5A5A5A")
RULE = colors.HexColor("#BBBBBB")
ACCENT = colors.HexColor("#1F3A5F")  # table headers and the title page's rule: a sober dark blue
ZEBRA = colors.HexColor("#F3F5F8")  # every other table row, to follow a line across a wide page
GRID = colors.HexColor("#E3E3E3")
LEVEL = colors.HexColor(TARGET_COLOUR)  # the same colour as the level line on the screen

SECTION_GAP = 4 * mm
CELL_PADDING = 4
CHIP_PADDING = 6  # around the status word in its coloured box
SUMMARY_NUMBER_WIDTH = 14 * mm  # the summary table's fixed columns; the target's name takes the rest
SUMMARY_VALUE_WIDTH = 30 * mm
SUMMARY_GOAL_WIDTH = 45 * mm
SUMMARY_STATUS_WIDTH = 42 * mm
VALUE_WIDTH = 55 * mm  # the province's figure on a target page: '100,0%' at 30 pt
CHIP_WIDTH = 46 * mm  # its status: 'Không có chỉ tiêu' on one line
RATES_PERIOD_WIDTH = 50 * mm  # 'Tất cả các kỳ đã đến hạn'
RATES_DEADLINE_WIDTH = 42 * mm  # '15/03/2023 (mặc định)'
LAGGING_UNIT_WIDTH = 50 * mm

# The target chart: bars are as tall as the page allows between these pitches (points per unit).
BAR_PITCH_MAX = 22
BAR_PITCH_MIN = 9
BAR_FILL = 0.72  # share of a unit's pitch the bar fills
CHART_LABEL_SIZE_MAX = 10
CHART_LABEL_SIZE_MIN = 6.5
CHART_LABEL_SHARE = 0.55  # label type size as a share of a unit's pitch, between the two sizes above
CHART_TOP_ROOM = 16  # the level's label above the bars
CHART_AXIS_ROOM = 16  # the value axis' tick labels under the bars
CHART_LEGEND_ROOM = 18  # the status legend under the axis
CHART_FIXED = CHART_TOP_ROOM + CHART_AXIS_ROOM + CHART_LEGEND_ROOM
CHART_NAME_SHARE = 0.3  # unit names take at most this share of the width (longer ones are cut with …)
CHART_VALUE_PAD = 6  # between a bar's end and its label
AXIS_STEPS = 5  # about this many gridlines on the value axis
SWATCH = 8  # legend swatch side; its label is one point larger
LEGEND_GAP = 16  # between two legend entries
SLACK = 2  # points kept free so rounding never pushes the notes to another page


def _style(name: str, size: float, bold: bool = False, colour=INK, **extra) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        leading=size * 1.28,
        textColor=colour,
        **extra,
    )


KICKER = _style("kicker", 10, colour=MUTED, spaceAfter=2)
H1 = _style("h1", 20, bold=True, colour=ACCENT, spaceAfter=6)
H2 = _style("h2", 13, bold=True, colour=ACCENT, spaceBefore=10, spaceAfter=4)
LEAD = _style("lead", 15, bold=True, spaceAfter=3)
BODY = _style("body", 10.5, spaceAfter=3)
NOTE = _style("note", 9.5, colour=MUTED, spaceAfter=2)
BULLET = _style("bullet", 10, leftIndent=12, bulletIndent=2, bulletFontName=FONT, spaceAfter=2)
CELL = _style("cell", 9.5)
CELL_BOLD = _style("cell_bold", 9.5, bold=True)
CELL_RIGHT = _style("cell_right", 9.5, alignment=2)
CELL_RIGHT_BOLD = _style("cell_right_bold", 9.5, bold=True, alignment=2)
HEAD = _style("head", 9.5, bold=True, colour=colors.white)
HEAD_RIGHT = _style("head_right", 9.5, bold=True, colour=colors.white, alignment=2)
BIG_VALUE = _style("big_value", 30, bold=True, colour=ACCENT)
HEADLINE = _style("headline", 13.5, bold=True)
CHIP = _style("chip", 11, bold=True, alignment=TA_CENTER)
TITLE_KICKER = _style("title_kicker", 13, colour=MUTED, alignment=TA_CENTER, spaceAfter=10)
TITLE = _style("title", 24, bold=True, colour=ACCENT, alignment=TA_CENTER, spaceAfter=14)
TITLE_PLAN = _style("title_plan", 16, alignment=TA_CENTER, spaceAfter=8)
TITLE_NOTE = _style("title_note", 11, colour=MUTED, alignment=TA_CENTER, spaceAfter=4)


def _register_fonts() -> None:
    """Register DejaVu Sans once per process: reportlab keeps fonts in a global registry."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file)))


def _p(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A paragraph of plain text: unit and plan names come from data files, so '<' and '&' must not be markup."""
    return Paragraph(escape(text), style, bulletText=bullet)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with '…' to fit `width` points, for lines that cannot wrap (running header, chart labels)."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _status_paragraph(status: str, style: ParagraphStyle = CELL_BOLD) -> Paragraph:
    """The status word, in the colour that reads on the status' fill: the colour is never the only sign."""
    return _p(
        texts.STATUS_LABELS[status],
        ParagraphStyle(
            f"{style.name}_{status}", style, textColor=colors.HexColor(charts.ink_on(texts.STATUS_COLOURS[status]))
        ),
    )


def _table(rows: list[list], widths: list[float], extra: list[tuple] = ()) -> Table:
    """A table with a dark header row repeated on every page and light stripes."""
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # cells hold paragraphs, but a table names its own font all the same
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
        *[("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(rows), 2)],
        *extra,
    ]
    table.setStyle(TableStyle(style))
    return table


def _header_row(columns, right: Container[int] = ()) -> list[Paragraph]:
    return [_p(str(c), HEAD_RIGHT if i in right else HEAD) for i, c in enumerate(columns)]


def _nice_step(top: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about AXIS_STEPS gridlines up to `top`."""
    rough = top / AXIS_STEPS
    base = 10 ** math.floor(math.log10(rough))
    return next(m * base for m in (1, 2, 5, 10) if rough <= m * base)


def _axis_label(is_percent: bool, step: float):
    """Tick labels in Vietnamese format: '20%' (a decimal only for steps under 1%), or counts '1.000'."""
    if is_percent:
        decimals = 0 if step >= 0.01 else 1
        return lambda v: fmt.percent(v, decimals)
    return fmt.count


def _chart(slide: TargetSlide, width: float, height: float) -> Drawing:
    """The units as horizontal bars, first unit on top, coloured by status, with the level as a dashed line."""
    units = slide.charted
    plot_height = height - CHART_FIXED
    size = max(CHART_LABEL_SIZE_MIN, min(CHART_LABEL_SIZE_MAX, plot_height / len(units) * CHART_LABEL_SHARE))
    names = [_fit(u.unit_name, FONT, size, width * CHART_NAME_SHARE) for u in units]
    name_width = max(pdfmetrics.stringWidth(n, FONT, size) for n in names) + 2 * CHART_VALUE_PAD
    value_width = max(pdfmetrics.stringWidth(u.value_text, FONT, size) for u in units) + 2 * CHART_VALUE_PAD
    values = [u.value for u in units if u.value is not None]
    top = max([*values, slide.unit_level or 0]) or 1  # every value 0: an axis up to 1 all the same
    step = _nice_step(top) if slide.is_percent else max(_nice_step(top), 1)  # no half persons
    axis_max = math.ceil(top / step - 1e-9) * step  # float noise must not add a step

    chart = HorizontalBarChart()
    chart.x, chart.y = name_width, CHART_LEGEND_ROOM + CHART_AXIS_ROOM
    chart.width, chart.height = width - name_width - value_width, plot_height
    chart.data = [[u.value for u in units]]  # None: the unit keeps its row, with no bar
    chart.barWidth, chart.groupSpacing = BAR_FILL, 1 - BAR_FILL
    chart.bars.strokeColor = None
    for i, unit in enumerate(units):
        chart.bars[(0, i)].fillColor = colors.HexColor(texts.STATUS_COLOURS[unit.status])
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[u.value_text for u in units]]
    chart.naLabel = NA_Label()
    chart.naLabel.text = fmt.MISSING
    for label in (chart.barLabels, chart.naLabel):
        label.fontName, label.fontSize, label.fillColor = FONT, size, INK
        label.boxAnchor, label.textAnchor, label.nudge = "w", "start", CHART_VALUE_PAD
        label.boxFillColor, label.leftPadding, label.rightPadding = colors.white, 1, 1  # hides the level line under it

    categories = chart.categoryAxis
    categories.categoryNames = names
    categories.reverseDirection = 1  # the first unit (the highest) on top, as on the screen
    categories.visibleTicks = 0
    categories.strokeColor = RULE
    categories.labels.fontName, categories.labels.fontSize, categories.labels.fillColor = FONT, size, INK
    categories.labels.boxAnchor, categories.labels.dx = "e", -CHART_VALUE_PAD

    axis = chart.valueAxis
    axis.valueMin, axis.valueMax, axis.valueStep = 0, axis_max, step
    axis.labelTextFormat = _axis_label(slide.is_percent, step)
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = FONT, CHART_LABEL_SIZE_MIN + 1, MUTED
    axis.visibleTicks = 0
    axis.strokeColor = RULE

    drawing = Drawing(width, height, initialFontName=FONT)  # no stray Helvetica in the file
    # Gridlines, then the level, then the chart: the bars and their labels stay on top, and no gridline
    # runs through the level line (the chart's own grid would be drawn over it).
    for k in range(1, round(axis_max / step) + 1):
        x = chart.x + chart.width * k * step / axis_max
        drawing.add(Line(x, chart.y, x, chart.y + chart.height, strokeColor=GRID, strokeWidth=0.5))
    if slide.unit_level is not None:
        x = chart.x + chart.width * slide.unit_level / axis_max
        dashes = {"strokeColor": LEVEL, "strokeWidth": 1.5, "strokeDashArray": [4, 3]}
        drawing.add(Line(x, chart.y, x, chart.y + chart.height + CHART_TOP_ROOM / 3, **dashes))
        text = texts.MEETING_UNIT_LEVEL.format(level=slide.unit_level_text)
        text_width = pdfmetrics.stringWidth(text, FONT_BOLD, CHART_LABEL_SIZE_MAX - 1)
        start = min(max(x - text_width / 2, chart.x), width - text_width)  # centred on the line, kept on the page
        # In ink, not the line's pink: pink text on white is too faint to read on paper.
        drawing.add(
            String(
                start,
                chart.y + chart.height + CHART_TOP_ROOM / 2,
                text,
                fontName=FONT_BOLD,
                fontSize=CHART_LABEL_SIZE_MAX - 1,
                fillColor=INK,
            )
        )
    drawing.add(chart)
    _legend(drawing, [u.status for u in units if u.value is not None], chart.x)
    return drawing


def _legend(drawing: Drawing, statuses: list[str], x: float) -> None:
    """Name the colours of the bars shown, in the statuses' usual order."""
    for status, label in texts.STATUS_LABELS.items():
        if status not in statuses:
            continue
        drawing.add(
            Rect(x, 2, SWATCH, SWATCH, fillColor=colors.HexColor(texts.STATUS_COLOURS[status]), strokeColor=None)
        )
        drawing.add(String(x + SWATCH + 4, 2.5, label, fontName=FONT, fontSize=SWATCH + 1, fillColor=INK))
        x += SWATCH + 4 + pdfmetrics.stringWidth(label, FONT, SWATCH + 1) + LEGEND_GAP


class _UnitChart(Flowable):
    """The target chart, as tall as the page leaves once the notes under it are placed, within the bar pitches."""

    def __init__(self, slide: TargetSlide, below: list[Flowable]):
        super().__init__()
        self.slide, self.below = slide, below

    def wrap(self, available_width, available_height):
        below = sum(
            f.wrap(available_width, available_height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self.below
        )
        count = len(self.slide.charted)
        room = available_height - below - self.getSpaceBefore() - self.getSpaceAfter() - SLACK
        self.width = available_width
        self.height = min(max(room, count * BAR_PITCH_MIN + CHART_FIXED), count * BAR_PITCH_MAX + CHART_FIXED)
        return self.width, self.height

    def draw(self):
        _chart(self.slide, self.width, self.height).drawOn(self.canv, 0, 0)


def _title_page(pack: MeetingPack) -> list[Flowable]:
    return [
        Spacer(1, TITLE_PAGE_TOP),
        _p(texts.MEETING_PDF_PROVINCE.format(province=pack.province_name), TITLE_KICKER),
        _p(pack.title_line, TITLE),
        _p(pack.plan_title, TITLE_PLAN),
        _p(texts.MEETING_PDF_DOCUMENT.format(document=pack.document_number), TITLE_NOTE),
        _p(texts.OWNER_LINE.format(owner=pack.owner), TITLE_NOTE),
        Spacer(1, TITLE_PAGE_GAP),
        HRFlowable(width="30%", thickness=1.5, color=ACCENT),
        Spacer(1, TITLE_PAGE_GAP),
        _p(pack.as_of_text, TITLE_NOTE),
        _p(pack.basis, TITLE_NOTE),
        _p(pack.generated_on, TITLE_NOTE),
    ]


def _summary_page(pack: MeetingPack) -> list[Flowable]:
    frame = summary_table(pack)
    rows = [_header_row(frame.columns, right={0, 2})]
    fills = []
    for r, (target, (number, title, value, goal, _label)) in enumerate(
        zip(pack.targets, frame.itertuples(index=False), strict=True), 1
    ):
        rows.append(
            [
                _p(str(number), CELL_RIGHT),
                _p(title, CELL),
                _p(value, CELL_RIGHT_BOLD),
                _p(goal, CELL),
                _status_paragraph(target.status),
            ]
        )
        fills.append(("BACKGROUND", (4, r), (4, r), colors.HexColor(texts.STATUS_COLOURS[target.status])))
    fixed = [SUMMARY_NUMBER_WIDTH, SUMMARY_VALUE_WIDTH, SUMMARY_GOAL_WIDTH, SUMMARY_STATUS_WIDTH]
    widths = [fixed[0], CONTENT_WIDTH - sum(fixed), *fixed[1:]]
    story = [
        _p(texts.MEETING_SUMMARY_TITLE, H1),
        _p(pack.summary_text, LEAD),
        _p(pack.reported, NOTE),
        Spacer(1, SECTION_GAP),
        _table(rows, widths, fills),
    ]
    if pack.unmeasured:
        story.append(_p(texts.MEETING_UNMEASURED_TITLE, H2))
        story += [_p(label, BULLET, "•") for label in pack.unmeasured]
    return story


def _chip(status: str) -> Table:
    """The status word in a box of the status' colour, as on the screen's badge."""
    return Table(
        [[_status_paragraph(status, CHIP)]],
        colWidths=[CHIP_WIDTH],
        style=[
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(texts.STATUS_COLOURS[status])),
            ("TOPPADDING", (0, 0), (-1, -1), CHIP_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CHIP_PADDING),
        ],
    )


def _target_page(slide: TargetSlide, total: int, province_name: str) -> list[Flowable]:
    figure = Table(
        [
            [
                [_p(texts.WHOLE_PROVINCE.format(name=province_name), NOTE), _p(slide.value_text, BIG_VALUE)],
                _chip(slide.status),
                _p(slide.headline, HEADLINE),
            ]
        ],
        colWidths=[
            VALUE_WIDTH,
            CHIP_WIDTH + 2 * CELL_PADDING,
            CONTENT_WIDTH - VALUE_WIDTH - CHIP_WIDTH - 2 * CELL_PADDING,
        ],
        style=[
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("LEFTPADDING", (2, 0), (2, 0), 4 * CHIP_PADDING),
            ("RIGHTPADDING", (2, 0), (2, 0), 0),
        ],
    )
    notes = [_p(slide.based_on.capitalize(), BULLET, "•")]
    if slide.laggards:
        notes.append(_p(texts.LAGGARDS_TITLE.format(names=slide.laggards), BULLET, "•"))
    if slide.units_without_data:
        notes.append(
            _p(texts.MEETING_UNITS_WITHOUT_DATA.format(names=", ".join(slide.units_without_data)), BULLET, "•")
        )
    if slide.left_out:
        notes.append(_p(left_out_text(slide), BULLET, "•"))
    if slide.carried_text:
        notes.append(_p(slide.carried_text, BULLET, "•"))
    if slide.held_text:
        notes.append(_p(slide.held_text, BULLET, "•"))
    notes += [_p(decision, BULLET, "•") for decision in slide.decisions]
    notes = [Spacer(1, SECTION_GAP / 2), *notes]  # the legend and the notes apart
    has_bars = any(u.value is not None for u in slide.units)
    chart = _UnitChart(slide, notes) if has_bars else _p(texts.PRESENT_NO_UNIT_DATA, BODY)
    return [
        _p(texts.MEETING_TARGET_OF.format(number=slide.number, total=total), KICKER),
        _p(slide.title, H1),
        _p(texts.MEETING_TARGET_GOAL.format(label=slide.target_label, target=slide.target_text), NOTE),
        Spacer(1, SECTION_GAP),
        figure,
        Spacer(1, SECTION_GAP),
        chart,
        *notes,
    ]


def _text_table(frame: pd.DataFrame, widths: list[float], right: Container[int] = (), extra=()) -> Table:
    rows = [_header_row(frame.columns, right)]
    rows += [
        [_p(str(value), CELL_RIGHT if i in right else CELL) for i, value in enumerate(row)]
        for row in frame.itertuples(index=False)
    ]
    return _table(rows, widths, extra)


def _reporting_page(pack: MeetingPack) -> list[Flowable]:
    reporting = pack.reporting
    rates = reporting.rates
    period_width = RATES_PERIOD_WIDTH + RATES_DEADLINE_WIDTH
    widths = [RATES_PERIOD_WIDTH, RATES_DEADLINE_WIDTH] + [
        (CONTENT_WIDTH - period_width) / (len(rates.columns) - 2)
    ] * (len(rates.columns) - 2)
    total_row = len(rates)  # the last row, every period together, set apart by a rule
    story = [
        _p(texts.MEETING_REPORTING_TITLE, H1),
        _p(reporting.completeness_text, LEAD),
        _p(reporting.timeliness_text, LEAD),
        Spacer(1, SECTION_GAP),
        _text_table(
            rates,
            widths,
            right=set(range(2, len(rates.columns))),
            extra=[("LINEABOVE", (0, total_row), (-1, total_row), 1, INK)],
        ),
        _p(texts.MEETING_CHASE_TITLE, H2),
    ]
    if reporting.chase:
        story += [_p(line, BULLET, "•") for line in reporting.chase_named]
    else:
        story.append(_p(texts.MEETING_CHASE_NONE, BODY))
    return story


def _lagging_page(pack: MeetingPack) -> list[Flowable]:
    story = [_p(texts.MEETING_LAGGING_TITLE, H1)]
    if not pack.lagging:
        return [*story, _p(texts.MEETING_NO_LAGGING, BODY)]
    rest = (CONTENT_WIDTH - LAGGING_UNIT_WIDTH) / 2
    story += [Spacer(1, SECTION_GAP), _text_table(lagging_table(pack), [LAGGING_UNIT_WIDTH, rest, rest])]
    if pack.lagging_more:
        story += [Spacer(1, SECTION_GAP / 2), _p(lagging_more_text(pack), BODY)]
    return story


def _running(pack: MeetingPack):
    """The header (plan, period) and footer (data date, page number) of every page after the title page."""

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, RUNNING_SIZE)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        left, right = MARGIN_SIDE + FRAME_PADDING, PAGE_WIDTH - MARGIN_SIDE - FRAME_PADDING
        period = pack.period_label
        room = CONTENT_WIDTH - pdfmetrics.stringWidth(period, FONT, RUNNING_SIZE) - RUNNING_GAP
        canvas.drawString(left, HEADER_BASELINE, _fit(pack.plan_title, FONT, RUNNING_SIZE, room))
        canvas.drawRightString(right, HEADER_BASELINE, period)
        canvas.line(left, HEADER_BASELINE - 4, right, HEADER_BASELINE - 4)
        canvas.line(left, FOOTER_BASELINE + RUNNING_SIZE + 2, right, FOOTER_BASELINE + RUNNING_SIZE + 2)
        canvas.drawString(left, FOOTER_BASELINE, pack.as_of_text)
        canvas.drawRightString(right, FOOTER_BASELINE, texts.MEETING_PDF_PAGE.format(number=doc.page))
        canvas.restoreState()

    return draw


def pack_pdf(pack: MeetingPack) -> bytes:
    """The pack as a PDF: a title page, the summary, one page per target, the reporting status, the lagging units."""
    _register_fonts()
    story = _title_page(pack)
    for part in (
        _summary_page(pack),
        *(_target_page(t, len(pack.targets), pack.province_name) for t in pack.targets),
        _reporting_page(pack),
        _lagging_page(pack),
    ):
        story += [PageBreak(), *part]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_SIDE,
        rightMargin=MARGIN_SIDE,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=pack.title_line,
        subject=pack.plan_title,
        author=texts.MEETING_PDF_AUTHOR,
        creator=texts.MEETING_PDF_AUTHOR,
        lang="vi",
        initialFontName=FONT,  # otherwise every page also names Helvetica, unembedded
        displayDocTitle=True,
    )
    document.build(story, onLaterPages=_running(pack))
    return buffer.getvalue()
