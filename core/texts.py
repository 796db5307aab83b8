"""The wording catalogue: every Vietnamese string the user sees (pages, report form, file messages, meeting
material, command line), in one place so it is reviewed together; tests/conventions/test_wording.py keeps it
the only place."""

APP_TITLE = "Theo dõi chỉ tiêu phòng, chống mại dâm"
APP_SUBTITLE = "Ban Chỉ đạo 138 — tiến độ thực hiện kế hoạch theo kỳ và theo đơn vị"

STATUS_LABELS = {  # core/status.py says what each means
    "met": "Đạt",
    "on_track": "Đúng tiến độ",
    "behind": "Chậm tiến độ",
    "missed": "Không đạt",
    "no_data": "Chưa có số liệu",
    "monitor": "Chỉ theo dõi",
}

# A target's text (screens/targets.py): {value} is a share ('30%') or a count, as the kind says.
TARGET_KIND_LABELS = {  # on its own: 'Chỉ tiêu: Tối thiểu 30%'
    "min_percent": "Tối thiểu {value}",
    "all": "100%",
    "min_count": "Tối thiểu {value}",
    "range": "Từ {min} đến {max}",
    "per_month": "Tối thiểu {value} mỗi tháng",
    "monitor": "Theo dõi, không đánh giá",
}
TARGET_KIND_IN_SENTENCE = {  # inside a sentence: '..., chưa đạt chỉ tiêu 30%'
    "min_percent": "{value}",
    "all": "{value}",
    "min_count": "{value}",
    "range": "từ {min} đến {max}",
    "per_month": "{value} mỗi tháng",
    "monitor": "{value}",
}

PERIOD_TYPE_LABELS = {"quarter": "Báo cáo quý", "half_year": "Báo cáo 6 tháng", "year": "Báo cáo năm"}

DEADLINE_RULE = "Trước ngày {day} {month}"
DEADLINE_MONTH_LAST = "tháng cuối kỳ"
DEADLINE_MONTH_AFTER = "tháng thứ {n} sau kỳ"
DEADLINE_DEFAULT = "Kế hoạch không nêu ngày; áp dụng mặc định."

# --- reporting periods (core/periods.py) ---
PERIOD_LABEL_QUARTER = "Quý {roman} năm {year}"  # as written on the form: 'Quý II năm 2023'
PERIOD_LABEL_HALF_YEAR = "6 tháng {half} năm {year}"
PERIOD_HALVES = {1: "đầu", 2: "cuối"}  # {half} above
PERIOD_LABEL_YEAR = "Năm {year}"
PERIOD_SHORT_QUARTER = "Quý {roman}"
PERIOD_SHORT_HALF_YEARS = {1: "6 tháng đầu năm", 2: "6 tháng cuối năm"}
PERIOD_SHORT_YEAR = "Cả năm"
PERIOD_BAD_CODE = "Mã kỳ báo cáo «{code}» không hợp lệ (ví dụ đúng: 2023Q2, 2023S1, 2023)."

# --- official unit lists (core/units.py) ---
UNIT_STRUCTURE_LABELS = {
    "pre2025": "Trước 01/7/2025 (63 tỉnh, 696 huyện)",
    "post2025": "Từ 01/7/2025 (34 tỉnh, không còn cấp huyện)",
}

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
PLAN_BAD_YAML = "không đọc được YAML: {error}"
PLAN_WHOLE_FILE = "(tệp)"  # the field named when the whole file is not a mapping
# What a field should be ({expected} of PLAN_WRONG_TYPE), by the Python type the YAML value must have.
PLAN_TYPE_NAMES = {str: "chữ", int: "số nguyên", list: "danh sách", dict: "nhóm trường", bool: "true/false"}
PLAN_TYPE_NUMBER = "số"  # any number, integer or not

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

# Shared selectors and charts
SELECT_PLAN = "Kế hoạch"
SELECT_PERIOD = "Kỳ báo cáo"
SELECT_UNIT = "Đơn vị"
CHOOSE_UNITS = "Chọn đơn vị"  # an empty multiselect's placeholder (Streamlit's own is English)
WHOLE_PROVINCE = "Toàn tỉnh ({name})"
NO_PLANS = "Chưa có kế hoạch nào. Thêm tệp kế hoạch vào thư mục data/plans rồi khởi động lại."
BASED_ON = "dựa trên {contributing}/{expected} đơn vị"
# Status colours: Okabe–Ito hues, told apart by colour-blind people and on a projector (the two bad statuses
# differ in lightness as well as hue, and never share a period: "behind" is before the year's end, "missed" at
# it); the status word and its icon are always shown beside the colour.
STATUS_COLOURS = {
    "met": "#009E73",
    "on_track": "#0072B2",
    "behind": "#E69F00",
    "missed": "#B2182B",
    "no_data": "#A0A0A0",
    "monitor": "#E4E4E4",
}
STATUS_ICONS = {"met": "✔", "on_track": "↗", "behind": "↘", "missed": "✖", "no_data": "?", "monitor": "•"}
DUE_NOW = "cần {due} vào thời điểm này"

# --- page Tổng quan / Chỉ tiêu ---
OVERVIEW_TITLE = "Tổng quan"
OVERVIEW_CAPTION = "Các chỉ tiêu của kế hoạch đo được trên Biểu 01/PCMD — {period}"
OVERVIEW_ATTENTION = "Chỉ tiêu cần chú ý"
OVERVIEW_ALL_ON_TRACK = "Trong kỳ này không có chỉ tiêu nào chậm tiến độ hay không đạt."
OVERVIEW_NO_TARGETS = (
    "Kế hoạch này không có chỉ tiêu nào đo được trên Biểu 01/PCMD, nên chưa có gì để tổng hợp. "
    "Các chỉ tiêu của kế hoạch được liệt kê ở Trang chủ."
)
NO_DATA_FOR_PERIOD = (
    "Chưa có báo cáo nào của các đơn vị tính đến hết {period}. Số liệu sẽ hiện khi các đơn vị nộp Biểu 01/PCMD."
)
CARD_TARGET = "Chỉ tiêu: {target}"
CARD_TREND_TITLE = "Diễn biến qua các kỳ"
TREND_NO_DATA = "Chưa có số liệu để vẽ diễn biến."
PROGRESS = "Đạt {percent} mức chỉ tiêu"
CARRIED_FORWARD = "Dùng số liệu báo cáo kỳ trước của: {names}"
# Sentences on the targets that lag, built from the figures
TARGET_SENTENCES = {  # by status (core/status.py); {goal} as TARGET_KIND_IN_SENTENCE words it
    "met": "{name} đạt {value}, đã đạt chỉ tiêu {goal}",
    "on_track": "{name} đạt {value}, đúng tiến độ (cần đạt {due} vào thời điểm này)",
    "behind": "{name} đạt {value}, chậm tiến độ (cần đạt {due} vào thời điểm này)",
    "missed": "{name} đạt {value}, không đạt chỉ tiêu {goal}",
}
LAGGARD = "{name} ({value})"
LAGGARDS_MORE = " và {count} đơn vị khác"
LAGGARDS_TITLE = "Xa mức cần đạt nhất: {names}"
UNITS_BELOW = "; {below}/{total} {noun} dưới mức"
UNITS_WITHOUT_DATA = ", {count} {noun} chưa có số liệu"
UNIT_NOUN = "đơn vị"

INDICATOR_TITLE = "Chỉ tiêu"
SELECT_INDICATOR = "Chỉ số"
SELECT_COMPARE_UNITS = "Đơn vị so sánh trên biểu đồ diễn biến"
SELECT_COMPARE_PLACEHOLDER = "Chọn đơn vị để so sánh với toàn tỉnh"
INDICATOR_PROVINCE_METRIC = "{name} — toàn tỉnh"
INDICATOR_BY_UNIT_TITLE = "{name} theo đơn vị — {period}"
INDICATOR_TREND_TITLE = "{name} qua các kỳ năm {year}"
INDICATOR_NO_TARGET = "Kế hoạch không đặt chỉ tiêu cho chỉ số này: chỉ theo dõi số liệu."
INDICATOR_PROVINCE_ONLY_GOAL = "Chỉ tiêu {goal} tính cho toàn tỉnh, không chia cho từng đơn vị."
INDICATOR_NO_DATA = (
    "Chưa có số liệu của chỉ số «{name}» tính đến hết {period}. Biểu đồ sẽ hiện khi các đơn vị nộp Biểu 01/PCMD."
)
INDICATOR_UNITS_NO_DATA = "Chưa có số liệu: {names}"
INDICATOR_BARS_LEFT_OUT = (
    "Biểu đồ ghi {best} đơn vị cao nhất và {worst} đơn vị thấp nhất; {count} đơn vị khác ở giữa có trong bảng dưới."
)
INDICATOR_SOURCE = "Câu trong kế hoạch"
INDICATOR_TABLE = "Bảng số liệu theo đơn vị"
TARGET_LINE = "Chỉ tiêu {goal}"
# A province's series across the 2025 reform (core/continuity.py, Chỉ tiêu page).
UNIT_REFORM_FROM = "Hình thành ngày 1/7/2025 từ: {names}."
UNIT_REFORM_DISTRICT = "{names} ({district} cũ)"
UNIT_REFORM_PART = "một phần {name}"
UNIT_REFORM_TO = "Từ 1/7/2025, địa bàn đơn vị thuộc {count} xã, phường: {names}."
PERIOD_WINDOW_LABEL = "{label} (số liệu {start}–{end})"
PERIOD_BASIS_NAMES = {
    "calendar": "theo quý, 6 tháng và năm dương lịch",
    "decree_09": "theo kỳ chốt số liệu của Nghị định 09/2019/NĐ-CP: quý từ ngày 15 tháng trước quý đến ngày 14 "
    "tháng cuối quý; 6 tháng từ 15/12 năm trước đến 14/6; năm từ 15/12 năm trước đến 14/12",
}
PLAN_PERIOD_BASIS = "Kỳ báo cáo: {basis}."
REVIEW_STATES = {"submitted": "Đã nộp, chờ duyệt", "approved": "Đã duyệt", "returned": "Trả lại"}
REVIEW_TITLE = "Duyệt báo cáo"
REVIEW_CAPTION = (
    "Duyệt: báo cáo được chấp nhận và khoá, đơn vị không nộp bản thay thế được nữa (trừ khi mở lại). "
    "Trả lại: đơn vị đọc lý do trên trang của mình và trong biểu mẫu tải về để sửa, rồi nộp lại."
)
REVIEW_COUNTS = "{sent} báo cáo đã nộp: {waiting} chờ duyệt, {approved} đã duyệt, {returned} trả lại."
REVIEW_MISSING = " {count} đơn vị chưa nộp."
REVIEW_COLUMNS = (
    "Đơn vị",
    "Tình trạng",
    "Số lần nộp",
    "Nhận lúc",
    "Cảnh báo",
    "Số liệu chờ xác minh",
    "Quyết định lúc",
)
REVIEW_WAITING_ONLY = "Chỉ báo cáo chờ duyệt"
REVIEW_NOTHING = "Chưa có báo cáo nào của kỳ này."
REVIEW_UNIT = "Báo cáo cần xem"
REVIEW_DECIDED = "{state} lúc {at} ({actor})"
REVIEW_REASON = ": {reason}"
REVIEW_NOTES = ". Ghi chú: {notes}"
REVIEW_CELL_NOTE = "{code}: {note}"
REVIEW_SENT = "Bản #{submission_id} (lần nộp thứ {versions}), nhận lúc {received} từ {sender}."
REVIEW_SENT_WARNINGS = " {warnings} cảnh báo; {held} số liệu chờ xác minh."
REVIEW_PREVIOUS_VERSION = "Bản trước (#{submission_id})"
REVIEW_THIS_VERSION = "Bản này (#{submission_id})"
REVIEW_APPROVE = "Duyệt báo cáo này"
REVIEW_APPROVED = "Đã duyệt và khoá báo cáo của {unit}."
REVIEW_RETURN_TITLE = "Trả lại cho đơn vị"
REVIEW_RETURN_REASON = "Lý do trả lại (đơn vị sẽ đọc)"
REVIEW_RETURN_CELLS = "Chỉ tiêu cần sửa (nếu có)"
REVIEW_CHOOSE_CELLS = "Chọn chỉ tiêu"
REVIEW_RETURN_NOTE = "Ghi chú cho các chỉ tiêu đã chọn"
REVIEW_RETURN = "Trả lại"
REVIEW_RETURNED = "Đã trả lại báo cáo của {unit}."
REVIEW_REOPEN_TITLE = "Mở lại báo cáo đã duyệt"
REVIEW_REOPEN_REASON = "Lý do mở lại (ghi vào nhật ký)"
REVIEW_REOPEN = "Mở lại"
REVIEW_REOPENED = "Đã mở lại báo cáo của {unit}: đơn vị có thể nộp bản thay thế."
RETURNED_FORM_REASON = "Văn phòng thường trực trả lại báo cáo: {reason}"
RETURNED_FORM_NOTE = "Cần sửa: {note}"
PLAN_BAD_OPEN_DAYS = (
    "entry_open_days: {found} không hợp lệ; cần một số ngày từ 0 đến {most}, hoặc bỏ trống (không khoá sổ)."
)
PLAN_ADMIN_OPEN_DAYS = "Số ngày cho nộp sau hạn (để trống: không khoá sổ)"
PLAN_ADMIN_SAVE_OPEN_DAYS = "Lưu thời hạn khoá sổ"
PLAN_ADMIN_OPEN_DAYS_SAVED = "Đã lưu: {what}."
PLAN_ADMIN_OPEN_DAYS_WHAT = "đơn vị nộp được đến {days} ngày sau hạn"
ENTRY_CLOSED = (
    "Đã khoá sổ {period}: hạn nộp {deadline}, kế hoạch cho nộp thêm {days} ngày, đến hết {closed}. "
    "Tệp không được ghi nhận."
)
ENTRY_CLOSED_EXPECTED = "Đề nghị Văn phòng thường trực mở cho đơn vị nộp báo cáo kỳ này, rồi nộp lại tệp."
ENTRY_WINDOW_PAST = "Ngày mở đến ({day}) đã qua: chọn một ngày từ hôm nay trở đi."
ENTRY_WINDOW_TITLE = "Mở cho đơn vị nộp sau khi khoá sổ"
ENTRY_WINDOW_NOTE = "Kế hoạch cho nộp đến {days} ngày sau hạn; sau đó chỉ đơn vị được mở ở đây mới nộp được."
ENTRY_WINDOW_PERIOD = " {period}: hạn nộp {deadline}, khoá sổ sau ngày {closed}."
ENTRY_WINDOW_NEVER = "Kế hoạch không khoá sổ: đơn vị nộp được bất cứ lúc nào."
ENTRY_WINDOW_UNIT = "Đơn vị"
ENTRY_WINDOW_UNTIL = "Mở đến hết ngày"
ENTRY_WINDOW_REASON = "Lý do (ghi vào nhật ký)"
ENTRY_WINDOW_OPEN = "Mở cho đơn vị nộp"
ENTRY_WINDOW_OPENED = "Đã mở cho {unit} nộp báo cáo {period} đến hết ngày {until}."
TODO_REVIEW_TITLE = "Báo cáo chờ duyệt"
TODO_REVIEW_COUNT = "{count} báo cáo chờ duyệt: {periods}."
TODO_REVIEW_PERIOD = "{period} ({count})"
TODO_REVIEW_NONE = "Không có báo cáo nào chờ duyệt."
TODO_REVIEW_LINK = "Mở trang Duyệt báo cáo"
QUESTION_EMPTY = "Hãy viết nội dung."
QUESTION_TOO_LONG = "Nội dung dài quá {most} ký tự: hãy viết ngắn lại."
QUESTION_ANSWERED = "Câu hỏi này đã được trả lời."
QUESTIONS_TITLE = "Hỏi đáp về số liệu"
QUESTIONS_NONE = "Chưa có câu hỏi nào về số liệu của đơn vị trong kỳ này."
QUESTION_ASK_TITLE = "Hỏi đơn vị về một số liệu"
QUESTION_FIGURE = "Số liệu"
QUESTION_TEXT = "Câu hỏi (đơn vị sẽ đọc và trả lời)"
QUESTION_ASK = "Gửi câu hỏi"
QUESTION_ASKED = "Đã gửi câu hỏi cho {unit}."
QUESTION_LINE = "{figure} = {value} — hỏi lúc {asked_at} ({asked_by}): {question}"
QUESTION_ANSWER_LINE = "Trả lời lúc {answered_at} ({answered_by}): {answer}"
QUESTION_WAITING = "Chưa trả lời."
QUESTION_ANSWER = "Trả lời"
QUESTION_ANSWER_TEXT = "Câu trả lời"
QUESTION_ANSWERED_OK = "Đã gửi câu trả lời."
QUESTIONS_OPEN_TITLE = "Câu hỏi về số liệu chờ đơn vị trả lời"
QUESTIONS_OPEN_COUNT = "{count} câu hỏi chưa được trả lời."
QUESTIONS_OPEN_NONE = "Không có câu hỏi nào đang chờ trả lời."
QUESTIONS_COLUMNS = ("Đơn vị", "Kỳ báo cáo", "Số liệu", "Câu hỏi", "Hỏi lúc", "Người hỏi")
UNIT_QUESTIONS_TITLE = "Câu hỏi của Văn phòng thường trực, Ban Chỉ đạo"
UNIT_REPORTS_RETURNED_NEXT = "Báo cáo {period} bị trả lại: sửa theo ghi chú bên dưới rồi nộp lại."
REVIEW_HELD_FIRST = (
    "Báo cáo còn {count} số liệu chờ xác minh: xác nhận số liệu, hoặc trả lại báo cáo cho đơn vị sửa, trước khi duyệt."
)
CONTACTS_TITLE = "Liên hệ của đơn vị"
CONTACTS_NONE = "Chưa có người liên hệ nào của đơn vị."
CONTACT_LINE = "{name} ({role}): {reach}"
CONTACT_ADD_TITLE = "Thêm người liên hệ"
CONTACT_NAME = "Họ và tên"
CONTACT_ROLE = "Chức vụ, nhiệm vụ"
CONTACT_EMAIL = "Thư điện tử"
CONTACT_PHONE = "Điện thoại"
CONTACT_ADD = "Thêm"
CONTACT_ADDED = "Đã thêm một người liên hệ của {unit}."
CONTACT_REMOVE = "Xoá"
CONTACT_REMOVED = "Đã xoá một người liên hệ."
CONTACT_MISSING = "Cần ghi «{field}»."
CONTACT_TOO_LONG = "«{field}» dài quá {most} ký tự."
CONTACT_NO_WAY = "Cần ghi thư điện tử hoặc số điện thoại (hoặc cả hai) để liên hệ được."
CONTACT_BAD_EMAIL = "«{found}» không phải địa chỉ thư điện tử (cần dạng ten@coquan.gov.vn)."
CONTACT_BAD_PHONE = "«{found}» không phải số điện thoại (cần dạng 0205 3812 345 hoặc +84 912 345 678)."
REVIEW_CHANGED = "Đơn vị vừa nộp bản khác của báo cáo này: hãy xem bản mới trước khi quyết định."
REVIEW_NOT_NOW = {
    "approved": "Báo cáo đang ở trạng thái «{state}»: không duyệt được.",
    "returned": "Báo cáo đang ở trạng thái «{state}»: chỉ trả lại được báo cáo đang chờ duyệt.",
    "reopened": "Báo cáo đang ở trạng thái «{state}»: chỉ mở lại được báo cáo đã duyệt.",
}
REVIEW_REASON_NEEDED = "Hãy ghi lý do: đơn vị sẽ đọc lý do này, và nhật ký lưu lại."
REVIEW_LOCKED = (
    "Báo cáo {period} của đơn vị đã được duyệt lúc {approved} ({actor}) và đã khoá: không nộp bản thay thế được."
)
REVIEW_LOCKED_EXPECTED = "Nếu cần sửa, đề nghị Văn phòng thường trực mở lại báo cáo, rồi nộp lại tệp này."
BACKFILL_FUTURE = "Ngày nhận {day} chưa đến (hôm nay là {today}): chọn ngày đã nhận tệp, không phải một ngày sau."
SUBMIT_RECEIVED_ON = "Ngày nhận tệp"
SUBMIT_RECEIVED_ON_HELP = (
    "Với tệp đã nhận trước đây (qua thư điện tử, công văn), chọn ngày nhận để tính đúng hạn hay trễ hạn. "
    "Nhật ký ghi cả ngày nhận và lúc nhập."
)
SUBMIT_BACKFILLED = "Các tệp sẽ được ghi nhận là nhận ngày {day}."
CLI_HELP_RECEIVED_AT = "ngày (giờ) đã nhận các tệp, nếu nhận trước đây: 2023-06-20 hoặc '2023-06-20 14:30'"
CLI_RECEIVED_AT_BAD = "--received-at: «{found}» không phải ngày dạng 2023-06-20 hay '2023-06-20 14:30'."
PERIOD_BASIS_CHOICES = {
    "calendar": "Quý, 6 tháng, năm dương lịch",
    "decree_09": "Kỳ chốt số liệu theo Nghị định 09/2019/NĐ-CP (ngày 15 tháng trước đến ngày 14)",
}
PLAN_ADMIN_BASIS = "Cách tính kỳ báo cáo"
PLAN_ADMIN_SAVE_BASIS = "Lưu cách tính kỳ"
PLAN_ADMIN_BASIS_SAVED = "Đã lưu cách tính kỳ báo cáo: {basis}."
SERIES_REFORM_YEAR_POINT = "{period} ({units})"
SERIES_UNITS_WORD = {"pre2025": "các huyện", "post2025": "các xã"}
SERIES_TITLE = "{name}: {province} qua các năm"
SERIES_REFORM_LINE = "Sắp xếp đơn vị hành chính 1/7/2025"
SERIES_LEGEND = {False: "Trước sắp xếp (các huyện báo cáo)", True: "Sau sắp xếp (các xã báo cáo)"}
SERIES_SECTION = "Qua các năm, trước và sau sắp xếp đơn vị hành chính"
SERIES_CAPTION = "Mỗi điểm là số liệu cả năm, cộng tử số và mẫu số của các đơn vị báo cáo thời kỳ đó."
SERIES_CAPTION_SO_FAR = " Năm {year}: đến hết {period}."
SERIES_CAPTION_BEFORE = " Trước 1/7/2025: các huyện của {predecessors}."
SERIES_CAPTION_AFTER = " Từ 1/7/2025: các xã, phường, đặc khu của tỉnh, báo cáo từ quý III/2025."
SERIES_HOVER = "{label}: {value} — {units} đơn vị có số liệu/{expected}; {reports} báo cáo"
DUE_LINE = "Cần đạt đến kỳ này {due}"
NOTE_CARRIED = "Số liệu từ báo cáo kỳ trước"
NOTE_HELD = "chưa tính {count} số liệu chờ xác minh"
COLUMN_UNIT = "Đơn vị"
COLUMN_ON_TIME_REPORTS = "Báo cáo đúng hạn"  # the timeliness indicator's two figures
COLUMN_DUE_REPORTS = "Báo cáo phải nộp"
COLUMN_VALUE = "Giá trị"
COLUMN_STATUS = "Trạng thái"
COLUMN_NOTE = "Ghi chú"
XLSX_SHEET = "Số liệu"
DOWNLOAD_CSV = "Tải bảng (CSV)"
DOWNLOAD_XLSX = "Tải bảng (Excel)"

