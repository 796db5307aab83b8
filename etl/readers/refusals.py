"""How a reader says no: the exceptions every format raises, and the refusals they share."""

from __future__ import annotations

from core import texts
from etl.problems import Problem, excerpt


class WorkbookRejected(Exception):
    """The file cannot be read as a workbook; `problem` says why, worded for the clerk."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class Refusal(Exception):
    """Raised deep inside the readers; read_workbook adds the file name and turns it into WorkbookRejected."""

    def __init__(self, template: str, *, found: str = "", expected: str = "", sheet: str = "", **fields: object):
        super().__init__(template)
        self.template, self.found, self.expected, self.sheet, self.fields = template, found, expected, sheet, fields

    def problem(self, file_name: str) -> Problem:
        text = self.template.format(file_name=file_name, found=self.found, sheet=excerpt(self.sheet), **self.fields)
        return Problem(text, sheet=self.sheet, found=self.found, expected=self.expected)


class Damaged(Exception):
    """The file's structure is inconsistent (truncated, corrupted, or crafted)."""


def password() -> Refusal:
    return Refusal(
        texts.WORKBOOK_PASSWORD, found=texts.WORKBOOK_FOUND_PASSWORD, expected=texts.WORKBOOK_EXPECTED_NO_PASSWORD
    )


def not_spreadsheet(found: str) -> Refusal:
    return Refusal(texts.WORKBOOK_NOT_SPREADSHEET, found=found, expected=texts.WORKBOOK_EXPECTED_FORMATS)
