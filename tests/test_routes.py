"""The routes through the course: a learner with 2 hours, half a day or the whole course."""

import re

from verbinding.course import MODULES, ROUTES, hours_text
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
    assert hours_text(_route("kort").minutes) == "2"
    assert hours_text(_route("halve_dag").minutes) == "4"


def test_hours_are_rounded_to_the_nearest_half_hour_in_dutch():
    assert [hours_text(m) for m in (5, 44, 45, 125, 255, 285)] == ["0,5", "0,5", "1", "2", "4,5", "5"]


def test_the_start_page_shows_each_route_with_minutes_taken_from_the_modules():
    text = re.sub(r"<[^>]+>", " ", routes_html())
    for route in ROUTES:
        assert route.title in text
        assert f"{route.minutes} minuten" in text
        for number, minutes in enumerate(route.day_minutes(), start=1):
            if len(route.days) > 1:
                assert f"Deel {number} ({minutes} minuten)" in text
    assert sum(_route("volledig").day_minutes()) == sum(m.minutes for m in MODULES)
