"""Trình chiếu in a real headless Chromium: step through screens and download the slides."""

from __future__ import annotations

import pytest
from pptx import Presentation

from tests.support.browser import open_deep_link

pytestmark = pytest.mark.browser


def test_step_through_and_download_the_slides(demo_server, browser_page, output_dir):
    page = browser_page
    open_deep_link(page, demo_server, "/trinh-chieu?plan=lang-son-2023&period=2023Q4", "Tóm tắt kết quả")
    page.screenshot(path=str(output_dir / "1_summary.png"))

    page.get_by_role("button", name="Sau ▶").click()
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
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []
