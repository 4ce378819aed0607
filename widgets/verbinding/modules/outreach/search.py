"""Searching a case's organisations in step 3 of Outreach (pure model, no widgets).

A learner who types "natuur", "zorg" or "energie" wants the organisations that have to do
with it, not only those with the word in their name. :class:`OrganisationSearch` builds one
normalised search text per organisation once, when the exercise opens: its name, its type
(code and Dutch label, and a trainer's own type), its region, the dimensions in its
``expertise`` column (ids and names), the topics of its contacts in the contact log and
what its profile says it does and for whom (not what it asks: a word in an argument,
"zorg dat er water is", says little about the organisation). In the profile a query word
counts only as a whole word: "zorg" should not find every water board that "zorgt voor
dijken". A query then is a few
substring tests per row: about a millisecond for the ~950 organisations of a built-in case.

Matching ignores case, accents and punctuation ("patienten" finds "Patiëntenvereniging");
every word of the query must occur, also inside a longer word ("zorg" finds "Thuiszorg").
Organisations whose *name* matches come first, then those matched by type, region,
dimension or topic, then those matched only by their profile's description. Name matches
are in alphabetical order, so a learner who types a name sees it on top; the other groups
take the types in turn (one of each type, alphabetically within a type), so "natuur" shows
a farmers' cooperative, a firm, a foundation and a municipality among its first 40, not 40
residents' committees.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from verbinding import dutch
from verbinding.texts import t

#: results a list shows at most; the count says how many there are in all
MAX_SHOWN = 40
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: Any) -> str:
    """Lower case, without accents and punctuation, single spaces: the form in which a
    query and an organisation's search text are compared ("Patiënten-vereniging" ->
    "patienten vereniging")."""
    # accents come apart from their letters (NFKD) and fall away with everything else
    # outside ASCII: all in C, ~2 µs for a row of a case
    plain = unicodedata.normalize("NFKD", str(text or "").casefold()).encode("ascii", "ignore").decode("ascii")
    return " ".join(_NON_WORD.sub(" ", plain).split())


@dataclass(frozen=True)
class Found:
    """One organisation found: the label the organisation box knows it by (the result list
    shows it; its type appears in the form once it is picked: with the long Dutch type
    labels beside them, the names were cut off in the list at 1366 px)."""

    label: str
    org_id: str
    name: str
    type_label: str



@dataclass(frozen=True)
class SearchResult:
    """The organisations matching a query (at most :data:`MAX_SHOWN` of them) and their
    total number."""

    query: str
    found: list[Found] = field(default_factory=list)
    total: int = 0

    @property
    def message(self) -> str:
        """One Dutch line for under the search box: how many were found, or what to try."""
        if not normalise(self.query):
            return ""
        if not self.total:
            return t("outreach.search.none", query=self.query.strip())
        counted = dutch.count(self.total, t("outreach.words.organisation.one"), t("outreach.words.organisation.many"))
        if self.total > len(self.found):
            return t("outreach.search.some_shown", count=counted, shown=len(self.found))
        return t("outreach.search.count", count=counted)


class OrganisationSearch:
    """The organisations of one case, ready to be searched (see the module docstring).

    ``labels`` maps the organisation box's option labels to the case's organisation
    records (``org_id``, ``name``, ``type``), as ``organisation_index`` builds them;
    ``case`` gives the other columns (may be None: then only labels and types count).
    """

    def __init__(self, labels: dict[str, dict], case: Any = None, type_labels: dict[str, str] | None = None):
        type_labels = type_labels or {}
        core, described = _extra_texts(case)
        # per organisation: its name, + type, region, dimensions, topics, + its profile
        self._rows: list[tuple[str, str, frozenset[str], Found]] = []
        type_keys: dict[str, str] = {}
        for label, rec in labels.items():
            org_id = str(rec.get("org_id", ""))
            type_id = str(rec.get("type", "") or "")
            type_label = type_labels.get(type_id, "")
            found = Found(label=label, org_id=org_id, name=str(rec.get("name", label)), type_label=type_label)
            name_key = normalise(label)
            if type_id not in type_keys:
                type_keys[type_id] = normalise(f"{type_id} {type_label}")
            with_core = " ".join([name_key, type_keys[type_id], core.get(org_id, "")])
            self._rows.append((name_key, with_core, frozenset(described.get(org_id, "").split()), found))
        self._rows.sort(key=lambda row: row[0])

    def __len__(self) -> int:
        return len(self._rows)

    def find(self, query: str, limit: int = MAX_SHOWN) -> SearchResult:
        """The organisations whose search text holds every word of ``query``."""
        words = normalise(query).split()
        if not words:
            return SearchResult(query=str(query or ""))
        tiers: tuple[list[Found], list[Found], list[Found]] = ([], [], [])
        for name_key, with_core, profile_words, found in self._rows:
            if all(w in with_core for w in words):
                tiers[0 if all(w in name_key for w in words) else 1].append(found)
            elif all(w in with_core or w in profile_words for w in words):
                tiers[2].append(found)
        matches = tiers[0] + _types_in_turn(tiers[1]) + _types_in_turn(tiers[2])
        return SearchResult(query=str(query), found=matches[:limit], total=len(matches))


def _types_in_turn(found: list[Found]) -> list[Found]:
    """``found`` (alphabetical) reordered to take one organisation of each type in turn."""
    by_type: dict[str, list[Found]] = {}
    for item in found:
        by_type.setdefault(item.type_label, []).append(item)
    rounds = zip_longest(*by_type.values())
    return [item for one_round in rounds for item in one_round if item is not None]


def _extra_texts(case: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Two maps org id -> normalised text: its other columns (region, own type, dimensions
    by id and name, contact topics), and its profile (what it does, whom it speaks for)."""
    frame = getattr(case, "organisations", None)
    if frame is None or len(frame) == 0:
        return {}, {}
    dimension_names = {str(d.id): str(d.name) for d in getattr(case, "dimensions", None) or []}
    parts: dict[str, list[str]] = {}
    columns = [c for c in ("org_id", "region", "own_type", "expertise") if c in frame.columns]
    for rec in frame[columns].to_dict("records"):
        org_id = str(rec.get("org_id", ""))
        dims = [d for d in str(rec.get("expertise", "") or "").split(";") if d]
        parts[org_id] = [str(rec.get("region", "") or ""), str(rec.get("own_type", "") or ""),
                         *dims, *(dimension_names.get(d, "") for d in dims)]
    contacts = getattr(case, "contacts", None)
    if contacts is not None and len(contacts) and {"org_id", "topic"} <= set(contacts.columns):
        topics = contacts[["org_id", "topic"]].dropna().drop_duplicates()
        for org_id, topic in zip(topics["org_id"].astype(str), topics["topic"].astype(str)):
            if org_id in parts:
                parts[org_id].append(topic)
    described: dict[str, str] = {}
    profiles = getattr(case, "profiles", None)
    if isinstance(profiles, dict):
        for org_id, profile in profiles.items():
            if str(org_id) in parts and isinstance(profile, dict):
                described[str(org_id)] = _unique_words(str(profile.get(k, "") or "") for k in ("work", "members"))
    return {org_id: _unique_words(texts) for org_id, texts in parts.items()}, described


def _unique_words(texts: Iterable[str]) -> str:
    """The normalised texts as one string, each word once (shorter, so faster to search)."""
    return " ".join(dict.fromkeys(normalise(" ".join(texts)).split()))
