"""Every page of the dashboard in a real headless Chromium on the demo year: key text, screenshot, no errors."""

import pytest

from tests.support.browser import ENGLISH, open_deep_link

pytestmark = pytest.mark.browser

PAGES = [  # (path with the view in its URL, text that proves the page rendered its data)
    ("/ke-hoach-nam?plan=lang-son-2023", "Chỉ tiêu của kế hoạch"),
    ("/tong-quan?plan=lang-son-2023&period=2023Q4", "10/11 đơn vị đã báo cáo quý IV"),
    ("/chi-tieu?plan=lang-son-2023&period=2023Q4&indicator=CO_SO_KIEM_TRA", "Tỷ lệ cơ sở được kiểm tra"),
    ("/bang-diem?plan=lang-son-2023&period=2023Q4", "Sắp xếp theo"),  # grid cells are drawn, not text
    ("/don-vi?plan=lang-son-2023&period=2023Q4&unit=189", "Chưa nhận"),
    ("/tinh-hinh-bao-cao?plan=lang-son-2023", "Đơn vị cần đôn đốc"),
    ("/chat-luong-so-lieu?plan=lang-son-2023&superseded=1", "2 cảnh báo trong 1 báo cáo"),
    ("/trinh-chieu?plan=lang-son-2023&period=2023Q4&slide=4", "6/11 đơn vị dưới mức"),
    ("/nop-bao-cao?plan=lang-son-2023&unit=183", "Biểu mẫu của Huyện Cao Lộc"),
    ("/lich-su-nop?plan=lang-son-2023&unit=183&period=2023Q2", "1 số liệu khác nhau giữa hai bản."),
]


def test_every_page_in_chromium(demo_server, browser_page, output_dir):
    for n, (path, landmark) in enumerate(PAGES):
        browser_page.console_errors.clear()
        open_deep_link(browser_page, demo_server, path, landmark)
        body = browser_page.inner_text("body")
        assert "Traceback" not in body and "Error" not in body.replace("Errors", "")
        assert not [word for word in ENGLISH if word in body], path
        shot = output_dir / f"{n}_{path.split('?')[0].strip('/') or 'trang-chu'}.png"
        browser_page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
