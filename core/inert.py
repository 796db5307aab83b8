"""Text a spreadsheet would run as a formula, made inert wherever the product hands cells to one."""

from __future__ import annotations

import re

import pandas as pd
from pandas.io.formats.style import Styler

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel or Calc may run as a formula
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*%?")  # "-3", "+12,5%": a spreadsheet reads a number, nothing runs


def neutralize(value: object) -> object:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe; numbers pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell neutralized; the frame itself when none needs it (the usual case)."""
    changed = {}
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            made_inert = values.map(neutralize)
            if not made_inert.equals(values):
                changed[column] = made_inert
    return frame.assign(**changed) if changed else frame


def inert_grid(data: pd.DataFrame | Styler) -> pd.DataFrame | Styler:
    """A frame or a Styler of one, ready for a grid whose toolbar downloads and copies its cells."""
    if isinstance(data, Styler):
        data.data = inert_frame(data.data)  # the Styler renders (and Streamlit sends) the cells of .data
        return data
    return inert_frame(data)
