"""The whole per-document pipeline: never crashes, every span grounded, ids stable."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger import extract
from eventledger.pipeline import document_id
from eventledger.records import Document

FRAGMENTS = [
    "On Monday, at least 12 people were killed in an air strike on Aleppo, Syria.",
    "Police said three protesters were arrested in Minsk.",
    "According to the Syrian Observatory, dozens were wounded.",
    "The ministry denied that any shelling took place.",
    "Thousands marched in London on Saturday.",
    "A car bomb exploded near a market in Kabul last week, killing five.",
    "Officials have not confirmed the deaths.",
    "Skip to main content",
    "• Share to or",
    "Photo: Reuters",
    "",
]


def _spans(record: dict) -> list[dict]:
    out = []
    for ev in record["events"]:
        out += ev["evidence"]
        out += [s for c in ev["claims"] for s in c["evidence"]]
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_extract_never_raises_on_arbitrary_text(text):
    record = extract(text or " ", published="2020-01-01")
    body = record["text"]
    for s in _spans(record):
        assert body[s["start"] : s["end"]] == s["quote"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12),
    st.sampled_from([" ", "\n", "\n\n"]),
)
def test_every_span_is_grounded_on_news_like_text(parts, sep):
    record = extract(sep.join(parts), published="2021-06-15")
    body = record["text"]
    for s in _spans(record):
        assert body[s["start"] : s["end"]] == s["quote"]
    for ev in record["events"]:
        low, high = ev["fatalities"]["low"], ev["fatalities"]["high"]
        assert low is None or high is None or low <= high


def test_document_id_is_the_given_id_or_a_stable_content_hash():
    assert document_id(Document(raw=b"x", id="row-7")) == "row-7"
    a = document_id(Document(raw=b"same bytes"))
    assert a == document_id(Document(raw=b"same bytes")) and a.startswith("doc-")
    assert a != document_id(Document(raw=b"other bytes"))


def test_html_input_goes_through_the_page_cleaner():
    html = (
        "<html><head><title>Blast</title></head><body><nav>Home | World</nav><article>"
        "<p>A car bomb exploded near a market in Kabul on 3 March 2021, killing five people, "
        "police said.</p></article><footer>© News</footer></body></html>"
    )
    record = extract(html)
    assert "Home | World" not in record["text"]
    (event,) = record["events"]
    assert (event["sub_event_type"], event["date"], event["country"]) == (
        "Remote explosive/landmine/IED",
        "2021-03-03",
        "AF",
    )
    assert event["fatalities"] == {"low": 5, "high": 5, "qualifier": None}
    assert any(c["source"].lower() == "police" for c in event["claims"])
