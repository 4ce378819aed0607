"""Module 6 "Echte agenda's": a small access register from ministers' public agendas.

Pure pandas, no ipywidgets. The data are the public agendas of Dutch ministers and state
secretaries as collected by Integrity Watch NL (Transparency International Nederland) from
rijksoverheid.nl, shipped in ``datasets/echte_agendas/``. There is no organisation column:
keyword rules (``org_types`` in ``texts/<lang>/agendas.yaml``, editable by trainers) *suggest*
an organisation type per entry; the learner corrects suggestions per entry id.

Respect for real organisations: this module only counts organisation *types*; it never
labels a real organisation an insider.

Main API::

    register = AgendaRegister(period="rutteIV", ministry="Financiën")
    register.entries()          # selected contact entries with suggestion and final type
    register.set_correction(entry_id, "bedrijf")
    register.distribution()     # aggregated frame: type_id, label, count, share
    register.chart()            # Vega-Lite spec of the distribution (aggregated)
    register.summary()          # Dutch text summary for beside the chart
    register.limit_texts()      # what the data cannot show, with computed figures
    state = register.to_dict(); AgendaRegister.from_dict(state)
    export_blocks(state)        # blocks for the Word/Markdown export

Loading is cached per period (``load_period``); a cold load of Rutte IV takes about a tenth
of a second, later calls are free.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import dutch, privacy
from .document import Block, Bullets, Heading, Paragraph, Table
from .limits import MAX_TEXT
from .paths import data_home, datasets_dir
from .texts import t, tlist
from .vegalite import records

MODULE_ID = "echte_agendas"
PERIODS = ("rutteIV", "rutteIII")
DEFAULT_PERIOD = "rutteIV"
AGENDA_COLUMNS = ("activiteitnaam", "bewindspersoon", "datum", "locatie", "subtitel", "type", "url")
AGENDA_TEXT_COLUMNS = ("activiteitnaam", "subtitel", "locatie")  # free text that may hold contact data
MATCHING_COLUMNS = ("person", "role", "ministry", "start_date", "end_date")
MAX_EXPORT_CORRECTIONS = 50
MAX_REFLECTION = MAX_TEXT


class AgendaDataError(ValueError):
    """The shipped agenda data or the rules file cannot be used; message in Dutch."""


# ----- rules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgType:
    id: str
    label: str
    keywords: tuple[str, ...] = ()
    agenda_types: tuple[str, ...] = ()


def _split_keyword(keyword: str) -> tuple[str, bool, bool]:
    """(text, prefix?, case-sensitive?) for one keyword of the rules file."""
    keyword = " ".join(str(keyword).split())
    prefix = keyword.endswith("*") and len(keyword) > 1
    if prefix:
        keyword = keyword[:-1]
    letters = [c for c in keyword if c.isalpha()]
    exact_case = len(letters) >= 2 and all(c.isupper() for c in letters)
    return keyword, prefix, exact_case


def _alternative(keyword: str, prefix: bool) -> str:
    body = re.escape(keyword).replace(r"\ ", r"\s+")
    return body + r"\w*" if prefix else body


def _combined(groups: list[list[str]]) -> re.Pattern | None:
    """One pattern with one capturing group per rule: ``m.lastindex`` names the rule."""
    if not any(groups):
        return None
    parts = [
        "(" + "|".join(sorted(alts, key=len, reverse=True)) + ")" if alts else "(?!x)x"
        for alts in groups
    ]
    parts = [p if p != "(?!x)x" else "((?!x)x)" for p in parts]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?!\w)")


class KeywordMatcher:
    """Finds, per text, the first rule (in rule order) with a keyword in the text.

    Keywords match whole words; ``*`` at the end matches longer words; keywords written in
    ALL CAPS match case-sensitively, all others case-insensitively. Two combined patterns
    (one on the lower-cased text, one on the original) keep this fast: about 0.1 s for
    7,000 agenda entries.
    """

    def __init__(self, keyword_lists: Iterable[Iterable[str]]):
        folded: list[list[str]] = []
        exact: list[list[str]] = []
        for keywords in keyword_lists:
            f_alts, e_alts = [], []
            for keyword in keywords:
                text, prefix, exact_case = _split_keyword(keyword)
                if not text:
                    continue
                if exact_case:
                    e_alts.append(_alternative(text, prefix))
                else:
                    f_alts.append(_alternative(text.lower(), prefix))
            folded.append(f_alts)
            exact.append(e_alts)
        self.size = len(folded)
        self._folded = _combined(folded)
        self._exact = _combined(exact)

    def first(self, text: str) -> tuple[int, str] | None:
        """(rule index, matched words) of the earliest rule that matches, or None."""
        best: tuple[int, str] | None = None
        lowered = text.lower()
        same_length = len(lowered) == len(text)
        for pattern, source in ((self._folded, lowered), (self._exact, text)):
            if pattern is None:
                continue
            for match in pattern.finditer(source):
                index = match.lastindex - 1
                if best is None or index < best[0]:
                    start, stop = match.span()
                    words = text[start:stop] if same_length else match.group(0)
                    best = (index, " ".join(words.split()))
                    if index == 0:
                        return best
        return best

    def matches(self, text: str) -> bool:
        return self.first(text) is not None


def keyword_matcher(keywords: Iterable[str]) -> KeywordMatcher:
    """A matcher for one list of keywords (used for the generic terms)."""
    return KeywordMatcher([list(keywords)])


def load_rules() -> tuple[OrgType, ...]:
    """The keyword rules from the catalogue, validated with Dutch messages."""
    raw = tlist("agendas.org_types")
    if not isinstance(raw, list):
        raise AgendaDataError(t("agendas.errors.rules_not_list"))
    rules: list[OrgType] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise AgendaDataError(t("agendas.errors.rules_not_list"))
        for field in ("id", "label", "keywords"):
            if not item.get(field):
                raise AgendaDataError(t("agendas.errors.rule_missing", number=number, field=field))
        type_id = str(item["id"]).strip()
        if type_id in seen:
            raise AgendaDataError(t("agendas.errors.rule_duplicate", id=type_id))
        seen.add(type_id)
        keywords = item["keywords"]
        if not isinstance(keywords, list) or not all(isinstance(k, (str, int)) for k in keywords):
            raise AgendaDataError(t("agendas.errors.rule_keywords", id=type_id))
        agenda_types = item.get("agenda_types") or []
        if not isinstance(agenda_types, list):
            agenda_types = [agenda_types]
        rules.append(
            OrgType(
                type_id,
                str(item["label"]),
                tuple(str(k) for k in keywords),
                tuple(str(a) for a in agenda_types),
            )
        )
    return tuple(rules)


def other_type_id() -> str:
    return t("agendas.other_type.id")


def unknown_type_id() -> str:
    return t("agendas.unknown_type.id")


def type_labels() -> dict[str, str]:
    """Every type a learner may choose, in display order: rules, then 'other', 'unknown'."""
    labels = {rule.id: rule.label for rule in load_rules()}
    for key in ("agendas.other_type", "agendas.unknown_type"):
        labels[t(f"{key}.id")] = t(f"{key}.label")
    return labels


def suggest_types(texts: pd.Series, agenda_types: pd.Series, rules: Iterable[OrgType]) -> pd.DataFrame:
    """Suggested type per text: the first rule (in file order) with a keyword in the text.

    Returns a frame with ``suggested`` (type id, or the unknown id), ``keyword`` (the words
    that matched, '' when none) and ``by_type`` (True when the agenda type decided).
    """
    rules = tuple(rules)
    matcher = KeywordMatcher(rule.keywords for rule in rules)
    unknown = unknown_type_id()
    suggested, keyword, by_type = [], [], []
    for text, agenda_type in zip(texts, agenda_types):
        hit = matcher.first(text)
        if hit is not None:
            suggested.append(rules[hit[0]].id)
            keyword.append(hit[1])
            by_type.append(False)
            continue
        chosen = next((rule.id for rule in rules if agenda_type and agenda_type in rule.agenda_types), None)
        suggested.append(chosen or unknown)
        keyword.append("")
        by_type.append(chosen is not None)
    return pd.DataFrame(
        {"suggested": suggested, "keyword": keyword, "by_type": by_type}, index=texts.index
    )


# ----- data ----------------------------------------------------------------------------------


def data_dir() -> Path:
    return datasets_dir() / "echte_agendas"


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """Compare names without accents, case or extra spaces (Yeşilgöz == Yesilgöz)."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _read_csv(path: Path, columns: Iterable[str]) -> pd.DataFrame:
    if not path.exists():
        raise AgendaDataError(t("agendas.errors.data_missing", name=path.name))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame.columns = [c.strip() for c in frame.columns]
    frame = frame.replace({"NA": ""})  # the source writes a missing value as "NA" (see datapackage.json)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AgendaDataError(
            t("agendas.errors.data_columns", name=path.name, columns=", ".join(missing))
        )
    return frame.apply(lambda col: col.str.strip())


