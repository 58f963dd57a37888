"""Predicted events against gold events: the rules of shared/checks/el.py, and agreement with it."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import pytest

from evaluate_support import REAL_SHARED
from eventledger.evaluate.matching import (
    EventFields,
    align,
    date_close,
    match_score,
    norm_place,
    same_place,
    score_events,
)

EL = REAL_SHARED / "checks" / "el.py"


def gold(**fields) -> EventFields:
    base = {
        "kind": "incident",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "date": "2023-05-10",
        "country": "UA",
        "admin1": "Kharkiv Oblast",
        "location": "Kharkiv",
        "fatalities_low": 2,
        "fatalities_high": 2,
    }
    return EventFields.from_gold(base | fields)


def pred(**fields) -> EventFields:
    base = {
        "kind": "incident",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "date": "2023-05-10",
        "country": "UA",
        "admin1": "Kharkiv Oblast",
        "location": "Kharkiv",
        "fatalities": {"low": 2, "high": 2},
    }
    return EventFields.from_output(base | fields)


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Belgorod Oblast", "belgorod"),
        ("Kharkov", "kharkiv"),
        ("Gdańsk", "gdansk"),
        ("the Republic of Dagestan", "dagestan"),
        ("Maydan Wardak", "maidan wardak"),
        ("", None),
        (None, None),
        ("Province", None),
    ],
)
def test_norm_place(name, normal):
    assert norm_place(name) == normal


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Kharkiv Oblast", "Kharkiv", True),
        ("Kiev", "Kyiv", True),
        ("Maidan Wardak", "Wardak", True),  # a word added or dropped
        ("Niger", "Nigeria", False),  # never a mere prefix
        ("Damascus - Qassaa", "Damascus", True),
        ("Homs", None, False),
        (None, None, False),
    ],
)
def test_same_place(a, b, same):
    assert same_place(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "days", "close"),
    [
        ("2023-05-10", "2023-05-12", 2, True),
        ("2023-05-10", "2023-05-13", 2, False),
        ("2023-05-10", "2023-05-13T08:00:00", 3, True),
        ("2023-05-10", None, 3, False),
        ("2023-05", "2023-05-10", 3, False),
    ],
)
def test_date_close(a, b, days, close):
    assert date_close(a, b, days) is close


@pytest.mark.parametrize(
    ("g", "p", "score"),
    [
        (gold(), pred(), 5.0),  # type, date, kind, sub-type, place
        (gold(), pred(event_type="Protests"), 0.0),  # another type never matches
        (gold(), pred(country="RU"), 0.0),
        (gold(), pred(country=None), 5.0),  # unknown country does not block
        (gold(), pred(date="2023-05-14"), 0.0),  # 4 days apart
        (gold(), pred(date="2023-05-13"), 5.0),
        (gold(), pred(date=None), 4.0),
        (gold(kind="tally"), pred(date="2023-01-01", kind="tally"), 4.0),  # tallies: no date gate
        (gold(), pred(kind=None), 5.0),  # no kind reads as an incident
        (gold(), pred(sub_event_type="Shelling/artillery/missile attack"), 4.0),
        (gold(), pred(admin1=None, location="Kharkov"), 5.0),
    ],
)
def test_match_score(g, p, score):
    assert match_score(g, p) == score


def test_align_is_greedy_one_to_one_best_first():
    g1, g2 = gold(location="Kharkiv"), gold(location="Izium", admin1=None)
    p1 = pred(location="Izium", admin1=None)
    assert align([g1, g2], [p1]) == [None, 0]
    assert align([g1, g2], [p1, pred()]) == [1, 0]
    assert align([g1], []) == [None]


def test_score_events_counts_and_fields():
    golds = {
        "d1": [gold(), gold(event_type="Protests", sub_event_type="Peaceful protest")],
        "d2": [gold(kind="tally", date="2023-05-01")],
    }
    preds = {
        "d1": [pred(fatalities={"low": 2, "high": None}), pred(event_type="Riots")],
        "d2": [pred(kind="tally", date="2023-04-01")],
    }
    s = score_events(golds, preds)
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert (s.precision, s.recall) == pytest.approx((2 / 3, 2 / 3))
    assert s.field("kind").value == 1.0 and s.field("kind").n == 2
    assert s.field("date").n == 1  # a tally's date is not scored
    assert s.field("fatalities_low").value == 1.0
    assert s.field("fatalities_high").value == 0.5
    assert s.field("location").n == 2


def test_a_document_without_predictions_misses_all_its_events():
    s = score_events({"d1": [gold(), gold()]}, {})
    assert (s.tp, s.fp, s.fn, s.f1) == (0, 0, 2, 0.0)


# ---------------------------------------------------------------- agreement with el.py


def _el():
    spec = importlib.util.spec_from_file_location("shared_el", EL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _perturbed(events: list[dict], rng: random.Random) -> list[dict]:
    """Predictions made from gold events by plausible mistakes: shifted dates, other types,
    lost places, other counts, dropped and invented events."""
    out = []
    for e in events:
        if rng.random() < 0.2:
            continue
        ev = {
            "kind": e.get("kind"),
            "event_type": e["event_type"],
            "sub_event_type": e.get("sub_event_type"),
            "date": e.get("date"),
            "country": e.get("country"),
            "admin1": e.get("admin1"),
            "location": e.get("location"),
            "fatalities": {"low": e.get("fatalities_low"), "high": e.get("fatalities_high")},
        }
        if ev["date"] and rng.random() < 0.3:
            ev["date"] = (
                f"{ev['date'][:8]}{min(28, int(ev['date'][8:10]) + rng.choice([1, 2, 5])):02d}"
            )
        if rng.random() < 0.2:
            ev["sub_event_type"] = "Attack"
        if rng.random() < 0.2:
            ev["admin1"] = ev["location"] = None
        if rng.random() < 0.2:
            ev["fatalities"] = {"low": 1, "high": None}
        if rng.random() < 0.15:
            ev["kind"] = "tally" if ev["kind"] != "tally" else "incident"
        out.append(ev)
        if rng.random() < 0.2:
            out.append(dict(ev, event_type="Protests", sub_event_type="Peaceful protest"))
    return out


@pytest.mark.shared
@pytest.mark.skipif(not EL.exists(), reason="needs ../shared/checks/el.py")
@pytest.mark.parametrize("gold_file", ["en_dev.jsonl", "ru_dev.jsonl", "fakes_dev.jsonl"])
def test_scorer_agrees_with_el_py_on_perturbed_gold(gold_file):
    el = _el()
    docs = [
        json.loads(line)
        for line in (REAL_SHARED / "gold" / gold_file).read_text().splitlines()
        if line.strip()
    ]
    rng = random.Random(gold_file)
    for _ in range(5):
        preds = {d["doc_id"]: {"events": _perturbed(d["events"], rng)} for d in docs}
        _assert_same(el, docs, preds)


@pytest.mark.shared
@pytest.mark.skipif(not EL.exists(), reason="needs ../shared/checks/el.py")
def test_scorer_agrees_with_el_py_on_the_pipeline_output():
    from eventledger.evaluate.articles import extract_articles, load_gold

    el = _el()
    for gold_file in ("en_dev.jsonl", "fakes_dev.jsonl"):
        path = REAL_SHARED / "gold" / gold_file
        docs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        extracted = extract_articles(REAL_SHARED, load_gold(path))
        _assert_same(el, docs, {k: record for k, (record, _) in extracted.items()})


def _assert_same(el, docs: list[dict], preds: dict[str, dict]) -> None:
    theirs = el.score_corpus(docs, preds)
    ours = score_events(
        {d["doc_id"]: [EventFields.from_gold(e) for e in d["events"]] for d in docs},
        {k: [EventFields.from_output(e) for e in v["events"]] for k, v in preds.items()},
    )
    assert (ours.tp, ours.fp, ours.fn) == (theirs["tp"], theirs["fp"], theirs["fn"])
    assert (ours.precision, ours.recall, ours.f1) == (
        theirs["precision"],
        theirs["recall"],
        theirs["f1"],
    )
    assert {f.name: (f.value, f.n) for f in ours.fields} == theirs["fields"]


def test_fixture_gold_reads_as_el_reads_it():
    """The gold files in the test fixtures have the fields the scorer reads."""
    path = Path(__file__).parent / "fixtures" / "evaluate" / "shared" / "gold" / "en_dev.jsonl"
    line = json.loads(path.read_text().splitlines()[0])
    fields = EventFields.from_gold(line["events"][0])
    assert fields.event_type == "Explosions/Remote violence" and fields.fatalities_low == 3
