"""The scorecard of a plan for a period: the province and each reporting unit against every indicator."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import pandas as pd
from pandas.io.formats.style import Styler

from core import fmt, status, texts
from core.db import Database
from core.engine import IndicatorResult, shared_indicators
from core.periods import parse_period
from core.plans import SHARE_KINDS
from core.textnorm import fold
from screens import charts
from screens.results import (
    MAX_GRID_ROWS,
    PERCENT_KINDS,
    carried_text,
    has_data,
    headline,
    held_text,
    indicator_kinds,
    province_rows,
    unit_names,
    value_text,
)
from screens.targets import target_text

UNIT_COLUMN = "unit"  # the frame's column names are identifiers; the page labels them in Vietnamese
REPORT_COLUMN = "report"
DEFAULT_SORT = "default"  # the "Sắp xếp theo" choice that keeps the plan's order of units
MISSING_TEXT = f"{texts.STATUS_ICONS['no_data']} —"  # the grid shows its placeholder, not the Styler's text, for NaN


@dataclass(frozen=True)
class Column:
    indicator_code: str
    name: str
    short_name: str  # the header: full names do not fit twelve columns on a projector
    is_percent: bool
    is_judged: bool  # the plan sets a target for it (else: monitored only)
    help: str  # the full name and the target, shown when the pointer rests on the header


class Cell(NamedTuple):  # a plain tuple: the country's scorecard holds 50,000 of them
    value: float | None
    text: str  # the icon and the value in Vietnamese format: '✖ 27,7%'
    status: str  # the engine's
    look: str  # the status whose colour the cell takes: a missing value looks missing even without a target


@dataclass(frozen=True)
class Row:
    unit_code: str
    unit_name: str
    is_province: bool
    report_text: str  # whether the unit's report for the period came in
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass(frozen=True)
class Scorecard:
    plan_id: str
    period_code: str
    period_label: str
    report_header: str  # 'Báo cáo quý IV'
    headline: str
    has_data: bool
    has_targets: bool
    columns: list[Column]
    rows: list[Row]  # the province first, then the units in the plan's order
    carried_text: str | None
    held_texts: list[str]  # per indicator: the figures its province value leaves out, held for verification
    without_report: list[str]  # units with no report at all in the year up to the period

    @property
    def judged_columns(self) -> list[Column]:
        return [c for c in self.columns if c.is_judged]

    @cached_property
    def _rows_by_unit(self) -> dict[str, Row]:
        return {r.unit_code: r for r in self.rows}

    def row(self, unit_code: str) -> Row:
        return self._rows_by_unit[unit_code]


def ordered_indicators(db: Database, plan_id: str) -> tuple[list[str], list[str]]:
    """The indicators the plan sets a target for (plan order), then the others (catalogue order)."""
    judged = [
        target.indicator_code
        for target in db.rows("plan_targets", {"plan_id": plan_id})
        if target.indicator_code and target.kind != "monitor"
    ]
    judged = list(dict.fromkeys(judged))
    others = [row.indicator_code for row in db.rows("indicator_catalogue") if row.indicator_code not in judged]
    return judged, others


def _column(result: IndicatorResult, target, is_percent: bool, is_judged: bool) -> Column:
    """`target`: the plan's row of query plan_targets for the indicator, or None."""
    name = result.indicator_name
    if is_judged and target is not None:
        goal = target_text(target.kind, target.value_min, target.value_max)
        if target.kind not in SHARE_KINDS:
            goal = texts.SCORECARD_PROVINCE_GOAL.format(goal=goal)
        help_text = texts.SCORECARD_COLUMN_HELP.format(name=name, target=goal)
    else:
        help_text = texts.SCORECARD_MONITOR_HELP.format(name=name)
    return Column(
        indicator_code=result.indicator_code,
        name=name,
        short_name=texts.INDICATOR_SHORT_NAMES.get(result.indicator_code, name),
        is_percent=is_percent,
        is_judged=is_judged,
        help=help_text,
    )


def _cell(result: IndicatorResult, is_percent: bool, known: dict[tuple, str]) -> Cell:
    """`known`: the texts already written, by look and value (units of a country share most of their values)."""
    look = "no_data" if result.value is None else result.status
    key = (look, result.value, is_percent)
    text = known.get(key)
    if text is None:
        text = known[key] = f"{texts.STATUS_ICONS[look]} {value_text(result.value, is_percent)}"
    return Cell(value=result.value, text=text, status=result.status, look=look)


def _report_text(results: list[IndicatorResult], kinds: dict[str, str]) -> str:
    """For one unit: its report for the period came in, or only older ones, or none."""
    first = results[0]
    if first.units_current:
        return texts.SCORECARD_REPORT_SENT
    if has_data(results, kinds):
        return texts.SCORECARD_REPORT_CARRIED
    return texts.SCORECARD_REPORT_NONE


