"""What the pages say of the results: counts of units in Vietnamese format, as the country's 3,321 communes need."""

from dataclasses import replace

from core.engine import compute_indicators
from core.periods import parse_period
from screens.lagging import units_below_text
from screens.results import based_on_text, headline


def test_the_count_of_units_that_reported_is_written_in_vietnamese_format(demo):
    result = compute_indicators(demo, "lang-son-2023", "2023Q4")[0]
    country = replace(result, units_current=3318, units_expected=3321)
    assert headline([country], parse_period("2023Q4")) == "3.318/3.321 đơn vị đã báo cáo quý IV"


def test_the_units_under_the_level_are_counted_in_vietnamese_format(demo):
    result = compute_indicators(demo, "lang-son-2023", "2023Q4")[0]
    behind = replace(result, status="behind", value=0.1, expected_to_date=0.5, units_contributing=1)
    missing = replace(result, status="missed", value=None, units_contributing=0)
    on_track = replace(result, status="met", value=1.0, units_contributing=1)
    communes = [behind] * 1_200 + [missing] * 1_001 + [on_track] * 1_120
    assert units_below_text(communes, "xã") == "; 2.201/3.321 xã dưới mức, 1.001 xã chưa có số liệu"


def test_what_a_figure_rests_on_is_counted_in_vietnamese_format(demo):
    result = compute_indicators(demo, "lang-son-2023", "2023Q4")[0]
    country = replace(result, units_contributing=3318, units_expected=3321)
    assert based_on_text(country) == "dựa trên 3.318/3.321 đơn vị"
