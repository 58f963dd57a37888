"""Golden articles: real texts with key facts checked by reading them.

The facts are in tests/articles/golden.json."""

import json
from pathlib import Path

import pytest

from eventledger import extract
from eventledger.samples import sample_path

GOLDEN = json.loads((Path(__file__).parent / "articles" / "golden.json").read_text())["articles"]
ROWS = {r["id"]: r for r in map(json.loads, sample_path().read_text().splitlines())}


def _flat(ev: dict) -> dict:
    return {
        **ev,
        "fatalities_low": ev["fatalities"]["low"],
        "fatalities_high": ev["fatalities"]["high"],
        "injured_low": ev["injured"]["low"],
        "injured_high": ev["injured"]["high"],
    }


def _meets(ev: dict, fields: dict) -> bool:
    return all(ev.get(k) == v for k, v in fields.items())


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    out = {}
    for case in GOLDEN:
        row = ROWS[case["id"]]
        out[case["id"]] = extract(
            row["text"],
            published=row["published"],
            outlet=row["outlet"],
            url=row["url"],
            title=row["title"],
        )
    return out


def test_golden_set_covers_at_least_ten_articles():
    assert len(GOLDEN) >= 10
    assert all(case["id"] in ROWS for case in GOLDEN)


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: c["id"])
def test_golden_article_required_events(records, case):
    events = [_flat(e) for e in records[case["id"]]["events"]]
    for req in case["required"]:
        assert any(_meets(e, req) for e in events), (
            req,
            [
                {
                    k: e[k]
                    for k in (
                        "kind",
                        "sub_event_type",
                        "date",
                        "country",
                        "admin1",
                        "location",
                        "fatalities_low",
                        "injured_low",
                    )
                }
                for e in events
            ],
        )


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: c["id"])
def test_golden_article_forbidden_events_and_bound(records, case):
    events = [_flat(e) for e in records[case["id"]]["events"]]
    for forb in case["forbidden"]:
        assert not any(_meets(e, forb) for e in events), forb
    assert len(events) <= case["max_events"]


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: c["id"])
def test_golden_article_spans_are_grounded(records, case):
    record = records[case["id"]]
    text = record["text"]
    for ev in record["events"]:
        for s in ev["evidence"] + [s for c in ev["claims"] for s in c["evidence"]]:
            assert text[s["start"] : s["end"]] == s["quote"]