# --- page Tình hình báo cáo / Chất lượng số liệu ---
REPORTING_TITLE = "Tình hình báo cáo"
REPORTING_CAPTION = (
    "Báo cáo của các đơn vị năm {year} theo lịch báo cáo của kế hoạch, tính đến hết ngày {today}. "
    "Đúng hạn hay trễ hạn tính theo lần nộp đầu tiên; bản sửa nộp sau không làm thay đổi."
)
REPORTING_NO_CALENDAR = "Kế hoạch này không đặt lịch báo cáo nào, nên không có báo cáo nào phải nộp."
REPORTING_NO_SUBMISSIONS = (
    "Chưa có báo cáo nào được nạp cho kế hoạch này (năm {year}). "
    "Bảng dưới đây liệt kê các báo cáo phải nộp và hạn nộp của từng kỳ."
)
REPORT_STATE_ON_TIME = "Đúng hạn"
REPORT_STATE_LATE = "Trễ {days} ngày"
REPORT_STATE_MISSING = "Chưa nộp"
REPORT_STATE_NOT_DUE = "Chưa đến hạn"
REPORTING_GRID_TITLE = "Báo cáo theo đơn vị và kỳ"
REPORTING_CHASE_ONLY = "Chỉ đơn vị cần đôn đốc"
REPORTING_GRID_HEADER = "{period} · hạn {deadline}"
REPORTING_HEADER_DEFAULT_MARK = "*"  # short, so six columns fit a projector; explained under the grid
REPORTING_DEFAULT_MARK = " (mặc định)"
REPORTING_DEADLINES_NOTE = "Hạn nộp năm {year}, tính đến hết ngày ghi ở đầu cột."
REPORTING_DEFAULTS_NOTE = "(*) Hạn mặc định, vì kế hoạch không nêu hạn cho kỳ này: {periods}."
REPORTING_METRIC_COMPLETENESS = "Tỷ lệ đầy đủ"
REPORTING_METRIC_TIMELINESS = "Tỷ lệ đúng hạn"
REPORTING_METRIC_CHASE = "Đơn vị cần đôn đốc"
REPORTING_COMPLETENESS_DETAIL = "{received}/{due} báo cáo đến hạn đã nộp"
REPORTING_TIMELINESS_DETAIL = "{on_time}/{due} báo cáo đến hạn nộp đúng hạn"
REPORTING_CHASE_DETAIL = "{missing} báo cáo chưa nộp, {late} báo cáo nộp trễ"
REPORTING_NOTHING_DUE = "Chưa có báo cáo nào đến hạn"
REPORTING_RATES_TITLE = "Tỷ lệ theo kỳ"
REPORTING_RATES_TOTAL = "Tất cả các kỳ đã đến hạn"
REPORTING_RATES_COLUMNS = (
    "Kỳ báo cáo",
    "Hạn nộp",
    "Số báo cáo đến hạn",
    "Đã nộp",
    "Đúng hạn",
    "Tỷ lệ đầy đủ",
    "Tỷ lệ đúng hạn",
)
REPORTING_RATES_NOTE = (
    "Tỷ lệ đầy đủ = số báo cáo đã nộp / số báo cáo đến hạn; tỷ lệ đúng hạn = số báo cáo nộp đúng hạn / "
    "số báo cáo đến hạn. Kỳ chưa đến hạn không tính vào tỷ lệ."
)
REPORTING_CHASE_TITLE = "Đơn vị cần đôn đốc"
REPORTING_CHASE_NONE = "Không có đơn vị nào chưa nộp hay nộp trễ báo cáo đã đến hạn."
REPORTING_CHASE_COLUMNS = ("Đơn vị", "Kỳ báo cáo", "Tình trạng", "Hạn nộp", "Ngày nộp lần đầu", "Số ngày")
REPORTING_CHASE_CONTACT = "Liên hệ"
REPORTING_CHASE_MISSING = "Chưa nộp"
REPORTING_CHASE_LATE = "Nộp trễ"
REPORTING_CHASE_OVERDUE_DAYS = "Quá hạn {days} ngày"
REPORTING_CHASE_LATE_DAYS = "Trễ {days} ngày"
REPORTING_CHASE_UNIT = "{unit}: {items}"
REPORTING_CHASE_UNIT_MISSING = "chưa nộp {periods}"
REPORTING_CHASE_UNIT_LATE = "nộp trễ {periods}"
REPORTING_CHASE_PERIOD_DAYS = "{period} ({days} ngày)"
REPORTING_CHASE_MORE = "Và {count} đơn vị khác: xem bảng dưới đây (tìm hoặc sắp xếp theo cột)."

QUALITY_TITLE = "Chất lượng số liệu"
QUALITY_CAPTION = (
    "Các cảnh báo mà bước kiểm tra đưa ra khi nạp Biểu 01/PCMD của các đơn vị, năm {year}. "
    "Cảnh báo không làm báo cáo bị từ chối: bộ phận thường trực cần xem lại số liệu với đơn vị."
)
QUALITY_ALL_PERIODS = "Tất cả các kỳ"
QUALITY_INCLUDE_SUPERSEDED = "Gồm cả các bản đã được thay thế"
QUALITY_INCLUDE_SUPERSEDED_HELP = (
    "Bản đã được thay thế là bản nộp trước của cùng đơn vị, cùng kỳ; số liệu của nó không còn được dùng."
)
QUALITY_NO_SUBMISSIONS = "Chưa có báo cáo nào được nạp cho kế hoạch này (năm {year}), nên chưa có cảnh báo nào."
QUALITY_NO_WARNINGS = "Không có cảnh báo nào về số liệu trong các báo cáo đang chọn."
QUALITY_SUPERSEDED_HINT = "Đánh dấu «Gồm cả các bản đã được thay thế» để xem cả cảnh báo của các bản nộp trước."
QUALITY_SUMMARY = "{warnings} cảnh báo trong {reports} báo cáo của {units} đơn vị"
QUALITY_TABLE_TITLE = "Danh sách cảnh báo"
QUALITY_COLUMN_UNIT = "Đơn vị"
QUALITY_COLUMN_PERIOD = "Kỳ báo cáo"
QUALITY_COLUMN_VERSION = "Phiên bản"
QUALITY_COLUMN_SHEET = "Trang tính"
QUALITY_COLUMN_CELL = "Ô"
QUALITY_COLUMN_ELEMENT = "Mã chỉ tiêu"
QUALITY_COLUMN_MESSAGE = "Nội dung cảnh báo"
QUALITY_COLUMN_RECEIVED = "Thời điểm nhận"
QUALITY_COLUMN_FILE = "Tệp"
QUALITY_COLUMN_LINK = "Hồ sơ đơn vị"
QUALITY_LINK_TEXT = "Mở hồ sơ đơn vị"
QUALITY_VERSION_LABELS = {"current": "Hiện hành", "superseded": "Đã được thay thế"}
QUALITY_BY_UNIT_TITLE = "Số cảnh báo theo đơn vị"
QUALITY_BY_PERIOD_TITLE = "Số cảnh báo theo kỳ"
QUALITY_COLUMN_COUNT_WARNINGS = "Số cảnh báo"
QUALITY_COLUMN_COUNT_REPORTS = "Số báo cáo có cảnh báo"

# --- page Bảng điểm / Đơn vị ---
SCORECARD_TITLE = "Bảng điểm"
SCORECARD_CAPTION = "Từng đơn vị so với chỉ tiêu của kế hoạch, theo từng chỉ số — {period}"
SCORECARD_NO_TARGETS = (
    "Kế hoạch này không đặt chỉ tiêu nào đo được trên Biểu 01/PCMD: "
    "bảng chỉ hiện số liệu các chỉ số theo dõi, không đánh giá đạt hay chưa đạt."
)
SCORECARD_SORT = "Sắp xếp theo"
SCORECARD_SORT_DEFAULT = "Thứ tự đơn vị trong kế hoạch"
SCORECARD_ORDER = "Chiều sắp xếp"
SCORECARD_ORDERS = {"desc": "Cao nhất lên đầu", "asc": "Thấp nhất lên đầu"}
SCORECARD_SHOW_MONITOR = "Hiện cả các chỉ số chỉ theo dõi"
SCORECARD_LAGGING_ONLY = "Chỉ đơn vị dưới mức"
SCORECARD_LAGGING_HELP = "Đơn vị có ít nhất một chỉ tiêu chậm tiến độ hoặc không đạt."
# Finding units among 65-168 (Bảng điểm, Tình hình báo cáo).
UNIT_SEARCH = "Tìm đơn vị"
UNIT_SEARCH_PLACEHOLDER = "Gõ một phần tên, có dấu hay không dấu"
UNITS_SHOWN = "Đang hiện {shown}/{total} đơn vị."
REPORTING_SHOWN_FIRST = (
    "Đang hiện {shown}/{total} đơn vị: {shown} đơn vị đầu danh sách. "
    "Bật «Chỉ đơn vị cần đôn đốc» hoặc tìm theo tên để xem các đơn vị khác."
)
UNITS_SHOWN_FIRST = (
    "Đang hiện {shown}/{total} đơn vị: {shown} đơn vị đầu theo cách sắp xếp đã chọn. "
    "Tìm theo tên hoặc đổi cách sắp xếp để xem các đơn vị khác."
)
SCORECARD_LEGEND = "Chú giải"
SCORECARD_REPORT_COLUMN = "Báo cáo {period}"
SCORECARD_REPORT_COUNT = "{current}/{expected} đơn vị đã nộp"
SCORECARD_REPORT_SENT = "Đã nộp"
SCORECARD_REPORT_CARRIED = "Dùng kỳ trước"
SCORECARD_REPORT_NONE = "Chưa có báo cáo"
SCORECARD_REPORT_HELP = (
    "Đã nộp: đơn vị đã nộp báo cáo kỳ này. Dùng kỳ trước: chưa nộp báo cáo kỳ này, "
    "số liệu lấy từ báo cáo gần nhất trước đó trong năm. Chưa có báo cáo: chưa nộp báo cáo nào trong năm."
)
SCORECARD_COLUMN_HELP = "{name}. Chỉ tiêu: {target}."
SCORECARD_PROVINCE_GOAL = "{goal} (tính cho toàn tỉnh)"
SCORECARD_MONITOR_HELP = "{name}. Chỉ theo dõi: kế hoạch không đặt chỉ tiêu."
SCORECARD_HOW_TO = (
    "Bấm vào ô vuông ở đầu một dòng để mở trang của đơn vị đó. "
    "Bấm vào tên cột để sắp xếp; để chuột lên tên cột để xem tên đầy đủ và chỉ tiêu."
)
SCORECARD_WITHOUT_REPORT = "Chưa có báo cáo nào trong năm tính đến kỳ này: {names}"
SCORECARD_OPEN_UNIT = "Mở trang của một đơn vị"
SCORECARD_OPEN_UNIT_PLACEHOLDER = "Chọn hoặc gõ tên đơn vị"
# Column headers of the scorecard: the catalogue's names are too long for a dozen columns side by side.
INDICATOR_SHORT_NAMES = {
    "XA_TUYEN_TRUYEN": "Xã tuyên truyền",
    "TIN_BAI": "Tin, bài",
    "KE_HOACH_LONG_GHEP": "KH lồng ghép",
    "CO_SO_KIEM_TRA": "Cơ sở kiểm tra",
    "CO_SO_CAM_KET": "Cơ sở cam kết",
    "HO_TRO_NGUOI_BAN_DAM": "Hỗ trợ NBD",
    "CAN_BO_TAP_HUAN": "Cán bộ tập huấn",
    "XA_LANH_MANH": "Xã lành mạnh",
    "MO_HINH_HO_TRO": "Mô hình hỗ trợ",
    "TU_DIEM_CHUYEN_HOA": "Tụ điểm chuyển hóa",
    "CO_SO_VI_PHAM": "Cơ sở vi phạm",
    "TIEN_XU_PHAT": "Tiền phạt (tr.đ)",
    "VU_AN_KHOI_TO": "Vụ án khởi tố",
    "DOI_TUONG_KHOI_TO": "Đối tượng khởi tố",
    "BAO_CAO_DUNG_HAN": "Báo cáo đúng hạn",
}

