"""Generate the built-in cases (klimaatadaptatie, vergrijzing): seeded, byte-identical on rerun.

    python datasets/generate_cases.py            # rewrite the CSV files next to this script
    python datasets/generate_cases.py --out DIR  # write into DIR/<case>/ instead
    python datasets/generate_cases.py --check    # print the calibration metrics
    python datasets/generate_cases.py --agendas-from DIR
        # also copy the real agendas from DIR (agendas_<period>.csv[.gz], as downloaded from
        # Integrity Watch NL) into echte_agendas/, without personal contact data

Every organisation is INVENTED. Names are built from invented word pairs ("Stichting Groene
Kade", "Vakbond De Zilveren Draad"); any likeness to a real organisation is accidental.

Each case folder holds a hand-written ``case.yaml`` (title, challenge, dimensions, texts);
this script reads the dimensions from it and writes ``organisations.csv``, ``contacts.csv``,
``consultation.csv`` and ``profielen.csv`` (a short invented profile per organisation, so a
learner can judge expertise and draagvlak; see :func:`profiles`). Only the standard library and numpy are used for generating, so
that the output does not depend on the pandas version.

CALIBRATION. The shape of the data follows ``shared/reference/facts.md`` (section
"Published figures on access"); each parameter below names the line it comes from:

[F1] "the top 10% of organisations hold about half of all meetings" (European Commission
     meetings data, computed).
[F2] "Gini of meetings per organisation about 0.55-0.70".
[F3] "about half of organisations appear only once".
[F4] "a core of about 10% of organisations present in every year of a four-year window holds
     about half of the meetings in those years".
[F5] Open State Foundation, Open Lobby (2021): 26.6% of recorded meetings with companies,
     20.5% with business organisations (together 47.1%), 7.8% with NGOs.
[F6] Factsheet / facts.md "Three barriers": an uneven playing field (economic interests far
     better organised than citizen interests) and a persistent, self-reinforcing core of
     insiders; "drietrapsraket": less organising capacity -> hard-to-penetrate core.
[F7] Limited room: "not knowing relevant organisations" -> dimensions on which the frequent
     contacts bring no expertise, while organisations that have it are never consulted.
[F8] Binderkrantz, Christiansen & Pedersen (2015): a minority of groups accounts for about
     two thirds of all access ("privileged pluralism") - a persistent core.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
YEARS = list(range(2015, 2025))  # "about ten years" (issue 3)

TYPES = ["bedrijf", "branche", "vakbond", "beroeps", "ngo", "burgers", "overheid", "kennis"]
BAND_NAMES = ["1-9", "10-49", "50-249", "250+"]
PROVINCES = [
    "Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
    "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
]

# Population shares per type. Business (bedrijf + branche) is 30% of the POPULATION but
# gets 45-50% of the CONTACTS [F5, F6]; citizen groups and NGOs are 34% of the population
# but get under 15% of the contacts [F5: NGOs 7.8%].
POPULATION_SHARE = {
    "bedrijf": 0.21, "branche": 0.09, "vakbond": 0.03, "beroeps": 0.07,
    "ngo": 0.15, "burgers": 0.19, "overheid": 0.13, "kennis": 0.13,
}
# Staff band probabilities per type (1-9, 10-49, 50-249, 250+): organising capacity [F6].
STAFF_BANDS = {
    "bedrijf": [0.25, 0.30, 0.25, 0.20], "branche": [0.10, 0.45, 0.35, 0.10],
    "vakbond": [0.05, 0.25, 0.40, 0.30], "beroeps": [0.40, 0.45, 0.15, 0.00],
    "ngo": [0.45, 0.40, 0.12, 0.03], "burgers": [0.80, 0.17, 0.03, 0.00],
    "overheid": [0.00, 0.15, 0.35, 0.50], "kennis": [0.05, 0.30, 0.40, 0.25],
}
# Access propensity per type (higher = more likely in the insider core). Economic interests
# are better organised [F6] and dominate meetings [F5]. Tuned so that business holds
# 45-50% of all contacts and citizen/NGO groups under 15%.
TYPE_BONUS = {
    "bedrijf": 0.75, "branche": 1.35, "vakbond": 0.6, "beroeps": 0.0,
    "ngo": -0.25, "burgers": -1.1, "overheid": 0.85, "kennis": 0.35,
}
CAPACITY_WEIGHT = 0.45  # "less organising capacity -> less access" (drietrapsraket) [F6]
NOISE_SD = 0.9

# Access classes by rank of propensity, as shares of the ORGANISATIONS THAT HAVE CONTACT.
CONTACTING_SHARE = 0.64  # the rest of the mapped population never had contact [F7]
CORE_SHARE = 0.045  # present every year, many contacts [F4, F8]
PERSISTENT_SHARE = 0.09  # long spans, regular contact, mostly from the start [F4: self-reinforcing]
ONCE_SHARE = 0.50  # exactly one contact [F3]
# Remaining contacting organisations: 2-8 contacts in a short span ("occasional").
CORE_YEARLY = 2.0  # mean extra contacts per year on top of the one every year [F1, F2, F4]
PERSISTENT_YEARLY = 1.0
OCCASIONAL_EXTRA = 1.2  # mean contacts beyond 2
ROUND_TABLE_SHARE = 0.12  # share of links that come from round tables and expert meetings

BILATERAL_FORMATS = [("gesprek", 0.62), ("werkbezoek", 0.18), ("schriftelijke inbreng", 0.20)]
GROUP_FORMATS = [("rondetafel", 0.55), ("expertmeeting", 0.30), ("conferentie", 0.15)]

ADJECTIVES = [
    "Groene", "Zilveren", "Blauwe", "Heldere", "Stille", "Brede", "Lange", "Hoge", "Lage",
    "Ronde", "Oude", "Nieuwe", "Wijde", "Gouden", "Rode", "Witte", "Zachte", "Frisse",
    "Lichte", "Sterke", "Koele", "Warme", "Open", "Vaste", "Vrije", "Trouwe", "Verre",
]
NOUNS = [
    "Kade", "Draad", "Wilg", "Reiger", "Brug", "Haven", "Lantaarn", "Bron", "Poort", "Linde",
    "Berk", "Meeuw", "Otter", "Spreeuw", "Klaver", "Duin", "Beek", "Molen", "Schelp", "Eik",
    "Zwaluw", "Dijk", "Tuin", "Steen", "Roos", "Heide", "Ster", "Golf", "Wind", "Akker",
]
# Adjective stems for one-word firm names ("Blauwkade", "Zilverbron").
STEMS = {
    "Groene": "Groen", "Zilveren": "Zilver", "Blauwe": "Blauw", "Heldere": "Helder",
    "Stille": "Stil", "Brede": "Breed", "Lange": "Lang", "Hoge": "Hoog", "Lage": "Laag",
    "Ronde": "Rond", "Oude": "Oud", "Nieuwe": "Nieuw", "Wijde": "Wijd", "Gouden": "Goud",
    "Rode": "Rood", "Witte": "Wit", "Zachte": "Zacht", "Frisse": "Fris", "Lichte": "Licht",
    "Sterke": "Sterk", "Koele": "Koel", "Warme": "Warm", "Open": "Open", "Vaste": "Vast",
    "Vrije": "Vrij", "Trouwe": "Trouw", "Verre": "Ver",
}
PLACE_HEADS = ["Reiger", "Otter", "Linde", "Berken", "Meeuwen", "Klaver", "Wilgen", "Spreeuwen",
               "Zwaluw", "Lis", "Kade", "Schelpen", "Heide", "Lantaarn", "Bron"]
PLACE_TAILS = ["rade", "zijl", "hoven", "wold", "stede", "lo", "meer", "oord", "veld", "wijk"]


@dataclass
class CaseConfig:
    case_id: str
    seed: int
    population: int
    blind: tuple[str, ...]  # dimensions no frequent contact knows about [F7]
    # Which dimensions each type tends to know about (weights over the case dimensions).
    type_dims: dict[str, dict[str, float]]
    firm_sectors: list[str]
    branch_sectors: list[str]
    professions: list[str]
    citizen_groups: list[str]
    government: list[str]
    knowledge: list[str]
    union_words: list[str]
    topics: dict[str, list[str]]
    consultation_responses: int
    consultation_date: date
    summaries: dict[str, str]
    # The field a name's sector or profession word stands for: the dimensions such an
    # organisation knows about ("Thuiszorg" -> zorg). Names are made coherent with it.
    field_dims: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Words a name may get only when it is made coherent (never drawn by the Namer, so the
    # calibrated tables stay as they are): a union that knows about insurance is a union
    # for financial services.
    extra_words: dict[str, list[str]] = field(default_factory=dict)


KLIMAAT = CaseConfig(
    case_id="klimaatadaptatie",
    seed=20240611,
    population=950,
    blind=("hitte_gezondheid", "betaalbaarheid"),
    type_dims={
        "bedrijf": {"water": 3, "bouwen": 3, "schade": 2, "droogte": 1, "natuur": 0.5},
        "branche": {"bouwen": 3, "schade": 2, "droogte": 2, "water": 2},
        "vakbond": {"bouwen": 2, "schade": 1, "droogte": 1},
        "beroeps": {"bouwen": 2, "natuur": 2, "hitte_gezondheid": 2, "water": 1},
        "ngo": {"natuur": 3, "hitte_gezondheid": 2, "betaalbaarheid": 2, "water": 1},
        "burgers": {"betaalbaarheid": 3, "hitte_gezondheid": 3, "water": 1, "natuur": 1},
        "overheid": {"water": 3, "bouwen": 2, "droogte": 2, "natuur": 1, "schade": 1},
        "kennis": {"water": 2, "droogte": 2, "natuur": 2, "hitte_gezondheid": 1.5, "schade": 1, "betaalbaarheid": 1},
    },
    firm_sectors=["Waterwerken", "Dakgroen", "Grondverzet", "Bouw", "Ingenieurs", "Verzekeringen",
                  "Pompen", "Bestrating", "Akkerbouw", "Tuinbouw", "Projectontwikkeling", "Advies"],
    branch_sectors=["Waterbouw", "Bouw en Infra", "Verzekeraars", "Akkerbouw", "Glastuinbouw",
                    "Projectontwikkelaars", "Groenvoorziening", "Vastgoed"],
    professions=["stedenbouwkundigen", "hoveniers", "huisartsen", "landschapsarchitecten",
                 "bouwkundigen", "wijkverpleegkundigen"],
    citizen_groups=["Bewonersplatform", "Huurdersvereniging", "Buurtcollectief",
                    "Patiëntenvereniging", "Bewonerscomité", "Consumentenplatform"],
    government=["Gemeente", "Waterschap", "Omgevingsdienst", "Veiligheidsregio"],
    knowledge=["Kenniscentrum", "Denktank", "Instituut", "Lectoraat", "Onderzoeksbureau"],
    union_words=["Bouw", "Groen", "Land", "Techniek"],
    topics={
        "water": ["Wateroverlast bij hevige buien", "Dijkversterking en ruimte voor de rivier",
                  "Riolering en afvoer van regenwater"],
        "droogte": ["Zoetwater in droge zomers", "Beregening en grondwater", "Verzilting in de kuststrook"],
        "bouwen": ["Klimaatbestendig bouwen in nieuwe wijken", "Regels voor hittebestendige gebouwen",
                   "Waar bouwen we nog in lage polders"],
        "natuur": ["Meer groen in de stad", "Natuur die water vasthoudt", "Bomen en schaduw op pleinen"],
        "schade": ["Wie betaalt de schade na een overstroming", "Verzekeren van wateroverlast",
                   "Financiering van maatregelen"],
        "hitte_gezondheid": ["Hitteplan voor kwetsbare ouderen", "Hitte in slecht geïsoleerde woningen"],
        "betaalbaarheid": ["Kosten van maatregelen voor huurders", "Hogere lasten voor lage inkomens"],
    },
    consultation_responses=240,
    consultation_date=date(2023, 5, 8),
    summaries={
        "water": "Maak meer ruimte voor water en regel wie de riolering aanpast.",
        "droogte": "Zorg dat er in droge zomers genoeg zoet water is voor boeren en natuur.",
        "bouwen": "Stel duidelijke eisen aan nieuwe wijken en geef bouwers tijd.",
        "natuur": "Meer bomen en groen in de stad helpen tegen hitte en water.",
        "schade": "Maak duidelijk wie de schade betaalt: overheid, verzekeraar of eigenaar.",
        "hitte_gezondheid": "Ouderen en zieken lijden het meest onder hitte; daar zegt het plan weinig over.",
        "betaalbaarheid": "Huurders en mensen met weinig geld kunnen de extra kosten niet dragen.",
    },
    field_dims={
        "Waterwerken": ("water",), "Dakgroen": ("natuur", "hitte_gezondheid"), "Grondverzet": ("bouwen", "water"),
        "Bouw": ("bouwen",), "Ingenieurs": ("water", "bouwen"), "Verzekeringen": ("schade",),
        "Pompen": ("water", "droogte"), "Bestrating": ("bouwen", "water"), "Akkerbouw": ("droogte",),
        "Tuinbouw": ("droogte",), "Projectontwikkeling": ("bouwen",), "Advies": ("water", "bouwen", "schade", "droogte", "natuur"),
        "Waterbouw": ("water",), "Bouw en Infra": ("bouwen", "water"), "Verzekeraars": ("schade",),
        "Glastuinbouw": ("droogte",), "Projectontwikkelaars": ("bouwen",), "Groenvoorziening": ("natuur",),
        "Vastgoed": ("bouwen", "schade"),
        "stedenbouwkundigen": ("bouwen", "natuur", "water"), "hoveniers": ("natuur",),
        "huisartsen": ("hitte_gezondheid",), "landschapsarchitecten": ("natuur", "water"),
        "bouwkundigen": ("bouwen",), "wijkverpleegkundigen": ("hitte_gezondheid",),
        # citizen groups: what the people they speak for live with
        "Bewonersplatform": ("water", "natuur", "hitte_gezondheid"), "Huurdersvereniging": ("betaalbaarheid", "hitte_gezondheid"),
        "Buurtcollectief": ("natuur", "water"), "Patiëntenvereniging": ("hitte_gezondheid",),
        "Bewonerscomité": ("water", "natuur"), "Consumentenplatform": ("betaalbaarheid", "schade"),
        # unions: the sector their members work in ("Bouw" as for firms)
        "Groen": ("natuur", "droogte"), "Land": ("droogte",), "Techniek": ("bouwen", "water"),
        "Financiële Diensten": ("schade",),
        # governments: their task
        "Gemeente": ("water", "droogte", "bouwen", "natuur", "schade", "hitte_gezondheid", "betaalbaarheid"),
        "Waterschap": ("water", "droogte", "natuur"), "Omgevingsdienst": ("bouwen", "natuur"),
        "Veiligheidsregio": ("water", "schade", "hitte_gezondheid"),
    },
    extra_words={"vakbond": ["Financiële Diensten"]},
)

VERGRIJZING = CaseConfig(
    case_id="vergrijzing",
    seed=20240612,
    population=900,
    blind=("mantelzorg", "eenzaamheid"),
    type_dims={
        "bedrijf": {"technologie": 3, "wonen": 2, "zorg": 2, "werk_pensioen": 1.5},
        "branche": {"zorg": 3, "personeel": 3, "wonen": 2, "werk_pensioen": 2, "technologie": 1},
        "vakbond": {"personeel": 3, "werk_pensioen": 3},
        "beroeps": {"zorg": 3, "personeel": 2, "mantelzorg": 1.5, "eenzaamheid": 1},
        "ngo": {"eenzaamheid": 3, "mantelzorg": 2, "wonen": 1, "zorg": 1},
        "burgers": {"mantelzorg": 3, "eenzaamheid": 3, "zorg": 1, "wonen": 1},
        "overheid": {"zorg": 2, "wonen": 3, "personeel": 1, "werk_pensioen": 1},
        "kennis": {"zorg": 2, "technologie": 2, "werk_pensioen": 2, "personeel": 1, "mantelzorg": 1, "eenzaamheid": 1},
    },
    firm_sectors=["Thuiszorg", "Zorgdiensten", "Domotica", "Woningbouw", "Zorgverzekeringen",
                  "Pensioenbeheer", "Hulpmiddelen", "Zorgtechniek", "Uitzendzorg", "Vastgoed"],
    branch_sectors=["Zorgaanbieders", "Thuiszorg", "Woningcorporaties", "Pensioenfondsen",
                    "Zorgverzekeraars", "Zorgtechnologie", "Seniorenwoningbouw"],
    professions=["wijkverpleegkundigen", "ergotherapeuten", "ouderengeneeskundigen",
                 "verzorgenden", "sociaal werkers", "huisartsen"],
    citizen_groups=["Seniorenvereniging", "Mantelzorgkring", "Cliëntenraad", "Patiëntenvereniging",
                    "Ouderenplatform", "Huurdersvereniging"],
    government=["Gemeente", "Regio", "GGD", "Zorgkantoor"],
    knowledge=["Kenniscentrum", "Denktank", "Instituut", "Lectoraat", "Onderzoeksbureau"],
    union_words=["Zorg", "Welzijn", "Senioren", "Techniek"],
    topics={
        "zorg": ["Wijkverpleging en thuiszorg", "Hulp in het huishouden", "Zorg dichtbij huis"],
        "wonen": ["Seniorenwoningen bouwen", "Verhuizen naar een kleinere woning", "Woningaanpassingen"],
        "werk_pensioen": ["Langer doorwerken", "Pensioen en AOW-leeftijd", "Inkomen van ouderen"],
        "personeel": ["Tekort aan zorgpersoneel", "Opleiden van verzorgenden", "Werkdruk in de thuiszorg"],
        "technologie": ["Zorg op afstand", "Slimme hulpmiddelen in huis", "Digitale vaardigheden van ouderen"],
        "mantelzorg": ["Overbelaste mantelzorgers", "Respijtzorg voor mantelzorgers"],
        "eenzaamheid": ["Eenzaamheid onder ouderen", "Meedoen in de buurt"],
    },
    consultation_responses=260,
    consultation_date=date(2023, 9, 18),
    summaries={
        "zorg": "Zorg thuis moet goed geregeld zijn voordat ouderen langer thuis wonen.",
        "wonen": "Er zijn te weinig geschikte woningen voor ouderen.",
        "werk_pensioen": "Langer doorwerken is niet voor iedereen haalbaar.",
        "personeel": "Zonder genoeg zorgpersoneel werkt dit plan niet.",
        "technologie": "Technologie kan helpen, maar niet iedereen kan ermee werken.",
        "mantelzorg": "Mantelzorgers zijn nu al overbelast; het plan vraagt nog meer van hen.",
        "eenzaamheid": "Langer thuis betekent voor veel ouderen ook vaker alleen; daar staat niets over in het plan.",
    },
    field_dims={
        "Thuiszorg": ("zorg", "personeel"), "Zorgdiensten": ("zorg",), "Domotica": ("technologie",),
        "Woningbouw": ("wonen",), "Zorgverzekeringen": ("zorg",), "Pensioenbeheer": ("werk_pensioen",),
        "Hulpmiddelen": ("technologie", "zorg"), "Zorgtechniek": ("technologie",), "Uitzendzorg": ("personeel", "zorg"),
        "Vastgoed": ("wonen",),
        "Zorgaanbieders": ("zorg", "personeel"), "Woningcorporaties": ("wonen",), "Pensioenfondsen": ("werk_pensioen",),
        "Zorgverzekeraars": ("zorg",), "Zorgtechnologie": ("technologie",), "Seniorenwoningbouw": ("wonen",),
        "wijkverpleegkundigen": ("zorg", "personeel"), "ergotherapeuten": ("zorg", "technologie"),
        "ouderengeneeskundigen": ("zorg",), "verzorgenden": ("zorg", "personeel"),
        "sociaal werkers": ("eenzaamheid", "mantelzorg"), "huisartsen": ("zorg",),
        "Seniorenvereniging": ("eenzaamheid", "wonen", "zorg"), "Mantelzorgkring": ("mantelzorg",),
        "Cliëntenraad": ("zorg",), "Patiëntenvereniging": ("zorg",), "Ouderenplatform": ("eenzaamheid", "wonen"),
        "Huurdersvereniging": ("wonen",),
        "Zorg": ("personeel", "werk_pensioen"), "Welzijn": ("personeel", "werk_pensioen"),
        "Senioren": ("werk_pensioen",), "Techniek": ("personeel", "werk_pensioen", "technologie"),
        "Gemeente": ("zorg", "wonen", "werk_pensioen", "personeel", "technologie", "mantelzorg", "eenzaamheid"),
        "Regio": ("zorg", "wonen", "werk_pensioen", "personeel", "technologie", "mantelzorg", "eenzaamheid"),
        "GGD": ("zorg", "eenzaamheid", "mantelzorg"), "Zorgkantoor": ("zorg", "personeel"),
    },
)

CASES = (KLIMAAT, VERGRIJZING)


# ----------------------------------------------------------------------------- helpers

def choice(rng: np.random.Generator, options, weights=None):
    """One option; weights normalised. Returns the option (not an index)."""
    options = list(options)
    if weights is None:
        return options[int(rng.integers(len(options)))]
    p = np.asarray(weights, dtype=float)
    return options[int(rng.choice(len(options), p=p / p.sum()))]


def weekday_in_year(rng: np.random.Generator, year: int) -> date:
    start = date(year, 1, 1)
    while True:
        day = start + timedelta(days=int(rng.integers(0, 365)))
        if day.weekday() < 5 and day.year == year:
            return day


def dims_for(cfg: CaseConfig, rng, type_id: str, allowed: list[str], count: int) -> list[str]:
    weights = {d: w for d, w in cfg.type_dims[type_id].items() if d in allowed}
    if not weights:
        return []
    keys = sorted(weights)
    count = min(count, len(keys))
    p = np.array([weights[k] for k in keys], dtype=float)
    picked = rng.choice(len(keys), size=count, replace=False, p=p / p.sum())
    return sorted(keys[i] for i in picked)


NAME_SEED_OFFSET = 104729
# Types whose invented name says what they work on: a sector, a profession, the people a
# citizen group speaks for, a union's sector, a government's task.
NAMED_FIELDS = {"bedrijf": "firm_sectors", "branche": "branch_sectors", "beroeps": "professions",
                "burgers": "citizen_groups", "vakbond": "union_words", "overheid": "government"}
FIRST_NAMED = ("bedrijf", "branche", "beroeps")


def field_words(cfg: CaseConfig, type_id: str) -> list[str]:
    """The words a name of this type may be built with (the Namer's, then the extra ones)."""
    if type_id not in NAMED_FIELDS:
        return []
    return [*getattr(cfg, NAMED_FIELDS[type_id]), *cfg.extra_words.get(type_id, [])]


def name_field(cfg: CaseConfig, type_id: str, name: str) -> str:
    """The sector or profession word an invented name was built with ('' when none)."""
    options = field_words(cfg, type_id)
    padded = f" {name} "
    return next((o for o in sorted(options, key=len, reverse=True) if f" {o} " in padded), "")


def coherent_names(cfg: CaseConfig, names: list[str], types: list[str], expertise: list[list[str]]) -> list[str]:
    """Names whose sector, profession, group or task fits what the organisation knows about:
    a company called '... Thuiszorg Groep' knows about care at home, a patients' association
    about health, a water board about water. Drawn from their own seed after
    the calibrated tables, so only names change; an organisation whose expertise no field
    word fits keeps its name (a generic field such as 'Advies' fits most)."""
    if not cfg.field_dims:
        return names
    # Firms, branches and professions draw from the first stream (as before citizen groups,
    # unions and governments were named by their field), the later types from their own:
    # names already made coherent stay as they were.
    first = np.random.default_rng(cfg.seed + NAME_SEED_OFFSET)
    later = np.random.default_rng(cfg.seed + NAME_SEED_OFFSET + 1)
    used = set(names)
    out = list(names)
    for i, (name, type_id) in enumerate(zip(names, types)):
        rng = first if type_id in FIRST_NAMED else later
        word = name_field(cfg, type_id, name)
        if not word or set(cfg.field_dims.get(word, ())) & set(expertise[i]):
            continue
        fitting = [o for o in field_words(cfg, type_id) if set(cfg.field_dims.get(o, ())) & set(expertise[i])]
        for option in [fitting[k] for k in rng.permutation(len(fitting))]:
            candidate = f" {name} ".replace(f" {word} ", f" {option} ", 1).strip()
            if candidate not in used:
                used.discard(name)
                used.add(candidate)
                out[i] = candidate
                break
    return out


class Namer:
    """Invented, unique names per type: 'Stichting Groene Kade', 'Blauwkade Waterwerken B.V.'."""

    def __init__(self, cfg: CaseConfig, rng: np.random.Generator):
        self.cfg, self.rng, self.used = cfg, rng, set()
        pairs = [(a, n) for a in ADJECTIVES for n in NOUNS]
        order = rng.permutation(len(pairs))
        self.pairs = [pairs[i] for i in order]
        self.next_pair = 0
        places = [h + t for h in PLACE_HEADS for t in PLACE_TAILS]
        self.places = [places[i] for i in rng.permutation(len(places))]
        self.next_place = 0

    def _pair(self):
        pair = self.pairs[self.next_pair % len(self.pairs)]
        self.next_pair += 1
        return pair

    def _place(self):
        place = self.places[self.next_place % len(self.places)]
        self.next_place += 1
        return place

    def name(self, type_id: str) -> str:
        for _ in range(200):
            candidate = self._candidate(type_id)
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate
        raise RuntimeError("ran out of invented names")

    def _candidate(self, type_id: str) -> str:
        cfg, rng = self.cfg, self.rng
        adjective, noun = self._pair()
        stem = STEMS[adjective]
        if type_id == "bedrijf":
            form = choice(rng, ["B.V.", "Groep", "& Partners", "B.V."])
            return f"{stem}{noun.lower()} {choice(rng, cfg.firm_sectors)} {form}"
        if type_id == "branche":
            head = choice(rng, ["Branchevereniging", "Werkgeversverbond", "Brancheplatform"])
            return f"{head} {choice(rng, cfg.branch_sectors)} De {adjective} {noun}"
        if type_id == "vakbond":
            return f"Vakbond {choice(rng, cfg.union_words)} De {adjective} {noun}"
        if type_id == "beroeps":
            return f"Vereniging van {choice(rng, cfg.professions)} De {adjective} {noun}"
        if type_id == "ngo":
            return f"Stichting {adjective} {noun}"
        if type_id == "burgers":
            return f"{choice(rng, cfg.citizen_groups)} {adjective} {noun}"
        if type_id == "overheid":
            return f"{choice(rng, cfg.government)} {self._place()}"
        if type_id == "kennis":
            return f"{choice(rng, cfg.knowledge)} {adjective} {noun}"
        raise ValueError(type_id)


# ----------------------------------------------------------------------------- generation

def generate(cfg: CaseConfig, dimension_ids: list[str]) -> dict[str, list[list[str]]]:
    """All tables of one case as rows of text (header first)."""
    rng = np.random.default_rng(cfg.seed)
    missing = set(cfg.blind) - set(dimension_ids)
    if missing:
        raise ValueError(f"blind dimensions not in case.yaml: {sorted(missing)}")
    n = cfg.population
    namer = Namer(cfg, rng)

    # 1. The population, in typology order.
    counts = {k: int(round(v * n)) for k, v in POPULATION_SHARE.items()}
    counts["bedrijf"] += n - sum(counts.values())
    types = [t for t in TYPES for _ in range(counts[t])]
    bands = [choice(rng, range(4), STAFF_BANDS[t]) for t in types]
    capacity = []
    for t, band in zip(types, bands):
        base = 1 + band + (0.5 if t in ("branche", "overheid") else 0) - (0.7 if t == "burgers" else 0)
        capacity.append(int(np.clip(round(base + rng.normal(0, 0.6)), 1, 5)))
    regions = [
        "landelijk" if t in ("branche", "vakbond", "beroeps") or (t in ("ngo", "kennis") and rng.random() < 0.5)
        else choice(rng, PROVINCES)
        for t in types
    ]
    names = [namer.name(t) for t in types]

    # 2. Access class by rank of propensity [F6]: type bonus + organising capacity + luck.
    propensity = np.array([TYPE_BONUS[t] + CAPACITY_WEIGHT * c for t, c in zip(types, capacity)])
    propensity = propensity + rng.normal(0, NOISE_SD, n)
    rank = np.argsort(-propensity, kind="stable")
    contacting = int(round(CONTACTING_SHARE * n))
    n_core = int(round(CORE_SHARE * contacting))
    n_persistent = int(round(PERSISTENT_SHARE * contacting))
    n_once = int(round(ONCE_SHARE * contacting))
    n_occasional = contacting - n_core - n_persistent - n_once
    classes = np.array(["never"] * n, dtype=object)
    cursor = 0
    for label, size in (("core", n_core), ("persistent", n_persistent), ("occasional", n_occasional)):
        classes[rank[cursor : cursor + size]] = label
        cursor += size
    # Singletons: the next stretch of the ranking, with some luck mixed in (a one-off meeting
    # can happen to anyone); the remainder never had contact.
    rest = rank[cursor:]
    weights = np.linspace(1.0, 0.15, len(rest))
    once = rng.choice(rest, size=n_once, replace=False, p=weights / weights.sum())
    classes[once] = "once"

    # 3. Contacts per organisation per year. Core: every year [F4]. Persistent: a long span,
    #    mostly starting early, so early access predicts later access [F6, F8]. Occasional:
    #    a short span anywhere. Once: one year.
    per_year: dict[int, dict[int, int]] = {y: {} for y in YEARS}
    for i in range(n):
        kind = classes[i]
        if kind == "core":
            level = rng.lognormal(np.log(CORE_YEARLY), 0.45)
            for y in YEARS:
                per_year[y][i] = 1 + int(rng.poisson(level))
        elif kind == "persistent":
            start = YEARS[0] + int(rng.choice([0, 0, 0, 1, 1, 2, 3, 5]))
            level = rng.lognormal(np.log(PERSISTENT_YEARLY), 0.4)
            for y in range(start, YEARS[-1] + 1):
                k = int(rng.poisson(level))
                if k:
                    per_year[y][i] = k
        elif kind == "occasional":
            total = 2 + int(rng.poisson(OCCASIONAL_EXTRA))
            span = int(rng.integers(1, 4))
            start = YEARS[0] + int(rng.integers(0, len(YEARS) - span + 1))
            for _ in range(total):
                y = start + int(rng.integers(0, span))
                per_year[y][i] = per_year[y].get(i, 0) + 1
        elif kind == "once":
            y = YEARS[int(rng.integers(0, len(YEARS)))]
            per_year[y][i] = per_year[y].get(i, 0) + 1
    totals = np.zeros(n, dtype=int)
    for y in YEARS:
        for i, k in per_year[y].items():
            totals[i] += k

    # 4. Expertise [F7]: frequent contacts (top 15% by contacts, and anyone with 3+ contacts)
    #    never know the blind dimensions; some never-contacted organisations do.
    order = np.argsort(-totals, kind="stable")
    top = set(order[: int(np.ceil(0.15 * max(1, (totals > 0).sum())))].tolist())
    expertise = []
    for i, t in enumerate(types):
        allowed = list(dimension_ids)
        if i in top or totals[i] >= 3:
            allowed = [d for d in allowed if d not in cfg.blind]
        k = 1 + int(rng.random() < 0.55) + int(rng.random() < 0.2)
        dims = dims_for(cfg, rng, t, allowed, k)
        if not dims:
            dims = dims_for(cfg, rng, "kennis", allowed, 1)
        expertise.append(dims)
    never = [i for i in range(n) if totals[i] == 0 and types[i] in ("ngo", "burgers", "beroeps", "kennis")]
    for j, d in enumerate(cfg.blind):
        for i in never[j::len(cfg.blind)][:6]:
            if d not in expertise[i]:
                expertise[i] = sorted(expertise[i] + [d])

    names = coherent_names(cfg, names, types, expertise)
    org_ids = [f"{cfg.case_id[:3].upper()}{i + 1:04d}" for i in range(n)]

    # 5. Contact events: pool the links of each year; some become round tables (several
    #    organisations at once), the rest bilateral meetings.
    contact_rows: list[list[str]] = []
    number = 0
    for y in YEARS:
        pool = [i for i in sorted(per_year[y]) for _ in range(per_year[y][i])]
        pool = [pool[j] for j in rng.permutation(len(pool))]
        events: list[list[int]] = []
        group_links = int(round(ROUND_TABLE_SHARE * len(pool)))
        while group_links > 3 and pool:
            size = int(rng.integers(4, 11))
            members: list[int] = []
            remaining: list[int] = []
            for i in pool:
                if len(members) < size and i not in members:
                    members.append(i)
                else:
                    remaining.append(i)
            pool = remaining
            events.append(members)
            group_links -= len(members)
        events.extend([i] for i in pool)
        dated = sorted(((weekday_in_year(rng, y), idx) for idx, _ in enumerate(events)))
        for day, idx in dated:
            members = sorted(events[idx])
            number += 1
            cid = f"C{y}{number:05d}"
            group = len(members) > 1
            fmt = choice(rng, *zip(*(GROUP_FORMATS if group else BILATERAL_FORMATS)))
            lead = members[0] if not group else members[int(rng.integers(len(members)))]
            dim_pool = expertise[lead] or list(dimension_ids)
            topic_dim = choice(rng, [d for d in dim_pool if d not in cfg.blind] or dim_pool)
            topic = choice(rng, cfg.topics[topic_dim])
            if group or fmt == "werkbezoek":
                initiated = "ministerie"
            else:
                own = 0.6 if classes[lead] == "core" else 0.4
                initiated = "organisatie" if rng.random() < own else "ministerie"
            for i in members:
                contact_rows.append([cid, day.isoformat(), org_ids[i], fmt, topic, initiated])

    organisations = [["id", "naam", "type", "medewerkers", "regio", "organisatiekracht", "expertise"]]
    for i in range(n):
        organisations.append(
            [org_ids[i], names[i], types[i], BAND_NAMES[bands[i]], regions[i], str(capacity[i]), ";".join(expertise[i])]
        )
    contacts = [["contact_id", "datum", "organisatie_id", "vorm", "onderwerp", "initiatief"], *contact_rows]

    # 6. Internet consultation: broader than the contact log. Individual citizens (no id),
    #    and organisations drawn with a lean towards those the log misses.
    consult = [["reactie_id", "datum", "organisatie_id", "naam", "type", "standpunt", "dimensies", "samenvatting"]]
    positions = ["steunt", "steunt met voorwaarden", "kritisch", "tegen"]
    respond_weight = np.array(
        [(2.0 if totals[i] == 0 else 1.0) * (1.5 if types[i] in ("ngo", "burgers", "beroeps") else 1.0) for i in range(n)]
    )
    org_count = int(cfg.consultation_responses * 0.55)
    responders = sorted(rng.choice(n, size=org_count, replace=False, p=respond_weight / respond_weight.sum()).tolist())
    entries: list[tuple[int | None, str]] = [(i, types[i]) for i in responders]
    entries += [(None, "burger_individueel")] * (cfg.consultation_responses - org_count)
    entries = [entries[j] for j in rng.permutation(len(entries))]
    citizen_number = 0
    for k, (i, t) in enumerate(entries, start=1):
        day = cfg.consultation_date + timedelta(days=int(rng.integers(0, 42)))
        if i is None:
            citizen_number += 1
            name = f"Inzender {citizen_number} (particulier, {choice(rng, PROVINCES)})"
            dims = dims_for(cfg, rng, "burgers", list(dimension_ids), 1 + int(rng.random() < 0.4))
            oid = ""
            position = choice(rng, positions, [0.15, 0.3, 0.35, 0.2])
        else:
            name, oid = names[i], org_ids[i]
            dims = sorted(set(expertise[i][:2])) or dims_for(cfg, rng, t, list(dimension_ids), 1)
            position = choice(rng, positions, [0.3, 0.35, 0.25, 0.1])
        summary = " ".join(cfg.summaries[d] for d in dims)
        consult.append([f"R{k:04d}", day.isoformat(), oid, name, t, position, ";".join(dims), summary])
    return {"organisations": organisations, "contacts": contacts, "consultation": consult}


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def dimension_ids(case_dir: Path) -> list[str]:
    raw = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    return [str(d["id"]) for d in raw["dimensies"]]


def write_case(cfg: CaseConfig, out_root: Path, yaml_root: Path = HERE) -> list[Path]:
    dims = dimension_ids(yaml_root / cfg.case_id)
    tables = generate(cfg, dims)
    tables["profielen"] = profiles(cfg, dims, tables)
    folder = out_root / cfg.case_id
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables.items():
        path = folder / f"{name}.csv"
        path.write_bytes(to_csv(rows))
        written.append(path)
    return written


# ----------------------------------------------------------------------------- profiles

# Profiles are drawn AFTER the tables above, from their own seed, so they never change the
# calibrated tables. They are consistent with them: a dimension in the organisation's
# ``expertise`` column has level 2-3 ("redelijk"/"veel"), any other dimension 0-1, so the
# blind dimensions of the frequent contacts [F7] stay blind; an organisation that answered
# the consultation has the same position (standpunt) in its profile. Positions of the other
# organisations are invented (no published figure); the weights only make citizen groups a
# little more critical than governments, so that a learner's guess can be wrong.
PROFILE_SEED_OFFSET = 7919
POSITIONS = ["steunt", "steunt met voorwaarden", "kritisch", "tegen"]
POSITION_WEIGHTS = {
    "bedrijf": [0.25, 0.40, 0.25, 0.10], "branche": [0.15, 0.45, 0.30, 0.10],
    "vakbond": [0.15, 0.35, 0.35, 0.15], "beroeps": [0.30, 0.40, 0.20, 0.10],
    "ngo": [0.30, 0.30, 0.30, 0.10], "burgers": [0.15, 0.30, 0.35, 0.20],
    "overheid": [0.35, 0.40, 0.20, 0.05], "kennis": [0.30, 0.40, 0.25, 0.05],
}
# What a citizen group's name says about whom it speaks for.
CITIZEN_MEMBERS = {
    "Bewonersplatform": "bewoners van een wijk", "Bewonerscomité": "bewoners van een buurt",
    "Buurtcollectief": "bewoners van een buurt", "Huurdersvereniging": "huurders",
    "Patiëntenvereniging": "patiënten en hun naasten", "Consumentenplatform": "consumenten",
    "Seniorenvereniging": "ouderen", "Mantelzorgkring": "mantelzorgers",
    "Cliëntenraad": "cliënten van een zorgaanbieder", "Ouderenplatform": "ouderen",
}
GOVERNMENT_WORK = {
    "Gemeente": "Een gemeente: voert beleid uit dicht bij de inwoners.",
    "Waterschap": "Een waterschap: zorgt voor dijken, waterpeil en schoon water in de regio.",
    "Omgevingsdienst": "Een omgevingsdienst: geeft vergunningen en houdt toezicht voor gemeenten en provincie.",
    "Veiligheidsregio": "Een veiligheidsregio: bereidt de regio voor op rampen en crises.",
    "Regio": "Een samenwerking van gemeenten in de regio.",
    "GGD": "Een GGD: werkt aan de gezondheid van alle inwoners in de regio.",
    "Zorgkantoor": "Een zorgkantoor: koopt langdurige zorg in voor de inwoners van de regio.",
}
KNOWLEDGE_WORK = {
    "Kenniscentrum": "Een kenniscentrum", "Denktank": "Een denktank", "Instituut": "Een onderzoeksinstituut",
    "Lectoraat": "Een lectoraat van een hogeschool", "Onderzoeksbureau": "Een onderzoeksbureau",
}
PROFILE_HEADER = ["id", "werk", "achterban", "kennis", "standpunt", "toelichting"]


def _named(name: str, options: list[str]) -> str:
    """The word from ``options`` that the invented name was built with (longest first)."""
    padded = f" {name} "
    return next((o for o in sorted(options, key=len, reverse=True) if f" {o} " in padded), "")


def _work_and_members(cfg: CaseConfig, type_id: str, name: str, region: str, dims: list[str],
                      dim_names: dict[str, str]) -> tuple[str, str]:
    first = dim_names[dims[0]].lower() if dims else "dit beleidsveld"
    where = "in heel Nederland" if region == "landelijk" else f"in {region}"
    if type_id == "bedrijf":
        sector = _named(name, cfg.firm_sectors).lower() or "dit beleidsveld"
        return (f"Een bedrijf (vakgebied: {sector}). Verkoopt diensten en producten, vooral op het gebied van {first}.",
                "Geen achterban: het bedrijf spreekt voor zichzelf en zijn eigenaren.")
    if type_id == "branche":
        sector = _named(name, cfg.branch_sectors) or "dit beleidsveld"
        return (f"Een brancheorganisatie voor {sector.lower()}. Praat namens de sector mee over regels en geld.",
                f"Bedrijven in de sector {sector.lower()}, {where}.")
    if type_id == "vakbond":
        word = _named(name, field_words(cfg, type_id)).lower() or "deze sector"
        if word == "senioren":  # a union of (nearly) retired workers, not of a sector
            return ("Een vakbond voor oudere werknemers en gepensioneerden. Komt op voor hun pensioen en inkomen.",
                    f"Oudere werknemers en gepensioneerden die lid zijn, {where}.")
        return (f"Een vakbond. Komt op voor loon, werkdruk en veilig werk in de sector {word}.",
                f"Werknemers in de sector {word} die lid zijn, {where}.")
    if type_id == "beroeps":
        job = _named(name, cfg.professions) or "vakmensen"
        return (f"Een beroepsvereniging. Deelt kennis uit de praktijk van {job} en zegt wat het vak nodig heeft.",
                f"{job[:1].upper()}{job[1:]} die lid zijn, {where}.")
    if type_id == "ngo":
        return (f"Een maatschappelijke organisatie (stichting) met vrijwilligers en donateurs. Zet zich vooral in "
                f"op het gebied van {first}.",
                f"Donateurs, vrijwilligers en de mensen voor wie de stichting opkomt, {where}.")
    if type_id == "burgers":
        group = _named(name, cfg.citizen_groups)
        members = CITIZEN_MEMBERS.get(group, "inwoners")
        return (f"Een groep {members} die samen opkomt voor hun belangen. Werkt bijna alleen met vrijwilligers.",
                f"{members[:1].upper()}{members[1:]}, {where}.")
    if type_id == "overheid":
        kind = _named(name, cfg.government)
        return (GOVERNMENT_WORK.get(kind, "Een mede-overheid in de regio."),
                f"De inwoners van het eigen gebied, {where}.")
    if type_id == "kennis":
        kind = _named(name, cfg.knowledge)
        return (f"{KNOWLEDGE_WORK.get(kind, 'Een kennisinstelling')}. Doet onderzoek naar {first}.",
                "Geen achterban: spreekt op grond van eigen onderzoek.")
    raise ValueError(type_id)


def profiles(cfg: CaseConfig, dimension_ids: list[str], tables: dict[str, list[list[str]]],
             yaml_root: Path = HERE) -> list[list[str]]:
    """A short invented profile per organisation, consistent with the generated tables."""
    rng = np.random.default_rng(cfg.seed + PROFILE_SEED_OFFSET)
    raw = yaml.safe_load((yaml_root / cfg.case_id / "case.yaml").read_text(encoding="utf-8"))
    dim_names = {str(d["id"]): str(d["naam"]) for d in raw["dimensies"]}
    answered = {row[2]: row[5] for row in tables["consultation"][1:] if row[2]}
    rows = [PROFILE_HEADER]
    for org_id, name, type_id, _band, region, _capacity, expertise in tables["organisations"][1:]:
        dims = [d for d in expertise.split(";") if d]
        levels = []
        for d in dimension_ids:
            weight = cfg.type_dims[type_id].get(d, 0)
            if d in dims:
                level = 3 if weight >= 2 and rng.random() < 0.6 else 2
            elif weight > 0 and d not in cfg.blind and rng.random() < 0.5:
                level = 1  # some knowledge, not enough to rely on
            else:
                level = 0
            if level:
                levels.append(f"{d}={level}")
        position = answered.get(org_id) or choice(rng, POSITIONS, POSITION_WEIGHTS[type_id])
        # the field in the name leads: a home-care company works on, and asks about, care at home
        word = name_field(cfg, type_id, name) if type_id in NAMED_FIELDS else ""
        led = [d for d in dims if d in cfg.field_dims.get(word, ())] + [d for d in dims if d not in cfg.field_dims.get(word, ())]
        work, members = _work_and_members(cfg, type_id, name, region, led, dim_names)
        explanation = cfg.summaries[led[0]] if led else ""
        rows.append([org_id, work, members, ";".join(levels), position, explanation])
    return rows


# ----------------------------------------------------------------------------- datapackage

ID_LIST = "^$|^[A-Za-z0-9_-]+(;[A-Za-z0-9_-]+)*$"
ALL_TYPES = [*TYPES, "burger_individueel"]


def _table_schemas(list_ids_in_contacts: bool) -> dict[str, dict]:
    organisations = {
        "fields": [
            {"name": "id", "type": "string", "title": "Id van de organisatie",
             "constraints": {"required": True, "unique": True, "pattern": "^[A-Za-z0-9_-]+$"}},
            {"name": "naam", "type": "string", "title": "Naam (verzonnen in de ingebouwde casussen)",
             "constraints": {"required": True}},
            {"name": "type", "type": "string", "title": "Type organisatie (typologie)",
             "constraints": {"required": True, "enum": TYPES}},
            {"name": "medewerkers", "type": "string", "title": "Aantal medewerkers (klasse)",
             "constraints": {"enum": BAND_NAMES}},
            {"name": "regio", "type": "string", "title": "Provincie of 'landelijk'"},
            {"name": "organisatiekracht", "type": "integer",
             "title": "Organisatiekracht: 1 (weinig mensen en geld) tot 5 (veel)",
             "constraints": {"minimum": 1, "maximum": 5}},
            {"name": "expertise", "type": "string",
             "title": "Dimensies waarover de organisatie kennis heeft: id's uit case.yaml, gescheiden door ;",
             "constraints": {"pattern": ID_LIST}},
        ],
        "primaryKey": ["id"],
    }
    contacts = {
        "fields": [
            {"name": "contact_id", "type": "string", "title": "Id van het contact (gelijk voor alle deelnemers)",
             "constraints": {"required": True}},
            {"name": "datum", "type": "date", "title": "Datum van het contact", "constraints": {"required": True}},
            {"name": "organisatie_id", "type": "string",
             "title": "Id van de organisatie (uit organisations.csv)"
             + ("; meerdere id's in één cel gescheiden door ;" if list_ids_in_contacts else ""),
             "constraints": {"required": True, "pattern": ID_LIST if list_ids_in_contacts else "^[A-Za-z0-9_-]+$"}},
            {"name": "vorm", "type": "string", "title": "Vorm van het contact",
             "constraints": {"enum": [f for f, _ in BILATERAL_FORMATS + GROUP_FORMATS]}},
            {"name": "onderwerp", "type": "string", "title": "Onderwerp"},
            {"name": "initiatief", "type": "string", "title": "Wie nam het initiatief",
             "constraints": {"enum": ["ministerie", "organisatie"]}},
        ],
        "primaryKey": ["contact_id", "organisatie_id"],
    }
    consultation = {
        "fields": [
            {"name": "reactie_id", "type": "string", "title": "Id van de reactie",
             "constraints": {"required": True, "unique": True}},
            {"name": "datum", "type": "date", "title": "Datum van de reactie"},
            {"name": "organisatie_id", "type": "string",
             "title": "Id van de organisatie; leeg bij een individuele burger"},
            {"name": "naam", "type": "string", "title": "Naam van de inzender", "constraints": {"required": True}},
            {"name": "type", "type": "string", "title": "Type inzender", "constraints": {"enum": ALL_TYPES}},
            {"name": "standpunt", "type": "string", "title": "Standpunt over het voorstel",
             "constraints": {"enum": ["steunt", "steunt met voorwaarden", "kritisch", "tegen"]}},
            {"name": "dimensies", "type": "string", "title": "Dimensies die de inzender noemt, gescheiden door ;",
             "constraints": {"pattern": ID_LIST}},
            {"name": "samenvatting", "type": "string", "title": "Korte samenvatting van de reactie"},
        ],
        "missingValues": [""],
        "primaryKey": ["reactie_id"],
    }
    return {"organisations": organisations, "contacts": contacts, "consultation": consultation}


KNOWLEDGE_LIST = "^$|^[A-Za-z0-9_-]+=[0-3](;[A-Za-z0-9_-]+=[0-3])*$"


def _profile_schema(folder: str) -> dict:
    """profielen.csv: optional; read by verbinding.profiles (module 2 shows it)."""
    return {
        "fields": [
            {"name": "id", "type": "string", "title": "Id van de organisatie (uit organisations.csv)",
             "constraints": {"required": True, "unique": True}},
            {"name": "werk", "type": "string", "title": "Wat de organisatie doet (verzonnen)",
             "constraints": {"required": True}},
            {"name": "achterban", "type": "string", "title": "Wie de organisatie vertegenwoordigt",
             "constraints": {"required": True}},
            {"name": "kennis", "type": "string",
             "title": "Kennis per dimensie: id=niveau (0 geen, 1 beperkt, 2 redelijk, 3 veel), gescheiden door ;. "
                      "Een dimensie die er niet staat: niveau 0",
             "constraints": {"pattern": KNOWLEDGE_LIST}},
            {"name": "standpunt", "type": "string", "title": "Bekend standpunt over het beleidsvoorstel",
             "constraints": {"enum": ["steunt", "steunt met voorwaarden", "kritisch", "tegen"]}},
            {"name": "toelichting", "type": "string", "title": "Wat de organisatie vooral vraagt"},
        ],
        "missingValues": [""],
        "primaryKey": ["id"],
        "foreignKeys": [{"fields": "id", "reference": {"resource": f"{folder}-organisations", "fields": "id"}}],
    }


CC0 = [{"name": "CC0-1.0", "title": "Creative Commons CCZero 1.0"}]
AGENDA_SOURCES = [
    {"title": "Integrity Watch NL (Transparency International Nederland)",
     "path": "https://github.com/gchiara/integritywatch-nl"},
    {"title": "Openbare agenda's van bewindspersonen op rijksoverheid.nl", "path": "https://www.rijksoverheid.nl/"},
]
AGENDA_TYPES = [
    "Agenda", "Bestuurlijk overleg", "Evenement", "Gesprek", "Handelsmissie", "Internationale bijeenkomst",
    "Kamervergadering", "Ministerraad, onderraad, ministerieel overleg", "Ontvangst", "Werkbezoek",
]
AGENDA_NOTE = (
    "Kopie van openbare gegevens; alleen telefoonnummers, e-mailadressen en de zinnen met de naam van een "
    "contactpersoon zijn weggelaten (zie echte_agendas/README.md). De bron noemt geen "
    "licentie: noem Integrity Watch NL / Transparency International Nederland en rijksoverheid.nl als bron."
)


def _agenda_resources() -> list[dict]:
    """The ministers' public agendas in echte_agendas/ (copied, not generated; module 6)."""
    agendas = {
        "fields": [
            {"name": "activiteitnaam", "type": "string", "title": "Naam van de activiteit, zoals in de agenda",
             "constraints": {"required": True}},
            {"name": "bewindspersoon", "type": "string",
             "title": "Bewindspersoon of bewindspersonen, gescheiden door komma's; soms leeg"},
            {"name": "datum", "type": "date", "format": "%Y-%m-%d", "title": "Datum van de activiteit",
             "constraints": {"required": True}},
            {"name": "locatie", "type": "string", "title": "Plaats, of 'via communicatietechnologie'"},
            {"name": "subtitel", "type": "string", "title": "Toelichting bij de activiteit; vaak leeg"},
            {"name": "type", "type": "string",
             "title": "Soort activiteit volgens rijksoverheid.nl; 'NA' (ontbreekt) als de bron geen soort geeft",
             "constraints": {"enum": AGENDA_TYPES}},
            {"name": "url", "type": "string", "title": "Adres van de agendapagina op rijksoverheid.nl, zonder domein",
             "constraints": {"required": True, "unique": True, "pattern": "^/actueel/agenda/.+$"}},
        ],
        "missingValues": ["", "NA"],
        "primaryKey": ["url"],
    }
    matching = {
        "fields": [
            {"name": "person", "type": "string", "title": "Naam van de bewindspersoon", "constraints": {"required": True}},
            {"name": "role", "type": "string", "title": "Functie",
             "constraints": {"required": True, "enum": ["Minister", "Staatssecretaris"]}},
            {"name": "ministry", "type": "string",
             "title": "Ministerie, soms een portefeuille (zoals Klimaat en Energie)", "constraints": {"required": True}},
            {"name": "start_date", "type": "date", "format": "%d-%m-%Y", "title": "Begin van de functie",
             "constraints": {"required": True}},
            {"name": "end_date", "type": "date", "format": "%d-%m-%Y",
             "title": "Einde van de functie; 'Present' (ontbreekt): nog in functie toen de bron werd gemaakt"},
        ],
        "missingValues": ["", "Present"],
        "primaryKey": ["person", "start_date"],
    }
    additions = {
        "fields": [
            {"name": "period", "type": "string", "title": "Kabinet", "constraints": {"required": True, "enum": ["rutteIII", "rutteIV"]}},
            {"name": "person", "type": "string", "title": "Naam zoals in de agenda's", "constraints": {"required": True}},
            {"name": "same_as", "type": "string", "title": "Dezelfde persoon, gespeld zoals in de koppeltabel; leeg als niet nodig"},
            {"name": "role", "type": "string", "title": "Functie; leeg als same_as is ingevuld",
             "constraints": {"enum": ["Minister", "Staatssecretaris"]}},
            {"name": "ministry", "type": "string", "title": "Ministerie; leeg als same_as is ingevuld"},
            {"name": "toelichting", "type": "string", "title": "Waarom deze aanvulling nodig is", "constraints": {"required": True}},
        ],
        "primaryKey": ["period", "person"],
    }
    resources = []
    for period, title in (("rutteIII", "Rutte III"), ("rutteIV", "Rutte IV")):
        resources.append({
            "name": f"echte-agendas-{period.lower()}",
            "path": f"echte_agendas/agendas_{period}.csv.gz",
            "title": f"Openbare agenda's van bewindspersonen, kabinet {title}",
            "description": AGENDA_NOTE,
            "profile": "tabular-data-resource",
            "format": "csv",
            "compression": "gz",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "header": True},
            "sources": AGENDA_SOURCES,
            "schema": json_copy(agendas),
        })
    for period, title in (("rutteIII", "Rutte III"), ("rutteIV", "Rutte IV")):
        resources.append({
            "name": f"echte-agendas-bewindspersonen-{period.lower()}",
            "path": f"echte_agendas/agendas_ministries_matching_{period}.csv",
            "title": f"Koppeltabel bewindspersoon - ministerie, kabinet {title}",
            "description": AGENDA_NOTE,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "header": True},
            "sources": AGENDA_SOURCES,
            "schema": json_copy(matching),
        })
    resources.append({
        "name": "echte-agendas-aanvullingen",
        "path": "echte_agendas/aanvullingen_bewindspersonen.csv",
        "title": "Aanvullingen op de koppeltabellen (door de cursus gemaakt)",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True},
        "licenses": CC0,
        "schema": additions,
    })
    return resources


