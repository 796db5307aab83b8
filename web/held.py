"""The figures a report holds for verification, each with the secretariat's two decisions (issue 17): one
rendering for Chất lượng số liệu (every report) and Duyệt báo cáo (the report under review, issue 20 item 6)."""

import streamlit as st

from core import fmt, texts
from core.auth import User
from screens import verification
from web.ui import db, plain


def _decide(item: verification.HeldItem, decision: str, user: User) -> None:
    reason = st.session_state.get(f"verify-reason-{item.key}", "")
    try:
        verification.decide(db(), user, item.submission_id, item.problem, decision, reason)
    except verification.VerificationError as error:
        st.session_state[f"verify-error-{item.key}"] = str(error)
    else:
        st.session_state["verify-done"] = texts.VERIFY_DONE[decision]


def held_figures(items: list[verification.HeldItem], user: User) -> None:
    """The figures held out of every aggregate; the secretariat confirms each or asks for a correction (pages
    Chất lượng số liệu and, for one report, Duyệt báo cáo)."""
    st.subheader(texts.VERIFY_TITLE)
    st.caption(texts.VERIFY_CAPTION)
    if done := st.session_state.pop("verify-done", None):
        st.success(done)
    if not items:
        st.success(texts.VERIFY_NONE)
        return
    st.markdown(f"**{texts.VERIFY_COUNT.format(count=fmt.count(len(items)))}**")
    for item in items:
        with st.container(border=True):
            st.markdown(f"**{plain(texts.VERIFY_ITEM.format(unit=item.unit_name, period=item.period_label))}**")
            st.markdown(plain(texts.VERIFY_FIGURES.format(figures=item.figures)))
            st.markdown(plain(texts.VERIFY_PROBLEM.format(problem=item.problem)))
            st.caption(
                plain(
                    texts.VERIFY_SENDER.format(
                        sender=item.sender, received=item.received_text, reason=item.sender_reason
                    )
                )
            )
            st.caption(plain(item.state_text))
            if not user.can("verify_figures"):
                continue
            st.text_input(texts.VERIFY_REASON_LABEL, key=f"verify-reason-{item.key}")
            if error := st.session_state.pop(f"verify-error-{item.key}", None):
                st.error(error)
            confirm, correction, _ = st.columns([1, 1, 2])
            confirm.button(
                texts.VERIFY_CONFIRM_BUTTON,
                key=f"verify-confirm-{item.key}",
                on_click=_decide,
                args=(item, "confirmed", user),
                type="primary",
            )
            if item.state == "pending":
                correction.button(
                    texts.VERIFY_CORRECTION_BUTTON,
                    key=f"verify-correction-{item.key}",
                    on_click=_decide,
                    args=(item, "correction", user),
                )