UNIT_TITLE = "Đơn vị"
UNIT_PROVINCE_NOTE = (
    "Đang xem toàn tỉnh. Chọn một đơn vị báo cáo ở ô «Đơn vị» phía trên để xem các xã chưa tuyên truyền, "
    "cơ sở chưa được kiểm tra và lịch sử báo cáo của đơn vị đó."
)
UNIT_REPORT_RECEIVED = "Đã nhận báo cáo {period}."
UNIT_REPORT_MISSING = "Chưa nhận báo cáo {period}."
UNIT_INDICATORS = "Các chỉ số so với chỉ tiêu — {period}"
UNIT_INDICATOR_COLUMNS = ("Chỉ số", "Giá trị", "Chỉ tiêu", "Đánh giá", "Căn cứ")
UNIT_NO_DATA = "Chưa có báo cáo nào của {unit} tính đến hết {period}. Các chỉ số sẽ hiện khi đơn vị nộp Biểu 01/PCMD."
UNIT_BASED_ON = "dựa trên báo cáo {periods}"
UNIT_BASED_ON_RECEIPT = "theo ngày nhận báo cáo {period}"
UNIT_NO_TARGET = "Không có chỉ tiêu"
UNIT_PROVINCE_GOAL = "{goal} (chỉ tiêu tính cho toàn tỉnh)"
UNIT_COMMUNES = {"pre2025": "Các xã, phường, thị trấn", "post2025": "Các xã, phường, đặc khu"}  # by structure
UNIT_COMMUNES_SOURCE = "Theo trang chi tiết xã (ChiTietXa) của báo cáo {period}, nhận lúc {received}."
UNIT_NO_COMMUNES = (
    "Đơn vị chưa gửi trang chi tiết xã (ChiTietXa) trong báo cáo nào của năm {year} tính đến hết {period}."
)
UNIT_NOT_COMMUNICATED = "Xã chưa tổ chức tuyên truyền"
UNIT_NOT_COMMUNICATED_COUNT = "{count}/{total} xã chưa tổ chức hình thức tuyên truyền nào."
UNIT_ALL_COMMUNICATED = "Cả {total} xã đã tổ chức ít nhất một hình thức tuyên truyền."
UNIT_SOME_COMMUNICATED = (
    "{count}/{total} xã đã tổ chức ít nhất một hình thức tuyên truyền; {unknown} xã chưa ghi số liệu."
)
UNIT_NO_COMMUNE_FIGURES = "Chưa có số liệu chi tiết theo xã: trang ChiTietXa của báo cáo để trống các cột này."
UNIT_COMMUNICATION_UNKNOWN = "Không ghi Có hay Không: {names}"
UNIT_UNINSPECTED = "Cơ sở chưa được kiểm tra"
UNIT_UNINSPECTED_SUMMARY = "Còn {remaining} cơ sở chưa được kiểm tra, ở {communes}/{total} xã."
UNIT_ALL_INSPECTED = "Mọi cơ sở kinh doanh dịch vụ trong các xã đã được kiểm tra."
UNIT_SOME_INSPECTED = (
    "Ở {count}/{total} xã có số liệu, mọi cơ sở kinh doanh dịch vụ đã được kiểm tra; {unknown} xã chưa ghi số liệu."
)
UNIT_COMMUNES_UNKNOWN = " {count} xã chưa ghi số liệu."
UNIT_COMMUNE_COLUMNS = ("Mã xã", "Tên xã")
UNIT_UNINSPECTED_COLUMNS = ("Mã xã", "Tên xã", "Số cơ sở", "Đã kiểm tra", "Chưa kiểm tra")
UNIT_TOTAL_ROW = "Tổng cộng"
UNIT_SUBMISSIONS = "Báo cáo đã nhận trong năm {year}"
UNIT_NO_SUBMISSIONS = "Chưa nhận báo cáo nào của đơn vị trong năm {year}."
UNIT_MISSING_REPORTS = "Chưa nhận: {items}."
UNIT_MISSING_REPORT = "{period} (hạn {deadline})"
UNIT_SUBMISSION_COLUMNS = (
    "Kỳ báo cáo",
    "Nhận lúc",
    "Người gửi",
    "Tình trạng",
    "Hạn nộp",
    "Đúng hạn/Trễ hạn",
    "Tệp",
    "Số cảnh báo",
)
UNIT_SUBMISSION_STATUS = {"current": "Hiện hành", "superseded": "Đã được thay thế"}
UNIT_ON_TIME = "Đúng hạn"
UNIT_LATE = "Trễ hạn {days} ngày"
UNIT_NO_DEADLINE = "Kế hoạch không yêu cầu"
UNIT_TIMELINESS_NOTE = (
    "Đúng hạn hay trễ hạn tính theo lần nộp đầu tiên của kỳ: bản nộp lại để sửa giữ ngày nộp đầu tiên."
)

# --- page Nộp báo cáo / Lịch sử nộp ---
SUBMIT_HELD = "Chưa tính các số liệu sau cho đến khi Ban thư ký xác minh: {figures}. Lý do người gửi ghi: «{reason}»."
SUBMIT_RULES_TITLE = "Số liệu vi phạm quy tắc kiểm tra"
SUBMIT_RULES_NOTE = (
    "Nếu số liệu đúng, ghi lý do rồi bấm gửi: báo cáo được nhận nhưng các số liệu này chưa được tính vào tổng hợp "
    "cho đến khi Ban thư ký xác minh. Nếu sai, hãy sửa tệp rồi tải lên lại."
)
SUBMIT_REASON_LABEL = "Lý do gửi số liệu này"
SUBMIT_REASON_PLACEHOLDER = "Ví dụ: đã kiểm tra lại, năm nay đơn vị kiểm tra cả các cơ sở mới mở"
SUBMIT_REASON_MISSING = "Cần ghi lý do trước khi gửi số liệu vi phạm quy tắc kiểm tra."
SUBMIT_SEND_WITH_REASON_BUTTON = "Gửi kèm lý do"
SUBMIT_TITLE = "Nộp báo cáo"
SUBMIT_CAPTION = (
    "Tải biểu mẫu Biểu 01/PCMD đã điền sẵn tên đơn vị và kỳ, nhập số liệu bằng Excel rồi nộp lại tại đây. "
    "Mỗi tệp được kiểm tra ngay: tệp có lỗi không được ghi nhận, và bạn nhận lại chính tệp đó "
    "với các ô lỗi được tô màu."
)
SUBMIT_TEMPLATE_TITLE = "1. Tải biểu mẫu"
SUBMIT_TEMPLATE_UNIT = "Đơn vị báo cáo"
SUBMIT_TEMPLATE_PERIOD = "Kỳ báo cáo"
SUBMIT_TEMPLATE_PERIOD_HELP = "Mặc định là kỳ báo cáo đơn vị đang phải nộp."
SUBMIT_TEMPLATE_BUTTON = "Tải biểu mẫu (.xlsx)"
SUBMIT_TEMPLATE_NOTE = "Biểu mẫu của {unit}, {period}; hạn nộp {deadline}."
SUBMIT_TEMPLATE_NOTE_NO_DEADLINE = "Biểu mẫu của {unit}, {period}; kế hoạch không đặt hạn nộp cho kỳ này."
SUBMIT_UPLOAD_TITLE = "2. Nộp tệp báo cáo"
SUBMIT_SENDER_IS = "Tệp được ghi nhận là do {full_name} ({username}) nộp."
SUBMIT_NO_UNITS_IN_PLAN = "Tài khoản của bạn không nộp báo cáo cho đơn vị nào của kế hoạch này."
SUBMIT_UPLOADER = "Chọn một hoặc nhiều tệp Biểu 01/PCMD (.xlsx, .xls, .ods), hoặc tệp nén .zip chứa các biểu mẫu"
CHOOSE_ONE = "Chọn"  # Streamlit's "Choose an option" in a select box left empty
CHOOSE_MANY = "Chọn một hay nhiều mục"  # its "Choose options" in an empty multiselect
UPLOADER_BUTTON = "Chọn tệp"  # replaces Streamlit's "Upload" on the uploader's button
SUBMIT_UPLOADER_HELP = (
    "Mỗi tệp tối đa {limit} MB, mỗi lần tối đa {files} biểu mẫu (kể cả các biểu mẫu trong tệp nén). "
    "Có thể kéo thả nhiều tệp cùng lúc."
)
SUBMIT_BUTTON = "Kiểm tra và nộp"
SUBMIT_NOTHING_YET = "Chưa có tệp nào được chọn. Chọn tệp ở trên rồi bấm «Kiểm tra và nộp»."
SUBMIT_TOO_MANY_FILES = (
    "Bạn đã chọn {count} tệp; mỗi lần chỉ nộp được tối đa {limit} tệp. Hãy bỏ bớt tệp rồi nộp thành nhiều lần. "
    "Chưa tệp nào được ghi nhận."
)
SUBMIT_PROGRESS = "Đang kiểm tra tệp {n}/{total}: {file}"
SUBMIT_OUTCOME_COLUMNS = ("Tệp", "Đơn vị", "Kỳ báo cáo", "Kết quả")
SUBMIT_ANNOTATED_ZIP_BUTTON = "Tải các tệp bị từ chối, đã đánh dấu lỗi (.zip)"
SUBMIT_ANNOTATED_ZIP_NAME = "Bieu01_can_sua.zip"
SUBMIT_FORMS_ZIP_BUTTON = "Tải biểu mẫu của tất cả đơn vị (.zip)"
SUBMIT_FORMS_ZIP_HELP = (
    "Một tệp nén gồm biểu mẫu của từng đơn vị cho kỳ đã chọn (đơn vị đã nộp: điền sẵn số liệu đang dùng). "
    "Các đơn vị điền xong gửi lại; nộp cả tệp nén một lần ở mục dưới."
)
SUBMIT_PROGRESS_DONE = "Đã kiểm tra {total} tệp."
SUBMIT_RESULTS_TITLE = "Kết quả"
SUBMIT_RESULTS_SUMMARY = "{count} tệp: {parts}."
SUBMIT_RESULTS_PART = "{count} {status}"
SUBMIT_STATUS = {
    "accepted": "Đã ghi nhận",
    "unchanged": "Đã nộp trước đó",
    "rejected": "Bị từ chối",
    "confirm": "Chờ xác nhận",
    "stale": "Chưa ghi nhận",
    "cancelled": "Đã hủy gửi",
}
SUBMIT_STATUS_ICONS = {
    "accepted": ":material/check_circle:",
    "unchanged": ":material/info:",
    "rejected": ":material/cancel:",
    "confirm": ":material/help:",
    "stale": ":material/sync_problem:",
    "cancelled": ":material/block:",
}
SUBMIT_RECOGNISED = "Đơn vị: {unit} (mã {code}) · Kỳ: {period}"
SUBMIT_ACCEPTED = "Báo cáo đã được ghi nhận (bản #{submission_id})."
SUBMIT_UNCHANGED = (
    "Tệp này giống hệt tệp đã nộp trước đây (bản #{submission_id}); không có gì thay đổi, không cần nộp lại."
)
SUBMIT_STALE = (
    "Trong lúc bạn xem, đã có một báo cáo khác của đơn vị cho kỳ này được nộp, nên tệp chưa được ghi nhận. "
    "Bấm «Kiểm tra và nộp» lần nữa để xem thay đổi so với bản mới nhất."
)
SUBMIT_REJECTED = "Tệp không được ghi nhận vì có {count} lỗi. Sửa các lỗi dưới đây rồi nộp lại."
SUBMIT_ERRORS_TITLE = "Các lỗi cần sửa"
SUBMIT_WARNINGS_TITLE = "Cảnh báo (không làm tệp bị từ chối, nhưng hãy kiểm tra lại)"
SUBMIT_ANNOTATED_BUTTON = "Tải tệp có đánh dấu lỗi (.xlsx)"
SUBMIT_ANNOTATED_HELP = (
    "Chính tệp bạn vừa nộp, với mỗi ô lỗi được tô màu và có ghi chú giải thích; "
    "trang «DanhSachLoi» liệt kê tất cả các lỗi."
)
SUBMIT_NO_ANNOTATED = "Không thể đánh dấu lỗi trong tệp này vì hệ thống không đọc được nội dung của nó."
SUBMIT_PROBLEM_COLUMNS = ("Trang tính", "Ô", "Nội dung", "Giá trị gặp", "Giá trị cần có")
SUBMIT_FIGURE_COLUMNS = ("Mã chỉ tiêu", "Nội dung", "Đơn vị tính")
SUBMIT_CHANGE_COLUMN = "Thay đổi"
SUBMIT_THIS_FILE = "{period} (tệp này)"
SUBMIT_PREVIOUS_REPORT = "{period} (báo cáo trước)"
SUBMIT_COMPARED_WITH = "Số liệu ghi nhận, bên cạnh báo cáo trước của đơn vị ({period})."
SUBMIT_NO_PREVIOUS = "Số liệu ghi nhận. Đơn vị chưa có báo cáo cùng loại của kỳ trước để so sánh."
SUBMIT_CURRENT_VERSION = "Đang dùng (bản #{submission_id})"
SUBMIT_NEW_VERSION = "Tệp mới"
SUBMIT_REPLACES = (
    "{unit} đã có báo cáo {period}: bản #{submission_id}, tệp «{file}», do {sender} nộp lúc {received}. "
    "Nếu xác nhận, tệp mới sẽ thay thế bản này; bản cũ vẫn được lưu trong «Lịch sử nộp»."
)
SUBMIT_CHANGES_COUNT = "{count} số liệu khác với bản đang dùng."
SUBMIT_NO_CHANGES = "Số liệu giống hệt bản đang dùng (tệp khác, ví dụ người lập hoặc ngày lập đã sửa)."
SUBMIT_CONFIRM_BUTTON = "Xác nhận thay thế"
SUBMIT_CANCEL_BUTTON = "Không thay thế"
SUBMIT_DONT_SEND_BUTTON = "Không gửi"
SUBMIT_CANCELLED = "Đã bỏ qua tệp này: không có gì được ghi nhận, báo cáo đang dùng (nếu có) giữ nguyên."
SUBMIT_ON_TIME = "Nộp đúng hạn (hạn nộp {deadline})."
SUBMIT_LATE = "Nộp trễ {days} ngày so với hạn {deadline}."
SUBMIT_TIMING_KEPT = "Đúng hạn hay trễ hạn vẫn tính theo lần nộp đầu tiên ({first}): {state}"
SUBMIT_NOT_IN_CALENDAR = "Kế hoạch không yêu cầu báo cáo kỳ này, nên không xét đúng hạn."
SUBMIT_HISTORY_LINK = "Xem tất cả các lần nộp ở trang «Lịch sử nộp»."
CHANGE_ADDED = "mới điền"
CHANGE_REMOVED = "bị bỏ trống"

# Streamlit's own words, renamed in the browser (web/ui.vietnamese_widgets): the calendar's January..December,
# Monday..Sunday; the uploader's checks before a file is sent.
MONTH_NAMES = [f"Tháng {n}" for n in range(1, 13)]
WEEKDAY_SHORT = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
CALENDAR_CHOOSE_DATE = "Chọn ngày"
UPLOADER_ERROR = "Không nhận: "
# A zip of filled forms (etl/bundle.py): refused whole only when it cannot be opened safely.
BUNDLE_DAMAGED = "Tệp nén «{file}» bị hỏng hoặc không phải tệp .zip: không mở được."
BUNDLE_EMPTY = "Tệp nén «{file}» không có biểu mẫu nào."
BUNDLE_TOO_MANY = "Tệp nén «{file}» có {count} tệp; mỗi tệp nén tối đa {limit} tệp."
BUNDLE_MEMBER_TOO_BIG = "Tệp «{member}» trong tệp nén «{file}» khi giải nén nặng {size}; mỗi biểu mẫu tối đa {limit}."
BUNDLE_BOMB = "Tệp «{member}» trong tệp nén «{file}» nén bất thường (có thể là tệp phá hoại): không giải nén."
BUNDLE_TOO_BIG = "Tệp nén «{file}» khi giải nén nặng {size}; tối đa {limit}."
UPLOADER_WRONG_TYPE = "chỉ nhận tệp .xlsx, .xlsm, .xls, .ods, hoặc tệp nén .zip."
UPLOADER_TOO_LARGE = "tệp quá lớn, mỗi tệp tối đa {limit}."
# --- landing pages: Báo cáo của đơn vị (a unit's staff), Việc cần làm (the secretariat) ---
UNIT_REPORTS_TITLE = "Báo cáo của đơn vị"
UNIT_REPORTS_CAPTION = "Các báo cáo năm {year} kế hoạch yêu cầu đơn vị nộp, tính đến hết ngày {today}."
UNIT_REPORTS_NO_UNITS = (
    "Tài khoản của bạn chưa được gán đơn vị báo cáo nào của kế hoạch này. Hãy liên hệ Văn phòng thường trực."
)
UNIT_REPORTS_STATES = {
    "on_time": "Đã nộp đúng hạn",
    "late": "Đã nộp, trễ {days} ngày",
    "missing": "Chưa nộp, quá hạn {days} ngày",
    "not_due": "Chưa đến hạn",
}
UNIT_REPORTS_NEXT = "Báo cáo cần chuẩn bị: {period}, hạn nộp {deadline} ({when})."
UNIT_REPORTS_DAYS_LEFT = "còn {days} ngày"
UNIT_REPORTS_DUE_TODAY = "hạn là hôm nay"
UNIT_REPORTS_DAYS_OVERDUE = "đã quá hạn {days} ngày"
UNIT_REPORTS_NOTHING_DUE = "Kế hoạch không yêu cầu báo cáo nào trong năm."
UNIT_REPORTS_ALL_SENT = "Đơn vị đã nộp đủ các báo cáo của năm."
UNIT_REPORTS_DEADLINE = "Hạn nộp {deadline}"
UNIT_REPORTS_RECEIVED = "Bản đang dùng nhận lúc {received}; số lần đã nộp: {versions}."
UNIT_REPORTS_HELD = "Chờ xác minh: {figures} ({problem}). {state}"
UNIT_REPORTS_BLANK_FORM = "Tải biểu mẫu trống"
UNIT_REPORTS_CORRECTION_FORM = "Tải biểu mẫu để sửa"
UNIT_REPORTS_CORRECTION_HELP = (
    "Biểu mẫu đã điền sẵn số liệu của bản đang dùng: chỉ sửa những ô sai, ghi ngày lập báo cáo rồi nộp lại."
)
UNIT_REPORTS_SUBMIT_LINK = "Nộp báo cáo"
UNIT_REPORTS_HISTORY_LINK = "Xem lịch sử nộp"
PLAN_TEXT_LINK = "Xem nội dung kế hoạch năm"
TODO_TITLE = "Việc cần làm"
TODO_CAPTION = "Kế hoạch năm {year}, tính đến hết ngày {today}."
TODO_NEXT_DEADLINE = "Hạn nộp tiếp theo: {period}, ngày {deadline} ({when}); {received}/{total} đơn vị đã nộp."
TODO_NO_DEADLINE = "Không còn hạn nộp nào trong năm {year}."
TODO_CHASE_TITLE = "Báo cáo cần đôn đốc"
TODO_CHASE_COUNT = "{missing} báo cáo quá hạn chưa nộp và {late} báo cáo nộp trễ, ở {units} đơn vị."
TODO_CHASE_NONE = "Không có báo cáo nào quá hạn hay nộp trễ."
TODO_CHASE_LINK = "Mở trang Tình hình báo cáo"
TODO_HELD_TITLE = "Số liệu chờ xác minh"
TODO_HELD_COUNT = "{pending} vấn đề chờ Văn phòng quyết định; {correction} vấn đề đang chờ đơn vị nộp bản sửa."
TODO_HELD_NONE = "Không có số liệu nào chờ xác minh."
TODO_HELD_LINK = "Mở trang Chất lượng số liệu để xác minh"
TODO_HELD_COLUMNS = ("Đơn vị", "Kỳ báo cáo", "Số liệu", "Vấn đề", "Tình trạng")

