"""Trình chiếu: the meeting on one screen at a time, with the slides and the PDF to download."""

from datetime import date

import streamlit as st

from core import texts
from meeting.docx import report_docx
from meeting.pack import as_of_bounds, left_out_text, worst_first
from meeting.pdf import pack_pdf
from meeting.pptx import pack_pptx
from meeting.report import draft_of, report_file_name
from screens import presentation
from web.ui import (
    approved_switch,
    data_version,
    db,
    plain,
    presenter_mode,
    require,
    select_day,
    selectors,
    shared_view,
    status_badge,
    text_table,
)

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SLIDE_PARAM = "slide"
FULL_PARAM = "toan-man-hinh"  # ?toan-man-hinh=1: presenter mode, kept in a shared link
CONTROLS = "present-controls"  # the container presenter mode hides


@st.cache_data
def _as_of_bounds(version: tuple, plan_id: str, period_code: str, today: date) -> tuple[date | None, date]:
    # `today` is in the key: the default day is today while the plan's year is open.
    return as_of_bounds(db(), plan_id, period_code, today)


@shared_view
def _view(
    version: tuple, plan_id: str, period_code: str, as_of: date, approved_only: bool
) -> presentation.Presentation:
    return presentation.presentation(db(), plan_id, period_code, as_of, approved_only)


# The files are made only when a download button is pressed: each takes longer than the page itself.
@st.cache_data(max_entries=8)
def _pptx(version: tuple, plan_id: str, period_code: str, as_of: date, approved_only: bool) -> bytes:
    return pack_pptx(_view(version, plan_id, period_code, as_of, approved_only).pack)


@st.cache_data(max_entries=8)
def _docx(version: tuple, plan_id: str, period_code: str, as_of: date, approved_only: bool) -> bytes:
    pack = _view(version, plan_id, period_code, as_of, approved_only).pack
    return report_docx(draft_of(db(), pack, date.today(), approved_only))


@st.cache_data(max_entries=8)
def _pdf(version: tuple, plan_id: str, period_code: str, as_of: date, approved_only: bool) -> bytes:
    return pack_pdf(_view(version, plan_id, period_code, as_of, approved_only).pack)


def _go(number: int) -> None:
    st.query_params[SLIDE_PARAM] = str(number)


def _step(delta: int, count: int) -> None:
    """One screen on or back from the one in the URL when the press is handled, not from the screen the button
    was drawn for: a press while the page is still changing moves one screen, never back."""
    _go(presentation.clamp(presentation.clamp(st.query_params.get(SLIDE_PARAM, 1), count) + delta, count))


def _jump(key: str) -> None:
    _go(st.session_state[key])


def _presenter(on: bool) -> None:
    if on:
        st.query_params[FULL_PARAM] = "1"
    else:
        st.query_params.pop(FULL_PARAM, None)


def _show_summary(view: presentation.Presentation) -> None:
    pack = view.pack
    st.markdown(f"### {plain(pack.summary_text)}")
    shown = [status for status, count in pack.summary.items() if count]
    for column, status in zip(st.columns(max(len(shown), 1)), shown, strict=False):
        column.metric(texts.STATUS_LABELS[status], pack.summary[status])
    st.caption(plain(view.reported))
    text_table(view.summary)
    if pack.unmeasured:
        st.markdown(f"**{texts.MEETING_UNMEASURED_TITLE}**")
        st.markdown("\n".join(f"- {plain(label)}" for label in pack.unmeasured))


def _show_target_full(screen: presentation.Screen) -> None:
    """Presenter mode: the figure, verdict and sentence beside the chart, worst unit on top; one screen high."""
    slide = screen.target
    words, chart = st.columns([2, 3])
    with words:
        st.header(slide.value_text, anchor=False)  # the figure, as large as the title
        status_badge(slide.status, slide.due_text)
        st.subheader(plain(slide.headline), anchor=False)
        st.markdown("\n".join(f"- {plain(note)}" for note in screen.notes[1:]))  # the first is the chart's basis
        st.caption(plain(screen.notes[0]))
    units, left_out = worst_first(slide)
    figure = presentation.target_figure(
        slide, units, presentation.PRESENTER_CHART_HEIGHT, presentation.PRESENTER_FONT_SIZE
    )
    with chart:
        if figure is None:
            st.info(texts.PRESENT_NO_UNIT_DATA)
        else:
            st.plotly_chart(figure, width="stretch", config={"displayModeBar": False})
            if left_out:
                st.caption(left_out_text(slide))


def _show_target(screen: presentation.Screen) -> None:
    slide = screen.target
    st.caption(plain(screen.caption))
    value, verdict = st.columns([1, 3], vertical_alignment="center")
    value.metric(slide.title, slide.value_text, border=True)
    with verdict:
        status_badge(slide.status, slide.due_text)
        st.markdown(f"### {plain(slide.headline)}")
    # Drawn here, not cached: a Plotly figure copied out of a cache is validated again, as slow as drawing it.
    figure = presentation.target_figure(slide)
    if figure is None:
        st.info(texts.PRESENT_NO_UNIT_DATA)
    else:
        st.plotly_chart(figure, width="stretch", config={"displayModeBar": False})
    st.markdown("\n".join(f"- {plain(note)}" for note in screen.notes))


