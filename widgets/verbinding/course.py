"""The course map: modules in order, their notebooks and durations (no widgets)."""

from __future__ import annotations

from dataclasses import dataclass

from .texts import catalogue, t


@dataclass(frozen=True)
class Module:
    id: str
    notebook: str  # path relative to course/

    @property
    def title(self) -> str:
        return t(f"common.modules.{self.id}.title")

    @property
    def minutes(self) -> int:
        return int(catalogue()[f"common.modules.{self.id}.minutes"])


MODULES: tuple[Module, ...] = (
    Module("kennismaken", "00_kennismaken.ipynb"),
    Module("drempels", "01_drempels.ipynb"),
    Module("outreach", "02_outreach.ipynb"),
    Module("connection", "03_connection.ipynb"),
    Module("accountability", "04_accountability.ipynb"),
    Module("eigen_dossier", "05_eigen_dossier.ipynb"),
    Module("echte_agendas", "06_echte_agendas.ipynb"),
)

INDEX = Module("index", "index.ipynb")

TRAINER_PAGES: tuple[Module, ...] = (
    Module("handleiding", "trainer/handleiding.ipynb"),
    Module("klasoverzicht", "trainer/klasoverzicht.ipynb"),
    Module("nieuwe_oefening", "trainer/nieuwe_oefening.ipynb"),
)


def module(module_id: str) -> Module:
    for item in (INDEX, *MODULES, *TRAINER_PAGES):
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
