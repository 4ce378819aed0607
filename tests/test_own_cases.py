"""A trainer's own case: found in casussen/ or $VERBINDING_CASES, chosen as 'eigen:<map>'.

Own cases are built the way a trainer does it: copy datasets/voorbeeld-eigen-casus to a
folder and rename it. A workbook (which a learner may upload) names a case only by
reference; no reference may make the kernel read a folder outside the own-case folders.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from verbinding import paths
from verbinding.cases import (
    CaseError,
    Problem,
    check_case_command,
    course_cases,
    load_case,
    load_course_case,
    own_cases,
    report_summary,
)
from verbinding.texts import t
from verbinding.ui.index import CourseIndex
from verbinding.ui.page import DEFAULT_CASE, CoursePage
from verbinding.workbook import Workbook

EXAMPLE = paths.datasets_dir() / "voorbeeld-eigen-casus"


def make_case(folder: Path, title: str | None = None) -> Path:
    """Copy the example case to ``folder`` (as a trainer does), optionally with a new title."""
    shutil.copytree(EXAMPLE, folder)
    if title is not None:
        yaml_path = folder / "case.yaml"
        lines = yaml_path.read_text(encoding="utf-8").splitlines()
        lines = [f'titel: "{title}"' if line.startswith("titel:") else line for line in lines]
        yaml_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def break_case(folder: Path) -> Path:
    (folder / "contacts.csv").unlink()
    return folder


@pytest.fixture
def own_dir(tmp_path, monkeypatch):
    """An own-cases folder named by VERBINDING_CASES; no course folder in view."""
    folder = tmp_path / "hub-casussen"
    folder.mkdir()
    monkeypatch.setattr(paths, "course_folders", lambda: [])
    monkeypatch.setenv("VERBINDING_CASES", str(folder))
    return folder


def problem_messages(error: CaseError) -> list[str]:
    return [p.message for p in error.problems]


# ----------------------------------------------------------------------------- listing

def test_own_case_is_listed_with_its_title_after_the_builtin_cases(own_dir):
    make_case(own_dir / "schone-haven", title="Schone haven Rotterdam")
    assert own_cases() == [("eigen:schone-haven", "Schone haven Rotterdam")]
    references = [reference for reference, _ in course_cases()]
    assert references[:2] == ["klimaatadaptatie", "vergrijzing"]
    assert references[2:] == ["eigen:schone-haven"]


def test_only_folders_with_case_yaml_and_plain_names_are_listed(own_dir):
    make_case(own_dir / "goed")
    (own_dir / "leeg").mkdir()
    make_case(own_dir / ".verborgen")
    make_case(own_dir / "_oud")
    (own_dir / "notitie.txt").write_text("geen casus", encoding="utf-8")
    assert [reference for reference, _ in own_cases()] == ["eigen:goed"]


def test_without_environment_variable_nothing_outside_the_course_is_listed(own_dir, monkeypatch):
    make_case(own_dir / "schone-haven")
    monkeypatch.delenv("VERBINDING_CASES")
    assert own_cases() == []
    with pytest.raises(CaseError):
        load_course_case("eigen:schone-haven")


def test_casussen_next_to_the_course_notebooks_is_found_wherever_the_course_is(tmp_path, monkeypatch):
    monkeypatch.delenv("VERBINDING_CASES", raising=False)
    course = tmp_path / "ergens" / "cursus"
    (course / "trainer").mkdir(parents=True)
    (course / "index.ipynb").write_text("{}", encoding="utf-8")
    make_case(course / "casussen" / "schone-haven", title="Schone haven")
    monkeypatch.chdir(course)  # Voilà runs a page's kernel in the notebook's folder
    assert ("eigen:schone-haven", "Schone haven") in own_cases()
    monkeypatch.chdir(course / "trainer")  # trainer pages run one folder deeper
    assert ("eigen:schone-haven", "Schone haven") in own_cases()
    assert load_course_case("eigen:schone-haven").title == "Schone haven"


def test_course_folder_wins_when_both_places_hold_the_same_name(tmp_path, monkeypatch):
    course = tmp_path / "cursus"
    make_case(course / "casussen" / "haven", title="Uit de cursusmap")
    (course / "index.ipynb").write_text("{}", encoding="utf-8")
    hub = tmp_path / "hub"
    make_case(hub / "haven", title="Uit de hub")
    make_case(hub / "zorg", title="Zorg dichtbij")
    monkeypatch.setenv("VERBINDING_CASES", str(hub))
    monkeypatch.setattr(paths, "course_folders", lambda: [course])
    assert own_cases() == [("eigen:haven", "Uit de cursusmap"), ("eigen:zorg", "Zorg dichtbij")]
    assert load_course_case("eigen:haven").title == "Uit de cursusmap"


# ----------------------------------------------------------------------------- resolving

def test_reference_loads_the_same_case_as_the_folder(own_dir):
    folder = make_case(own_dir / "schone-haven")
    by_reference = load_course_case("eigen:schone-haven")
    by_path = load_case(folder)
    assert by_reference.title == by_path.title
    assert len(by_reference.organisations) == len(by_path.organisations) > 0
    assert len(by_reference.contacts) == len(by_path.contacts) > 0
    assert by_reference.id == "eigen:schone-haven"  # exercises store this, like a built-in id
    assert not by_reference.builtin
    assert load_case("eigen:schone-haven").title == by_path.title  # load_case accepts it too


@pytest.mark.parametrize(
    "reference",
    ["eigen:../geheim", "eigen:..", "eigen:sub/map", "eigen:sub\\map", "eigen:/etc", "eigen:C:\\data",
     "eigen:.verborgen", "eigen:", "eigen: spatie"],
)
def test_unsafe_references_are_refused_in_dutch(own_dir, reference):
    make_case(own_dir.parent / "geheim")  # a valid case folder right next to the own-case folder
    make_case(own_dir / ".verborgen")
    with pytest.raises(CaseError) as caught:
        load_course_case(reference)
    assert problem_messages(caught.value) == [t("cases.problems.bad_reference")]


def test_paths_from_a_workbook_are_refused_even_to_a_valid_case(own_dir, tmp_path):
    elsewhere = make_case(tmp_path / "elders")
    for reference in (str(elsewhere), str(own_dir / "x"), "../elders", "datasets/voorbeeld-eigen-casus"):
        with pytest.raises(CaseError) as caught:
            load_course_case(reference)
        assert problem_messages(caught.value) == [
            t("cases.problems.unknown_course_case", known="klimaatadaptatie, vergrijzing")
        ]


def test_unknown_own_case_is_refused_in_dutch(own_dir):
    with pytest.raises(CaseError) as caught:
        load_course_case("eigen:bestaat-niet")
    assert problem_messages(caught.value) == [t("cases.problems.unknown_own_case")]
    assert "eigen:bestaat-niet" in str(caught.value)


def test_broken_own_case_is_listed_but_cannot_be_loaded(own_dir):
    break_case(make_case(own_dir / "kapot", title="Kapotte casus"))
    assert own_cases() == [("eigen:kapot", "Kapotte casus")]
    with pytest.raises(CaseError) as caught:
        load_course_case("eigen:kapot")
    summary = report_summary(caught.value)
    assert any("contacts.csv" in line for line in summary)


def test_unreadable_case_yaml_is_listed_under_the_folder_name(own_dir):
    folder = make_case(own_dir / "rommel")
    (folder / "case.yaml").write_text("titel: [niet gesloten\n", encoding="utf-8")
    assert own_cases() == [("eigen:rommel", "rommel")]
    with pytest.raises(CaseError) as caught:
        load_course_case("eigen:rommel")
    assert any(p.file == "case.yaml" for p in caught.value.problems)


def test_report_summary_is_short():
    error = CaseError([Problem("contacts.csv", row, "datum", "de datum is leeg.") for row in range(2, 9)])
    summary = report_summary(error, limit=3)
    assert summary[:3] == [str(problem) for problem in error.problems[:3]]
    assert summary[3:] == ["en nog 4 meldingen"]


def test_check_case_command_accepts_a_reference(own_dir, capsys):
    make_case(own_dir / "schone-haven")
    assert check_case_command("eigen:schone-haven") == 0
    assert t("cases.report.title_ok", path="eigen:schone-haven") in capsys.readouterr().out
    assert check_case_command("eigen:../schone-haven") == 1


# ----------------------------------------------------------------------------- pages

def _page(module_id: str, workbook: Workbook) -> CoursePage:
    return CoursePage(module_id, workbook, new_code=False)


def test_module_page_uses_the_chosen_own_case(own_dir, data_home):
    make_case(own_dir / "schone-haven", title="Schone haven")
    workbook = Workbook.open("eigen-1")
    workbook.case = "eigen:schone-haven"
    page = _page("outreach", Workbook.open("eigen-1"))
    assert page.case.title == "Schone haven"
    assert page.case_message.value == ""


@pytest.mark.parametrize("reference", ["eigen:weg", "eigen:../geheim", "/tmp"])
def test_module_page_falls_back_to_the_default_with_a_dutch_note(own_dir, data_home, reference):
    make_case(own_dir.parent / "geheim")
    workbook = Workbook.open("eigen-2")
    workbook.case = reference
    page = _page("outreach", workbook)
    assert page.case.id == DEFAULT_CASE
    assert "standaardcasus" in page.case_message.value
    assert 'role="alert"' in page.case_message.value


# ----------------------------------------------------------------------------- index widget

def _index(workbook: Workbook) -> CourseIndex:
    return CourseIndex(_page("index", workbook))


def test_index_offers_own_cases_after_builtin_ones_and_remembers_the_choice(own_dir, data_home):
    make_case(own_dir / "schone-haven", title="Schone haven")
    index = _index(Workbook.open("eigen-3"))
    labels = [label for label, _ in index.case.options]
    values = [value for _, value in index.case.options]
    assert values == ["klimaatadaptatie", "vergrijzing", "eigen:schone-haven"]
    assert labels[2] == t("intro.index.own_label", title="Schone haven")
    assert "(eigen casus)" in labels[2]
    assert html.escape(t("intro.index.own_help")) in index.children[0].value

    index.case.value = "eigen:schone-haven"
    assert Workbook.open("eigen-3").case == "eigen:schone-haven"
    assert "Schone haven" in index.case_note.value
    assert _page("outreach", Workbook.open("eigen-3")).case.title == "Schone haven"
    # a new page load shows the choice
    assert _index(Workbook.open("eigen-3")).case.value == "eigen:schone-haven"


def test_index_without_own_cases_shows_no_own_case_help(own_dir, data_home):
    index = _index(Workbook.open("eigen-4"))
    assert [value for _, value in index.case.options] == ["klimaatadaptatie", "vergrijzing"]
    assert html.escape(t("intro.index.own_help")) not in index.children[0].value


def test_choosing_a_broken_own_case_keeps_the_previous_choice(own_dir, data_home):
    break_case(make_case(own_dir / "kapot", title="Kapotte casus"))
    make_case(own_dir / "goed", title="Goede casus")
    workbook = Workbook.open("eigen-5")
    index = _index(workbook)
    index.case.value = "vergrijzing"
    index.case.value = "eigen:kapot"
    assert index.case.value == "vergrijzing"
    assert workbook.case == "vergrijzing"
    note = index.case_note.value
    assert 'role="alert"' in note and "contacts.csv" in note
    assert "verbinding check-case eigen:kapot" in note
    index.case.value = "eigen:goed"  # a good choice clears the report
    assert workbook.case == "eigen:goed" and "contacts.csv" not in index.case_note.value


def test_duplicate_titles_name_the_folder(own_dir, data_home):
    make_case(own_dir / "haven-a", title="Haven")
    make_case(own_dir / "haven-b", title="Haven")
    labels = [label for label, _ in _index(Workbook.open("eigen-6")).case.options][2:]
    assert labels == [
        t("intro.index.own_label_folder", title="Haven", folder="haven-a"),
        t("intro.index.own_label_folder", title="Haven", folder="haven-b"),
    ]


def test_restored_work_with_a_vanished_own_case_gets_a_note_and_the_default(own_dir, data_home):
    source = Workbook("bron")
    source.case = "eigen:verdwenen"
    workbook = Workbook.open("eigen-7")
    index = _index(workbook)
    workbook.restore(source.to_bytes())
    assert index.case.value is None  # nothing offered is selected: the learner chooses
    default_title = dict((v, k) for k, v in index.case.options)[DEFAULT_CASE]
    assert index.case_note.value == (
        '<p class="verbinding-notice" role="status">'
        + html.escape(t("intro.index.case_missing", case="eigen:verdwenen", default=default_title))
        + "</p>"
    )
    assert _page("outreach", workbook).case.id == DEFAULT_CASE
    index.case.value = DEFAULT_CASE
    assert workbook.case == DEFAULT_CASE


def test_restored_work_with_an_existing_own_case_selects_it(own_dir, data_home):
    make_case(own_dir / "schone-haven", title="Schone haven")
    source = Workbook("bron")
    source.case = "eigen:schone-haven"
    workbook = Workbook.open("eigen-8")
    index = _index(workbook)
    workbook.restore(source.to_bytes())
    assert index.case.value == "eigen:schone-haven"
    assert "Schone haven" in index.case_note.value


def test_own_case_broken_after_it_was_chosen_is_reported_on_the_index(own_dir, data_home):
    folder = make_case(own_dir / "haven", title="Haven")
    workbook = Workbook.open("eigen-9")
    workbook.case = "eigen:haven"
    break_case(folder)
    index = _index(workbook)
    assert index.case.value == "eigen:haven"
    assert 'role="alert"' in index.case_note.value and "contacts.csv" in index.case_note.value
    assert _page("outreach", workbook).case.id == DEFAULT_CASE


def test_own_case_with_warnings_is_usable_and_says_so(own_dir, data_home):
    folder = make_case(own_dir / "haven", title="Haven")
    contacts = folder / "contacts.csv"
    contacts.write_text(contacts.read_text(encoding="utf-8") + "C99;31-02-2021;V01;gesprek;x;ministerie\n",
                        encoding="utf-8")
    workbook = Workbook.open("eigen-10")
    index = _index(workbook)
    index.case.value = "eigen:haven"
    assert workbook.case == "eigen:haven"
    assert "verbinding check-case eigen:haven" in index.case_note.value
    assert 'role="alert"' not in index.case_note.value


def test_a_learner_in_voila_sees_no_trainer_links(data_home, monkeypatch):
    monkeypatch.delenv("VERBINDING_ROL", raising=False)
    monkeypatch.setenv("VOILA_SERVER_URL", "http://127.0.0.1:8866/")
    course = Path(__file__).resolve().parents[1] / "course"
    assert CourseIndex(_page("index", Workbook.open("eigen-trainer-1")), course).trainer.value == ""
    monkeypatch.setenv("VERBINDING_ROL", "trainer")
    assert "handleiding" in CourseIndex(_page("index", Workbook.open("eigen-trainer-1")), course).trainer.value
