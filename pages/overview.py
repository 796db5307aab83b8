"""Tổng quan: every measurable target of the plan at a glance, and which ones lag, for the committee's meeting."""

import streamlit as st

from core import texts
from screens import overview
from web.ui import (
    approved_switch,
    data_version,
    db,
    plain,
    require,
    selectors,
    shared_view,
    status_badge,
    status_bar,
    svg_image,
)

CARDS_PER_ROW = 3  # three cards side by side stay readable on a projector at 1400 px


@shared_view
def _overview(version: tuple, plan_id: str, period_code: str, approved_only: bool) -> overview.Overview:
    return overview.overview(db(), plan_id, period_code, approved_only)


def _card(card: overview.Card) -> None:
    with st.container(border=True):
        # The name as a heading (the metric's own label is too small for a projector).
        st.markdown(f"#### {plain(card.indicator_name)}")
        st.metric(plain(card.indicator_name), card.value_text, label_visibility="collapsed")
        status_badge(card.status, card.due_text)
        st.markdown(f"**{plain(texts.CARD_TARGET.format(target=card.target_text))}**")
        if card.progress is not None:
            status_bar(card.progress, card.status, card.progress_text)
        if card.laggards:
            st.markdown(plain(texts.LAGGARDS_TITLE.format(names=card.laggards)))
        st.caption(plain(card.based_on))
        if card.carried_text:
            st.caption(plain(card.carried_text))
        if card.held_text:
            st.warning(plain(card.held_text))
        for decision in card.decisions:
            st.info(plain(decision), icon=":material/gavel:")
        trend = card.trend_chart
        if trend is None:
            st.caption(texts.TREND_NO_DATA)
        else:
            st.caption(texts.CARD_TREND_TITLE)
            svg_image(trend, texts.CARD_TREND_TITLE)
        st.caption(plain(card.target_label))


require("view_province")
st.title(texts.OVERVIEW_TITLE)
plan_id, period_code, _ = selectors()
approved_only = approved_switch()
version = data_version()
view = _overview(version, plan_id, period_code, approved_only)
st.caption(texts.OVERVIEW_CAPTION.format(period=view.period_label))

if not view.has_targets:
    st.info(texts.OVERVIEW_NO_TARGETS)
    st.stop()

st.subheader(plain(view.headline))
if not view.has_data:
    st.info(texts.NO_DATA_FOR_PERIOD.format(period=view.period_label))
elif view.behind_sentences:
    st.markdown(f"#### {texts.OVERVIEW_ATTENTION}")
    st.markdown("\n".join(f"- {plain(sentence)}" for sentence in view.behind_sentences))
else:
    st.success(texts.OVERVIEW_ALL_ON_TRACK)

for start in range(0, len(view.cards), CARDS_PER_ROW):
    for column, card in zip(st.columns(CARDS_PER_ROW), view.cards[start : start + CARDS_PER_ROW], strict=False):
        with column:
            _card(card)
