"""The tab title hook for a page that shows several modules in place."""

from verbinding.course import module
from verbinding.ui.pagetitle import PageTitle, course_title


def test_course_title_names_the_page_then_the_course():
    assert course_title(module("drempels").title) == (
        "1. Drempels: waarom brede betrokkenheid niet vanzelf gaat – Verbindend leiderschap")
    assert course_title("Verbindend leiderschap") == "Verbindend leiderschap"
    assert course_title("") == "Verbindend leiderschap"


def test_page_title_syncs_its_text():
    title = PageTitle(course_title("Startpagina"))
    assert title.get_state()["text"] == "Startpagina – Verbindend leiderschap"
    title.text = course_title(module("outreach").title)
    assert title.get_state()["text"].startswith("2. Outreach")
