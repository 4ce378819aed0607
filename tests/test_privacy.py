"""Privacy by design: no phone number or e-mail address of a person in any shipped file or in
what module 6 shows (issue 25). The real agendas name press officers with their mobile
number; the course strips them at build time and again when it loads a file."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import ipywidgets as widgets
import pytest

from verbinding import privacy
from verbinding.modules import echte_agendas as agendas
from verbinding.modules.echte_agendas.view import AgendaExercise
from verbinding.workbook import Workbook

ROOT = Path(__file__).resolve().parents[1]
# Files that must speak about phone numbers and e-mail addresses to test or strip them.
ABOUT_CONTACT_DATA = {"tests/test_privacy.py", "widgets/verbinding/privacy.py"}
# Third-party code shipped as is (Vega's minified digits table looks like a phone number).
VENDORED = ("widgets/verbinding/voila_template/verbinding/static/vega/",)


def shipped_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return [ROOT / name for name in listed
            if name not in ABOUT_CONTACT_DATA and not name.startswith(VENDORED) and (ROOT / name).is_file()]


def read_text(path: Path) -> str | None:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if b"\0" in data[:4096]:
        return None
    return data.decode("utf-8", errors="replace")


@pytest.mark.parametrize("text, found", [
    ("kunt u contact opnemen met X, tel: 06-11201624 of x.y@minlnv.nl.", True),
    ("Sonja van der Graaf (06- 29647422)", True),
    ("+316-31102741", True),
    ("n.c.stoel@minezk.nl, 06 29 67 42 22", True),
    ("Postbus.MCBZK@minbzk.nl", True),
    ("Overleg op 05-09-2022 over 1.942 organisaties", False),
    ("Minister Wiersma spreekt met de VNG.", False),
])
def test_the_detector_finds_phone_numbers_and_addresses_not_dates(text, found):
    assert privacy.has_contact_data(text) is found


def test_scrubbing_drops_the_contact_sentence_and_keeps_the_rest():
    text = ("Minister Staghouwer bezoekt een boerderij in Dronten. Voor vragen kunt u contact opnemen "
            "met Cindy Heijdra, tel: 06-31102741 of c.m.heijdra@minlnv.nl")
    clean = privacy.scrub_text(text)
    assert clean == "Minister Staghouwer bezoekt een boerderij in Dronten."
    assert "Heijdra" not in clean
    assert privacy.scrub_text("Overleg met de VNG. Bel 0653785091 of mail a@b.nl.") == "Overleg met de VNG."
    assert privacy.scrub_text("Geen contactgegevens.") == "Geen contactgegevens."


def test_no_shipped_file_holds_a_phone_number_or_email_address():
    found = []
    for path in shipped_files():
        text = read_text(path)
        if text is None:
            continue
        for pattern in (privacy.PHONE, privacy.EMAIL):
            for match in pattern.finditer(text):
                found.append(f"{path.relative_to(ROOT)}: {match.group(0)!r}")
    assert not found, "\n".join(found[:20])


def test_a_trainers_fresh_copy_is_scrubbed_when_loaded(tmp_path, monkeypatch):
    source = agendas.data_dir()
    for name in source.iterdir():
        (tmp_path / name.name).write_bytes(name.read_bytes())
    raw = gzip.decompress((source / "agendas_rutteIV.csv.gz").read_bytes()).decode("utf-8")
    header, first, rest = raw.split("\n", 2)
    cells = first.split(",")
    line = ",".join(cells[:4] + ['"Gesprek met de VNG. Media kunnen contact opnemen met Jan Jansen, tel: 06-12345678."']
                    + cells[5:])
    (tmp_path / "agendas_rutteIV.csv.gz").unlink()
    (tmp_path / "agendas_rutteIV.csv").write_text("\n".join([header, line, rest]), encoding="utf-8")
    monkeypatch.setattr(agendas.data, "data_dir", lambda: tmp_path)
    agendas.load_period.cache_clear()
    try:
        entries = agendas.load_period("rutteIV").entries
        assert not entries["text"].str.contains("06-12345678|Jansen").any()
        assert entries["text"].str.contains("Gesprek met de VNG.", regex=False).any()
    finally:
        agendas.load_period.cache_clear()


def shown_text(widget) -> str:
    parts, stack = [], [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, (widgets.HTML, widgets.Label, widgets.HTMLMath)):
            parts.append(str(node.value))
        if isinstance(node, widgets.Dropdown):
            parts.extend(str(label) for label, _ in node.options)
        stack.extend(getattr(node, "children", ()))
    return "\n".join(parts)


class FakePage:
    def __init__(self, workbook):
        self.workbook = workbook


def test_module_6_pages_show_no_contact_data(data_home):
    """Every page of the ministries whose agendas named press officers, as the learner sees it."""
    exercise = AgendaExercise(FakePage(Workbook.open("privacy-walk")))
    pages = 0
    for period, ministry in (("rutteIV", "Landbouw, Natuur en Voedselkwaliteit"),
                             ("rutteIV", "Sociale Zaken en Werkgelegenheid"),
                             ("rutteIII", "Landbouw, Natuur en Voedselkwaliteit")):
        exercise.period.value = period
        exercise.ministry.value = ministry
        while True:
            text = shown_text(exercise)
            assert not privacy.has_contact_data(text), text
            assert "contact opnemen" not in text
            pages += 1
            before = [row.entry_id for row in exercise.rows]
            exercise.next.click()
            if [row.entry_id for row in exercise.rows] == before:
                break
    assert pages > 20
