"""``verbinding check-texts [MAP]``: check a trainer's folder of texts as a whole.

YAML, keys, types and placeholders against what the code uses (found by reading the
package's source: :func:`code_usage`) and against the shipped catalogue, then the
exercises' own checks of their lists. Kept apart from :mod:`verbinding.texts`, which every
page imports, so that a page never loads the source scanner; ``verbinding.texts`` still
offers :func:`check_texts` and :func:`check_texts_command`, importing this module on use.

The catalogue's state (``TEXTS_DIR``, the folder read while checking) stays in
:mod:`verbinding.texts` and is read and set there, so a test that points
``verbinding.texts.TEXTS_DIR`` at a copy checks that copy.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

from verbinding import texts
from verbinding.texts import CASE_WORDS, CatalogueError, _key_lines, catalogue, language, load_folder, placeholders

PACKAGE_DIR = Path(__file__).resolve().parent
# Areas whose lists the exercises validate themselves: "module:function" raising a Dutch error.
TEXT_VALIDATORS = ("verbinding.modules.drempels:load_texts", "verbinding.modules.eigen_dossier:load_texts", "verbinding.quiz:load_texts")


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
                found.append((key, pattern, function, names, f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}"))
    return tuple(found)


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
        self.saved = texts._OVERRIDE
        texts._OVERRIDE = self.folder
        catalogue.cache_clear()

    def __exit__(self, *_exc):
        texts._OVERRIDE = self.saved
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
    shipped_folder = texts.TEXTS_DIR / language()
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
    from verbinding.modules.gesprekken import FOLDER, check_folder, trainer_folders

    for dialogue_folder in (folder / FOLDER, *trainer_folders()):
        for problem in check_folder(dialogue_folder):
            add(f"{dialogue_folder}: {problem}")
    return problems


def check_texts_command(folder: str | None = None) -> int:
    """``verbinding check-texts [MAP]``: print the Dutch report; 0 when clean, 1 on problems."""
    shown = folder or str(texts.TEXTS_DIR / language())
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
