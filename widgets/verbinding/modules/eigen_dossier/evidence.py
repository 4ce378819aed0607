"""Whether the evidence for a question is evidence: long enough, not filler, and about the
question (words a trainer can extend under ``dossier.evidence`` in the catalogue)."""

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


def _mentions(words: list[str], text: str, stem: bool = True) -> bool:
    """True when ``text`` (normalised) holds one of ``words``: a whole word or phrase, or
    (``stem``) a word of :data:`MIN_STEM` letters or more at the start of a longer word."""
    padded = f" {text} "
    for word in words:
        if f" {word} " in padded or (stem and len(word) >= MIN_STEM and f" {word}" in padded):
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
    if _mentions(related, text) or _mentions([_normalised(n) for n in names if _normalised(n)], text, stem=False):
        return "ok"
    return "unrelated"

