"""The seed case: every check of the worked example, through the public CLI contract."""

import json
from pathlib import Path

import pytest

from eventledger import extract

HERE = Path(__file__).parent / "articles"
EXPECTED = json.loads((HERE / "meduza-belgorod-conscripts.expected.json").read_text())


def _same_place(a, b):
    def norm(s):
        s = (s or "").lower()
        for w in ("oblast", "region", "province"):
            s = s.replace(w, "")
        return " ".join(s.split())

    return bool(norm(a)) and norm(a) == norm(b)


@pytest.fixture(scope="module")
def record():
    text = (HERE / "meduza-belgorod-conscripts.txt").read_text()
    return extract(text, published=EXPECTED["published"])


def _flat(ev):
    return {
        **ev,
        "fatalities_low": ev["fatalities"]["low"],
        "fatalities_high": ev["fatalities"]["high"],
    }


@pytest.mark.parametrize("snippet", EXPECTED["clean"]["body_contains"])
def test_body_keeps_article_text(record, snippet):
    assert snippet in record["text"]


@pytest.mark.parametrize("snippet", EXPECTED["clean"]["body_excludes"])
def test_body_drops_page_furniture(record, snippet):
    assert snippet not in record["text"]


@pytest.mark.parametrize("caption", EXPECTED["clean"]["captions"])
def test_captions_are_kept_apart(record, caption):
    assert any(caption in c for c in record["captions"])


def _matches(ev, req):
    for key, want in req.items():
        if key == "what":
            continue
        if key == "claim_sources_include":
            if not any(want.lower() in c["source"].lower() for c in ev["claims"]):
                return False
        elif key == "has_unconfirmed_claim":
            if want and not any(c["stance"] in ("unconfirmed", "denies") for c in ev["claims"]):
                return False
        elif key == "admin1":
            if not _same_place(want, ev["admin1"]):
                return False
        elif ev.get(key) != want:
            return False
    return True


@pytest.mark.parametrize("req", EXPECTED["required_events"], ids=lambda r: r["what"][:40])
def test_required_event_is_found(record, req):
    events = [_flat(e) for e in record["events"]]
    assert any(_matches(e, req) for e in events), json.dumps(events, indent=1)[:3000]


@pytest.mark.parametrize("forb", EXPECTED["forbidden"], ids=lambda r: r["what"][:40])
def test_forbidden_event_is_absent(record, forb):
    for ev in map(_flat, record["events"]):
        hit = True
        for key, want in forb.items():
            if key == "what":
                continue
            if key == "evidence_contains":
                hit &= any(want in s["quote"] for s in ev["evidence"])
            else:
                hit &= ev.get(key) == want
        assert not hit, ev


def test_incident_fatalities_are_not_double_counted(record):
    total = sum(e["fatalities"]["low"] or 0 for e in record["events"] if e["kind"] == "incident")
    assert total == EXPECTED["document"]["incident_fatalities_low_sum"]


def test_outlet_and_source_chain(record):
    assert record["document"]["outlet"] == EXPECTED["document"]["outlet"]
    jan16 = next(e for e in record["events"] if e["date"] == "2023-01-16")
    sevenx7 = next(c for c in jan16["claims"] if c["source"] == "7x7")
    assert sevenx7["via"] == "Meduza"


def test_every_span_is_grounded(record):
    text = record["text"]
    for ev in record["events"]:
        spans = list(ev["evidence"]) + [s for c in ev["claims"] for s in c["evidence"]]
        for s in spans:
            assert text[s["start"] : s["end"]] == s["quote"]
