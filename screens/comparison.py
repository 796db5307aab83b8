"""A report's figures beside another's: every element of the form, both values and the change (a replacement on
the Nộp báo cáo page, two versions on the Lịch sử nộp page)."""

from __future__ import annotations

import pandas as pd

from core import fmt, texts
from core.catalog import load_elements
from core.db import Database


def submission_values(db: Database, submission_id: int) -> dict[str, float]:
    """element code -> value of one version of a report."""
    return {row.element_code: row.value for row in db.rows("submission_values_of", {"submission_id": submission_id})}


def count_changes(old: dict[str, float], new: dict[str, float]) -> int:
    return sum(1 for code in old.keys() | new.keys() if old.get(code) != new.get(code))


def _change(old: float | None, new: float | None) -> str:
    if old == new:
        return ""
    if old is None:
        return texts.CHANGE_ADDED
    if new is None:
        return texts.CHANGE_REMOVED
    difference = new - old
    return ("+" if difference > 0 else "-") + fmt.count(abs(difference))


def side_by_side(old: dict[str, float], new: dict[str, float], old_label: str | None, new_label: str) -> pd.DataFrame:
    """Every element of the form with an older and a newer value, and the change; no older column if None."""
    rows = []
    for element in load_elements():
        before, after = old.get(element.code), new.get(element.code)
        row = [element.code, element.label, element.unit]
        row += [fmt.count(before)] if old_label is not None else []
        row += [fmt.count(after)]
        row += [_change(before, after)] if old_label is not None else []
        rows.append(row)
    columns = list(texts.SUBMIT_FIGURE_COLUMNS)
    columns += [old_label, new_label, texts.SUBMIT_CHANGE_COLUMN] if old_label is not None else [new_label]
    return pd.DataFrame(rows, columns=columns)
