"""Conversation practice ("gesprekken"): branching dialogues written as YAML files.

A dialogue is one file a trainer can write without code (keys in Dutch, because trainers
write them)::

    id: leidinggevende            # letters, digits, "-" and "_"
    titel: ...                    # shown in the course
    minuten: 8
    idee: ...                     # the factsheet idea it practises (optional)
    oca: counter_voice            # the OCA question it belongs to in the Afronding (optional)
    situatie: ...                 # what the learner walks into
    begin: start                  # the first step
    stappen:
      start:
        wie: ...                  # who speaks
        zegt: ...                 # what they say
        vraag: ...                # the question to the learner
        keuzes:
          - tekst: ...            # what the learner can say
            oordeel: sterk        # sterk, redelijk or zwak
            terugkoppeling: ...   # feedback on this choice
            volgende: stap2       # another step or an ending
    eindes:
      einde: ...                  # closing text of an ending, or:
      einde_goed:
        tekst: ...                # the closing text
        na_zwakke_keuze: ...      # optional: shown instead when the walk had a weak choice
    reflectie:
      vraag: ...                  # a short written response, for the trainer to discuss
      controlelijst: [...]        # points the learner checks their response against
      kernpunten:                 # optional: what a response names, found by simple words
        - punt: de reden          # shown as "je noemt de reden" / "je noemt nog niet de reden"
          woorden: [reden, omdat] # a word (or the start of one) that shows the point

Endings are reached through ``volgende``: give weak paths their own ending (what went wrong,
what the stronger move would have been), so the outcome follows the path.

Built-in dialogues live in ``texts/<language>/gesprekken/``; a trainer adds one by putting
a file in ``gesprekken/`` next to the course notebooks. Saved state (module ``gesprekken``)::

    {"dialogues": {<id>: {"walks": [{"choices": [[step, index], ...], "ending": str | None}],
                          "response": str, "checked": [int, ...]}}}

The first walk is the one that counts (:func:`first_walk_score`); a learner may walk a
dialogue again, and both walks are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from verbinding import dutch
from verbinding.texts import TEXTS_DIR, language, load_yaml, t, yaml_position

MODULE_ID = "gesprekken"
FOLDER = "gesprekken"
JUDGEMENTS = ("sterk", "redelijk", "zwak")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
MAX_STEPS = 50
MAX_FILE_BYTES = 200_000
MAX_RESPONSE = 20_000


class DialogueError(ValueError):
    """A dialogue file cannot be used; the message is Dutch and names file and place."""


@dataclass(frozen=True)
class Choice:
    text: str
    judgement: str
    feedback: str
    next: str


@dataclass(frozen=True)
class Step:
    id: str
    speaker: str
    says: str
    question: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class KeyPoint:
    """A point a written response may name, recognised by any of ``words`` (lower case, at
    the start of a word: 'reden' finds 'redenen')."""

    name: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Dialogue:
    id: str
    title: str
    minutes: int
    idea: str
    situation: str
    start: str
    steps: dict[str, Step]
    endings: dict[str, str]
    reflection_question: str
    checklist: tuple[str, ...]
    source: str = ""
    key_points: tuple[KeyPoint, ...] = ()
    oca: str = ""  # id of the OCA question (texts/nl/dossier.yaml) for the Afronding's route
    endings_after_weak: dict[str, str] = field(default_factory=dict)  # an ending's text after a weak choice

    def step(self, step_id: str) -> Step | None:
        return self.steps.get(step_id)


# ----------------------------------------------------------------------------- reading

def _text(raw: dict, key: str, where: str, required: bool = True) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise DialogueError(f"{where}: het veld '{key}' ontbreekt of is leeg.")
        return ""
    if not isinstance(value, (str, int, float)):
        raise DialogueError(f"{where}: het veld '{key}' moet een tekst zijn.")
    return " ".join(str(value).split())


def parse_dialogue(raw: object, source: str) -> Dialogue:
    """A :class:`Dialogue` from a file's YAML, or a Dutch :class:`DialogueError`."""
    if not isinstance(raw, dict):
        raise DialogueError(f"{source}: dit bestand is geen gespreksoefening (verwacht: id, titel, stappen, ...).")
    dialogue_id = _text(raw, "id", source)
    if not ID_PATTERN.match(dialogue_id):
        raise DialogueError(
            f"{source}: de id '{dialogue_id}' kan niet. Gebruik kleine letters, cijfers, '-' en '_' (hoogstens 41 tekens)."
        )
    minutes = raw.get("minuten", 10)
    if not isinstance(minutes, int) or not 1 <= minutes <= 120:
        raise DialogueError(f"{source}: 'minuten' moet een heel getal van 1 tot 120 zijn.")
    raw_steps = raw.get("stappen")
    if not isinstance(raw_steps, dict) or not raw_steps:
        raise DialogueError(f"{source}: 'stappen' ontbreekt of is leeg.")
    if len(raw_steps) > MAX_STEPS:
        raise DialogueError(f"{source}: hoogstens {MAX_STEPS} stappen per gesprek.")
    raw_endings = raw.get("eindes") or {}
    if not isinstance(raw_endings, dict) or not raw_endings:
        raise DialogueError(f"{source}: 'eindes' ontbreekt: geef minstens één einde met een slottekst.")
    from verbinding.modules.gesprekken.optional import endings_after_weak, key_points, oca

    endings = {str(k): _text(v if isinstance(v, dict) else raw_endings, "tekst" if isinstance(v, dict) else k,
                             f"{source}, einde '{k}'") for k, v in raw_endings.items()}
    steps: dict[str, Step] = {}
    for step_id, raw_step in raw_steps.items():
        where = f"{source}, stap '{step_id}'"
        if str(step_id) in endings:
            raise DialogueError(f"{where}: deze naam is ook een einde. Geef stappen en eindes verschillende namen.")
        if not isinstance(raw_step, dict):
            raise DialogueError(f"{where}: een stap heeft de velden wie, zegt, vraag en keuzes.")
        raw_choices = raw_step.get("keuzes")
        if not isinstance(raw_choices, list) or len(raw_choices) < 2:
            raise DialogueError(f"{where}: geef minstens twee keuzes.")
        choices = []
        for number, raw_choice in enumerate(raw_choices, start=1):
            choice_where = f"{where}, keuze {number}"
            if not isinstance(raw_choice, dict):
                raise DialogueError(f"{choice_where}: een keuze heeft tekst, oordeel, terugkoppeling en volgende.")
            judgement = _text(raw_choice, "oordeel", choice_where).lower()
            if judgement not in JUDGEMENTS:
                raise DialogueError(
                    f"{choice_where}: oordeel '{judgement}' kan niet. Kies uit: {', '.join(JUDGEMENTS)}."
                )
            choices.append(Choice(
                text=_text(raw_choice, "tekst", choice_where),
                judgement=judgement,
                feedback=_text(raw_choice, "terugkoppeling", choice_where),
                next=_text(raw_choice, "volgende", choice_where),
            ))
        steps[str(step_id)] = Step(
            id=str(step_id),
            speaker=_text(raw_step, "wie", where),
            says=_text(raw_step, "zegt", where),
            question=_text(raw_step, "vraag", where),
            choices=tuple(choices),
        )
    start = _text(raw, "begin", source)
    if start not in steps:
        raise DialogueError(f"{source}: 'begin' noemt de stap '{start}', maar die bestaat niet.")
    for step in steps.values():
        for number, choice in enumerate(step.choices, start=1):
            if choice.next not in steps and choice.next not in endings:
                known = ", ".join([*steps, *endings])
                raise DialogueError(
                    f"{source}, stap '{step.id}', keuze {number}: 'volgende: {choice.next}' is geen stap en geen einde "
                    f"(wel: {known})."
                )
    _check_reachable_ending(steps, endings, start, source)
    reflection = raw.get("reflectie") or {}
    if not isinstance(reflection, dict):
        raise DialogueError(f"{source}: 'reflectie' heeft de velden vraag en controlelijst.")
    checklist = reflection.get("controlelijst") or []
    if not isinstance(checklist, list) or not all(isinstance(item, str) and item.strip() for item in checklist):
        raise DialogueError(f"{source}: 'controlelijst' is een lijst van korte zinnen.")
    return Dialogue(
        id=dialogue_id,
        title=_text(raw, "titel", source),
        minutes=minutes,
        idea=_text(raw, "idee", source, required=False),
        situation=_text(raw, "situatie", source),
        start=start,
        steps=steps,
        endings=endings,
        reflection_question=_text(reflection, "vraag", f"{source}, reflectie"),
        checklist=tuple(" ".join(item.split()) for item in checklist),
        source=source,
        key_points=key_points(reflection.get("kernpunten"), source),
        oca=oca(raw, source),
        endings_after_weak=endings_after_weak(raw_endings, source),
    )


