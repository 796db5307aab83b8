"""etl/readers/ole.py: OLE2 containers walked within bounds; Excel's password-protected xlsx refused."""

from __future__ import annotations

import pytest

from etl.readers import WorkbookRejected, read_workbook
from tests.support.crafted import biff_number, biff_stream, ole_bytes, peak_during, rejected


def test_ole_sector_loop_is_damaged_not_endless():
    data = ole_bytes(biff_stream([("Bieu01", [biff_number(0, 0, 1)])]), loop=True)

    problem, seconds, _, _ = peak_during(lambda: read_workbook(data, "bieu.xls"))

    assert isinstance(problem, WorkbookRejected) and "bị hỏng" in problem.problem.message
    assert seconds < 1


@pytest.mark.parametrize(
    "data",
    [
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(100),
        ole_bytes(bytes(4096), stream_name="EncryptedPackage"),
    ],
    ids=["bytes-only", "directory"],
)
def test_password_protected_xlsx_is_refused(data):
    # Excel keeps an encrypted xlsx in an OLE2 file with EncryptionInfo and EncryptedPackage streams.
    problem = rejected(data, "bieu.xlsx")

    assert "đang được đặt mật khẩu" in problem.message
    assert "File > Info > Protect Workbook" in problem.message
