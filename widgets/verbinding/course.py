"""The course map: modules in order, their notebooks and durations (no widgets).

Each course module has a folder of its own, ``modules/<id>/``, with its declared spec
``module.yaml`` (id, order, notebook, view, model, per case or not, its text areas); :data:`MODULES` is
found by reading those folders, in the order they declare. A module's title and duration
are texts a trainer may edit: ``common.modules.<id>`` in ``texts/nl/common.yaml``.

A trainer adds an exercise of their own as a folder ``oefeningen/<id>/`` next to the course
notebooks (:mod:`verbinding.exercises`); :func:`course_modules` puts those in their place.

The workbook (which module ids a file may hold), the export (which modules, under which
title, by which function), the course map's progress (which model judges "afgerond") and
the app (which view) all read the modules from here; a test (tests/test_course_files.py)
fails when a list of module ids is typed anywhere else.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from verbinding.texts import catalogue, load_yaml, t

MODULES_DIR = Path(__file__).resolve().parent / "modules"
SPEC_FILE = "module.yaml"
SPEC_KEYS = frozenset({"id", "order", "notebook", "view", "model", "per_case", "texts"})


@dataclass(frozen=True)
class Module:
    id: str
    notebook: str  # path relative to course/
    # "module:Class" of the view the course app shows for this module; built as
    # ``Class(page)`` on the module's first visit. Empty for pages outside the app.
    view: str = ""
    # True when the module's work belongs to the chosen case (kept per case in the workbook).
    per_case: bool = False
    # The pure model module (no widgets) of the module's saved work: its ``export_blocks(state)``
    # writes the work into the download and the Word export; its ``is_complete(state)``, when
    # it has one, says "afgerond" on the course map. Empty: nothing saved to export.
    model: str = ""
    # The module's own text areas: ``texts/<language>/<area>.yaml`` (and the folder
    # ``<area>/`` when it has one). They stay in the language folder, not in the module's
    # folder, so a translator adds one folder and a trainer edits one folder, and
    # ``check-texts`` checks that folder; the spec names them, so the room is still whole.
    texts: tuple[str, ...] = ()
    # A trainer's own exercise (``oefeningen/<id>/``): its folder, and the title and minutes
    # its ``module.yaml`` declares (built-in modules take theirs from the texts).
    folder: Path | None = None
    own_title: str = ""
    own_minutes: int = 0

    @property
    def title(self) -> str:
        return self.own_title or t(f"common.modules.{self.id}.title")

    @property
    def minutes(self) -> int:
        return self.own_minutes or int(catalogue()[f"common.modules.{self.id}.minutes"])

    @property
    def is_trainers(self) -> bool:
        return self.folder is not None

    def view_class(self) -> type | None:
        """The class of the module's exercise view (None for a page of text only)."""
        if not self.view:
            return None
        module_name, class_name = self.view.split(":")
        return getattr(importlib.import_module(module_name), class_name)

    def function(self, name: str):
        """The model's ``export_blocks`` or ``is_complete`` for this module's saved state
        (None when the model has none)."""
        if self.folder is not None:
            from functools import partial

            from verbinding import exercises

            return partial(getattr(exercises, name), self)
        return getattr(importlib.import_module(self.model), name, None) if self.model else None


def read_spec(path: Path) -> tuple[int, Module]:
    """(order, module) of one ``modules/<id>/module.yaml``; a ValueError names what is wrong."""
    raw = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or set(raw) - SPEC_KEYS or not {"id", "order", "notebook"} <= set(raw):
        raise ValueError(f"{path}: a module spec has {', '.join(sorted(SPEC_KEYS))} (id, order, notebook required)")
    if raw["id"] != path.parent.name:
        raise ValueError(f"{path}: id {raw['id']!r} is not the folder's name")
    if not isinstance(raw["order"], int) or not isinstance(raw.get("per_case", False), bool):
        raise ValueError(f"{path}: order is a whole number, per_case true or false")
    areas = raw.get("texts", [])
    if not isinstance(areas, list) or not all(isinstance(area, str) for area in areas):
        raise ValueError(f"{path}: texts is a list of text areas (file names in texts/<language>/)")
    return raw["order"], Module(str(raw["id"]), str(raw["notebook"]), str(raw.get("view") or ""),
                                raw.get("per_case", False), str(raw.get("model") or ""),
                                texts=tuple(areas))


def discover(folder: Path = MODULES_DIR) -> tuple[Module, ...]:
    """The modules of the ``<id>/module.yaml`` specs in ``folder``, in their declared order."""
    found = sorted((read_spec(path) for path in folder.glob(f"*/{SPEC_FILE}")), key=lambda item: item[0])
    orders = [order for order, _ in found]
    if len(set(orders)) != len(orders):
        raise ValueError(f"{folder}: two modules declare the same order")
    return tuple(module for _, module in found)


# The course's own modules, in order (the folders in modules/).
MODULES: tuple[Module, ...] = discover()


