"""Trình chiếu in a real headless Chromium: step through screens, download the slides and the draft report."""

from __future__ import annotations

import pytest
from docx import Document
from pptx import Presentation

from tests.support.browser import open_deep_link, wait_idle

pytestmark = pytest.mark.browser


def test_step_through_and_download_the_slides(demo_server, browser_page, output_dir):
    page = browser_page
    open_deep_link(page, demo_server, "/trinh-chieu?plan=lang-son-2023&period=2023Q4", "Tóm tắt kết quả")
    page.screenshot(path=str(output_dir / "1_summary.png"))

    page.get_by_role("button", name="Sau", exact=False).click()
    page.get_by_text("Tỷ lệ xã có tuyên truyền đạt 90,2%").first.wait_for(timeout=30_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    assert "slide=2" in page.url
    page.wait_for_timeout(1_000)
    page.screenshot(path=str(output_dir / "2_target.png"))

    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Tải bản trình chiếu (.pptx)").click()
    assert download.value.suggested_filename == "hop_BCD138_lang-son-2023_2023Q4.pptx"
    saved = output_dir / download.value.suggested_filename
    download.value.save_as(saved)
    slides = list(Presentation(saved).slides)
    titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
    assert "Tỷ lệ xã có tuyên truyền" in titles and "Tình hình báo cáo" in titles

    with page.expect_download(timeout=120_000) as download:  # the draft report (issue 21, item 1)
        page.get_by_role("button", name="Tải dự thảo báo cáo (.docx)").click()
    assert download.value.suggested_filename == "bao_cao_lang-son-2023_2023Q4.docx"
    saved = output_dir / download.value.suggested_filename
    download.value.save_as(saved)
    paragraphs = [p.text for p in Document(saved).paragraphs]
    assert "BÁO CÁO" in paragraphs and "Kết quả thực hiện công tác phòng, chống mại dâm quý IV năm 2023" in paragraphs
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []


def _chips(page) -> dict[str, str]:
    """Each status chip on the page: its status -> its background colour as drawn."""
    return page.eval_on_selector_all(
        "div[data-status] > span:first-child",
        "spans => Object.fromEntries(spans.map("
        "s => [s.parentElement.dataset.status, getComputedStyle(s).backgroundColor]))",
    )


def test_the_overview_and_the_presentation_at_mid_year_name_the_laggards(demo_server, browser_page, output_dir):
    """Q2 of the demo year: targets on track and one behind, each in its own colour; the units furthest behind
    what is due named on the cards and on the target's screen."""
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    open_deep_link(page, demo_server, "/tong-quan?plan=lang-son-2023&period=2023Q2", "Chỉ tiêu cần chú ý")
    laggards = "Xa mức cần đạt nhất: Huyện Hữu Lũng (43,3%), Huyện Tràng Định (44,4%)"
    page.get_by_text(laggards).first.wait_for(timeout=30_000)
    page.get_by_text("cần 15% vào thời điểm này").first.wait_for(timeout=30_000)
    chips = _chips(page)
    assert {"on_track", "behind", "met"} <= set(chips)
    assert len({chips[s] for s in ("on_track", "behind", "met")}) == 3, chips  # three statuses, three colours
    page.screenshot(path=str(output_dir / "overview_q2.png"), full_page=True)

    open_deep_link(page, demo_server, "/trinh-chieu?plan=lang-son-2023&period=2023Q2&slide=3", "Tỷ lệ xây dựng")
    page.get_by_text("chậm tiến độ (cần đạt 50% vào thời điểm này); 6/11 đơn vị dưới mức").first.wait_for(
        timeout=30_000
    )
    page.get_by_text(laggards).first.wait_for(timeout=30_000)
    assert set(_chips(page)) == {"behind"}
    page.screenshot(path=str(output_dir / "present_q2_behind.png"), full_page=True)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_presenter_mode_fits_the_screen_and_follows_the_arrow_keys(demo_server, browser_page, output_dir, size):
    """A target's screen in presenter mode: no sidebar nor selectors, everything inside the viewport, the worst
    unit on the chart, text at least 24 px; the arrow keys, Home and End move between screens, Esc leaves."""
    page = browser_page
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    path = "/trinh-chieu?plan=lang-son-2023&period=2023Q4&slide=4&toan-man-hinh=1"
    open_deep_link(page, demo_server, path, "không đạt chỉ tiêu 30%")
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1_000)
    page.screenshot(path=str(output_dir / f"presenter_{width}.png"))
    assert not page.get_by_test_id("stSidebar").is_visible()
    assert not page.get_by_text("Kế hoạch", exact=True).first.is_visible()  # the selectors' labels
    bottoms = page.eval_on_selector_all(
        '[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]',
        "els => els.filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().bottom)",
    )
    assert bottoms and max(bottoms) <= height, (max(bottoms), height)
    worst = page.locator(".js-plotly-plot").get_by_text("Huyện Văn Quan", exact=True)  # 14,3%: the lowest
    assert worst.first.is_visible()
    headline = page.get_by_text("Tỷ lệ cơ sở được kiểm tra đạt 27,7%").first
    assert float(headline.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 24

    for key, slide in (("ArrowRight", "5"), ("ArrowLeft", "4"), ("End", "9"), ("Home", "1")):
        page.keyboard.press(key)
        page.wait_for_url(f"**slide={slide}&**", timeout=30_000)
        wait_idle(page)
    page.keyboard.press("Escape")
    page.get_by_test_id("stSidebar").wait_for(timeout=30_000)
    assert "toan-man-hinh" not in page.url
