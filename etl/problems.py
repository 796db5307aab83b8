"""A problem found in a submitted file: where (sheet, cell), what was found, what was expected."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One problem, worded for a district clerk (Vietnamese). An error rejects the file; a warning is shown."""

    message: str
    sheet: str = ""  # sheet name as in the file; empty when about the whole file
    cell: str = ""  # A1-style reference; empty when about a sheet or the file
    found: str = ""
    expected: str = ""
    severity: str = ERROR
    code: str = ""  # data element code when the problem is about one
    # A warning that breaks a validation rule (DOMAIN.md section 4): the file is taken only with the sender's
    # reason, and the figures it names are held out of every aggregate until the secretariat confirms them.
    rule: bool = False
    holds: tuple[str, ...] = ()  # the data elements held

    def as_dict(self) -> dict:
        return asdict(self)


EXCERPT_CHARS = 100  # of a value found in the file, quoted in a message: enough to recognise it


def excerpt(value: object) -> str:
    """A value found in the file as a message quotes it: a cell of junk or a whole paragraph is cut short."""
    text = "" if value is None else str(value)
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def cell_ref(row: int, col: int) -> str:
    """0-based row and column to A1 style: (0, 0) -> 'A1', (9, 27) -> 'AB10'."""
    letters, n = "", col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


class TemplateError(ValueError):
    """The form cannot be made for this unit or period; the message is Vietnamese."""
