"""The draft of the province's results report (báo cáo kết quả) for a plan and period (issue 21, item 1): its parts
in the order of the ministry's outline, every figure's sentence written from the data with the reports it rests
on, and prompts where only the writer knows (difficulties, proposals). meeting/docx.py lays it out as Decree
30/2020/NĐ-CP wants; the secretariat finishes it in Word or LibreOffice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from core import fmt, texts
from core.catalog import load_indicators, load_sections, section_label
from core.db import Database
from core.engine import IndicatorResult, shared_indicators
from core.periods import parse_period
from core.plans import HEALTH_SECTOR_FROM
from core.projection import Projection, projections
from meeting.pack import MeetingPack, meeting_pack
from screens.decisions import DecisionLine, decisions_page
from screens.plan_info import plan_header
from screens.reform_series import year_before_text
from screens.results import PERCENT_KINDS, in_sentence, province_rows, value_text
from screens.targets import projection_text


@dataclass(frozen=True)
class Heading:
    """The document's head, as Decree 30/2020/NĐ-CP lays it out."""

    superior: str  # 'UBND TỈNH LẠNG SƠN'
    agency: str  # 'SỞ Y TẾ'
    number: str  # 'Số:      /BC-SYT' (the number is given by the office when it is issued)
    place_date: str  # 'Lạng Sơn, ngày      tháng      năm 2026'


@dataclass(frozen=True)
class Group:
    """One group of tasks of the form (Tuyên truyền, Kiểm tra...): its results in sentences."""

    title: str  # '1. Tuyên truyền'
    sentences: list[str]


@dataclass(frozen=True)
class DraftReport:
    pack: MeetingPack
    heading: Heading
    subtitle: str  # 'Kết quả thực hiện công tác phòng, chống mại dâm 6 tháng đầu năm 2023'
    intro: str
    groups: list[Group]
    targets: pd.DataFrame  # texts.DOCX_TARGET_COLUMNS: one row per measured target
    reporting: list[str]
    quality: list[str]
    decisions: list[DecisionLine]  # every decision of the plan, open first, with how its figure moved
    difficulties: list[str]  # prompts for the writer, with what the figures suggest
    proposals: list[str]
    recipients: list[str]
    signer: str  # 'GIÁM ĐỐC'

    @property
    def file_name(self) -> str:
        return report_file_name(self.pack.plan_id, self.pack.period_code)


def report_file_name(plan_id: str, period_code: str) -> str:
    return f"bao_cao_{plan_id}_{period_code}.docx"


def _agency_and_locality(owner: str, province: str) -> tuple[str, str]:
    """'Sở Y tế tỉnh Lạng Sơn' -> ('Sở Y tế', 'tỉnh Lạng Sơn'); 'Sở Lao động – … Lạng Sơn' -> (…, 'tỉnh Lạng Sơn')."""
    agency = owner.removesuffix(province).strip()
    locality = texts.DOCX_PROVINCE_WORD
    for word in texts.DOCX_LOCALITY_WORDS:
        if agency.lower().endswith(" " + word):
            agency, locality = agency[: -len(word)].strip(), word
    return agency, f"{locality} {province}"


def symbol(agency: str) -> str:
    """The agency's initials as in a document's symbol: 'Sở Y tế' -> 'SYT'; 'Sở Lao động – Thương binh và Xã hội'
    -> 'SLĐTBXH'."""
    words = [w for w in re.split(r"[\s–-]+", agency) if w and w.lower() not in texts.DOCX_SYMBOL_SKIPPED]
    return "".join(w[0].upper() for w in words)


def heading(plan, today: date) -> Heading:
    agency, locality = _agency_and_locality(plan.owner, plan.province_name)
    return Heading(
        superior=texts.DOCX_SUPERIOR.format(locality=locality).upper(),
        agency=agency.upper(),
        number=texts.DOCX_NUMBER.format(symbol=symbol(agency)),
        place_date=texts.DOCX_PLACE_DATE.format(place=plan.province_name, year=today.year),
    )


def _sources(result: IndicatorResult) -> str:
    return texts.DOCX_SOURCE.format(
        contributing=fmt.count(result.units_contributing), expected=fmt.count(result.units_expected)
    )


def _fact(result: IndicatorResult, indicator, is_percent: bool) -> str:
    """A figure without a target: 'Tỷ lệ cơ sở ký cam kết: 62,5% (25/40) (báo cáo của 10/11 đơn vị).'"""
    if result.value is None:
        return texts.DOCX_FACT_NO_DATA.format(name=indicator.name)
    if is_percent:
        shown = texts.DOCX_FACT_SHARE.format(
            value=value_text(result.value, True),
            numerator=fmt.count(result.numerator),
            denominator=fmt.count(result.denominator),
        )
    else:
        unit = "" if f"({indicator.unit})" in indicator.name else f" {indicator.unit}"  # 'Số tiền (triệu đồng)'
        shown = fmt.count(result.value) + unit
    return texts.DOCX_FACT.format(name=indicator.name, value=shown, sources=_sources(result))


def _target_sentence(slide, result: IndicatorResult, projected: Projection | None, year_before: str | None) -> str:
    """The target's sentence with its sources, the same period a year earlier, and where the year will end at
    this pace."""
    sentences = [f"{slide.headline.removesuffix('.')} ({slide.based_on}).", year_before]
    if projected is not None:
        sentences.append(
            projection_text(projected, result.target_kind, result.target, result.target_max, slide.is_percent)
        )
    return " ".join(s for s in sentences if s)


