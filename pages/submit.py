"""Nộp báo cáo: download the pre-filled form, upload filled ones, see at once what was recorded or what to fix."""

from datetime import date

import streamlit as st

from core import fmt, texts
from core.auth import User
from screens import submission_desk
from web.ui import choose, data_version, db, grid, plain, require, select_plan, text_table, vietnamese_uploader

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods", "zip"]  # a zip of filled forms is unpacked, each form on its own
ZIP_MIME = "application/zip"
MANY_OUTCOMES = 10  # above this, only the files that need the person are shown one by one (all are in the table)
OUTCOMES_KEY = "submit_outcomes"


@st.cache_data
def _options(version: tuple, plan_id: str, user: User, today: date) -> submission_desk.SubmitOptions:
    # `today` is in the key: the report due changes with the day.
    return submission_desk.submit_options(db(), plan_id, user, today)


@st.cache_data(max_entries=50)
def _template(version: tuple, plan_id: str, unit_code: str, period_code: str) -> submission_desk.TemplateDownload:
    return submission_desk.template_download(db(), plan_id, unit_code, period_code)


def _confirm(index: int, user: User) -> None:
    outcomes = st.session_state[OUTCOMES_KEY]
    reason = st.session_state.get(f"reason-{index}", "")
    outcomes[index] = submission_desk.confirm(db(), outcomes[index], user, reason=reason)


def _cancel(index: int) -> None:
    outcomes = st.session_state[OUTCOMES_KEY]
    outcomes[index] = submission_desk.cancelled(outcomes[index])


def _ask(index: int, outcome: submission_desk.Outcome, user: User) -> None:
    """A file held until its sender decides: the rules it breaks first (and the reason they need), the report
    it would replace, then the buttons."""
    if outcome.replaced:
        st.warning(plain(outcome.replaced))
    if outcome.rules is not None:
        st.markdown(f"**{texts.SUBMIT_RULES_TITLE}**")
        text_table(outcome.rules)
        st.caption(texts.SUBMIT_RULES_NOTE)
        st.text_area(texts.SUBMIT_REASON_LABEL, placeholder=texts.SUBMIT_REASON_PLACEHOLDER, key=f"reason-{index}")
        if outcome.reason_missing:
            st.error(texts.SUBMIT_REASON_MISSING)
    st.caption(outcome.timing)
    label = texts.SUBMIT_CONFIRM_BUTTON if outcome.rules is None else texts.SUBMIT_SEND_WITH_REASON_BUTTON
    confirm, cancel, _ = st.columns([1, 1, 3])
    confirm.button(label, type="primary", key=f"confirm-{index}", on_click=_confirm, args=(index, user))
    cancel_label = texts.SUBMIT_CANCEL_BUTTON if outcome.replaced else texts.SUBMIT_DONT_SEND_BUTTON
    cancel.button(cancel_label, key=f"cancel-{index}", on_click=_cancel, args=(index,))
    st.markdown(f"**{outcome.figures_note}**")


def _show(index: int, outcome: submission_desk.Outcome, user: User) -> None:
    status = outcome.status
    st.markdown(f"{texts.SUBMIT_STATUS_ICONS[status]} **{plain(outcome.file_name)}** — {texts.SUBMIT_STATUS[status]}")
    if outcome.unit_code:
        st.caption(
            plain(
                texts.SUBMIT_RECOGNISED.format(
                    unit=outcome.unit_name, code=outcome.unit_code, period=outcome.period_label
                )
            )
        )
    if status == "accepted":
        st.success(texts.SUBMIT_ACCEPTED.format(submission_id=outcome.submission_id))
        if outcome.held_note:
            st.warning(plain(outcome.held_note))
        st.caption(outcome.timing)
    elif status == "unchanged":
        st.info(texts.SUBMIT_UNCHANGED.format(submission_id=outcome.submission_id))
    elif status == "stale":
        st.warning(texts.SUBMIT_STALE)
    elif status == "cancelled":
        st.info(texts.SUBMIT_CANCELLED)
    elif status == "rejected":
        st.error(texts.SUBMIT_REJECTED.format(count=len(outcome.errors)))
        if outcome.annotated:
            st.download_button(
                texts.SUBMIT_ANNOTATED_BUTTON,
                data=outcome.annotated,
                file_name=outcome.annotated_name,
                mime=XLSX_MIME,
                help=texts.SUBMIT_ANNOTATED_HELP,
                icon=":material/download:",
                key=f"annotated-{index}",
            )
        else:
            st.caption(texts.SUBMIT_NO_ANNOTATED)
        st.markdown(f"**{texts.SUBMIT_ERRORS_TITLE}**")
        text_table(outcome.errors)
    elif status == "confirm":
        _ask(index, outcome, user)
    if outcome.figures is not None and status in ("accepted", "confirm"):
        if status == "accepted":
            st.markdown(f"**{outcome.figures_note}**")
        text_table(outcome.figures)
    if outcome.warnings is not None:
        st.markdown(f"**{texts.SUBMIT_WARNINGS_TITLE}**")
        text_table(outcome.warnings)
    if outcome.mail_note:
        st.caption(plain(outcome.mail_note))