def _show_reporting(view: presentation.Presentation) -> None:
    reporting = view.pack.reporting
    completeness, timeliness = st.columns(2)
    completeness.markdown(f"### {plain(reporting.completeness_text)}")
    timeliness.markdown(f"### {plain(reporting.timeliness_text)}")
    text_table(reporting.rates)
    st.markdown(f"**{texts.MEETING_CHASE_TITLE}**")
    if reporting.chase:
        st.markdown("\n".join(f"- {plain(line)}" for line in reporting.chase_named))
    else:
        st.success(texts.MEETING_CHASE_NONE)


def _show_lagging(view: presentation.Presentation) -> None:
    if view.lagging is not None:
        text_table(view.lagging)
    else:
        st.success(texts.MEETING_NO_LAGGING)


require("present")
full = st.query_params.get(FULL_PARAM) == "1"
controls = st.container(key=CONTROLS)
controls.title(texts.PRESENT_TITLE)
with controls:
    plan_id, period_code, _ = selectors()
    approved_only = approved_switch()
version = data_version()
earliest, default = _as_of_bounds(version, plan_id, period_code, date.today())
# Two rows: the day and presenter mode, then the three files (five buttons in one row cut their words at 1366 px).
as_of_column, full_column, _ = controls.columns(3, vertical_alignment="bottom")
pptx_column, pdf_column, docx_column = controls.columns(3, vertical_alignment="bottom")
with as_of_column:
    as_of = select_day(
        texts.AS_OF_LABEL, "ngay", f"as_of-{plan_id}-{period_code}", default, earliest, help=texts.AS_OF_HELP
    )
view = _view(version, plan_id, period_code, as_of, approved_only)
full_column.button(
    texts.PRESENT_FULL_SCREEN, key="enter", on_click=_presenter, args=(True,), icon=":material/fullscreen:"
)

pptx_column.download_button(
    texts.PRESENT_PPTX_BUTTON,
    data=lambda: _pptx(version, plan_id, period_code, as_of, approved_only),
    file_name=f"{view.pack.file_stem}.pptx",
    mime=PPTX_MIME,
    icon=":material/slideshow:",
    key="pptx",
)
pdf_column.download_button(
    texts.PRESENT_PDF_BUTTON,
    data=lambda: _pdf(version, plan_id, period_code, as_of, approved_only),
    file_name=f"{view.pack.file_stem}.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    key="pdf",
)
docx_column.download_button(
    texts.PRESENT_DOCX_BUTTON,
    data=lambda: _docx(version, plan_id, period_code, as_of, approved_only),
    file_name=report_file_name(plan_id, period_code),
    mime=DOCX_MIME,
    icon=":material/description:",
    key="docx",
    help=texts.PRESENT_DOCX_HELP,
)

number = presentation.clamp(st.query_params.get(SLIDE_PARAM, 1), len(view.screens))
st.query_params[SLIDE_PARAM] = str(number)
first, previous, position, following, last = controls.columns([1, 1, 4, 1, 1], vertical_alignment="center")
last_screen = len(view.screens)
# (column, words, widget key, icon, disabled, action, its arguments). Icons from the page's own icon font: arrows
# drawn as emoji (⏮ ⏭) need a font a meeting-room PC may not have.
steps = [
    (first, texts.PRESENT_FIRST, "first", ":material/first_page:", number == 1, _go, (1,)),
    (previous, texts.PRESENT_PREVIOUS, "previous", ":material/chevron_left:", number == 1, _step, (-1, last_screen)),
    (following, texts.PRESENT_NEXT, "next", ":material/chevron_right:", number == last_screen, _step, (1, last_screen)),
    (last, texts.PRESENT_LAST, "last", ":material/last_page:", number == last_screen, _go, (last_screen,)),
]
for column, words, key, icon, disabled, action, args in steps:
    kind = "primary" if key == "next" else "secondary"  # the usual press: one screen on
    column.button(words, key=key, disabled=disabled, on_click=action, args=args, icon=icon, width="stretch", type=kind)
jump_key = f"jump-{number}"  # a new widget per screen: its default is the screen shown
position.selectbox(
    texts.PRESENT_JUMP,
    list(view.choices),
    index=number - 1,
    format_func=view.choices.get,
    key=jump_key,
    on_change=_jump,
    args=(jump_key,),
    label_visibility="collapsed",
)

screen = view.screens[number - 1]
if full:
    presenter_mode(CONTROLS)
    title, leave = st.columns([5, 1], vertical_alignment="center")
    title.subheader(plain(screen.title), anchor=False)
    title.caption(plain(texts.PRESENT_WHERE.format(number=number, total=len(view.screens), as_of=view.pack.as_of_text)))
    with leave, st.container(key="presenter-bar"):
        st.button(
            texts.PRESENT_LEAVE, key="exit", on_click=_presenter, args=(False,), icon=":material/fullscreen_exit:"
        )
else:
    st.header(plain(screen.title), divider="gray")
if screen.kind == "summary":
    _show_summary(view)
elif screen.kind == "target" and full:
    _show_target_full(screen)
elif screen.kind == "target":
    _show_target(screen)
elif screen.kind == "reporting":
    _show_reporting(view)
else:
    _show_lagging(view)
st.caption(plain(view.footer))
