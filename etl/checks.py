"""Check what the reader found: unit, period, every value; errors reject the file, warnings are shown."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from core import fmt, texts
from core.catalog import load_elements, load_indicators
from core.db import Database
from core.periods import Period, parse_period, parse_period_text
from core.textnorm import fold
from core.units import structure_for_year
from etl import form_spec
from etl.form import Cell, FormData
from etl.numbers import parse_number
from etl.problems import WARNING, Problem, excerpt

STOCK_JUMP_AT_LEAST = 5  # a stock moving from 2 to 5 is a small place's real change, not a slip
_UNIT_TYPE_PREFIXES = ("thanh pho ", "thi xa ", "huyen ", "quan ", "xa ", "phuong ", "thi tran ", "tinh ")


@dataclass
class CommuneRow:
    commune_code: str
    commune_name: str
    held_communication: bool | None
    count_sessions: float | None
    count_establishments: float | None
    count_inspected: float | None
    is_healthy: bool | None


@dataclass
class CheckedReport:
    """A report ready to load when `errors` is empty."""

    unit_code: str | None = None
    unit_name: str | None = None
    period: Period | None = None
    plan_ids: list[str] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)
    communes: list[CommuneRow] = field(default_factory=list)
    author: str = ""
    report_date: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != WARNING]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def broken_rules(self) -> list[Problem]:
        """The warnings that break a validation rule: the report is taken only with its sender's reason."""
        return [p for p in self.problems if p.rule]

    @property
    def held_elements(self) -> dict[str, str]:
        """element -> the problem that holds it for verification (the first, when several do)."""
        held: dict[str, str] = {}
        for problem in self.broken_rules:
            for element in problem.holds:
                held.setdefault(element, problem.message)
        return held


def _problem(
    template: str,
    cell: Cell | None,
    *,
    found: object = "",
    expected: str = "",
    warning: bool = False,
    code: str = "",
    holds: tuple[str, ...] | None = None,
    **values: object,
) -> Problem:
    """`holds`: the figures a broken validation rule holds for verification (a warning, taken with a reason)."""
    shown = excerpt(found)
    return Problem(
        template.format(found=shown, code=code, **values),
        cell.sheet if cell else "",
        cell.ref if cell else "",
        found=shown,
        expected=expected,
        severity=WARNING if warning or holds is not None else "error",
        code=code,
        rule=holds is not None,
        holds=holds or (),
    )


@cache
def row_label(code: str) -> str:
    """A data element as the form's row names it, without its parenthesis: 'Số cơ sở đã được kiểm tra'."""
    return next(e.label.split(" (")[0] for e in load_elements() if e.code == code)


def _bare_name(name: str) -> str:
    key = fold(name)
    for prefix in _UNIT_TYPE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def _check_period(form: FormData, report: CheckedReport, today: date) -> None:
    cell = form.header.get("period")
    if cell is None:
        report.problems.append(Problem(texts.PERIOD_MISSING, form.sheet, expected=texts.PERIOD_EXPECTED))
        return
    period = parse_period_text(cell.raw)
    if period is None:
        report.problems.append(_problem(texts.PERIOD_UNREADABLE, cell, found=cell.raw, expected=texts.PERIOD_EXPECTED))
    elif period.start > today:
        report.problems.append(_problem(texts.PERIOD_NOT_OPEN, cell, found=cell.raw, label=period.label))
    else:
        report.period = period