def course_modules() -> tuple[Module, ...]:
    """The course's modules with the trainer's own exercises in their places (read again
    when a trainer's folder changes; a folder with a problem is left out)."""
    from verbinding.exercises import place

    return place(MODULES)


# The course app (one Voilà page for the whole course) lives in this notebook; its start
# screen, the course overview, takes its text from INDEX's notebook.
APP_NOTEBOOK = "index.ipynb"
INDEX = Module("index", "overzicht.ipynb", "verbinding.ui.index:CourseIndex")
# Work saved and exported without a page of its own: the learning check, asked at the start
# (Kennismaken) and at the end (Afronding).
LEARNING = Module("leerwinst", "", model="verbinding.learning")
# Every module a workbook holds, in the order the file and the export keep them.
SAVED_MODULES: tuple[Module, ...] = (INDEX, *MODULES, LEARNING)


def saved_modules() -> tuple[Module, ...]:
    """:data:`SAVED_MODULES` with the trainer's own exercises in their places."""
    return (INDEX, *course_modules(), LEARNING)


def saved_ids() -> tuple[str, ...]:
    """Every module id a workbook may hold: those of :func:`saved_modules`, and the id of
    each trainer's exercise folder even while it has a problem (its saved work is kept)."""
    from verbinding.exercises import folder_ids

    ids = tuple(m.id for m in saved_modules())
    return ids + tuple(i for i in folder_ids() if i not in ids)

# The built-in case every page uses until the learner chooses one.
DEFAULT_CASE = "klimaatadaptatie"
PER_CASE_MODULES = frozenset(m.id for m in MODULES if m.per_case)
# The begrippenlijst: reachable from every module (terms link to begrippen.ipynb#<id>).
GLOSSARY = Module("begrippen", "begrippen.ipynb", "verbinding.ui.glossary:GlossaryView")
# The accessibility statement (toegankelijkheidsverklaring), for learners and trainers alike.
STATEMENT = Module("toegankelijkheid", "toegankelijkheid.ipynb")  # text only, no exercise

TRAINER_PAGES: tuple[Module, ...] = (
    Module("handleiding", "trainer/handleiding.ipynb"),
    Module("klasoverzicht", "trainer/klasoverzicht.ipynb"),
    Module("nieuwe_oefening", "trainer/nieuwe_oefening.ipynb"),
)


def module(module_id: str) -> Module:
    for item in (INDEX, GLOSSARY, *course_modules(), *TRAINER_PAGES, STATEMENT, LEARNING):
        if item.id == module_id:
            return item
    raise KeyError(module_id)


def module_for_notebook(notebook: str) -> Module | None:
    """The course app's module shown by a notebook (``02_outreach.ipynb``), if any."""
    notebook = notebook.lstrip("./")
    if notebook == APP_NOTEBOOK:
        return INDEX
    for item in (INDEX, GLOSSARY, STATEMENT, *MODULES):
        if item.notebook == notebook:
            return item
    return None


def next_module(module_id: str) -> Module | None:
    modules = course_modules()
    ids = [m.id for m in modules]
    if module_id not in ids:
        return None
    position = ids.index(module_id)
    return modules[position + 1] if position + 1 < len(modules) else None


def total_minutes() -> int:
    return sum(m.minutes for m in course_modules())


@dataclass(frozen=True)
class Route:
    """A way through the course for the time a learner or a class has.

    ``days`` splits the route over sessions: each day is a tuple of module ids, in course
    order. Durations are never typed here: they come from the modules.
    """

    id: str
    days: tuple[tuple[str, ...], ...]

    @property
    def title(self) -> str:
        return t(f"intro.routes.{self.id}.title")

    @property
    def modules(self) -> tuple[Module, ...]:
        return tuple(module(module_id) for day in self.days for module_id in day)

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)

    def day_minutes(self) -> list[int]:
        return [sum(module(module_id).minutes for module_id in day) for day in self.days]


# Two hours: the drempels, one OCA exercise with the case, a conversation, the close.
# Four hours: the three OCA questions on the case and the learner's own dossier, split over
# two sessions so the dossier can wait a day. The whole course is the third route.
ROUTES: tuple[Route, ...] = (
    Route("kort", (("kennismaken", "drempels", "connection", "gesprekken", "afronding"),)),
    Route(
        "halve_dag",
        (
            ("kennismaken", "drempels", "outreach", "connection"),
            ("accountability", "eigen_dossier", "afronding"),
        ),
    ),
    Route(
        "volledig",
        (
            ("kennismaken", "drempels", "outreach", "connection"),
            ("accountability", "eigen_dossier", "echte_agendas", "gesprekken", "afronding"),
        ),
    ),
)



def duration_text(minutes: int) -> str:
    """'4 uur en 45 minuten', '5 uur', '40 minuten': the one way README, guide and app say it."""
    hours, rest = divmod(int(minutes), 60)
    parts = ([f"{hours} uur"] if hours else []) + ([f"{rest} minuten"] if rest or not hours else [])
    return " en ".join(parts)
