"""The Trình chiếu page, run headless with AppTest on the demo year: screens, navigation, downloads."""

from __future__ import annotations

from tests.support.apptest import all_text, run_page, table

PLAN = "lang-son-2023"
PAGE = "pages/present.py"


def open_screen(monkeypatch, db_path, slide: str | None = None):
    params = {"plan": PLAN, "period": "2023Q4"} | ({"slide": slide} if slide else {})
    at = run_page(monkeypatch, db_path, PAGE, **params)
    assert not at.exception
    return at


def test_the_first_screen_is_the_summary_with_both_downloads(monkeypatch, demo_db_path):
    at = open_screen(monkeypatch, demo_db_path)
    assert at.header[0].value == "Tóm tắt kết quả"
    assert [(m.label, m.value) for m in at.metric] == [("Đạt", "2"), ("Không đạt", "4")]  # the year's verdicts
    assert "6 chỉ tiêu đo được: 2 đạt, 4 không đạt" in all_text(at)
    assert table(at)["Kết quả"].tolist() == ["90,2%", "80,2%", "27,7%", "100,0%", "35,5%", "90,9%"]
    assert at.download_button(key="pptx").label == "Tải bản trình chiếu (.pptx)"
    assert at.download_button(key="pdf").label == "Tải bản PDF"
    assert at.download_button(key="docx").label == "Tải dự thảo báo cáo (.docx)"
    assert at.button(key="previous").disabled and not at.button(key="next").disabled
    assert at.query_params["slide"] == "1"


def test_a_target_screen_shows_its_figure_sentence_and_chart(monkeypatch, demo_db_path):
    at = open_screen(monkeypatch, demo_db_path, slide="4")
    assert at.header[0].value == "Tỷ lệ cơ sở được kiểm tra"
    assert at.metric[0].value == "27,7%"
    text = all_text(at)
    assert "Tỷ lệ cơ sở được kiểm tra đạt 27,7%, không đạt chỉ tiêu 30%; 6/11 đơn vị dưới mức." in text
    assert "Chỉ tiêu 3/6" in text and "Xa mức cần đạt nhất: Huyện Văn Quan (14,3%)" in text
    chart = at.get("plotly_chart")[0].proto.spec
    assert '"orientation":"h"' in chart.replace(" ", "")


def test_next_and_previous_move_one_screen(monkeypatch, demo_db_path):
    at = open_screen(monkeypatch, demo_db_path, slide="7")
    assert at.header[0].value == "Tỷ lệ báo cáo đúng hạn"
    at.button(key="next").click().run()
    assert at.header[0].value == "Tình hình báo cáo"
    assert "Tỷ lệ đầy đủ 97,0%: 64/66 báo cáo đến hạn đã nộp" in all_text(at)
    at.button(key="next").click().run()
    assert at.header[0].value == "Đơn vị cần quan tâm"
    assert table(at)["Đơn vị"].tolist()[0] == "Huyện Đình Lập"
    assert at.button(key="next").disabled
    at.button(key="previous").click().run()
    assert at.header[0].value == "Tình hình báo cáo"


def test_the_jump_list_opens_any_screen(monkeypatch, demo_db_path):
    at = open_screen(monkeypatch, demo_db_path)
    at.selectbox(key="jump-1").set_value(2).run()
    assert at.header[0].value == "Tỷ lệ xã có tuyên truyền"
    assert at.query_params["slide"] == "2"


def test_a_screen_number_out_of_range_opens_a_real_screen(monkeypatch, demo_db_path):
    assert open_screen(monkeypatch, demo_db_path, slide="99").header[0].value == "Đơn vị cần quan tâm"
    assert open_screen(monkeypatch, demo_db_path, slide="abc").header[0].value == "Tóm tắt kết quả"


def test_an_empty_plan_still_presents(monkeypatch, db):
    at = run_page(monkeypatch, db.path, PAGE, plan=PLAN, period="2023Q1", slide="2")
    assert not at.exception
    assert "Chưa có đơn vị nào có số liệu cho chỉ tiêu này." in all_text(at)


def test_presenter_mode_shows_the_screen_and_leaves_on_request(monkeypatch, demo_db_path):
    at = open_screen(monkeypatch, demo_db_path, slide="4")
    at.button(key="enter").click().run()
    assert at.query_params["toan-man-hinh"] == "1"
    assert not at.exception
    assert at.subheader[0].value == "Tỷ lệ cơ sở được kiểm tra"
    assert at.header[0].value == "27,7%"
    assert "Màn hình 4/9 · Tính đến ngày" in all_text(at)
    at.button(key="next").click().run()  # the hidden button the → key presses
    assert at.query_params["slide"] == "5"
    at.button(key="exit").click().run()
    assert "toan-man-hinh" not in at.query_params
