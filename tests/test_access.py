"""Access metrics pinned on small logs whose figures were worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from verbinding import access


def make_links(rows, org_col="organisation"):
    """rows: (contact row, year, organisation) -> a links frame as the loader gives it."""
    frame = pd.DataFrame(rows, columns=["row", "year", org_col])
    frame["date"] = pd.to_datetime(frame["year"].astype(str) + "-06-01")
    return frame


# Log A: 6 contact rows, two of them with two organisations in one cell (8 links).
#   row 1 2019: A, B   row 2 2019: A   row 3 2020: A   row 4 2020: C
#   row 5 2021: A, B   row 6 2021: D
# Links per organisation: A 4, B 2, C 1, D 1 (total 8).
LOG_A = [
    (1, 2019, "A"), (1, 2019, "B"), (2, 2019, "A"), (3, 2020, "A"),
    (4, 2020, "C"), (5, 2021, "A"), (5, 2021, "B"), (6, 2021, "D"),
]


@pytest.fixture
def log_a():
    return make_links(LOG_A)


def test_concentration_of_a_multi_organisation_log(log_a):
    c = access.concentration(log_a)
    assert c.organisations == 4
    assert c.links == 8
    assert c.top10_share == pytest.approx(1.0)  # fewer than 10 organisations: all of them
    assert c.top1pct_share == pytest.approx(4 / 8)  # ceil(1% of 4) = 1 organisation
    assert c.top10pct_share == pytest.approx(4 / 8)  # ceil(10% of 4) = 1 organisation
    # ascending 1,1,2,4: mean absolute difference 20/16 over 2 * mean 2 -> 0.3125
    assert c.gini == pytest.approx(0.3125)
    assert c.hhi == pytest.approx(0.5**2 + 0.25**2 + 2 * 0.125**2)
    assert c.single_link_share == pytest.approx(0.5)


def test_json_contract_keys(log_a):
    d = access.summary(log_a, window=(2019, 2021))
    assert list(d) == [
        "organisations", "links", "top10_share", "top1pct_share", "top10pct_share",
        "gini", "hhi", "single_link_share", "persistent_core",
    ]
    assert d["persistent_core"] == {
        "years": [2019, 2020, 2021],
        "organisations": 1,
        "share_of_organisations": pytest.approx(0.25),
        "share_of_links": pytest.approx(0.5),
    }
    assert "persistent_core" not in access.summary(log_a)


def test_org_id_column_of_a_built_in_case_is_found(log_a):
    renamed = log_a.rename(columns={"organisation": "org_id"})
    assert access.concentration(renamed) == access.concentration(log_a)
    with pytest.raises(KeyError):
        access.concentration(log_a, org_col="nope")


def test_ties_do_not_change_a_share():
    # A, B, C each 3 links, D 1: the top 1 organisation holds 3/10 whichever tied one it is.
    rows = [(i, 2020, o) for i, o in enumerate("AAABBBCCCD")]
    shares = []
    for seed, names in enumerate(("ABCD", "CBAD", "BCAD")):
        mapping = dict(zip("ABCD", names))
        frame = make_links([(r, y, mapping[o]) for r, y, o in rows])
        frame = frame.sample(frac=1.0, random_state=seed)  # row order shuffled too
        shares.append(access.concentration(frame).top10pct_share)
    assert shares == [pytest.approx(0.3)] * 3
    counts = access.link_counts(make_links(rows))
    assert counts.index.tolist() == ["A", "B", "C", "D"]  # ties shown by id
    assert counts.tolist() == [3, 3, 3, 1]


def test_top_counts_round_up():
    assert access.ceil_share(30, 10) == 3  # float 30*0.1 would be 3.0000000000000004
    assert access.ceil_share(31, 10) == 4
    assert access.ceil_share(1, 1) == 1
    assert access.ceil_share(101, 1) == 2
    # 101 organisations, organisation i has i links (1..101): total 5151
    counts = np.arange(1, 102)
    c = access.concentration_from_counts(counts)
    assert (c.top1pct_count, c.top10pct_count) == (2, 11)
    assert c.top1pct_share == pytest.approx((101 + 100) / 5151)
    assert c.top10pct_share == pytest.approx(sum(range(91, 102)) / 5151)
    assert c.top10_share == pytest.approx(sum(range(92, 102)) / 5151)


def test_top10_with_more_than_ten_organisations():
    c = access.concentration_from_counts([1] * 12)
    assert c.top10_share == pytest.approx(10 / 12)
    assert c.gini == pytest.approx(0.0)
    assert c.single_link_share == 1.0
    assert c.hhi == pytest.approx(1 / 12)


def test_one_organisation():
    c = access.concentration(make_links([(1, 2020, "X"), (2, 2021, "X"), (3, 2021, "X")]))
    assert (c.organisations, c.links) == (1, 3)
    assert c.top10_share == c.top1pct_share == c.top10pct_share == pytest.approx(1.0)
    assert c.gini == pytest.approx(0.0)
    assert c.hhi == pytest.approx(1.0)
    assert c.single_link_share == 0.0
    single = access.concentration(make_links([(1, 2020, "X")]))
    assert single.single_link_share == 1.0


def test_empty_log_gives_zeros_not_errors():
    empty = make_links([])
    c = access.concentration(empty)
    assert c.to_dict() == {
        "organisations": 0, "links": 0, "top10_share": 0.0, "top1pct_share": 0.0,
        "top10pct_share": 0.0, "gini": 0.0, "hhi": 0.0, "single_link_share": 0.0,
    }
    core = access.persistent_core(empty, (2019, 2022))
    assert (core.organisations, core.share_of_organisations, core.share_of_links) == (0, 0.0, 0.0)
    assert access.lorenz(empty).values.tolist() == [[0.0, 0.0], [1.0, 1.0]]
    assert access.insiders_by_presence(empty, 2, 4) == []
    assert access.insiders_by_top(empty, 10) == []
    el = access.early_late(empty, 2020)
    assert (el.early_links, el.late_links, el.early_top_share_late) == (0, 0, 0.0)


def test_gini_matches_the_mean_difference_definition():
    rng = np.random.default_rng(1)
    counts = rng.integers(1, 50, size=37)
    diffs = np.abs(counts[:, None] - counts[None, :]).sum()
    expected = diffs / (2 * len(counts) ** 2 * counts.mean())
    assert access.concentration_from_counts(counts).gini == pytest.approx(expected)


def test_lorenz_curve(log_a):
    curve = access.lorenz(log_a)
    assert curve["org_share"].tolist() == pytest.approx([0, 0.25, 0.5, 0.75, 1])
    assert curve["link_share"].tolist() == pytest.approx([0, 1 / 8, 2 / 8, 4 / 8, 1])
    big = access.lorenz_from_counts(np.arange(1, 10_001), max_points=101)
    assert len(big) <= 101
    assert big.iloc[0].tolist() == [0.0, 0.0] and big.iloc[-1].tolist() == [1.0, 1.0]
    assert big["link_share"].is_monotonic_increasing


def test_persistent_core_window(log_a):
    core = access.persistent_core(log_a, (2020, 2021))
    # active 2020-2021: A, B, C, D; only A has a link in both years; window links 5, A has 2
    assert core.members == ("A",)
    assert core.active_organisations == 4
    assert core.share_of_links == pytest.approx(2 / 5)
    assert core.to_dict()["years"] == [2020, 2021]
    assert access.persistent_core(log_a, "2019-2021").share_of_links == pytest.approx(0.5)
    # window without any link
    assert access.persistent_core(log_a, (2030, 2031)).organisations == 0


def test_dates_across_years_without_a_year_column():
    frame = pd.DataFrame(
        {
            "row": [1, 2, 3, 4],
            "date": pd.to_datetime(["2019-12-31", "2020-01-01", "2020-12-31", "2021-01-01"]),
            "organisation": ["A", "A", "B", "A"],
        }
    )
    core = access.persistent_core(frame, (2019, 2021))
    assert core.members == ("A",)  # A in 2019, 2020 and 2021; B only in 2020
    assert core.share_of_links == pytest.approx(3 / 4)
    assert access.persistent_core(frame, (2020, 2020)).organisations == 2


@pytest.mark.parametrize("text,expected", [("2019-2022", (2019, 2022)), ("2020", (2020, 2020)), (" 2019 – 2020 ", (2019, 2020))])
def test_parse_window(text, expected):
    assert access.parse_window(text) == expected


@pytest.mark.parametrize("text", ["19-22", "2022-2019", "abc", ""])
def test_parse_window_rejects_with_dutch_message(text):
    with pytest.raises(ValueError) as info:
        access.parse_window(text)
    assert "bijvoorbeeld 2019-2022" in str(info.value)


def test_insider_rules(log_a):
    assert access.insiders_by_presence(log_a, min_years=2, last_years=2) == ["A"]
    # present in at least 1 of 2020-2021: A (2 links there) first, then ties by id
    assert access.insiders_by_presence(log_a, min_years=1, last_years=2) == ["A", "B", "C", "D"]
    assert access.insiders_by_presence(log_a, min_years=3, last_years=3) == ["A"]
    assert access.insiders_by_presence(log_a, min_years=1, last_years=1, end_year=2020) == ["A", "C"]
    assert access.insiders_by_top(log_a, 25) == ["A"]
    assert access.insiders_by_top(log_a, 50) == ["A", "B"]
    # exactly 75% of 4 = 3 organisations; the tie at the cut-off is ordered by id
    assert access.insiders_by_top(log_a, 75) == ["A", "B", "C"]
    assert access.share_of_links(log_a, ["A", "B"]) == pytest.approx(6 / 8)


def test_early_late_self_reinforcement(log_a):
    el = access.early_late(log_a, split_year=2020)
    # early (2019): A 2, B 1. late (2020-2021): A 2, B 1, C 1, D 1.
    assert (el.early_links, el.late_links) == (3, 5)
    assert (el.early_organisations, el.late_organisations) == (2, 4)
    assert el.early_top_count == 1  # ceil(10% of 2)
    assert el.early_top_share_early == pytest.approx(2 / 3)
    assert el.early_top_share_late == pytest.approx(2 / 5)
    assert el.late_share_early_active == pytest.approx(3 / 5)
    bands = el.bands.set_index("low")
    assert bands.loc[0, "organisations"] == 2  # C and D: newcomers
    assert bands.loc[1, "mean_late"] == pytest.approx(1.0)  # B
    assert bands.loc[2, "mean_late"] == pytest.approx(2.0)  # A
    table = access.early_late_table(log_a, 2020)
    assert table.loc["A"].tolist() == [2, 2]
    assert access.default_split_year(log_a) == 2020


def test_early_access_predicts_late_access():
    # organisation i has i early links and i late links: perfect rank correlation
    rows = []
    for i in range(1, 6):
        rows += [(len(rows) + k, 2018, f"O{i}") for k in range(i)]
        rows += [(len(rows) + 100 + k, 2022, f"O{i}") for k in range(i)]
    el = access.early_late(make_links(rows), 2020)
    assert el.rank_correlation == pytest.approx(1.0)


POPULATION = pd.DataFrame(
    {
        "org_id": ["A", "B", "C", "D", "E"],
        "name": ["Alfa", "Bravo", "Charlie", "Delta", "Echo"],
        "type": ["bedrijf", "ngo", "ngo", "bedrijf", "ngo"],
    }
)
EXPERTISE = pd.DataFrame(
    {"org_id": ["A", "B", "B", "E"], "dimension": ["water", "water", "hitte", "hitte"]}
)


def test_representation_by_type(log_a):
    rep = access.representation(log_a, POPULATION).set_index("group")
    assert rep.loc["bedrijf", "population_share"] == pytest.approx(2 / 5)
    assert rep.loc["bedrijf", "access_share"] == pytest.approx(5 / 8)  # A 4 + D 1
    assert rep.loc["bedrijf", "ratio"] == pytest.approx((5 / 8) / (2 / 5))
    assert rep.loc["ngo", "access_share"] == pytest.approx(3 / 8)
    assert rep.loc["ngo", "population"] == 3  # E never had contact but is in the population
    assert rep.index[0] == "bedrijf"  # largest access first


def test_representation_counts_unknown_organisations(log_a):
    extra = pd.concat([log_a, make_links([(9, 2021, "Z")])], ignore_index=True)
    rep = access.representation(extra, POPULATION).set_index("group")
    assert rep.loc["?", "links"] == 1
    assert rep.loc["?", "population"] == 0
    assert math.isnan(rep.loc["?", "ratio"])
    assert rep["access_share"].sum() == pytest.approx(1.0)


def test_dimension_access(log_a):
    dims = access.dimension_access(log_a, EXPERTISE, POPULATION, dimensions=["water", "hitte", "zorg"])
    dims = dims.set_index("dimension")
    assert dims.loc["water"].to_dict() == {
        "experts": 2, "population_share": pytest.approx(0.4), "active_experts": 2,
        "links": 6, "access_share": pytest.approx(6 / 8), "top_experts": 1,
    }
    assert dims.loc["hitte", "active_experts"] == 1
    assert dims.loc["hitte", "access_share"] == pytest.approx(2 / 8)
    assert dims.loc["hitte", "top_experts"] == 0
    assert dims.loc["zorg", "experts"] == 0


def test_quiet_corners(log_a):
    quiet = access.quiet_corners(POPULATION, EXPERTISE, log_a, "hitte", max_links=1)
    assert quiet["org_id"].tolist() == ["E"]
    assert quiet["links"].tolist() == [0]
    candidates = access.quiet_corners(POPULATION, EXPERTISE, log_a, ["hitte", "water"], max_links=None)
    assert candidates["org_id"].tolist() == ["E", "B", "A"]  # fewest links first
    assert candidates.set_index("org_id").loc["B", "dimensions"] == "hitte, water"


def test_summary_text_is_dutch_with_the_caveat(log_a):
    from verbinding.texts import t

    text = access.summary_text(log_a, window=(2019, 2021))
    assert "4 organisaties" in text and "8 koppelingen" in text
    assert "50,0%" in text  # top 10% = 1 organisation with 4 of 8 links
    assert "0,31" in text  # Gini
    assert t("common.access_caveat") in text
    assert "2019-2021" in text


def test_summary_text_uses_dutch_number_formats():
    from verbinding import dutch

    assert dutch.percent(0.523) == "52%" and dutch.percent(0.5234, 1) == "52,3%"


def test_unique_links_counts_an_organisation_once_per_row(log_a):
    doubled = pd.concat([log_a, log_a.iloc[[0]]], ignore_index=True)  # A twice on row 1
    assert access.concentration(doubled).links == 9
    assert access.concentration(access.unique_links(doubled)).links == 8
    assert access.unique_links(log_a) is log_a


def test_top_10_percent_is_one_definition_for_concentration_and_the_insider_rule():
    # 25 organisations: ceil(10% of 25) = 3; the 3rd and 4th tie (5 links each)
    counts = {f"O{i:02d}": n for i, n in enumerate([20, 9, 5, 5, 5] + [1] * 20)}
    frame = pd.DataFrame({"org_id": [o for o, n in counts.items() for _ in range(n)]})
    c = access.concentration(frame)
    caught = access.insiders_by_top(frame, 10)
    assert len(caught) == c.top10pct_count == 3
    assert access.share_of_links(frame, caught) == pytest.approx(c.top10pct_share)
    assert access.dimension_access(frame, pd.DataFrame({"org_id": list(counts), "dimension": "d"}))[
        "top_experts"].iloc[0] == 3
