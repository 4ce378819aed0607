"""The browser tab's title for a page of the course."""

from verbinding.course import module
from verbinding.ui.pagetitle import course_title


def test_course_title_names_the_page_then_the_course():
    assert course_title(module("drempels").title) == (
        "1. Drempels: waarom brede betrokkenheid niet vanzelf gaat – Verbindend leiderschap")
    assert course_title("Verbindend leiderschap") == "Verbindend leiderschap"
    assert course_title("") == "Verbindend leiderschap"
