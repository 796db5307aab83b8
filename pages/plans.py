"""Kế hoạch và chỉ tiêu: edit a plan's targets and deadlines, or start next year's plan from this one."""

import streamlit as st

from core import fmt, texts
from core.plans import MAX_ENTRY_OPEN_DAYS, PlanError
from screens import plan_admin
from web.ui import clear_caches, data_version, db, grid, multiselect, plain, require, select_plan

user = require("manage_plans")


@st.cache_data
def _view(version: tuple, plan_id: str) -> plan_admin.PlansPage:
    return plan_admin.plans_page(db(), plan_id)


def _attempt(action, success) -> None:
    """Run a plan change; every problem the validation found, or what was saved (`success`: the words, or a
    function of the change's result giving them) and what could not be done as asked (the result's notes)."""
    try:
        result = action()
    except PlanError as refusal:
        st.error(texts.PLAN_ADMIN_ERRORS + "\n" + "\n".join(f"- {plain(p)}" for p in refusal.problems))
    else:
        clear_caches()  # every page's figures may depend on the plan
        st.success(plain(success(result) if callable(success) else success))
        for note in getattr(result, "notes", []):
            st.warning(plain(note))


st.title(texts.PLAN_ADMIN_TITLE)
st.caption(texts.PLAN_ADMIN_CAPTION)
plan_id = select_plan()
view = _view(data_version(), plan_id)

st.subheader(texts.PLAN_ADMIN_TARGETS_TITLE)
grid(view.targets_table, hide_index=True, width="stretch")
target_id = st.selectbox(
    texts.PLAN_ADMIN_TARGET_SELECT, list(view.target_choices), format_func=view.target_choices.get, key="target"
)
target = view.targets[target_id]
with st.form(f"target-{plan_id}-{target_id}"):
    kinds = list(view.kind_choices)
    kind = st.selectbox(texts.PLAN_ADMIN_KIND, kinds, index=kinds.index(target.kind), format_func=view.kind_choices.get)
    value_column, min_column, max_column = st.columns(3)
    value = value_column.number_input(texts.PLAN_ADMIN_VALUE, value=target.value, min_value=0.0)
    low = min_column.number_input(texts.PLAN_ADMIN_MIN, value=target.low, min_value=0.0)
    high = max_column.number_input(texts.PLAN_ADMIN_MAX, value=target.high, min_value=0.0)
    label = st.text_area(texts.PLAN_ADMIN_LABEL, value=target.label, max_chars=1000)
    source = st.text_area(texts.PLAN_ADMIN_SOURCE, value=target.source, max_chars=4000)
    if st.form_submit_button(texts.PLAN_ADMIN_SAVE, type="primary"):
        _attempt(
            lambda: plan_admin.edit_target(
                db(), user, plan_id, target_id, plan_admin.target_changes(kind, value, low, high, label, source)
            ),
            texts.PLAN_ADMIN_SAVED.format(target=target_id),
        )

st.subheader(texts.PLAN_ADMIN_CALENDAR_TITLE)
with st.form(f"basis-{plan_id}"):
    bases = list(view.basis_choices)
    basis = st.radio(
        texts.PLAN_ADMIN_BASIS, bases, index=bases.index(view.period_basis), format_func=view.basis_choices.get
    )
    if st.form_submit_button(texts.PLAN_ADMIN_SAVE_BASIS):
        _attempt(
            lambda: plan_admin.edit_period_basis(db(), user, plan_id, basis),
            texts.PLAN_ADMIN_BASIS_SAVED.format(basis=view.basis_choices[basis]),
        )

with st.form(f"entry-{plan_id}"):
    open_days = st.number_input(
        texts.PLAN_ADMIN_OPEN_DAYS, min_value=0, max_value=MAX_ENTRY_OPEN_DAYS, value=view.entry_open_days, step=1
    )
    if st.form_submit_button(texts.PLAN_ADMIN_SAVE_OPEN_DAYS):
        _attempt(
            lambda: plan_admin.edit_entry_days(db(), user, plan_id, open_days),
            plan_admin.entry_days_saved(open_days),
        )

period_type = st.selectbox(
    texts.PLAN_ADMIN_PERIOD_TYPE, list(view.period_types), format_func=view.period_types.get, key="ptype"
)
current = view.deadlines[period_type]
with st.form(f"deadline-{plan_id}-{period_type}"):
    day_column, months_column = st.columns(2)
    day = day_column.number_input(texts.PLAN_ADMIN_DAY, min_value=1, max_value=31, value=current.day, step=1)
    months = months_column.number_input(
        texts.PLAN_ADMIN_MONTHS_AFTER, min_value=0, max_value=3, value=current.months_after_end, step=1
    )
    sentence = st.text_area(texts.PLAN_ADMIN_DEADLINE_SOURCE, value=current.source, max_chars=4000)
    if st.form_submit_button(texts.PLAN_ADMIN_SAVE_DEADLINE, type="primary"):
        _attempt(
            lambda: plan_admin.edit_deadline(db(), user, plan_id, period_type, int(day), int(months), sentence),
            texts.PLAN_ADMIN_DEADLINE_SAVED.format(period_type=view.period_types[period_type].lower()),
        )

st.subheader(texts.PLAN_ADMIN_UNITS_TITLE)
with st.form(f"units-{plan_id}"):
    if view.units_as_chips:
        chosen_units = multiselect(
            texts.PLAN_ADMIN_UNITS,
            list(view.unit_choices),
            default=view.current_units,
            format_func=view.unit_choices.get,
            placeholder=texts.CHOOSE_UNITS,
        )
    else:
        st.caption(texts.PLAN_ADMIN_UNITS_MANY.format(count=fmt.count(len(view.current_units))))
        to_add = view.units_to_add
        added = multiselect(
            texts.PLAN_ADMIN_UNITS_ADD,
            list(to_add),
            format_func=to_add.get,
            placeholder=texts.CHOOSE_UNITS,
            key="units_add",
        )
        removed = multiselect(
            texts.PLAN_ADMIN_UNITS_REMOVE,
            view.current_units,
            format_func=view.unit_choices.get,
            placeholder=texts.CHOOSE_UNITS,
            key="units_remove",
        )
        chosen_units = plan_admin.units_after(view, added, removed)
    if st.form_submit_button(texts.PLAN_ADMIN_SAVE_UNITS, type="primary"):
        _attempt(
            lambda: plan_admin.edit_reporting_units(db(), user, plan_id, chosen_units),
            texts.PLAN_ADMIN_UNITS_SAVED.format(count=fmt.count(len(chosen_units))),
        )

st.subheader(texts.PLAN_ADMIN_COPY_TITLE)
with st.form(f"copy-{plan_id}"):
    year = st.number_input(texts.PLAN_ADMIN_YEAR, min_value=2000, max_value=2100, value=view.next_year)
    province = st.selectbox(
        texts.PLAN_ADMIN_PROVINCE,
        list(view.copy_provinces),
        format_func=view.copy_provinces.get,
        help=texts.PLAN_ADMIN_PROVINCE_HELP,
        key=f"copy-province-{plan_id}",
    )
    if st.form_submit_button(texts.PLAN_ADMIN_COPY):
        _attempt(
            lambda: plan_admin.copy_plan(db(), user, plan_id, int(year), province_code=province or None),
            lambda copied: texts.PLAN_ADMIN_COPIED.format(plan=copied.plan_id),
        )
