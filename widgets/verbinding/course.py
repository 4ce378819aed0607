"""The course map: modules in order, their notebooks and durations (no widgets)."""

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

    @property
    def title(self) -> str:
        return t(f"common.modules.{self.id}.title")

    @property
    def minutes(self) -> int:
        return int(catalogue()[f"common.modules.{self.id}.minutes"])


MODULES: tuple[Module, ...] = (
    Module("kennismaken", "00_kennismaken.ipynb", "verbinding.ui.intro:IntroExercise"),
    Module("drempels", "01_drempels.ipynb", "verbinding.ui.barriers:BarriersExercise"),
    Module("outreach", "02_outreach.ipynb", "verbinding.ui.outreach:OutreachExercise", per_case=True),
    Module("connection", "03_connection.ipynb", "verbinding.ui.connection:ConnectionExercise", per_case=True),
    Module(
        "accountability", "04_accountability.ipynb", "verbinding.ui.accountability:AccountabilityExercise",
        per_case=True,
    ),
    Module("eigen_dossier", "05_eigen_dossier.ipynb", "verbinding.ui.dossier:DossierExercise"),
    Module("echte_agendas", "06_echte_agendas.ipynb", "verbinding.ui.agendas:AgendaExercise"),
)

INDEX = Module("index", "index.ipynb")
# The accessibility statement (toegankelijkheidsverklaring), for learners and trainers alike.
STATEMENT = Module("toegankelijkheid", "toegankelijkheid.ipynb")

TRAINER_PAGES: tuple[Module, ...] = (
    Module("handleiding", "trainer/handleiding.ipynb"),
    Module("klasoverzicht", "trainer/klasoverzicht.ipynb"),
    Module("nieuwe_oefening", "trainer/nieuwe_oefening.ipynb"),
)


def module(module_id: str) -> Module:
    for item in (INDEX, *MODULES, *TRAINER_PAGES, STATEMENT):
        if item.id == module_id:
            return item
    raise KeyError(module_id)


def next_module(module_id: str) -> Module | None:
    ids = [m.id for m in MODULES]
    if module_id not in ids:
        return None
    position = ids.index(module_id)
    return MODULES[position + 1] if position + 1 < len(MODULES) else None


def total_minutes() -> int:
    return sum(m.minutes for m in MODULES)
