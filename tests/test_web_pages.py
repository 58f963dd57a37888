"""The HTML pages as served: what they show, that everything from documents is escaped, that
no page carries inline script or style, and the security headers."""

from __future__ import annotations

from dataclasses import replace

import lxml.html
import pytest
from fastapi.testclient import TestClient

from eventledger.store import Ledger
from eventledger.web import WebSettings, create_app
from eventledger.web.highlight import Mark, mark_text
from eventledger.web.security import content_security_policy
from records_support import result
from web_support import HOSTILE_TEXT, build_ledger, minsk

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
PAGES = [
    "/",
    "/?country=UA&q=drone",
    "/events/hostile:e1",
    "/events/sudan:e1",
    "/events/kyiv:t1",
    "/documents/hostile",
    "/documents/hostile-page",
    "/incidents",
    "/incidents/1",
    "/add",
    "/no-such-page",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    db = build_ledger(tmp_path_factory.mktemp("pages") / "ledger.db")
    with TestClient(create_app(WebSettings(db=str(db), write_token="page-token"))) as c:
        yield c


def tree(client: TestClient, path: str):
    response = client.get(path)
    return response, lxml.html.fromstring(response.text)


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_no_inline_script_or_style_and_strict_headers(client: TestClient, path: str):
    response, doc = tree(client, path)
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    scripts = doc.xpath("//script")
    assert [s.get("src", "").split("?")[0] for s in scripts] == ["/static/app.js"]
    assert all(not (s.text or "").strip() for s in scripts)
    assert doc.xpath("//style") == []
    assert doc.xpath("//*[@style]") == []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [a for a in element.attrib if a.lower().startswith("on")], element.tag
        for attr in ("href", "src", "action", "formaction"):
            value = (element.get(attr) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), value
            if element.tag != "a":  # what the page loads comes from this server, never a CDN
                assert not value.startswith(("http:", "https:", "//")), value


@pytest.mark.parametrize(
    "path", ["/", "/events/hostile:e1", "/documents/hostile", "/documents/hostile-page"]
)
def test_hostile_text_is_shown_as_text(client: TestClient, path: str):
    html = client.get(path).text
    assert "window.__pwned" in html  # the text is there...
    assert "<script>window.__pwned" not in html  # ...but never as markup
    assert "<img src=x" not in html and "<svg onload" not in html
    assert "{{ 7*7 }}" in html or path.startswith("/documents/hostile-page") or path == "/"
    assert ">49<" not in html


def test_event_page_shows_every_field_beside_highlighted_evidence(client: TestClient):
    response, doc = tree(client, "/events/sudan:e1")
    assert response.status_code == 200
    fields = [dt.text_content() for dt in doc.xpath("//dl[@class='coded']/dt")]
    assert fields == [
        "Kind",
        "Event type",
        "Sub-event type",
        "Date",
        "Place",
        "Actors",
        "Fatalities",
        "Injured",
        "Confidence",
        "Evidence",
    ]
    (evidence,) = doc.xpath("//mark[@id='ev-1']")
    assert "evidence" in evidence.get("class")
    assert evidence.text_content().startswith("Fighting between the army and the RSF")
    denied = doc.xpath("//mark[contains(@class, 'stance-denies')]")
    assert [m.text_content() for m in denied] == ["The army denied it"]
    claims = [li.text_content() for li in doc.xpath("//ul[@class='claims']/li")]
    assert "says so" in claims[0] and "denies it" in claims[1]
    place = doc.xpath("//dt[text()='Place']/following-sibling::dd[1]")[0].text_content()
    assert "the centre of the country, not the spot" in place
    assert doc.xpath("//a[@href='#ev-1']")  # each quote links to its mark


def test_event_page_gives_the_source_chain_and_archived_input(client: TestClient):
    _, doc = tree(client, "/events/kyiv:e1")
    chain = doc.xpath("//ol[@class='chain']")[0].text_content()
    assert "city administration" in chain and "Drone strike on Kyiv" in chain
    (raw,) = doc.xpath("//a[@id='raw-link']/@href")
    response = client.get(raw)
    assert response.status_code == 200 and b"Kyiv" in response.content
    (external,) = doc.xpath("//a[@class='external']")
    assert external.get("href") == "https://news.example/kyiv"
    assert external.get("rel") == "noopener noreferrer nofollow"


def test_a_javascript_url_is_never_a_link(client: TestClient):
    _, doc = tree(client, "/events/hostile:e1")
    assert not doc.xpath("//a[@class='external']")
    assert "address (not a web link)" in doc.text_content()


def test_tally_page_says_it_is_not_added_to_incidents(client: TestClient):
    text = client.get("/events/kyiv:t1").text
    assert "never added to incident counts" in text and "centre of the region" in text


@pytest.mark.parametrize(
    ("path", "kinds"),
    [
        (
            "/documents/hostile-page",
            {"evidence", "m-trigger", "m-date", "m-place", "m-attribution"},
        ),
        ("/documents/kyiv", {"evidence", "m-trigger", "m-date", "m-place", "m-count", "m-actor"}),
    ],
)
def test_document_page_marks_every_kind_of_mention(client: TestClient, path: str, kinds: set):
    response, doc = tree(client, path)
    assert response.status_code == 200
    found = set()
    for mark in doc.xpath("//div[@id='source-text']//mark"):
        found.update(mark.get("class").split())
    assert kinds <= found


def test_document_page_says_which_outlet_home_the_report_was_read_with(client: TestClient):
    _, kyiv = tree(client, "/documents/kyiv")
    (note,) = kyiv.find_class("outlet-home")
    assert "Kyiv City (UA)" in note.text_content()
    _, sudan = tree(client, "/documents/sudan")
    assert not sudan.find_class("outlet-home")
    record = client.get("/api/documents/kyiv").json()
    assert record["document"]["outlet_home"]["admin1"] == "Kyiv City"


def test_document_page_says_what_each_mention_was_read_as(client: TestClient):
    _, doc = tree(client, "/documents/hostile-page")
    minsk = [
        m for m in doc.xpath("//mark[contains(@class, 'm-place')]") if m.text_content() == "Minsk"
    ]
    assert minsk and "place: Minsk" in minsk[0].get("title")
    assert doc.xpath("//ol[contains(@class, 'doc-events')]/li/a[starts-with(@href, '/events/')]")


def test_index_lists_events_with_filters_and_downloads_kept(client: TestClient):
    response, doc = tree(client, "/?country=UA&q=drone")
    assert response.status_code == 200
    assert doc.xpath("//select[@name='country']/option[@selected]/@value") == ["UA"]
    assert doc.xpath("//input[@name='q']/@value") == ["drone"]
    items = doc.xpath("//ol[@id='event-list']/li/a/@href")
    assert sorted(items) == ["/events/kyiv:e1", "/events/kyiv:t1"]
    (csv_link,) = doc.xpath("//a[@id='dl-csv']/@href")
    assert (
        csv_link.startswith("/api/export?")
        and "country=UA" in csv_link
        and "format=csv" in csv_link
    )
    assert "2 events match" in doc.text_content()


def test_index_pages_without_javascript(client: TestClient):
    first, doc = tree(client, "/")
    assert len(doc.xpath("//ol[@id='event-list']/li")) == 6
    assert not doc.xpath("//a[@id='more']")


def test_bad_filters_on_a_page_are_an_html_error(client: TestClient):
    response = client.get("/?date_from=soon")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "Bad date_from" in response.text


def test_unknown_event_page_is_404_html(client: TestClient):
    response = client.get("/events/missing")
    assert response.status_code == 404 and "No event" in response.text


def test_tile_server_origin_joins_the_image_sources():
    from eventledger.web.settings import WebSettings as S

    csp = content_security_policy(S(tile_url="https://{s}.tile.example.org/{z}/{x}/{y}.png"))
    assert "img-src 'self' data: https://*.tile.example.org;" in csp


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "https://tiles.example.org/", "https://a b/{z}/{x}/{y}"]
)
def test_bad_tile_urls_are_refused(url: str):
    from eventledger.errors import UsageError
    from eventledger.web.settings import WebSettings as S

    with pytest.raises(UsageError):
        S(tile_url=url)


