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


def test_percent_of_a_whole_rounds_as_the_register_did_and_is_zero_of_nothing():
    assert dutch.percent_of(3, 8) == "38%"
    assert dutch.percent_of(0, 0) == "0%"
    # exactly half a percent: 100 * part / whole, as round() gave before (not part / whole * 100)
    assert [dutch.percent_of(p, w) for p, w in ((1725, 3000), (29, 200), (1, 8))] == [
        f"{round(100 * p / w)}%" for p, w in ((1725, 3000), (29, 200), (1, 8))]
    assert dutch.percent_of(1, 3, 1) == "33,3%"


def test_shorten_folds_spaces_and_cuts_on_a_word_edge_with_an_ellipsis():
    assert dutch.shorten("Groene  daken\nop elk dak", 13) == "Groene daken…"
    assert dutch.shorten("Groene daken", 12) == "Groene daken"
    assert len(dutch.shorten("x" * 200, 80)) == 80


def test_dates_and_times_in_dutch():
    from datetime import date as day

    assert dutch.date(day(2026, 3, 9)) == "9 maart 2026"
    # a UTC time stamp is shown as the time in the Netherlands (winter: +1, summer: +2)
    assert dutch.date_time("2026-12-01T13:05:00+00:00") == "1 december 2026, 14:05"
    assert dutch.date_time("2026-07-01T23:30:00+00:00") == "2 juli 2026, 01:30"


@pytest.mark.parametrize(("k", "n", "expected"), [
    (1, 2, "1 van de 2 oordelen ligt"),           # walk: '1 van de 2 oordelen liggen'
    (2, 3, "2 van de 3 oordelen liggen"),
    (0, 3, "geen van de 3 oordelen ligt"),
    (0, 1, "geen oordeel ligt"),
    (0, 0, "geen oordeel ligt"),
    (1, 1, "je enige oordeel ligt"),
    (2, 2, "beide oordelen liggen"),
    (7, 7, "alle 7 oordelen liggen"),
    (1500, 2000, "1.500 van de 2.000 oordelen liggen"),
])
def test_part_of_counts_k_of_n_with_the_verb_agreeing(k, n, expected):
    assert dutch.part_of(k, n, "oordeel", "oordelen", "ligt", "liggen") == expected


def test_part_of_as_noun_phrase_and_none_of_one():
    assert dutch.part_of(7, 7, "dimensie", "dimensies") == "alle 7 dimensies"  # walk: '7 van de 7 dimensies'
    assert dutch.part_of(3, 7, "dimensie", "dimensies") == "3 van de 7 dimensies"
    assert dutch.part_of(0, 1, "voorstel", "voorstellen", "kreeg gehoor", "kregen gehoor",
                         verb_none="kreeg geen gehoor") == "je enige voorstel kreeg geen gehoor"
    assert dutch.part_of(1, 1, "voorstel", "voorstellen", only="") == "1 voorstel"


def test_capital_changes_only_the_first_character():
    assert dutch.capital("ggd gekoppeld aan 'Water'.") == "Ggd gekoppeld aan 'Water'."
    assert dutch.capital("bewonersgroep de Meerpaal") == "Bewonersgroep de Meerpaal"
    assert dutch.capital("") == "" and dutch.capital("'s-Hertogenbosch") == "'s-Hertogenbosch"
