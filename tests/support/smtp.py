"""A real SMTP server on 127.0.0.1 for the e-mail tests (aiosmtpd): it keeps every message it accepts, can require
STARTTLS (a certificate from a test authority, trustme) and a password, and refuses recipients whose address
starts with 'refuse'. `configure` points the product at it through the environment, as an operator would."""

from __future__ import annotations

import email
import socket
import ssl
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "bcd138", "mat-khau-thu"
SENDER = "bcd138@langson.example"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """aiosmtpd's handler: the messages received, parsed, each with the envelope's recipients."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.envelopes: list[list[str]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's name)
        if address.startswith("refuse"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        self.envelopes.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m, rcpt in zip(self.messages, self.envelopes, strict=True) if address in rcpt]


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 535 itself


class SmtpServer:
    """Started on a free port; `secure`: STARTTLS and a password required (else plain and open)."""

    def __init__(self, folder: Path, secure: bool = False, port: int | None = None, utf8: bool = True):
        self.inbox = Inbox()
        self.port = port or free_port()
        self.secure = secure
        self.ca_file = folder / "test-ca.pem"
        options = {"enable_SMTPUTF8": utf8}  # off: an address in Vietnamese letters cannot be given to it
        if secure:
            authority = trustme.CA()
            authority.cert_pem.write_to_path(str(self.ca_file))
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            authority.issue_cert("127.0.0.1").configure_cert(context)
            options |= {
                "tls_context": context,
                "require_starttls": True,
                "authenticator": _authenticator,
                "auth_required": True,
            }
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **options)

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def settings(self, password: str = PASSWORD) -> dict[str, str]:
        """The environment an operator sets for this server (README, "E-mail")."""
        values = {"KPI_SMTP_HOST": "127.0.0.1", "KPI_SMTP_PORT": str(self.port), "KPI_MAIL_FROM": SENDER}
        if self.secure:
            values |= {
                "KPI_SMTP_SECURITY": "starttls",
                "KPI_SMTP_USER": USER,
                "KPI_SMTP_PASSWORD": password,
                "KPI_SMTP_CA_FILE": str(self.ca_file),
                "KPI_SMTP_TIMEOUT": "10",
            }
        else:
            values |= {"KPI_SMTP_SECURITY": "none", "KPI_SMTP_TIMEOUT": "10"}
        return values

    def configure(self, monkeypatch, **overrides: str) -> None:
        for name in ("KPI_SMTP_USER", "KPI_SMTP_PASSWORD", "KPI_SMTP_PASSWORD_FILE", "KPI_SMTP_CA_FILE"):
            monkeypatch.delenv(name, raising=False)
        for name, value in (self.settings() | overrides).items():
            monkeypatch.setenv(name, value)


def body_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def attachments_of(message: EmailMessage) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}
