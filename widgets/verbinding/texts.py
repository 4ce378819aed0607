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
  shipped catalogue.
"""

from __future__ import annotations

import ast
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


# ----- checking a trainer's folder of texts (``verbinding check-texts``) ------------------

PACKAGE_DIR = Path(__file__).resolve().parent
# Areas whose lists the exercises validate themselves: "module:function" raising a Dutch error.
TEXT_VALIDATORS = ("verbinding.barriers:load_texts", "verbinding.dossier:load_texts", "verbinding.quiz:load_texts")


def _key_patterns(node: ast.expr) -> list[tuple[str, re.Pattern | None]]:
    """The keys of a ``t(...)`` call: literals, or an f-string matched as a pattern."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.value, None)]
    if isinstance(node, ast.IfExp):
        return _key_patterns(node.body) + _key_patterns(node.orelse)
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(str(v.value)) if isinstance(v, ast.Constant) else r"\w+" for v in node.values]
        pattern = "".join(parts)
        if not pattern.startswith(r"\w+"):  # the area must be known
            return [(pattern, re.compile(pattern + r"\Z"))]
    return []


@lru_cache(maxsize=1)
def code_usage() -> tuple[tuple[str, re.Pattern | None, str, frozenset | None, str], ...]:
    """Every ``t``/``tlist``/``sentence`` call in the package: (key or pattern, compiled pattern or None,
    function, keyword names or None when ``**values`` is passed, "file:line")."""
    found = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):  # pragma: no cover
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("t", "tlist", "sentence") and node.args):
                continue
            names = None if any(k.arg is None for k in node.keywords) else frozenset(k.arg for k in node.keywords)
            function = "t" if node.func.id == "sentence" else node.func.id  # sentence() is t() with a capital
            for key, pattern in _key_patterns(node.args[0]):
                found.append((key, pattern, function, names, f"{path.name}:{node.lineno}"))
    return tuple(found)


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


def _kind(value) -> str:
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "lijst"
    if isinstance(value, dict):
        return "lijst met namen"
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, (int, float)):
        return "getal"
    return "leeg"


