"""Class overview: 36 generated workbooks plus foreign and broken files, aggregates checked."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from verbinding.classview import ClassOverview, read_workbooks
from verbinding.document import Table
from verbinding.quiz import questions
from verbinding.texts import t, tlist
from verbinding.workbook import Workbook

DIMENSIONS = ["Economie", "Gezondheid", "Natuur", "Wonen", "Werk", "Onderwijs", "Regio", "Generaties"]
ORGS = [f"Stichting Voorbeeld {c}" for c in "ABCDEFGH"]
INTERESTS = ["Boerenvereniging Noord", "Waterschap Oost", "Bewonersgroep Zuid", "Bouwbedrijf West"]
QUESTIONS = [q["id"] for q in tlist("dossier.questions")]
N_LEARNERS = 36


def make_learner(i: int, rng: random.Random) -> dict:
    """One learner's modules in the shapes the modules write (some learners skip modules)."""
    modules: dict = {}
    truth: dict = {"dims": [], "gaps": [], "insiders": [], "weights": {}, "scores": {}, "feedback": 0}
    if i % 6 != 5:  # every sixth learner skips outreach
        dims = rng.sample(DIMENSIONS[: 3 + i % 6], k=min(3 + i % 4, 3 + i % 6))
        spelled = [d.upper() if (i % 7 == 0 and n == 0) else d for n, d in enumerate(dims)]  # spelling varies
        gaps = dims[:1] if i % 2 else []
        modules["outreach"] = {
            "version": 1,
            "dimensions": [{"id": f"d{n}", "name": name, "why": "<b>omdat</b>"} for n, name in enumerate(spelled)],
            "gap_dimensions": [f"d{dims.index(g)}" for g in gaps],
        }
        truth["dims"], truth["gaps"] = dims, gaps
    if i % 4 != 3:
        caught = ORGS[: 1 + i % 5]
        modules["connection"] = {
            "version": 1,
            "rule": {"kind": "presence", "min_years": 4, "last_years": 4, "top_pct": 10},
            "insiders": {"rule": "in alle 4 jaar aanwezig" if i % 2 else "top 10%", "count": len(caught),
                         "share_of_links": 0.5, "names": caught},
            "invitations": [{"org_id": "o9", "name": "Jongerenraad Midden", "reason": "x"}] if i % 3 == 0 else [],
        }
        truth["insiders"] = caught
    if i % 5 != 4:
        interests, feedback = [], {}
        dutch = i % 2 == 0  # half the class saved before issue 22, in Dutch codes: counted the same
        for n, name in enumerate(INTERESTS):
            weight = ["more", "equal", "less", ""][(i + n) % 4]
            saved = {"more": "meer", "equal": "evenveel", "less": "minder"}.get(weight, "") if dutch else weight
            interests.append({"id": f"naam:{n}", "name": name, "weight": saved,
                              "reasoning": "omdat" if n % 2 == 0 else ""})
            truth["weights"][name] = weight
            given = "yes" if (i + n) % 3 == 0 else "no"
            feedback[f"naam:{n}"] = {"given": {"yes": "ja", "no": "nee"}[given] if dutch else given,
                                     "how": "brief" if dutch else "letter", "when": "mei", "what": "uitleg"}
            truth["feedback"] += given == "yes"
        modules["accountability"] = {"version": 1, "interests": interests, "feedback": feedback}
    if i % 3 != 2:
        scores = {q: 1 + (i + n) % 5 for n, q in enumerate(QUESTIONS)}
        modules["eigen_dossier"] = {
            "version": 1, "title": "Mijn dossier",
            "questions": {q: {"answer": "a", "evidence": "", "score": s, "next_step": "", "when": ""}
                          for q, s in scores.items()},
        }
        truth["scores"] = scores
    modules["drempels"] = {"version": 1, "ratings": {"speelveld": 1 + i % 5, "insiders": 2}}
    if i % 2 == 0:  # half the class did module 1's knowledge check; the first question goes wrong
        first, *rest = questions("drempels")
        answers = {first.id: first.right % len(first.options) + 1, **{q.id: q.right for q in rest}}
        modules["drempels"]["kennischeck"] = {"answers": answers, "correct": len(rest), "total": len(rest) + 1}
    return modules, truth


def workbook_bytes(code: str, modules: dict, updated: str = "2026-05-01T10:00:00+00:00") -> bytes:
    wb = Workbook(code, path=None)
    for module_id, state in modules.items():
        wb.set_module(module_id, state)
    doc = json.loads(wb.to_bytes())
    doc["updated"] = updated
    return json.dumps(doc).encode("utf-8")


