"""A trainer's own exercise is a module folder: ``oefeningen/<id>/`` next to the course notebooks.

The course finds every such folder by itself (no code changes elsewhere): the app shows the
exercise in its menu at its place, the workbook keeps the learner's answers under the
folder's id, the export and the course map count it, and the class overview lists it::

    course/oefeningen/
      wethouder/
        module.yaml     # what the course needs to know (Dutch keys: trainers write it)
        gesprek.yaml    # the exercise: one or more files in the format of verbinding.modules.gesprekken

``module.yaml``::

    id: wethouder          # the folder's name: small letters, digits, "-" and "_"
    titel: ...             # in the menu, on the course map, in the export
    minuten: 15            # about how long it takes (1 to 240)
    na: connection         # the module it follows in the menu (default: before the last one)
    inleiding: ...         # optional: text above the exercise (Markdown)

The learner's work is saved like the conversation practice's (module ``gesprekken``)::

    {"dialogues": {<dialogue id>: {"walks": [...], "response": str, "checked": [int, ...]}}}

A folder with a problem is left out of the course and named, in Dutch, in the template
notebook ``trainer/nieuwe_oefening.ipynb`` and by ``verbinding check-oefening``; a learner
never sees it break. Its id stays one a workbook may hold, so the learner's work on it is
kept while the trainer repairs the folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from verbinding.course import GLOSSARY, INDEX, LEARNING, MODULES, STATEMENT, TRAINER_PAGES, Module
from verbinding.document import Block, Paragraph
from verbinding.modules import gesprekken as dialogue
from verbinding.texts import load_yaml, t, yaml_position

FOLDER = "oefeningen"
SPEC_FILE = "module.yaml"
SPEC_KEYS = ("id", "titel", "minuten", "na", "inleiding")
VIEW = "verbinding.modules.gesprekken.view:TrainerExercise"
MAX_MINUTES = 240
MAX_SPEC_BYTES = 20_000


class ExerciseError(ValueError):
    """A trainer's exercise folder cannot be used; the message is Dutch and names the folder."""


@dataclass(frozen=True)
class Exercise:
    """One usable exercise folder."""

    module: Module
    after: str  # the id of the module it follows
    intro: str  # Markdown above the exercise ("" for none)
    dialogues: tuple[dialogue.Dialogue, ...]


def reserved_ids() -> frozenset[str]:
    """Ids the course uses itself: a trainer's folder cannot take one."""
    return frozenset(m.id for m in (INDEX, GLOSSARY, STATEMENT, LEARNING, *MODULES, *TRAINER_PAGES))


def exercise_folders() -> list[Path]:
    """``oefeningen/`` next to the course notebooks (existing folders only, most specific first)."""
    from verbinding.paths import course_folders

    return [folder / FOLDER for folder in course_folders() if (folder / FOLDER).is_dir()]


def _candidates() -> list[Path]:
    """Every folder with a ``module.yaml`` in the exercise folders, by name."""
    return [spec.parent for folder in exercise_folders() for spec in sorted(folder.glob(f"*/{SPEC_FILE}"))]


def folder_ids() -> tuple[str, ...]:
    """The ids of all exercise folders that could be one (usable or not)."""
    reserved = reserved_ids()
    return tuple(dict.fromkeys(
        p.name for p in _candidates() if dialogue.ID_PATTERN.match(p.name) and p.name not in reserved
    ))


def _where(folder: Path) -> str:
    return f"{FOLDER}/{folder.name}"


