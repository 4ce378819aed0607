"""The shipped agendas of one period, read, scrubbed and prepared once per kernel
(:func:`load_period`), with the suggestions cached on disk.
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

import pandas as pd

from verbinding import privacy
from verbinding.modules.echte_agendas.rules import AgendaDataError, keyword_matcher, load_rules, suggest_types, unknown_type_id
from verbinding.paths import data_home, datasets_dir
from verbinding.texts import t, tlist

PERIODS = ("rutteIV", "rutteIII")
DEFAULT_PERIOD = "rutteIV"
AGENDA_COLUMNS = ("activiteitnaam", "bewindspersoon", "datum", "locatie", "subtitel", "type", "url")
AGENDA_TEXT_COLUMNS = ("activiteitnaam", "subtitel", "locatie")  # free text that may hold contact data
MATCHING_COLUMNS = ("person", "role", "ministry", "start_date", "end_date")


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
