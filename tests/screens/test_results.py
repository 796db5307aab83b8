"""What the pages say of the results: counts of units in Vietnamese format, as the country's 3,321 communes need."""

from dataclasses import replace

from core.engine import compute_indicators
from core.periods import parse_period
from screens.results import headline


def test_the_count_of_units_that_reported_is_written_in_vietnamese_format(demo):
    result = compute_indicators(demo, "lang-son-2023", "2023Q4")[0]
    country = replace(result, units_current=3318, units_expected=3321)
    assert headline([country], parse_period("2023Q4")) == "3.318/3.321 đơn vị đã báo cáo quý IV"
