"""What a loaded case is: the organisation typology, :class:`Case`, :class:`Dimension`, :class:`ContactLog`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from verbinding.cases.report import LoadReport
from verbinding.texts import CatalogueError, tlist

# The typology, in order: (type id, Dutch label). Labels live in texts/nl/cases.yaml.


def _org_types() -> list[tuple[str, str]]:
    """The typology from the catalogue; empty when a trainer broke cases.yaml, so that
    importing this module never fails (the page names the broken file instead)."""
    try:
        return [(str(item[0]), str(item[1])) for item in tlist("cases.org_types")
                if isinstance(item, (list, tuple)) and len(item) == 2]
    except (CatalogueError, KeyError):
        return []


ORG_TYPES: list[tuple[str, str]] = _org_types()
ORG_TYPE_LABELS: dict[str, str] = dict(ORG_TYPES)
UNKNOWN_TYPE = "onbekend"
BUSINESS_TYPES = ("bedrijf", "branche")
CITIZEN_NGO_TYPES = ("ngo", "burgers", "burger_individueel")
STAFF_BANDS = ("1-9", "10-49", "50-249", "250+")


def is_business(type_id: str) -> bool:
    """Firms and business/employers' associations: the economic interests."""
    return type_id in BUSINESS_TYPES


def type_label(type_id: str) -> str:
    """Dutch label of a type id (the id itself when unknown)."""
    return ORG_TYPE_LABELS.get(type_id, type_id)


def _type_lookup() -> dict[str, str]:
    lookup = {}
    for type_id, label in ORG_TYPES:
        lookup[type_id.casefold()] = type_id
        lookup[label.casefold()] = type_id
    # Short forms trainers write in spreadsheets.
    extra = {
        "brancheorganisatie": "branche", "werkgeversorganisatie": "branche",
        "beroepsvereniging": "beroeps", "maatschappelijke organisatie": "ngo",
        "belangengroep": "burgers", "patiëntenorganisatie": "burgers",
        "consumentenorganisatie": "burgers", "overheid": "overheid",
        "kennisinstelling": "kennis", "denktank": "kennis", "burger": "burger_individueel",
        "individuele burger": "burger_individueel",
    }
    lookup.update(extra)
    return lookup


@dataclass(frozen=True)
class Dimension:
    """A societal dimension of a policy challenge."""

    id: str
    name: str
    explanation: str


@dataclass
class ContactLog:
    """One real-world contact log, as links (one row per organisation on a contact row)."""

    links: pd.DataFrame  # row, date, year, organisation
    rows: int  # data rows read (blank rows not counted)
    report: LoadReport
    path: str = ""
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class Case:
    """A policy case: the challenge, its dimensions, the population and the contact log."""

    id: str
    title: str
    challenge: str
    ministry: str
    period: str
    dimensions: list[Dimension]
    texts: dict
    organisations: pd.DataFrame
    expertise: pd.DataFrame
    contacts: pd.DataFrame
    consultation: pd.DataFrame | None
    report: LoadReport
    folder: str = ""
    builtin: bool = False
    level: str = "ministerie"  # organisatieniveau: whose side the learner is on
    fictional: bool = False  # verzonnen: ja (built-in cases are)
    # org id -> profile fields from the optional profielen.csv (see verbinding.profiles)
    profiles: dict = field(default_factory=dict, repr=False)
    _names: dict = field(default_factory=dict, repr=False)

    def org_name(self, org_id) -> str:
        if not self._names:
            self._names.update(zip(self.organisations["org_id"], self.organisations["name"]))
        return self._names.get(org_id, str(org_id))

    def dimension_name(self, dimension_id: str) -> str:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension.name
        return dimension_id

    @property
    def dimension_ids(self) -> list[str]:
        return [d.id for d in self.dimensions]

    @property
    def years(self) -> list[int]:
        if self.contacts.empty:
            return []
        return list(range(int(self.contacts["year"].min()), int(self.contacts["year"].max()) + 1))
