"""Bảng điểm: the province and every reporting unit against every indicator, coloured by status."""

import streamlit as st

from core import texts
from core.engine import EngineError
from screens import scorecard
from web.ui import (
    APPROVED_PARAM,
    approved_switch,
    choose,
    data_version,
    db,
    grid,
    plain,
    require,
    selectors,
    shared_view,
    table_height,
)

UNIT_PAGE = "pages/unit.py"
TABLE_KEY = "scorecard_table"
ROW_HEIGHT = 44  # taller rows than the default: read from the back of a meeting room
# Pixels: the unit and the six or so judged indicators fit a 1,400 px screen; the rest scrolls sideways.
UNIT_WIDTH, REPORT_WIDTH, CELL_WIDTH = 170, 130, 118


# The options (before the sort widgets) and the grid of a sort and filter (after them) both read the whole
# scorecard, computed once and shared: the country's has 50,000 cells.
@shared_view
def _scorecard(version: tuple, plan_id: str, period_code: str, approved_only: bool) -> scorecard.Scorecard:
    return scorecard.scorecard(db(), plan_id, period_code, approved_only)


@shared_view
def _grid(
    version: tuple,
    plan_id: str,
    period_code: str,
    approved_only: bool,
    sort_by: str,
    descending: bool,
    with_monitor: bool,
    lagging_only: bool,
    search: str,
) -> scorecard.Grid:
    card = _scorecard(version, plan_id, period_code, approved_only)
    return scorecard.grid(card, sort_by, descending, with_monitor, lagging_only, search)


def _unit_params(plan_id: str, period_code: str, unit_code: str, approved_only: bool) -> dict[str, str]:
    return {"plan": plan_id, "period": period_code, "unit": unit_code} | (
        {APPROVED_PARAM: "1"} if approved_only else {}
    )


require("view_province")
st.title(texts.SCORECARD_TITLE)
plan_id, period_code, _ = selectors()
approved_only = approved_switch()
version = data_version()
try:
    card = _scorecard(version, plan_id, period_code, approved_only)
except EngineError as error:
    st.error(plain(error))
    st.stop()
st.caption(texts.SCORECARD_CAPTION.format(period=card.period_label))
st.subheader(plain(card.headline))

if not card.has_data:
    st.info(texts.NO_DATA_FOR_PERIOD.format(period=card.period_label))
    st.stop()
if not card.has_targets:
    st.info(texts.SCORECARD_NO_TARGETS)

sort_column, order_column, monitor_column = st.columns([3, 2, 2], vertical_alignment="bottom")
with sort_column:
    sort_by = choose(texts.SCORECARD_SORT, scorecard.sort_choices(card), "sort", key="sort")
with order_column:
    order = choose(texts.SCORECARD_ORDER, texts.SCORECARD_ORDERS, "order", key="order")
with monitor_column:
    with_monitor = st.toggle(texts.SCORECARD_SHOW_MONITOR, value=True, key="monitor")
# With 65-168 communes: the units a meeting must hear about, or one found by name.
search_column, lagging_column = st.columns([3, 4], vertical_alignment="bottom")
with search_column:
    search = st.text_input(texts.UNIT_SEARCH, placeholder=texts.UNIT_SEARCH_PLACEHOLDER, key="search")
with lagging_column:
    lagging_only = st.toggle(texts.SCORECARD_LAGGING_ONLY, help=texts.SCORECARD_LAGGING_HELP, key="lagging")

st.markdown(f"**{texts.SCORECARD_LEGEND}**")
st.table(scorecard.legend(), hide_index=True, hide_header=True, width="content")

cells = _grid(
    version, plan_id, period_code, approved_only, sort_by, order == "desc", with_monitor, lagging_only, search
)
shown = scorecard.shown_text(card, cells)
if shown:
    st.caption(shown)
column_config = {
    # Not pinned: the grid fades a pinned column's text, too faint on a projector.
    scorecard.UNIT_COLUMN: st.column_config.TextColumn(texts.COLUMN_UNIT, pinned=False, width=UNIT_WIDTH),
    scorecard.REPORT_COLUMN: st.column_config.TextColumn(
        card.report_header, help=texts.SCORECARD_REPORT_HELP, width=REPORT_WIDTH
    ),
} | {c.indicator_code: st.column_config.Column(c.short_name, help=c.help, width=CELL_WIDTH) for c in cells.columns}
event = grid(
    scorecard.styled(cells),
    hide_index=True,
    column_config=column_config,
    height=table_height(cells.frame),  # a long table scrolls in its frame: the browser draws the rows in view
    row_height=ROW_HEIGHT,
    placeholder=scorecard.MISSING_TEXT,
    on_select="rerun",
    selection_mode="single-row",
    key=TABLE_KEY,
)
st.caption(texts.SCORECARD_HOW_TO)
if card.carried_text:
    st.caption(plain(card.carried_text))
for text in card.held_texts:
    st.warning(plain(text))
if card.without_report:
    st.caption(plain(texts.SCORECARD_WITHOUT_REPORT.format(names=", ".join(card.without_report))))

if event.selection.rows:
    chosen = cells.unit_at(event.selection.rows[0])
    st.switch_page(UNIT_PAGE, query_params=_unit_params(plan_id, period_code, chosen, approved_only))

# One searchable list rather than a link per unit: the country has 697 rows.
unit = st.selectbox(
    texts.SCORECARD_OPEN_UNIT,
    [row.unit_code for row in card.rows],
    index=None,
    format_func=lambda code: card.row(code).unit_name,
    placeholder=texts.SCORECARD_OPEN_UNIT_PLACEHOLDER,
    key="open_unit",
)
if unit is not None:
    st.switch_page(UNIT_PAGE, query_params=_unit_params(plan_id, period_code, unit, approved_only))