def read_exercise(folder: Path) -> tuple[Exercise, list[str]]:
    """The exercise in ``folder`` and the Dutch problems of exercise files it left out, or an
    :class:`ExerciseError` when the folder cannot be used at all."""
    where = _where(folder)
    spec_path = folder / SPEC_FILE
    try:
        if spec_path.stat().st_size > MAX_SPEC_BYTES:
            raise ExerciseError(f"{where}/{SPEC_FILE}: dit bestand is te groot (hoogstens 20 kB).")
        raw = load_yaml(spec_path.read_bytes().decode("utf-8-sig"))
    except yaml.YAMLError as exc:
        raise ExerciseError(
            f"{where}/{SPEC_FILE}{yaml_position(exc)}: geen geldige YAML. "
            "Controleer inspringing, aanhalingstekens en dubbele punten."
        ) from exc
    except UnicodeDecodeError as exc:
        raise ExerciseError(f"{where}/{SPEC_FILE}: niet als UTF-8 opgeslagen. Sla het bestand op als UTF-8.") from exc
    except OSError as exc:
        raise ExerciseError(f"{where}/{SPEC_FILE}: kan niet worden gelezen ({exc.strerror}).") from exc
    source = f"{where}/{SPEC_FILE}"
    if not isinstance(raw, dict):
        raise ExerciseError(f"{source}: dit bestand beschrijft geen oefening (verwacht: id, titel, minuten, na).")
    unknown = sorted(str(k) for k in raw if k not in SPEC_KEYS)
    if unknown:
        raise ExerciseError(
            f"{source}: '{unknown[0]}' kent de cursus niet. Gebruik alleen: {', '.join(SPEC_KEYS)}."
        )
    exercise_id = dialogue._text(raw, "id", source)
    if exercise_id != folder.name:
        raise ExerciseError(
            f"{source}: de id '{exercise_id}' is niet de naam van de map ('{folder.name}'). Maak ze gelijk."
        )
    if not dialogue.ID_PATTERN.match(exercise_id):
        raise ExerciseError(
            f"{source}: de id '{exercise_id}' kan niet. Gebruik kleine letters, cijfers, '-' en '_' "
            "(hoogstens 41 tekens)."
        )
    if exercise_id in reserved_ids():
        raise ExerciseError(f"{source}: de id '{exercise_id}' gebruikt de cursus zelf al. Kies een andere naam.")
    minutes = raw.get("minuten")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_MINUTES:
        raise ExerciseError(f"{source}: 'minuten' moet een heel getal van 1 tot {MAX_MINUTES} zijn.")
    after = dialogue._text(raw, "na", source, required=False) or MODULES[-2].id
    intro = raw.get("inleiding") or ""
    if not isinstance(intro, str):
        raise ExerciseError(f"{source}: 'inleiding' moet een tekst zijn.")
    dialogues, problems = dialogue.load_folder_except(folder, SPEC_FILE)
    problems = [f"{where}/{p}" for p in problems]
    if not dialogues:
        raise ExerciseError(
            f"{where}: in deze map staat geen bruikbare oefening. Zet er een .yaml-bestand in zoals de "
            "gespreksoefeningen (id, titel, situatie, begin, stappen, eindes, reflectie)."
            + (" " + " ".join(problems) if problems else "")
        )
    seen: dict[str, str] = {}
    for item in dialogues:
        if item.id in seen:
            raise ExerciseError(
                f"{where}/{item.source}: de id '{item.id}' staat ook in {seen[item.id]}. Geef elk gesprek een eigen id."
            )
        seen[item.id] = item.source
    module = Module(exercise_id, "", VIEW, model="verbinding.exercises", folder=folder,
                    own_title=dialogue._text(raw, "titel", source), own_minutes=minutes)
    return Exercise(module, after, intro.strip(), tuple(dialogues)), problems


@lru_cache(maxsize=4)
def _load_all(folders: tuple[Path, ...], stamp: tuple) -> tuple[tuple[Exercise, ...], tuple[str, ...]]:
    found: dict[str, Exercise] = {}
    problems: list[str] = []
    for folder in folders:
        if folder.name in found:  # a copy of the course further down the list: the first wins
            continue
        try:
            exercise, skipped = read_exercise(folder)
        except ExerciseError as exc:
            problems.append(str(exc))
            continue
        problems.extend(skipped)
        found[exercise.module.id] = exercise
    # place each exercise after the module it names; one naming an exercise that is not
    # placed (missing, broken, or a circle) is left out
    placed = {m.id for m in MODULES}
    ordered: list[Exercise] = []
    waiting = list(found.values())
    while waiting:
        ready = [e for e in waiting if e.after in placed]
        if not ready:
            break
        for exercise in ready:
            ordered.append(exercise)
            placed.add(exercise.module.id)
            waiting.remove(exercise)
    for exercise in waiting:
        known = ", ".join(m.id for m in MODULES)
        problems.append(
            f"{_where(exercise.module.folder)}/{SPEC_FILE}: 'na: {exercise.after}' is geen module van de cursus "
            f"(wel: {known}, of de id van een andere eigen oefening)."
        )
    return tuple(ordered), tuple(problems)