def _check_reachable_ending(steps: dict[str, Step], endings: dict[str, str], start: str, source: str) -> None:
    """Every step the learner can reach must lead to an ending (no endless loop)."""
    reaches_end: set[str] = set()
    changed = True
    while changed:
        changed = False
        for step in steps.values():
            if step.id not in reaches_end and any(
                c.next in endings or c.next in reaches_end for c in step.choices
            ):
                reaches_end.add(step.id)
                changed = True
    stuck = sorted(s for s in steps if s not in reaches_end)
    if stuck:
        raise DialogueError(f"{source}: vanaf stap '{stuck[0]}' komt het gesprek nooit bij een einde.")


def read_file(path: Path) -> Dialogue:
    name = path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DialogueError(f"{name}: dit bestand is te groot voor een gespreksoefening (hoogstens 200 kB).")
        text = path.read_bytes().decode("utf-8-sig")
        raw = load_yaml(text)
    except yaml.YAMLError as exc:
        where = yaml_position(exc)
        raise DialogueError(
            f"{name}{where}: geen geldige YAML. Controleer inspringing, aanhalingstekens en dubbele punten."
        ) from exc
    except UnicodeDecodeError as exc:
        raise DialogueError(f"{name}: niet als UTF-8 opgeslagen. Sla het bestand op als UTF-8.") from exc
    except OSError as exc:
        raise DialogueError(f"{name}: kan niet worden gelezen ({exc.strerror}).") from exc
    return parse_dialogue(raw, name)