class _Using:
    """Make the catalogue read ``folder`` for a while (to run the exercises' own checks)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self):
        global _OVERRIDE
        self.saved = _OVERRIDE
        _OVERRIDE = self.folder
        catalogue.cache_clear()

    def __exit__(self, *_exc):
        global _OVERRIDE
        _OVERRIDE = self.saved
        catalogue.cache_clear()


# Values a call passes that its shipped text leaves out on purpose (not "missing").
OPTIONAL_PLACEHOLDERS: dict[str, set[str]] = {}


def check_texts(folder: str | Path | None = None) -> list[str]:
    """Every Dutch problem of a folder of text files, each with file and line.

    Checks YAML syntax and loose braces; that every key the code uses is there, with the
    right type (a text or a list) and only ``{placeholders}`` the code fills in; for a copy
    outside the package also that keys, types and placeholders match the shipped files;
    and the exercises' own checks of their lists (scenarios, questions, scales).
    """
    shipped_folder = TEXTS_DIR / language()
    folder = Path(folder).expanduser() if folder is not None else shipped_folder
    if not folder.exists():
        return [f"{folder}: deze map bestaat niet."]
    if not folder.is_dir():
        return [f"{folder}: dit is geen map. Geef de map met de tekstbestanden, bijvoorbeeld {shipped_folder}."]
    if not any(folder.glob("*.yaml")):
        return [f"{folder}: in deze map staan geen tekstbestanden (.yaml)."]
    cat = load_folder(folder)
    problems = list(cat.problems)
    lines: dict[str, dict[str, int]] = {}

    def where(key: str) -> str:
        file_name = cat.files.get(key, f"{key.split('.', 1)[0]}.yaml")
        if file_name not in lines:
            lines[file_name] = _key_lines(folder / file_name)
        line = lines[file_name].get(key)
        return f"{file_name}, regel {line}" if line else file_name

    def add(problem: str) -> None:
        if problem not in problems:
            problems.append(problem)

    def short(key: str) -> str:
        return key.split(".", 1)[1] if "." in key else key

    # What the code uses. A literal key's placeholders must be filled by every call; a key
    # reached only through an f-string (``t(f"area.{kind}")``) by at least one of them.
    literal: dict[str, frozenset] = {}
    # A call that picks one of two keys (``t("a" if x else "b", ...)``) fills the same
    # names into both; either text may leave one out, so only single-key calls say "missing".
    origins: dict[str, int] = {}
    for _key, _pattern, _function, _names, origin in code_usage():
        origins[origin] = origins.get(origin, 0) + 1
    shared = {key for key, _p, _f, _n, origin in code_usage() if origins[origin] > 1}
    patterned: dict[str, frozenset] = {}
    unknown_names: set[str] = set()  # keys passed ``**values``: not checked
    for key, pattern, function, names, _origin in code_usage():
        if pattern is None:
            keys = [key]
            if key.split(".", 1)[0] in cat.broken:
                continue
            if key not in cat:
                add(f"{key.split('.', 1)[0]}.yaml: de sleutel '{short(key)}' ontbreekt; de cursus gebruikt hem.")
                continue
            value = cat[key]
            if function == "t" and not isinstance(value, str):
                add(f"{where(key)}: '{short(key)}' moet één tekst zijn, maar is een {_kind(value)}.")
            elif function == "tlist" and not isinstance(value, (list, dict)):
                add(f"{where(key)}: '{short(key)}' moet een lijst zijn, maar is een {_kind(value)}. "
                    "Schrijf bijvoorbeeld [a, b] of zet elk onderdeel op een eigen regel met '- '.")
        else:
            keys = [k for k in cat if pattern.match(k)]
        if function != "t":
            continue
        for k in keys:
            if names is None:
                unknown_names.add(k)
            elif pattern is None:
                literal[k] = literal[k] & names if k in literal else names
            else:
                patterned[k] = patterned[k] | names if k in patterned else names
    allowed = {k: v for k, v in patterned.items() if k not in literal}
    allowed.update(literal)
    for k in unknown_names:
        allowed.pop(k, None)
    for k, names in allowed.items():
        try:
            unknown = placeholders(cat[k]) - names - set(CASE_WORDS)
        except (ValueError, TypeError):
            continue  # a loose brace or a non-text: reported above
        if unknown:
            options = ", ".join("{" + n + "}" for n in sorted(names)) or "geen"
            add(f"{where(k)}: '{short(k)}' gebruikt {', '.join('{' + n + '}' for n in sorted(unknown))}, "
                f"maar de cursus vult daar alleen dit in: {options}.")
        missing = names - placeholders(cat[k]) - OPTIONAL_PLACEHOLDERS.get(k, set())
        if missing and k in literal and k not in shared:
            add(f"{where(k)}: in '{short(k)}' ontbreekt {', '.join('{' + n + '}' for n in sorted(missing))}; "
                "daar zet de cursus een getal of naam. Zet het terug in de tekst.")

    # The shipped files, for a copy kept elsewhere.
    if folder.resolve() != shipped_folder.resolve() and shipped_folder.is_dir():
        shipped = load_folder(shipped_folder)
        for k, reference in shipped.items():
            area = k.split(".", 1)[0]
            if area in cat.broken or not (folder / f"{area}.yaml").is_file():
                if not (folder / f"{area}.yaml").is_file() and area not in cat.broken:
                    add(f"{area}.yaml: dit bestand ontbreekt in {folder}.")
                continue
            if k not in cat:
                add(f"{area}.yaml: de sleutel '{short(k)}' ontbreekt.")
            elif _kind(cat[k]) != _kind(reference) and not (k in allowed or _kind(reference) == "leeg"):
                add(f"{where(k)}: '{short(k)}' moet een {_kind(reference)} zijn, maar is een {_kind(cat[k])}.")
            elif isinstance(reference, str) and isinstance(cat[k], str) and k not in allowed:
                try:
                    unknown = placeholders(cat[k]) - placeholders(reference) - set(CASE_WORDS)
                except ValueError:
                    continue
                if unknown:
                    options = ", ".join("{" + n + "}" for n in sorted(placeholders(reference))) or "geen"
                    add(f"{where(k)}: '{short(k)}' gebruikt {', '.join('{' + n + '}' for n in sorted(unknown))}, "
                        f"maar daar kan alleen dit: {options}.")

    # The exercises' own checks of their lists.
    import importlib

    with _Using(folder):
        for target in TEXT_VALIDATORS:
            module_name, function = target.split(":")
            area = module_name.rsplit(".", 1)[1]
            try:
                getattr(importlib.import_module(module_name), function)()
            except CatalogueError as exc:
                add(str(exc))
            except Exception as exc:  # each area raises its own Dutch error
                add(str(exc) if str(exc) else f"{area}.yaml: {type(exc).__name__}")

    # The conversation exercises: the folder's own, and the trainer's next to the course.
    from .dialogue import FOLDER, check_folder, trainer_folders

    for dialogue_folder in (folder / FOLDER, *trainer_folders()):
        for problem in check_folder(dialogue_folder):
            add(f"{dialogue_folder}: {problem}")
    return problems


def check_texts_command(folder: str | None = None) -> int:
    """``verbinding check-texts [MAP]``: print the Dutch report; 0 when clean, 1 on problems."""
    shown = folder or str(TEXTS_DIR / language())
    try:
        problems = check_texts(folder)
    except Exception as exc:  # a trainer never sees a traceback
        problems = [f"{shown}: de controle liep vast ({type(exc).__name__}: {exc})."]
    if problems:
        print(f"Teksten in {shown}: {len(problems)} {'probleem' if len(problems) == 1 else 'problemen'} gevonden.")
        for problem in problems:
            print(f"- {problem}")
        print("Verbeter deze punten en controleer opnieuw. Bewaar altijd eerst een kopie van een bestand dat je aanpast.")
        return 1
    print(f"Teksten in {shown}: geen problemen gevonden.")
    return 0