HISTORY_TITLE = "Lịch sử nộp"
HISTORY_CAPTION = (
    "Mọi lần nộp báo cáo của các đơn vị năm {year}, mới nhất trước: ai nộp, lúc nào, bản nào đang dùng. "
    "Cột «So với hạn» xét thời điểm nộp của từng bản; tỷ lệ đúng hạn của đơn vị tính theo lần nộp đầu tiên."
)
HISTORY_ALL_UNITS = "Tất cả các đơn vị"
HISTORY_ALL_PERIODS = "Tất cả các kỳ"
HISTORY_EMPTY = "Chưa có lần nộp nào khớp lựa chọn."
HISTORY_COUNT = "{count} lần nộp"
HISTORY_COUNT_FIRST = (
    "Đang hiện {shown} lần nộp mới nhất trong {total}. Chọn đơn vị hoặc kỳ báo cáo để xem các lần nộp khác."
)
HISTORY_COLUMNS = (
    "Bản",
    "Đơn vị",
    "Kỳ báo cáo",
    "Tệp",
    "Người nộp",
    "Thời điểm nộp",
    "So với hạn",
    "Trạng thái",
    "Số cảnh báo",
)
HISTORY_CURRENT = "Đang dùng"
HISTORY_SUPERSEDED = "Đã được thay bằng bản #{submission_id}"
HISTORY_NO_DEADLINE = "Không có hạn"
HISTORY_VERSION_LABEL = "#{submission_id} · {unit} · {period} · {received} · {state}"
HISTORY_VERSION_TITLE = "Xem một bản nộp"
HISTORY_VERSION_SELECT = "Bản nộp"
HISTORY_DOWNLOAD_BUTTON = "Tải tệp gốc"
HISTORY_FILE_HASH = "Tệp «{file}», mã băm SHA-256 {sha256}: đúng là tệp đã nhận."
HISTORY_FILE_CHECKED = "Tệp «{file}»: đúng là tệp đã nhận, không thay đổi từ lúc gửi."  # {sha256} unused: no jargon
HISTORY_FILE_UNKNOWN = "Không có bản nộp #{submission_id}."
HISTORY_FILE_MISSING = (
    "Không tìm thấy tệp gốc của bản #{submission_id} («{file}») trong kho lưu trữ. Hãy báo quản trị hệ thống."
)
HISTORY_FILE_ALTERED = (
    "Tệp gốc của bản #{submission_id} («{file}») trong kho lưu trữ không còn khớp mã băm lúc nhận: "
    "tệp đã bị thay đổi. Hãy báo quản trị hệ thống."
)
HISTORY_COMPARE_TITLE = "So sánh hai bản của cùng báo cáo"
HISTORY_COMPARE_WITH = "So với bản"
HISTORY_ONLY_VERSION = "Báo cáo này chỉ có một bản nộp, chưa có gì để so sánh."
HISTORY_VERSION_COLUMN = "Bản #{submission_id}"
HISTORY_CHANGES_COUNT = "{count} số liệu khác nhau giữa hai bản."
HISTORY_NO_CHANGES = "Hai bản có số liệu giống hệt nhau."

# --- meeting pack: page Trình chiếu, slides, PDF ---
MEETING_PACK_TITLE = "Kết quả thực hiện kế hoạch — {period}"
MEETING_NO_DATA = "{name}: chưa có số liệu tính đến {period}."
MEETING_MONITOR = "{name}: {value} (chỉ theo dõi, kế hoạch không đặt mức)."
MEETING_COMPLETENESS = "Tỷ lệ đầy đủ {value}: {received}/{due} báo cáo đến hạn đã nộp"
MEETING_TIMELINESS = "Tỷ lệ đúng hạn {value}: {on_time}/{due} báo cáo nộp đúng hạn"
MEETING_REPORT_MISSING = "chưa nộp báo cáo {period} (quá hạn {days} ngày)"
MEETING_REPORT_LATE = "nộp trễ báo cáo {period} ({days} ngày)"
MEETING_AS_OF = "Tính đến ngày {date}"
AS_OF_LABEL = "Tính đến ngày"
AS_OF_HELP = "Số liệu gồm các báo cáo đã nhận; hạn nộp báo cáo được xét vào ngày này."
MEETING_GENERATED_ON = "Lập ngày {date}"
MEETING_SUMMARY = "{total} chỉ tiêu đo được: {counts}"
MEETING_SUMMARY_COUNT = "{count} {label}"  # one per status present: '3 đạt', '2 chậm tiến độ'
MEETING_SUMMARY_TITLE = "Tóm tắt kết quả"
MEETING_SUMMARY_COLUMNS = ("STT", "Chỉ tiêu", "Kết quả", "Mức chỉ tiêu", "Đánh giá")
MEETING_UNMEASURED_TITLE = "Chỉ tiêu chưa đo được trên Biểu 01/PCMD"
MEETING_TARGET_OF = "Chỉ tiêu {number}/{total}"
MEETING_TARGET_GOAL = "Chỉ tiêu của kế hoạch: {label} ({target})"
MEETING_UNIT_LEVEL = "Mức cần đạt vào thời điểm này: {level}"
MEETING_UNITS_WITHOUT_DATA = "Chưa có số liệu: {names}"
MEETING_CHART_VALUE = "Kết quả"
MEETING_REPORTING_TITLE = "Tình hình báo cáo"
MEETING_CHASE_TITLE = "Đơn vị cần đôn đốc báo cáo"
MEETING_CHASE_NONE = "Tất cả các báo cáo đến hạn đã được nộp đúng hạn."
MEETING_LAGGING_TITLE = "Đơn vị cần quan tâm"
MEETING_LAGGING_COLUMNS = ("Đơn vị", "Chỉ tiêu dưới mức", "Báo cáo chưa nộp hoặc nộp trễ")
MEETING_NO_LAGGING = "Không có đơn vị nào dưới mức chỉ tiêu hay chậm báo cáo."
MEETING_LAGGING_MORE = "Và {count} đơn vị khác dưới mức hoặc chậm báo cáo: xem trang Bảng điểm và Tình hình báo cáo."
MEETING_ALL_UNITS = "; cả {total} {noun} đều đạt mức"
PRESENT_TITLE = "Trình chiếu"
PRESENT_PPTX_BUTTON = "Tải bản trình chiếu (.pptx)"
PRESENT_PDF_BUTTON = "Tải bản PDF"
PRESENT_PREVIOUS = "Trước"
PRESENT_NEXT = "Sau"
PRESENT_JUMP = "Màn hình"
PRESENT_FIRST = "Đầu"
PRESENT_LAST = "Cuối"
PRESENT_FULL_SCREEN = "Trình chiếu toàn màn hình"
PRESENT_LEAVE = "Thoát (Esc)"
PRESENT_WHERE = "Màn hình {number}/{total} · {as_of} · ← → để chuyển màn hình"
PRESENT_UNITS_LEFT_OUT = "Biểu đồ ghi {worst} đơn vị thấp nhất và {best} đơn vị cao nhất; {count} đơn vị khác ở giữa."
PRESENT_SCREEN_LABEL = "{number}. {title}"
PRESENT_NO_UNIT_DATA = "Chưa có đơn vị nào có số liệu cho chỉ tiêu này."

# --- meeting PDF (meeting/pdf.py) ---
MEETING_PDF_AUTHOR = "Ban Chỉ đạo 138"  # the file's author and creator fields
MEETING_PDF_PROVINCE = "Địa phương: {province}"
MEETING_PDF_DOCUMENT = "Số hiệu văn bản: {document}"
MEETING_PDF_PAGE = "Trang {number}"

# --- meeting slides (meeting/pptx.py) ---
SLIDES_PAGE = "{number}/{total}"
SLIDES_DOCUMENT = "Số: {number}"
SLIDES_CONTINUED = "{title} (tiếp)"
SLIDES_BASED_ON = "Số liệu toàn tỉnh {based_on}"
SLIDES_CHASE_MORE = "và {count} đơn vị khác: xem «{title}»"

# --- sign-in, roles, accounts (core/auth.py, pages/sign_in.py, pages/users.py) ---
ROLE_LABELS = {
    "admin": "Quản trị",
    "secretariat": "Thư ký",
    "unit_staff": "Cán bộ đơn vị",
    "committee": "Thành viên BCĐ",
}
AUTH_WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
AUTH_WAIT = (  # the same for every limit (core/auth.py): it tells nobody which names exist
    "Đã đăng nhập sai nhiều lần. Hãy chờ đến {until} rồi thử lại; nếu quên mật khẩu, hãy nhờ quản trị đặt lại."
)
AUTH_PASSWORD_TOO_SHORT = "Mật khẩu phải có ít nhất {length} ký tự."
AUTH_PASSWORD_HAS_USERNAME = "Mật khẩu không được chứa tên đăng nhập."
AUTH_BAD_USERNAME = (
    "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và dấu . _ - (3 đến 40 ký tự), ví dụ: canbo.caoloc."
)
AUTH_NAME_NEEDED = "Hãy nhập họ và tên."
AUTH_USERNAME_TAKEN = "Tên đăng nhập «{username}» đã có người dùng."
AUTH_BAD_ROLE = "Vai trò «{role}» không hợp lệ; chọn một trong: {roles}."
AUTH_UNITS_NEEDED = "Cán bộ đơn vị phải được gán ít nhất một đơn vị báo cáo."
AUTH_UNKNOWN_UNITS = "Không có đơn vị mã: {codes}."
AUTH_NO_SUCH_USER = "Không có tài khoản «{username}»."
AUTH_LAST_ADMIN = "Đây là quản trị cuối cùng đang hoạt động: hãy tạo quản trị khác trước."
DATABASE_BUSY = (
    "Hệ thống đang bận ghi số liệu (có người đang nạp báo cáo hoặc sao lưu). Chưa có gì thay đổi: "
    "vui lòng thử lại sau ít phút."
)
SIGN_IN_TITLE = "Đăng nhập"
SIGN_IN_CAPTION = "Số liệu về phòng, chống mại dâm là thông tin nhạy cảm: chỉ người được cấp tài khoản mới xem được."
SIGN_IN_USERNAME = "Tên đăng nhập"
SIGN_IN_PASSWORD = "Mật khẩu"
SIGN_IN_BUTTON = "Đăng nhập"
SIGN_IN_EXPIRED = "Phiên làm việc đã hết hạn. Hãy đăng nhập lại."
SIGN_IN_DEMO_ACCOUNTS = (  # the page is public: it does not name the accounts
    "Cơ sở dữ liệu này có tài khoản mẫu với mật khẩu công bố trong README: ai cũng đăng nhập được. Đây là dữ liệu "
    "mẫu, không được dùng cho số liệu thật. Quản trị: hãy khóa các tài khoản mẫu hoặc đặt mật khẩu mới "
    "(python -m etl users set-password)."
)
SIGN_OUT_BUTTON = "Đăng xuất"
SIGNED_IN_AS = "{full_name} · {role}"
NOT_ALLOWED = "Tài khoản của bạn không có quyền dùng trang này."
USERS_TITLE = "Tài khoản"
USERS_CAPTION = "Tạo, sửa, khóa tài khoản và đặt lại mật khẩu. Mọi thay đổi được ghi vào nhật ký."
USERS_COLUMNS = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Đơn vị", "Trạng thái", "Đăng nhập gần nhất")
USERS_ACTIVE = "Đang hoạt động"
USERS_INACTIVE = "Đã khóa"
USERS_UNIT_OPTION = "{name} ({code}, {province})"
USERS_ADD_TITLE = "Thêm tài khoản"
USERS_EDIT_TITLE = "Sửa tài khoản"
USERS_USERNAME = "Tên đăng nhập"
USERS_FULL_NAME = "Họ và tên"
USERS_ROLE = "Vai trò"
USERS_UNITS = "Đơn vị báo cáo (cán bộ đơn vị)"
USERS_UNIT_SEARCH = "Tìm đơn vị để giao cho tài khoản"
USERS_UNIT_SEARCH_PLACEHOLDER = "Gõ một phần tên hoặc mã, có dấu hay không dấu"
USERS_UNIT_SEARCH_EMPTY = "Có {count} đơn vị báo cáo: gõ tên hoặc mã ở đây, rồi chọn trong ô «Đơn vị báo cáo» bên dưới."
USERS_UNIT_SEARCH_FOUND = "Tìm thấy {found} trong {count} đơn vị: chọn trong ô «Đơn vị báo cáo» bên dưới."
USERS_PASSWORD = "Mật khẩu"
USERS_PASSWORD_AGAIN = "Nhập lại mật khẩu"
USERS_PASSWORDS_DIFFER = "Hai lần nhập mật khẩu không giống nhau."
USERS_ADD_BUTTON = "Tạo tài khoản"
USERS_ADDED = "Đã tạo tài khoản {username}."
USERS_SELECT = "Tài khoản"
USERS_SAVE_BUTTON = "Lưu thay đổi"
USERS_SAVED = "Đã lưu tài khoản {username}."
USERS_DEACTIVATE_BUTTON = "Khóa tài khoản"
USERS_ACTIVATE_BUTTON = "Mở lại tài khoản"
USERS_DEACTIVATED = "Đã khóa tài khoản {username}."
USERS_ACTIVATED = "Đã mở lại tài khoản {username}."
USERS_NEW_PASSWORD = "Mật khẩu mới"
USERS_SET_PASSWORD_BUTTON = "Đặt lại mật khẩu"
USERS_PASSWORD_SET = "Đã đặt mật khẩu mới cho {username} (tài khoản cũng được mở khóa tạm)."
USERS_NOT_SELF = "Không thể tự khóa tài khoản của chính mình."
AUDIT_TITLE = "Nhật ký"
AUDIT_CAPTION = (
    "Ai đã làm gì, khi nào: nộp báo cáo, đăng nhập, thay đổi tài khoản và kế hoạch, với nội dung trước và sau. "
    "Nhật ký chỉ để đọc: không ai sửa được từ ứng dụng. Hiển thị tối đa {limit} dòng mới nhất."
)
AUDIT_ALL = "Tất cả"
AUDIT_ACTOR = "Người thực hiện"
AUDIT_ENTITY = "Đối tượng"
AUDIT_SINCE = "Từ ngày"
AUDIT_UNTIL = "Đến ngày"
AUDIT_EMPTY = "Không có dòng nhật ký nào khớp lựa chọn."
AUDIT_COUNT = "{count} dòng"
AUDIT_COLUMNS = ("Số", "Thời điểm", "Người thực hiện", "Việc", "Đối tượng", "Mã", "Trước", "Sau")
AUDIT_ACTIONS = {
    "submit": "Nộp báo cáo",
    "sign_in": "Đăng nhập",
    "sign_in_failed": "Đăng nhập không thành công",
    "create": "Tạo mới",
    "update": "Sửa",
    "activate": "Mở lại tài khoản",
    "deactivate": "Khóa tài khoản",
    "set_password": "Đặt mật khẩu",
    "backup": "Sao lưu",
    "restore": "Khôi phục từ bản sao lưu",
    "verify_confirmed": "Xác nhận số liệu",
    "verify_correction": "Yêu cầu sửa số liệu",
}
AUDIT_ENTITIES = {"submission": "Báo cáo", "user": "Tài khoản", "plan": "Kế hoạch", "database": "Cơ sở dữ liệu"}
# A change recorded in the log, in words (screens/admin_views.readable): each field's name, and the words for
# the values a field takes from a fixed list.
AUDIT_FIELDS = {
    "full_name": "Họ tên",
    "role": "Vai trò",
    "units": "Đơn vị",
    "reason": "Lý do",
    "file": "Tệp",
    "unit_code": "Mã đơn vị",
    "period": "Kỳ",
    "submission_id": "Số báo cáo",
    "values": "Số liệu",
    "reporting_units": "Đơn vị báo cáo",
    "targets": "Chỉ tiêu",
    "calendar": "Lịch báo cáo",
    "problem": "Vấn đề",
    "state": "Tình trạng",
    "folder": "Thư mục",
    "created_at": "Tạo lúc",
    "archive_files": "Số tệp gốc",
    "counts": "Số dòng",
}
AUDIT_VALUES = {
    "role": ROLE_LABELS,
    "reason": {"unknown": "không có tên đăng nhập này", "inactive": "tài khoản đã khóa", "password": "sai mật khẩu"},
    "state": {"pending": "chờ xác minh", "correction": "yêu cầu sửa", "confirmed": "đã xác nhận"},
}
AUDIT_ITEMS = "{count} mục"
AUDIT_RAW_TOGGLE = "Hiện bản ghi gốc (JSON, mã băm)"
AUDIT_RAW_HELP = "Dành cho quản trị: nội dung đúng như nhật ký lưu, kể cả mã băm của tệp và của máy đăng nhập."
# --- figures held for verification (screens/verification.py, page Chất lượng số liệu) ---
VERIFY_TITLE = "Số liệu chờ xác minh"
QUALITY_WARNINGS_TITLE = "Cảnh báo khi nạp báo cáo"
VERIFY_CAPTION = (
    "Số liệu vi phạm quy tắc kiểm tra chưa được tính vào tổng hợp nào cho đến khi Ban thư ký xác nhận, "
    "hoặc đơn vị gửi báo cáo đã sửa."
)
VERIFY_NONE = "Không có số liệu nào chờ xác minh."
VERIFY_COUNT = "{count} vấn đề chờ xác minh"
VERIFY_ITEM = "{unit} — {period}"
VERIFY_FIGURES = "Số liệu: {figures}"
VERIFY_PROBLEM = "Vấn đề: {problem}"
VERIFY_SENDER = "Người gửi {sender}, lúc {received}; lý do gửi: «{reason}»"
VERIFY_STATE_PENDING = "Đang chờ xác minh."
VERIFY_STATE_CORRECTION = "Đã yêu cầu đơn vị sửa ({by}: «{reason}»); chờ báo cáo đã sửa."
VERIFY_REASON_LABEL = "Lý do (ghi vào nhật ký)"
VERIFY_CONFIRM_BUTTON = "Xác nhận số liệu đúng"
VERIFY_CORRECTION_BUTTON = "Yêu cầu đơn vị sửa"
VERIFY_DONE = {"confirmed": "Đã xác nhận: số liệu được tính từ bây giờ.", "correction": "Đã ghi yêu cầu sửa."}
VERIFY_BAD_DECISION = "Quyết định không hợp lệ."
VERIFY_REASON_MISSING = "Cần ghi lý do cho quyết định này."
VERIFY_NOTHING_HELD = "Số liệu này không còn chờ xác minh (có thể đã được xác nhận hoặc thay bằng báo cáo khác)."
HELD_DISCLOSURE = "Chưa tính {count} số liệu chờ xác minh: {items}"
HELD_ITEM = "{unit}, {problem}"
PLAN_ADMIN_TITLE = "Kế hoạch và chỉ tiêu"
PLAN_ADMIN_CAPTION = (
    "Sửa chỉ tiêu, hạn báo cáo của kế hoạch, hoặc lập kế hoạch năm mới từ kế hoạch đã có. Mỗi thay đổi được kiểm tra "
    "như tệp kế hoạch, ghi vào tệp kế hoạch và vào nhật ký (trước và sau)."
)
PLAN_ADMIN_NO_TARGET = "Kế hoạch không có chỉ tiêu «{target}»."
# The agency that owns the programme, when a plan file does not name it (core/plans.owner_of).
OWNER_LINE = "Cơ quan thường trực: {owner}"
OWNER_LABOUR = "Sở Lao động – Thương binh và Xã hội {province}"
OWNER_HEALTH = "Sở Y tế {province}"
PLAN_ADMIN_EXISTS = "Đã có kế hoạch «{plan}»."
PLAN_ADMIN_NO_PROVINCE = (
    "{province} không còn là một tỉnh, thành phố trong danh mục năm {year} (sắp xếp lại từ 1/7/2025): "
    "hãy chọn tỉnh, thành phố mà kế hoạch mới thuộc về."
)
PLAN_ADMIN_UNITS_RECHOSEN = (
    "Năm {year} dùng danh mục đơn vị hành chính sau sắp xếp (từ 1/7/2025): đơn vị báo cáo được chọn lại là "
    "toàn bộ {level} của tỉnh; danh sách đơn vị của kế hoạch cũ không được chép sang."
)
PLAN_ADMIN_DISTRICT_WORDS = "Chỉ tiêu «{target}» nhắc đến cấp huyện, nay không còn: hãy xem lại câu chữ."
PROVINCE_TYPE_WORDS = ("Tỉnh", "Thành phố")  # before a province's name in the unit list: 'Tỉnh Lạng Sơn'
DISTRICT_LEVEL_WORDS = ("huyện", "quận", "thị xã", "cấp huyện")  # a target's words for the level abolished in 2025
LEVEL_NAMES = {"district": "các huyện, quận, thị xã, thành phố", "commune": "các xã, phường, đặc khu"}
PLAN_ADMIN_PROVINCE = "Tỉnh, thành phố của kế hoạch mới"
PLAN_ADMIN_SAME_PROVINCE = "Giữ nguyên tỉnh, thành phố của kế hoạch này"
PLAN_ADMIN_PROVINCE_HELP = "Chỉ cần chọn khi tỉnh, thành phố cũ đã được hợp nhất sau ngày 1/7/2025."
PLAN_ADMIN_TARGETS_TITLE = "Chỉ tiêu"
PLAN_ADMIN_TARGET_SELECT = "Chỉ tiêu cần sửa"
PLAN_ADMIN_KIND = "Loại chỉ tiêu"
PLAN_ADMIN_VALUE = "Mức (phần trăm, hoặc số lượng)"
PLAN_ADMIN_MIN = "Từ (khoảng)"
PLAN_ADMIN_MAX = "Đến (khoảng)"
PLAN_ADMIN_LABEL = "Nội dung chỉ tiêu"
PLAN_ADMIN_SOURCE = "Câu trích từ kế hoạch"
PLAN_ADMIN_SAVE = "Lưu chỉ tiêu"
PLAN_ADMIN_SAVED = "Đã lưu chỉ tiêu «{target}»."
PLAN_ADMIN_CALENDAR_TITLE = "Hạn báo cáo"
PLAN_ADMIN_PERIOD_TYPE = "Loại báo cáo"
PLAN_ADMIN_DAY = "Ngày hạn (trong tháng)"
PLAN_ADMIN_MONTHS_AFTER = "Số tháng sau tháng cuối kỳ (0: ngay trong tháng cuối kỳ)"
PLAN_ADMIN_DEADLINE_SOURCE = "Câu trích từ kế hoạch (để trống nếu kế hoạch không nêu: dùng hạn mặc định)"
PLAN_ADMIN_SAVE_DEADLINE = "Lưu hạn báo cáo"
PLAN_ADMIN_DEADLINE_SAVED = "Đã lưu hạn {period_type}."
PLAN_ADMIN_COPY_TITLE = "Lập kế hoạch năm mới từ kế hoạch này"
PLAN_ADMIN_YEAR = "Năm của kế hoạch mới"
PLAN_ADMIN_COPY = "Lập kế hoạch"
PLAN_ADMIN_COPIED = "Đã lập kế hoạch «{plan}»: hãy sửa các chỉ tiêu theo văn bản năm mới."
PLAN_ADMIN_ERRORS = "Chưa lưu được vì:"
PLAN_ADMIN_COLUMNS = ("Mã chỉ tiêu", "Nội dung", "Mức", "Chỉ số đo trên Biểu 01")
TARGET_KIND_NAMES = {
    "min_percent": "Tối thiểu một tỷ lệ (%)",
    "all": "100%",
    "min_count": "Tối thiểu một số lượng",
    "range": "Trong một khoảng",
    "per_month": "Tối thiểu mỗi tháng",
    "monitor": "Chỉ theo dõi",
}
PLAN_ADMIN_UNITS_TITLE = "Đơn vị báo cáo"
PLAN_ADMIN_UNITS = "Các đơn vị phải nộp Biểu 01/PCMD cho kế hoạch này"
PLAN_ADMIN_UNIT_OPTION = "{name} ({code})"
PLAN_ADMIN_SAVE_UNITS = "Lưu danh sách đơn vị"
PLAN_ADMIN_UNITS_MANY = (
    "Kế hoạch này có {count} đơn vị báo cáo, quá nhiều để hiện từng đơn vị ở đây: chọn những đơn vị cần thêm "
    "hoặc cần bỏ (gõ tên để tìm), rồi bấm Lưu."
)
PLAN_ADMIN_UNITS_ADD = "Thêm đơn vị vào kế hoạch"
PLAN_ADMIN_UNITS_REMOVE = "Bỏ đơn vị khỏi kế hoạch"
PLAN_ADMIN_UNITS_SAVED = "Đã lưu: {count} đơn vị báo cáo."