def builtin_folder() -> Path:
    return TEXTS_DIR / language() / FOLDER


def trainer_folders() -> list[Path]:
    """``gesprekken/`` next to the course notebooks (existing folders only)."""
    from verbinding.paths import course_folders

    return [folder / FOLDER for folder in course_folders() if (folder / FOLDER).is_dir()]


def load_folder(folder: Path) -> tuple[list[Dialogue], list[str]]:
    """The dialogues of one folder and a Dutch problem per file that cannot be used."""
    return load_folder_except(folder, None)


def load_folder_except(folder: Path, skipped: str | None) -> tuple[list[Dialogue], list[str]]:
    """:func:`load_folder` without the file named ``skipped`` (a trainer's exercise folder
    keeps its ``module.yaml`` beside its dialogues, :mod:`verbinding.exercises`)."""
    dialogues: list[Dialogue] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == skipped:
            continue
        try:
            dialogues.append(read_file(path))
        except DialogueError as exc:
            problems.append(str(exc))
    return dialogues, problems


@lru_cache(maxsize=4)
def _load_all(folders: tuple[Path, ...], stamp: tuple) -> tuple[tuple[Dialogue, ...], tuple[str, ...]]:
    dialogues: dict[str, Dialogue] = {}
    problems: list[str] = []
    for folder in folders:
        found, folder_problems = load_folder(folder)
        problems.extend(folder_problems)
        for dialogue in found:
            if dialogue.id in dialogues:
                problems.append(
                    f"{dialogue.source}: de id '{dialogue.id}' bestaat al ({dialogues[dialogue.id].source}); "
                    "dit gesprek is overgeslagen. Geef het een eigen id."
                )
                continue
            dialogues[dialogue.id] = dialogue
    return tuple(dialogues.values()), tuple(problems)


def all_dialogues() -> tuple[tuple[Dialogue, ...], tuple[str, ...]]:
    """Built-in dialogues, then the trainer's; re-read when a file changes."""
    folders = (builtin_folder(), *trainer_folders())
    stamp = tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for folder in folders for p in sorted(folder.glob("*.yaml"))
    )
    return _load_all(folders, stamp)


def check_folder(folder: Path) -> list[str]:
    """Problems of the dialogue files in ``folder`` (for ``verbinding check-texts``)."""
    if not folder.is_dir():
        return []
    return load_folder(folder)[1]


# ----------------------------------------------------------------------------- the learner's work

@dataclass
class Walk:
    choices: list[tuple[str, int]] = field(default_factory=list)
    ending: str | None = None


@dataclass
class Practice:
    """One learner's work on one dialogue."""

    walks: list[Walk] = field(default_factory=list)
    response: str = ""
    checked: list[int] = field(default_factory=list)

    @classmethod
    def from_dict(cls, state: object, dialogue: Dialogue) -> Practice:
        state = state if isinstance(state, dict) else {}
        walks = []
        for raw_walk in state.get("walks") or []:
            if isinstance(raw_walk, dict):
                walks.append(_valid_walk(raw_walk, dialogue))
        response = state.get("response")
        checked = state.get("checked") or []
        return cls(
            walks=[w for w in walks if w.choices or w.ending],
            response=response if isinstance(response, str) else "",
            checked=sorted({i for i in checked if isinstance(i, int) and 0 <= i < len(dialogue.checklist)}),
        )

    def to_dict(self) -> dict:
        return {
            "walks": [{"choices": [list(c) for c in w.choices], "ending": w.ending} for w in self.walks],
            "response": self.response,
            "checked": list(self.checked),
        }

    @property
    def current(self) -> Walk | None:
        return self.walks[-1] if self.walks else None


