"""The routes through the course: a learner with 2 hours, half a day or the whole course."""

import re

from verbinding.course import MODULES, ROUTES, duration_text
from verbinding.ui.index import routes_html


def _route(route_id):
    return next(route for route in ROUTES if route.id == route_id)


def test_every_route_follows_the_course_order_and_names_only_course_modules():
    order = [m.id for m in MODULES]
    for route in ROUTES:
        ids = [m.id for m in route.modules]
        assert ids == sorted(ids, key=order.index), route.id
        assert len(ids) == len(set(ids)), route.id
        assert ids[0] == "kennismaken" and ids[-1] == "afronding", route.id


def test_the_whole_course_route_holds_every_module_once():
    assert [m.id for m in _route("volledig").modules] == [m.id for m in MODULES]


def test_the_short_route_fits_two_hours_and_the_half_day_four():
    assert _route("kort").minutes <= 135
    assert _route("halve_dag").minutes <= 4 * 60 + 15
    assert _route("kort").minutes >= 105 and _route("halve_dag").minutes >= 3 * 60 + 45


def test_the_start_page_shows_each_route_with_minutes_taken_from_the_modules():
    text = re.sub(r"<[^>]+>", " ", routes_html())
    for route in ROUTES:
        assert route.title in text
        assert f"({duration_text(route.minutes)})" in text
        for number, minutes in enumerate(route.day_minutes(), start=1):
            if len(route.days) > 1:
                assert f"Deel {number} ({minutes} minuten)" in text
    assert sum(_route("volledig").day_minutes()) == sum(m.minutes for m in MODULES)
