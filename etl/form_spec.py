"""Layout of the report form Biểu 01/PCMD: the sheets and labels the template writes and the reader looks for.

The labels are matching keys (the reader finds the parts of an uploaded workbook by them, folded), so they are
data, not wording: tests/conventions/test_wording.py allows them here. The form's code and title are in core/texts.py.
"""

from __future__ import annotations

SUMMARY_SHEET = "Bieu01"
COMMUNE_SHEET = "ChiTietXa"

# Header block, one item per row: the label, then the value in the next
# non-empty cell of the row or in the same cell after the colon.
HEADER_FIELDS = {  # key -> label as the template writes it
    "unit_name": "Đơn vị báo cáo:",
    "unit_code": "Mã đơn vị:",
    "period": "Kỳ báo cáo:",
    "report_date": "Ngày lập báo cáo:",
    "author": "Người lập:",
}

# Columns of the table's header row, as the template writes them.
TABLE_COLUMNS = {
    "row_number": "STT",
    "code": "Mã chỉ tiêu",
    "label": "Nội dung",
    "unit": "Đơn vị tính",
    "value": "Kết quả",
    "note": "Ghi chú",
}

# Columns of the commune detail sheet.
COMMUNE_COLUMNS = {
    "commune_code": "Mã xã",
    "commune_name": "Tên xã",
    "held_communication": "Đã tuyên truyền",
    "count_sessions": "Số buổi tuyên truyền",
    "count_establishments": "Số cơ sở KDDV",
    "count_inspected": "Số cơ sở đã kiểm tra",
    "is_healthy": "Lành mạnh",
}
YES, NO = "Có", "Không"
COMMUNE_UNITS = {"count_sessions": "buổi", "count_establishments": "cơ sở", "count_inspected": "cơ sở"}  # may follow
COMMUNE_ANSWERS = tuple(COMMUNE_COLUMNS)[2:]  # what a commune's row tells, after its code and name

# The summary element each commune column must add up to (DOMAIN.md section 6).
COMMUNE_TOTALS = {
    "TT01": ("commune_code", "count"),
    "TT02": ("held_communication", "count_yes"),
    "KT01": ("count_establishments", "sum"),
    "KT02": ("count_inspected", "sum"),
    "LM01": ("is_healthy", "count_yes"),
}
