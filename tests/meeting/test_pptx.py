"""The meeting slides (meeting/pptx.py): slide list, charts equal to the engine, LibreOffice renders them."""

import io
import math
import subprocess
from datetime import date

import pytest
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE_TYPE

from core import fmt, texts
from core.bootstrap import open_database
from core.engine import compute_indicators
from meeting.pack import meeting_pack
from meeting.pptx import LAGGING_ROWS_PER_SLIDE, pack_pptx
from screens.results import unit_names
from tests.support.forms import convert

PLAN = "lang-son-2023"
TODAY = date(2026, 11, 23)
PERIODS = ("2023Q4", "2023Q2")
MANY_UNITS_PLAN, MANY_UNITS_PERIOD = "tp-hcm-2018", "2018Q4"  # 22 districts, no report in the demo
MIN_INK = 0.01  # share of non-white pixels a rendered slide must have
WANTED_TEXTS = ("Tình hình báo cáo", "Tỷ lệ cơ sở được kiểm tra", "Đơn vị cần quan tâm", "Huyện Đình Lập")


@pytest.fixture(scope="module")
def demo(demo_db_path):
    """Packs of the demo year, and the engine's own per-unit figures: (unit name, value, status) by indicator."""
    db = open_database(demo_db_path)
    names = unit_names(db, PLAN)
    packs, engine = {}, {}
    for period in PERIODS:
        packs[period] = meeting_pack(db, PLAN, period, TODAY)
        engine[period] = {}
        for r in compute_indicators(db, PLAN, period, breakdown=True):
            if r.unit_code in names:
                engine[period].setdefault(r.indicator_code, []).append((names[r.unit_code], r.value, r.status))
    packs[MANY_UNITS_PERIOD] = meeting_pack(db, MANY_UNITS_PLAN, MANY_UNITS_PERIOD, TODAY)
    db.close()
    return packs, engine


def title_of(slide) -> str:
    return slide.shapes.title.text.replace("\u00a0", " ")  # the cover keeps its period on one line


def expected_titles(pack) -> list[str]:
    lagging_slides = max(1, math.ceil(len(pack.lagging) / LAGGING_ROWS_PER_SLIDE))
    continued = texts.SLIDES_CONTINUED.format(title=texts.MEETING_LAGGING_TITLE)
    return [
        pack.title_line,
        texts.MEETING_SUMMARY_TITLE,
        *([texts.MEETING_UNMEASURED_TITLE] if pack.unmeasured else []),
        *(t.title for t in pack.targets),
        texts.MEETING_REPORTING_TITLE,
        texts.MEETING_LAGGING_TITLE,
        *[continued] * (lagging_slides - 1),
    ]


def all_shapes(shapes):
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from all_shapes(shape.shapes)
        else:
            yield shape


def texts_of(slide) -> list[str]:
    """Every paragraph of the slide's text boxes."""
    return [p.text for s in all_shapes(slide.shapes) if s.has_text_frame for p in s.text_frame.paragraphs]


def chart_of(slide):
    charts = [s.chart for s in all_shapes(slide.shapes) if s.has_chart]
    assert len(charts) == 1, f"{title_of(slide)}: {len(charts)} charts"
    return charts[0]


@pytest.mark.parametrize("period", PERIODS)
def test_slides_in_order_with_titles_and_footers(demo, period):
    pack = demo[0][period]
    slides = list(Presentation(io.BytesIO(pack_pptx(pack))).slides)
    titles = expected_titles(pack)
    assert len(slides) == len(titles)
    assert [title_of(s) for s in slides] == titles
    lagging_slides = math.ceil(len(pack.lagging) / LAGGING_ROWS_PER_SLIDE) or 1
    assert len(slides) == 1 + 1 + bool(pack.unmeasured) + len(pack.targets) + 1 + lagging_slides
    for n, slide in enumerate(slides[1:], start=2):
        words = texts_of(slide)
        assert pack.as_of_text in words, title_of(slide)
        assert texts.SLIDES_PAGE.format(number=n, total=len(slides)) in words, title_of(slide)
    assert not any(texts.SLIDES_PAGE.format(number=1, total=len(slides)) in t for t in texts_of(slides[0]))
    assert f"Cơ quan thường trực: {pack.owner}" in texts_of(slides[0])


