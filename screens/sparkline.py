"""A card's small trend as an SVG picture: the value at each period, labelled, with the target as a dashed line.

Tổng quan shows one per card (13 on a national plan). Drawn by Plotly they took the browser about 330 ms at every
change of period, more than everything else on the page; as a picture they cost next to nothing, and their values
are written on the points, which a projector shows better than a tooltip. Every text is escaped; the page shows it
as an image (web/ui.svg_image), so no markup of it reaches the page itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from screens import charts

WIDTH, HEIGHT = 300, 150  # the viewBox; the picture takes the card's width and keeps these proportions
LEFT, RIGHT, TOP, BOTTOM = 28, 28, 26, 34  # room for the first and last values, the labels above, the periods below
FONT_SIZE = 16
POINT_RADIUS = 5
HEADROOM = 1.15  # the highest value or the target sits below the top


@dataclass(frozen=True)
class Point:
    label: str  # the period, under its point ('Quý II')
    value: float | None  # None: no figure, the line breaks there
    text: str  # the value as written on the point ('27,7%')


def sparkline(points: list[Point], goal: float | None, title: str) -> str | None:
    """The SVG markup of the trend, or None when no point has a value."""
    values = [p.value for p in points if p.value is not None]
    if not values:
        return None
    top = max(values + ([goal] if goal is not None else []) + [0]) * HEADROOM or 1
    step = (WIDTH - LEFT - RIGHT) / max(len(points) - 1, 1)

    def x(n: int) -> float:
        return LEFT + n * step if len(points) > 1 else WIDTH / 2

    def y(value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-size="{FONT_SIZE}" font-family="sans-serif">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#999999" stroke-width="1"/>',
    ]
    if goal is not None:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(goal):.1f}" y2="{y(goal):.1f}" '
            f'stroke="{charts.TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4" data-role="goal"/>'
        )
    segment: list[str] = []
    segments = [segment]
    for n, point in enumerate(points):
        if point.value is None:
            segment = []
            segments.append(segment)
        else:
            segment.append(f"{x(n):.1f},{y(point.value):.1f}")
    colour = charts.SERIES_COLOURS[0]
    parts += [
        f'<polyline points="{" ".join(s)}" fill="none" stroke="{colour}" stroke-width="3"/>' for s in segments if s
    ]
    for n, point in enumerate(points):
        parts.append(
            f'<text x="{x(n):.1f}" y="{HEIGHT - 8}" text-anchor="middle" fill="#333333">{escape(point.label)}</text>'
        )
        if point.value is not None:
            cx, cy = x(n), y(point.value)
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{POINT_RADIUS}" fill="{colour}"/>')
            parts.append(
                f'<text x="{cx:.1f}" y="{cy - 9:.1f}" text-anchor="middle" fill="#000000" data-role="value">'
                f"{escape(point.text)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
