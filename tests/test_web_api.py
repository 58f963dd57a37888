"""The JSON API through FastAPI's test client: records, filters, pages, summaries, downloads,
the archived input, incidents, the OpenAPI schema, and one error shape for every error."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventledger.store import Ledger
from eventledger.web import WebSettings, create_app
from eventledger.web.models import DocumentRecord, EventModel, EventPage
from web_support import build_ledger

TOKEN = "test-write-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ledger(tmp_path_factory.mktemp("api") / "ledger.db")


@pytest.fixture(scope="module")
def client(db: Path):
    with TestClient(create_app(WebSettings(db=str(db), write_token=TOKEN))) as c:
        yield c


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def event_ids(client: TestClient, **params: Any) -> list[str]:
    return [e["id"] for e in get(client, "/api/events", **params)["events"]]


# ---------------------------------------------------------------- events


def test_events_are_extract_records_plus_document_id(client: TestClient):
    page = get(client, "/api/events")
    EventPage.model_validate(page)
    assert set(page) == {"events", "next"} and page["next"] is None
    assert len(page["events"]) == 6
    for event in page["events"]:
        EventModel.model_validate(event)
    first = page["events"][0]
    assert first["id"] == "kyiv:t1" and first["document_id"] == "kyiv"  # newest first


def test_events_page_through_with_the_next_cursor(client: TestClient):
    everything = event_ids(client, order="oldest")
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 2, "order": "oldest"}
    while True:
        page = get(client, "/api/events", **params)
        seen += [e["id"] for e in page["events"]]
        if page["next"] is None:
            break
        params["cursor"] = page["next"]
    assert seen == everything and len(seen) == 6


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "ua"}, ["kyiv:t1", "kyiv:e1"]),
        ({"country": "UA", "admin1": "Kyiv City", "kind": "incident"}, ["kyiv:e1"]),
        ({"type": "Battles"}, ["sudan:e1"]),
        ({"type": "Air/drone strike"}, ["kyiv:t1", "kyiv:e1"]),
        ({"actor": "rapid"}, ["sudan:e1"]),
        ({"q": "viasna", "order": "oldest"}, ["hostile-page:e1", "minsk:e1"]),
        ({"date_from": "2023-01-01", "date_to": "2024-03-01"}, ["hostile:e1", "sudan:e1"]),
        ({"bbox": "20,45,40,60", "kind": "incident"}, ["kyiv:e1", "minsk:e1", "hostile-page:e1"]),
        ({"country": "", "q": "", "type": ""}, None),  # an empty form field is no filter
    ],
)
def test_events_filter_by_query_parameters(client: TestClient, params, expected):
    found = event_ids(client, **params)
    if expected is None:
        assert len(found) == 6
    else:
        assert sorted(found) == sorted(expected)


def test_one_event_and_its_document(client: TestClient):
    event = get(client, "/api/events/sudan:e1")
    EventModel.model_validate(event)
    assert [c["stance"] for c in event["claims"]] == ["asserts", "denies"]
    record = get(client, "/api/documents/sudan")
    DocumentRecord.model_validate(record)
    quote = event["evidence"][0]
    assert record["text"][quote["start"] : quote["end"]] == quote["quote"]


# ---------------------------------------------------------------- summaries


def test_summary_counts_and_offers_filter_values(client: TestClient):
    data = get(client, "/api/summary", country="UA")
    assert data["count"] == 2
    countries = {c["value"]: c for c in data["facets"]["country"]}
    assert countries["SD"]["label"] == "Sudan"
    assert data["facets"]["admin1"] == [{"value": "Kyiv City", "count": 2}]


def test_timeline_by_week(client: TestClient):
    data = get(client, "/api/timeline", country="UA", bucket="week")
    assert data["bucket"] == "week"
    assert [(p["start"], p["events"], p["fatalities"]) for p in data["periods"]] == [
        ("2024-06-03", 2, 3)
    ]


def test_map_clusters_and_names_country_shapes(client: TestClient):
    data = get(client, "/api/map", zoom=1)
    assert data["cell_deg"] == 45.0
    sudan = next(a for a in data["areas"] if a["country"] == "SD")
    assert sudan["iso_numeric"] == "729" and sudan["country_name"] == "Sudan"
    assert sum(c["count"] for c in data["points"]) == 4


# ---------------------------------------------------------------- downloads


def test_downloads_hold_the_filtered_events(client: TestClient):
    response = client.get("/api/export", params={"format": "csv", "country": "UA"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert (
        'attachment; filename="eventledger-events.csv"' == response.headers["content-disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(r["id"] for r in rows) == ["kyiv:e1", "kyiv:t1"]


def test_acled_download_leaves_out_tallies(client: TestClient):
    response = client.get("/api/export", params={"format": "acled-csv", "country": "UA"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["event_id_cnty"] for r in rows] == ["kyiv:e1"]
    assert rows[0]["country"] == "Ukraine" and rows[0]["fatalities"] == "3"


def test_geojson_download_is_a_feature_collection(client: TestClient):
    response = client.get("/api/export", params={"format": "geojson", "type": "Protests"})
    assert response.headers["content-type"].startswith("application/geo+json")
    data = json.loads(response.text)
    assert data["type"] == "FeatureCollection"
    assert {f["id"] for f in data["features"]} == {"minsk:e1", "hostile-page:e1"}


# ---------------------------------------------------------------- the archived input


def test_raw_input_is_served_as_inert_text(client: TestClient, db: Path):
    with Ledger.open(str(db)) as ledger:
        content_hash = ledger.document("hostile")["document"]["content_hash"]
        raw = ledger.raw(content_hash)
    response = client.get(f"/api/raw/{content_hash}")
    assert response.status_code == 200 and response.content == raw
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["content-security-policy"] == "sandbox; default-src 'none'"
    assert response.headers["x-content-type-options"] == "nosniff"
    download = client.get(f"/api/raw/{content_hash}", params={"download": "1"})
    assert download.headers["content-disposition"].startswith("attachment;")


# ---------------------------------------------------------------- incidents


def test_incidents_list_the_linked_reports_and_page_through(tmp_path: Path):
    from eventledger.gazetteer import Gazetteer
    from eventledger.pipeline import extract_document
    from eventledger.records import Document

    here = Path(__file__).parent
    texts = [
        (
            "meduza",
            (here / "articles" / "meduza-belgorod-conscripts.txt").read_bytes(),
            "2023-05-24",
            "Meduza",
        ),
        (
            "courier",
            (here / "fixtures" / "link" / "belgorod-january-16-second-report.txt").read_bytes(),
            "2023-01-18",
            "Border Region Courier",
        ),
    ]
    db = tmp_path / "linked.db"
    gaz = Gazetteer.open()
    with Ledger.open(str(db)) as ledger:
        for doc_id, raw, published, outlet in texts:
            doc = Document(
                raw=raw, id=doc_id, text=raw.decode(), published=published, outlet=outlet
            )
            ledger.add(extract_document(doc, gaz))
    with TestClient(create_app(WebSettings(db=str(db)))) as client:
        assert get(client, "/api/meta")["incidents"] is True
        found = get(client, "/api/incidents", date_from="2023-01-16", date_to="2023-01-16")
        (jan16,) = found["incidents"]
        assert {m["document_id"] for m in jan16["members"]} == {"meduza", "courier"}
        first = get(client, "/api/incidents", limit=1)
        assert len(first["incidents"]) == 1 and first["next"] == "1"
        second = get(client, "/api/incidents", limit=1, cursor=first["next"])
        assert second["incidents"][0]["id"] != first["incidents"][0]["id"]
        assert client.get("/api/incidents", params={"cursor": "x"}).status_code == 400
        assert get(client, f"/api/incidents/{jan16['id']}")["id"] == jan16["id"]
        page = client.get(f"/incidents/{jan16['id']}")
        assert page.status_code == 200
        assert "report 2" in page.text and "Border Region Courier" in page.text
        listing = client.get("/incidents")
        assert jan16["id"] in listing.text
        assert client.get("/api/incidents/nope").status_code == 404


# ---------------------------------------------------------------- meta and schema


def test_meta_says_what_the_server_offers(client: TestClient):
    assert get(client, "/api/meta") == {
        "version": "0.1.0",
        "search": "fts5",
        "writable": True,
        "incidents": True,
        "tile_url": None,
    }


def test_openapi_documents_every_endpoint_and_one_error_shape(client: TestClient):
    schema = get(client, "/api/openapi.json")
    paths = schema["paths"]
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/incidents",
        "/api/reports",
        "/api/documents/{document_id}",
        "/api/timeline",
        "/api/map",
        "/api/export",
    ):
        assert path in paths
    assert not any(p in paths for p in ("/", "/events/{event_id}"))  # pages are not API
    for path, operations in paths.items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorBody"), (method, path, status)
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {
        "date_from",
        "date_to",
        "country",
        "admin1",
        "type",
        "actor",
        "q",
        "limit",
        "cursor",
    } <= params


# ---------------------------------------------------------------- errors

ERRORS = [
    ("GET", "/api/events/nope", None, 404, "not-found"),
    ("GET", "/api/documents/nope", None, 404, "not-found"),
    ("GET", "/api/raw/" + "0" * 64, None, 404, "not-found"),
    ("GET", "/api/no-such-endpoint", None, 404, "not-found"),
    ("GET", "/api/events?date_from=yesterday", None, 422, "invalid-request"),
    ("GET", "/api/events?country=Ukraine", None, 422, "invalid-request"),
    ("GET", "/api/events?type=Picnic", None, 422, "invalid-request"),
    ("GET", "/api/events?kind=rumour", None, 422, "invalid-request"),
    ("GET", "/api/events?bbox=1,2,3", None, 422, "invalid-request"),
    ("GET", "/api/events?limit=0", None, 422, "invalid-request"),
    ("GET", "/api/events?limit=many", None, 422, "invalid-request"),
    ("GET", "/api/events?cursor=%%%", None, 422, "invalid-request"),
    ("GET", "/api/map?zoom=99", None, 422, "invalid-request"),
    ("GET", "/api/timeline?bucket=fortnight", None, 400, "bad-request"),
    ("GET", "/api/export?format=xlsx", None, 400, "bad-request"),
    ("DELETE", "/api/events", None, 405, "method-not-allowed"),
    ("POST", "/api/reports", {}, 401, "unauthorized"),
    ("POST", "/api/reports", {"authorization": "Bearer wrong-token"}, 401, "unauthorized"),
]


@pytest.mark.parametrize(("method", "path", "headers", "status", "code"), ERRORS)
def test_every_api_error_has_the_one_shape(client, method, path, headers, status, code):
    response = client.request(method, path, headers=headers or {}, json={"text": "x"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body) == ["error"]
    error = body["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert error["status"] == status and error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)
    if status == 422:
        assert error["details"] and "parameter" in error["details"][0]


def test_an_unexpected_failure_is_a_500_in_the_one_shape(db: Path, monkeypatch):
    app = create_app(WebSettings(db=str(db)))
    monkeypatch.setattr(Ledger, "count", lambda *a, **k: 1 / 0)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/summary")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal"
    assert "ZeroDivision" not in response.text  # no internals leak
    assert "script-src 'self'" in response.headers["content-security-policy"]
