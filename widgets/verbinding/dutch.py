"""Small helpers for generated Dutch: counts with the right plural, lists, numbers.

Generated sentences are built from these instead of templates with "(en)":

>>> count(1, "organisatie", "organisaties")
'1 organisatie'
>>> count(3, "voorstel", "voorstellen")
'3 voorstellen'
>>> join(["Aqua", "Bouw", "Zorg"])
'Aqua, Bouw en Zorg'
>>> join(["Aqua", "Bouw"], "of")
'Aqua of Bouw'
>>> number(12345.678, 1)
'12.345,7'
>>> percent(0.4567)
'46%'
>>> percent_of(3, 8)
'38%'
>>> shorten("Groene daken op elk dak", 13)
'Groene daken…'
>>> tidy("Gesproken met Aqua B.V..")
'Gesproken met Aqua B.V.'
>>> date_time("2026-12-01T13:05:00+00:00")
'1 december 2026, 14:05'
>>> capital(part_of(1, 2, "oordeel", "oordelen", "ligt", "liggen"))
'1 van de 2 oordelen ligt'
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from datetime import date as _date
from datetime import datetime

try:  # Dutch learners: Dutch time, also on a server that runs on UTC
    from zoneinfo import ZoneInfo

    LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
except Exception:  # pragma: no cover - no tz database
    LOCAL_ZONE = None

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")

_DOUBLE_STOP = re.compile(r"(?<![.])\.\.(?![.])")


def plural(n: int, singular: str, plural_form: str) -> str:
    """The word that goes with ``n`` (1 takes the singular, 0 and 2+ the plural)."""
    return singular if n == 1 else plural_form


def count(n: int, singular: str, plural_form: str) -> str:
    """``n`` followed by the right form: '1 partij', '0 partijen', '2.000 partijen'."""
    return f"{number(n)} {plural(n, singular, plural_form)}"


def part_of(k: int, n: int, singular: str, plural_form: str, verb_one: str = "",
            verb_many: str = "", *, verb_none: str = "", only: str = "je enige") -> str:
    """'k van de n <noun> <verb>' in natural Dutch, with the verb agreeing:

    - ``0`` of ``n``: 'geen van de 3 voorstellen kreeg' ('geen voorstel kreeg' when n <= 1);
    - ``1`` of ``n``: '1 van de 3 voorstellen kreeg' (the verb agrees with the one);
    - all of them: 'alle 7 dimensies', 'beide voorstellen kregen', 'je enige voorstel kreeg';
    - otherwise: '2 van de 3 voorstellen kregen'.

    ``verb_none`` is the verb for none of only one ('je enige voorstel kreeg geen gehoor');
    without it that case reads 'geen voorstel kreeg ...'.
    ``verb_one``/``verb_many`` may be left empty for a noun phrase ('bij alle 7 dimensies').
    The result starts in lower case; :func:`capital` it at the start of a sentence.
    """
    k, n = max(0, int(k)), max(0, int(n))
    k = min(k, n)
    if k == 0 and n == 1 and verb_none:
        return f"{only or 'het enige'} {singular} {verb_none}"
    if k == 0:
        phrase = f"geen {singular}" if n <= 1 else f"geen van de {number(n)} {plural_form}"
    elif k == n == 1:
        phrase = f"{only} {singular}" if only else f"1 {singular}"
    elif k == n == 2:
        phrase = f"beide {plural_form}"
    elif k == n:
        phrase = f"alle {number(n)} {plural_form}"
    else:
        phrase = f"{number(k)} van de {number(n)} {plural_form}"
    verb = verb_one if (k <= 1 or n <= 1) else verb_many
    return f"{phrase} {verb}" if verb else phrase


def capital(text: str) -> str:
    """A generated sentence starts with a capital: only the first character changes, so a
    name the learner typed keeps its own spelling ('ggd gekoppeld' -> 'Ggd gekoppeld')."""
    text = str(text or "")
    return text[:1].upper() + text[1:]


def join(items: Iterable[str], last: str = "en") -> str:
    """'a', 'a en b', 'a, b en c' (``last`` may be 'of')."""
    names = [str(item) for item in items if str(item)]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def some(items: Iterable[str], limit: int = 3) -> str:
    """At most ``limit`` names, then how many more: 'a, b en c', 'a, b, c en nog 2' (never
    'en nog 1': one more name is as short as saying so).

    >>> some(["Aqua", "Bouw", "Zorg", "Wonen", "Natuur"])
    'Aqua, Bouw, Zorg en nog 2'
    >>> some(["Aqua", "Bouw", "Zorg", "Wonen"])
    'Aqua, Bouw, Zorg en Wonen'
    """
    names = [str(item) for item in items if str(item)]
    if len(names) <= limit + 1:
        return join(names)
    return f"{', '.join(names[:limit])} en nog {number(len(names) - limit)}"


def number(value: float, decimals: int = 0) -> str:
    """A Dutch number: '.' between thousands, ',' before decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(share: float, decimals: int = 0) -> str:
    """A share 0..1 as a Dutch percentage: 0.4567 -> '46%', decimals=1 -> '45,7%'."""
    return f"{number(share * 100, decimals)}%"