def _groups(
    pack: MeetingPack,
    province: dict[str, IndicatorResult],
    structure: str,
    projected: dict[str, Projection],
    year_before: dict[str, str | None],
) -> list[Group]:
    """The results by group of tasks, in the form's order: each target's sentence (with the units behind and the
    projection to the year's end), then the other figures of the group."""
    slides = {slide.indicator_code: slide for slide in pack.targets}
    by_section: dict[str, list] = {}
    for indicator in load_indicators():
        if indicator.numerator and indicator.code in province:
            by_section.setdefault(indicator.numerator[:2], []).append(indicator)
    groups = []
    for section in load_sections():
        sentences = []
        for indicator in by_section.get(section["code"], []):
            slide = slides.get(indicator.code)
            if slide is not None:
                code = indicator.code
                sentences.append(_target_sentence(slide, province[code], projected.get(code), year_before[code]))
            else:
                sentences.append(_fact(province[indicator.code], indicator, indicator.kind in PERCENT_KINDS))
        if sentences:
            title = re.sub(r"^[IVX]+\.\s*", "", section_label(section, structure))
            groups.append(Group(f"{len(groups) + 1}. {title}", sentences))
    return groups


def _targets_table(pack: MeetingPack) -> pd.DataFrame:
    rows = [
        (
            str(t.number),
            t.title,
            t.value_text,
            t.target_text,
            t.status_label,
            t.laggards or fmt.MISSING,  # the furthest behind named, the rest counted: 168 communes fit
            t.based_on,
        )
        for t in pack.targets
    ]
    return pd.DataFrame(rows, columns=texts.DOCX_TARGET_COLUMNS)


def _quality(pack: MeetingPack) -> list[str]:
    notes = []
    for t in pack.targets:
        for text in (t.held_text, t.carried_text):
            if text:
                notes.append(f"{t.title}: {text}")
        if t.units_without_data:
            notes.append(texts.DOCX_NO_DATA_UNITS.format(name=t.title, units=", ".join(t.units_without_data)))
    notes += [texts.DOCX_UNMEASURED.format(target=label) for label in pack.unmeasured]
    return notes or [texts.DOCX_QUALITY_NONE]


def _prompts(pack: MeetingPack) -> tuple[list[str], list[str]]:
    behind = [t.title for t in pack.targets if t.status in ("behind", "missed")]
    difficulties = [texts.DOCX_DIFFICULTIES_PROMPT]
    if behind:
        difficulties.append(texts.DOCX_DIFFICULTIES_BEHIND.format(targets="; ".join(behind)))
    if pack.reporting and pack.reporting.chase:
        difficulties.append(texts.DOCX_DIFFICULTIES_REPORTS)
    return difficulties, [texts.DOCX_PROPOSALS_PROMPT]


def draft_report(
    db: Database,
    plan_id: str,
    period_code: str,
    as_of: date | None = None,
    today: date | None = None,
    approved_only: bool = False,
) -> DraftReport:
    """The draft report of `plan_id` for `period_code`, as of one day (the meeting pack's rules)."""
    today = today or date.today()
    return draft_of(db, meeting_pack(db, plan_id, period_code, as_of, today, approved_only), today, approved_only)


def draft_of(db: Database, pack: MeetingPack, today: date, approved_only: bool = False) -> DraftReport:
    """The draft report of a meeting pack already made (page Trình chiếu has it)."""
    plan = plan_header(db, pack.plan_id)
    period = parse_period(pack.period_code)
    province = province_rows(shared_indicators(db, pack.plan_id, period.code, approved_only=approved_only))
    year_before = {
        t.indicator_code: year_before_text(db, pack.plan_id, period.code, province[t.indicator_code], approved_only)
        for t in pack.targets
    }
    ministry = texts.DOCX_MINISTRY_HEALTH if plan.year >= HEALTH_SECTOR_FROM else texts.DOCX_MINISTRY_LABOUR
    difficulties, proposals = _prompts(pack)
    reporting = [pack.reporting.completeness_text + ".", pack.reporting.timeliness_text + "."]
    reporting += pack.reporting.chase_named
    return DraftReport(
        pack=pack,
        heading=heading(plan, today),
        subtitle=texts.DOCX_SUBTITLE.format(period=in_sentence(pack.period_label)),
        intro=texts.DOCX_INTRO.format(
            plan=plan.title,
            document=texts.DOCX_DOCUMENT.format(number=plan.document_number) if plan.document_number else "",
            owner=plan.owner,
            period=in_sentence(pack.period_label),
            reported=pack.reported,
            as_of=fmt.date(pack.as_of),
            basis=in_sentence(pack.basis),
        ),
        groups=_groups(
            pack, province, plan.structure, projections(db, pack.plan_id, period.code, approved_only), year_before
        ),
        targets=_targets_table(pack),
        reporting=reporting,
        quality=_quality(pack),
        decisions=decisions_page(db, pack.plan_id, pack.period_code, approved_only).lines,
        difficulties=difficulties,
        proposals=proposals,
        recipients=[ministry, *texts.DOCX_RECIPIENTS, texts.DOCX_RECIPIENT_FILE],
        signer=texts.DOCX_SIGNER,
    )
