"""Trình chiếu's model (screens/presentation.py) on the demo year's fourth quarter: the screens in order, each
target's caption and notes written from its slide, the tables as the page shows them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from core import fmt
from core.bootstrap import open_database
from meeting.pack import UnitBar, worst_first
from screens.presentation import (
    PRESENTER_CHART_HEIGHT,
    PRESENTER_FONT_SIZE,
    clamp,
    presentation,
    target_figure,
)

PLAN = "lang-son-2023"
MEETING_DAY = date(2024, 1, 15)


@pytest.fixture(scope="module")
def view(demo_db_path):
    database = open_database(demo_db_path)
    yield presentation(database, PLAN, "2023Q4", MEETING_DAY)
    database.close()


def test_the_screens_follow_the_meeting(view):
    kinds = [screen.kind for screen in view.screens]
    assert kinds == ["summary", *["target"] * len(view.pack.targets), "reporting", "lagging"]
    assert len(view.pack.targets) == 6
    assert list(view.choices) == list(range(1, len(view.screens) + 1))
    assert view.choices[1] == "1. Tóm tắt kết quả" and view.choices[len(view.screens)] == "9. Đơn vị cần quan tâm"
    assert (clamp("99", len(view.screens)), clamp("abc", len(view.screens))) == (9, 1)


def test_a_target_screen_is_written_from_its_slide(view):
    screen = view.screens[3]  # the third target: the establishments inspected
    slide = screen.target
    assert screen.title == slide.title == "Tỷ lệ cơ sở được kiểm tra"
    assert screen.caption == f"Chỉ tiêu 3/6 · Chỉ tiêu của kế hoạch: {slide.target_label} (Tối thiểu 30%)"
    assert screen.notes[0] == slide.based_on.capitalize()
    assert screen.notes[1] == f"Xa mức cần đạt nhất: {slide.laggards}"
    assert slide.laggards.startswith("Huyện Văn Quan (14,3%), Huyện Văn Lãng (17,4%)")  # the worst first
    assert slide.laggards.endswith(" và 1 đơn vị khác")  # five named, the sixth counted
    parts = (slide.laggards, slide.units_without_data, slide.carried_text, slide.held_text)
    assert len(screen.notes) == 1 + sum(bool(part) for part in parts)
    assert view.screens[0].caption == "" and view.screens[0].notes == []


def test_the_tables_and_lines_as_shown(view):
    assert view.summary["Kết quả"].tolist() == ["90,2%", "80,2%", "27,7%", "100,0%", "35,5%", "90,9%"]
    assert all(isinstance(cell, str) for cell in view.summary.to_numpy().ravel())  # the numbers too, as text
    assert view.lagging is not None and view.lagging.iloc[0, 0] == view.pack.lagging[0].unit_name
    assert view.reported == f"{view.pack.reported} · {view.pack.as_of_text}"
    assert view.pack.as_of_text == "Tính đến ngày 15/01/2024"  # the meeting's day: deadlines judged on it
    made = fmt.date(date.today())  # the day the pack was made
    assert view.footer == f"{view.pack.title_line} · {view.pack.province_name} · Lập ngày {made}"


def test_presenter_chart_puts_the_worst_on_top_and_keeps_fifteen_of_many(view):
    slide = view.pack.targets[2]  # the establishments inspected: 11 districts, all shown
    units, left_out = worst_first(slide)
    assert [u.unit_name for u in units][:2] == ["Huyện Văn Quan", "Huyện Văn Lãng"] and left_out == 0
    assert [u.value for u in units] == sorted(u.value for u in slide.units if u.value is not None)
    many = replace(slide, units=[UnitBar(f"Xã {n:03d}", n / 100, f"{n}%", "behind", False) for n in range(120, 0, -1)])
    units, left_out = worst_first(many)
    assert [u.unit_name for u in units] == [f"Xã {n:03d}" for n in [*range(1, 11), *range(116, 121)]]
    assert left_out == 105
    figure = target_figure(many, units, PRESENTER_CHART_HEIGHT, PRESENTER_FONT_SIZE)
    assert list(figure.layout.yaxis.categoryarray)[::-1][0] == "Xã 001"  # drawn on top
    assert figure.layout.height == PRESENTER_CHART_HEIGHT and figure.layout.font.size == PRESENTER_FONT_SIZE