def datapackage() -> dict:
    """The Frictionless Data Package descriptor for every shipped table (datasets/datapackage.json).

    Licences are given per resource: the generated cases are CC0; the copied agendas carry
    no licence from their source (they name their sources instead).
    """
    resources = []
    folders = [(cfg.case_id, ",", "%Y-%m-%d", False) for cfg in CASES]
    folders.append(("voorbeeld-eigen-casus", ";", "%d-%m-%Y", True))
    for folder, delimiter, date_format, list_ids in folders:
        schemas = _table_schemas(list_ids)
        for table in ("organisations", "contacts", "consultation"):
            schema = json_copy(schemas[table])
            for f in schema["fields"]:
                if f["type"] == "date":
                    f["format"] = date_format
            if table == "contacts" and not list_ids:
                schema["foreignKeys"] = [{"fields": "organisatie_id",
                                          "reference": {"resource": f"{folder}-organisations", "fields": "id"}}]
            if table == "consultation":
                schema["foreignKeys"] = [{"fields": "organisatie_id",
                                          "reference": {"resource": f"{folder}-organisations", "fields": "id"}}]
            resources.append({
                "name": f"{folder}-{table}",
                "path": f"{folder}/{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": delimiter, "header": True},
                "licenses": CC0,
                "schema": schema,
            })
    for cfg in CASES:
        resources.append({
            "name": f"{cfg.case_id}-profielen",
            "path": f"{cfg.case_id}/profielen.csv",
            "title": "Korte profielen van de (verzonnen) organisaties, voor module 2",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "header": True},
            "licenses": CC0,
            "schema": _profile_schema(cfg.case_id),
        })
    resources.extend(_agenda_resources())
    return {
        "profile": "tabular-data-package",
        "name": "verbinding-casussen",
        "title": "Casussen voor de cursus verbindend leiderschap",
        "description": (
            "Ingebouwde oefencasussen (klimaatadaptatie, vergrijzing) en een voorbeeld voor een "
            "eigen casus. Alle organisaties zijn verzonnen. Gemaakt met datasets/generate_cases.py; "
            "zie datasets/README.md. Daarnaast een kopie van echte openbare agenda's van "
            "bewindspersonen (echte_agendas/, module 6; zie echte_agendas/README.md)."
        ),
        "resources": resources,
    }


