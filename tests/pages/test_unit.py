"""The Đơn vị page, run headless with Streamlit's AppTest on the demo year and on an empty database."""

from core.bootstrap import open_database
from tests.support.apptest import all_text, run_page

DEMO = "lang-son-2023"
PAGE = "pages/unit.py"


def test_unit_page_shows_indicators_communes_and_history(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q2", unit="183")
    assert not at.exception
    assert at.selectbox(key="unit").value == "183"
    text = all_text(at)
    assert "Huyện Cao Lộc" in text and "Đã nhận báo cáo quý II năm 2023." in text

    indicators = at.table[0].value
    inspected = indicators[indicators["Chỉ số"] == "Tỷ lệ cơ sở được kiểm tra"].iloc[0].tolist()
    assert inspected == [
        "Tỷ lệ cơ sở được kiểm tra",
        "16,0%",
        "Tối thiểu 30%",
        "↗ Đúng tiến độ",  # 15% due by June
        "dựa trên báo cáo 6 tháng đầu năm 2023",
    ]
    assert "#0072b2" in at.table[0].proto.arrow_data.styler.styles.lower()

    assert "Theo trang chi tiết xã (ChiTietXa) của báo cáo 6 tháng đầu năm 2023" in text
    assert "10/22 xã chưa tổ chức hình thức tuyên truyền nào." in text
    assert "Còn 63 cơ sở chưa được kiểm tra, ở 18/22 xã." in text
    not_reached, uninspected, history = (frame.value for frame in at.dataframe)
    assert len(not_reached) == 10 and "Xã Cao Lâu" in not_reached["Tên xã"].tolist()
    assert uninspected.iloc[-1].tolist() == ["", "Tổng cộng", "65", "2", "63"]
    q2 = history[history["Kỳ báo cáo"] == "Quý II năm 2023"]
    assert q2["Tình trạng"].tolist() == ["Đã được thay thế", "Hiện hành"]
    assert q2["Số cảnh báo"].tolist() == ["2", "0"]
    assert set(history["Đúng hạn/Trễ hạn"]) == {"Đúng hạn"}


def test_a_unit_says_where_it_stands_in_the_2025_reform(monkeypatch, demo_db_path):
    commune = all_text(run_page(monkeypatch, demo_db_path, PAGE, plan="lang-son-2026", period="2026Q2", unit="06193"))
    assert "Hình thành ngày 1/7/2025 từ: Xã Thanh Lòa, Xã Thạch Đạn, Xã Lộc Yên (Huyện Cao Lộc cũ)." in commune
    assert "Các xã, phường, đặc khu" in commune and "thị trấn" not in commune
    district = all_text(run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q2", unit="183"))
    assert "Từ 1/7/2025, địa bàn đơn vị thuộc 8 xã, phường: Phường Đông Kinh, Xã Đồng Đăng," in district
    assert "Các xã, phường, thị trấn" in district


def test_missing_report_is_said(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q4", unit="189")
    assert not at.exception
    text = all_text(at)
    assert "Chưa nhận báo cáo quý IV năm 2023." in text
    assert "Chưa nhận: Quý IV năm 2023 (hạn 15/12/2023), Năm 2023 (hạn 25/12/2023)." in text
    history = at.dataframe[-1].value
    assert "Quý IV năm 2023" not in history["Kỳ báo cáo"].tolist()
    assert "báo cáo quý III năm 2023" in text  # the commune detail it last sent


def test_province_asks_for_a_unit(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q4", unit="20")
    assert not at.exception
    text = all_text(at)
    assert "Toàn tỉnh (Lạng Sơn)" in text and "Chọn một đơn vị báo cáo ở ô «Đơn vị»" in text
    assert at.table[0].value.iloc[2, 1] == "27,7%"  # CO_SO_KIEM_TRA for the province
    assert len(at.dataframe) == 0


def test_empty_database_is_honest(monkeypatch, tmp_path):
    path = tmp_path / "kpi.duckdb"
    open_database(path).close()
    at = run_page(monkeypatch, path, PAGE, plan=DEMO, period="2023Q2", unit="183")
    assert not at.exception
    text = all_text(at)
    assert "Chưa có báo cáo nào của Huyện Cao Lộc tính đến hết Quý II năm 2023." in text
    assert "Đơn vị chưa gửi trang chi tiết xã (ChiTietXa)" in text
    assert "Chưa nhận báo cáo nào của đơn vị trong năm 2023." in text
    assert len(at.table) == 0 and len(at.dataframe) == 0
