"""Folding Vietnamese text for matching: Unicode form, tone-mark placement, case and diacritics."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: object) -> str:
    """A matching key: 'Kết quả  thực hiện' and 'KET QUA THUC HIEN' both give 'ket qua thuc hien'.

    Dropping every mark makes NFC/NFD, old- and new-style tone placement
    (hoà / hòa, thuỷ / thủy) and missing diacritics compare equal.
    """
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("đ", "d").replace("Đ", "D").replace("\u00a0", " ")
    return _SPACES.sub(" ", bare).strip().casefold()
