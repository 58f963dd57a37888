"""Loaders and scorers of each dataset family, on the miniature shared folder in
tests/fixtures/evaluate (every text there was written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from evaluate_support import build_mini_shared
from eventledger.evaluate import DATASETS, choose, evaluate
from eventledger.evaluate.results import score_to_dict


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    return build_mini_shared(tmp_path_factory.mktemp("eval"))


# ---------------------------------------------------------------- page text


def test_aeb_pages_load_with_their_gold_bodies(shared):
    from eventledger.evaluate.bodytext import load_pages

    pages = load_pages(shared / "data" / "scrapinghub-aeb")
    assert [p.id for p in pages] == ["page1", "page2"]
    assert pages[0].url == "https://example.org/news/1"
    assert "<article>" in pages[0].html and pages[1].body.startswith("Farmers blocked")


def test_aeb_scores_ours_beside_trafilatura_alone(shared):
    from eventledger.evaluate.bodytext import score_aeb

    score = score_aeb(shared)
    assert {(r.part, r.system) for r in score.rows} == {
        (p, s) for p in ("dev", "test", "all") for s in ("eventledger", "trafilatura alone")
    }
    ours = score.row("all")
    assert ours.documents == 2 and ours.seconds > 0
    assert ours.value("f1") > 0.8  # clean pages: the body is found
    assert ours.value("f1_ratio") == pytest.approx(
        ours.value("f1") / score.row("all", "trafilatura alone").value("f1")
    )


def test_trafilatura_eval_pages_stream_from_the_archive(shared):
    from eventledger.evaluate.snippets import load_pages, read_html, snippet_counts

    folder = shared / "data" / "trafilatura-eval"
    pages = load_pages(folder)
    assert [p.file for p in pages] == ["example.org.a.html", "example.org.b.html"]
    assert pages[0].date == "2021-03-04" and pages[1].date is None
    files = dict(read_html(folder / "html.tar.gz", {"example.org.b.html"}))
    assert (
        list(files) == ["example.org.b.html"] and b"The strike ended" in files["example.org.b.html"]
    )
    text = "Soldiers opened fire on the convoy. Sign up for our newsletter"
    assert snippet_counts(text, pages[0]) == (1, 1, 1)


def test_trafilatura_eval_scores_snippets_and_dates(shared):
    from eventledger.evaluate.snippets import score_trafilatura_eval

    ours = score_trafilatura_eval(shared).row("all")
    assert ours.documents == 2
    assert ours.value("recall") == 1.0 and ours.value("precision") == 1.0
    assert ours.value("date_accuracy") == 1.0  # the one gold date, from the page's metadata


# ---------------------------------------------------------------- events in articles


def test_gold_articles_and_their_texts_are_assembled_as_gold_bar_does(shared):
    from eventledger.evaluate.articles import load_gold, load_texts

    gold = load_gold(shared / "gold" / "en_dev.jsonl")
    assert [g.doc_id for g in gold] == ["syn-en-1", "syn-en-2"]
    rows = load_texts(shared, {"syn-en-2", "fk-3"})
    assert [r["id"] for r in rows] == ["syn-en-2", "fk-3"]
    assert rows[1]["published"] == "2014-02-04" and rows[1]["outlet"] == "Outlet C"


def test_gold_scores_have_detection_and_field_rows(shared):
    from eventledger.evaluate.articles import score_gold

    score = score_gold(shared, gold="en_dev.jsonl")
    assert score.name == "gold-en"
    row = score.row("all")
    assert row.documents == 2
    names = [m.name for m in row.metrics]
    assert names[:3] == ["precision", "recall", "f1"] and "fatalities_low" in names
    assert next(m for m in row.metrics if m.name == "recall").n == 2  # two gold events


def test_gold_all_pools_every_gold_file(shared):
    from eventledger.evaluate.articles import score_gold

    score = score_gold(shared, gold="all")
    assert score.name == "gold-all"
    row = score.row("all")
    assert row.documents == 6  # two English, one Russian, three FA-KES articles
    assert next(m for m in row.metrics if m.name == "recall").n == 6


# ---------------------------------------------------------------- event typing


@pytest.mark.parametrize(
    ("category", "mode", "primary", "also"),
    [
        ("PROTEST", "demo-org", "Protests", ()),
        ("PROTEST", "riot-spon", "Riots", ()),
        ("FIGHT", "heavy-weapons", "Explosions/Remote violence", ("Battles",)),
        ("FIGHT", None, "Battles", ("Explosions/Remote violence",)),
        ("ASSAULT", "suicide-attack", "Explosions/Remote violence", ()),
        ("ASSAULT", "torture", "Violence against civilians", ()),
        ("COERCE", "arrest", "Strategic developments", ()),
        ("THREATEN", "violence", "none", ()),
        ("AGREE", None, "none", ()),
    ],
)
def test_plover_mapping(category, mode, primary, also):
    from eventledger.evaluate.plover import label_of

    label = label_of(category, mode)
    assert (label.primary, label.also) == (primary, also)


@pytest.mark.parametrize(
    ("category", "mode"),
    [("COERCE", "ban"), ("MOBILIZE", "troops"), ("RETREAT", None), ("DOCUMENT", None)],
)
def test_plover_categories_without_a_fixed_acled_type_are_not_scored(category, mode):
    from eventledger.evaluate.plover import label_of

    assert label_of(category, mode) is None


def test_plover_records_and_score(shared):
    from eventledger.evaluate.plover import load_records, score_plover

    records = load_records(shared / "data" / "plover-gsr")
    assert len(records) == 6  # the DOCUMENT record has no sentence
    assert records[0].published == date(2000, 1, 1)
    row = score_plover(shared).row("all")
    assert row.documents == 4  # COERCE/ban and MOBILIZE left out
    assert {m.name for m in row.metrics} == {
        "accuracy",
        "macro_f1",
        "typed_accuracy",
        "none_accuracy",
    }


def test_wikievents_sentence_labels(shared):
    from eventledger.evaluate.wikievents import label_of, load_sentences

    sentences = load_sentences(shared / "data" / "wikievents")
    assert len(sentences) == 8 and sentences[0].key == "syn-doc#0"
    labels = [label_of(s.mentions) for s in sentences]
    primaries = [lab.primary if lab else None for lab in labels]
    assert primaries == [
        "Explosions/Remote violence",
        "Violence against civilians",
        "Strategic developments",
        None,
        "none",
        None,
        "none",
        "Violence against civilians",
    ]
    assert labels[1].against("Battles") == "Battles"  # an attack on an armed target
    assert labels[0].against("Battles") == "Explosions/Remote violence"


def test_wikievents_score_leaves_out_unclear_sentences(shared):
    from eventledger.evaluate.wikievents import score_wikievents

    score = score_wikievents(shared)
    assert score.row("all").documents == 6
    assert "2 left out" in score.notes[0]


# ---------------------------------------------------------------- casualties


def test_ucdp_headlines(shared):
    from eventledger.evaluate.casualties import is_single, load_headlines, score_ucdp

    headlines = load_headlines(shared / "data" / "ucdp-ged-sample")
    assert [h.id for h in headlines] == ["1", "2", "3", "5", "6"]  # a headline and a best
    # "yesterday" marks a daily total; ";" joins two reports
    assert [is_single(h.text) for h in headlines] == [True, True, False, False, True]
    row = score_ucdp(shared).row("all")
    # counts read in 1, 2, 3 and 5; "at least 5" contains 7, "163 died yesterday" misses 4
    assert row.value("found") == pytest.approx(4 / 5)
    assert row.value("contains_best") == pytest.approx(3 / 4)
    assert row.value("single_found") == pytest.approx(2 / 3)
    assert row.value("single_contains_best") == 1.0
    # 1, 2, 3 and 5 state a toll; of those, all are read and 3 contain best
    assert row.value("stated_found") == 1.0
    assert row.value("stated_contains_best") == pytest.approx(3 / 4)
    assert row.value("stated_read_above_best") == pytest.approx(1 / 4)  # 163 read, best 4
    # best 4 is no figure "163 people died yesterday" writes: no reader of it can reach it
    assert row.value("stated_best_told") == pytest.approx(3 / 4)


def test_ucdp_figures_are_every_number_a_headline_writes():
    from eventledger.evaluate.casualties import figures

    assert figures("Twenty-six killed, 1,300 flee; a dozen hurt in 2 raids") >= {26, 1300, 12, 2}
    assert 112 in figures("one hundred and twelve bodies found")
    assert figures("No figure here") == set()
    # figures of time and distance count no one
    assert figures("toll rises to 270 in 13 days; shot at 10 AM, 5 km away") == {270}


@pytest.mark.parametrize(
    ("headline", "stated"),
    [
        ("Gunmen kill 12 in raid on farm", True),
        ("Two soldiers dead in blast", True),
        ("Dozens killed in clashes", True),
        ("Death toll rises to 40", True),
        ("Police find 8 bodies in ravine", True),
        ("Name Ahmad;Bomb kills three soldiers", True),
        ("Three killed, five wounded in blast", True),
        ("Final death toll for 29/12/2012", False),  # a date is not a count
        ("Executions 2007", False),  # nor is a year
        ("Afghan War Casualty Report: March 2020", False),  # no death word
        ("Five soldiers killed and wounded in attack", False),  # dead and wounded together
        ("Scores of insurgents killed, wounded in operations", False),
        ("Teen killed in protest", False),  # one unnumbered victim
        ("Commander killed, 3 soldiers wounded in clash", False),  # the count is the wounded
        ("Thursday 3 January 2013", False),
    ],
)
def test_ucdp_states_toll_needs_a_death_word_and_a_count(headline, stated):
    from eventledger.evaluate.casualties import states_toll

    assert states_toll(headline) is stated


# ---------------------------------------------------------------- places


def test_toponym_corpora_load_and_realign_offsets(shared):
    from eventledger.evaluate.toponyms import CORPORA, load_corpus

    gwn, dropped = load_corpus(shared / CORPORA["geowebnews"], "geowebnews")
    assert dropped == 0
    first = gwn[0]
    assert [(t.name, t.scored) for t in first.toponyms] == [
        ("Paris", True),
        ("Turkey", False),
        ("Geneva", True),
    ]
    assert first.text[first.toponyms[0].start : first.toponyms[0].end] == "Paris"
    virus, dropped = load_corpus(shared / CORPORA["geovirus"], "geovirus")
    assert dropped == 1  # "Nowhere" is not in the text
    for t in virus[0].toponyms:  # offsets off by one, moved onto the name
        assert virus[0].text[t.start : t.end] == t.name
    tr, _ = load_corpus(shared / CORPORA["tr-news"], "tr-news")
    assert [tr[0].text[t.start : t.end] for t in tr[0].toponyms] == ["Dallas", "Texas"]
    assert tr[0].toponyms[0].geonames_id == 4684888


def test_toponym_comparison_by_hand():
    from eventledger.evaluate.toponyms import GeoArticle, Toponym, compare

    article = GeoArticle(
        "a",
        "x" * 50,
        (
            Toponym(0, 5, "Paris", 48.85341, 2.3488, 2988507),
            Toponym(10, 16, "Turkey", 39.0, 35.0, 298795, scored=False),
            Toponym(20, 26, "Geneva", 46.20222, 6.14569, 2660646),
        ),
    )
    predicted = [
        Toponym(0, 5, "Paris", 48.85341, 2.3488, 2988507),  # right, 0 km
        Toponym(10, 16, "Turkey", 41.0, 29.0, 298795),  # an associative toponym: ignored
        Toponym(30, 35, "Lyons", 45.75, 4.85, 2996944),  # not a gold toponym
    ]
    out = compare(article, predicted)
    assert (out.tp, out.fp, out.fn) == (1, 1, 1)
    assert out.errors_km == (0.0,) and out.same_entry == (True,)


def test_toponym_scores(shared):
    from eventledger.evaluate.toponyms import score_toponyms

    row = score_toponyms(shared, corpus="geowebnews").row("all")
    assert {m.name for m in row.metrics} == {
        "precision",
        "recall",
        "f1",
        "acc_161",
        "acc_161_text",
        "median_km",
        "same_entry",
    }
    assert row.value("recall") > 0  # Paris, Geneva, Nairobi, Mombasa are easy


# ---------------------------------------------------------------- linking


def _event(eid: str, sub: str = "Shelling/artillery/missile attack"):
    from eventledger.records import Event, Location, Range

    return Event(
        eid,
        "incident",
        "Explosions/Remote violence",
        sub,
        date(2014, 2, 3),
        None,
        None,
        "day",
        Location(country="SY", admin1="Homs", location="Homs"),
        fatalities=Range(5, 5),
    )


def test_linking_clusterings_by_hand(shared):
    from eventledger.evaluate.articles import load_gold
    from eventledger.evaluate.incidents import clusterings
    from eventledger.records import Document, Result

    gold = load_gold(shared / "gold" / "fakes_dev.jsonl")
    results = [
        Result(Document(b""), "fk-1", None, (_event("fk-1:e1"),), ()),
        Result(Document(b""), "fk-2", None, (_event("fk-2:e1"),), ()),
        Result(Document(b""), "fk-3", None, (), ()),  # the Aleppo strike was missed
    ]
    gold_of, linked_of = clusterings(gold, results, {"fk-1:e1": "i1", "fk-2:e1": "i1"})
    assert gold_of == {
        ("fk-1", 0): "homs-shelling",
        ("fk-2", 0): "homs-shelling",
        ("fk-3", 0): "aleppo-bakery",
    }
    assert linked_of[("fk-1", 0)] == linked_of[("fk-2", 0)] == "i1"
    assert linked_of[("fk-3", 0)].startswith("alone:")


def test_linking_is_skipped_without_a_linker(shared, monkeypatch):
    from eventledger.evaluate import incidents

    monkeypatch.setattr(incidents, "find_linker", lambda: None)
    assert incidents.score_fakes_linking(shared).skipped == "no linker yet"


def test_linking_scores_a_linker(shared, monkeypatch):
    from eventledger.evaluate import incidents

    def link_all(results):  # one incident holding every event
        return [{"members": [{"event_id": e.id} for r in results for e in r.events]}]

    monkeypatch.setattr(incidents, "find_linker", lambda: link_all)
    score = incidents.score_fakes_linking(shared)
    assert score.skipped is None
    row = score.row("all")
    assert {m.name for m in row.metrics} >= {"pairwise_f1", "bcubed_f1"}
    assert all(0.0 <= m.value <= 1.0 for m in row.metrics)


def test_fakes_linking_uses_the_project_linker(shared):
    from eventledger.evaluate import incidents

    assert incidents.find_linker() is not None  # eventledger.link: reports_of and cluster
    row = incidents.score_fakes_linking(shared).row("all")
    assert row.documents == 3
    assert row.value("bcubed_precision") == 1.0  # Homs and Aleppo are never one incident


def test_member_ids_read_objects_and_dicts():
    from types import SimpleNamespace

    from eventledger.evaluate.incidents import member_ids

    assert member_ids({"members": [{"event_id": "a:e1"}, "b:e2"]}) == ["a:e1", "b:e2"]
    assert member_ids(SimpleNamespace(members=[SimpleNamespace(event_id="c:e1")])) == ["c:e1"]
    assert member_ids({"events": [{"id": "d:e1"}]}) == ["d:e1"]


# ---------------------------------------------------------------- the run


def test_every_dataset_runs_on_the_miniature_and_serialises(shared):
    scores = list(evaluate(shared))
    assert [s.name for s in scores] == [d.name for d in DATASETS]
    for s in scores:
        doc = score_to_dict(s)
        assert doc["name"] == s.name
        if s.skipped:
            assert s.name == "fakes-linking"
            continue
        assert s.row("all").documents > 0
        for row in doc["rows"]:
            assert all(v is None or v >= 0 for v in row["metrics"].values())


def test_a_dataset_whose_files_are_missing_is_skipped(tmp_path):
    (tmp_path / "gold").mkdir()
    (score,) = evaluate(tmp_path, ["plover-gsr"])
    assert score.skipped.startswith("no data:") and "PLOVER_GSR_CAMEO.txt" in score.skipped


def test_unknown_dataset_names_the_known_ones():
    from eventledger.errors import UsageError

    with pytest.raises(UsageError, match="Unknown dataset 'nope'. Choose one of: scrapinghub-aeb"):
        choose(["nope"])
    assert [d.name for d in choose(["lgl", "gold-en", "lgl"])] == ["lgl", "gold-en"]


def test_results_carry_throughput():
    from eventledger.evaluate.results import Metric, Row

    row = Row("dev", "eventledger", (Metric("f1", 0.5, 10),), 20, 4.0)
    assert row.docs_per_second == 5.0
    assert Row("dev", "x", (), 0, 0.0).docs_per_second is None