# --- backup, restore and the health check (core/backup.py, core/health.py, pages/health.py) ---
BACKUP_FOLDER_NOT_EMPTY = (
    "Thư mục «{folder}» đã có tệp: hãy chọn một thư mục mới hoặc thư mục trống (bản sao lưu không ghi đè lên tệp nào)."
)
BACKUP_REFUSED = "Bản sao lưu «{folder}» không dùng được; chưa có gì thay đổi:"
BACKUP_NO_MANIFEST = "thiếu tệp bản kê manifest.json (bản sao lưu chưa hoàn tất hoặc không phải bản sao lưu)."
BACKUP_BAD_MANIFEST = "tệp bản kê «{path}» không đúng định dạng."
BACKUP_FILE_MISSING = "thiếu tệp «{path}» có trong bản kê."
BACKUP_NEWER_SCHEMA = (
    "bản sao lưu do phiên bản phần mềm mới hơn tạo ra (cấu trúc dữ liệu số {version}, phiên bản đang chạy chỉ"
    " biết đến số {known}): hãy cập nhật phần mềm rồi khôi phục lại."
)
BACKUP_FILE_ALTERED = "tệp «{path}» đã bị thay đổi hoặc hỏng: mã SHA-256 không khớp với bản kê."
BACKUP_LINK = (
    "«{path}» là một liên kết tượng trưng (symbolic link), có thể trỏ tới bất cứ đâu: bản sao lưu chỉ được chứa "
    "tệp và thư mục thật."
)
BACKUP_SPECIAL_FILE = "«{path}» không phải tệp thường hay thư mục: bản sao lưu chỉ được chứa tệp và thư mục thật."
BACKUP_UNREADABLE = "không đọc được «{path}»: {error}."
BACKUP_DATABASE_UNREADABLE = "cơ sở dữ liệu «{path}» của bản sao lưu không mở được: {error}"
BACKUP_UNSAFE_PATH = (
    "tệp bản kê «{manifest}» không đúng định dạng: đường dẫn «{path}» trỏ ra ngoài thư mục bản sao lưu "
    "(đường dẫn tuyệt đối hoặc có «..»)."
)
BACKUP_SIGNATURE_WRONG = (
    "chữ ký của bản kê «{path}» không khớp: bản kê đã bị sửa sau khi sao lưu (chẳng hạn để che một tệp đã bị sửa)."
)
BACKUP_UNSIGNED = (
    "bản kê «{path}» không có chữ ký (bản sao lưu của phiên bản phần mềm trước, hoặc chữ ký đã bị gỡ): "
    "không kiểm chứng được bản sao lưu có bị sửa hay không."
)
BACKUP_NO_KEY = (
    "không có tệp khóa ký bản sao lưu {key}: không kiểm chứng được bản sao lưu có bị sửa hay không. Hãy chép tệp "
    "khóa đã cất giữ vào chỗ đó, hoặc chỉ tới nó bằng --key TỆP (hoặc biến môi trường KPI_BACKUP_KEY_FILE)."
)
BACKUP_OTHER_KEY = (
    "bản sao lưu được ký bằng một khóa khác (mã khóa {found}), không phải khóa {key} (mã khóa {expected}): "
    "không kiểm chứng được. Hãy chỉ tới đúng tệp khóa bằng --key TỆP."
)
BACKUP_UNVERIFIED_HINT = (
    "Chỉ khi chắc chắn bản sao lưu chưa bị ai sửa, hãy chạy lại với --accept-unverified: mọi thay đổi về tài khoản "
    "vẫn được liệt kê để xác nhận."
)
BACKUP_KEY_UNSAFE = (
    "tệp khóa ký bản sao lưu {key} để người khác đọc hoặc sửa được (quyền {mode}): hãy chạy chmod 600 {key}."
)
BACKUP_KEY_BAD = "tệp khóa ký bản sao lưu {key} không đúng định dạng (cần đúng 64 chữ số thập lục phân)."
BACKUP_KEY_INSIDE = "tệp khóa ký {key} nằm trong thư mục bản sao lưu: khóa phải được cất riêng, ngoài các bản sao lưu."
BACKUP_KEY_UNUSABLE = "Chưa sao lưu: khóa ký bản sao lưu không dùng được; chưa ghi gì:"
RESTORE_ACCOUNTS_REFUSED = (
    "Chưa khôi phục từ «{folder}»: khôi phục sẽ làm các tài khoản dưới đây thay đổi mà chưa được xác nhận "
    "(chạy lệnh trong một cửa sổ dòng lệnh để trả lời, hoặc thêm --accept-accounts); chưa có gì thay đổi:"
)
# One line per account change a restore would make, live database → backup's ({before} → {after}).
RESTORE_ACCOUNT_CHANGES = {
    "added": (
        "tài khoản «{username}» ({after}) sẽ được thêm: có trong bản sao lưu, không có trong cơ sở dữ liệu hiện tại."
    ),
    "removed": "tài khoản «{username}» ({before}) sẽ bị xóa: không có trong bản sao lưu.",
    "role": "tài khoản «{username}»: vai trò {before} → {after}.",
    "units": "tài khoản «{username}»: đơn vị báo cáo {before} → {after}.",
    "password": (
        "tài khoản «{username}»: mật khẩu sẽ trở lại mật khẩu lưu trong bản sao lưu (khác mật khẩu hiện tại)."
    ),
    "activated": "tài khoản «{username}» đang bị khóa sẽ được mở lại.",
    "deactivated": "tài khoản «{username}» đang hoạt động sẽ bị khóa.",
}
RESTORE_NO_UNITS = "không có"
ORIGINAL_UNIT = "{name} ({code})"
ORIGINAL_STATUS = {"current": "bản hiện hành", "superseded": "bản đã được thay"}
ORIGINAL_MISSING = "Thiếu tệp gốc «{file_name}» của báo cáo {unit}, {period} ({status}): không có {path}."
ORIGINAL_ALTERED = (
    "Tệp gốc «{file_name}» của báo cáo {unit}, {period} ({status}) đã bị thay đổi: mã SHA-256 không khớp ({path})."
)
HEALTH_TITLE = "Tình trạng hệ thống"
HEALTH_CAPTION = (
    "Kiểm tra cơ sở dữ liệu, kho tệp gốc, dung lượng ổ đĩa còn trống và bản sao lưu gần nhất. Trang tự kiểm tra "
    "lại mỗi lần mở; việc đọc lại từng tệp gốc để đối chiếu mã SHA-256 chạy khi bấm nút ở cuối trang."
)
HEALTH_CHECKING = "Đang kiểm tra…"
HEALTH_VERIFY_TITLE = "Đối chiếu mã SHA-256 của tệp gốc"
HEALTH_VERIFY_CAPTION = (
    "Đọc lại từng tệp gốc và so với mã SHA-256 ghi lại khi nhận báo cáo; với kho tệp lớn có thể mất một lúc. "
    "Lệnh python -m etl health luôn đối chiếu toàn bộ."
)
HEALTH_VERIFY_BUTTON = "Kiểm tra toàn bộ tệp gốc"
HEALTH_VERIFY_LAST = "Lần kiểm tra toàn bộ gần nhất: lúc {when}."
HEALTH_VERIFY_NEVER = "Chưa kiểm tra toàn bộ tệp gốc từ khi máy chủ khởi động."
HEALTH_SUMMARY = {
    "ok": "Mọi kiểm tra đều ổn.",
    "warning": "Có điểm cần lưu ý: xem các dòng cảnh báo.",
    "error": "Có lỗi cần xử lý ngay: xem các dòng lỗi.",
}
HEALTH_LEVELS = {"ok": "✔ Ổn", "warning": "▲ Cảnh báo", "error": "✖ Lỗi"}  # no emoji font needed
HEALTH_COLUMNS = ("Mức", "Nội dung")
HEALTH_NO_DATABASE = "Không có tệp cơ sở dữ liệu {path}."
HEALTH_UNREADABLE = "Không mở được cơ sở dữ liệu {path}: {error}"
HEALTH_SCHEMA_OK = "Cơ sở dữ liệu {path} mở được; cấu trúc ở phiên bản {version}, đúng với chương trình."
HEALTH_SCHEMA_MISMATCH = (
    "Cấu trúc cơ sở dữ liệu {path} (phiên bản {found}) không khớp với chương trình (phiên bản {expected}): "
    "có thể cơ sở dữ liệu được tạo bởi một phiên bản chương trình khác."
)
HEALTH_COUNTS = "Có {submissions} phiên bản báo cáo ({current} bản hiện hành), {users} tài khoản, {audit} dòng nhật ký."
HEALTH_DEMO_ACCOUNTS = (
    "Tài khoản mẫu vẫn dùng mật khẩu công bố trong README: {accounts}. Ai đọc README cũng đăng nhập được bằng "
    "các tài khoản này: cơ sở dữ liệu này chỉ dành cho dữ liệu mẫu, không được dùng cho số liệu thật. Hãy khóa "
    "các tài khoản này (trang Tài khoản) hoặc đặt mật khẩu mới: python -m etl users set-password --username TÊN."
)
HEALTH_DEMO_ADMIN = " Trong đó có tài khoản quản trị: ai cũng có thể tạo tài khoản và sửa kế hoạch."
HEALTH_DEMO_ACCOUNT = "{username} ({role})"
HEALTH_ORIGINALS_OK = "Đủ {count} tệp gốc của các báo cáo trong {path}; mọi tệp khớp mã SHA-256."
HEALTH_ORIGINALS_PRESENT = (
    f"Đủ {{count}} tệp gốc của các báo cáo trong {{path}} (mã SHA-256 được đối chiếu khi bấm «{HEALTH_VERIFY_BUTTON}»)."
)
HEALTH_ORPHAN = (
    "Tệp «{path}» trong kho tệp gốc không thuộc báo cáo nào (thường còn lại sau một lần nạp bị gián đoạn); "
    "không ảnh hưởng số liệu, có thể xóa."
)
HEALTH_DISK = "Ổ đĩa chứa {what} còn trống {free} trên {total} ({percent})."
HEALTH_DISK_LOW = " Hãy giải phóng dung lượng: khi còn dưới {limit}, việc nạp báo cáo và sao lưu có thể thất bại."
HEALTH_DISK_WHAT = {
    "both": "cơ sở dữ liệu và kho tệp gốc",
    "database": "cơ sở dữ liệu",
    "archive": "kho tệp gốc",
}
HEALTH_BACKUP_NOT_CONFIGURED = (
    "Chưa cấu hình thư mục sao lưu: không biết lần sao lưu gần nhất là khi nào. Đặt biến môi trường {env} "
    "(hoặc --backups khi chạy python -m etl health) là thư mục chứa các bản sao lưu."
)
HEALTH_BACKUP_NONE = "Chưa có bản sao lưu nào trong {folder}: hãy sao lưu (python -m etl backup -o THƯ_MỤC)."
HEALTH_BACKUP_RECENT = "Bản sao lưu gần nhất lúc {when} ({folder}), cách đây {age}."
HEALTH_BACKUP_OLD = "Bản sao lưu gần nhất đã cũ: lúc {when} ({folder}), cách đây {age}. Hãy sao lưu lại."
HEALTH_AGE_DAYS = "{count} ngày"
HEALTH_AGE_HOURS = "{count} giờ"
HEALTH_AGE_MINUTES = "{count} phút"