@pytest.mark.parametrize("period", PERIODS)
def test_charts_equal_the_engine_and_are_coloured_by_status(demo, period):
    packs, engine = demo
    pack = packs[period]
    slides = list(Presentation(io.BytesIO(pack_pptx(pack))).slides)
    target_slides = slides[2 + bool(pack.unmeasured) :][: len(pack.targets)]
    for slide, target in zip(target_slides, pack.targets, strict=True):
        assert not [s for s in all_shapes(slide.shapes) if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        chart = chart_of(slide)
        plot = chart.plots[0]
        series = plot.series[0]
        figures = {name: (value, status) for name, value, status in engine[period][target.indicator_code]}
        categories = list(plot.categories)
        values = list(series.values)
        assert sorted(categories) == sorted(figures), target.title
        for name, value in zip(categories, values, strict=True):
            assert value == pytest.approx(figures[name][0]), (target.title, name)
        drawn = [v for v in values if v is not None]
        assert drawn == sorted(drawn, reverse=True), "highest first"
        assert values[len(drawn) :] == [None] * (len(values) - len(drawn)), "units without a figure last"
        assert chart.category_axis.reverse_order, "first unit on top"
        assert series.name == texts.MEETING_CHART_VALUE
        labels = [p.data_label.text_frame.text for p, v in zip(series.points, values, strict=False) if v is not None]
        assert labels == [u.value_text for u in target.units if u.value is not None], "the dashboard's own texts"
        assert chart.value_axis.minimum_scale == 0
        if target.is_percent:
            assert chart.value_axis.maximum_scale == pytest.approx(max([1.0, *drawn]))
        for n, name in enumerate(categories):
            value, status = figures[name]
            if value is not None:
                colour = RGBColor.from_string(texts.STATUS_COLOURS[status].lstrip("#").upper())
                assert series.points[n].format.fill.fore_color.rgb == colour, (target.title, name)
        for status in {s for v, s in figures.values() if v is not None}:
            assert texts.STATUS_LABELS[status] in texts_of(slide), "every colour named in the legend"
        if target.laggards:
            assert texts.LAGGARDS_TITLE.format(names=target.laggards) in texts_of(slide)


def test_summary_table_keeps_the_status_word_on_its_colour(demo):
    pack = demo[0]["2023Q4"]
    summary = list(Presentation(io.BytesIO(pack_pptx(pack))).slides)[1]
    table = next(s.table for s in summary.shapes if s.has_table)
    assert [c.text for c in table.rows[0].cells] == list(texts.MEETING_SUMMARY_COLUMNS)
    for row, target in zip(list(table.rows)[1:], pack.targets, strict=True):
        verdict = row.cells[len(texts.MEETING_SUMMARY_COLUMNS) - 1]
        assert verdict.text == target.status_label
        assert verdict.fill.fore_color.rgb == RGBColor.from_string(texts.STATUS_COLOURS[target.status][1:])
        assert row.cells[2].text == target.value_text


def test_many_units_and_a_long_list_to_chase_still_fit(demo):
    """22 districts, none has reported: each chart draws the 10 worst and the 5 best and counts the 7 others (every
    slide keeps its size whatever the number of units), and the list to chase is cut short."""
    pack = demo[0][MANY_UNITS_PERIOD]
    assert len(pack.reporting.chase) == 22
    slides = list(Presentation(io.BytesIO(pack_pptx(pack))).slides)
    assert [title_of(s) for s in slides] == expected_titles(pack)
    assert any(target.left_out for target in pack.targets)
    for target, slide in zip(pack.targets, slides[2 + bool(pack.unmeasured) :], strict=False):
        chart = chart_of(slide)
        # A unit without a figure keeps its (empty) row while no more than 15 have one.
        assert len(chart.plots[0].categories) == (15 if target.left_out else 22)
        assert chart.font.size.pt >= 12, "names legible on a projector"
        left_out = f"Biểu đồ ghi 10 đơn vị thấp nhất và 5 đơn vị cao nhất; {target.left_out} đơn vị khác ở giữa."
        assert (left_out in texts_of(slide)) == bool(target.left_out)
    reporting = slides[len(expected_titles(pack)) - math.ceil(len(pack.lagging) / LAGGING_ROWS_PER_SLIDE) - 1]
    words = "\n".join(texts_of(reporting))
    shown = sum(item in words for item in pack.reporting.chase)
    assert 0 < shown < 22
    assert texts.SLIDES_CHASE_MORE.format(count=22 - shown, title=texts.MEETING_LAGGING_TITLE) in words


@pytest.mark.parametrize("period", PERIODS)
def test_libreoffice_renders_every_slide_in_vietnamese(demo, period, output_dir, monkeypatch):
    pack = demo[0][period]
    path = output_dir / f"{pack.file_stem}.pptx"
    path.write_bytes(pack_pptx(pack))
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # an English machine: the charts' labels read 95,7% all the same
    pdf = convert(path, "pdf", output_dir)
    assert pdf.exists(), "LibreOffice could not open the .pptx: is Impress (libreoffice-impress-nogui) installed?"

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = next(int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:"))
    assert pages == len(expected_titles(pack))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    figures = [t.value_text for t in pack.targets]  # '90,2%' in the fourth quarter
    for wanted in (*WANTED_TEXTS, *(t.title for t in pack.targets), *figures, pack.as_of_text):
        assert wanted in text, wanted
    top_unit = pack.targets[0].units[0]
    assert fmt.percent(top_unit.value) in text, "the chart's data labels, in Vietnamese number format"
    assert f"{top_unit.value * 100:.1f}%" not in text, "no label in the viewer's own number format"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    used = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert used <= {"LiberationSans", "LiberationSans-Bold"}, f"{used}: fonts-liberation2 has the Vietnamese glyphs"

    for old in output_dir.glob("slide-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(output_dir / "slide")], check=True)
    images = sorted(output_dir.glob("slide-*.png"))
    assert len(images) == len(expected_titles(pack))
    for image in images:
        pixels = Image.open(image).convert("RGB")
        colours = pixels.getcolors(maxcolors=pixels.width * pixels.height)
        white = next((n for n, c in colours if c == (255, 255, 255)), 0)
        assert 1 - white / (pixels.width * pixels.height) > MIN_INK, image.name
        assert len(colours) > 2, image.name


def test_a_plan_without_reports(db):
    """No report yet: every chart is empty but drawn, each unit a category without a bar."""
    pack = meeting_pack(db, PLAN, "2023Q1", date(2023, 1, 5))
    slides = list(Presentation(io.BytesIO(pack_pptx(pack))).slides)
    assert [title_of(s) for s in slides] == expected_titles(pack)
    empty = [t for t in pack.targets if all(u.value is None for u in t.units)]
    assert empty
    target_slides = slides[2 + bool(pack.unmeasured) :][: len(pack.targets)]
    for slide, target in zip(target_slides, pack.targets, strict=True):
        series = chart_of(slide).plots[0].series[0]
        assert list(series.values) == [u.value for u in target.units]
        if target in empty and target.units_without_data:
            names = ", ".join(target.units_without_data)
            assert texts.MEETING_UNITS_WITHOUT_DATA.format(names=names) in texts_of(slide)


def test_outside_the_slides_the_units_to_chase_are_ten_named_and_the_others_counted(demo):
    """The screen, the PDF and the draft report keep their length whatever the number of units."""
    chase = demo[0][MANY_UNITS_PERIOD].reporting
    assert len(chase.chase) == 22
    assert chase.chase_named == chase.chase[:10] + ["và 12 đơn vị khác: xem «Đơn vị cần quan tâm»"]
