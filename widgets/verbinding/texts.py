"""The catalogue of every learner- and trainer-facing string.

Strings live in YAML files under ``texts/<language>/``, one file per area
(``common.yaml``, ``cases.yaml``, ``connection.yaml``, ...). The file name is the first
part of the key: ``t("common.save.download")`` reads key ``save.download`` from
``texts/nl/common.yaml``. Nested mappings are joined with dots. Adding a language means
adding a folder; no widget code changes.

Trainers may edit these files; :func:`check_catalogue` reports a bad edit in Dutch.
"""

from __future__ import annotations

import os
import string
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml

TEXTS_DIR = Path(__file__).resolve().parent / "texts"
DEFAULT_LANGUAGE = "nl"


class CatalogueError(ValueError):
    """A catalogue file cannot be read; the message is for a trainer (Dutch)."""


def language() -> str:
    return os.environ.get("VERBINDING_LANG", DEFAULT_LANGUAGE)


def _flatten(prefix: str, node, out: dict[str, object]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out)
    else:
        out[prefix] = node


def _load_file(path: Path) -> dict[str, object]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (regel {mark.line + 1}, kolom {mark.column + 1})" if mark else ""
        raise CatalogueError(
            f"Het tekstbestand {path.name}{where} is geen geldige YAML. "
            "Controleer inspringing en dubbele punten."
        ) from exc
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"Het tekstbestand {path.name} is niet als UTF-8 opgeslagen.") from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise CatalogueError(f"Het tekstbestand {path.name} moet met 'sleutel: tekst' beginnen.")
    flat: dict[str, object] = {}
    _flatten(path.stem, raw, flat)
    return flat


@lru_cache(maxsize=4)
def catalogue(lang: str | None = None) -> dict[str, object]:
    """All strings of one language, keyed ``area.key.subkey``."""
    folder = TEXTS_DIR / (lang or language())
    if not folder.is_dir():
        folder = TEXTS_DIR / DEFAULT_LANGUAGE
    merged: dict[str, object] = {}
    for path in sorted(folder.glob("*.yaml")):
        merged.update(_load_file(path))
    return merged


def t(key: str, **values) -> str:
    """The text for ``key``, with ``{placeholders}`` filled from ``values``.

    A missing key raises ``KeyError``: a missing text is a bug the tests must catch, not
    something to show a learner as a raw key.
    """
    text = catalogue()[key]
    if not isinstance(text, str):
        raise KeyError(f"{key} is not a single text")
    return text.format(**values) if values else text


def tlist(key: str) -> list:
    """A list (or mapping) stored in the catalogue, e.g. scenarios or option labels."""
    value = catalogue()[key]
    if not isinstance(value, (list, dict)):
        raise KeyError(f"{key} is not a list")
    return value


def check_catalogue(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Dutch problems in a language's files: unreadable YAML or broken placeholders."""
    problems: list[str] = []
    folder = TEXTS_DIR / lang
    for path in sorted(folder.glob("*.yaml")):
        try:
            flat = _load_file(path)
        except CatalogueError as exc:
            problems.append(str(exc))
            continue
        for key, value in flat.items():
            if isinstance(value, str):
                try:
                    list(string.Formatter().parse(value))
                except ValueError:
                    problems.append(
                        f"{path.name}: de tekst '{key}' heeft een losse {{ of }}; "
                        "gebruik {{ en }} voor een gewone accolade."
                    )
    return problems


# ----- exercise texts a trainer edits (scenarios, questions, scales) --------------------

def plain_text(value: object) -> str:
    """A text value from a trainer's YAML edit, stripped; anything else counts as empty."""
    return value.strip() if isinstance(value, str) else ""


class ExerciseTexts:
    """Reads one area's lists from the catalogue and reports a broken edit in Dutch.

    ``error_class`` is the area's own exception; messages come from ``<area>.errors.*``
    (falling back to the common message when a trainer removed that section too).
    """

    def __init__(self, area: str, error_class: type[Exception]):
        self.area = area
        self.error_class = error_class

    def error(self, message_key: str, **values) -> Exception:
        try:
            message = t(f"{self.area}.errors.{message_key}", **values)
        except (KeyError, CatalogueError):  # the errors section itself was removed
            message = t("common.errors.invalid_input", reason=f"{self.area}.yaml: {message_key} {values}")
        return self.error_class(message)

    def list(self, key: str) -> list:
        full = f"{self.area}.{key}"
        try:
            value = tlist(full)
        except CatalogueError as exc:
            raise self.error_class(str(exc)) from exc
        except KeyError:
            present = full in catalogue() or any(k.startswith(f"{full}.") for k in catalogue())
            raise self.error("not_a_list" if present else "missing", part=key) from None
        if not isinstance(value, list):
            raise self.error("not_a_list", part=key)
        return value

    def fixed_items(self, key: str, ids: Sequence[str], fields: Sequence[str], *,
                    ids_error: str, field_error: str) -> list[dict[str, str]]:
        """The list under ``key``: one mapping per id in ``ids``, each with every field filled.

        Returned as plain-text dicts (``id`` plus ``fields``) in the order of ``ids``, whatever
        order the trainer wrote them in.
        """
        raw = self.list(key)
        items: list[dict[str, str]] = []
        for item in raw:
            if not isinstance(item, dict):
                raise self.error(ids_error, found=", ".join(str(i) for i in raw))
            item_id = plain_text(item.get("id"))
            values = self._required(item, fields, field_error, id=item_id or "?")
            items.append({"id": item_id, **values})
        found = [item["id"] for item in items]
        if sorted(found) != sorted(ids):
            raise self.error(ids_error, found=", ".join(found) or "-")
        return sorted(items, key=lambda item: list(ids).index(item["id"]))

    def numbered_items(self, key: str, fields: Sequence[str], *,
                       kind: str) -> list[tuple[int, dict[str, str], dict]]:
        """Every mapping in the list under ``key`` with its number (from 1), its required
        ``fields`` as plain text (``id`` among them, unique) and the raw mapping.

        Errors use the keys ``no_<kind>s``, ``<kind>_not_mapping``, ``<kind>_field`` and
        ``<kind>_duplicate`` of the area.
        """
        raw = self.list(key)
        if not raw:
            raise self.error(f"no_{kind}s")
        result = []
        seen: set[str] = set()
        for number, item in enumerate(raw, start=1):
            if not isinstance(item, dict):
                raise self.error(f"{kind}_not_mapping", number=number)
            values = self._required(item, fields, f"{kind}_field", number=number)
            if values["id"] in seen:
                raise self.error(f"{kind}_duplicate", id=values["id"])
            seen.add(values["id"])
            result.append((number, values, item))
        return result

    def _required(self, item: dict, fields: Sequence[str], error_key: str, **where) -> dict[str, str]:
        """``fields`` of one mapping as plain text; an empty one is a broken edit."""
        values = {field: plain_text(item.get(field)) for field in fields}
        for field, value in values.items():
            if not value:
                raise self.error(error_key, field=field, **where)
        return values

    def scale(self, key: str) -> tuple[str, ...]:
        """The labels of a rating scale: 2 to 10, none empty."""
        labels = self.list(key)
        if not 2 <= len(labels) <= 10 or not all(plain_text(label) for label in labels):
            raise self.error("scale")
        return tuple(plain_text(label) for label in labels)