def scorecard(db: Database, plan_id: str, period_code: str, approved_only: bool = False) -> Scorecard:
    """Every indicator for the province and each reporting unit, with the engine's values and statuses."""
    period = parse_period(period_code)
    kinds = indicator_kinds(db)
    names = unit_names(db, plan_id)
    results = shared_indicators(db, plan_id, period.code, breakdown=True, approved_only=approved_only)
    province = province_rows(results)
    targets = {row.indicator_code: row for row in db.rows("plan_targets", {"plan_id": plan_id}) if row.indicator_code}
    judged, others = ordered_indicators(db, plan_id)
    columns = [
        _column(province[code], targets.get(code), kinds[code] in PERCENT_KINDS, code in judged)
        for code in judged + others
    ]

    by_unit: dict[str, list[IndicatorResult]] = {}
    for r in results:
        by_unit.setdefault(r.unit_code, []).append(r)
    province_code = results[0].unit_code
    rows, known = [], {}
    for unit_code, unit_results in by_unit.items():
        is_province = unit_code == province_code
        first = unit_results[0]
        by_code = {r.indicator_code: r for r in unit_results}
        rows.append(
            Row(
                unit_code=unit_code,
                unit_name=texts.WHOLE_PROVINCE.format(name=first.unit_name)
                if is_province
                else names.get(unit_code, first.unit_name),
                is_province=is_province,
                report_text=texts.SCORECARD_REPORT_COUNT.format(
                    current=fmt.count(first.units_current), expected=fmt.count(first.units_expected)
                )
                if is_province
                else _report_text(unit_results, kinds),
                cells={c.indicator_code: _cell(by_code[c.indicator_code], c.is_percent, known) for c in columns},
            )
        )

    province_results = list(province.values())
    carried = sorted(
        {u for r in province_results if kinds.get(r.indicator_code) != "timeliness" for u in r.units_carried}
    )
    without = [r.unit_name for r in rows[1:] if r.report_text == texts.SCORECARD_REPORT_NONE]
    return Scorecard(
        plan_id=plan_id,
        period_code=period.code,
        period_label=period.label,
        report_header=texts.SCORECARD_REPORT_COLUMN.format(period=period.in_sentence),
        headline=headline(results, period),
        has_data=has_data(province_results, kinds),
        has_targets=bool(judged),
        columns=columns,
        rows=rows,
        carried_text=carried_text(carried, names),
        held_texts=[
            f"{r.indicator_name}: {text}" for r in province_results if (text := held_text(r, names)) is not None
        ],
        without_report=without,
    )


# --- sorting and the table ---------------------------------------------------------


def sort_choices(card: Scorecard) -> dict[str, str]:
    """The "Sắp xếp theo" options: the plan's order of units, then each indicator column."""
    return {DEFAULT_SORT: texts.SCORECARD_SORT_DEFAULT} | {c.indicator_code: c.name for c in card.columns}


def sorted_rows(card: Scorecard, sort_by: str = DEFAULT_SORT, descending: bool = True) -> list[Row]:
    """The province stays on top; units by the indicator's value, those without a value last."""
    province, units = card.rows[:1], card.rows[1:]
    if sort_by not in {c.indicator_code for c in card.columns}:
        return province + units
    with_value = [u for u in units if u.cells[sort_by].value is not None]
    without = [u for u in units if u.cells[sort_by].value is None]
    with_value.sort(key=lambda u: (-u.cells[sort_by].value if descending else u.cells[sort_by].value, u.unit_name))
    return province + with_value + without


def filtered_rows(card: Scorecard, rows: list[Row], lagging_only: bool = False, search: str = "") -> list[Row]:
    """The province, and the units that match: below the level due on a judged target (`lagging_only`), and whose
    name holds `search` (accents, case and spacing aside: 'dinh lap' finds Xã Đình Lập)."""
    judged = [c.indicator_code for c in card.judged_columns]
    wanted = fold(search)

    def matches(row: Row) -> bool:
        lagging = any(row.cells[code].status in status.LAGGING for code in judged)
        return (lagging or not lagging_only) and wanted in fold(row.unit_name)

    return [row for row in rows if row.is_province or matches(row)]


def shown_text(card: Scorecard, grid_view: Grid) -> str | None:
    """How many of the units a filtered view shows ('Đang hiện 29/65 đơn vị.'), and when the grid stops at
    MAX_GRID_ROWS, how to see the others; None when it shows them all."""
    shown, total = len(grid_view.frame) - 1, len(card.rows) - 1
    if grid_view.cut:
        return texts.UNITS_SHOWN_FIRST.format(shown=fmt.count(shown), total=fmt.count(total))
    return None if shown == total else texts.UNITS_SHOWN.format(shown=fmt.count(shown), total=fmt.count(total))


def shown_columns(card: Scorecard, with_monitor: bool = True) -> list[Column]:
    return card.columns if with_monitor else card.judged_columns


@dataclass(frozen=True)
class Grid:
    """A view of the scorecard as the page's table, in plain data: a page can cache it (a Styler, holding
    functions, cannot be pickled)."""

    frame: pd.DataFrame  # one row per unit, indexed by unit code (for the row selection); indicators as numbers
    css: pd.DataFrame  # each cell's style: the status colour, the province in bold
    texts_by_value: dict[str, dict[float, str]]  # per indicator column: the text of each value, icon and number
    own_texts: dict[str, dict[str, str]]  # unit -> column -> text, for rows whose texts do not follow their values
    columns: list[Column]  # the indicators shown, for their headers
    cut: int = 0  # units the filters kept but the grid leaves out, beyond MAX_GRID_ROWS

    def unit_at(self, position: int) -> str:
        """The unit code of the row shown at `position` (a selected row)."""
        return self.frame.index[position]


