"""A target's text (screens/targets.py), one formatter for its two wordings: on its own and inside a sentence."""

import pytest

from core.plans import TARGET_KINDS
from screens.targets import level_text, target_in_sentence, target_text

# (kind, value_min, value_max, on its own, inside a sentence): the plan's numbers, as the parser stores them
CASES = [
    ("min_percent", 0.3, None, "Tối thiểu 30%", "30%"),
    ("min_percent", 0.125, None, "Tối thiểu 12,5%", "12,5%"),  # a share is written as the plan writes it
    ("all", 1.0, None, "100%", "100%"),
    ("min_count", 1234, None, "Tối thiểu 1.234", "1.234"),
    ("min_count", 16, None, "Tối thiểu 16", "16"),
    ("range", 6, 8, "Từ 6 đến 8", "từ 6 đến 8"),
    ("per_month", 1, None, "Tối thiểu 1 mỗi tháng", "1 mỗi tháng"),
    ("monitor", None, None, "Theo dõi, không đánh giá", "—"),
]


@pytest.mark.parametrize(("kind", "low", "high", "alone", "in_sentence"), CASES)
def test_a_target_reads_the_same_alone_and_in_a_sentence(kind, low, high, alone, in_sentence):
    assert target_text(kind, low, high) == alone
    assert target_in_sentence(kind, low, high) == in_sentence


def test_every_kind_of_target_has_both_wordings():
    assert {case[0] for case in CASES} == set(TARGET_KINDS)


def test_a_level_is_written_as_the_plan_writes_it():
    assert level_text(0.3, True) == "30%"
    assert level_text(0.232, True) == "23,2%"
    assert level_text(1200, False) == "1.200"
    assert level_text(None, True) == "—"
