"""The contacts of a reporting unit (issue 20, item 3): whom the secretariat calls or writes to about the unit's
reports. Kept by the secretariat (and the administrator), each change audited; shown on page Đơn vị and beside
the units to chase on Tình hình báo cáo."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from core import audit, texts
from core.auth import User
from core.db import Database

MAX_CHARS = 200
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9 .]{6,18}[0-9]$")  # 0205 3812 345, +84 912 345 678


class ContactError(ValueError):
    """A contact that cannot be kept as given; the message is in Vietnamese."""


@dataclass(frozen=True)
class Contact:
    contact_id: int
    unit_code: str
    name: str
    role: str
    email: str | None
    phone: str | None

    @property
    def reach(self) -> str:
        """'0912 345 678 · canbo@langson.gov.vn': how to reach the person, in one line."""
        return " · ".join(part for part in (self.phone, self.email) if part)

    @property
    def line(self) -> str:
        """'Nguyễn Văn A (cán bộ phụ trách): 0912 345 678 · a@langson.gov.vn'."""
        return texts.CONTACT_LINE.format(name=self.name, role=self.role, reach=self.reach)


def contacts_of(db: Database, unit_codes: Collection[str]) -> dict[str, list[Contact]]:
    """unit -> its contacts, in the order they were added."""
    found: dict[str, list[Contact]] = {}
    for row in db.rows("unit_contacts", {"unit_codes": list(unit_codes)}):
        found.setdefault(row.unit_code, []).append(Contact(**row._asdict()))
    return found


def _field(text: str, label: str, required: bool = True) -> str | None:
    text = " ".join(text.split())
    if not text:
        if required:
            raise ContactError(texts.CONTACT_MISSING.format(field=label))
        return None
    if len(text) > MAX_CHARS:
        raise ContactError(texts.CONTACT_TOO_LONG.format(field=label, most=MAX_CHARS))
    return text


def add_contact(
    db: Database, user: User, unit_code: str, name: str, role: str, email: str, phone: str, now: datetime
) -> int:
    """Keep a contact of a unit: a name, a role, and an e-mail address or a telephone number (or both)."""
    if not user.can("manage_contacts"):
        raise PermissionError(user.username)
    row = {
        "unit_code": unit_code,
        "name": _field(name, texts.CONTACT_NAME),
        "role": _field(role, texts.CONTACT_ROLE),
        "email": _field(email, texts.CONTACT_EMAIL, required=False),
        "phone": _field(phone, texts.CONTACT_PHONE, required=False),
    }
    if row["email"] is None and row["phone"] is None:
        raise ContactError(texts.CONTACT_NO_WAY)
    if row["email"] is not None and not EMAIL.match(row["email"]):
        raise ContactError(texts.CONTACT_BAD_EMAIL.format(found=row["email"]))
    if row["phone"] is not None and not PHONE.match(row["phone"]):
        raise ContactError(texts.CONTACT_BAD_PHONE.format(found=row["phone"]))
    with db.transaction() as tx:
        (added,) = tx.run("insert_unit_contact", row | {"added_by": user.username, "added_at": now})
        audit.record(tx, user.username, "create", "contact", str(added.contact_id), None, row)
    return added.contact_id


def remove_contact(db: Database, user: User, contact_id: int) -> None:
    if not user.can("manage_contacts"):
        raise PermissionError(user.username)
    with db.transaction() as tx:
        removed = tx.run("delete_unit_contact", {"contact_id": contact_id})
        if removed:
            audit.record(tx, user.username, "delete", "contact", str(contact_id), removed[0]._asdict(), None)
