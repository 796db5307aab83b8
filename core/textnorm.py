"""Folding Vietnamese text for matching: Unicode form, tone-mark placement, case and diacritics."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_REMEMBERED_LENGTH = 200  # labels and short values recur in every form; a long text is folded each time


def fold(text: object) -> str:
    """A matching key: 'Kết quả  thực hiện' and 'KET QUA THUC HIEN' both give 'ket qua thuc hien'.

    Dropping every mark makes NFC/NFD, old- and new-style tone placement
    (hoà / hòa, thuỷ / thủy) and missing diacritics compare equal.
    """
    if text is None:
        return ""
    text = str(text)
    return _fold_remembered(text) if len(text) <= _REMEMBERED_LENGTH else _fold(text)


@lru_cache(maxsize=8192)
def _fold_remembered(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("đ", "d").replace("Đ", "D").replace("\u00a0", " ")
    return _SPACES.sub(" ", bare).strip().casefold()
