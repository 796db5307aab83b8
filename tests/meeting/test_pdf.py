"""The meeting pack as a PDF: a page per slide, Vietnamese text intact, fonts embedded, pages to look at."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from core import texts
from core.bootstrap import open_database
from meeting.pack import MeetingPack, meeting_pack
from meeting.pdf import pack_pdf

PLAN_ID = "lang-son-2023"
PERIOD = "2023Q4"
TODAY = date(2026, 11, 23)
LAGGING_PAGES = 1  # the demo's eleven lagging units fit on one page
PNG_DPI = "80"
NEAR_WHITE = 250  # grey levels from here up count as paper
MIN_INK_SHARE = 0.01  # a page with less ink than this is blank


def _pages(pack: MeetingPack, lagging_pages: int = 1) -> int:
    """Title, summary, one page per target, reporting, then the lagging units."""
    return 1 + 1 + len(pack.targets) + 1 + lagging_pages


def _write(tmp_path: Path, data: bytes, name: str = "pack.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _text(path: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _png(path: Path, page: int, folder: Path) -> Path:
    stem = folder / f"page-{page:02d}"
    subprocess.run(
        ["pdftoppm", "-r", PNG_DPI, "-png", "-singlefile", "-f", str(page), "-l", str(page), str(path), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


def _ink_share(png: Path) -> float:
    histogram = Image.open(png).convert("L").histogram()
    return sum(histogram[:NEAR_WHITE]) / sum(histogram)


@pytest.fixture(scope="module")
def pack(demo_db_path) -> MeetingPack:
    db = open_database(demo_db_path)
    try:
        return meeting_pack(db, PLAN_ID, PERIOD, TODAY)
    finally:
        db.close()


@pytest.fixture(scope="module")
def pdf(pack, tmp_path_factory) -> Path:
    return _write(tmp_path_factory.mktemp("pdf"), pack_pdf(pack))


def test_one_page_per_slide_with_its_title(pack, pdf):
    reporting_page = 3 + len(pack.targets)
    assert _page_count(pdf) == _pages(pack, LAGGING_PAGES) == 10
    assert pack.title_line in _text(pdf, 1)
    assert texts.MEETING_SUMMARY_TITLE in _text(pdf, 2)
    for target in pack.targets:
        page = _text(pdf, 2 + target.number)
        assert target.title in page
        assert texts.MEETING_TARGET_OF.format(number=target.number, total=len(pack.targets)) in page
    assert texts.MEETING_REPORTING_TITLE in _text(pdf, reporting_page)
    assert texts.MEETING_LAGGING_TITLE in _text(pdf, reporting_page + 1)
    assert texts.MEETING_LAGGING_TITLE not in _text(pdf, reporting_page)


def test_vietnamese_text_and_figures_survive(pack, pdf):
    assert "Cơ quan thường trực: Sở Lao động – Thương binh và Xã hội tỉnh Lạng Sơn" in " ".join(_text(pdf, 1).split())
    first_target = _text(pdf, 3)
    assert "Huyện Đình Lập" in first_target
    assert "90,2%" in first_target
    for target in pack.targets:
        page = _text(pdf, 2 + target.number)
        assert target.value_text in page
        assert target.status_label in page
    reporting = _text(pdf, 3 + len(pack.targets))
    assert "Tình hình báo cáo" in reporting
    assert "97,0%" in reporting
    assert "93,9%" in reporting
    lagging = _text(pdf, 4 + len(pack.targets))
    assert all(unit.unit_name in lagging for unit in pack.lagging)
    header = _text(pdf, 2).splitlines()[0]
    assert pack.plan_title in header and pack.period_label in header
    assert texts.MEETING_PDF_PAGE.format(number=2) in _text(pdf, 2)


def test_fonts_are_embedded(pdf):
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = [line.split() for line in listing.splitlines()[2:]]
    assert any("DejaVuSans" in font[0] and font[-5] == "yes" for font in fonts)
    assert all(font[-5] == "yes" for font in fonts), listing  # no Helvetica left to the reader's viewer


def test_metadata(pack, pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Title:           {pack.title_line}" in info
    assert f"Author:          {texts.MEETING_PDF_AUTHOR}" in info


def test_pages_render_to_pictures(pack, pdf, output_dir):
    """The PNGs are left in test-output for a person to look at."""
    shutil.copy(pdf, output_dir / f"{pack.file_stem}.pdf")
    for page in (1, 3, 3 + len(pack.targets), 4 + len(pack.targets)):
        png = _png(pdf, page, output_dir)
        assert _ink_share(png) > MIN_INK_SHARE, png


def test_an_empty_database_renders(db, tmp_path):
    pack = meeting_pack(db, PLAN_ID, "2023Q1", date(2023, 1, 5))
    pdf = _write(tmp_path, pack_pdf(pack))
    assert _page_count(pdf) == _pages(pack)
    assert pack.as_of_text in _text(pdf, 2)
    assert texts.PRESENT_NO_UNIT_DATA in _text(pdf, 3)


def test_markup_characters_in_names_are_text(pack, tmp_path):
    """Names come from data files: '<b>&' must print as it is, not break reportlab's paragraph markup."""
    odd = "Huyện <b>& Thử"
    target = pack.targets[0]
    units = [dataclasses.replace(target.units[0], unit_name=odd), *target.units[1:]]
    changed = dataclasses.replace(
        pack,
        plan_title="Kế hoạch <b>& thử",
        targets=[dataclasses.replace(target, units=units, laggards=f"{odd} (1,0%)"), *pack.targets[1:]],
    )
    pdf = _write(tmp_path, pack_pdf(changed))
    assert "Kế hoạch <b>& thử" in _text(pdf, 1)
    page = _text(pdf, 3)
    assert page.count(odd) == 2  # the chart's label and the units furthest behind
    assert "Kế hoạch <b>& thử" in page.splitlines()[0]
