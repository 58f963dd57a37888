"""Adding reports: only with the operator's token; a refused request changes nothing and
fetches nothing; URLs go through the address policy."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventledger.store import Ledger
from eventledger.web import WebSettings, create_app
from eventledger.web.reports import Reporter
from web_support import hand_built

TOKEN = "s3cret-write-token"
ARTICLE = (
    "Police arrested 30 protesters in Minsk on 3 May 2021 after a march through the centre, "
    "the rights group Viasna said."
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    with Ledger.open(str(path)) as ledger:
        for item in hand_built():
            ledger.add(item)
    return path


def app_for(db: Path, **options) -> TestClient:
    return TestClient(create_app(WebSettings(db=str(db), **options)))


def documents(db: Path) -> int:
    with Ledger.open(str(db)) as ledger:
        return ledger.stats()["documents"]


class Page(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Page.hits += 1
        body = (
            f"<html><head><title>Minsk</title></head><body><p>{ARTICLE}</p></body></html>".encode()
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def page_url() -> Iterator[str]:
    Page.hits = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/news/minsk"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def no_add(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a report gets as far as being read."""

    def refuse(*args, **kwargs):
        raise AssertionError("an unauthorised request reached Reporter.add")

    monkeypatch.setattr(Reporter, "add", refuse)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": "Bearer "},
    ],
)
@pytest.mark.parametrize(
    "body", [{"text": ARTICLE}, {"url": "http://127.0.0.1:9/"}, {"nonsense": 1}]
)
def test_wrong_or_missing_token_is_401_and_nothing_happens(db, no_add, headers, body):
    before = documents(db)
    with app_for(db, write_token=TOKEN) as client:
        response = client.post("/api/reports", json=body, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthorized"
    assert documents(db) == before


def test_a_url_is_not_fetched_without_the_token(db, page_url):
    with app_for(db, write_token=TOKEN, allow_private_fetch=True) as client:
        response = client.post("/api/reports", json={"url": page_url})
    assert response.status_code == 401 and Page.hits == 0


def test_a_server_without_a_token_is_read_only(db, no_add):
    with app_for(db) as client:
        response = client.post(
            "/api/reports", json={"text": ARTICLE}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "read-only"
        assert "read-only" in client.get("/add").text
        assert 'href="/add"' not in client.get("/").text
    assert documents(db) == 4


def test_pasted_text_is_extracted_and_stored_once(db):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {
        "text": ARTICLE,
        "published": "2021-05-04",
        "title": "Arrests in Minsk",
        "outlet": "Wire",
    }
    with app_for(db, write_token=TOKEN) as client:
        first = client.post("/api/reports", json=body, headers=auth)
        assert first.status_code == 201, first.text
        added = first.json()
        assert added["added"] is True and added["events"]
        event = client.get(f"/api/events/{added['events'][0]}").json()
        assert event["event_type"] == "Protests" and event["date"] == "2021-05-03"
        doc = client.get(f"/api/documents/{added['document_id']}").json()["document"]
        assert (doc["title"], doc["outlet"], doc["published"]) == (
            "Arrests in Minsk",
            "Wire",
            "2021-05-04",
        )
        again = client.post("/api/reports", json=body, headers=auth)
        assert again.status_code == 200 and again.json()["added"] is False
    assert documents(db) == 5


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 400, "bad-request"),
        ({"text": ARTICLE, "url": "https://news.example/"}, 400, "bad-request"),
        ({"text": ARTICLE, "published": "last week"}, 400, "bad-request"),
        ({"text": 42}, 422, "invalid-request"),
        ({"text": ARTICLE, "extra": "field"}, 422, "invalid-request"),
        ({"url": "ftp://news.example/a"}, 400, "fetch-failed"),
    ],
)
def test_bad_reports_are_refused_in_the_one_error_shape(db, body, status, code):
    with app_for(db, write_token=TOKEN) as client:
        response = client.post(
            "/api/reports", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert documents(db) == 4


def test_body_that_is_not_json_is_422(db):
    with app_for(db, write_token=TOKEN) as client:
        response = client.post(
            "/api/reports",
            content=b"{not json",
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )
    assert response.status_code == 422


def test_an_oversized_body_is_413_before_it_is_read(db, no_add):
    with app_for(db, write_token=TOKEN, max_body_bytes=1000) as client:
        response = client.post(
            "/api/reports", json={"text": "x" * 5000}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too-large"


def test_loopback_urls_are_refused_unless_the_operator_allows_them(db, page_url):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with app_for(db, write_token=TOKEN) as client:
        refused = client.post("/api/reports", json={"url": page_url}, headers=auth)
    assert refused.status_code == 400 and "refused" in refused.json()["error"]["message"]
    assert Page.hits == 0 and documents(db) == 4
    with app_for(db, write_token=TOKEN, allow_private_fetch=True) as client:
        allowed = client.post("/api/reports", json={"url": page_url}, headers=auth)
        assert allowed.status_code == 201, allowed.text
        doc = client.get(f"/api/documents/{allowed.json()['document_id']}").json()["document"]
    assert doc["url"] == page_url and doc["fetched_at"] and Page.hits == 1


def test_the_form_needs_the_token_too(db, no_add):
    with app_for(db, write_token=TOKEN) as client:
        response = client.post("/add", data={"token": "wrong", "text": ARTICLE})
    assert response.status_code == 401
    assert "write token is needed" in response.text
    assert ARTICLE in response.text  # what was typed is kept; the token is not
    assert 'value="wrong"' not in response.text
    assert documents(db) == 4


def test_the_form_adds_a_report_and_shows_its_document(db):
    with app_for(db, write_token=TOKEN) as client:
        response = client.post(
            "/add",
            data={"token": TOKEN, "text": ARTICLE, "published": "2021-05-04"},
            follow_redirects=False,
        )
        assert response.status_code == 303
        page = client.get(response.headers["location"])
    assert page.status_code == 200 and "Viasna" in page.text
    assert documents(db) == 5


def test_a_report_is_placed_by_its_outlets_home_in_the_ledger(db):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    local = (
        "Fire crews from Reno, Texas, were called to a barn fire near Blossom in Lamar County.",
        "Voters in Lamar County, Texas, will decide on a new jail in May, officials said.",
    )
    with app_for(db, write_token=TOKEN) as client:
        for text in local:
            body = {"text": text, "outlet": "parisnews.example"}
            assert client.post("/api/reports", json=body, headers=auth).status_code == 201
        for outlet, division in (("parisnews.example", "Texas"), ("wire.example", "Île-de-France")):
            text = f"A man was shot dead in Paris on Saturday, {outlet} reported."
            body = {"text": text, "outlet": outlet}
            added = client.post("/api/reports", json=body, headers=auth).json()
            event = client.get(f"/api/events/{added['events'][0]}").json()
            assert event["admin1"] == division