# --- navigation (dashboard.py): each page's name in the sidebar, by its file in pages/ ---
NAVIGATION_SECTIONS = {"": "", "figures": "Số liệu", "reports": "Báo cáo", "admin": "Quản trị"}
NAVIGATION_TITLES = {
    "start": APP_TITLE,
    "home": "Kế hoạch năm",
    "unit_reports": UNIT_REPORTS_TITLE,
    "todo": TODO_TITLE,
    "overview": OVERVIEW_TITLE,
    "indicator": INDICATOR_TITLE,
    "scorecard": SCORECARD_TITLE,
    "unit": UNIT_TITLE,
    "reporting": REPORTING_TITLE,
    "review": REVIEW_TITLE,
    "mail": "Thư điện tử",
    "decisions": "Kết luận",
    "quality": QUALITY_TITLE,
    "present": PRESENT_TITLE,
    "submit": SUBMIT_TITLE,
    "history": HISTORY_TITLE,
    "plans": "Kế hoạch",
    "users": USERS_TITLE,
    "audit": AUDIT_TITLE,
    "health": HEALTH_TITLE,
}
# The home page's table of plans (screens/home.py), by column of the query list_plans.
HOME_PLANS_COLUMNS = {
    "plan_id": "Mã kế hoạch",
    "province_name": "Tỉnh, thành phố",
    "year": "Năm",
    "document_number": "Số hiệu văn bản",
    "title": "Tên kế hoạch",
    "count_units": "Đơn vị báo cáo",
    "count_targets": "Chỉ tiêu",
}


# ==================================================================================================
# The report form and its files (etl/): what a district clerk reads about a file.
# ==================================================================================================

# --- workbook reading (etl/readers/) -------------------------------------------
# What the clerk is told when a file cannot be read at all; {file_name} is the uploaded file's name.
WORKBOOK_NOT_SPREADSHEET = (
    "Tệp «{file_name}» là {found}, không phải là bảng tính Excel hoặc OpenDocument. "
    "Hãy nộp tệp .xlsx, .xls hoặc .ods theo mẫu Biểu 01/PCMD."
)
WORKBOOK_XLSB = (
    "Tệp «{file_name}» được lưu ở dạng Excel nhị phân (.xlsb), hệ thống chưa đọc được dạng này. "
    "Hãy mở tệp trong Excel, chọn File > Save As > Excel Workbook (*.xlsx) rồi nộp lại."
)
WORKBOOK_DAMAGED = (
    "Tệp «{file_name}» bị hỏng hoặc không đầy đủ (có thể do tải lên bị gián đoạn), hệ thống không đọc được. "
    "Hãy mở tệp bằng Excel: nếu mở được, lưu lại (File > Save As) rồi nộp lại; nếu không, hãy lập lại biểu từ mẫu."
)
WORKBOOK_PASSWORD = (
    "Tệp «{file_name}» đang được đặt mật khẩu nên hệ thống không đọc được. Hãy gỡ mật khẩu (File > Info > "
    "Protect Workbook > Encrypt with Password, xóa mật khẩu, bấm OK và lưu) rồi nộp lại."
)
WORKBOOK_UNSAFE_XML = (
    "Tệp «{file_name}» có khai báo DOCTYPE/ENTITY trong phần «{part}». Excel và LibreOffice không bao giờ ghi như "
    "vậy, nên tệp có thể đã bị sửa thủ công hoặc chứa mã độc; hệ thống không mở tệp này. Hãy nộp tệp biểu được lưu "
    "trực tiếp từ Excel hoặc LibreOffice."
)
WORKBOOK_TOO_BIG = (
    "Tệp «{file_name}» nặng {found}, vượt giới hạn {limit}. Biểu 01/PCMD thường chỉ nặng vài chục KB; hãy xóa hình "
    "ảnh và trang tính không cần thiết, lưu lại rồi nộp."
)
WORKBOOK_TOO_MANY_PARTS = (
    "Tệp «{file_name}» chứa {found} bên trong, vượt giới hạn {limit} của một bảng tính. Hãy mở tệp bằng Excel, "
    "xóa các trang tính và hình ảnh thừa, lưu lại rồi nộp."
)
WORKBOOK_ZIP_BOMB = (
    "Tệp «{file_name}» có phần dữ liệu nén bất thường (tỷ lệ nén {ratio}:1, giới hạn {limit}:1), dấu hiệu của tệp "
    "hỏng hoặc độc hại nên hệ thống không mở. Hãy nộp tệp biểu được lưu trực tiếp từ Excel hoặc LibreOffice."
)
WORKBOOK_PART_TOO_BIG = (
    "Phần dữ liệu «{part}» trong tệp «{file_name}» quá lớn ({found}, giới hạn {limit}). Hãy xóa dữ liệu và định "
    "dạng thừa, lưu lại bằng Excel rồi nộp."
)
WORKBOOK_UNZIPPED_TOO_BIG = (
    "Tệp «{file_name}» khi giải nén nặng {found}, vượt giới hạn {limit}. Hãy xóa dữ liệu và hình ảnh không cần "
    "thiết, lưu lại rồi nộp."
)
WORKBOOK_TOO_MANY_SHEETS = (
    "Tệp «{file_name}» có {found}, vượt giới hạn {limit}. Biểu 01/PCMD chỉ cần trang biểu (và trang ChiTietXa nếu "
    "có); hãy xóa các trang thừa rồi nộp lại."
)
WORKBOOK_SHEET_TOO_LARGE = (
    "Trang tính «{sheet}» trong tệp «{file_name}» quá lớn: {found}, vượt giới hạn {limit}. Thường do có dữ liệu "
    "hoặc định dạng ở ô rất xa; hãy xóa các dòng, cột thừa (chọn rồi bấm chuột phải > Delete), lưu lại rồi nộp."
)
WORKBOOK_TOO_MANY_CELLS = (
    "Tệp «{file_name}» có tổng cộng {found} trên các trang tính, vượt giới hạn {limit}. Hãy xóa các trang tính, "
    "dòng, cột thừa, lưu lại rồi nộp."
)
WORKBOOK_TOO_MUCH_TEXT = (
    "Tệp «{file_name}» chứa {found} văn bản trong các ô (một đoạn văn bản lặp lại ở nhiều ô được tính ở mỗi ô), "
    "vượt giới hạn {limit}. Biểu 01/PCMD chỉ có vài nghìn ký tự; hãy xóa các ô chứa đoạn văn dài hoặc được chép ra "
    "nhiều ô, lưu lại rồi nộp."
)
# What was found (Problem.found, and {found} above).
WORKBOOK_FOUND_EMPTY = "tệp rỗng (0 byte)"
WORKBOOK_FOUND_PDF = "tệp PDF"
WORKBOOK_FOUND_IMAGE = "tệp ảnh (ảnh chụp hoặc bản quét)"
WORKBOOK_FOUND_HTML = "trang web (HTML)"
WORKBOOK_FOUND_TEXT = "tệp văn bản thuần (CSV hoặc TXT)"
WORKBOOK_FOUND_ZIP = "tệp nén ZIP"
WORKBOOK_FOUND_WORD = "tài liệu Word"
WORKBOOK_FOUND_POWERPOINT = "bản trình chiếu PowerPoint"
WORKBOOK_FOUND_OPENDOCUMENT = "tài liệu OpenDocument không phải bảng tính (văn bản hoặc trình chiếu)"
WORKBOOK_FOUND_OLD_OFFICE = "tài liệu Office dạng cũ không phải bảng tính (Word .doc hoặc PowerPoint .ppt)"
WORKBOOK_FOUND_UNKNOWN = "một loại tệp không nhận ra được"
WORKBOOK_FOUND_XLSB = "bảng tính Excel nhị phân (.xlsb)"
WORKBOOK_FOUND_DAMAGED = "cấu trúc tệp không hợp lệ"
WORKBOOK_FOUND_PASSWORD = "tệp có mật khẩu"
WORKBOOK_FOUND_AREA = "dùng vùng từ A1 đến {cell} ({cells} ô)"
WORKBOOK_FOUND_CELLS = "hơn {cells} ô có dữ liệu"
WORKBOOK_FOUND_DECLARED = "khai báo vùng {cells} ô"
WORKBOOK_FOUND_ELEMENTS = "hơn {count} phần tử XML"
# What was expected (Problem.expected), and the units of counts and limits.
WORKBOOK_EXPECTED_FORMATS = "bảng tính .xlsx, .xls hoặc .ods theo mẫu Biểu 01/PCMD"
WORKBOOK_EXPECTED_OPENS = "tệp bảng tính mở được bằng Excel hoặc LibreOffice"
WORKBOOK_EXPECTED_NO_PASSWORD = "tệp không đặt mật khẩu"
WORKBOOK_AT_MOST = "tối đa {limit}"
WORKBOOK_RATIO = "tỷ lệ nén {ratio}:1"
WORKBOOK_RATIO_AT_MOST = "tỷ lệ nén tối đa {ratio}:1"
WORKBOOK_COUNT_PARTS = "{count} phần dữ liệu"
WORKBOOK_COUNT_SHEETS = "{count} trang tính"
WORKBOOK_COUNT_CELLS = "{count} ô"
WORKBOOK_COUNT_ELEMENTS = "{count} phần tử XML"
WORKBOOK_COUNT_CHARACTERS = "{count} ký tự"

# --- a file named on the command line (etl/reading.py, read_path) ---------------
FILE_MISSING = (
    "Không tìm thấy tệp «{file_name}» ở đường dẫn {path}. Hãy kiểm tra lại tên tệp và thư mục rồi chạy lại lệnh."
)
FILE_UNREADABLE = "Không đọc được tệp «{file_name}» ở đường dẫn {path}: {found}. Hãy kiểm tra tệp rồi chạy lại lệnh."
FILE_FOUND_NOTHING = "không có tệp nào ở đường dẫn này"
FILE_FOUND_FOLDER = "đây là một thư mục, không phải một tệp"
FILE_FOUND_NO_PERMISSION = "không có quyền đọc tệp"
FILE_FOUND_OS_ERROR = "hệ điều hành báo lỗi số {errno} khi đọc"
FILE_EXPECTED = "đường dẫn tới một tệp biểu .xlsx, .xls hoặc .ods đọc được"

# --- form and checks (etl/form.py, etl/checks.py) -----------------------------
NO_TABLE = "Không tìm thấy bảng số liệu của Biểu 01/PCMD trong tệp."
NO_TABLE_EXPECTED = "một dòng tiêu đề bảng có các cột «Mã chỉ tiêu» và «Kết quả»"
UNKNOWN_CODE = "Mã chỉ tiêu «{code}» không có trong Biểu 01/PCMD; dòng này được bỏ qua."
PERIOD_MISSING = "Không tìm thấy dòng «Kỳ báo cáo:» ở phần đầu biểu."
PERIOD_EXPECTED = "ví dụ «Quý II năm 2023», «6 tháng đầu năm 2023» hoặc «Năm 2023»"
PERIOD_UNREADABLE = "Không đọc được kỳ báo cáo «{found}»."
PERIOD_NOT_OPEN = "Kỳ báo cáo {label} chưa bắt đầu nên chưa thể nộp báo cáo."
UNIT_MISSING = "Không tìm thấy «Mã đơn vị:» hay «Đơn vị báo cáo:» ở phần đầu biểu."
UNIT_EXPECTED = "mã đơn vị theo danh mục hành chính, ví dụ «178»"
UNIT_UNKNOWN = "Mã đơn vị «{found}» không có trong danh mục đơn vị hành chính năm {year}."
UNIT_NOT_IN_PLAN = "Đơn vị «{found}» ({name}) không thuộc đơn vị báo cáo của kế hoạch nào năm {year}."
UNIT_NAME_UNKNOWN = "Không nhận ra đơn vị «{found}» trong các đơn vị báo cáo năm {year}; hãy ghi «Mã đơn vị:»."
UNIT_NOT_YOURS = (
    "Tài khoản này chỉ được nộp báo cáo của {units}. Tệp này là báo cáo của {name} (mã {found}), nên không được nhận."
)
UNIT_NOT_YOURS_EXPECTED = "mã đơn vị của tài khoản: {codes}"
UNIT_NOT_YOURS_UNIT = "{name} (mã {code})"  # each of the account's units in {units} of UNIT_NOT_YOURS
UNIT_NAME_MISMATCH = "Tên đơn vị «{found}» không khớp với mã {code} ({name}); số liệu được ghi cho {name}."
CODE_MISSING = "Không có dòng chỉ tiêu {code} ({label}); chỉ tiêu này được coi là chưa báo cáo."
FORMULA_NO_VALUE = (
    "Ô có công thức nhưng chưa có kết quả tính (chỉ tiêu {code}). Hãy mở tệp bằng Excel, lưu lại rồi nộp."
)
EXPECTED_INTEGER = "số nguyên ≥ 0; để trống hoặc «x» nếu chưa có số liệu, «-» nếu bằng 0"
EXPECTED_DECIMAL = "số ≥ 0 (phần thập phân dùng dấu phẩy, ví dụ 12,5); để trống nếu chưa có số liệu"
VALUE_NOT_NUMBER = "Chỉ tiêu {code}: «{found}» {reason}."
# Why a cell is not a number ({reason} above; etl/numbers.py).
NUMBER_BOOLEAN = "giá trị đúng/sai, không phải số"
NUMBER_NOT_FINITE = "không phải số hữu hạn"
NUMBER_NOT_NUMBER = "không phải số"
NUMBER_EXTRA_TEXT = "bên cạnh số có «{text}»: chỉ được ghi số"
NUMBER_EXTRA_TEXT_UNIT = "bên cạnh số có «{text}»: chỉ được ghi số, có thể kèm đơn vị tính «{unit}»"
NUMBER_UNREADABLE = "không đọc được số"
VALUE_NEGATIVE = "Chỉ tiêu {code}: «{found}» là số âm."
VALUE_NOT_WHOLE = "Chỉ tiêu {code}: «{found}» không phải số nguyên."
CODE_TWICE = "Chỉ tiêu {code} xuất hiện hai lần với hai giá trị khác nhau: {first_value} (ô {first_cell}) và {found}."
NO_VALUES = "Biểu không có số liệu nào: mọi ô «Kết quả» đều trống."
YES_NO_EXPECTED = "«{found}» không phải «Có» hoặc «Không»."
COUNT_EXPECTED = "«{found}» không phải số nguyên ≥ 0."
COMMUNES_EMPTY = (
    "Trang {sheet} chưa có số liệu của xã nào: báo cáo vẫn được nhận, nhưng trang Đơn vị sẽ không có chi tiết theo xã."
)
COMMUNES_EMPTY_EXPECTED = "số liệu của từng xã ở các cột {columns}"
RULES_NEED_REASON = (
    "Tệp có số liệu vi phạm quy tắc kiểm tra (xem các cảnh báo): chỉ nhận khi người gửi ghi lý do; các số liệu "
    "đó chưa được tính cho đến khi Ban thư ký xác minh."
)
RULES_NEED_REASON_EXPECTED = (
    "sửa số liệu, hoặc gửi lại kèm lý do (trên trang Nộp báo cáo, hoặc --reason khi nạp bằng lệnh)"
)
COMMUNE_TOTAL_DIFFERS = "{label} ghi {found}, nhưng tổng cột «{column}» ở trang {commune_sheet} là {total}."
COMMUNE_TOTAL_EXPECTED = "bằng tổng ở trang {commune_sheet} ({total})"
NUMERATOR_ABOVE_DENOMINATOR = "{numerator} ({found}) lớn hơn {denominator} ({denominator_value})."
NUMERATOR_EXPECTED = "không lớn hơn {denominator_value}"
CUMULATIVE_FELL = "{label} là số lũy kế từ đầu năm nhưng giảm từ {previous} ({previous_period}) xuống {found}."
CUMULATIVE_EXPECTED = "từ {previous} trở lên"
STOCK_JUMPED = (
    "{label} thay đổi bất thường: {previous} ở báo cáo {previous_period}, nay là {found}."
    " Hãy kiểm tra lại (gõ thừa hoặc thiếu chữ số, điền nhầm dòng)."
)
STOCK_EXPECTED = "gần với {previous}"
UNEXPECTED_FAILURE = (
    "Không đọc được tệp do một lỗi không lường trước. Tệp chưa được ghi nhận; "
    "hãy gửi tệp này cho bộ phận quản trị để kiểm tra."
)

# --- the report form template (etl/template.py) -------------------------------
FORM_CODE = "Biểu 01/PCMD"  # the official form's code and title, written at its top (the reader does not look for them)
FORM_TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC PHÒNG, CHỐNG MẠI DÂM"
FORM_RECIPIENT = "Kính gửi: {owner}"  # under the title: the plan's owner (core/plans.owner_of)
# Excel refuses a validation whose title exceeds 32 characters or whose text exceeds 255.
MSG_UNKNOWN_UNIT = (
    "Không có đơn vị mã «{unit_code}» trong danh mục đơn vị hành chính áp dụng cho năm {year}: {structure}."
)
MSG_BAD_PERIOD = "Không tạo được biểu mẫu: {reason}"
ERROR_TITLE = "Giá trị không hợp lệ"
INTEGER_PROMPT_TITLE = "Kết quả (số nguyên)"
INTEGER_PROMPT = "Nhập số nguyên từ 0 trở lên. Không phát sinh thì nhập 0; chưa có số liệu thì để trống."
INTEGER_ERROR = "Kết quả phải là số nguyên từ 0 trở lên (0, 1, 2, …), không kèm chữ hay đơn vị tính."
DECIMAL_PROMPT_TITLE = "Kết quả (số thập phân)"
DECIMAL_PROMPT = (
    "Nhập số từ 0 trở lên, có thể có phần thập phân. Không phát sinh thì nhập 0; chưa có số liệu thì để trống."
)
DECIMAL_ERROR = "Kết quả phải là một số từ 0 trở lên, không kèm chữ hay đơn vị tính."
DATE_PROMPT_TITLE = "Ngày lập báo cáo"
DATE_PROMPT = "Nhập ngày theo dạng ngày/tháng/năm, ví dụ {example}."
DATE_ERROR = "Ngày lập báo cáo phải là một ngày từ {first} đến {last}, nhập theo dạng ngày/tháng/năm."
AUTHOR_PROMPT_TITLE = "Người lập"
AUTHOR_PROMPT = "Nhập họ và tên người lập báo cáo."
AUTHOR_ERROR = "Họ và tên người lập dài quá 100 ký tự."
NOTE_PROMPT_TITLE = "Ghi chú"
NOTE_PROMPT = "Ghi chú thêm về số liệu của dòng này (nếu có)."
NOTE_ERROR = "Ghi chú dài quá 255 ký tự; xin viết gọn lại."
CHOICE_PROMPT_TITLE = "Có hoặc Không"
CHOICE_PROMPT = "Chọn «{yes}» hoặc «{no}» trong danh sách."
CHOICE_ERROR = "Chỉ nhập «{yes}» hoặc «{no}»."
COUNT_PROMPT_TITLE = "Số lượng"
COUNT_PROMPT = "Nhập số nguyên từ 0 trở lên; chưa có số liệu thì để trống."
COUNT_ERROR = "Phải là số nguyên từ 0 trở lên (0, 1, 2, …)."
COMMUNE_PAGE_HEADER = "{form_code} — Chi tiết theo xã — {unit_name} — {period}"
PAGE_FOOTER = "Trang &P/&N"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGNATURE_PLACE_DATE = "……………, ngày …… tháng …… năm ………"
SIGNATURE_AUTHOR = "NGƯỜI LẬP BIỂU"
SIGNATURE_AUTHOR_HINT = "(Ký, ghi rõ họ tên)"
SIGNATURE_HEAD = "THỦ TRƯỞNG ĐƠN VỊ"
SIGNATURE_HEAD_HINT = "(Ký tên, đóng dấu)"