@pytest.fixture(scope="module")
def generated():
    rng = random.Random(7)
    files, truths = [], []
    for i in range(N_LEARNERS):
        modules, truth = make_learner(i, rng)
        files.append((f"werkboek-{i}.json", workbook_bytes(f"cursist-{i:03d}", modules)))
        truths.append(truth)
    broken = [
        ("notities.docx", b"PK\x03\x04 not a workbook"),
        ("leeg.json", b""),
        ("ander.json", json.dumps({"format": "iets-anders", "modules": {}}).encode()),
        ("kapot.json", b'{"format": "verbinding-werkboek", "schema_version": 1, "modules": '),
        ("toekomst.json", json.dumps({"format": "verbinding-werkboek", "schema_version": 99, "modules": {}}).encode()),
        ("rare-module.json", json.dumps({"format": "verbinding-werkboek", "schema_version": 1,
                                         "modules": {"hacker": {}}}).encode()),
        ("lijst.json", b"[1, 2, 3]"),
    ]
    return files, broken, truths


@pytest.fixture(scope="module")
def overview(generated):
    files, broken, _truths = generated
    mixed = files[:10] + broken[:3] + files[10:] + broken[3:]
    return ClassOverview.from_files(mixed)


def test_all_valid_files_read_and_all_bad_ones_listed(overview, generated):
    files, broken, _ = generated
    assert len(overview.learners) == N_LEARNERS
    assert [name for name, _ in overview.skipped] == [name for name, _ in broken]
    assert all(reason for _, reason in overview.skipped)
    # Said to the trainer, not in the learner's words ("Je huidige werk is niet veranderd").
    assert dict(overview.skipped)["ander.json"] == t("classview.skip_reasons.error_foreign")
    assert not any("Je huidige werk" in reason for _, reason in overview.skipped)
    # Shown per reason, counted, without file names (usually learner codes).
    lines = overview.skipped_lines()
    assert sum(int(line.split()[0]) for line in lines) == len(broken)
    assert not any(name in line for line in lines for name, _ in broken)


def test_learners_are_anonymous(overview):
    labels = [learner.label for learner in overview.learners]
    assert labels == [t("classview.learner", n=n) for n in range(1, N_LEARNERS + 1)]
    markdown = overview.markdown()
    assert "cursist-0" not in markdown and "werkboek-1.json" not in markdown


def test_dimension_counts_match_the_learners(overview, generated):
    _, _, truths = generated
    expected = Counter(d for tr in truths for d in tr["dims"])
    expected_gaps = Counter(g for tr in truths for g in tr["gaps"])
    frame = overview.dimensions()
    got = {r.key: r.learners for r in frame.itertuples()}
    assert got == {d.casefold(): n for d, n in expected.items()}, "spelling differences merge"
    gaps = {r.key: r.gap_learners for r in frame.itertuples()}
    assert {k: v for k, v in gaps.items() if v} == {d.casefold(): n for d, n in expected_gaps.items()}
    most = max(expected.values())
    assert all(frame.iloc[0]["learners"] == most for _ in [0])
    summary = overview.dimensions_summary()
    top_name = frame.iloc[0]["name"]
    assert top_name in summary and t("classview.dimensions.least", items="").split(":")[0] in summary


def test_insider_counts_match(overview, generated):
    _, _, truths = generated
    expected = Counter(o for tr in truths for o in tr["insiders"])
    got = {r.name: r.learners for r in overview.insiders().itertuples()}
    assert got == dict(expected)
    counts = overview.insider_counts()
    assert min(counts) == 1 and max(counts) == 5
    rules = {r.name: r.learners for r in overview.insider_rules().itertuples()}
    assert sum(rules.values()) == sum(1 for tr in truths if tr["insiders"])
    invited = overview.invitations()
    assert invited.iloc[0]["name"] == "Jongerenraad Midden"


def test_weights_and_feedback_coverage(overview, generated):
    _, _, truths = generated
    weights = overview.weights().set_index("name")
    for name in INTERESTS:
        expected = Counter(tr["weights"][name] for tr in truths if tr["weights"])
        assert weights.loc[name, "more"] == expected["more"]
        assert weights.loc[name, "equal"] == expected["equal"]
        assert weights.loc[name, "less"] == expected["less"]
        assert weights.loc[name, "none"] == expected[""]
    per = overview.accountability_per_learner()
    with_work = [tr for tr in truths if tr["weights"]]
    assert len(per) == len(with_work)
    assert list(per["feedback"]) == [tr["feedback"] for tr in with_work]
    assert per["feedback_share"].between(0, 1).all()
    assert (per["reasoned"] == 2).all() and (per["weighed"] == 3).all()
    summary = overview.accountability_summary()
    assert "75%" in summary and "50%" in summary  # 3 of 4 weighed, 2 of 4 reasoned