class Reference:
    """Units, plans and each unit's reports of the year, looked up once for a batch of files.

    Units and plans do not change while a batch loads. The reports do: a report of the batch, once
    checked, is noted (`note_checked`) so that a later file of the same unit sees it as the database
    will when the batch is recorded."""

    def __init__(self, db: Database, all_units: bool = False):
        """`all_units`: for a load of many files, each structure's units are read at once (one query, some 20 ms)
        rather than one unit at a time (1.4 ms each: a load of 3,321 communes' forms made 3,321 queries)."""
        self.db = db
        self.all_units = all_units
        self._plan_units: dict[int, list] = {}  # rows of plan_units_of_year
        self._units: dict[tuple[str, str], Any | None] = {}  # rows of unit_by_code
        self._structures_read: set[str] = set()  # structures whose every unit is in _units
        self._reports: dict[tuple[str, int], dict[str, tuple[date, dict[str, float]]]] = {}

    def plan_units(self, year: int) -> list:
        """The reporting units (unit_code, name, plan_id) of every plan of the year."""
        if year not in self._plan_units:
            self._plan_units[year] = self.db.rows("plan_units_of_year", {"year": year})
        return self._plan_units[year]

    def unit(self, structure: str, code: str) -> Any | None:
        """The unit's row (unit_code, name, ...), or None if the structure has no such unit."""
        key = (structure, code)
        if key not in self._units and self.all_units and structure not in self._structures_read:
            rows = self.db.rows("units_of_structure", {"structure": structure})
            self._units.update(((structure, row.unit_code), row) for row in rows)
            self._structures_read.add(structure)
        if key not in self._units:  # a code not among a structure read whole is no unit of it
            params = {"structure": structure, "unit_code": code}
            self._units[key] = None if structure in self._structures_read else self.db.one("unit_by_code", params)
        return self._units[key]

    def fetch_reports(self, keys: set[tuple[str, int]]) -> None:
        """The current reports of these (unit, year), all in one query."""
        missing = sorted(key for key in keys if key not in self._reports)
        if not missing:
            return
        for key in missing:
            self._reports[key] = {}
        units, years = zip(*missing, strict=True)
        for row in self.db.rows("units_year_values", {"unit_code": list(units), "year": list(years)}):
            report = self._reports[row.unit_code, row.year].setdefault(row.period_code, (row.end_date, {}))
            report[1][row.element_code] = row.value

    def earlier_reports(self, unit_code: str, period: Period) -> list[tuple[str, date, dict[str, float]]]:
        """(period_code, end_date, values) of the unit's current reports of the year ending before `period`."""
        self.fetch_reports({(unit_code, period.year)})
        reports = self._reports[unit_code, period.year]
        return [(code, end, values) for code, (end, values) in reports.items() if end < period.end]

    def note_checked(self, report: CheckedReport) -> None:
        """A report about to be recorded with the batch becomes its unit's current one for the period."""
        key = (report.unit_code, report.period.year)
        if key in self._reports:
            self._reports[key][report.period.code] = (report.period.end, dict(report.values))

    def forget_reports(self) -> None:
        """Before another batch: other processes may have recorded reports in between."""
        self._reports.clear()


def _check_unit(reference: Reference, form: FormData, report: CheckedReport) -> None:
    """The unit by its code; by its name when the code is missing. It must report for a plan of the year."""
    code_cell, name_cell = form.header.get("unit_code"), form.header.get("unit_name")
    if report.period is None:
        return
    year = report.period.year
    candidates = {row.unit_code: row for row in reference.plan_units(year)}
    code = None
    if code_cell is not None:
        raw = code_cell.raw
        code = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw).strip()
        known = reference.unit(structure_for_year(year), code)
        if known is None:
            report.problems.append(_problem(texts.UNIT_UNKNOWN, code_cell, found=code, year=year))
            return
        if code not in candidates:
            report.problems.append(_problem(texts.UNIT_NOT_IN_PLAN, code_cell, found=code, name=known.name, year=year))
            return
    elif name_cell is not None:
        matches = [c for c, row in candidates.items() if _bare_name(row.name) == _bare_name(str(name_cell.raw))]
        if len(matches) != 1:
            report.problems.append(_problem(texts.UNIT_NAME_UNKNOWN, name_cell, found=name_cell.raw, year=year))
            return
        code = matches[0]
    else:
        report.problems.append(Problem(texts.UNIT_MISSING, form.sheet, expected=texts.UNIT_EXPECTED))
        return
    report.unit_code, report.unit_name = code, candidates[code].name
    report.plan_ids = sorted({row.plan_id for row in reference.plan_units(year) if row.unit_code == code})
    if (
        name_cell is not None
        and code_cell is not None
        and _bare_name(str(name_cell.raw)) != _bare_name(report.unit_name)
    ):
        report.problems.append(
            _problem(
                texts.UNIT_NAME_MISMATCH, name_cell, found=name_cell.raw, code=code, name=report.unit_name, warning=True
            )
        )