def table(rows: list[Row], columns: list[Column]) -> pd.DataFrame:
    """One row per unit (indexed by unit code, for the row selection); the indicators hold numbers,
    so that sorting by a column header orders them by value, not by their text. A missing value is
    NaN, which the page shows as the no-data mark."""

    def values(group: list[Column]) -> dict[str, list[float | None]]:
        return {c.indicator_code: [r.cells[c.indicator_code].value for r in rows] for c in group}

    # The report column comes after the judged indicators: on a projector those must fit without scrolling.
    frame = pd.DataFrame(
        {
            UNIT_COLUMN: [r.unit_name for r in rows],
            **values([c for c in columns if c.is_judged]),
            REPORT_COLUMN: [r.report_text for r in rows],
            **values([c for c in columns if not c.is_judged]),
        },
        # Object, not pandas' string array: the Styler reads the index label by label, faster so.
        index=pd.Index([r.unit_code for r in rows], name="unit_code", dtype=object),
    )
    return frame.astype({c.indicator_code: "float64" for c in columns})


def grid(
    card: Scorecard,
    sort_by: str = DEFAULT_SORT,
    descending: bool = True,
    with_monitor: bool = True,
    lagging_only: bool = False,
    search: str = "",
) -> Grid:
    """A view of the scorecard: its rows sorted and filtered (`filtered_rows`), its columns chosen, every cell's
    text and style.

    A cell's text is found by its value: within a column the units are judged alike, so a value has one
    status and one icon. The province, judged against the province's target, and any unit where a value
    has another text keep texts of their own.
    """
    rows = filtered_rows(card, sorted_rows(card, sort_by, descending), lagging_only, search)
    cut = sum(not r.is_province for r in rows) - MAX_GRID_ROWS
    if cut > 0:
        rows = rows[: len(rows) - cut]
    columns = shown_columns(card, with_monitor)
    frame = table(rows, columns)
    codes = [c for c in frame.columns if c not in (UNIT_COLUMN, REPORT_COLUMN)]
    texts_by_value: dict[str, dict[float, str]] = {code: {} for code in codes}
    own_texts = {}
    for row in rows:
        cells = [(code, row.cells[code]) for code in codes]
        if row.is_province or any(
            c.value is not None and texts_by_value[code].setdefault(c.value, c.text) != c.text for code, c in cells
        ):
            own_texts[row.unit_code] = {code: c.text for code, c in cells}

    look_css = {status: status_css(status) for status in texts.STATUS_COLOURS}
    dark = [f"color: {charts.DARK_TEXT}"] * len(rows)  # dark text everywhere, at full contrast on every status colour
    css = pd.DataFrame(
        {c: dark if c in (UNIT_COLUMN, REPORT_COLUMN) else [look_css[r.cells[c].look] for r in rows] for c in frame},
        index=frame.index,
        dtype=object,  # as the index: read cell by cell
    )
    if rows and rows[0].is_province:
        css.iloc[0] += "; font-weight: bold"
    return Grid(
        frame=frame,
        css=css,
        texts_by_value=texts_by_value,
        own_texts=own_texts,
        columns=columns,
        cut=max(cut, 0),
    )


def status_css(status: str) -> str:
    background = texts.STATUS_COLOURS[status]
    return f"background-color: {background}; color: {charts.ink_on(background)}"


def styled(view: Grid) -> Styler:
    """Each indicator cell coloured by its status and showing icon and value; the province row in bold.

    One formatter per column, and per row only for the rows with texts of their own: a Styler.format
    call costs about a millisecond, and one per row was most of the page's time on the national scorecard.
    """
    styler = view.frame.style.apply(lambda _: view.css, axis=None)
    styler = styler.format(  # a missing value shows the grid's placeholder, whatever the text
        {
            code: (lambda v, known=by_value: MISSING_TEXT if pd.isna(v) else known[v])
            for code, by_value in view.texts_by_value.items()
        }
    )
    for unit, own in view.own_texts.items():
        formatters = {code: (lambda _v, text=text: text) for code, text in own.items()}
        styler = styler.format(formatters, subset=pd.IndexSlice[[unit], list(own)])
    return styler


def legend() -> Styler:
    """One cell per status: its icon and word on its colour, as the scorecard shows them."""
    frame = pd.DataFrame(
        [[f"{texts.STATUS_ICONS[s]} {texts.STATUS_LABELS[s]}" for s in status.STATUSES]], columns=list(status.STATUSES)
    )
    css = pd.DataFrame(
        [[status_css(s) + "; font-weight: bold" for s in status.STATUSES]], columns=list(status.STATUSES)
    )
    return frame.style.apply(lambda _: css, axis=None)
