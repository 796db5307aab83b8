"""Plotly figures in the product's style: Vietnamese number format, colour-blind-safe colours, large type."""

from __future__ import annotations

import plotly.graph_objects as go

from core.texts import STATUS_COLOURS

FONT_SIZE = 16  # legible on a projector
SEPARATORS = ",."  # Plotly: decimal mark, then thousands separator: 1.234,5
TARGET_COLOUR = "#CC79A7"  # Okabe–Ito reddish purple: the target line, distinct from every status colour
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def styled(fig: go.Figure, title: str, percent: bool = False, height: int = 420) -> go.Figure:
    """Apply the house style; `percent` formats the value axis as 12,5%."""
    fig.update_layout(
        title={"text": title, "font": {"size": FONT_SIZE + 4}},
        separators=SEPARATORS,
        font={"size": FONT_SIZE},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": -0.3},
    )
    fig.update_yaxes(gridcolor="#E5E5E5", zerolinecolor="#999999")
    if percent:
        fig.update_yaxes(tickformat=".0%")
    return fig


DARK_TEXT, LIGHT_TEXT = "#000000", "#FFFFFF"


def status_colour(status: str) -> str:
    return STATUS_COLOURS[status]


def ink_on(background: str) -> str:
    """Black or white, whichever contrasts more with the background (WCAG relative luminance)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(background[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return DARK_TEXT if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else LIGHT_TEXT