# --- the highlighted workbook of a rejected file (etl/annotate.py) ---
ANNOTATION_AUTHOR = "Hệ thống theo dõi chỉ tiêu"  # the author Excel shows on each note
ANNOTATION_ERROR = "LỖI: {message}"
ANNOTATION_WARNING = "CẢNH BÁO: {message}"
ANNOTATION_FOUND = "Giá trị gặp: {found}"
ANNOTATION_EXPECTED = "Cần: {expected}"
# Sheet and file names without diacritics: they survive old Excel versions, zip tools and e-mail unchanged.
PROBLEM_LIST_SHEET = "DanhSachLoi"
ANNOTATED_FILE_SUFFIX = "_can_sua"  # Bieu01_183.xls -> Bieu01_183_can_sua.xlsx
PROBLEM_LIST_TITLE = "Các ô có lỗi được tô màu và có ghi chú. Sửa xong, xóa trang này (hoặc để nguyên) rồi nộp lại."
PROBLEM_LIST_HEADERS = ("STT", "Loại", "Trang tính", "Ô", "Nội dung", "Giá trị gặp", "Cần")
PROBLEM_KIND_ERROR = "Lỗi"
PROBLEM_KIND_WARNING = "Cảnh báo"

# ==================================================================================================
# The command line (etl/cli.py): what `python -m etl` prints.
# ==================================================================================================

# --- command line (etl/cli.py) -------------------------------------------------
CLI_ERROR = "Lỗi: {error}"  # a refusal of the core (plan, engine, template, account, backup)
INIT_DONE = "Cơ sở dữ liệu sẵn sàng: {path}"
STATUS_WORDS = {"accepted": "ĐÃ NHẬN", "rejected": "BỊ TỪ CHỐI", "unchanged": "KHÔNG ĐỔI (đã nộp trước đó)"}
LOAD_LINE = "{file}: {status}"
LOAD_WHAT = "  Đơn vị {unit}, kỳ {period}"
LOAD_SUPERSEDES = "  Thay thế báo cáo đã nộp trước đó (số {previous}); báo cáo cũ vẫn lưu trong lịch sử."
LOAD_ERROR = "  Lỗi: {where}{message}"
LOAD_WARNING = "  Cảnh báo: {where}{message}"
LOAD_EXPECTED = "    (cần: {expected})"
LOAD_SUMMARY = "Tổng cộng {total} tệp: {accepted} đã nhận, {unchanged} không đổi, {rejected} bị từ chối."
LOAD_PROGRESS = "Đang nạp"
EXPORT_DONE = "Đã xuất {count} dòng ra {path}."
TEMPLATE_DONE = "Đã tạo biểu mẫu: {path}"
DEMO_REFUSED = (
    "Cơ sở dữ liệu {path} đã có {users} tài khoản và {submissions} báo cáo: không tạo dữ liệu mẫu trong đó. "
    "Dữ liệu mẫu gồm các báo cáo giả và các tài khoản mẫu có mật khẩu công bố trong README (một tài khoản là "
    "quản trị): trong một cơ sở dữ liệu đang dùng, ai cũng đăng nhập được. Không có gì bị thay đổi. "
    "Dữ liệu mẫu chỉ được tạo trong một tệp mới: hãy chọn tệp khác bằng --db, ví dụ --db data/mau.duckdb."
)
DEMO_DONE = (
    "Dữ liệu mẫu đã nạp vào {path}: {accepted} báo cáo được nhận, {unchanged} không đổi, "
    "{rejected} bị từ chối. Các biểu mẫu nằm ở {forms}."
)

# --- the meeting pack on the command line (python -m etl report) ---
REPORT_DONE = "Đã tạo tài liệu họp: {path} ({slides} chỉ tiêu)"

# --- accounts on the command line (python -m etl users); two passwords that differ: USERS_PASSWORDS_DIFFER ---
CLI_USERS_PASSWORD_PROMPT = "Mật khẩu: "
CLI_USERS_PASSWORD_AGAIN = "Nhập lại mật khẩu: "
CLI_USERS_ADDED = "Đã tạo tài khoản {username} ({role})."
CLI_USERS_PASSWORD_SET = "Đã đặt mật khẩu mới cho {username}; tài khoản đã được mở khóa."
CLI_USERS_INACTIVE = "\t(đã khóa)"
DEMO_ACCOUNTS_DONE = "Tài khoản mẫu (chỉ dùng cho dữ liệu mẫu): {accounts}"
CLI_DATABASE_BUSY = (
    "Cơ sở dữ liệu đang được một chương trình khác sử dụng (ứng dụng web hoặc một lệnh khác) và chưa rảnh "
    "sau {seconds} giây. Chưa có gì được ghi: hãy chạy lại lệnh sau ít phút."
)

# --- backup, restore and the health check (python -m etl backup | restore | health) ---
BACKUP_DONE = (
    "Đã sao lưu vào {folder}: cơ sở dữ liệu ({submissions} phiên bản báo cáo, {users} tài khoản) và {files} tệp gốc, "
    "kèm bản kê manifest.json."
)
BACKUP_PROBLEM = "Cảnh báo: {problem} Tệp này không có trong bản sao lưu."
BACKUP_KEY_CREATED = (
    "Đã tạo khóa ký bản sao lưu {key} (chỉ tài khoản này đọc được). Hãy cất một bản sao của tệp khóa ở nơi an toàn, "
    "tách khỏi các bản sao lưu: thiếu nó, khi khôi phục trên máy mới không kiểm chứng được bản sao lưu."
)
RESTORE_DONE = (
    "Đã khôi phục {path} từ bản sao lưu lúc {created_at} ({submissions} phiên bản báo cáo); "
    "đã chép {files} tệp gốc vào {archive}."
)
RESTORE_KEPT = "Cơ sở dữ liệu trước khi khôi phục được giữ lại tại {path}."
RESTORE_UNVERIFIED = "Cảnh báo: {problem} Đã khôi phục vì có --accept-unverified."
RESTORE_ACCOUNTS_ACCEPTED = "Các thay đổi tài khoản được chấp nhận (--accept-accounts):"
RESTORE_ACCOUNTS_ASK = "Khôi phục sẽ làm các tài khoản sau thay đổi:"
RESTORE_ACCOUNT_LINE = "- {change}"
RESTORE_CONFIRM = "Khôi phục và chấp nhận các thay đổi tài khoản trên? Gõ «có» rồi Enter để tiếp tục, Enter để hủy: "
RESTORE_YES = ("có", "co", "c", "yes", "y")  # answers to RESTORE_CONFIRM that go ahead (after NFC, lower case)
RESTORE_BUSY = (
    "Cơ sở dữ liệu {path} đang được một chương trình khác mở (thường là ứng dụng web). Hãy dừng ứng dụng web "
    "rồi chạy lại lệnh khôi phục. Chưa có gì thay đổi."
)
CLI_HEALTH_LEVELS = {"ok": "[ỔN]", "warning": "[CẢNH BÁO]", "error": "[LỖI]"}

# --- the command line's help (etl/cli.py, python -m etl --help) ---
CLI_DESCRIPTION = "Công cụ dòng lệnh của hệ thống theo dõi chỉ tiêu."
CLI_HELP_DB = "tệp DuckDB (mặc định data/kpi.duckdb hoặc biến môi trường {env_var})"
CLI_HELP_INIT = "tạo hoặc nâng cấp cơ sở dữ liệu, nạp danh mục và kế hoạch"
CLI_HELP_INDICATORS = "tính các chỉ số của một kế hoạch cho một kỳ"
CLI_HELP_PLAN = "mã kế hoạch, ví dụ lang-son-2023"
CLI_HELP_INDICATORS_PERIOD = "kỳ báo cáo: 2023Q2, 2023S1, 2023"
CLI_HELP_UNIT = "mã đơn vị (mặc định: toàn tỉnh)"
CLI_HELP_BREAKDOWN = "thêm một dòng cho mỗi đơn vị báo cáo"
CLI_HELP_OUTPUT = "ghi ra tệp thay vì màn hình"
CLI_HELP_LOAD = "nạp một hoặc nhiều tệp Biểu 01/PCMD"
CLI_HELP_JSON = "in kết quả dạng JSON"
CLI_HELP_SENDER = "người gửi (mặc định: tài khoản hiện tại)"
CLI_HELP_EXPORT = "xuất số liệu hiện hành"
CLI_HELP_TEMPLATE = "tạo Biểu 01/PCMD điền sẵn cho một đơn vị, một kỳ"
CLI_HELP_REPORT = "tạo tài liệu họp (bản trình chiếu hoặc PDF) hoặc dự thảo báo cáo kết quả (Word)"
CLI_HELP_REPORT_PERIOD = "kỳ báo cáo: 2023Q4, 2023S1, 2023"
DEMO_REASON = "Đơn vị đã rà soát lại, số liệu đúng như báo cáo."  # a demo clerk's reason to send a broken rule
CLI_HELP_REASON = (
    "lý do gửi các tệp có số liệu vi phạm quy tắc kiểm tra (thiếu lý do thì các tệp đó bị từ chối; có lý do thì "
    "các số liệu đó được giữ lại chờ Ban thư ký xác minh)"
)
CLI_HELP_AS_OF = (
    "tính đến ngày nào, dạng 2023-12-31: hạn nộp báo cáo được xét vào ngày này (mặc định: hôm nay, hoặc hạn báo "
    "cáo cuối cùng của năm nếu năm đã qua; không sớm hơn ngày nhận báo cáo mới nhất)"
)
CLI_HELP_USERS = "quản lý tài khoản: thêm, đặt mật khẩu, liệt kê"
CLI_HELP_USERS_ADD = "thêm tài khoản (quản trị đầu tiên được tạo như vậy)"
CLI_HELP_USERS_UNIT = "mã đơn vị báo cáo (cán bộ đơn vị; lặp lại nếu nhiều đơn vị)"
CLI_HELP_PASSWORD_STDIN = "đọc mật khẩu từ dòng đầu của đầu vào chuẩn"
CLI_HELP_USERS_SET_PASSWORD = "đặt lại mật khẩu, mở khóa tài khoản"
CLI_HELP_USERS_LIST = "liệt kê các tài khoản"
CLI_HELP_DEMO = "tạo dữ liệu mẫu: một năm báo cáo của Lạng Sơn 2023"
CLI_HELP_DEMO_FORMS = "thư mục ghi các biểu mẫu đã điền (mặc định data/demo-forms)"
CLI_HELP_ACTOR = "người thực hiện, ghi vào nhật ký (mặc định: tài khoản hiện tại)"
CLI_HELP_KEY = (
    "tệp khóa ký bản sao lưu (mặc định: biến môi trường {env_var}, "
    "hoặc backup.key cạnh cơ sở dữ liệu; sao lưu tạo khóa nếu chưa có)"
)
CLI_HELP_BACKUP = "sao lưu cơ sở dữ liệu và tệp gốc (cả khi ứng dụng web đang chạy)"
CLI_HELP_BACKUP_OUTPUT = "thư mục mới hoặc trống để ghi bản sao lưu"
CLI_HELP_RESTORE = "khôi phục từ một bản sao lưu (hãy dừng ứng dụng web trước)"
CLI_HELP_RESTORE_FOLDER = "thư mục bản sao lưu (có tệp manifest.json)"
CLI_HELP_ACCEPT_UNVERIFIED = (
    "khôi phục cả bản sao lưu không kiểm chứng được chữ ký (không có khóa, bản cũ chưa ký, khóa khác)"
)
CLI_HELP_ACCEPT_ACCOUNTS = (
    "chấp nhận các thay đổi tài khoản được liệt kê mà không hỏi (bắt buộc khi không có cửa sổ dòng lệnh)"
)
CLI_HELP_HEALTH = "kiểm tra cơ sở dữ liệu, kho tệp gốc, dung lượng đĩa"
CLI_HELP_BACKUPS = "thư mục chứa các bản sao lưu, để xem bản gần nhất (mặc định: biến môi trường {env_var})"

