"""The optional fields of a dialogue file (a trainer's file without them reads as before):
``oca`` (where the Afronding shows the conversation), ``reflectie.kernpunten`` (what the
reaction to a written answer looks for) and an ending's ``na_zwakke_keuze`` (its text when
the walk had a weak choice, so a weak path never ends like a strong one)."""

from __future__ import annotations

from verbinding.modules.gesprekken import DialogueError, KeyPoint, _text


def key_points(raw: object, source: str) -> tuple[KeyPoint, ...]:
    """``reflectie.kernpunten``: a list of ``punt`` with ``woorden``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise DialogueError(f"{source}: 'kernpunten' is een lijst van punten, elk met 'punt' en 'woorden'.")
    points = []
    for number, item in enumerate(raw, start=1):
        where = f"{source}, kernpunt {number}"
        words = item.get("woorden") if isinstance(item, dict) else None
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise DialogueError(f"{where}: geef 'punt' en een lijst 'woorden' (woorden die laten zien dat het punt genoemd is).")
        points.append(KeyPoint(_text(item, "punt", where), tuple(" ".join(w.casefold().split()) for w in words)))
    return tuple(points)


def oca(raw: dict, source: str) -> str:
    """``oca``: one of the six OCA question ids (texts/nl/dossier.yaml)."""
    value = _text(raw, "oca", source, required=False)
    if not value:
        return ""
    from verbinding.modules.eigen_dossier.questions import load_texts

    known = [q.id for q in load_texts().questions]
    if value not in known:
        raise DialogueError(f"{source}: 'oca: {value}' kan niet. Kies uit: {', '.join(known)}.")
    return value


def endings_after_weak(raw_endings: dict, source: str) -> dict[str, str]:
    """Per ending written as ``{tekst: ..., na_zwakke_keuze: ...}``: the text after a weak choice."""
    out = {}
    for key, value in raw_endings.items():
        if isinstance(value, dict):
            unknown = sorted(set(value) - {"tekst", "na_zwakke_keuze"})
            if unknown:
                raise DialogueError(f"{source}, einde '{key}': '{unknown[0]}' kan niet. Gebruik tekst en na_zwakke_keuze.")
            text = _text(value, "na_zwakke_keuze", f"{source}, einde '{key}'", required=False)
            if text:
                out[str(key)] = text
    return out
