"""Whether the evidence for a question is evidence: long enough, not filler, and about the
question (words a trainer can extend under ``dossier.evidence`` in the catalogue).

Only :func:`says_nothing` (no evidence at all) can hold up a question; what
:func:`evidence_kind` finds beyond that is a tip: a word search cannot judge whether real
evidence is about the question ('Stakeholderlijst gebiedsprogramma 2025')."""

from __future__ import annotations

from verbinding import dutch
from verbinding.modules.eigen_dossier.questions import _WORDS_RE, MIN_EVIDENCE_WORDS, MIN_STEM
from verbinding.texts import catalogue


def _normalised(text: str) -> str:
    return " ".join(_WORDS_RE.findall(text.lower()))


def _word_list(key: str) -> list[str]:
    """A list of lower-case words (or phrases) under ``dossier.<key>``; [] when absent."""
    value = catalogue().get(f"dossier.{key}")
    return [_normalised(str(w)) for w in value if _normalised(str(w))] if isinstance(value, list) else []


def _mentions(words: list[str], text: str, stem: bool = True, compound: bool = False) -> bool:
    """True when ``text`` (normalised) holds one of ``words``: a whole word or phrase, or
    (``stem``) a word of :data:`MIN_STEM` letters or more at the start of a longer word, or
    (``compound``) at its end ('stakeholderlijst', 'gespreksverslag')."""
    padded = f" {text} "
    tokens = text.split() if compound else []
    for word in words:
        if f" {word} " in padded or (stem and len(word) >= MIN_STEM and f" {word}" in padded):
            return True
        if compound and len(word) >= MIN_STEM and " " not in word and any(tok.endswith(word) for tok in tokens):
            return True
    return False


def says_nothing(evidence: str) -> bool:
    """True when the evidence holds no real word: empty, or only words that say nothing
    ('geen', 'nvt', 'zie boven', 'asdf'). An honest 'geen' is no evidence, and says so."""
    filler = set(_word_list("evidence.filler"))
    return not [w for w in _normalised(evidence).split() if w not in filler and not w.isdigit()]


# Questions about contacts: a number of talks with a named organisation ('24 gesprekken met
# LTO', '12x IPO') is evidence, whether or not the organisation is on the workbench.
CONTACT_QUESTIONS = frozenset({"new_connections"})
MIN_NAME_PART = 5  # a word of a name that alone names the organisation ('Klaverwold', not 'Hoge')


def _name_parts(name: str) -> list[str]:
    """The parts of an organisation's name that name it alone (lower case): its acronyms and
    its longer words that are not generic ('LTO Nederland' -> ['lto'])."""
    words = _WORDS_RE.findall(name)
    if len(words) < 2:
        return []
    generic = set(_word_list("evidence.name_generic"))
    return [w.lower() for w in words
            if dutch.is_acronym(w) or (len(w) >= MIN_NAME_PART and not w.isdigit() and w.lower() not in generic)]


def names_mentioned(names: list[str], evidence: str) -> bool:
    """True when the evidence names one of ``names``: the whole name, or a part that names
    it alone ('24 gesprekken met LTO' names 'LTO Nederland')."""
    text = _normalised(evidence)
    for name in names:
        full = _normalised(name)
        if full and (_mentions([full], text, stem=False) or _mentions(_name_parts(name), text, stem=False)):
            return True
    return False


def evidence_kind(evidence: str, question_id: str, names: list[str] = ()) -> str:
    """How far the evidence for one question goes: 'empty'; 'short' (a few words, or only
    words that say nothing, such as "asdf" or "zie boven"); 'unrelated' (no kind of evidence,
    no word of the question and no name from the learner's own work for it); or 'ok'.

    The words come from ``dossier.evidence`` in the catalogue, so a trainer can add some."""
    words = _normalised(evidence).split()
    if not words:
        return "empty"
    filler = set(_word_list("evidence.filler"))
    real = {w for w in words if w not in filler and not w.isdigit()}
    if dutch.reflection_kind(" ".join(dict.fromkeys(words)), MIN_EVIDENCE_WORDS) != "ok" or len(real) < 2:
        return "short"
    text = " ".join(words)
    related = _word_list("evidence.sources") + _word_list(f"evidence.topics.{question_id}")
    if (_mentions(related, text) or _mentions(_word_list("evidence.sources"), text, compound=True)
            or names_mentioned(list(names), evidence)):
        return "ok"
    if question_id in CONTACT_QUESTIONS and any(w.isdigit() for w in words) and dutch.proper_names(evidence):
        return "ok"  # a number of talks with a named organisation
    return "unrelated"

