"""Trình chiếu: the meeting pack as screens for a projector, one at a time, and their large charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from core import texts
from core.db import Database
from meeting.pack import MeetingPack, TargetSlide, UnitBar, lagging_table, meeting_pack, summary_table
from screens import charts, reporting_status

FONT_SIZE = 20  # a meeting room reads the screen from several metres away
BAR_HEIGHT_PX = 46  # per unit: 11 districts fill a projector screen without scrolling
CHART_MIN_HEIGHT = 360
# Presenter mode (full screen): the chart beside the sentence, one height that fits 1366×768 and 1920×1080,
# at most WORST + BEST units (worst on top), text at least 24 px.
PRESENTER_FONT_SIZE = 24
PRESENTER_CHART_HEIGHT = 560
LEVEL_COLOUR = charts.TARGET_COLOUR
VALUE_AXIS_HEADROOM = 1.15  # room right of the longest bar for its label


@dataclass(frozen=True)
class Screen:
    kind: str  # summary | target | reporting | lagging
    title: str
    target: TargetSlide | None = None
    caption: str = ""  # a target: its number among the targets, and the plan's words with the goal
    notes: list[str] = field(default_factory=list)  # a target: the lines under its chart


@dataclass(frozen=True)
class Presentation:
    """Everything the Trình chiếu page shows; the slides and the PDF are made from `pack` when downloaded."""

    pack: MeetingPack
    screens: list[Screen]
    choices: dict[int, str]  # the jump list
    reported: str  # under the summary: who reported, and the data's date
    summary: pd.DataFrame  # one row per measured target, as text
    lagging: pd.DataFrame | None  # None when no unit lags
    footer: str


def _target_screen(slide: TargetSlide, total: int) -> Screen:
    caption = (
        texts.MEETING_TARGET_OF.format(number=slide.number, total=total)
        + " · "
        + texts.MEETING_TARGET_GOAL.format(label=slide.target_label, target=slide.target_text)
    )
    notes = [slide.based_on.capitalize()]
    if slide.laggards:
        notes.append(texts.LAGGARDS_TITLE.format(names=slide.laggards))
    if slide.units_without_data:
        notes.append(texts.MEETING_UNITS_WITHOUT_DATA.format(names=", ".join(slide.units_without_data)))
    if slide.carried_text:
        notes.append(slide.carried_text)
    if slide.held_text:
        notes.append(slide.held_text)
    notes += slide.decisions
    return Screen("target", slide.title, slide, caption, notes)


def screens(pack: MeetingPack) -> list[Screen]:
    """The summary, one screen per measured target, the reporting status, the units that lag."""
    return [
        Screen("summary", texts.MEETING_SUMMARY_TITLE),
        *(_target_screen(t, len(pack.targets)) for t in pack.targets),
        Screen("reporting", texts.MEETING_REPORTING_TITLE),
        Screen("lagging", texts.MEETING_LAGGING_TITLE),
    ]


def screen_choices(pack: MeetingPack) -> dict[int, str]:
    """1-based screen number -> 'n. title', for the jump list."""
    return {n: texts.PRESENT_SCREEN_LABEL.format(number=n, title=s.title) for n, s in enumerate(screens(pack), 1)}


def clamp(number: object, count: int) -> int:
    """A screen number from the URL, kept within 1..count (anything unreadable is the first screen)."""
    try:
        return min(max(int(str(number)), 1), count)
    except ValueError:
        return 1


def target_figure(
    slide: TargetSlide, units: list[UnitBar] | None = None, height: int | None = None, font_size: int = FONT_SIZE
) -> go.Figure | None:
    """Units as horizontal bars (`units` in their order from the top; by default all, highest on top), coloured by
    status and named in the legend, with the level line."""
    units = slide.units if units is None else units
    drawn = [u for u in units if u.value is not None]
    if not drawn:
        return None
    fig = go.Figure()
    order = [u.unit_name for u in units]  # units without data keep their row, empty
    for status, label in texts.STATUS_LABELS.items():
        group = [u for u in drawn if u.status == status]
        if group:
            fig.add_bar(
                y=[u.unit_name for u in group],
                x=[u.value for u in group],
                orientation="h",
                name=label,
                marker_color=charts.status_colour(status),
                text=[u.value_text for u in group],
                # Inside the end of the bar when it fits: the level line then crosses no label.
                textposition="auto",
                insidetextanchor="end",
                textfont={"size": font_size, "color": reporting_status.CELL_TEXT_COLOUR},
                cliponaxis=False,
                hovertemplate="<b>%{y}</b>: %{text}<extra></extra>",
            )
    top = max([u.value for u in drawn] + [slide.unit_level or 0])
    if slide.unit_level is not None:
        fig.add_vline(x=slide.unit_level, line={"dash": "dash", "color": LEVEL_COLOUR, "width": 3}, layer="below")
        fig.add_annotation(
            x=slide.unit_level,
            y=1,
            yref="paper",
            yanchor="bottom",
            text=texts.MEETING_UNIT_LEVEL.format(level=slide.unit_level_text),
            showarrow=False,
            font={"size": font_size - 2, "color": LEVEL_COLOUR},
        )
    height = height or max(CHART_MIN_HEIGHT, BAR_HEIGHT_PX * len(order) + 120)
    fig = charts.styled(fig, "", percent=False, height=height)
    fig.update_layout(
        font={"size": font_size},
        barmode="overlay",
        legend={"orientation": "h", "y": -0.08, "yanchor": "top", "x": 0, "font": {"size": font_size}},
        margin={"l": 10, "r": 30, "t": 40, "b": 10},
    )
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True, tickfont={"size": font_size})
    fig.update_xaxes(
        range=[0, (top or 1) * VALUE_AXIS_HEADROOM],
        tickformat=".0%" if slide.is_percent else ",~f",
        gridcolor="#E5E5E5",
        automargin=True,
    )
    return fig


def presentation(
    db: Database, plan_id: str, period_code: str, as_of: date, approved_only: bool = False
) -> Presentation:
    """The meeting on `period_code` as screens, as of one day (meeting.pack.meeting_pack)."""
    pack = meeting_pack(db, plan_id, period_code, as_of, approved_only=approved_only)
    return Presentation(
        pack=pack,
        screens=screens(pack),
        choices=screen_choices(pack),
        reported=f"{pack.reported} · {pack.as_of_text}",
        summary=summary_table(pack).astype(str),
        lagging=lagging_table(pack) if pack.lagging else None,
        footer=f"{pack.title_line} · {pack.province_name} · {pack.generated_on}",
    )
