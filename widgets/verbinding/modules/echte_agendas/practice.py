"""Back to practice: the learner's own dossier as the prompt, and feedback on what they wrote.
"""

from __future__ import annotations

from typing import Any

from verbinding import dutch
from verbinding.texts import t

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

    It checks three things a good answer has: who would be on the agenda (kinds of
    organisation or their names), who would be missing, and that officials' own meetings
    are not in ministers' agendas.
    """
    words = " ".join(str(text or "").split()).casefold()
    if not words:
        return [t("practice.feedback.empty")]
    out = []
    if len(words.split()) < 12:
        out.append(t("practice.feedback.short"))
    # named organisations ('LTO, Natuurmonumenten, IPO en Bouwend Nederland') answer the
    # question about who would be on the agenda as well as kinds of organisation do
    if not any(w in words for w in _TYPE_WORDS) and not dutch.proper_names(text):
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
