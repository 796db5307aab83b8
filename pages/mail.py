"""Thư điện tử: the secretariat previews the messages due on a day, sends them or retries the failed ones, reads
every message recorded, and keeps the committee's digest list (issue 20, item 3)."""

from datetime import date, datetime

import streamlit as st

from core import fmt, outbox, texts
from core.auth import User
from core.mail import Letter
from screens import mail
from web.ui import (
    data_version,
    db,
    grid,
    plain,
    remember_outcome,
    require,
    select_day,
    show_outcome,
    table_height,
)

MESSAGE_KEY = "mail_message"  # (kind, words) of the last action, shown by the run the click starts
PDF_MIME = "application/pdf"


@st.cache_data(max_entries=8)
def _due(version: tuple, marker: tuple, day: date) -> mail.DueView:
    # `marker` is in the key: a message recorded, a contact or a digest recipient added changes what is due.
    return mail.due_view(db(), day)


def _read(letter: Letter, key: str) -> None:
    """One letter as its recipients will read it: plain text, never rendered as Markdown or HTML."""
    st.caption(plain(texts.MAIL_TO_LINE.format(recipients=", ".join(letter.recipients))))
    st.markdown(f"**{plain(texts.MAIL_SUBJECT_LINE.format(subject=letter.subject))}**")
    st.code(letter.body, language=None, wrap_lines=True)
    for n, attachment in enumerate(letter.attachments):
        st.download_button(
            texts.MAIL_ATTACHMENT.format(file=attachment.file_name),
            data=attachment.content,
            file_name=attachment.file_name,
            mime=attachment.mime_type,
            icon=":material/attach_file:",
            key=f"{key}-file-{n}",
            on_click="ignore",
        )


def _send_due(user: User) -> None:
    remember_outcome(MESSAGE_KEY, lambda: mail.send_due(db(), user, date.today(), datetime.now()), texts.MAIL_SENT_DONE)


def _retry(user: User) -> None:
    remember_outcome(MESSAGE_KEY, lambda: mail.retry(db(), user, datetime.now()), texts.MAIL_SENT_DONE)


def _add_recipient(user: User) -> None:
    state = st.session_state
    name, email = state.get("digest_name", ""), state.get("digest_email", "")
    remember_outcome(
        MESSAGE_KEY,
        lambda: outbox.add_digest_recipient(db(), user, name, email, datetime.now()),
        texts.MAIL_DIGEST_ADDED.format(name=" ".join(name.split())),
    )


def _remove_recipient(user: User, recipient_id: int) -> None:
    remember_outcome(
        MESSAGE_KEY, lambda: outbox.remove_digest_recipient(db(), user, recipient_id), texts.MAIL_DIGEST_REMOVED
    )


def _due_section(user: User, server: mail.Server) -> None:
    st.subheader(texts.MAIL_DUE_TITLE)
    today = date.today()
    day = select_day(texts.MAIL_DUE_DAY, "ngay", key="day", default=today)
    due = _due(data_version(), mail.marker(db()), day)
    if due.table.empty:
        st.info(texts.MAIL_DUE_NONE.format(day=fmt.date(day)))
    else:
        grid(due.table, hide_index=True, width="stretch", height=table_height(due.table))
        chosen = st.selectbox(
            texts.MAIL_READ, range(len(due.subjects)), format_func=due.subjects.__getitem__, key="due_read"
        )
        _read(due.letters[chosen], "due")
    if due.unreachable:
        with st.expander(texts.MAIL_UNREACHABLE_TITLE.format(count=fmt.count(len(due.unreachable)))):
            for sentence in due.unreachable:
                st.markdown(f"- {plain(sentence)}")
    if server.is_on and day == today:
        st.button(texts.MAIL_SEND_DUE, type="primary", icon=":material/send:", on_click=_send_due, args=(user,))
    elif server.is_on:
        st.caption(texts.MAIL_SEND_ONLY_TODAY)


def _log_section(user: User, server: mail.Server) -> None:
    st.subheader(texts.MAIL_LOG_TITLE)
    labels = {None: texts.MAIL_LOG_ALL} | {s: texts.MAIL_STATUS_LABELS[s] for s in mail.STATUS_FILTERS if s}
    status = st.selectbox(texts.MAIL_LOG_FILTER, mail.STATUS_FILTERS, format_func=labels.get, key="log_status")
    log = mail.log_view(db(), status)
    st.markdown(f"**{plain(log.counts)}**")
    if log.to_retry and server.is_on:
        st.button(
            texts.MAIL_RETRY.format(count=fmt.count(log.to_retry)),
            icon=":material/refresh:",
            on_click=_retry,
            args=(user,),
        )
    if log.table.empty:
        return
    grid(log.table, hide_index=True, width="stretch", height=table_height(log.table))
    chosen = st.selectbox(texts.MAIL_READ, list(log.letters), format_func=lambda i: log.letters[i][0], key="log_read")
    _, letter, outcome = log.letters[chosen]
    st.caption(plain(outcome))
    _read(letter, "log")


def _digest_list(user: User) -> None:
    st.subheader(texts.MAIL_DIGEST_LIST_TITLE)
    st.caption(texts.MAIL_DIGEST_LIST_CAPTION)
    people = mail.recipients(db())
    if not people:
        st.warning(texts.MAIL_DIGEST_LIST_EMPTY)
    for person in people:
        line, button = st.columns([5, 1], vertical_alignment="center")
        line.markdown(plain(f"{person.name} · {person.email}"))
        button.button(
            texts.MAIL_DIGEST_REMOVE,
            key=f"remove-{person.recipient_id}",
            on_click=_remove_recipient,
            args=(user, person.recipient_id),
        )
    with st.form("digest_add", clear_on_submit=True):
        name, email = st.columns(2)
        name.text_input(texts.CONTACT_NAME, max_chars=200, key="digest_name")
        email.text_input(texts.CONTACT_EMAIL, max_chars=200, key="digest_email")
        st.form_submit_button(
            texts.MAIL_DIGEST_ADD, icon=":material/person_add:", on_click=_add_recipient, args=(user,)
        )


user: User = require("send_mail")
st.title(texts.MAIL_TITLE)
st.caption(texts.MAIL_CAPTION)
show_outcome(MESSAGE_KEY)
server = mail.server()
(st.info if server.is_on else st.warning)(plain(server.text), icon=":material/mail:")
_due_section(user, server)
_log_section(user, server)
_digest_list(user)
