"""Trình chiếu: the meeting on one screen at a time, with the slides and the PDF to download."""

from datetime import date

import streamlit as st

from core import texts
from meeting.pack import MeetingPack, TargetSlide, lagging_table, meeting_pack, summary_table
from meeting.pdf import pack_pdf
from meeting.pptx import pack_pptx
from screens import presentation
from web.ui import data_version, db, plain, require, selectors, status_badge, text_table

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
SLIDE_PARAM = "slide"


@st.cache_data
def _pack(version: tuple, plan_id: str, period_code: str, today: date) -> MeetingPack:
    # `today` is in the key: the reporting status judges deadlines on the day.
    return meeting_pack(db(), plan_id, period_code, today)


@st.cache_data(max_entries=8)
def _pptx(version: tuple, plan_id: str, period_code: str, today: date) -> bytes:
    return pack_pptx(_pack(version, plan_id, period_code, today))


@st.cache_data(max_entries=8)
def _pdf(version: tuple, plan_id: str, period_code: str, today: date) -> bytes:
    return pack_pdf(_pack(version, plan_id, period_code, today))


def _go(number: int) -> None:
    st.query_params[SLIDE_PARAM] = str(number)


def _jump(key: str) -> None:
    _go(st.session_state[key])


def _show_summary(pack: MeetingPack) -> None:
    st.markdown(f"### {plain(pack.summary_text)}")
    columns = st.columns(3)
    for column, status in zip(columns, ("met", "not_yet", "behind"), strict=True):
        column.metric(texts.STATUS_LABELS[status], pack.summary[status])
    st.caption(plain(f"{pack.reported} · {pack.data_as_of}"))
    text_table(summary_table(pack).astype(str))
    if pack.unmeasured:
        st.markdown(f"**{texts.MEETING_UNMEASURED_TITLE}**")
        st.markdown("\n".join(f"- {plain(label)}" for label in pack.unmeasured))


def _show_target(slide: TargetSlide, total: int) -> None:
    st.caption(
        plain(
            texts.MEETING_TARGET_OF.format(number=slide.number, total=total)
            + " · "
            + texts.MEETING_TARGET_GOAL.format(label=slide.target_label, target=slide.target_text)
        )
    )
    value, verdict = st.columns([1, 3], vertical_alignment="center")
    value.metric(slide.title, slide.value_text, border=True)
    with verdict:
        status_badge(slide.status)
        st.markdown(f"### {plain(slide.headline)}")
    figure = presentation.target_figure(slide)
    if figure is None:
        st.info(texts.PRESENT_NO_UNIT_DATA)
    else:
        st.plotly_chart(figure, width="stretch", config={"displayModeBar": False})
    notes = [slide.based_on.capitalize()]
    if slide.units_behind:
        notes.append(texts.MEETING_UNITS_BEHIND.format(names=", ".join(slide.units_behind)))
    if slide.units_without_data:
        notes.append(texts.MEETING_UNITS_WITHOUT_DATA.format(names=", ".join(slide.units_without_data)))
    if slide.carried_text:
        notes.append(slide.carried_text)
    st.markdown("\n".join(f"- {plain(note)}" for note in notes))


def _show_reporting(pack: MeetingPack) -> None:
    completeness, timeliness = st.columns(2)
    completeness.markdown(f"### {plain(pack.reporting.completeness_text)}")
    timeliness.markdown(f"### {plain(pack.reporting.timeliness_text)}")
    text_table(pack.reporting.rates)
    st.markdown(f"**{texts.MEETING_CHASE_TITLE}**")
    if pack.reporting.chase:
        st.markdown("\n".join(f"- {plain(line)}" for line in pack.reporting.chase))
    else:
        st.success(texts.MEETING_CHASE_NONE)


def _show_lagging(pack: MeetingPack) -> None:
    if pack.lagging:
        text_table(lagging_table(pack))
    else:
        st.success(texts.MEETING_NO_LAGGING)


require("present")
st.title(texts.PRESENT_TITLE)
plan_id, period_code, _ = selectors()
version, today = data_version(), date.today()
pack = _pack(version, plan_id, period_code, today)

pptx_column, pdf_column, _ = st.columns([1, 1, 2])
pptx_column.download_button(
    texts.PRESENT_PPTX_BUTTON,
    data=lambda: _pptx(version, plan_id, period_code, today),
    file_name=f"{pack.file_stem}.pptx",
    mime=PPTX_MIME,
    icon=":material/slideshow:",
    key="pptx",
)
pdf_column.download_button(
    texts.PRESENT_PDF_BUTTON,
    data=lambda: _pdf(version, plan_id, period_code, today),
    file_name=f"{pack.file_stem}.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    key="pdf",
)

all_screens = presentation.screens(pack)
number = presentation.clamp(st.query_params.get(SLIDE_PARAM, 1), len(all_screens))
st.query_params[SLIDE_PARAM] = str(number)
previous, position, following = st.columns([1, 4, 1], vertical_alignment="center")
previous.button(
    texts.PRESENT_PREVIOUS, key="previous", disabled=number == 1, on_click=_go, args=(number - 1,), width="stretch"
)
following.button(
    texts.PRESENT_NEXT,
    key="next",
    disabled=number == len(all_screens),
    on_click=_go,
    args=(number + 1,),
    width="stretch",
    type="primary",
)
jump_key = f"jump-{number}"  # a new widget per screen: its default is the screen shown
choices = presentation.screen_choices(pack)
position.selectbox(
    texts.PRESENT_JUMP,
    list(choices),
    index=number - 1,
    format_func=choices.get,
    key=jump_key,
    on_change=_jump,
    args=(jump_key,),
    label_visibility="collapsed",
)

screen = all_screens[number - 1]
st.header(plain(screen.title), divider="gray")
if screen.kind == "summary":
    _show_summary(pack)
elif screen.kind == "target":
    _show_target(screen.target, len(pack.targets))
elif screen.kind == "reporting":
    _show_reporting(pack)
else:
    _show_lagging(pack)
st.caption(plain(f"{pack.title_line} · {pack.province_name} · {pack.generated_on}"))