def percent_of(part: float, whole: float, decimals: int = 0) -> str:
    """``part`` of ``whole`` as a Dutch percentage, '0%' of nothing: (3, 8) -> '38%'.

    Computed as ``100 * part / whole`` (not ``part / whole * 100``), so a share that is
    exactly half a percent rounds the way ``round(100 * part / whole)`` does."""
    return f"{number(100 * part / whole, decimals)}%" if whole else percent(0, decimals)


def shorten(text: str, limit: int = 80) -> str:
    """One line (spaces and line breaks folded) of at most ``limit`` characters, cut with
    '…' when longer."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tidy(text: str) -> str:
    """A sentence whose last word ends in its own full stop ('B.V.', 'e.a.') gets no
    second one: 'Aqua B.V..' -> 'Aqua B.V.' (an ellipsis '...' stays)."""
    return _DOUBLE_STOP.sub(".", text)


MIN_REFLECTION_WORDS = 12


def reflection_kind(text: str, min_words: int = MIN_REFLECTION_WORDS) -> str:
    """How far a learner's reflection is: 'empty', 'short' (fewer than ``min_words``
    words) or 'ok'. Each module answers each kind in its own words."""
    words = len(str(text or "").split())
    return "empty" if not words else ("short" if words < min_words else "ok")
_WORD = re.compile(r"\w+")
# the end of a sentence, or the start of a line or list item ('- Bellen met ...')
_SENTENCE_END = re.compile(r"([.!?:;]|(^|\n)[\s*•-]*)\s*$")


def is_acronym(word: str) -> bool:
    """'LTO', 'IPO', 'VNG', 'NS': two to six capitals (a digit may follow)."""
    letters = word.rstrip(string.digits)
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def proper_names(text: str) -> list[str]:
    """The words of ``text`` that look like a name: an acronym ('LTO'), or a capitalised word
    that does not start a sentence ('met Natuurmonumenten', 'Bouwend Nederland')."""
    text = str(text or "")
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        before = text[:match.start()]
        starts_sentence = not before.strip() or bool(_SENTENCE_END.search(before))
        if is_acronym(word) or (word[:1].isupper() and len(word) >= 3 and not word.isupper() and not starts_sentence):
            found.append(word)
    return found


# Words that name people or organisations in plain Dutch ('dorpsraden', 'iedereen die ...',
# 'PAS-melders'): whole words, beginnings ('collega's', 'teamleider') and endings of compounds
# ('huurdersbond', 'melkveeboeren'). Plurals of doers ('melders', 'insprekers') count too,
# except the words in _NOT_PEOPLE.
_PEOPLE_WORDS = frozenset({
    "iedereen", "anderen", "mensen", "ouders", "buren", "leden", "achterban", "directie", "overheid",
    "overheden", "politiek", "politici", "rijk", "kamer", "mt", "bedrijfsleven",
})
_PEOPLE_STARTS = (
    "collega", "leidinggevende", "manager", "teamleider", "team", "directeur", "wethouder", "minister",
    "staatssecretaris", "gedeputeerde", "burgemeester", "bestuurder", "raadsl", "kamerl", "afdeling",
    "organisatie", "partner", "stakeholder", "belanghebbende", "betrokkene", "vereniging", "stichting",
    "gemeente", "provincie", "waterschap", "ministerie", "bedrijf", "bedrijven", "ondernemer", "boer",
    "bewoner", "burger", "inwoner", "huurder", "jongere", "oudere", "kinderen", "leerling", "student",
    "docent", "vrijwilliger", "deskundige", "expert", "specialist", "wetenschapper", "onderzoeker",
    "ambtena", "adviseur", "projectleider", "voorzitter", "secretaris", "coördinator", "opdrachtgever",
    "journalist", "lobbyist", "ngo", "vakbond", "school", "scholen", "universiteit", "hogeschool",
    "instelling", "instantie", "sector", "branche", "koepel", "agrariër", "omwonende", "klant",
    "patiënt", "cliënt", "deelnemer", "gesprekspartner", "zorgverlener", "werkgever", "werknemer",
)
_PEOPLE_ENDINGS = (
    "raad", "raden", "bond", "bonden", "vereniging", "verenigingen", "organisatie", "organisaties",
    "partij", "partijen", "groep", "groepen", "netwerk", "netwerken", "collectief", "collectieven",
    "platform", "platforms", "federatie", "coöperatie", "stichting", "stichtingen", "comité", "commissie",
    "commissies", "team", "teams", "gemeente", "gemeenten", "gemeentes", "provincie", "provincies",
    "waterschap", "waterschappen", "bedrijf", "bedrijven", "boer", "boeren", "bewoner", "bewoners",
    "burgers", "mensen", "genoten", "deskundigen", "betrokkenen", "ouderen", "jongeren", "leden",
    "isten", "ici", "aars", "ers", "telers", "houders",
)
_NOT_PEOPLE = frozenset({
    "anders", "cijfers", "dossiers", "meters", "kilometers", "papers", "letters", "folders", "flyers",
    "posters", "computers", "filters", "registers", "centers", "clusters", "parameters", "kaders",
    "nummers", "kamers", "zomers", "winters", "emmers", "waters", "liters", "containers", "theaters",
    "monsters", "wonders", "offers", "schouders", "lekkers", "genoten", "geleden", "aanraden", "geraden",
    "beraden", "verbond", "wisten", "misten", "kisten", "vergisten", "wie", "hemelwaters",
    # the course's own words and tools, which a learner writes with a capital
    "oca", "mendelow", "excel", "word", "powerpoint", "outlook", "voilà", "jupyter", "woo", "wob",
})
_DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _names_people(part: str, names: set[str]) -> bool:
    word = part.casefold()
    if word in _NOT_PEOPLE or word in MONTHS or word in _DAYS or len(word) < 2:
        return False
    if part in names or word in _PEOPLE_WORDS:
        return True
    # a beginning with a plural or ending ('collega's', 'ambtenaren'), not a thing ('stakeholderlijst')
    if any(word.startswith(start) and len(word) - len(start) <= 4 for start in _PEOPLE_STARTS):
        return True
    # an ending names people only after something ('dorpsraden', not 'raden' in 'aanraden');
    # the short endings of doers ('melders', 'activisten') only in a longer word
    return any(word.endswith(end) and len(word) >= len(end) + (3 if len(end) <= 5 else 1)
               for end in _PEOPLE_ENDINGS)


def people_named(text: str) -> str:
    """The first word of ``text`` that names people or an organisation, as written: a group in
    plain words ('PAS-melders', 'dorpsraden', 'iedereen die ...', 'de boeren'), a role
    ('wethouder') or a name ('LTO', 'met Natuurmonumenten'); '' when it names nobody.

    >>> people_named("Ik bespreek het met PAS-melders, dorpsraden en iedereen die inbreng gaf.")
    'PAS-melders'
    >>> people_named("Op 12 maart schrijf ik op welke belangen zwaarder wogen.")
    ''
    """
    text = str(text or "")
    names = set(proper_names(text))
    for match in re.finditer(r"\w[\w'’-]*", text):
        token = match.group()
        if any(_names_people(part, names) for part in re.split(r"[-'’]", token) if part):
            return token
    return ""


def date(moment: _date) -> str:
    """'1 december 2026': the day, the month's Dutch name, the year."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def date_time(moment: str | datetime) -> str:
    """An ISO time stamp (or datetime) as Dutch local time: '1 december 2026, 14:05'."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is not None and LOCAL_ZONE is not None:
        moment = moment.astimezone(LOCAL_ZONE)
    return f"{date(moment)}, {moment:%H:%M}"
