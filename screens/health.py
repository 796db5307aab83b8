"""Tình trạng hệ thống: the quick checks of the database, the originals, the disk and the backups, and the full
check of every original file, each as a verdict and a table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from core import fmt, health, texts
from core.db import Database


@dataclass(frozen=True)
class Verdict:
    level: str  # ok | warning | error: the worst finding
    summary: str
    table: pd.DataFrame  # every finding


@dataclass(frozen=True)
class Verification:
    """A full check of the originals, kept for every session of the server until the next one."""

    when: str  # when it ran, in words
    verdict: Verdict


def _verdict(findings: list[health.Finding]) -> Verdict:
    level = health.worst(findings)
    return Verdict(level, texts.HEALTH_SUMMARY[level], findings_table(findings))


def health_page(db: Database) -> Verdict:
    """The quick checks, run on every visit (the originals are counted, not read)."""
    return _verdict(health.check(db, health.default_backup_folder(), verify=False))


def verification(db: Database, now: datetime) -> Verification:
    """Every original file read and checked against its hash: slow, run when asked."""
    return Verification(texts.HEALTH_VERIFY_LAST.format(when=fmt.date_time(now)), _verdict(health.verify_originals(db)))


def findings_table(findings: list[health.Finding]) -> pd.DataFrame:
    """The findings as the page shows them: the level in words (and a symbol), then the sentence."""
    return pd.DataFrame(
        [(texts.HEALTH_LEVELS[f.level], f.message) for f in findings], columns=list(texts.HEALTH_COLUMNS)
    )
