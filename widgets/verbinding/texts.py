"""The catalogue of every learner- and trainer-facing string.

Strings live in YAML files under ``texts/<language>/``, one file per area
(``common.yaml``, ``cases.yaml``, ``connection.yaml``, ...). The file name is the first
part of the key: ``t("common.save.download")`` reads key ``save.download`` from
``texts/nl/common.yaml``. Nested mappings are joined with dots. Adding a language means
adding a folder; no widget code changes.

Trainers may edit these files, so a bad edit never reaches a learner as a traceback:

* a file that is no valid YAML is left out of the catalogue and remembered
  (:func:`catalogue_problems`); a text from it raises :class:`CatalogueError`, whose
  message is Dutch and names the file, line and column (hard-coded here, so it never
  depends on the broken catalogue);
* the friendly message of a crashed page (``common.errors.friendly``) has a hard-coded
  Dutch fallback (:func:`friendly_message`);
* a text whose ``{placeholder}`` is broken (``{barier``) or unknown is still shown, with
  what can be filled filled in, and the problem is remembered for the page to report;
* :func:`check_texts` (``verbinding check-texts [MAP]``) checks a folder of texts as a
  whole: YAML, keys, types and placeholders against what the code uses and against the
  shipped catalogue. That check lives in :mod:`verbinding.textcheck`, imported on use.

Not split further: the catalogue's state (``TEXTS_DIR``, ``RECHECK_SECONDS``, the folder
being checked, the case level) is read by :func:`t` on every call and set on this module by
tests and ``check-texts``; and a ``texts/`` package would sit on the trainers' YAML folder.
"""

from __future__ import annotations

import os
import re
import string
import sys
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml

TEXTS_DIR = Path(__file__).resolve().parent / "texts"
DEFAULT_LANGUAGE = "nl"
_OVERRIDE: Path | None = None  # set while check_texts runs the exercises' checks

# Texts needed when the catalogue itself is broken: Dutch, hard-coded on purpose.
FALLBACK_TEXTS = {
    "common.errors.friendly": (
        "Er ging iets mis op deze pagina. Je werk is bewaard. Laad de pagina opnieuw; "
        "blijft het misgaan, meld het dan aan je trainer."
    ),
    "common.errors.invalid_input": "Deze invoer kan niet worden gebruikt: {reason}",
    "common.errors.texts_broken": (
        "Een tekstbestand van de cursus is niet in orde. Vraag je trainer het te herstellen "
        "(met het commando verbinding check-texts). Wat er mis is:"
    ),
}


class CatalogueError(ValueError):
    """A catalogue file cannot be read; the message is for a trainer (Dutch)."""


class Catalogue(dict):
    """All strings of one language, plus what went wrong while reading them.

    ``broken``: area (file stem) -> Dutch message, for files left out;
    ``problems``: every Dutch problem found while loading (broken files, loose braces).
    """

    def __init__(self) -> None:
        super().__init__()
        self.broken: dict[str, str] = {}
        self.problems: list[str] = []
        self.files: dict[str, str] = {}  # key -> file name


def language() -> str:
    return os.environ.get("VERBINDING_LANG", DEFAULT_LANGUAGE)


def _flatten(prefix: str, node, out: dict[str, object]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out)
    else:
        out[prefix] = node


# LibYAML's loader when PyYAML was built with it: the start screen parses every text file,
# and the pure-Python loader took 0.17-0.20 s for them where CSafeLoader takes about 0.012 s.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """Parse trusted-shape YAML safely (no Python objects), with LibYAML when available."""
    return yaml.load(text, Loader=_YAML_LOADER)  # a SafeLoader


def yaml_position(error: yaml.YAMLError) -> str:
    """' (regel 3, kolom 5)': where in the file a YAML error is, or '' when YAML does not say."""
    mark = getattr(error, "problem_mark", None)
    return f" (regel {mark.line + 1}, kolom {mark.column + 1})" if mark else ""


def _load_file(path: Path) -> dict[str, object]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
        raw = load_yaml(text)
    except yaml.YAMLError as exc:
        where = yaml_position(exc)
        raise CatalogueError(
            f"Het tekstbestand {path.name}{where} is geen geldige YAML. "
            "Controleer inspringing, aanhalingstekens en dubbele punten."
        ) from exc
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"Het tekstbestand {path.name} is niet als UTF-8 opgeslagen.") from exc
    except OSError as exc:
        raise CatalogueError(f"Het tekstbestand {path.name} kan niet worden gelezen ({exc.strerror}).") from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise CatalogueError(f"Het tekstbestand {path.name} moet met 'sleutel: tekst' beginnen.")
    flat: dict[str, object] = {}
    _flatten(path.stem, raw, flat)
    return flat


