"""A card's trend as inline SVG (screens/sparkline.py), by hand-made points."""

import re

from screens.sparkline import HEIGHT, Point, sparkline


def _ys(svg: str) -> dict[str, float]:
    """Each value's label -> the height of its point (SVG y grows downwards)."""
    circles = [float(y) for y in re.findall(r'<circle cx="[^"]+" cy="([^"]+)"', svg)]
    texts = re.findall(r'data-role="value">([^<]+)</text>', svg)
    return dict(zip(texts, circles, strict=True))


def test_each_value_is_written_on_its_point_the_target_dashed_and_a_gap_breaks_the_line():
    points = [Point("Quý I", 0.10, "10,0%"), Point("Quý II", None, "—"), Point("Quý III", 0.30, "30,0%")]
    svg = sparkline(points, 0.30, "Diễn biến qua các kỳ")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Diễn biến qua các kỳ"')
    assert svg.count("<polyline") == 2  # Quý II has no figure: two pieces, not a line through it
    ys = _ys(svg)
    assert set(ys) == {"10,0%", "30,0%"} and ys["30,0%"] < ys["10,0%"] < HEIGHT
    goal = re.search(r'y1="([^"]+)" y2="[^"]+" stroke="#CC79A7"', svg)
    assert abs(float(goal.group(1)) - ys["30,0%"]) < 0.2  # the target's line passes through the 30 % point
    assert re.findall(r'fill="#333333">([^<]+)</text>', svg) == ["Quý I", "Quý II", "Quý III"]


def test_nothing_to_draw_without_a_value_and_texts_are_escaped():
    assert sparkline([Point("Quý I", None, "—")], 0.3, "x") is None
    svg = sparkline([Point("<b>Q1</b>", 2, "2 & 3")], None, 'a "title"')
    assert "<b>" not in svg and "&lt;b&gt;Q1&lt;/b&gt;" in svg and "2 &amp; 3" in svg and "&quot;title&quot;" in svg
    assert 'data-role="goal"' not in svg