def _agenda_file(period: str) -> Path:
    folder = data_dir()
    for name in (f"agendas_{period}.csv.gz", f"agendas_{period}.csv"):
        if (folder / name).exists():
            return folder / name
    return folder / f"agendas_{period}.csv.gz"


def _entry_id(period: str, url: str, fallback: str) -> str:
    digest = hashlib.blake2s((url or fallback).encode("utf-8"), digest_size=5).hexdigest()
    return f"{period}-{digest}"


def _parse_day(value: str) -> pd.Timestamp:
    value = (value or "").strip()
    if not value or value.lower() == "present":
        return pd.NaT
    return pd.to_datetime(value, format="%d-%m-%Y", errors="coerce")


@dataclass(frozen=True)
class Agenda:
    """One period's agendas, prepared once: entries plus long person/ministry tables."""

    period: str
    entries: pd.DataFrame  # one row per agenda entry, indexed by entry_id
    entry_people: pd.DataFrame  # entry_id, person
    entry_ministries: pd.DataFrame  # entry_id, ministry
    people: pd.DataFrame  # person, role, ministry (canonical names)

    def ministries(self) -> list[str]:
        return sorted(self.people["ministry"].dropna().unique(), key=name_key)

    def people_of(self, ministry: str | None = None) -> list[str]:
        """People with contact entries, optionally of one ministry (sorted by name)."""
        active = set(self.entry_people["person"])
        frame = self.people
        if ministry:
            frame = frame[frame["ministry"] == ministry]
        names = [p for p in frame["person"].unique() if p in active]
        if not ministry:
            names += sorted(active - set(self.people["person"]))
        return sorted(dict.fromkeys(names), key=name_key)


