"""Generated Dutch: plurals, lists and numbers as a civil servant writes them."""

import pytest

from verbinding import dutch


@pytest.mark.parametrize(("n", "expected"), [(0, "0 partijen"), (1, "1 partij"), (2, "2 partijen"), (1500, "1.500 partijen")])
def test_count_takes_the_singular_only_for_one(n, expected):
    assert dutch.count(n, "partij", "partijen") == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["Aqua"], "Aqua"), (["Aqua", "Bouw"], "Aqua en Bouw"), (["A", "B", "C"], "A, B en C")],
)
def test_join_puts_en_before_the_last(items, expected):
    assert dutch.join(items) == expected


def test_join_with_of():
    assert dutch.join(["ja", "nee"], "of") == "ja of nee"


def test_numbers_use_dutch_separators():
    assert dutch.number(1234567.891, 2) == "1.234.567,89"
    assert dutch.number(0.5, 1) == "0,5"
    assert dutch.percent(0.4567) == "46%"
    assert dutch.percent(0.4567, 1) == "45,7%"


def test_dates_and_times_in_dutch():
    from datetime import date as day

    assert dutch.date(day(2026, 3, 9)) == "9 maart 2026"
    # a UTC time stamp is shown as the time in the Netherlands (winter: +1, summer: +2)
    assert dutch.date_time("2026-12-01T13:05:00+00:00") == "1 december 2026, 14:05"
    assert dutch.date_time("2026-07-01T23:30:00+00:00") == "2 juli 2026, 01:30"