def _refuse_foreign_unit(reference: Reference, form: FormData, report: CheckedReport, allowed: Collection[str]) -> None:
    """The file is another unit's than the sender's own: one error, and nothing about that unit beyond its name.

    The sender's units are those reporting in the file's year: an account may hold a district before the 2025
    reform and a commune after it, and a code may name another unit in the other structure (06193 was Xã Thanh
    Lòa, is Xã Cao Lộc)."""
    structure = structure_for_year(report.period.year)
    reporting = {row.unit_code for row in reference.plan_units(report.period.year)}
    that_year = [code for code in sorted(allowed) if code in reporting] or sorted(allowed)
    units = {code: reference.unit(structure, code) for code in that_year}
    names = [
        texts.UNIT_NOT_YOURS_UNIT.format(name=unit.name if unit else code, code=code) for code, unit in units.items()
    ]
    cell = form.header.get("unit_code") or form.header.get("unit_name")
    report.problems = [p for p in report.problems if p.severity != WARNING]
    report.problems.append(
        _problem(
            texts.UNIT_NOT_YOURS,
            cell,
            found=report.unit_code,
            units=", ".join(names) or "—",
            name=report.unit_name,
            expected=texts.UNIT_NOT_YOURS_EXPECTED.format(codes=", ".join(that_year) or "—"),
        )
    )
    report.values, report.communes = {}, []


def _check_values(form: FormData, report: CheckedReport) -> None:
    for element in load_elements():
        cells = form.values.get(element.code)
        if not cells:
            report.problems.append(
                Problem(
                    texts.CODE_MISSING.format(code=element.code, label=element.label),
                    form.sheet,
                    severity=WARNING,
                    code=element.code,
                )
            )
            continue
        readings = []
        for cell in cells:
            if (cell.sheet, cell.row, cell.col) in form.formula_cells:
                report.problems.append(_problem(texts.FORMULA_NO_VALUE, cell, code=element.code))
                continue
            parsed = parse_number(cell.raw, element.unit)
            expected = texts.EXPECTED_DECIMAL if element.value_type == "decimal" else texts.EXPECTED_INTEGER
            if parsed.error:
                report.problems.append(
                    _problem(
                        texts.VALUE_NOT_NUMBER,
                        cell,
                        found=cell.raw,
                        expected=expected,
                        code=element.code,
                        reason=parsed.error,
                    )
                )
            elif parsed.value is not None and parsed.value < 0:
                report.problems.append(
                    _problem(texts.VALUE_NEGATIVE, cell, found=cell.raw, expected=expected, code=element.code)
                )
            elif parsed.value is not None and element.value_type == "integer" and not parsed.value.is_integer():
                report.problems.append(
                    _problem(texts.VALUE_NOT_WHOLE, cell, found=cell.raw, expected=expected, code=element.code)
                )
            else:
                readings.append((cell, parsed.value))
        stated = [(cell, value) for cell, value in readings if value is not None]
        if len({value for _, value in stated}) > 1:
            first, second = stated[0], next(s for s in stated if s[1] != stated[0][1])
            report.problems.append(
                _problem(
                    texts.CODE_TWICE,
                    second[0],
                    found=fmt.count(second[1]),
                    code=element.code,
                    first_cell=first[0].ref,
                    first_value=fmt.count(first[1]),
                )
            )
        elif stated:
            report.values[element.code] = stated[0][1]
    if not report.values and not report.errors:
        report.problems.append(Problem(texts.NO_VALUES, form.sheet, expected=texts.EXPECTED_INTEGER))


