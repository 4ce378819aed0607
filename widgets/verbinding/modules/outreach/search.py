"""Searching a case's organisations in step 3 of Outreach (pure model, no widgets).

A learner who types "natuur", "zorg", "boer" or "landbouw" wants the organisations that
have to do with it, not only those with the word in their name. :class:`OrganisationSearch`
builds, once when the exercise opens, per organisation: its name; its type (code and Dutch
label, and a trainer's own type), region and the topics of its contacts in the contact log;
the dimensions in its ``expertise`` column (id, name and, one step lower, the words of the
dimension's explanation: "ouderen" finds the dimension about what heat does to "ouderen")
with how much the profile says it knows of each; and what its profile says it does and for whom (not what it
asks: a word in an argument, "zorg dat er water is", says little about the organisation).

Matching ignores case, accents and punctuation ("patienten" finds "Patiëntenvereniging");
every word of the query must occur. In the name, type, region and topics a word may be
inside a longer word ("zorg" finds "Thuiszorg"); in a profile or an explanation it is the
start of a word, with a plural or as the first part of a compound ("boer" finds "boeren",
"zorg" finds "zorgverzekeraars"), but not a verb: "zorg" does not find every water board
that "zorgt voor dijken" (:data:`_NOT_A_FIELD`). A trainer adds words that mean the same
under ``outreach.search.same_as`` ("agrarisch" searches "landbouw" too).

Order: organisations whose *name* matches (alphabetical, so a typed name is on top); then
those that know enough of a matching dimension (2 or 3 of 3, who knows most first within a
type) or match by type, region or topic; then weak matches: little knowledge of the
dimension (1), or only a word of the profile. "landbouw" once showed "Vakbond Bouw ..." (knowledge 1
of "Droogte en landbouw") among the first; now it comes after those that know the field.
Within a group the types take turns (one of each type, alphabetically within a type), so
"natuur" shows a farmers' cooperative, a firm, a foundation and a municipality among its
first 40, not 40 residents' committees. A query is a few set and substring tests per row:
a few milliseconds for the ~950 organisations of a built-in case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from verbinding import dutch
from verbinding.texts import catalogue, t

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


# what a word's match says about the organisation, best first: its name; much, enough or
# little knowledge of a matching dimension; its type, region or topics; its profile
NAME, MUCH, ENOUGH_KNOWN, LITTLE = 4, 3, 2, 1
_DEFAULT_KNOWLEDGE = ENOUGH_KNOWN  # a dimension in the expertise column without a profile score
# endings after a query word that keep it the same word: plurals and -er/-ing forms
_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ers", "eren", "ren", "ing", "ingen")
_MIN_COMPOUND = 4  # 'zorg' + 'verzekeraars': a compound's second part has 4 letters or more
_MIN_PREFIX = 3  # shorter query words count only whole in a profile
# words that start like a field but are verbs: 'zorgt voor dijken' is no care organisation
_NOT_A_FIELD = frozenset({"zorgt", "zorgen", "zorgde", "zorgden", "landt", "bouwt", "werkt"})


def _same_word(query: str, word: str) -> bool:
    """True when ``word`` (of a profile or explanation) is ``query``, its plural, or a
    compound that starts with it ('boer' - 'boeren', 'zorg' - 'zorgverzekeraars')."""
    if word == query:
        return True
    if len(query) < _MIN_PREFIX or not word.startswith(query) or word in _NOT_A_FIELD:
        return False
    rest = word[len(query):]
    return rest in _ENDINGS or len(rest) >= _MIN_COMPOUND


@dataclass(frozen=True)
class _Row:
    name: str  # normalised name
    core: str  # type, region, own type, contact topics: a word may be inside a longer word
    dimensions: tuple[tuple[str, frozenset[str], int], ...]  # (id and name, explanation words, knowledge)
    profile: frozenset[str]
    found: Found


class OrganisationSearch:
    """The organisations of one case, ready to be searched (see the module docstring).

    ``labels`` maps the organisation box's option labels to the case's organisation
    records (``org_id``, ``name``, ``type``), as ``organisation_index`` builds them;
    ``case`` gives the other columns (may be None: then only labels and types count).
    """

    def __init__(self, labels: dict[str, dict], case: Any = None, type_labels: dict[str, str] | None = None):
        type_labels = type_labels or {}
        core, dimensions, described = _extra_texts(case)
        self._rows: list[_Row] = []
        self._vocabulary: set[str] = set()  # every profile and explanation word, for prefixes
        type_keys: dict[str, str] = {}
        for label, rec in labels.items():
            org_id = str(rec.get("org_id", ""))
            type_id = str(rec.get("type", "") or "")
            type_label = type_labels.get(type_id, "")
            found = Found(label=label, org_id=org_id, name=str(rec.get("name", label)), type_label=type_label)
            if type_id not in type_keys:
                type_keys[type_id] = normalise(f"{type_id} {type_label}")
            profile = frozenset(described.get(org_id, "").split())
            dims = tuple(dimensions.get(org_id, ()))
            self._vocabulary.update(profile, *(words for _text, words, _level in dims))
            self._rows.append(_Row(normalise(label), " ".join([type_keys[type_id], core.get(org_id, "")]),
                                   dims, profile, found))
        self._rows.sort(key=lambda row: row.name)

    def __len__(self) -> int:
        return len(self._rows)

    def _words_like(self, word: str) -> frozenset[str]:
        """The profile and explanation words that are ``word`` or a form of it, or of a word
        that means the same (``outreach.search.same_as``)."""
        queries = [word, *_same_as(word)]
        return frozenset(w for w in self._vocabulary if any(_same_word(q, w) for q in queries))

    @staticmethod
    def _strength(row: _Row, word: str, alike: frozenset[str], also: list[str]) -> int:
        """How well one query word matches a row: :data:`NAME` ... :data:`LITTLE`, 0 for no match."""
        if word in row.name:
            return NAME
        best = 0
        for text, words, level in row.dimensions:
            known = MUCH if level >= MUCH else ENOUGH_KNOWN if level >= ENOUGH_KNOWN else LITTLE
            if word in text or any(other in text for other in also):  # the dimension itself
                best = max(best, known)
            elif not alike.isdisjoint(words):  # a word of its explanation: related, one step lower
                best = max(best, max(known - 1, LITTLE))
        if best < ENOUGH_KNOWN and (word in row.core or any(other in row.core for other in also)):
            best = ENOUGH_KNOWN
        if not best and not alike.isdisjoint(row.profile):
            best = LITTLE
        return best

    def find(self, query: str, limit: int = MAX_SHOWN) -> SearchResult:
        """The organisations that match every word of ``query``, best first."""
        words = normalise(query).split()
        if not words:
            return SearchResult(query=str(query or ""))
        alike = {word: self._words_like(word) for word in words}
        also = {word: _same_as(word) for word in words}
        named: list[Found] = []
        known: list[tuple[int, Found]] = []  # enough knowledge, or type, region or topic
        weak: list[Found] = []
        for row in self._rows:
            strength = min(self._strength(row, word, alike[word], also[word]) for word in words)
            if strength == NAME:
                named.append(row.found)
            elif strength >= ENOUGH_KNOWN:
                known.append((strength, row.found))
            elif strength:
                weak.append(row.found)
        # the types take turns; within a type and within a turn, who knows most comes first
        # (sorted is stable: by name after that)
        known.sort(key=lambda item: -item[0])
        strength_of = {id(found): strength for strength, found in known}
        turns = _types_in_turn([found for _strength, found in known])
        matches = named + [found for turn in turns for found in sorted(turn, key=lambda f: -strength_of[id(f)])]
        matches += [found for turn in _types_in_turn(weak) for found in turn]
        return SearchResult(query=str(query), found=matches[:limit], total=len(matches))


def _same_as(word: str) -> list[str]:
    """Words a trainer gave as meaning the same as the start of ``word`` ('agrar' -> 'landbouw')."""
    prefix = "outreach.search.same_as."
    return [normalise(str(value)) for key, value in catalogue().items()
            if key.startswith(prefix) and word.startswith(normalise(key[len(prefix):])) and normalise(str(value))]


def _types_in_turn(found: list[Found]) -> list[list[Found]]:
    """``found`` (in order) as turns: one organisation of each type per turn."""
    by_type: dict[str, list[Found]] = {}
    for item in found:
        by_type.setdefault(item.type_label, []).append(item)
    return [[item for item in one_round if item is not None] for one_round in zip_longest(*by_type.values())]


def _extra_texts(case: Any) -> tuple[dict[str, str], dict[str, list], dict[str, str]]:
    """Three maps by org id: its other columns as normalised text (region, own type, contact
    topics); its dimensions as (id and name, explanation words, knowledge 1-3); and its
    profile (what it does, whom it speaks for)."""
    frame = getattr(case, "organisations", None)
    if frame is None or len(frame) == 0:
        return {}, {}, {}
    known = {str(d.id): (normalise(f"{d.id} {d.name}"), frozenset(normalise(getattr(d, "explanation", "")).split()))
             for d in getattr(case, "dimensions", None) or []}
    profiles = getattr(case, "profiles", None)
    profiles = profiles if isinstance(profiles, dict) else {}
    parts: dict[str, list[str]] = {}
    dimensions: dict[str, list] = {}
    columns = [c for c in ("org_id", "region", "own_type", "expertise") if c in frame.columns]
    for rec in frame[columns].to_dict("records"):
        org_id = str(rec.get("org_id", ""))
        parts[org_id] = [str(rec.get("region", "") or ""), str(rec.get("own_type", "") or "")]
        profile = profiles.get(org_id)
        knowledge = profile.get("knowledge") if isinstance(profile, dict) else None
        knowledge = knowledge if isinstance(knowledge, dict) else {}
        dims = [d for d in str(rec.get("expertise", "") or "").split(";") if d]
        dimensions[org_id] = [(*known.get(d, (normalise(d), frozenset())), _level(knowledge.get(d))) for d in dims]
    contacts = getattr(case, "contacts", None)
    if contacts is not None and len(contacts) and {"org_id", "topic"} <= set(contacts.columns):
        topics = contacts[["org_id", "topic"]].dropna().drop_duplicates()
        for org_id, topic in zip(topics["org_id"].astype(str), topics["topic"].astype(str)):
            if org_id in parts:
                parts[org_id].append(topic)
    described: dict[str, str] = {}
    for org_id, profile in profiles.items():
        if str(org_id) in parts and isinstance(profile, dict):
            described[str(org_id)] = _unique_words(str(profile.get(k, "") or "") for k in ("work", "members"))
    return {org_id: _unique_words(texts) for org_id, texts in parts.items()}, dimensions, described


def _level(value: Any) -> int:
    """A profile's knowledge of a dimension (1-3), or the default for one without."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else _DEFAULT_KNOWLEDGE


def _unique_words(texts: Iterable[str]) -> str:
    """The normalised texts as one string, each word once (shorter, so faster to search)."""
    return " ".join(dict.fromkeys(normalise(" ".join(texts)).split()))
