"""Sending e-mail through the province's SMTP server (issue 20, item 3): its settings, read from the
environment (README, "E-mail"), and one connection that sends a list of messages.

Settings: KPI_SMTP_HOST (unset: e-mail is off, messages can only be previewed), KPI_SMTP_PORT (587),
KPI_SMTP_SECURITY (starttls, ssl or none; starttls), KPI_SMTP_USER with KPI_SMTP_PASSWORD or
KPI_SMTP_PASSWORD_FILE (no user: no AUTH), KPI_MAIL_FROM (the sender's address, required),
KPI_SMTP_CA_FILE (a certificate authority to trust besides the system's, for a server with an internal
certificate), KPI_SMTP_TIMEOUT (seconds, 20).
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from core import texts

HOST_ENV_VAR = "KPI_SMTP_HOST"
SECURITIES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
DEFAULT_TIMEOUT = 20.0


class MailError(Exception):
    """The server could not be reached or refused: the message, in Vietnamese, says what to look at."""


class MessageRefused(MailError):
    """The server refused one message (its recipients, its size) but still answers: the others may go."""


@dataclass(frozen=True)
class Attachment:
    file_name: str
    mime_type: str  # 'application/pdf'
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class Letter:
    """One message as composed: to whom, the subject and the plain-text body (never HTML), the files."""

    recipients: tuple[str, ...]
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class MailConfig:
    host: str
    port: int
    security: str  # starttls | ssl | none
    sender: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    ca_file: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    @property
    def described(self) -> str:
        """'mail.langson.gov.vn:587 (STARTTLS), gửi từ bcd138@langson.gov.vn, tài khoản bcd138': never the password."""
        account = texts.MAIL_CONFIG_ACCOUNT.format(user=self.user) if self.user else texts.MAIL_CONFIG_NO_ACCOUNT
        return texts.MAIL_CONFIG.format(
            host=self.host,
            port=self.port,
            security=texts.MAIL_SECURITIES[self.security],
            sender=self.sender,
            account=account,
        )


def mail_config(environ: Mapping[str, str] = os.environ) -> MailConfig | None:
    """The server set in the environment, or None when e-mail is off. MailError names a wrong setting."""
    host = environ.get(HOST_ENV_VAR, "").strip()
    if not host:
        return None
    security = environ.get("KPI_SMTP_SECURITY", "starttls").strip().lower()
    if security not in SECURITIES:
        raise MailError(
            texts.MAIL_BAD_SETTING.format(name="KPI_SMTP_SECURITY", found=security, expected="starttls, ssl, none")
        )
    try:
        port = int(environ.get("KPI_SMTP_PORT") or DEFAULT_PORTS[security])
        timeout = float(environ.get("KPI_SMTP_TIMEOUT") or DEFAULT_TIMEOUT)
    except ValueError as exc:
        raise MailError(
            texts.MAIL_BAD_SETTING.format(
                name="KPI_SMTP_PORT / KPI_SMTP_TIMEOUT", found=exc, expected=texts.MAIL_EXPECTED_NUMBER
            )
        ) from None
    sender = environ.get("KPI_MAIL_FROM", "").strip()
    if not sender:
        raise MailError(texts.MAIL_BAD_SETTING.format(name="KPI_MAIL_FROM", found="", expected="bcd138@tinh.gov.vn"))
    password = environ.get("KPI_SMTP_PASSWORD")
    if password is None and environ.get("KPI_SMTP_PASSWORD_FILE"):
        password = Path(environ["KPI_SMTP_PASSWORD_FILE"]).read_text(encoding="utf-8").strip()
    return MailConfig(
        host=host,
        port=port,
        security=security,
        sender=sender,
        user=environ.get("KPI_SMTP_USER") or None,
        password=password,
        ca_file=environ.get("KPI_SMTP_CA_FILE") or None,
        timeout=timeout,
    )


def _one_line(text: str) -> str:
    """A header's text on one line: a file or unit name carrying a line break cannot add a header."""
    return " ".join(text.split())


def email_message(config: MailConfig, letter: Letter) -> EmailMessage:
    message = EmailMessage()
    message["From"] = config.sender
    message["To"] = ", ".join(_one_line(address) for address in letter.recipients)
    message["Subject"] = _one_line(letter.subject)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=config.sender.rpartition("@")[2] or None)
    message.set_content(letter.body, charset="utf-8")
    for attachment in letter.attachments:
        main, _, sub = attachment.mime_type.partition("/")
        message.add_attachment(attachment.content, maintype=main, subtype=sub, filename=_one_line(attachment.file_name))
    return message


def _tls(config: MailConfig) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if config.ca_file:
        context.load_verify_locations(cafile=config.ca_file)
    return context


def _failure(config: MailConfig, exc: Exception) -> MailError:
    """The Vietnamese words for what went wrong with the server itself."""
    where = f"{config.host}:{config.port}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailError(texts.MAIL_AUTH_FAILED.format(where=where, user=config.user))
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return MailError(texts.MAIL_NO_STARTTLS.format(where=where))
    if isinstance(exc, ssl.SSLError):
        return MailError(texts.MAIL_TLS_FAILED.format(where=where, error=exc))
    if isinstance(exc, smtplib.SMTPException):
        return MailError(texts.MAIL_SERVER_REFUSED.format(where=where, error=exc))
    return MailError(texts.MAIL_NO_SERVER.format(where=where, error=exc))


class Connection:
    """An open session with the server: `send` one letter at a time."""

    def __init__(self, config: MailConfig, smtp: smtplib.SMTP):
        self.config, self._smtp = config, smtp

    def send(self, letter: Letter) -> None:
        """MessageRefused when the server refuses this message; MailError when the server itself fails."""
        refusals = (  # about this message (an address the server will not take, its size, its characters)
            smtplib.SMTPRecipientsRefused,
            smtplib.SMTPSenderRefused,
            smtplib.SMTPDataError,
            smtplib.SMTPNotSupportedError,
            ValueError,
        )
        try:
            refused = self._smtp.send_message(email_message(self.config, letter))
        except refusals as exc:
            raise MessageRefused(texts.MAIL_MESSAGE_REFUSED.format(error=exc)) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise _failure(self.config, exc) from None
        if refused:
            raise MessageRefused(texts.MAIL_SOME_REFUSED.format(addresses=", ".join(sorted(refused))))


@contextmanager
def connection(config: MailConfig) -> Iterator[Connection]:
    """Connect, secure and sign in as the configuration says; MailError if the server cannot be used."""
    try:
        if config.security == "ssl":
            smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=_tls(config))
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        try:
            if config.security == "starttls":
                smtp.starttls(context=_tls(config))
            if config.user:
                smtp.login(config.user, config.password or "")
        except BaseException:
            smtp.close()
            raise
    except (smtplib.SMTPException, OSError) as exc:
        raise _failure(config, exc) from None
    try:
        yield Connection(config, smtp)
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
