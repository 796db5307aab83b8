"""Every Vietnamese string the user sees, in one place so the wording is reviewed together."""

APP_TITLE = "Theo dõi chỉ tiêu phòng, chống mại dâm"
APP_SUBTITLE = "Ban Chỉ đạo 138 — tiến độ thực hiện kế hoạch theo kỳ và theo đơn vị"

STATUS_LABELS = {
    "met": "Đạt",
    "not_yet": "Chưa đạt",
    "behind": "Chậm tiến độ",
    "no_target": "Không có chỉ tiêu",
    "no_data": "Chưa có số liệu",
}

TARGET_KIND_LABELS = {
    "min_percent": "Tối thiểu {value}",
    "all": "100%",
    "min_count": "Tối thiểu {value}",
    "range": "Từ {min} đến {max}",
    "per_month": "Tối thiểu {value} mỗi tháng",
    "monitor": "Theo dõi, không đánh giá",
}

PERIOD_TYPE_LABELS = {"quarter": "Báo cáo quý", "half_year": "Báo cáo 6 tháng", "year": "Báo cáo năm"}
LEVEL_LABELS = {"province": "tỉnh", "district": "huyện", "commune": "xã"}

DEADLINE_RULE = "Trước ngày {day} {month}"
DEADLINE_MONTH_LAST = "tháng cuối kỳ"
DEADLINE_MONTH_AFTER = "tháng thứ {n} sau kỳ"
DEADLINE_DEFAULT = "Kế hoạch không nêu ngày; áp dụng mặc định."

# Plan file validation
PLAN_ERRORS_HEADER = "Tệp kế hoạch {file} có {count} lỗi:"
PLAN_MISSING_FIELD = "thiếu trường «{field}»"
PLAN_WRONG_TYPE = "trường «{field}» phải là {expected}, nhưng đang là «{found}»"
PLAN_BAD_CHOICE = "trường «{field}» phải là một trong {choices}, nhưng đang là «{found}»"
PLAN_BAD_INDICATOR = "chỉ tiêu «{target}»: mã chỉ số «{found}» không có trong danh mục"
PLAN_DUPLICATE_TARGET = "mã chỉ tiêu «{target}» xuất hiện nhiều lần"
PLAN_DUPLICATE_INDICATOR = "chỉ số «{found}» được gắn cho nhiều chỉ tiêu"
PLAN_BAD_RANGE = "chỉ tiêu «{target}»: «min» ({min}) phải nhỏ hơn hoặc bằng «max» ({max})"
PLAN_NEEDS_VALUE = "chỉ tiêu «{target}» loại «{kind}» cần trường «{field}» là số dương"
PLAN_BAD_ID = "mã kế hoạch «{found}» không khớp tên tệp «{file}»"
PLAN_NO_SOURCE = "hạn báo cáo «{period_type}» cần «source» (câu trích từ kế hoạch) hoặc «default: true»"
PLAN_BAD_DAY = "hạn báo cáo «{period_type}»: ngày phải từ 1 đến 31, nhưng đang là «{found}»"
PLAN_UNKNOWN_UNITS = "đơn vị không có trong danh mục {structure}: {codes}"
PLAN_NO_UNITS = "kế hoạch không có đơn vị báo cáo nào"

# Engine
PERIOD_NOT_IN_PLAN = "Kỳ {period} không thuộc năm {year} của kế hoạch {plan}."
UNKNOWN_PLAN = "Không có kế hoạch «{plan}». Các kế hoạch hiện có: {known}."
UNKNOWN_UNIT = "Đơn vị «{unit}» không thuộc phạm vi kế hoạch {plan}."
UNITS_REPORTED = "{current}/{expected} đơn vị đã báo cáo {period}"
NOT_ON_FORM = "Chưa đo được trên Biểu 01"

# Home page
HOME_PLANS = "Các kế hoạch"
HOME_PLAN_SELECT = "Kế hoạch"
HOME_TARGETS = "Chỉ tiêu của kế hoạch"
HOME_TARGET_SOURCE = "Trích kế hoạch"
HOME_INDICATOR = "Chỉ số theo dõi"
HOME_CALENDAR = "Lịch báo cáo"
HOME_DATA = "Tình hình số liệu"
HOME_NO_PLANS = "Chưa có kế hoạch nào trong cơ sở dữ liệu. Thêm tệp kế hoạch vào thư mục data/plans rồi khởi động lại."
HOME_NO_DATA = (
    "Chưa có báo cáo nào được nạp cho kế hoạch này (năm {year}). Các chỉ số sẽ hiện khi các đơn vị nộp Biểu 01/PCMD."
)
HOME_DOCUMENT = "Văn bản: {document} — {issued_by}, {issued_on}"
HOME_UNITS = "{count} đơn vị báo cáo"
HOME_LAST_RECEIVED = "nhận gần nhất {at}"