def _yes_no(cell: Cell, report: CheckedReport) -> bool | None:
    key = fold(cell.raw if isinstance(cell.raw, str) else "" if cell.raw is None else str(cell.raw))
    if key in ("", "x"):
        return None
    if key in (fold(form_spec.YES), "yes", "1", "true", "v", "x co"):
        return True
    if key in (fold(form_spec.NO), "no", "0", "false"):
        return False
    report.problems.append(
        _problem(texts.YES_NO_EXPECTED, cell, found=cell.raw, expected=f"{form_spec.YES} / {form_spec.NO}")
    )
    return None


def _count(cell: Cell, column: str, report: CheckedReport) -> float | None:
    parsed = parse_number(cell.raw, form_spec.COMMUNE_UNITS.get(column))
    if parsed.error or (parsed.value is not None and (parsed.value < 0 or not parsed.value.is_integer())):
        report.problems.append(_problem(texts.COUNT_EXPECTED, cell, found=cell.raw, expected=texts.EXPECTED_INTEGER))
        return None
    return parsed.value


def _check_communes(form: FormData, report: CheckedReport) -> None:
    for row in form.communes:
        code_raw = row["commune_code"].raw
        code = str(int(code_raw)) if isinstance(code_raw, float) and code_raw.is_integer() else str(code_raw).strip()
        get = row.get
        report.communes.append(
            CommuneRow(
                commune_code=code.zfill(5) if code.isdigit() else code,
                commune_name=str(row["commune_name"].raw or "").strip(),
                held_communication=_yes_no(get("held_communication"), report) if get("held_communication") else None,
                count_sessions=_count(get("count_sessions"), "count_sessions", report)
                if get("count_sessions")
                else None,
                count_establishments=_count(get("count_establishments"), "count_establishments", report)
                if get("count_establishments")
                else None,
                count_inspected=_count(get("count_inspected"), "count_inspected", report)
                if get("count_inspected")
                else None,
                is_healthy=_yes_no(get("is_healthy"), report) if get("is_healthy") else None,
            )
        )


def _commune_total(communes: list[CommuneRow], column: str, how: str) -> float | None:
    if how == "count":
        return float(len(communes))
    values = [getattr(c, column) for c in communes if getattr(c, column) is not None]
    if not values:
        return None
    return float(sum(1 for v in values if v is True)) if how == "count_yes" else float(sum(values))


def _warn_commune_totals(form: FormData, report: CheckedReport) -> None:
    if not report.communes:
        return
    for code, (column, how) in form_spec.COMMUNE_TOTALS.items():
        total, summary = _commune_total(report.communes, column, how), report.values.get(code)
        if total is None or summary is None or total == summary:
            continue
        cell = form.values[code][0]
        report.problems.append(
            _problem(
                texts.COMMUNE_TOTAL_DIFFERS,
                cell,
                found=fmt.count(summary),
                expected=texts.COMMUNE_TOTAL_EXPECTED.format(commune_sheet=form.commune_sheet, total=fmt.count(total)),
                code=code,
                holds=(code,),
                label=row_label(code),
                commune_sheet=form.commune_sheet,
                column=form_spec.COMMUNE_COLUMNS[column],
                total=fmt.count(total),
            )
        )


def _warn_empty_communes(form: FormData, report: CheckedReport) -> None:
    """A commune sheet whose rows say nothing (the template's names, every answer blank): the report is taken,
    but the unit's page will have no detail by commune, which the sender should know before sending."""
    if form.commune_sheet is None:
        return
    if any(getattr(c, column) is not None for c in report.communes for column in form_spec.COMMUNE_ANSWERS):
        return
    report.problems.append(
        Problem(
            texts.COMMUNES_EMPTY.format(sheet=form.commune_sheet),
            form.commune_sheet,
            expected=texts.COMMUNES_EMPTY_EXPECTED.format(
                columns=", ".join(f"«{form_spec.COMMUNE_COLUMNS[c]}»" for c in form_spec.COMMUNE_ANSWERS)
            ),
            severity=WARNING,
            rule=True,
        )
    )