def placeholders(text: str) -> set[str]:
    """The names of the ``{placeholders}`` in a text; ``ValueError`` for a loose brace."""
    names = set()
    for _literal, field_name, _spec, _conversion in string.Formatter().parse(text):
        if field_name is not None:
            names.add(re.split(r"[.\[]", field_name, maxsplit=1)[0])
    return names


def _loose_brace(file_name: str, key: str) -> str:
    return (f"{file_name}: de tekst '{key}' heeft een losse {{ of }}; "
            "gebruik {{ en }} voor een gewone accolade.")


def _strings(value, path: str):
    """Every text in a value with where it sits: lists and mappings inside lists too."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for number, item in enumerate(value, start=1):
            yield from _strings(item, f"{path}[{number}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")


def _key_lines(path: Path) -> dict[str, int]:
    """Line (1-based) of every flattened key in a YAML file; empty when it does not parse."""
    lines: dict[str, int] = {}

    def walk(node, prefix):
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
                lines[key] = key_node.start_mark.line + 1
                walk(value_node, key)

    try:
        walk(yaml.compose(path.read_bytes().decode("utf-8-sig")), path.stem)
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return {}
    return lines



def load_folder(folder: Path) -> Catalogue:
    """Every file of a folder; a broken file is left out and reported, never raised."""
    merged = Catalogue()
    for path in sorted(folder.glob("*.yaml")):
        try:
            flat = _load_file(path)
        except CatalogueError as exc:
            merged.broken[path.stem] = str(exc)
            merged.problems.append(str(exc))
            continue
        lines = None
        for key, value in flat.items():
            for where, text in _strings(value, key):
                try:
                    placeholders(text)
                except ValueError:
                    if lines is None:
                        lines = _key_lines(path)
                    line = lines.get(re.sub(r"\[\d+\].*$", "", where)) or lines.get(key)
                    merged.problems.append(_loose_brace(path.name if line is None else f"{path.name}, regel {line}", where))
            merged.files[key] = path.name
        merged.update(flat)
    return merged


def _signature(folder: Path) -> tuple:
    """What changes when a trainer saves a text file: names, sizes and times of the files."""
    try:
        return tuple(sorted((p.name, st.st_mtime_ns, st.st_size)
                            for p in folder.glob("*.yaml") for st in (p.stat(),)))
    except OSError:
        return ()


@lru_cache(maxsize=4)
def _load_catalogue(folder: Path, signature: tuple) -> Catalogue:  # part of the cache key
    return load_folder(folder)


# A page load starts a kernel that may have been started (preheated) before the trainer's
# edit: the files are looked at again when the catalogue was last checked a second ago or more.
RECHECK_SECONDS = 1.0
_checked: dict[Path, tuple[float, tuple]] = {}


def catalogue(lang: str | None = None) -> Catalogue:
    """All strings of one language, keyed ``area.key.subkey``; read again after an edit."""
    folder = _OVERRIDE if _OVERRIDE is not None else TEXTS_DIR / (lang or language())
    if not folder.is_dir():
        folder = TEXTS_DIR / DEFAULT_LANGUAGE
    now = time.monotonic()
    last = _checked.get(folder)
    if last is None or now - last[0] >= RECHECK_SECONDS:
        last = (now, _signature(folder))
        _checked[folder] = last
    return _load_catalogue(folder, last[1])


def _clear_catalogue() -> None:
    _checked.clear()
    _load_catalogue.cache_clear()


catalogue.cache_clear = _clear_catalogue  # type: ignore[attr-defined]


_RUNTIME_PROBLEMS: dict[str, str] = {}

# Words for the learner's own organisation, filled into any text from the case's
# ``organisatieniveau`` ("je provincie", "de provincie", its documents): set by the page
# when it loads the case (:func:`set_case_level`), "ministerie" until then.
CASE_WORDS = ("je_org", "de_org", "org", "instrumenten")
_case_level = "ministerie"


def set_case_level(level: str) -> None:
    global _case_level
    _case_level = level or "ministerie"


def case_words(level: str | None = None) -> dict[str, str]:
    """``{je_org}``, ``{de_org}``, ``{org}`` and ``{instrumenten}`` for an organisation level."""
    cat = catalogue()
    wanted = level or _case_level
    if f"cases.levels.{wanted}.naam" not in cat:
        wanted = "ministerie"

    def word(field: str, default: str) -> str:
        value = cat.get(f"cases.levels.{wanted}.{field}", default)
        return value if isinstance(value, str) else default

    name = word("naam", wanted)
    return {"je_org": f"je {name}", "de_org": f"{word('lidwoord', 'het')} {name}", "org": name,
            "instrumenten": word("instrumenten", "een nota")}


def catalogue_problems() -> list[str]:
    """Dutch problems of the catalogue in use: for a page to show the trainer."""
    problems = list(catalogue().problems)
    problems += [p for p in _RUNTIME_PROBLEMS.values() if p not in problems]
    return problems


def _missing(key: str) -> Exception:
    cat = catalogue()
    area = key.split(".", 1)[0]
    if area in cat.broken:
        return CatalogueError(cat.broken[area])
    return KeyError(key)


def _fill_leniently(text: str, values: dict) -> str:
    """Fill what can be filled; leave a broken or unknown placeholder as it was written."""

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        return str(values[name]) if name in values else token

    return re.sub(r"\{\{|\}\}|\{(\w+)\}", replace, text)


def t(key: str, /, **values) -> str:
    """The text for ``key``, with ``{placeholders}`` filled from ``values``.

    A missing key raises ``KeyError`` (a bug the tests must catch), a key of a broken file
    :class:`CatalogueError` (Dutch, names the file). A trainer's broken or unknown
    placeholder does not raise: the text is shown filled as far as possible and the problem
    is listed in :func:`catalogue_problems`.
    """
    try:
        text = catalogue()[key]
    except KeyError:
        if key in FALLBACK_TEXTS:
            text = FALLBACK_TEXTS[key]
        else:
            raise _missing(key) from None
    if not isinstance(text, str):
        if key not in FALLBACK_TEXTS:
            raise KeyError(f"{key} is not a single text")
        text = FALLBACK_TEXTS[key]
    if "{" in text and any("{" + word + "}" in text for word in CASE_WORDS):
        values = {**case_words(), **values}
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        file_name = catalogue().files.get(key, f"{key.split('.', 1)[0]}.yaml")
        if isinstance(exc, ValueError):
            problem = _loose_brace(file_name, key)
        else:
            known = ", ".join("{" + name + "}" for name in sorted(values))
            problem = (f"{file_name}: de tekst '{key}' gebruikt een onbekend woord tussen accolades "
                       f"({exc}); hier kan alleen: {known}.")
        _RUNTIME_PROBLEMS.setdefault(key, problem)
        print(problem, file=sys.__stderr__)
        return _fill_leniently(text, values)


def friendly_message(error: BaseException | None = None) -> str:
    """What a page shows instead of a traceback: the trainer's broken text file named when
    that is the cause, else the general friendly message. Never raises."""
    if isinstance(error, CatalogueError):
        return str(error)
    try:
        return t("common.errors.friendly")
    except Exception:  # the catalogue itself may be what broke
        return FALLBACK_TEXTS["common.errors.friendly"]


def sentence(key: str, /, **values) -> str:
    """:func:`t` for a text that is a whole sentence and may start with a name the learner
    typed ('{organisation} gekoppeld aan ...'): the first character is upper-cased, the
    name keeps its own spelling everywhere else ('ggd gekoppeld' -> 'Ggd gekoppeld')."""
    text = t(key, **values)
    return text[:1].upper() + text[1:]


def tlist(key: str) -> list:
    """A list (or mapping) stored in the catalogue, e.g. scenarios or option labels."""
    try:
        value = catalogue()[key]
    except KeyError:
        raise _missing(key) from None
    if not isinstance(value, (list, dict)):
        raise KeyError(f"{key} is not a list")
    return value


def check_catalogue(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Dutch problems in a language's files: unreadable YAML or broken placeholders."""
    return list(load_folder(TEXTS_DIR / lang).problems)


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


# ----- checking a trainer's folder of texts: verbinding.textcheck, imported on use ------------

def check_texts(folder: str | Path | None = None) -> list[str]:
    """Every Dutch problem of a folder of text files, each with file and line
    (:func:`verbinding.textcheck.check_texts`)."""
    from verbinding.textcheck import check_texts as check

    return check(folder)


def check_texts_command(folder: str | None = None) -> int:
    """``verbinding check-texts [MAP]`` (:func:`verbinding.textcheck.check_texts_command`)."""
    from verbinding.textcheck import check_texts_command as command

    return command(folder)
