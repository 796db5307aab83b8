"""A zip of filled forms (etl/bundle.py): its forms handed on one by one; refused whole only when it cannot be
opened safely."""

from __future__ import annotations

import io
import zipfile

import pytest

from etl.bundle import MAX_BUNDLE_FILES, BundleRefused, is_bundle, unpack


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_each_form_is_handed_on_with_the_zips_name_and_the_noise_left_out():
    data = _zip(
        {
            "Q2/Bieu01_05977_2026Q2.xlsx": b"first",
            "Q2/": b"",
            "Bieu01_05983_2026Q2.xls": b"second",
            "ghi-chu.pdf": b"not a form",  # handed on: the reader rejects it by name, as if uploaded alone
            "__MACOSX/Q2/._Bieu01_05977_2026Q2.xlsx": b"resource fork",
            "Q2/~$Bieu01_05977_2026Q2.xlsx": b"Excel's lock file",
            ".DS_Store": b"Finder",
        }
    )
    files = unpack(data, "tra-ve.zip")
    assert [(f.name, f.data) for f in files] == [
        ("tra-ve.zip/Q2/Bieu01_05977_2026Q2.xlsx", b"first"),
        ("tra-ve.zip/Bieu01_05983_2026Q2.xls", b"second"),
        ("tra-ve.zip/ghi-chu.pdf", b"not a form"),
    ]
    assert is_bundle("TRA-VE.ZIP") and not is_bundle("Bieu01.xlsx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 not really a zip", "Tệp nén «x.zip» bị hỏng hoặc không phải tệp .zip: không mở được."),
        (_zip({"__MACOSX/a": b"1", "Q2/": b""}), "Tệp nén «x.zip» không có biểu mẫu nào."),
        (
            _zip({f"{n}.xlsx": b"x" for n in range(MAX_BUNDLE_FILES + 1)}),
            "Tệp nén «x.zip» có 401 tệp; mỗi tệp nén tối đa 400 tệp.",
        ),
        (
            _zip({"to.xlsx": b"0" * (21 * 1024 * 1024)}),
            "Tệp «to.xlsx» trong tệp nén «x.zip» khi giải nén nặng 21 MB; mỗi biểu mẫu tối đa 20 MB.",
        ),
        (
            _zip({"bom.xlsx": b"0" * (5 * 1024 * 1024)}),
            "Tệp «bom.xlsx» trong tệp nén «x.zip» nén bất thường (có thể là tệp phá hoại): không giải nén.",
        ),
    ],
    ids=["damaged", "empty", "too-many", "member-too-big", "bomb"],
)
def test_a_zip_that_cannot_be_opened_safely_is_refused_whole(data, message):
    with pytest.raises(BundleRefused) as refused:
        unpack(data, "x.zip")
    assert str(refused.value) == message


def test_a_member_whose_bytes_do_not_match_its_checksum_is_refused():
    data = bytearray(_zip({"a.xlsx": b"12345678"}, zipfile.ZIP_STORED))
    data[data.index(b"12345678") : data.index(b"12345678") + 8] = b"abcdefgh"  # CRC no longer matches
    with pytest.raises(BundleRefused, match="bị hỏng"):
        unpack(bytes(data), "x.zip")
