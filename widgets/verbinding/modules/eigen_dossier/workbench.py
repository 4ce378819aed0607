"""Module 5's workbench: the analyses of modules 2 and 3 on the learner's own dossier.

Pure model, no widgets. The learner names the dimensions of their own dossier and their
own stakeholders (typed one by one, or pasted from a spreadsheet as name and number of
contacts), rates expertise and support per stakeholder and dimension, and sees:

- the gaps of module 2 (:meth:`verbinding.modules.outreach.OutreachMap.gaps`, the same rules and
  texts), computed on the learner's own map, never on a built-in case;
- the insider pattern of module 3 on the learner's own contacts: how many of the contacts
  went to the few stakeholders spoken to most, and dimensions whose support comes only
  from those frequent contacts.

State (``workbook.module("eigen_dossier")["werkbank"]``)::

    {"map": OutreachMap.to_dict() with "case": None,
     "contacts": {stakeholder_id: int}}   # contacts in the past year, as the learner counts
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from verbinding import dutch
from verbinding.access import ceil_share, concentration_from_counts
from verbinding.document import Block, Bullets, Heading, Paragraph, Table
from verbinding.modules.outreach import OutreachError, OutreachMap, org_type_labels, scale_label
from verbinding.texts import t

MAX_CONTACTS = 100_000  # per stakeholder; more is a typing error, not a year of meetings
MAX_PASTED_LINES = 500
FREQUENT_PERCENT = 20  # "the stakeholders you speak most": the top fifth, at least one
# Below half, but more than a quarter above an even share: uneven, not 'redelijk verdeeld'.
UNEVEN_FACTOR = 1.25
PATTERN_SHARE = 0.5  # the top fifth holding half the contacts or more reads as a core of insiders
_NUMBER = re.compile(r"^\d{1,6}$")
_TRAILING_NUMBER = re.compile(r"^(.*?)\s+(\S*\d\S*)$")


class WorkbenchError(ValueError):
    """A Dutch message for the learner; nothing was changed."""


@dataclass
class PasteResult:
    """What a paste took over: the names (in order), a skipped header line, and a Dutch
    problem per line not taken over."""

    names: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    header: str = ""

    @property
    def used(self) -> int:
        return len(self.names)


def split_pasted_line(line: str) -> tuple[str, str]:
    """(name, count) of one pasted line: split on a tab (a spreadsheet), else on ';', else
    on the last ',', else before a last word with a digit ('VNG 12'). The count keeps its
    dots ('1.200' is 1200) and loses spaces; a missing part is ''."""
    for separator in ("\t", ";"):
        if separator in line:
            cells = [cell.strip() for cell in line.split(separator)]
            return cells[0], cells[1].replace(".", "").replace(" ", "")
    if "," in line:
        name, count = line.rsplit(",", 1)
        return name.strip(), count.strip().replace(".", "")
    match = _TRAILING_NUMBER.match(line.strip())
    if match:
        return match.group(1).strip(), match.group(2).replace(".", "")
    return line.strip(), ""


def _paste_problem(name: str, count: str, line: str) -> str:
    """Why a pasted line cannot be taken over ('' when it can)."""
    shown = line.strip()[:80]
    if not name:
        return t("dossier.werkbank.errors.paste_no_name", text=shown)
    if not count:
        return t("dossier.werkbank.errors.paste_no_count", text=shown)
    if not _NUMBER.match(count):
        return t("dossier.werkbank.errors.paste_bad_count", count=count[:20])
    return ""


@dataclass(frozen=True)
class InsiderPattern:
    """Who holds the learner's contacts (empty when no contacts were counted)."""

    stakeholders: int  # with at least one contact
    contacts: int
    frequent: tuple[str, ...]  # names of the most-spoken stakeholders (the top fifth)
    frequent_share: float  # their share of all contacts
    dimensions_frequent_only: tuple[str, ...]  # support comes only from frequent contacts