user = require("submit")
st.title(texts.SUBMIT_TITLE)
st.caption(texts.SUBMIT_CAPTION)
plan_id = select_plan()
version = data_version()
today = date.today()

st.subheader(texts.SUBMIT_TEMPLATE_TITLE)
options = _options(version, plan_id, user, today)
if not options.units:
    st.info(texts.SUBMIT_NO_UNITS_IN_PLAN)
else:
    unit_column, period_column, button_column = st.columns([2, 2, 1], vertical_alignment="bottom")
    with unit_column:
        unit_code = choose(texts.SUBMIT_TEMPLATE_UNIT, options.units, "unit", key="unit")
    with period_column:
        period_code = choose(
            texts.SUBMIT_TEMPLATE_PERIOD,
            options.periods,
            "period",
            key="period",
            default=options.due_periods[unit_code],
        )
    template = _template(version, plan_id, unit_code, period_code)
    with button_column:
        st.download_button(
            texts.SUBMIT_TEMPLATE_BUTTON,
            data=template.data,
            file_name=template.file_name,
            mime=XLSX_MIME,
            icon=":material/download:",
            key="template",
        )
    st.caption(plain(template.note))
    if len(options.units) > 1:
        st.download_button(
            texts.SUBMIT_FORMS_ZIP_BUTTON,
            data=submission_desk.forms_maker(db(), plan_id, user, period_code),  # made on a press
            file_name=submission_desk.forms_zip_name(plan_id, period_code),
            mime=ZIP_MIME,
            help=texts.SUBMIT_FORMS_ZIP_HELP,
            icon=":material/folder_zip:",
            key="forms-zip",
            on_click="ignore",
        )

st.subheader(texts.SUBMIT_UPLOAD_TITLE)
st.caption(plain(texts.SUBMIT_SENDER_IS.format(full_name=user.full_name, username=user.username)))
limits = texts.SUBMIT_UPLOADER_HELP.format(
    limit=submission_desk.upload_limit_mb(), files=submission_desk.MAX_FILES_PER_BATCH
)
vietnamese_uploader()
files = st.file_uploader(
    texts.SUBMIT_UPLOADER,
    type=UPLOAD_TYPES,
    accept_multiple_files=True,
    key="uploads",
    help=limits,
)
st.caption(limits)
received_on = None
if user.can("backfill"):  # a file received earlier by e-mail: its day decides on time or late (server-checked)
    today = date.today()
    received_on = st.date_input(
        texts.SUBMIT_RECEIVED_ON,
        today,
        max_value=today,
        format="DD/MM/YYYY",
        help=texts.SUBMIT_RECEIVED_ON_HELP,
        key="received_on",
    )
    if received_on < today:
        st.caption(texts.SUBMIT_BACKFILLED.format(day=fmt.date(received_on)))
if st.button(texts.SUBMIT_BUTTON, type="primary", disabled=not files, key="submit", icon=":material/upload:"):
    forms, refused = submission_desk.unpacked([(uploaded.name, uploaded.getvalue()) for uploaded in files])
    refusal = submission_desk.batch_problem(len(forms))
    if refusal:
        st.error(refusal)
    else:
        progress = st.progress(0.0)
        outcomes = list(refused)
        for n, (name, data) in enumerate(forms):
            progress.progress(
                n / len(forms), text=texts.SUBMIT_PROGRESS.format(n=n + 1, total=len(forms), file=plain(name))
            )
            outcomes.append(submission_desk.submit_file(db(), name, data, user, received_on=received_on))
        progress.progress(1.0, text=texts.SUBMIT_PROGRESS_DONE.format(total=len(forms)))
        st.session_state[OUTCOMES_KEY] = outcomes

outcomes = st.session_state.get(OUTCOMES_KEY, [])
if not outcomes:
    st.info(texts.SUBMIT_NOTHING_YET)
else:
    st.subheader(texts.SUBMIT_RESULTS_TITLE)
    st.markdown(submission_desk.results_summary(outcomes))
    if len(outcomes) > MANY_OUTCOMES:
        grid(submission_desk.outcomes_table(outcomes), hide_index=True, width="stretch")
    elif len(outcomes) > 1:
        text_table(submission_desk.outcomes_table(outcomes))
    marked = submission_desk.annotated_zip(outcomes)
    if marked and len(outcomes) > 1:
        st.download_button(
            texts.SUBMIT_ANNOTATED_ZIP_BUTTON,
            data=marked,
            file_name=texts.SUBMIT_ANNOTATED_ZIP_NAME,
            mime=ZIP_MIME,
            icon=":material/folder_zip:",
            key="annotated-zip",
        )
    for index, outcome in enumerate(outcomes):
        if len(outcomes) <= MANY_OUTCOMES or submission_desk.needs_attention(outcome):
            with st.container(border=True):
                _show(index, outcome, user)
    st.page_link("pages/history.py", label=texts.SUBMIT_HISTORY_LINK, icon=":material/history:")