# --- e-mail (issue 20, item 3: core/mail.py, core/outbox.py, notify/) --------------------------------------------
MAIL_SECURITIES = {"starttls": "STARTTLS", "ssl": "SSL/TLS", "none": "không mã hoá"}
MAIL_CONFIG = "{host}:{port} ({security}), gửi từ {sender}, {account}"
MAIL_CONFIG_ACCOUNT = "tài khoản {user}"
MAIL_CONFIG_NO_ACCOUNT = "không đăng nhập"
MAIL_BAD_SETTING = "Thiết lập thư điện tử {name} không hợp lệ: «{found}»; cần {expected}."
MAIL_OFF = "Chưa cấu hình máy chủ thư (KPI_SMTP_HOST): thư chỉ xem trước được, chưa gửi đi."
MAIL_NO_SERVER = "Không kết nối được máy chủ thư {where} ({error}). Thư được giữ lại và sẽ gửi lại ở lần chạy sau."
MAIL_AUTH_FAILED = (
    "Máy chủ thư {where} từ chối đăng nhập của tài khoản {user}: kiểm tra KPI_SMTP_USER và mật khẩu. "
    "Thư được giữ lại và sẽ gửi lại ở lần chạy sau."
)
MAIL_NO_STARTTLS = (
    "Máy chủ thư {where} không hỗ trợ STARTTLS: kiểm tra cổng (KPI_SMTP_PORT) và KPI_SMTP_SECURITY. "
    "Thư được giữ lại và sẽ gửi lại ở lần chạy sau."
)
MAIL_TLS_FAILED = (
    "Không mã hoá được kết nối tới máy chủ thư {where} ({error}): kiểm tra chứng chỉ (KPI_SMTP_CA_FILE). "
    "Thư được giữ lại và sẽ gửi lại ở lần chạy sau."
)
MAIL_SERVER_REFUSED = "Máy chủ thư {where} báo lỗi ({error}). Thư được giữ lại và sẽ gửi lại ở lần chạy sau."
MAIL_MESSAGE_REFUSED = "Máy chủ thư không nhận thư này ({error}); thư được giữ lại để gửi lại."
MAIL_SOME_REFUSED = "Máy chủ thư không nhận các địa chỉ: {addresses}; thư được giữ lại để gửi lại."
MAIL_DELIVERY = "Đã gửi {sent} thư, {failed} thư chưa gửi được, {expired} thư quá hạn không gửi."
MAIL_SUBJECT = "[BCĐ 138] {subject}"
MAIL_GREETING = "Kính gửi {to},"
MAIL_FOOTER = (
    "\n\n--\nThư gửi tự động từ hệ thống theo dõi chỉ tiêu của Ban Chỉ đạo 138; xin không trả lời thư này. "
    "Cần trao đổi, xin liên hệ Văn phòng thường trực Ban Chỉ đạo."
)
MAIL_REMINDER_SUBJECT = "Nhắc nộp báo cáo {period} của {unit}, hạn {deadline}"
MAIL_REMINDER_BODY = (
    "Đến ngày {today}, hệ thống chưa nhận được báo cáo {period} của {unit} theo {plan}. "
    "Hạn nộp là ngày {deadline} ({left}).\n\n"
    "Đơn vị vui lòng tải Biểu 01/PCMD đã điền sẵn trên trang «Báo cáo của đơn vị», điền số liệu và nộp tệp "
    "trên trang «Nộp báo cáo». Nếu đơn vị đã nộp, xin bỏ qua thư này."
)
MAIL_REMINDER_LEFT = "còn {days} ngày"
MAIL_REMINDER_TODAY = "hôm nay là ngày cuối"
MAIL_LATE_SUBJECT = "Báo cáo {period} của {unit} đã quá hạn"
MAIL_LATE_BODY = (
    "Hạn nộp báo cáo {period} theo {plan} là ngày {deadline}; đến ngày {today} (quá hạn {days} ngày) hệ thống "
    "chưa nhận được báo cáo của {unit}.\n\nĐề nghị đơn vị nộp báo cáo sớm trên trang «Nộp báo cáo»."
)
MAIL_LATE_CLOSES = " Kế hoạch cho nộp đến hết ngày {closed}; sau ngày đó cần đề nghị Văn phòng thường trực mở cho nộp."
MAIL_LATE_CLOSED = " Kỳ này đã khoá sổ từ sau ngày {closed}: đề nghị Văn phòng thường trực mở cho đơn vị nộp."
MAIL_ACCEPTED_SUBJECT = "Đã nhận báo cáo {period} của {unit}"
MAIL_ACCEPTED_BODY = (
    "Hệ thống đã nhận báo cáo {period} của {unit} lúc {received} (tệp «{file}», mã lần nộp #{submission_id}, "
    "người nộp: {sender}). {timing}"
)
MAIL_ACCEPTED_HELD = "\n\n{held}"
MAIL_ACCEPTED_NEXT = (
    "\n\nBáo cáo đang chờ Văn phòng thường trực duyệt; kết quả duyệt hiện trên trang «Báo cáo của đơn vị»."
)
MAIL_REJECTED_SUBJECT = "Chưa nhận được báo cáo: tệp «{file}» có lỗi"
MAIL_REJECTED_BODY = (
    "Tệp «{file}» do {sender} nộp lúc {received} chưa được ghi nhận vì có {count} lỗi. "
    "Không có số liệu nào của tệp được lưu.\n\n{problems}"
)
MAIL_REJECTED_PROBLEM = "- {where}{message}"
MAIL_REJECTED_EXPECTED = " (cần: {expected})"
MAIL_REJECTED_MORE = "- … và {count} lỗi khác."
MAIL_REJECTED_ANNOTATED = (
    "\n\nTệp «{file}» kèm theo thư này là bản của đơn vị, các ô có lỗi được tô màu và ghi chú: sửa rồi nộp lại."
)
MAIL_REJECTED_NEXT = "\n\nSửa các lỗi trên rồi nộp lại tệp trên trang «Nộp báo cáo»."
MAIL_RETURNED_SUBJECT = "Báo cáo {period} của {unit} bị trả lại"
MAIL_RETURNED_BODY = (
    "Văn phòng thường trực trả lại báo cáo {period} của {unit} (mã lần nộp #{submission_id}) lúc {decided}.\n\n"
    "Lý do: {reason}"
)
MAIL_RETURNED_NOTES = "\n\nCần sửa:\n{notes}"
MAIL_RETURNED_NEXT = (
    "\n\nBiểu mẫu để sửa (điền sẵn số liệu đã nộp, các ô cần sửa có ghi chú) tải trên trang «Báo cáo của đơn vị»; "
    "sửa rồi nộp lại trên trang «Nộp báo cáo»."
)
MAIL_DIGEST_SUBJECT = "Tổng hợp sau hạn báo cáo {period} — {province}"
MAIL_AND = " và "
MAIL_DIGEST_TO = "các thành viên Ban Chỉ đạo 138 {province}"
MAIL_DIGEST_BODY = (
    "Hạn nộp báo cáo {period} theo {plan} là ngày {deadline}. Tình hình đến ngày {today}:\n\n{lines}\n\n"
    "Kết quả các chỉ tiêu ({pack_period}): {summary}."
)
MAIL_DIGEST_PERIOD = (
    "- {period}: đã nộp {received}/{due} đơn vị ({on_time} đúng hạn, {late} trễ hạn); chưa nộp: {missing}."
)
MAIL_DIGEST_NONE_MISSING = "không còn đơn vị nào"
MAIL_DIGEST_MISSING = "{count} đơn vị: {names}"
MAIL_DIGEST_MORE = " và {count} đơn vị khác"
MAIL_DIGEST_BEHIND = "\n\nCác chỉ tiêu chưa đạt mức cần có:\n{lines}"
MAIL_DIGEST_BEHIND_LINE = "- {title}: {value} (chỉ tiêu {target}) — {status}"
MAIL_DIGEST_PACK = "\n\nBộ tài liệu họp kèm theo thư này: «{file}»."
MAIL_KIND_LABELS = {
    "reminder": "Nhắc trước hạn",
    "late": "Báo quá hạn",
    "accepted": "Xác nhận đã nhận",
    "rejected": "Báo tệp bị từ chối",
    "returned": "Báo trả lại",
    "digest": "Tổng hợp cho Ban Chỉ đạo",
}
MAIL_STATUS_LABELS = {
    "queued": "Chờ gửi",
    "sending": "Đang gửi",
    "sent": "Đã gửi",
    "failed": "Chưa gửi được, sẽ gửi lại",
    "expired": "Quá hạn, không gửi",
}
MAIL_NO_ADDRESS = "{unit}: {what} — đơn vị chưa có địa chỉ thư điện tử (thêm trên trang Đơn vị)."
MAIL_NO_DIGEST_LIST = "{what} — chưa có ai trong danh sách nhận thư tổng hợp."
MAIL_RECEIPT_SENT = "Đã gửi thư xác nhận tới {recipients}."
MAIL_RECEIPT_NOT_SENT = "Chưa gửi được thư xác nhận: {error}"
MAIL_NOTICE_SENT = "Đã gửi thư báo tới {recipients}."
MAIL_NOTICE_NOT_SENT = "Chưa gửi được thư báo: {error}"
MAIL_PLAN = "kế hoạch năm {year} ({owner})"
MAIL_SITE = "\n\nĐịa chỉ hệ thống: {url}"
MAIL_EXPECTED_NUMBER = "một số"
CLI_HELP_NOTIFY = (
    "gửi thư điện tử đến hạn trong ngày: nhắc trước hạn, báo quá hạn, tổng hợp cho Ban Chỉ đạo; gửi lại thư chưa "
    "gửi được (chạy mỗi ngày bằng cron hoặc systemd timer; chạy lại trong ngày không gửi trùng)"
)
CLI_HELP_NOTIFY_DRY_RUN = "chỉ xem trước thư đến hạn (cả nội dung), không ghi và không gửi"
CLI_HELP_NOTIFY_TODAY = "tính thư đến hạn như vào ngày này (YYYY-MM-DD; mặc định: hôm nay)"
CLI_NOTIFY_DUE = "Thư đến hạn ngày {day}: {count}"
CLI_NOTIFY_LINE = "- {kind}: «{subject}» → {recipients}{files}"
CLI_NOTIFY_FILES = " (kèm {files})"
CLI_NOTIFY_UNREACHABLE = "- Không gửi được: {sentence}"
MAIL_TITLE = NAVIGATION_TITLES["mail"]
MAIL_CAPTION = (
    "Hệ thống tự gửi thư cho đơn vị và Ban Chỉ đạo: nhắc nộp báo cáo trước hạn, báo quá hạn, xác nhận mỗi tệp "
    "nhận được hoặc bị từ chối, báo khi trả lại báo cáo, và thư tổng hợp kèm tài liệu họp sau mỗi hạn. "
    "Mỗi ngày lệnh «python -m etl notify» (cron) gửi thư đến hạn; trang này cho xem trước, gửi ngay và gửi lại."
)
MAIL_SERVER = "Máy chủ thư: {server}. Thư nhắc gửi từ {days} ngày trước hạn."
MAIL_DUE_TITLE = "Thư đến hạn"
MAIL_DUE_DAY = "Xem thư đến hạn ngày"
MAIL_DUE_NONE = "Không có thư nào đến hạn ngày {day} (hoặc đã gửi hết)."
MAIL_DUE_COLUMNS = ("Loại thư", "Gửi tới", "Tiêu đề", "Tệp kèm")
MAIL_READ = "Đọc thư"
MAIL_SUBJECT_LINE = "Tiêu đề: {subject}"
MAIL_TO_LINE = "Gửi tới: {recipients}"
MAIL_ATTACHMENT = "Tải tệp kèm «{file}»"
MAIL_UNREACHABLE_TITLE = "{count} thư không gửi được vì thiếu địa chỉ"
MAIL_SEND_DUE = "Gửi ngay các thư đến hạn hôm nay"
MAIL_SEND_ONLY_TODAY = "Chỉ gửi được thư của hôm nay; ngày khác chỉ để xem trước."
MAIL_SENT_DONE = "Đã chạy gửi thư."
MAIL_LOG_TITLE = "Thư đã ghi"
MAIL_LOG_FILTER = "Tình trạng"
MAIL_LOG_ALL = "Tất cả"
MAIL_LOG_COLUMNS = ("Ghi lúc", "Loại thư", "Gửi tới", "Tiêu đề", "Tình trạng", "Số lần gửi", "Gửi lúc", "Lỗi")
MAIL_LOG_LINE = "{when} — {subject}"
MAIL_LOG_OUTCOME = "{status}; số lần gửi: {attempts}; tệp kèm: {files}."
MAIL_COUNT = "{count} {status}"
MAIL_NONE_YET = "Chưa có thư nào."
MAIL_RETRY = "Gửi lại {count} thư chưa gửi"
MAIL_DIGEST_LIST_TITLE = "Danh sách nhận thư tổng hợp"
MAIL_DIGEST_LIST_CAPTION = (
    "Thành viên Ban Chỉ đạo (có hoặc không có tài khoản) nhận thư tổng hợp sau mỗi hạn báo cáo, kèm tài liệu họp PDF."
)
MAIL_DIGEST_LIST_EMPTY = "Chưa có ai: thư tổng hợp không được gửi."
MAIL_DIGEST_ADD = "Thêm người nhận"
MAIL_DIGEST_ADDED = "Đã thêm {name} vào danh sách nhận thư tổng hợp."
MAIL_DIGEST_REMOVE = "Bỏ"
MAIL_DIGEST_REMOVED = "Đã bỏ một người khỏi danh sách nhận thư tổng hợp."
# --- approved figures only (issue 20, item 1) -------------------------------------------------------------------
APPROVED_ONLY_LABEL = "Chỉ số liệu đã duyệt"
APPROVED_ONLY_HELP = (
    "Bật: chỉ tính các báo cáo Văn phòng thường trực đã duyệt; báo cáo chưa duyệt hoặc bị trả lại coi như chưa có. "
    "Tắt: tính mọi báo cáo đã nhận."
)
APPROVED_ONLY_NOTE = "Đang xem chỉ số liệu của các báo cáo đã duyệt; báo cáo chưa duyệt được coi như chưa có."
MEETING_APPROVED_SUFFIX = " · chỉ số liệu đã duyệt"
MEETING_BASIS_APPROVED = "Số liệu: chỉ các báo cáo đã được Văn phòng thường trực duyệt"
MEETING_BASIS_ALL = "Số liệu: mọi báo cáo đã nhận, kể cả báo cáo chưa duyệt"
CLI_HELP_APPROVED_ONLY = "chỉ tính các báo cáo đã duyệt (báo cáo chưa duyệt coi như chưa có)"
# --- the draft results report, Word (issue 21, item 1: meeting/report.py, meeting/docx.py) ------------------------
DOCX_PROVINCE_WORD = "tỉnh"
DOCX_SUPERIOR = "UBND {locality}"
DOCX_NUMBER = "Số:        /BC-{symbol}"
DOCX_PLACE_DATE = "{place}, ngày      tháng      năm {year}"
DOCX_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
DOCX_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCX_TITLE = "BÁO CÁO"
DOCX_SUBTITLE = "Kết quả thực hiện công tác phòng, chống mại dâm {period}"
DOCX_INTRO = (
    "Thực hiện {plan}{document}, {owner} báo cáo kết quả thực hiện {period} như sau. Số liệu tổng hợp từ "
    "Biểu 01/PCMD của các đơn vị ({reported}), tính đến ngày {as_of} ({basis})."
)
DOCX_DOCUMENT = " (số {number})"
DOCX_PART_RESULTS = "I. KẾT QUẢ THỰC HIỆN"
DOCX_PART_TARGETS = "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH"
DOCX_PART_REPORTING = "III. TÌNH HÌNH BÁO CÁO VÀ CHẤT LƯỢNG SỐ LIỆU"
DOCX_REPORTING_TITLE = "1. Tình hình nộp báo cáo"
DOCX_QUALITY_TITLE = "2. Chất lượng số liệu"
DOCX_PART_DECISIONS = "IV. VIỆC THỰC HIỆN KẾT LUẬN CỦA BAN CHỈ ĐẠO"
DOCX_PART_DIFFICULTIES = "V. KHÓ KHĂN, VƯỚNG MẮC"
DOCX_PART_PROPOSALS = "VI. ĐỀ XUẤT, KIẾN NGHỊ"
DOCX_SOURCE = "báo cáo của {contributing}/{expected} đơn vị"
DOCX_FACT = "{name}: {value} ({sources})."
DOCX_FACT_SHARE = "{value} ({numerator}/{denominator})"
DOCX_FACT_NO_DATA = "{name}: chưa có số liệu."
DOCX_TARGET_COLUMNS = ("STT", "Chỉ tiêu", "Kết quả", "Mức chỉ tiêu", "Đánh giá", "Đơn vị chưa đạt", "Nguồn số liệu")
DOCX_NO_DATA_UNITS = "{name}: chưa có số liệu của {units}."
DOCX_UNMEASURED = "Chỉ tiêu chưa đo được trên Biểu 01/PCMD (cần số liệu từ nguồn khác): {target}"
DOCX_QUALITY_NONE = "Không có số liệu chờ xác minh hay thiếu."
DOCX_DIFFICULTIES_PROMPT = "[Người soạn ghi khó khăn, vướng mắc trong kỳ: nguyên nhân khách quan, chủ quan.]"
DOCX_DIFFICULTIES_BEHIND = "[Gợi ý từ số liệu — các chỉ tiêu chậm tiến độ hoặc không đạt: {targets}.]"
DOCX_DIFFICULTIES_REPORTS = "[Gợi ý từ số liệu — còn đơn vị nộp báo cáo chậm hoặc chưa nộp (mục III.1).]"
DOCX_PROPOSALS_PROMPT = "[Người soạn ghi đề xuất, kiến nghị với Bộ, Ủy ban nhân dân tỉnh và các sở, ngành.]"
DOCX_RECIPIENTS_TITLE = "Nơi nhận:"
DOCX_MINISTRY_HEALTH = "- Bộ Y tế (Cục Bảo trợ xã hội);"
DOCX_MINISTRY_LABOUR = "- Bộ Lao động – Thương binh và Xã hội (Cục Phòng, chống tệ nạn xã hội);"
DOCX_RECIPIENTS = ("- UBND tỉnh (báo cáo);", "- Ban Chỉ đạo 138 tỉnh;", "- Các sở, ngành thành viên;")
DOCX_RECIPIENT_FILE = "- Lưu: VT."
DOCX_SIGNER = "GIÁM ĐỐC"
DOCX_SIGNER_NAME = "[Họ và tên]"
DOCX_DONE = "Đã lưu dự thảo báo cáo: {path}"
CLI_HELP_REPORT_FORMAT = (
    "pptx: bản trình chiếu; pdf: tài liệu họp; docx: dự thảo báo cáo kết quả (Word, theo Nghị định 30/2020)"
)
PRESENT_DOCX_BUTTON = "Tải dự thảo báo cáo (.docx)"
PRESENT_DOCX_HELP = (
    "Dự thảo báo cáo kết quả theo thể thức Nghị định 30/2020/NĐ-CP, số liệu và câu chữ viết từ dữ liệu; "
    "mở bằng Word hoặc LibreOffice để hoàn thiện (khó khăn, đề xuất, số văn bản, người ký)."
)
DOCX_LOCALITY_WORDS = ("tỉnh", "thành phố")  # what may stand between an agency's name and its province's
DOCX_SYMBOL_SKIPPED = ("và",)  # words without an initial in a document's symbol (SLĐTBXH)
# --- projection to the year's end (issue 21, item 2: core/projection.py) -----------------------------------------
PROJECTION_SENTENCE = "Với tiến độ hiện nay, dự kiến cả năm đạt {range}{verdict}."
PROJECTION_RANGE = "{low}–{high}"
PROJECTION_VERDICTS = {
    "met": ", đạt chỉ tiêu {goal}",
    "missed": ", chưa đạt chỉ tiêu {goal}",
    "range": "; chỉ tiêu {goal} nằm trong khoảng này",
}
PROJECTION_BASIS = "Dự kiến từ nhịp tăng của {quarters} quý đã qua (nhanh nhất, trung bình, chậm nhất)."
# --- the same period a year earlier (issue 21, item 4: core/continuity.same_period_last_year) ---------------------
YEAR_BEFORE = "Cùng kỳ năm trước ({period}): {value}, {based_on}{change}."
YEAR_BEFORE_CHANGE = "; nay {change}"
YEAR_BEFORE_DISTRICTS = " (số liệu cấp huyện, trước sắp xếp đơn vị hành chính năm 2025)"
# --- decisions of the committee (issue 21, item 3: core/decisions.py, page Kết luận) ------------------------------
DECISION_TEXT = "Nội dung kết luận"
DECISION_RESPONSIBLE = "Cơ quan, đơn vị chủ trì"
DECISION_CLOSE_NOTE = "Kết quả thực hiện"
DECISION_MISSING = "Cần ghi «{field}»."
DECISION_TOO_LONG = "«{field}» dài quá {most} ký tự."
DECISION_DUE_PAST = "Hạn thực hiện ({day}) đã qua: chọn một ngày từ hôm nay trở đi."
DECISION_ALREADY_CLOSED = "Kết luận này đã được đóng."
DECISIONS_TITLE = "Kết luận của Ban Chỉ đạo"
DECISIONS_CAPTION = (
    "Kết luận của mỗi kỳ họp: việc giao cho cơ quan, đơn vị về một chỉ tiêu chậm, hạn thực hiện; theo dõi ở các kỳ "
    "sau (số liệu đã chuyển biến ra sao) cho đến khi đóng kèm kết quả thực hiện."
)
DECISION_WHOLE_PLAN = "Chung cho kế hoạch"
DECISION_TITLE = "Kỳ họp {period} · {target}"
DECISION_COUNTS = "{open} kết luận đang theo dõi, {closed} đã đóng."
DECISION_META_RESPONSIBLE = "Chủ trì: {responsible}"
DECISION_META_DUE = "hạn {day}"
DECISION_META_UNITS = "đơn vị: {units}"
DECISION_META_RECORDED = "ghi lúc {when} ({who})"
DECISION_CLOSED = "Đã đóng ngày {when} ({who}): {note}"
DECISION_MOVED = "Từ kỳ họp đó đến {period}: {then} → {now} ({change})."
DECISION_LINE = "Kết luận kỳ họp {period}: {text} (chủ trì: {responsible}{due})."
DECISION_LINE_DUE = ", hạn {day}"
DECISION_NONE = "Chưa có kết luận nào cho kế hoạch này."
DECISION_FORM_TITLE = "Ghi kết luận của kỳ họp {period}"
DECISION_TARGET = "Chỉ tiêu liên quan"
DECISION_UNITS = "Đơn vị liên quan (nếu có)"
DECISION_CHOOSE_UNITS = "Chọn đơn vị"
DECISION_DUE = "Hạn thực hiện (nếu có)"
DECISION_RECORD = "Ghi kết luận"
DECISION_RECORDED = "Đã ghi kết luận."
DECISION_CLOSE = "Đóng kết luận"
DECISION_CLOSED_OK = "Đã đóng kết luận."
DECISIONS_ON_TARGET = "Kết luận của Ban Chỉ đạo đang theo dõi"
# A figure's move between two periods (screens/results.change_text: the year before, the committee's decisions).
CHANGE_UP = "tăng {change}"
CHANGE_DOWN = "giảm {change}"
CHANGE_SAME = "không đổi"
CHANGE_POINTS = "{value} điểm phần trăm"
