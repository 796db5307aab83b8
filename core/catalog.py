"""The catalogue of data elements and indicators (data/catalog/*.yaml) and its loading."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from core.db import ROOT, Transaction

CATALOG_DIR = ROOT / "data" / "catalog"


@dataclass(frozen=True)
class Element:
    code: str
    section_code: str
    label: str
    unit: str
    nature: str  # stock | cumulative | flow
    value_type: str  # integer | decimal
    short: str  # the name in a table's header: 'Số cơ sở đã kiểm tra'
    label_post2025: str | None = None  # the words of forms after the 2025 reform, where they differ

    def label_in(self, structure: str) -> str:
        """The row's words on a form of the unit structure's years (xã, phường, đặc khu after the reform)."""
        return self.label_post2025 if structure == "post2025" and self.label_post2025 else self.label

    @property
    def labels(self) -> tuple[str, ...]:
        """Every wording the row has had: a form of any year is read by either."""
        return (self.label, self.label_post2025) if self.label_post2025 else (self.label,)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    kind: str  # ratio | total | timeliness
    numerator: str | None
    denominator: str | None
    unit: str


@lru_cache(maxsize=8)
def _read(name: str, directory: Path) -> dict:
    """Parsed once per process (the catalogue ships with the code; every uploaded file is checked against it).
    Shared: callers copy what they hand out."""
    return yaml.load((directory / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def load_sections(directory: Path = CATALOG_DIR) -> list[dict]:
    return copy.deepcopy(_read("data_elements.yaml", directory)["sections"])


def section_label(section: dict, structure: str) -> str:
    """A section's heading on a form of the unit structure's years."""
    wording = section.get("label_post2025") if structure == "post2025" else None
    return wording or section["label"]


def load_elements(directory: Path = CATALOG_DIR) -> list[Element]:
    return [
        Element(
            e["code"],
            e["code"][:2],
            e["label"],
            e["unit"],
            e["nature"],
            e["value_type"],
            e["short"],
            e.get("label_post2025"),
        )
        for e in _read("data_elements.yaml", directory)["elements"]
    ]


def load_indicators(directory: Path = CATALOG_DIR) -> list[Indicator]:
    return [
        Indicator(i["code"], i["name"], i["kind"], i.get("numerator"), i.get("denominator"), i["unit"])
        for i in _read("indicators.yaml", directory)["indicators"]
    ]


def install_catalogue(tx: Transaction) -> None:
    """Write the catalogue into the database (idempotent)."""
    tx.run_columns(
        "upsert_elements",
        {},
        [
            {
                "element_code": e.code,
                "section_code": e.section_code,
                "label": e.label,
                "unit_label": e.unit,
                "nature": e.nature,
                "value_type": e.value_type,
                "sort_order": n,
            }
            for n, e in enumerate(load_elements())
        ],
    )
    tx.run_columns(
        "upsert_indicators",
        {},
        [
            {
                "indicator_code": i.code,
                "name": i.name,
                "kind": i.kind,
                "numerator_element": i.numerator,
                "denominator_element": i.denominator,
                "unit_label": i.unit,
                "sort_order": n,
            }
            for n, i in enumerate(load_indicators())
        ],
    )
