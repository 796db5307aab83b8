"""Made-up content of the demo database and the benchmarks (people, a plan, what clerks type): data, not wording."""

from __future__ import annotations

# The demo accounts' full names (core/demo_accounts.py), by username.
DEMO_FULL_NAMES = {
    "quantri": "Quản trị hệ thống (mẫu)",
    "thuky": "Thư ký Ban Chỉ đạo (mẫu)",
    "canbo.caoloc": "Cán bộ Cao Lộc (mẫu)",  # a district office until 2025, the commune since
    "thanhvien": "Thành viên Ban Chỉ đạo (mẫu)",
}
DEMO_PROVINCE = "Lạng Sơn"  # the province of the demo plan (etl.demo.DEMO_PLAN), always in the benchmarks' scope

# What the demo's clerks type into their forms (etl/demo.py; the benchmarks' forms reuse the author).
FORM_AUTHOR = "Nguyễn Văn An"
FORM_AUTHOR_OLD_TONE = "Nguyễn Thị Hoà"  # the old-style tone mark, in the form saved as decomposed text
RENAMED_SHEET = "Báo cáo {period}"  # the summary sheet renamed, {period} its short label
TITLE_ROWS = ("ỦY BAN NHÂN DÂN {unit}", "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")  # rows typed above the form
PLAN_COLUMN = ("Kế hoạch", "Kết quả thực hiện")  # a column added before the result, and the result's new heading
NOTES_SHEET = "Ghi chú"  # a sheet put first
NOTES_TEXT = "Số liệu đã được lãnh đạo phòng duyệt."
NEW_STYLE_TONE, OLD_STYLE_TONE = "hóa", "hoá"  # 'chuyển hóa' typed 'chuyển hoá'

# The benchmarks' national plan (bench/plans.py).
NATIONAL_PLAN_PROVINCE = "Toàn quốc"  # its province_name, the name of its whole-plan row
NATIONAL_PLAN_TITLE = "Kế hoạch phòng, chống mại dâm toàn quốc năm {year} (số liệu đo hiệu năng)"
NATIONAL_PLAN_ISSUER = "Số liệu đo hiệu năng (bench/)"
# The agency every bench form goes to, before and after the programme moved to the health sector (2025).
NATIONAL_PLAN_OWNERS = ("Bộ Lao động – Thương binh và Xã hội", "Bộ Y tế")

# The demo's contacts (issue 20, item 3): every demo unit's clerk but one in nine has an e-mail address (the others
# a telephone only: page Thư điện tử lists them as unreachable), all at a reserved domain no message can reach.
DEMO_MAIL_DOMAIN = "langson.example"
DEMO_CONTACT_NAMES = (
    "Hoàng Thị Lan",
    "Vi Văn Hùng",
    "Lăng Thị Mai",
    "Nông Văn Đức",
    "Lương Thị Thu",
    "Chu Văn Tuấn",
    "Hà Thị Hạnh",
    "Triệu Văn Bình",
)
DEMO_CONTACT_ROLE = "Cán bộ phụ trách báo cáo"
DEMO_DIGEST_LIST = (  # the committee members who receive the digest after each deadline
    ("Nguyễn Văn Thắng", "truongban"),
    ("Đinh Thị Hương", "photruongban"),
    ("Văn phòng thường trực", "thuongtruc"),
)

# The demo's one decision of the committee (issue 21, item 3): taken at the 2023 mid-year meeting, closed in October.
DEMO_DECISION = (
    "Giao Công an tỉnh chủ trì, phối hợp Sở Văn hóa, Thể thao và Du lịch kiểm tra các cơ sở kinh doanh dịch vụ "
    "chưa được kiểm tra tại Văn Quan và Hữu Lũng trước ngày 30/9/2023."
)
DEMO_DECISION_RESPONSIBLE = "Công an tỉnh"
DEMO_DECISION_CLOSED = "Đã kiểm tra 14 cơ sở, xử lý 2 cơ sở vi phạm; Văn Quan và Hữu Lũng đạt mức cần có của quý III."
