"""The course map: modules in order, their notebooks and durations (no widgets).

This is the one list of modules. The workbook (which module ids a file may hold), the
export (which modules, under which title, by which function), the course map's progress
(which model judges "afgerond") and the app (which view) all read it from here; a test
(tests/test_course_files.py) fails when a list of module ids is typed anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from .texts import catalogue, t


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

    @property
    def title(self) -> str:
        return t(f"common.modules.{self.id}.title")

    @property
    def minutes(self) -> int:
        return int(catalogue()[f"common.modules.{self.id}.minutes"])


MODULES: tuple[Module, ...] = (
    Module("kennismaken", "00_kennismaken.ipynb", "verbinding.ui.intro:IntroExercise", model="verbinding.intro"),
    Module("drempels", "01_drempels.ipynb", "verbinding.ui.barriers:BarriersExercise", model="verbinding.barriers"),
    Module("outreach", "02_outreach.ipynb", "verbinding.ui.outreach:OutreachExercise", per_case=True,
           model="verbinding.outreach"),
    Module("connection", "03_connection.ipynb", "verbinding.ui.connection:ConnectionExercise", per_case=True,
           model="verbinding.connection"),
    Module("accountability", "04_accountability.ipynb", "verbinding.ui.accountability:AccountabilityExercise",
           per_case=True, model="verbinding.accountability"),
    Module("eigen_dossier", "05_eigen_dossier.ipynb", "verbinding.ui.dossier:DossierExercise", model="verbinding.dossier"),
    Module("echte_agendas", "06_echte_agendas.ipynb", "verbinding.ui.agendas:AgendaExercise", model="verbinding.agendas"),
    Module("gesprekken", "06b_gesprekken.ipynb", "verbinding.ui.dialogue:DialogueExercise", model="verbinding.dialogue"),
    Module("afronding", "07_afronding.ipynb", "verbinding.ui.closing:ClosingExercise", model="verbinding.closing"),
)

# The course app (one Voilà page for the whole course) lives in this notebook; its start
# screen, the course overview, takes its text from INDEX's notebook.
APP_NOTEBOOK = "index.ipynb"
INDEX = Module("index", "overzicht.ipynb", "verbinding.ui.index:CourseIndex")
# Work saved and exported without a page of its own: the learning check, asked at the start
# (Kennismaken) and at the end (Afronding).
LEARNING = Module("leerwinst", "", model="verbinding.learning")
# Every module a workbook holds, in the order the file and the export keep them.
SAVED_MODULES: tuple[Module, ...] = (INDEX, *MODULES, LEARNING)

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
    for item in (INDEX, GLOSSARY, *MODULES, *TRAINER_PAGES, STATEMENT):
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
    ids = [m.id for m in MODULES]
    if module_id not in ids:
        return None
    position = ids.index(module_id)
    return MODULES[position + 1] if position + 1 < len(MODULES) else None


def total_minutes() -> int:
    return sum(m.minutes for m in MODULES)


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
