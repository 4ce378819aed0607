"""Plain Dutch wherever a learner or trainer reads (issue 25 item 5): no English where Dutch
exists, no repository paths or internal notes in learner texts, one number format, and one
set of module durations (from the module definitions) in README, guide and app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from verbinding.course import MODULES, duration_text, total_minutes
from verbinding.texts import TEXTS_DIR

ROOT = Path(__file__).resolve().parents[1]
TEXTS = TEXTS_DIR / "nl"
# English where Dutch exists (a learner meets the Dutch word; the glossary may name the
# English one beside it).
ENGLISH = ("second opinion", "rood team", "red team", "stakeholder", "IAP2-spectrum", "feedbackloop")
# Internal notes and repository paths: a learner gets the public source instead.
INTERNAL = re.compile(
    r"facts\.md|DESIGN\.md|\b(?:datasets|widgets|shared|tests|deploy)/[\w./-]*|\bREADME\.md"
    r"|geen andere bron (?:gevonden|vonden)|vonden we geen andere bron|\bTODO\b|\bFIXME\b",
    re.IGNORECASE,
)
# Texts only trainers read may name the files they edit.
TRAINER_TEXTS = {"cases.yaml", "classview.yaml", "trainer.yaml", "access.yaml"}
# Lists of search words for real data, not sentences (agendas.yaml: what agendas say).
DATA_KEYS = {"keywords", "generic_terms"}


def strings(node, path=()):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, (*path, str(key)))
    elif isinstance(node, list):
        for value in node:
            yield from strings(value, path)


def text_files() -> list[Path]:
    return sorted(TEXTS.rglob("*.yaml"))


def learner_notebooks() -> list[Path]:
    return sorted((ROOT / "course").glob("*.ipynb"))


def notebook_text(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in cells if c["cell_type"] == "markdown")


def english_in(text: str) -> list[str]:
    found = []
    for word in ENGLISH:
        for match in re.finditer(re.escape(word), text, re.IGNORECASE):
            quoted = word == "stakeholder" and text[max(0, match.start() - 1):match.start()] in ("'", "‘")
            if not quoted:  # 'stakeholders' quoted as what an agenda says is data, not our word
                found.append(word)
    return found


def test_the_text_files_include_the_dialogues():
    names = {p.relative_to(TEXTS).parts[0] for p in text_files()}
    assert "gesprekken" in names and "agendas.yaml" in names


@pytest.mark.parametrize("path", text_files(), ids=lambda p: str(p.relative_to(TEXTS)))
def test_text_files_speak_plain_dutch(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = []
    for keys, text in strings(data):
        if DATA_KEYS & set(keys):
            continue
        text = re.sub(r"\{[^{}]*\}", "", text)  # placeholders such as {stakeholders} are code
        if path.name == "glossary.yaml" and keys[-1:] == ("begrip",):
            continue  # a glossary entry may name the English term it explains
        problems += [f"{'.'.join(keys)}: English '{w}'" for w in english_in(text)]
        if path.name not in TRAINER_TEXTS:
            problems += [f"{'.'.join(keys)}: internal '{m.group(0)}'" for m in INTERNAL.finditer(text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", learner_notebooks(), ids=lambda p: p.name)
def test_course_notebooks_speak_plain_dutch(path):
    text = notebook_text(path)
    problems = [f"English '{w}'" for w in english_in(text)]
    problems += [f"internal '{m.group(0)}'" for m in INTERNAL.finditer(text)]
    assert not problems, "\n".join(problems)


# Words of the data trade a learner need not know (module 2's step 1 said the data was
# "gekalibreerd op de vorm van echte contactlogs (zie datasets/README.md)").
JARGON = re.compile(r"\b(?:ge)?kalibre\w*|\bsynthetisch\w*|\bdataset\w*|\bsystematische verkenning"
                    r"|\bstructureel\b|\b[\w-]+\.(?:csv|md|ya?ml|py|xlsx|json)\b", re.IGNORECASE)


def case_files() -> list[Path]:
    return sorted((ROOT / "datasets").glob("*/case.yaml"))


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.parent.name)
def test_a_case_speaks_plain_dutch_to_the_learner(path):
    """What a case says to a learner (title, challenge, ministry, dimensions, texts) names
    no file and no jargon; comments for the trainer may."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    shown = {key: data.get(key) for key in ("titel", "uitdaging", "ministerie", "dimensies", "teksten")}
    problems = [f"{'.'.join(keys)}: '{m.group(0)}'" for keys, text in strings(shown)
                for pattern in (JARGON, INTERNAL) for m in pattern.finditer(text)]
    assert not problems, "\n".join(problems)


