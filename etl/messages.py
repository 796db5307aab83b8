"""Vietnamese messages of the ETL (what a district clerk reads about a file), in one place."""

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

# --- a file named on the command line (etl/loader.py, load_file) ---------------
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
UNIT_NAME_MISMATCH = "Tên đơn vị «{found}» không khớp với mã {code} ({name}); số liệu được ghi cho {name}."
CODE_MISSING = "Không có dòng chỉ tiêu {code} ({label}); chỉ tiêu này được coi là chưa báo cáo."
FORMULA_NO_VALUE = (
    "Ô có công thức nhưng chưa có kết quả tính (chỉ tiêu {code}). Hãy mở tệp bằng Excel, lưu lại rồi nộp."
)
EXPECTED_INTEGER = "số nguyên ≥ 0; để trống hoặc «x» nếu chưa có số liệu, «-» nếu bằng 0"
EXPECTED_DECIMAL = "số ≥ 0 (phần thập phân dùng dấu phẩy, ví dụ 12,5); để trống nếu chưa có số liệu"
VALUE_NOT_NUMBER = "Chỉ tiêu {code}: «{found}» {reason}."
VALUE_NEGATIVE = "Chỉ tiêu {code}: «{found}» là số âm."
VALUE_NOT_WHOLE = "Chỉ tiêu {code}: «{found}» không phải số nguyên."
CODE_TWICE = "Chỉ tiêu {code} xuất hiện hai lần với hai giá trị khác nhau: {first_value} (ô {first_cell}) và {found}."
NO_VALUES = "Biểu không có số liệu nào: mọi ô «Kết quả» đều trống."
YES_NO_EXPECTED = "«{found}» không phải «Có» hoặc «Không»."
COUNT_EXPECTED = "«{found}» không phải số nguyên ≥ 0."
COMMUNE_TOTAL_DIFFERS = "Chỉ tiêu {code} ghi {found}, nhưng tổng cột «{column}» ở trang {commune_sheet} là {total}."
NUMERATOR_ABOVE_DENOMINATOR = "{numerator} ({found}) lớn hơn {denominator} ({denominator_value})."
CUMULATIVE_FELL = "Chỉ tiêu {code} là số lũy kế nhưng giảm từ {previous} ({previous_period}) xuống {found}."
STOCK_JUMPED = (
    "Chỉ tiêu {code} là số hiện có nhưng thay đổi bất thường: {previous} ở báo cáo {previous_period}, nay là {found}."
    " Hãy kiểm tra lại (gõ thừa hoặc thiếu chữ số, điền nhầm dòng)."
)
UNEXPECTED_FAILURE = (
    "Không đọc được tệp do một lỗi không lường trước. Tệp chưa được ghi nhận; "
    "hãy gửi tệp này cho bộ phận quản trị để kiểm tra."
)

# --- command line (etl/cli.py) -------------------------------------------------
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

# --- the report form template (etl/template.py) -------------------------------
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

# --- the meeting pack on the command line (python -m etl report) ---
REPORT_DONE = "Đã tạo tài liệu họp: {path} ({slides} chỉ tiêu)"

# --- accounts on the command line (python -m etl users) ---
USERS_PASSWORD_PROMPT = "Mật khẩu: "
USERS_PASSWORD_AGAIN = "Nhập lại mật khẩu: "
USERS_PASSWORDS_DIFFER = "Hai lần nhập mật khẩu không giống nhau."
USERS_ADDED = "Đã tạo tài khoản {username} ({role})."
USERS_PASSWORD_SET = "Đã đặt mật khẩu mới cho {username}; tài khoản đã được mở khóa."
USERS_INACTIVE = "\t(đã khóa)"
DEMO_ACCOUNTS_DONE = "Tài khoản mẫu (chỉ dùng cho dữ liệu mẫu): {accounts}"
DATABASE_BUSY = (
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
HEALTH_LEVELS = {"ok": "[ỔN]", "warning": "[CẢNH BÁO]", "error": "[LỖI]"}