# ---------------------------------------------------------------- highlighting


def test_marks_cut_text_into_pieces_and_keep_overlaps():
    text = "Gunmen attacked a market.\n\nFive were killed."
    marked = mark_text(text, [Mark(0, 15, "evidence", "e1", "ev-1"), Mark(7, 24, "claim", "c1")])
    first, second = marked.paragraphs
    assert [(p.text, p.classes) for p in first] == [
        ("Gunmen ", "evidence"),
        ("attacked", "evidence claim"),
        (" a market", "claim"),
        (".", ""),
    ]
    assert first[0].anchor == "ev-1" and first[1].anchor is None
    assert [p.text for p in second] == ["Five were killed."]


def test_marks_that_do_not_hold_are_dropped_and_counted():
    marked = mark_text(
        "abc", [Mark(0, 9, "x"), Mark(1, 2, "x", quote="z"), Mark(1, 2, "y", quote="b")]
    )
    assert marked.dropped == 2
    assert [(p.text, p.classes) for p in marked.paragraphs[0]] == [("a", ""), ("b", "y"), ("c", "")]


def test_hostile_text_round_trips_through_marks():
    marked = mark_text(HOSTILE_TEXT, [Mark(0, 20, "evidence")])
    assert "".join(p.text for para in marked.paragraphs for p in para) == HOSTILE_TEXT


def test_a_russian_documents_mentions_come_from_the_russian_finders():
    from datetime import date

    from eventledger.gazetteer import Gazetteer
    from eventledger.web.mentions import find_mentions

    text = "В четверг в результате обстрела в Харькове погибли три человека."
    marks = find_mentions(text, date(2024, 5, 2), Gazetteer.open(), "ru")
    labels = {m.label for m in marks}
    assert "killed: 3" in labels
    assert any(m.label.startswith("place: Kharkiv") for m in marks)
    assert any(m.label.startswith("date: 2024-05-02") for m in marks)
    assert all(text[m.start : m.end] == m.quote for m in marks)
    # With no language recorded, the page marks what the pipeline's coder read: by script.
    unknown = find_mentions(text, date(2024, 5, 2), Gazetteer.open())
    assert {m.label for m in unknown} == labels
    # The English finders read no Russian: the page would show nothing of the toll.
    english = find_mentions(text, date(2024, 5, 2), Gazetteer.open(), "en")
    assert not any(m.label.startswith("killed") for m in english)


def test_an_event_dated_only_by_its_report_says_so(tmp_path):
    protest = replace(minsk().events[0], id="undated:e1", date_start=None, date_end=None,
                      date_precision="unknown")  # fmt: skip
    with Ledger.open(str(tmp_path / "ledger.db")) as ledger:
        ledger.add(result("undated", minsk().article.text, (protest,)))
    settings = WebSettings(db=str(tmp_path / "ledger.db"))
    with TestClient(create_app(settings)) as c:
        page = lxml.html.fromstring(c.get("/events/undated:e1").text)
    when = page.xpath("//dt[text()='Date']/following-sibling::dd[1]")[0].text_content()
    assert when.startswith("by 2021-05-03") and "does not tell the event's own day" in when