def _warn_ratios(form: FormData, report: CheckedReport) -> None:
    for indicator in load_indicators():
        if indicator.kind != "ratio":
            continue
        num, den = report.values.get(indicator.numerator), report.values.get(indicator.denominator)
        if num is not None and den is not None and num > den:
            report.problems.append(
                _problem(
                    texts.NUMERATOR_ABOVE_DENOMINATOR,
                    form.values[indicator.numerator][0],
                    found=fmt.count(num),
                    expected=texts.NUMERATOR_EXPECTED.format(denominator_value=fmt.count(den)),
                    code=indicator.numerator,
                    holds=(indicator.numerator, indicator.denominator),  # either may be the wrong one
                    numerator=row_label(indicator.numerator),
                    denominator=row_label(indicator.denominator),
                    denominator_value=fmt.count(den),
                )
            )


def warn_against_earlier(reference: Reference, form: FormData, report: CheckedReport) -> None:
    """Figures that disagree with the unit's previous report of the year stating them (DOMAIN.md section 4):
    a cumulative figure that fell, or a stock that jumped implausibly (`implausible_jump`)."""
    if report.errors or report.period.end.month <= 3:  # no report of the year ends before the first quarter's
        return
    natures = {e.code: e.nature for e in load_elements() if e.nature in ("cumulative", "stock")}
    previous: dict[str, tuple] = {}
    for period_code, end_date, values in reference.earlier_reports(report.unit_code, report.period):
        for element, value in values.items():
            if element in natures and (element not in previous or end_date > previous[element][1]):
                previous[element] = (period_code, end_date, value)
    for element, (period_code, _end, value) in previous.items():
        now = report.values.get(element)
        cumulative = natures[element] == "cumulative"
        if now is None or not (now < value if cumulative else implausible_jump(value, now)):
            continue
        report.problems.append(
            _problem(
                texts.CUMULATIVE_FELL if cumulative else texts.STOCK_JUMPED,
                form.values[element][0],
                found=fmt.count(now),
                expected=(texts.CUMULATIVE_EXPECTED if cumulative else texts.STOCK_EXPECTED).format(
                    previous=fmt.count(value)
                ),
                code=element,
                holds=(element,),
                label=row_label(element),
                previous=fmt.count(value),
                previous_period=parse_period(period_code).label,
            )
        )


def implausible_jump(before: float, now: float) -> bool:
    """A stock (communes, establishments, staff) that doubles or halves within a year, by at least
    STOCK_JUMP_AT_LEAST: more likely a typing slip (an extra digit, a figure in the wrong row) than a fact."""
    low, high = sorted((before, now))
    return high - low >= STOCK_JUMP_AT_LEAST and high > 2 * low


def check_report(
    db: Database,
    form: FormData,
    today: date | None = None,
    reference: Reference | None = None,
    *,
    history: bool = True,
    allowed_units: Collection[str] | None = None,
) -> CheckedReport:
    """Every check of DOMAIN.md section 6, collecting all problems. Without `history`, the comparison
    with the unit's earlier reports is left to the caller (`warn_against_earlier`), for a whole batch.

    `allowed_units`: the only units the sender may report for (None: any). A file of another unit is
    refused as soon as its unit is known, before anything reads that unit's recorded reports."""
    report = CheckedReport(problems=list(form.problems))
    if not form.sheet:
        return report
    _check_period(form, report, today or date.today())
    reference = reference or Reference(db)
    _check_unit(reference, form, report)
    if report.unit_code is not None and allowed_units is not None and report.unit_code not in allowed_units:
        _refuse_foreign_unit(reference, form, report, allowed_units)
        return report
    _check_values(form, report)
    _check_communes(form, report)
    for key in ("author", "report_date"):
        if key in form.header:
            setattr(report, key, str(form.header[key].raw).strip())
    if report.errors:
        return report
    _warn_ratios(form, report)
    _warn_commune_totals(form, report)
    _warn_empty_communes(form, report)
    if history:
        warn_against_earlier(reference, form, report)
    return report