def _canonical_people(period: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Matching table (+ the course's supplement) and a map name_key -> canonical name."""
    folder = data_dir()
    matching = _read_csv(folder / f"agendas_ministries_matching_{period}.csv", MATCHING_COLUMNS)
    matching = matching[matching["person"] != ""].copy()
    canonical: dict[str, str] = {name_key(p): p for p in matching["person"]}
    extra_path = folder / "aanvullingen_bewindspersonen.csv"
    if extra_path.exists():
        extra = _read_csv(extra_path, ("period", "person", "same_as", "role", "ministry"))
        extra = extra[extra["period"] == period]
        rows = []
        for row in extra.itertuples(index=False):
            if row.same_as:
                canonical[name_key(row.person)] = canonical.get(name_key(row.same_as), row.same_as)
            elif row.ministry:
                canonical.setdefault(name_key(row.person), row.person)
                rows.append(
                    {"person": row.person, "role": row.role, "ministry": row.ministry,
                     "start_date": "", "end_date": "Present"}
                )
        if rows:
            matching = pd.concat([matching, pd.DataFrame(rows)], ignore_index=True)
    matching["person"] = [canonical.get(name_key(p), p) for p in matching["person"]]
    matching["start"] = [_parse_day(v) for v in matching["start_date"]]
    matching["end"] = [_parse_day(v) for v in matching["end_date"]]
    return matching, canonical


def _surname(person: str) -> str:
    parts = person.split()
    rest = " ".join(parts[1:]) if len(parts) > 1 else person
    return name_key(rest.split("-")[0])


def _person_finder(people: Iterable[str]):
    """A function text -> person named as 'minister X' / 'staatssecretaris X' in the text."""
    by_surname = {}
    for person in people:
        by_surname.setdefault(_surname(person), person)
    if not by_surname:
        return lambda text: ""
    names = "|".join(re.escape(n) for n in sorted(by_surname, key=len, reverse=True))
    pattern = re.compile(rf"(?:minister(?:-president)?|staatssecretaris)\s+({names})\b")

    def find(text: str) -> str:
        match = pattern.search(name_key(text))
        return by_surname[match.group(1)] if match else ""

    return find


CACHE_VERSION = "1"


def _cache_path(period: str) -> Path | None:
    """A cache file keyed by the rules and the data file: any edit makes a new key."""
    try:
        source = _agenda_file(period)
        stat = source.stat()
        key_parts = [
            CACHE_VERSION,
            period,
            f"{stat.st_size}:{int(stat.st_mtime)}",
            json.dumps([r.__dict__ for r in load_rules()], sort_keys=True, default=list),
            json.dumps(tlist("agendas.generic_terms")),
            json.dumps(tlist("agendas.excluded_agenda_types")),
            unknown_type_id(),
        ]
    except (OSError, AgendaDataError, KeyError):
        return None
    digest = hashlib.sha256("\n".join(key_parts).encode("utf-8")).hexdigest()[:16]
    return data_home() / "cache" / f"agendas-{period}-{digest}.csv"


def _suggestions(period: str, contacts: pd.DataFrame) -> pd.DataFrame:
    """Suggestion and generic flag per contact entry (index: position in ``contacts``).

    Classifying ~5,000 entries takes ~0.15 s; the result is cached on disk (in the
    learner's data folder) so that a fresh Voilà kernel reads it in a few milliseconds.
    """
    path = _cache_path(period)
    if path is not None and path.exists():
        try:
            cached = pd.read_csv(path, dtype={"entry_id": str, "suggested": str, "keyword": str},
                                 keep_default_na=False)
            if len(cached) == len(contacts) and list(cached["entry_id"]) == list(contacts["entry_id"]):
                cached.index = contacts.index
                cached["by_type"] = cached["by_type"].astype(bool)
                cached["generic"] = cached["generic"].astype(bool)
                return cached.drop(columns="entry_id")
        except (OSError, ValueError, KeyError, pd.errors.ParserError):
            pass
    flags = suggest_types(contacts["text"], contacts["agenda_type"], load_rules())
    generic = keyword_matcher(str(x) for x in tlist("agendas.generic_terms"))
    flags["generic"] = [generic.matches(text) for text in contacts["text"]]
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            flags.assign(entry_id=contacts["entry_id"].values).to_csv(tmp, index=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only home only costs speed
    return flags


@lru_cache(maxsize=len(PERIODS))
def load_period(period: str = DEFAULT_PERIOD) -> Agenda:
    """Read and prepare one period (cached for the life of the kernel)."""
    if period not in PERIODS:
        raise AgendaDataError(t("agendas.errors.unknown_period", period=period))
    # Again at load time (the shipped files are already clean): a trainer may drop in a fresh
    # copy from the source, which names press officers with their phone and e-mail.
    raw = privacy.scrub_frame(_read_csv(_agenda_file(period), AGENDA_COLUMNS), AGENDA_TEXT_COLUMNS)
    matching, canonical = _canonical_people(period)

    entries = pd.DataFrame(
        {
            "entry_id": [
                _entry_id(period, url, f"{i}|{name}")
                for i, (url, name) in enumerate(zip(raw["url"], raw["activiteitnaam"]))
            ],
            "date": pd.to_datetime(raw["datum"], format="%Y-%m-%d", errors="coerce"),
            "activity": raw["activiteitnaam"],
            "subtitle": raw["subtitel"],
            "location": raw["locatie"],
            "agenda_type": raw["type"],
            "url": raw["url"],
        }
    )
    entries = entries.drop_duplicates("entry_id").reset_index(drop=True)
    raw = raw.loc[entries.index]
    text = (entries["activity"] + " " + entries["subtitle"]).str.replace(r"\s+", " ", regex=True)
    entries["text"] = text.str.strip()

    # people per entry (several names separated by commas; empty -> inferred from the text)
    names = raw["bewindspersoon"].str.split(",")
    people_lists = [
        [canonical.get(name_key(n), " ".join(n.split())) for n in row if n.strip()] for row in names
    ]
    find_person = _person_finder(matching["person"])
    inferred = []
    for i, row in enumerate(people_lists):
        if not row:
            guess = find_person(entries["text"].iat[i])
            if guess:
                row.append(guess)
            inferred.append(True)
        else:
            inferred.append(False)
    entries["person_missing"] = inferred
    entries["people"] = [", ".join(row) for row in people_lists]
    entry_people = pd.DataFrame(
        [(eid, p) for eid, row in zip(entries["entry_id"], people_lists) for p in row],
        columns=["entry_id", "person"],
    ).drop_duplicates()

    # ministry per (entry, person): the role valid on that date, else any role of that person
    merged = entry_people.merge(entries[["entry_id", "date"]], on="entry_id").merge(
        matching[["person", "ministry", "start", "end"]], on="person", how="inner"
    )
    in_range = (merged["start"].isna() | (merged["date"] >= merged["start"])) & (
        merged["end"].isna() | (merged["date"] <= merged["end"])
    )
    merged["in_range"] = in_range
    pair_has_range = merged.groupby(["entry_id", "person"])["in_range"].transform("any")
    merged = merged[merged["in_range"] | ~pair_has_range]
    entry_ministries = merged[["entry_id", "ministry"]].drop_duplicates().reset_index(drop=True)

    # suggestions and flags
    excluded = [str(x) for x in tlist("agendas.excluded_agenda_types")]
    entries["excluded"] = entries["agenda_type"].isin(excluded)
    entries["weekly"] = entries["agenda_type"].eq("Agenda")
    flags = _suggestions(period, entries[~entries["excluded"]])
    entries = entries.join(flags)
    entries["suggested"] = entries["suggested"].fillna(unknown_type_id())
    entries["keyword"] = entries["keyword"].fillna("")
    entries["by_type"] = entries["by_type"].fillna(False).astype(bool)
    entries["generic"] = entries["generic"].fillna(False).astype(bool)
    entries["title_only"] = entries["subtitle"].str.strip().eq("")
    entries["no_type"] = entries["agenda_type"].str.strip().eq("")
    entries = entries.set_index("entry_id", drop=False)

    people = matching[["person", "role", "ministry"]].drop_duplicates().reset_index(drop=True)
    return Agenda(period, entries, entry_people, entry_ministries, people)


def period_label(period: str) -> str:
    try:
        return t(f"agendas.periods.{period}")
    except KeyError:
        return period


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "0%"
    return f"{round(100 * part / whole)}%"


# ----- the learner's register -----------------------------------------------------------------


class AgendaRegister:
    """The learner's selection, corrections and reflection over one period's agendas."""

    def __init__(
        self,
        period: str = DEFAULT_PERIOD,
        ministry: str = "",
        person: str = "",
        corrections: dict[str, str] | None = None,
        reflection: str = "",
        search: str = "",
        practice: str = "",
    ):
        self.period = period if period in PERIODS else DEFAULT_PERIOD
        self.ministry = ministry or ""
        self.person = person or ""
        self.search = search or ""
        self.corrections: dict[str, str] = dict(corrections or {})
        self.reflection = reflection or ""
        # back to practice: what would the learner's own ministry's agenda show about their dossier?
        self.practice = practice or ""
        self._selection_cache: tuple[tuple, pd.DataFrame] | None = None
        self._entries_cache: tuple[tuple, pd.DataFrame] | None = None

    # ----- data -----------------------------------------------------------------------------
    @property
    def agenda(self) -> Agenda:
        return load_period(self.period)

    def ministries(self) -> list[str]:
        return self.agenda.ministries()

    def people(self) -> list[str]:
        return self.agenda.people_of(self.ministry or None)

    def select(self, period: str | None = None, ministry: str | None = None, person: str | None = None) -> None:
        """Change the selection; a person outside the chosen ministry is dropped."""
        if period is not None and period in PERIODS and period != self.period:
            self.period = period
            self.ministry = ""
            self.person = ""
        if ministry is not None:
            self.ministry = ministry if ministry in self.ministries() else ""
        if person is not None:
            self.person = person
        if self.person and self.person not in self.people():
            self.person = ""

    def _selected(self) -> pd.DataFrame:
        key = (self.period, self.ministry, self.person)
        if self._selection_cache and self._selection_cache[0] == key:
            return self._selection_cache[1]
        agenda = self.agenda
        frame = agenda.entries[~agenda.entries["excluded"]]
        if self.person:
            ids = agenda.entry_people.loc[agenda.entry_people["person"] == self.person, "entry_id"]
            frame = frame[frame.index.isin(ids)]
        elif self.ministry:
            ids = agenda.entry_ministries.loc[
                agenda.entry_ministries["ministry"] == self.ministry, "entry_id"
            ]
            frame = frame[frame.index.isin(ids)]
        frame = frame.sort_values(["date", "activity"], kind="stable")
        self._selection_cache = (key, frame)
        return frame

    def entries(self) -> pd.DataFrame:
        """Selected contact entries with ``org_type`` (correction or suggestion) and ``corrected``.

        Memoised on the selection and the corrections: the UI asks several times per change.
        """
        key = (self.period, self.ministry, self.person, tuple(sorted(self.corrections.items())))
        if self._entries_cache and self._entries_cache[0] == key:
            return self._entries_cache[1]
        frame = self._entries()
        self._entries_cache = (key, frame)
        return frame

    def visible(self, search: str = "", only_unknown: bool = False) -> pd.DataFrame:
        """The entries a learner pages through: optional text search, only unsuggested."""
        frame = self.entries()
        search = " ".join(str(search).split())
        if search:
            frame = frame[frame["text"].str.contains(search, case=False, regex=False)]
        if only_unknown:
            frame = frame[frame["suggested"] == unknown_type_id()]
        return frame

    def _entries(self) -> pd.DataFrame:
        frame = self._selected().copy()
        labels = type_labels()
        chosen = frame.index.map(lambda eid: self.corrections.get(eid))
        chosen = pd.Series(chosen, index=frame.index, dtype=object)
        valid = chosen.isin(list(labels))
        frame["org_type"] = chosen.where(valid, frame["suggested"])
        frame["corrected"] = valid & (chosen != frame["suggested"])
        return frame

    # ----- corrections ----------------------------------------------------------------------
    def set_correction(self, entry_id: str, type_id: str | None) -> None:
        """Store the learner's type for one entry; ``None`` or the suggestion removes it."""
        labels = type_labels()
        if type_id is not None and type_id not in labels:
            raise ValueError(f"unknown organisation type {type_id!r}")
        suggested = None
        if entry_id in self.agenda.entries.index:
            suggested = self.agenda.entries.at[entry_id, "suggested"]
        if type_id is None or type_id == suggested:
            self.corrections.pop(entry_id, None)
        else:
            self.corrections[entry_id] = type_id

    def reset_selection(self) -> int:
        """Remove the corrections of the entries currently selected; returns how many."""
        ids = [eid for eid in self._selected().index if eid in self.corrections]
        for eid in ids:
            del self.corrections[eid]
        return len(ids)

    # ----- results --------------------------------------------------------------------------
    def distribution(self) -> pd.DataFrame:
        """Aggregated counts per organisation type (types with at least one entry)."""
        labels = type_labels()
        counts = self.entries()["org_type"].value_counts()
        total = int(counts.sum())
        rows = [
            {"type_id": tid, "label": label, "count": int(counts.get(tid, 0)),
             "share": (counts.get(tid, 0) / total) if total else 0.0}
            for tid, label in labels.items()
            if counts.get(tid, 0)
        ]
        return pd.DataFrame(rows, columns=["type_id", "label", "count", "share"])

    def selection_label(self) -> str:
        if self.person:
            return t("agendas.summary.selection_person", person=self.person)
        if self.ministry:
            return t("agendas.summary.selection_ministry", ministry=self.ministry)
        return t("agendas.summary.selection_all")

    def period_label(self) -> str:
        return period_label(self.period)

    def summary(self) -> str:
        """Dutch text summary of the distribution, with the access caveat."""
        dist = self.distribution()
        if dist.empty:
            return t("agendas.summary.empty")
        ordered = dist.sort_values("count", ascending=False, kind="stable")
        total = int(dist["count"].sum())
        # "De grootste groep is Geen organisatie te herkennen" is no group: name the largest
        # recognised kind, and say apart how many entries show no organisation.
        unknown = unknown_type_id()
        known = ordered[ordered["type_id"] != unknown]
        no_org = int(ordered.loc[ordered["type_id"] == unknown, "count"].sum())
        overview = t("agendas.summary.overview_total", selection=self.selection_label(),
                     total=dutch.count(total, t("agendas.summary.entry"), t("agendas.summary.entries")))
        if not known.empty:
            top = known.iloc[0]
            overview += " " + t("agendas.summary.overview_top", top_label=top["label"], top_count=dutch.number(int(top["count"])),
                                top_share=_percent(int(top["count"]), total))
        if no_org:
            overview += " " + t("agendas.summary.overview_no_org", count=dutch.number(no_org),
                                share=_percent(no_org, total))
        parts = [overview]
        parts.append(
            "; ".join(
                t("agendas.summary.line", label=r.label, count=dutch.number(int(r.count)), share=_percent(int(r.count), total))
                for r in ordered.itertuples()
            )
            + "."
        )
        corrected = int(self.entries()["corrected"].sum())
        if corrected:
            parts.append(t("agendas.summary.corrected",
                           count=dutch.count(corrected, t("agendas.summary.proposal"), t("agendas.summary.proposals"))))
        parts.append(t("common.access_caveat"))
        return " ".join(parts)

    def chart(self):
        return distribution_chart(self.distribution())

    def limits(self) -> dict[str, int]:
        """Computed limits of the selection (counts; shares follow from ``total``)."""
        frame = self.entries()
        unknown = unknown_type_id()
        agenda = self.agenda.entries
        selected_people_ids = None
        if self.person or self.ministry:
            selected_people_ids = set(self._scope_ids())
        all_rows = agenda if selected_people_ids is None else agenda[agenda.index.isin(selected_people_ids)]
        return {
            "total": len(frame),
            "no_org": int((frame["suggested"] == unknown).sum()),
            "no_org_remaining": int((frame["org_type"] == unknown).sum()),
            "generic": int(frame["generic"].sum()),
            "title_only": int(frame["title_only"].sum()),
            "no_type": int(frame["no_type"].sum()),
            "weekly": int(all_rows["weekly"].sum()),
            "no_person": int(agenda["person_missing"].sum()),
        }

    def _scope_ids(self) -> list[str]:
        agenda = self.agenda
        if self.person:
            return list(agenda.entry_people.loc[agenda.entry_people["person"] == self.person, "entry_id"])
        return list(agenda.entry_ministries.loc[agenda.entry_ministries["ministry"] == self.ministry, "entry_id"])

    def limit_texts(self) -> list[str]:
        """What the data cannot show, in Dutch, with the computed figures."""
        figures = self.limits()
        total = figures["total"]
        texts: list[str] = []
        if total:
            texts.append(
                t("agendas.limits.no_org", count=dutch.number(figures["no_org"]), total=dutch.number(total),
                  share=_percent(figures["no_org"], total), remaining=dutch.number(figures["no_org_remaining"]))
            )
            for key in ("generic", "title_only", "no_type"):
                if figures[key] or key != "no_type":
                    texts.append(t(f"agendas.limits.{key}{'_one' if figures[key] == 1 else ''}",
                                   count=dutch.number(figures[key]), share=_percent(figures[key], total)))
        for key in ("weekly", "no_person"):
            if figures[key]:
                texts.append(t(f"agendas.limits.{key}{'_one' if figures[key] == 1 else ''}",
                               count=dutch.number(figures[key])))
        texts += [
            t("agendas.limits.only_ministers"),
            t("agendas.limits.no_content"),
            t("common.access_caveat"),
            t("agendas.limits.counted_not_judged"),
        ]
        return texts

    # ----- state ----------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """What the export needs without reloading the data."""
        dist = self.distribution()
        frame = self.entries()
        labels = type_labels()
        corrected = frame[frame["corrected"]].head(MAX_EXPORT_CORRECTIONS)
        return {
            "period_label": self.period_label(),
            "selection_label": self.selection_label(),
            "total": int(dist["count"].sum()) if not dist.empty else 0,
            "counts": [
                {"id": r.type_id, "label": r.label, "count": int(r.count)} for r in dist.itertuples()
            ],
            "corrected": int(frame["corrected"].sum()),
            "corrections": [
                {
                    "date": r.date.strftime("%d-%m-%Y") if pd.notna(r.date) else "",
                    "activity": r.activity,
                    "suggested": labels.get(r.suggested, r.suggested),
                    "chosen": labels.get(r.org_type, r.org_type),
                }
                for r in corrected.itertuples()
            ],
            "limits": self.limit_texts(),
        }

    def to_dict(self, with_snapshot: bool = True) -> dict[str, Any]:
        state: dict[str, Any] = {
            "version": 1,
            "period": self.period,
            "ministry": self.ministry,
            "person": self.person,
            "search": self.search,
            "corrections": dict(self.corrections),
            "reflection": self.reflection,
            "practice": self.practice,
        }
        if with_snapshot:
            try:
                state["snapshot"] = self.snapshot()
            except AgendaDataError:
                pass
        return state

    @classmethod
    def from_dict(cls, state: dict[str, Any] | None) -> AgendaRegister:
        """Tolerant of missing keys and wrong types (an older or edited workbook)."""
        state = state if isinstance(state, dict) else {}

        def text(key: str) -> str:
            value = state.get(key)
            return value if isinstance(value, str) else ""

        corrections = state.get("corrections")
        if not isinstance(corrections, dict):
            corrections = {}
        corrections = {str(k): v for k, v in corrections.items() if isinstance(v, str)}
        return cls(
            period=text("period") or DEFAULT_PERIOD,
            ministry=text("ministry"),
            person=text("person"),
            corrections=corrections,
            reflection=text("reflection"),
            search=text("search"),
            practice=text("practice"),
        )


def reflection_feedback(text: str) -> str:
    """A response to the reflection: a prompt when empty, an acknowledgement with a
    follow-up question when short, else an acknowledgement (and a note when too long)."""
    kind = dutch.reflection_kind(text)
    message = t(f"agendas.reflection.{kind}")
    if len(str(text or "")) > MAX_REFLECTION:
        message += " " + t("agendas.ui.reflection_too_long", limit=dutch.number(MAX_REFLECTION))
    return message


def is_complete(state: Any) -> bool:
    """Module 6 done, from its saved state alone: a ministry chosen with agenda entries in
    the register, at least one suggestion checked and corrected, and a reflection of a few
    sentences."""
    state = state if isinstance(state, dict) else {}
    register = AgendaRegister.from_dict(state)
    snapshot = state.get("snapshot") if isinstance(state.get("snapshot"), dict) else {}
    try:
        total = int(snapshot.get("total") or 0)
    except (TypeError, ValueError):
        total = 0
    return bool(register.ministry and total and register.corrections
                and dutch.reflection_kind(register.reflection) == "ok")


# ----- chart and export ------------------------------------------------------------------------

BAR_COLOUR = "#0072B2"  # Okabe-Ito blue


def distribution_chart(dist: pd.DataFrame) -> dict:
    """Horizontal bars (Vega-Lite spec): number of contact entries per organisation type (aggregated)."""
    values = records(dist[["label", "count"]]) if not dist.empty else []
    most = max([int(row["count"] or 0) for row in values] + [1])
    encoding = {
        # No label limit: the type names are short enough, and shortening a label to fit
        # costs Vega ~0.1 s of text measuring per render.
        "y": {"field": "label", "type": "nominal", "sort": "-x", "title": None, "axis": {"labelLimit": 0}},
        # room beyond the longest bar for its number, which would otherwise be cut off
        "x": {"field": "count", "type": "quantitative", "title": t("agendas.summary.chart_axis_count"),
              "scale": {"domain": [0, most * 1.15]}},
    }
    return {
        "data": {"values": values},
        "title": t("agendas.summary.chart_axis_type"),
        "width": 300,
        "height": {"step": 22},
        "layer": [
            {"mark": {"type": "bar", "color": BAR_COLOUR}, "encoding": encoding},
            {"mark": {"type": "text", "align": "left", "dx": 3, "color": "#000000"},
             "encoding": {**encoding, "text": {"field": "count", "type": "quantitative"}}},
        ],
    }


def export_blocks(state: dict) -> list[Block]:
    """The learner's register for the Word/Markdown export (from the stored snapshot)."""
    state = state if isinstance(state, dict) else {}
    snap = state.get("snapshot") if isinstance(state.get("snapshot"), dict) else None
    blocks: list[Block] = []
    if not snap:
        blocks.append(Paragraph(t("agendas.export.no_snapshot")))
    else:
        total = snap.get("total") if isinstance(snap.get("total"), int) else 0
        blocks.append(
            Paragraph(
                t("agendas.export.selection", period=str(snap.get("period_label", "")),
                  selection=str(snap.get("selection_label", "")))
            )
        )
        blocks.append(
            Paragraph(t("agendas.export.total", total=dutch.number(total), corrected=dutch.number(int(snap.get("corrected") or 0))))
        )
        counts = [c for c in snap.get("counts") or [] if isinstance(c, dict)]
        if counts:
            blocks.append(
                Table(
                    tlist("agendas.export.table_header"),
                    [
                        (str(c.get("label", "")), int(c.get("count") or 0),
                         _percent(int(c.get("count") or 0), total))
                        for c in sorted(counts, key=lambda c: -int(c.get("count") or 0))
                    ],
                )
            )
        blocks.append(Paragraph(t("common.access_caveat"), italic=True))
        corrections = [c for c in snap.get("corrections") or [] if isinstance(c, dict)]
        if corrections:
            blocks.append(Heading(t("agendas.export.corrections_title", limit=MAX_EXPORT_CORRECTIONS), level=3))
            blocks.append(
                Table(
                    tlist("agendas.export.corrections_header"),
                    [(c.get("date", ""), c.get("activity", ""), c.get("suggested", ""), c.get("chosen", ""))
                     for c in corrections],
                )
            )
        limits = [str(x) for x in snap.get("limits") or []]
        if limits:
            blocks.append(Heading(t("agendas.export.limits_title"), level=3))
            blocks.append(Bullets(limits))
    reflection = state.get("reflection")
    if isinstance(reflection, str) and reflection.strip():
        blocks.append(Heading(t("agendas.export.reflection_title"), level=3))
        blocks.append(Paragraph(reflection))
    practice = state.get("practice")
    if isinstance(practice, str) and practice.strip():
        blocks.append(Heading(t("practice.export_title"), level=3))
        blocks.append(Paragraph(practice))
        blocks.append(Bullets(practice_feedback(practice)))
    blocks.append(Paragraph(t("agendas.ui.source"), italic=True))
    return blocks


_MISSING_WORDS = ("niet", "geen", "ontbre", "mist", "ontbreekt", "nooit", "alleen")
_OFFICIAL_WORDS = ("ambtena", "ambtelijk", "directie", "medewerker", "team", "afdeling")
_TYPE_WORDS = ("bedrijf", "branche", "vakbond", "beroeps", "ngo", "stichting", "burger", "bewoner", "huurder",
               "patiënt", "gemeente", "provincie", "waterschap", "kennis", "onderzoek", "vereniging", "platform",
               "organisatie", "sector", "koepel")


def practice_dossier(modules: dict[str, Any] | None) -> str:
    """The learner's own dossier title (module 5, else the intro), for the prompt."""
    modules = modules if isinstance(modules, dict) else {}
    for module_id, key in (("eigen_dossier", "title"), ("kennismaken", "dossier"), ("drempels", "dossier")):
        state = modules.get(module_id)
        value = state.get(key) if isinstance(state, dict) else None
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:120]
    return ""


def practice_feedback(text: str) -> list[str]:
    """A response to what the learner wrote about their own dossier (Dutch, a few lines).

    It checks three things a good answer has: who would be on the agenda, who would be
    missing, and that officials' own meetings are not in ministers' agendas.
    """
    words = " ".join(str(text or "").split()).casefold()
    if not words:
        return [t("practice.feedback.empty")]
    out = []
    if len(words.split()) < 12:
        out.append(t("practice.feedback.short"))
    if not any(w in words for w in _TYPE_WORDS):
        out.append(t("practice.feedback.no_types"))
    if not any(w in words for w in _MISSING_WORDS):
        out.append(t("practice.feedback.no_missing"))
    if any(w in words for w in _OFFICIAL_WORDS):
        out.append(t("practice.feedback.officials_seen"))
    else:
        out.append(t("practice.feedback.officials"))
    if len(out) == 1:
        out.insert(0, t("practice.feedback.good"))
    out.append(t("practice.feedback.access"))
    return out
