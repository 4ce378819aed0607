"""Profiles of a case's organisations, and what a learner's outreach ratings are compared with.

A case may ship ``profielen.csv`` next to ``organisations.csv`` (the built-in cases do; see
``datasets/generate_cases.py``): per organisation what it does (``werk``), whom it
represents (``achterban``), its knowledge per dimension (``kennis``: ``id=0..3`` separated by
``;``, the outreach scale), its known position on the policy proposal (``standpunt``) and
what it mostly asks (``toelichting``). Organising capacity comes from the organisations
table itself (``organisatiekracht``, ``medewerkers``). The file is optional: without it a
learner rates from names only, as before.

Pure model (no widgets): :func:`read_profiles` is lenient (a broken row is skipped, never
fatal), :func:`profile_for` joins a profile with the organisations table,
:func:`rating_checks` compares the learner's ratings with the profiles, and
:func:`uneven_field_findings` names dimensions on the learner's map where only business
voices bring expertise (the uneven playing field of the factsheet).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verbinding.dutch import capital, join, part_of
from verbinding.texts import sentence, t, tlist

FILE_NAME = "profielen.csv"
MAX_BYTES = 5 * 1024 * 1024
POSITIONS = ("steunt", "steunt met voorwaarden", "kritisch", "tegen")
# Draagvlak the known position suggests, on the outreach support scale (0 geen .. 3 veel).
POSITION_SUPPORT = {"steunt": 3, "steunt met voorwaarden": 2, "kritisch": 1, "tegen": 0}
BUSINESS_TYPES = ("bedrijf", "branche")
ENOUGH = 2  # as in verbinding.modules.outreach: "redelijk" or more


@dataclass(frozen=True)
class Profile:
    org_id: str
    name: str
    type: str = ""
    work: str = ""
    members: str = ""
    knowledge: dict[str, int] = field(default_factory=dict)
    position: str = ""
    explanation: str = ""
    capacity: int | None = None
    staff_band: str = ""

    def expertise(self, dimension_id: str) -> int:
        """Knowledge on one dimension, 0..3 (0 when the profile does not name it)."""
        return self.knowledge.get(dimension_id, 0)

    @property
    def support(self) -> int | None:
        """Draagvlak the known position suggests (None when no position is known)."""
        return POSITION_SUPPORT.get(self.position)

    def capacity_text(self) -> str:
        """One Dutch sentence on organising capacity (empty when unknown)."""
        if self.capacity is None:
            return ""
        text = t(f"profiles.capacity.level_{self.capacity}")
        if self.staff_band:
            text += " " + t("profiles.capacity.staff", band=self.staff_band)
        return text


def _levels(cell: str, dimension_ids: set[str] | None) -> dict[str, int]:
    out: dict[str, int] = {}
    for part in str(cell or "").split(";"):
        key, _, value = part.strip().partition("=")
        key = key.strip()
        if not key or (dimension_ids is not None and key not in dimension_ids):
            continue
        try:
            level = int(value)
        except ValueError:
            continue
        if 0 <= level <= 3:
            out[key] = level
    return out


def read_profiles(folder: str | Path, dimension_ids: list[str] | set[str] | None = None) -> dict[str, dict]:
    """Org id -> profile fields from ``<folder>/profielen.csv`` ({} when absent or unreadable).

    Lenient on purpose: profiles help a learner judge, they are not needed for the case to
    work, so a trainer's broken profile file never stops the course.
    """
    path = Path(folder) / FILE_NAME
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return {}
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    dims = set(dimension_ids) if dimension_ids is not None else None
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    profiles: dict[str, dict] = {}
    try:
        for row in csv.DictReader(io.StringIO(text), delimiter=delimiter):
            org_id = str(row.get("id") or "").strip()
            if not org_id or org_id in profiles:
                continue
            position = str(row.get("standpunt") or "").strip()
            profiles[org_id] = {
                "work": str(row.get("werk") or "").strip(),
                "members": str(row.get("achterban") or "").strip(),
                "knowledge": _levels(row.get("kennis") or "", dims),
                "position": position if position in POSITIONS else "",
                "explanation": str(row.get("toelichting") or "").strip(),
            }
    except csv.Error:
        return {}
    return profiles


def _capacity(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 5 else None


def profile_for(case: Any, org_id: str | None) -> Profile | None:
    """The profile of one case organisation, or None when the case has none for it."""
    raw = (getattr(case, "profiles", None) or {}).get(str(org_id)) if org_id else None
    if raw is None:
        return None
    frame = getattr(case, "organisations", None)
    row: dict = {}
    if frame is not None and len(frame):
        match = frame[frame["org_id"] == str(org_id)]
        if len(match):
            row = match.iloc[0].to_dict()
    return Profile(
        org_id=str(org_id),
        name=str(row.get("name", org_id)),
        type=str(row.get("type", "") or ""),
        capacity=_capacity(row.get("capacity")),
        staff_band=str(row.get("staff_band", "") or ""),
        **raw,
    )


def position_label(position: str) -> str:
    return t(f"profiles.position.{position.replace(' ', '_')}") if position in POSITIONS else t("profiles.position.unknown")


def _scale(kind: str, value: int) -> str:
    return str(tlist(f"outreach.scale.{kind}")[value])


@dataclass(frozen=True)
class RatingCheck:
    """The learner's rating of one link next to what the profile says."""

    kind: str  # "expertise" or "support"
    organisation: str
    dimension: str
    learner: int
    profile: int
    message: str

    @property
    def difference(self) -> int:
        return self.learner - self.profile