def load_all() -> tuple[tuple[Exercise, ...], tuple[str, ...]]:
    """The usable exercises (in the order they were placed) and a Dutch problem for each
    folder or file left out; read again when a file changes."""
    folders = tuple(_candidates())
    stamp = tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for folder in folders for p in sorted(folder.glob("*.yaml"))
    )
    return _load_all(folders, stamp)


def place(modules: tuple[Module, ...]) -> tuple[Module, ...]:
    """``modules`` with each usable exercise right after the module its ``na`` names (after
    earlier exercises placed there too)."""
    exercises, _ = load_all()
    if not exercises:
        return modules
    ordered = list(modules)
    for exercise in exercises:
        position = [m.id for m in ordered].index(exercise.after) + 1
        while position < len(ordered) and ordered[position].is_trainers and ordered[position].id != exercise.after:
            position += 1
        ordered.insert(position, exercise.module)
    return tuple(ordered)


def after_title(exercise: Exercise) -> str:
    """The title of the module an exercise follows (its id when that is unknown)."""
    from verbinding.course import module

    try:
        return module(exercise.after).title
    except KeyError:
        return exercise.after


def exercise_of(module: Module) -> Exercise | None:
    return next((e for e in load_all()[0] if e.module.id == module.id), None)


def _dialogues(module: Module) -> tuple[dialogue.Dialogue, ...]:
    exercise = exercise_of(module)
    return exercise.dialogues if exercise is not None else ()


def export_blocks(module: Module, state: dict) -> list[Block]:
    """The learner's work on a trainer's exercise, as the conversation practice exports it."""
    dialogues = _dialogues(module)
    if not dialogues:
        return [Paragraph(t("gesprekken.export.nothing"))]
    return dialogue.export_dialogues(state, dialogues)


def is_complete(module: Module, state: dict) -> bool:
    """Done: every conversation of the exercise walked to an ending, with a written response."""
    dialogues = _dialogues(module)
    return bool(dialogues) and all(dialogue.is_done(p) for p in dialogue.practices(state, dialogues).values())


# ----------------------------------------------------------------------------- for the trainer

def check_folder(target: Path) -> tuple[list[Exercise], list[str]]:
    """The exercises and Dutch problems of one exercise folder (with a ``module.yaml``) or
    of a folder of them (``course/oefeningen``), read as the course would."""
    folders = [target] if (target / SPEC_FILE).is_file() else sorted(p.parent for p in target.glob(f"*/{SPEC_FILE}"))
    exercises: list[Exercise] = []
    problems: list[str] = []
    for folder in folders:
        try:
            exercise, skipped = read_exercise(folder)
        except ExerciseError as exc:
            problems.append(str(exc))
            continue
        exercises.append(exercise)
        problems.extend(skipped)
    return exercises, problems


def check_command(path: str | None = None) -> int:
    """``verbinding check-oefening [MAP]``: the Dutch report on the trainer's exercise
    folders (``oefeningen/`` of the course, or the folder given); 0 when all are usable."""
    if path is None:
        folders = exercise_folders()
        if not folders:
            print(t("trainer.exercises.no_folder_plain"))
            return 1
        exercises, problems = (list(part) for part in load_all())
    else:
        target = Path(path).expanduser()
        if not target.is_dir():
            print(t("trainer.exercises.not_a_folder", folder=str(target)))
            return 1
        exercises, problems = check_folder(target)
    for exercise in exercises:
        print(t("trainer.exercises.found_item", title=exercise.module.title, id=exercise.module.id,
                minutes=exercise.module.minutes, after=after_title(exercise)))
    if problems:
        print(t("trainer.exercises.problems"))
        for problem in problems:
            print(f"- {problem}")
        return 1
    if not exercises:
        print(t("trainer.exercises.empty"))
        return 1
    print(t("trainer.exercises.clean"))
    return 0
