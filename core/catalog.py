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


def load_elements(directory: Path = CATALOG_DIR) -> list[Element]:
    return [
        Element(e["code"], e["code"][:2], e["label"], e["unit"], e["nature"], e["value_type"], e["short"])
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