def compare(profile: Profile, dimension_id: str, dimension_name: str, *, expertise: int | None,
            support: int | None) -> list[RatingCheck]:
    """Compare one rated link with the profile; unrated values are skipped."""
    checks = []
    pairs = (("expertise", expertise, profile.expertise(dimension_id)), ("support", support, profile.support))
    for kind, learner, known in pairs:
        if learner is None or known is None:
            continue
        gap = learner - known
        verdict = "same" if gap == 0 else ("close" if abs(gap) == 1 else ("higher" if gap > 0 else "lower"))
        message = sentence(
            f"profiles.compare.{kind}.{verdict}", organisation=profile.name, dimension=dimension_name,
            learner=_scale(kind, learner), profile=_scale(kind, known),
            position=position_label(profile.position),
        )
        checks.append(RatingCheck(kind, profile.name, dimension_name, learner, known, message))
    return checks


def rating_checks(model: Any, case: Any) -> list[RatingCheck]:
    """Every rated link of an :class:`~verbinding.modules.outreach.OutreachMap` to a profiled organisation."""
    checks: list[RatingCheck] = []
    # a profile knows the case's dimensions only: on a dimension the learner added herself it
    # says nothing about knowledge (not 'geen')
    case_dimensions = {d.id for d in getattr(case, "dimensions", None) or ()}
    for link in model.links:
        sh = model.stakeholder(link.stakeholder_id)
        dim = model.dimension(link.dimension_id)
        profile = profile_for(case, sh.org_id) if sh is not None else None
        if profile is None or dim is None:
            continue
        expertise = link.expertise if dim.id in case_dimensions else None
        checks.extend(compare(profile, dim.id, dim.name, expertise=expertise, support=link.support))
    return checks


def checks_summary(checks: list[RatingCheck]) -> str:
    """One Dutch line: how many ratings match the profiles."""
    if not checks:
        return t("profiles.compare.none")
    near = sum(1 for c in checks if abs(c.difference) <= 1)
    w = "profiles.compare.summary_words"
    phrase = part_of(near, len(checks), t(f"{w}.one"), t(f"{w}.many"), t(f"{w}.verb_one"), t(f"{w}.verb_many"),
                     verb_none=t(f"{w}.verb_none"))
    return t("profiles.compare.summary", near=capital(phrase))


@dataclass(frozen=True)
class UnevenFinding:
    dimension_id: str
    dimension: str
    organisations: list[str]
    message: str


def uneven_field_findings(model: Any) -> list[UnevenFinding]:
    """Dimensions where every stakeholder bringing expertise (2 or more) is a business voice.

    Economic interests are better organised than citizen interests (the factsheet's uneven
    playing field); a dimension known only through firms and their associations is a sign
    of it. Stakeholders without a known type do not count as business.
    """
    found = []
    for dim in model.dimensions:
        experts = []
        for link in model.links_for(dim.id):
            sh = model.stakeholder(link.stakeholder_id)
            if sh is not None and link.expertise is not None and link.expertise >= ENOUGH:
                experts.append(sh)
        if experts and all(s.type in BUSINESS_TYPES for s in experts):
            names = [model.display_name(s) for s in experts]
            found.append(UnevenFinding(
                dim.id, dim.name, names,
                t("profiles.uneven.message", dimension=dim.name, organisations=join(names)),
            ))
    return found


def _has_expert(model: Any, dimension_id: str) -> bool:
    return any(
        link.expertise is not None and link.expertise >= ENOUGH and model.stakeholder(link.stakeholder_id) is not None
        for link in model.links_for(dimension_id)
    )


def uneven_field_summary(model: Any, findings: list[UnevenFinding] | None = None) -> str:
    """The line shown when no dimension is known only through business voices.

    It claims only what the map holds: with no dimension that has an organisation with
    enough expertise there is nothing to judge yet; when only some dimensions have one,
    the line speaks of those. Empty when there are findings (they speak for themselves).
    """
    findings = uneven_field_findings(model) if findings is None else findings
    if findings:
        return ""
    judged = [dim for dim in model.dimensions if _has_expert(model, dim.id)]
    if not judged:
        return t("profiles.uneven.nothing_yet")
    if len(judged) == len(model.dimensions):
        return t("profiles.uneven.none")
    return t("profiles.uneven.none_of_judged", dimensions=join(f"'{d.name}'" for d in judged))