def json_copy(value):
    return json.loads(json.dumps(value))


AGENDA_PERIODS = ("rutteIII", "rutteIV")
AGENDA_TEXT_COLUMNS = ("activiteitnaam", "subtitel", "locatie")


def write_agendas(source: Path, out: Path) -> list[Path]:
    """Copy the real agendas from ``source`` into ``out/echte_agendas/``, stripped of personal
    contact data (phone numbers, e-mail addresses and the sentences that name the press
    officer who can be called; see ``verbinding.privacy``). Byte-identical on rerun (gzip
    without a time stamp)."""
    import gzip

    try:
        from verbinding import privacy
    except ImportError:  # run from a checkout without the package installed
        sys.path.insert(0, str(HERE.parent / "widgets"))
        from verbinding import privacy
    written = []
    for period in AGENDA_PERIODS:
        candidates = [source / f"agendas_{period}.csv", source / f"agendas_{period}.csv.gz"]
        path = next((c for c in candidates if c.exists()), None)
        if path is None:
            raise SystemExit(f"missing agendas_{period}.csv(.gz) in {source}")
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = list(reader.fieldnames or [])
            rows, changed = privacy.scrub_rows(reader, AGENDA_TEXT_COLUMNS)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        target = out / "echte_agendas" / f"agendas_{period}.csv.gz"
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
            gz.write(buffer.getvalue().encode("utf-8"))
        print(f"{target}: {changed} contact texts removed", file=sys.stderr)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write <case>/ into")
    parser.add_argument("--agendas-from", type=Path, default=None,
                        help="folder with the downloaded agendas_<period>.csv(.gz) to copy without contact data")
    args = parser.parse_args(argv)
    if args.agendas_from is not None:
        for path in write_agendas(args.agendas_from, args.out):
            print(path)
    for cfg in CASES:
        for path in write_case(cfg, args.out):
            print(path)
    descriptor = args.out / "datapackage.json"
    descriptor.write_text(json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(descriptor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