def test_oca_scores(overview, generated):
    _, _, truths = generated
    scores = overview.scores().set_index("question_id")
    for q in QUESTIONS:
        values = [tr["scores"][q] for tr in truths if tr["scores"]]
        assert scores.loc[q, "n"] == len(values)
        assert scores.loc[q, "mean"] == pytest.approx(sum(values) / len(values))
        assert (scores.loc[q, "min"], scores.loc[q, "max"]) == (min(values), max(values))
    assert overview.scores_summary().count(",") >= 2


def test_barrier_ratings(overview):
    frame = overview.barrier_ratings().set_index("barrier")
    name = next(b["name"] for b in tlist("barriers.barriers") if b["id"] == "speelveld")
    assert frame.loc[name, "n"] == N_LEARNERS and frame.loc[name, "max"] == 5


def test_module_counts(overview, generated):
    _, _, truths = generated
    counts = overview.module_counts().set_index("module")["learners"]
    assert counts["outreach"] == sum(1 for tr in truths if tr["dims"])
    assert counts["eigen_dossier"] == sum(1 for tr in truths if tr["scores"])
    assert counts["echte_agendas"] == 0


def test_charts_are_aggregated_and_render(overview):
    from _charts import chart_svg

    for chart in (overview.dimensions_chart(), overview.scores_chart()):
        values = chart["data"]["values"]
        assert len(values) <= 15
        assert chart_svg(chart).startswith("<svg")


def test_export_holds_every_section(overview):
    markdown = overview.markdown().replace("\\", "")
    for key in ("classview.dimensions.title", "classview.insiders.title", "classview.weights.title",
                "classview.scores.title", "classview.skipped_title", "classview.discussion_title"):
        assert t(key) in markdown
    assert "kapot.json" not in markdown and overview.skipped_lines()[0] in markdown
    assert "<b>" not in markdown
    assert overview.docx()[:2] == b"PK"
    tables = [b for b in overview.blocks() if isinstance(b, Table)]
    assert len(tables) >= 6


def test_duplicates_keep_the_newest(generated):
    files, _, _ = generated
    modules, _ = make_learner(1, random.Random(1))
    old = workbook_bytes("zelfde-code", {"drempels": {"ratings": {"speelveld": 1}}}, "2026-05-01T09:00:00+00:00")
    new = workbook_bytes("zelfde-code", {"drempels": {"ratings": {"speelveld": 5}}}, "2026-05-01T11:00:00+00:00")
    result = read_workbooks([("nieuw.json", new), ("oud.json", old)])
    assert len(result.learners) == 1 and result.learners[0].modules["drempels"]["ratings"]["speelveld"] == 5
    assert [name for name, _ in result.skipped] == ["oud.json"]


@pytest.mark.parametrize(
    "modules",
    [
        {"outreach": {"dimensions": "geen lijst", "gap_dimensions": None}},
        {"outreach": {"dimensions": [None, 3, {"name": None}, {"id": "x"}]}},
        {"connection": {"insiders": ["o1", "o2"]}},  # an older shape: a list of ids
        {"connection": {"insiders": {"names": "x", "count": "veel"}, "invitations": [None]}},
        {"accountability": {"interests": [{"name": "A", "weight": 3}, "x"], "feedback": {"a": "ja", "b": {"given": True}}}},
        {"eigen_dossier": {"questions": {"dimensions": {"score": "hoog"}, "x": None, "alternatives": {"score": 99}}}},
        {"echte_agendas": {"snapshot": {"counts": [{"label": "Bedrijf", "count": "drie"}, None]}}},
        {"drempels": {"ratings": {"speelveld": True}}},
    ],
)
def test_odd_or_older_states_never_crash(modules):
    overview = ClassOverview.from_files([("x.json", workbook_bytes("rare-vorm", modules))])
    assert len(overview.learners) == 1
    assert overview.markdown()
    for summary in (overview.dimensions_summary(), overview.insiders_summary(),
                    overview.accountability_summary(), overview.scores_summary()):
        assert isinstance(summary, str) and summary


def test_empty_class():
    overview = ClassOverview.from_files([])
    assert overview.dimensions().empty and overview.scores().empty
    assert t("classview.nobody") in overview.markdown().replace("\\", "")