def test_outreach_texts_use_no_jargon():
    data = yaml.safe_load((TEXTS / "outreach.yaml").read_text(encoding="utf-8"))
    problems = [f"{'.'.join(keys)}: '{m.group(0)}'" for keys, text in strings(data) for m in JARGON.finditer(text)]
    problems += [f"02_outreach.ipynb: '{m.group(0)}'" for m in JARGON.finditer(notebook_text(ROOT / "course" / "02_outreach.ipynb"))]
    assert not problems, "\n".join(problems)


def test_the_guide_cites_no_internal_notes():
    text = notebook_text(ROOT / "course" / "trainer" / "handleiding.ipynb")
    assert not re.search(r"facts\.md|geen andere bron|vonden we geen", text, re.IGNORECASE)
    assert not english_in(text)


def duration_rows(text: str) -> dict[str, int]:
    """Title -> minutes from a Markdown table whose last cell is 'N min'."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.fullmatch(r"\d+ min", cells[-1]):
            rows[re.sub(r"^\d+\.\s*", "", cells[-2])] = int(cells[-1].split()[0])
    return rows


def test_durations_are_the_same_in_readme_guide_and_app(data_home):
    """Walk finding: module 1 took 30 min in the README and 40 in the app."""
    from types import SimpleNamespace

    from verbinding.ui.index import CourseIndex
    from verbinding.workbook import Workbook

    expected = {re.sub(r"^\d+\.\s*", "", m.title): m.minutes for m in MODULES}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = notebook_text(ROOT / "course" / "trainer" / "handleiding.ipynb")
    assert duration_rows(readme) == expected
    assert duration_rows(guide) == expected
    total = f"Samen ongeveer {duration_text(total_minutes())}."
    assert total in readme
    page = SimpleNamespace(workbook=Workbook.open("durations", home=data_home), link_html=lambda nb, title: title)
    try:
        index = CourseIndex(page, ROOT / "course")
    except TypeError:
        pytest.skip("the course index needs a full page")
    shown = index.map.value
    for title, minutes in expected.items():
        assert f"{title}</td><td>{minutes} min</td>" in shown
    assert total in shown
    assert "dagdelen" in shown and "dagdelen" in readme


def test_durations_read_as_dutch():
    assert duration_text(285) == "4 uur en 45 minuten"
    assert duration_text(300) == "5 uur" and duration_text(40) == "40 minuten"


def test_module_6_writes_large_numbers_one_way():
    """Walk finding: '1942' and '1.942' for one number on one page."""
    from verbinding.modules.echte_agendas import AgendaRegister

    register = AgendaRegister(period="rutteIV")
    text = " ".join([register.summary(), *register.limit_texts()])
    assert "1.942" in text or not re.search(r"\b\d{4,}\b", text)
    assert not re.search(r"(?<![\d.,])\d{4,}(?![\d.,])", text.replace("2022", "").replace("2023", "")), text


def test_no_either_or_plurals_in_any_text():
    """Walk finding: check-case and the access command printed 'rij(en)', 'melding(en)', 'regel(s)'."""
    found = []
    for path in text_files():
        for keys, text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if re.search(r"\w\((?:en|s|n)\)", text):
                found.append(f"{path.name}: {'.'.join(keys)}")
    assert not found, found
    from verbinding.cases import counted

    assert counted(1, "row") == "1 rij" and counted(1200, "report") == "1.200 meldingen"