class Workbench:
    """The learner's own dimension map and contacts."""

    def __init__(self) -> None:
        self.map = OutreachMap(case_id=None)
        self.map.own_dossier = True
        self.contacts: dict[str, int] = {}

    # ----- changes ----------------------------------------------------------------------
    def add_dimension(self, name: str):
        if not " ".join(str(name or "").split()):
            raise WorkbenchError(t("dossier.werkbank.errors.dimension_empty"))
        try:
            return self.map.add_dimension(name)
        except OutreachError as exc:
            raise WorkbenchError(str(exc)) from exc

    def remove_dimension(self, dim_id: str) -> None:
        self.map.remove_dimension(dim_id)
        self.map.removed = []  # the workbench has no undo archive

    def add_stakeholder(self, name: str, *, kind: str = "", dimension_id: str | None = None,
                        expertise: int | None = None, support: int | None = None,
                        contacts: int | None = None):
        """Add (or update, by name) a stakeholder; link it to a dimension when one is given."""
        if not " ".join(str(name or "").split()):
            raise WorkbenchError(t("dossier.werkbank.errors.name_empty"))
        if dimension_id and self.map.dimension(dimension_id) is None:
            raise WorkbenchError(t("dossier.werkbank.errors.dimension_unknown"))
        checked = self._contacts(contacts)
        try:
            stakeholder = self.map.add_stakeholder(name, type=kind or "", type_label=org_type_labels().get(kind or "", ""))
        except OutreachError as exc:
            raise WorkbenchError(str(exc)) from exc
        if kind and not stakeholder.type:
            stakeholder.type = kind
        if stakeholder.type and not stakeholder.type_label:
            stakeholder.type_label = org_type_labels().get(stakeholder.type, "")
        if dimension_id:
            self.map.set_link(dimension_id, stakeholder.id, expertise=expertise, support=support)
        if checked is not None:
            self.contacts[stakeholder.id] = checked
        return stakeholder

    def remove_stakeholder(self, stakeholder_id: str) -> None:
        self.map.remove_stakeholder(stakeholder_id)
        self.contacts.pop(stakeholder_id, None)

    @staticmethod
    def _contacts(value: Any) -> int | None:
        if value is None or value == "":
            return None
        try:
            number = int(value)
        except (TypeError, ValueError) as exc:
            raise WorkbenchError(t("dossier.werkbank.errors.contacts_number")) from exc
        if not 0 <= number <= MAX_CONTACTS:
            raise WorkbenchError(t("dossier.werkbank.errors.contacts_range", limit=dutch.number(MAX_CONTACTS)))
        return number

    def paste_contacts(self, text: str) -> PasteResult:
        """Stakeholders and contact counts from lines 'name<sep>number', copied from a
        spreadsheet (tab) or typed (';', ',' or a space before the number). A first line
        without a number is a header and is skipped (and said). Every other line not used
        gets a Dutch problem naming the line and why. An existing name gets its count."""
        lines = [(number, line) for number, line in enumerate(str(text or "").splitlines(), start=1) if line.strip()]
        if len(lines) > MAX_PASTED_LINES:
            raise WorkbenchError(t("dossier.werkbank.errors.too_many_lines", count=dutch.number(len(lines)),
                                   limit=dutch.number(MAX_PASTED_LINES)))
        result = PasteResult()
        for index, (number, line) in enumerate(lines):
            name, count = split_pasted_line(line)
            if index == 0 and name and count and not any(c.isdigit() for c in count):
                result.header = line.strip()[:80]  # such as "Organisatie;Aantal gesprekken"
                continue
            reason = _paste_problem(name, count, line)
            if reason:
                result.problems.append(t("dossier.werkbank.errors.paste_line_reason", line=number, reason=reason))
                continue
            try:
                stakeholder = self.add_stakeholder(name, contacts=int(count))
            except WorkbenchError as exc:
                result.problems.append(t("dossier.werkbank.errors.paste_line_reason", line=number, reason=str(exc)))
                continue
            result.names.append(stakeholder.name)
        return result

    def set_contacts(self, stakeholder_id: str, value: Any) -> None:
        """Change (or clear, with '') the contacts of a stakeholder already in the list."""
        if self.map.stakeholder(stakeholder_id) is None:
            raise WorkbenchError(t("dossier.werkbank.errors.stakeholder_unknown"))
        checked = self._contacts(str(value).strip() if isinstance(value, str) else value)
        if checked is None:
            self.contacts.pop(stakeholder_id, None)
        else:
            self.contacts[stakeholder_id] = checked

    # ----- analyses ---------------------------------------------------------------------
    def gaps(self):
        return self.map.gaps()

    def insider_pattern(self) -> InsiderPattern:
        counted = [(s, self.contacts.get(s.id, 0)) for s in self.map.stakeholders]
        counted = [(s, n) for s, n in counted if n > 0]
        if not counted:
            return InsiderPattern(0, 0, (), 0.0, ())
        counted.sort(key=lambda pair: (-pair[1], self.map.stakeholders.index(pair[0])))
        figures = concentration_from_counts([n for _, n in counted])
        k = ceil_share(len(counted), FREQUENT_PERCENT)
        frequent = counted[:k]
        share = sum(n for _, n in frequent) / figures.links
        frequent_ids = {s.id for s, _ in frequent}
        only: list[str] = []
        for dim in self.map.dimensions:
            supporters = [k.stakeholder_id for k in self.map.links_for(dim.id)
                          if k.support is not None and k.support >= 2]
            if supporters and len(counted) > k and all(s in frequent_ids for s in supporters):
                only.append(dim.name)
        return InsiderPattern(len(counted), figures.links, tuple(s.name for s, _ in frequent), share, tuple(only))

    def is_started(self) -> bool:
        return bool(self.map.dimensions or self.map.stakeholders)

    # ----- texts for the page, the OCA scan and the export ------------------------------
    def insider_lines(self) -> list[str]:
        pattern = self.insider_pattern()
        if not pattern.contacts:
            return [t("dossier.werkbank.insiders.none")] if self.map.stakeholders else []
        lines = [dutch.capital(t(
            "dossier.werkbank.insiders.share_one" if len(pattern.frequent) == 1 else "dossier.werkbank.insiders.share_many",
            count=dutch.number(len(pattern.frequent)), names=dutch.join(pattern.frequent),
            share=dutch.percent(pattern.frequent_share),
            contacts=dutch.count(pattern.contacts, t("dossier.werkbank.word.contact"),
                                 t("dossier.werkbank.word.contacts")),
            total=dutch.count(pattern.stakeholders, t("dossier.werkbank.word.one"), t("dossier.werkbank.word.many")),
        ))]
        if pattern.stakeholders > 1:
            even = len(pattern.frequent) / pattern.stakeholders  # their share if all were spoken to alike
            if pattern.frequent_share >= PATTERN_SHARE:
                lines.append(t("dossier.werkbank.insiders.pattern"))
            elif pattern.frequent_share > UNEVEN_FACTOR * even:  # 45% to 1 of 3 parties is not 'redelijk verdeeld'
                lines.append(t("dossier.werkbank.insiders.uneven", even=dutch.percent(even)))
            else:
                lines.append(t("dossier.werkbank.insiders.spread"))
        if pattern.dimensions_frequent_only:
            lines.append(t("dossier.werkbank.insiders.support_only",
                           dimensions=dutch.join(f"'{d}'" for d in pattern.dimensions_frequent_only)))
        lines.append(t("common.access_caveat"))
        return lines

    def evidence(self) -> dict[str, list[str]]:
        """Hints for the OCA questions from the workbench, keyed by question id."""
        if not self.is_started():
            return {}
        hints: dict[str, list[str]] = {}
        dims = self.map.dimensions
        if dims:
            missing = self.map.gap_dimensions()
            hints["dimensions"] = [t(
                "dossier.werkbank.hints.dimensions" if missing else "dossier.werkbank.hints.dimensions_covered",
                dimensions=dutch.count(len(dims), t("outreach.words.dimension.one"),
                                       t("outreach.words.dimension.many")),
                missing=dutch.part_of(len(missing), len(dims), t("outreach.words.dimension.one"),
                                      t("outreach.words.dimension.many")),
            )]
        pattern = self.insider_pattern()
        if pattern.contacts:
            hints["new_connections"] = [t(
                "dossier.werkbank.hints.contacts", names=dutch.join(pattern.frequent),
                share=dutch.percent(pattern.frequent_share))]
        return hints

    def export_blocks(self, heading_level: int = 4) -> list[Block]:
        if not self.is_started():
            return []
        blocks: list[Block] = [Heading(t("dossier.werkbank.title"), level=heading_level)]
        rows = []
        for sh in self.map.stakeholders:
            links = self.map.links_of(sh.id)
            dims = [(self.map.dimension(k.dimension_id), k) for k in links]
            ratings = "; ".join(
                t("dossier.werkbank.export.rating", dimension=d.name, expertise=scale_label("expertise", k.expertise),
                  support=scale_label("support", k.support))
                for d, k in dims if d
            )
            count = self.contacts.get(sh.id)
            rows.append([sh.name, sh.type_display, ratings or "-", "" if count is None else dutch.number(count)])
        if rows:
            blocks.append(Table([t("dossier.werkbank.export.col_name"), t("dossier.werkbank.export.col_kind"),
                                 t("dossier.werkbank.export.col_ratings"), t("dossier.werkbank.export.col_contacts")],
                                rows))
        gaps = self.gaps()
        blocks.append(Paragraph(self.map.summary(gaps)))
        if gaps:
            blocks.append(Bullets([g.message for g in gaps]))
        blocks.extend(Paragraph(line) for line in self.insider_lines())
        return blocks

    # ----- state ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"map": self.map.to_dict(), "contacts": dict(self.contacts)}

    @classmethod
    def from_dict(cls, state: Any) -> Workbench:
        bench = cls()
        state = state if isinstance(state, dict) else {}
        bench.map = OutreachMap.from_dict(state.get("map"))
        bench.map.case_id = None  # never a built-in case's map
        bench.map.own_dossier = True
        contacts = state.get("contacts")
        if isinstance(contacts, dict):
            known = {s.id for s in bench.map.stakeholders}
            for key, value in contacts.items():
                if key in known and isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                    bench.contacts[key] = min(value, MAX_CONTACTS)
        return bench