def _valid_walk(raw: dict, dialogue: Dialogue) -> Walk:
    """The part of a saved walk that still fits the dialogue (a trainer may edit it)."""
    walk = Walk()
    position = dialogue.start
    for item in raw.get("choices") or []:
        if not (isinstance(item, list) and len(item) == 2 and item[0] == position and isinstance(item[1], int)):
            break
        step = dialogue.step(position)
        if step is None or not 0 <= item[1] < len(step.choices):
            break
        walk.choices.append((position, item[1]))
        position = step.choices[item[1]].next
        if position in dialogue.endings:
            walk.ending = position
            break
    saved, ending = raw.get("choices") or [], raw.get("ending")
    if walk.ending is None and walk.choices and len(walk.choices) == len(saved) and isinstance(ending, str) and ending:
        walk.ending = ending  # ended under an earlier version of the file: it stays ended
    return walk


def position(walk: Walk | None, dialogue: Dialogue) -> str:
    """The step the learner is at in a walk (the start when there is none)."""
    if walk is None or not walk.choices:
        return dialogue.start
    step_id, index = walk.choices[-1]
    return dialogue.steps[step_id].choices[index].next


def choose(practice: Practice, dialogue: Dialogue, index: int) -> Choice:
    """Take choice ``index`` at the current step; a finished walk is never changed."""
    walk = practice.current
    if walk is None or walk.ending is not None:
        raise ValueError("no open walk")
    step_id = position(walk, dialogue)
    step = dialogue.steps[step_id]
    choice = step.choices[index]
    walk.choices.append((step_id, index))
    if choice.next in dialogue.endings:
        walk.ending = choice.next
    return choice


def start_walk(practice: Practice) -> None:
    """Begin a (new) walk; earlier walks stay as they were."""
    current = practice.current
    if current is not None and current.ending is None and not current.choices:
        return
    practice.walks.append(Walk())


def first_walk_score(practice: Practice, dialogue: Dialogue) -> dict[str, int]:
    """How many of the first walk's choices were sterk, redelijk or zwak."""
    counts = dict.fromkeys(JUDGEMENTS, 0)
    if practice.walks:
        for step_id, index in practice.walks[0].choices:
            counts[dialogue.steps[step_id].choices[index].judgement] += 1
    return counts


def is_done(practice: Practice) -> bool:
    """Walked to an ending and wrote a response of a few sentences (a word or two is not
    yet an answer to discuss: a walk finished the module with any text)."""
    return any(w.ending for w in practice.walks) and has_response(practice)


def has_response(practice: Practice) -> bool:
    return dutch.reflection_kind(practice.response) == "ok"


def practices(state: object, dialogues: tuple[Dialogue, ...]) -> dict[str, Practice]:
    saved = state.get("dialogues") if isinstance(state, dict) else None
    saved = saved if isinstance(saved, dict) else {}
    return {d.id: Practice.from_dict(saved.get(d.id), d) for d in dialogues}


def still_to_do(state: object) -> list[str]:
    """What is missing for "afgerond", in Dutch: every dialogue walked to an ending, with a
    written response."""
    dialogues, _ = all_dialogues()
    if not dialogues:
        return [t("gesprekken.todo.none")]
    done = practices(state, dialogues)
    unwalked = [d.title for d in dialogues if not any(w.ending for w in done[d.id].walks)]
    unanswered = [d.title for d in dialogues if not has_response(done[d.id])]
    word = (t("gesprekken.todo.dialogue"), t("gesprekken.todo.dialogues"))
    missing = []
    for key, titles in (("walk", unwalked), ("response", unanswered)):
        if len(titles) == len(dialogues) > 1:  # 'alle 3 gesprekken'
            missing.append(t(f"gesprekken.todo.{key}_all", dialogues=dutch.part_of(len(titles), len(titles), *word)))
        elif titles:
            names = dutch.some(t("gesprekken.todo.title", title=title) for title in titles)
            missing.append(t(f"gesprekken.todo.{key}", names=names, dialogues=dutch.count(len(titles), *word)))
    return missing


def is_complete(state: object) -> bool:
    """Module done: nothing :func:`still_to_do`."""
    return not still_to_do(state)


# What the learner sees after a walk and a response, and the export: in ``results`` (this file
# holds the format and the walking). Imported last, because ``results`` reads the model above.
from verbinding.modules.gesprekken.results import compare_sentence, export_blocks, export_dialogues  # noqa: E402, F401, I001
from verbinding.modules.gesprekken.results import ending_text, response_reaction, route_lines, score_sentence  # noqa: E402, F401
from verbinding.modules.gesprekken.results import walk_score  # noqa: E402, F401
