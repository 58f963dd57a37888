"""Readers: files, directories, JSON Lines, stdin and http(s) served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.errors import UsageError
from eventledger.ingest import InputFailure, InputOptions, parse_published, read_inputs
from eventledger.records import Document

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def read(*inputs: str | Path, **options: Any) -> list[Document | InputFailure]:
    return list(read_inputs([str(i) for i in inputs], InputOptions(**options)))


def documents(*inputs: str | Path, **options: Any) -> list[Document]:
    items = read(*inputs, **options)
    assert all(isinstance(item, Document) for item in items), items
    return [item for item in items if isinstance(item, Document)]


def only(*inputs: str | Path, **options: Any) -> Document:
    [item] = documents(*inputs, **options)
    return item


def codes(document: Document) -> list[str]:
    return [problem.code for problem in document.problems]


# ---------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("name", "field", "needle"),
    [
        ("page.html", "html", "Three people were killed"),
        ("report.md", "text", "Thousands of protesters marched in Dakar"),
        ("ru-cp1251.txt", "text", "погибли три человека"),
        ("fr-latin1.html", "html", "ont défilé à Nantes; la préfecture a signalé des dégâts"),
        ("uk-utf16.txt", "text", "Унаслідок атаки дронів на Одесу"),
    ],
)
def test_files_decode_to_html_or_text_by_suffix(name: str, field: str, needle: str) -> None:
    document = only(FIXTURES / name)
    other = "text" if field == "html" else "html"
    assert needle in getattr(document, field)
    assert getattr(document, other) is None
    assert not getattr(document, field).startswith("\ufeff")
    assert document.problems == ()
    assert document.path == str(FIXTURES / name)
    assert document.raw == (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(
    ("encoding", "sentence"),
    [
        ("cp1252", "Des manifestants ont défilé à Nantes; la préfecture a signalé des dégâts."),
        ("cp1252", "Tres muertos en un ataque en Medellín, según la policía; condenó la acción."),
        ("cp1250", "W wyniku ataku w Łodzi zginęły dwie osoby – poinformowała policja."),
        ("cp1250", "Při útoku v Praze zemřeli dva lidé. Pachatel byl zadržen a obviněn z vraždy."),
        (
            "cp1254",
            "İstanbul'da gösteride polis biber gazı kullandı; çok sayıda kişi gözaltına alındı.",
        ),
        ("cp1251", "В четверг в результате обстрела в Харькове погибли три человека."),
        ("cp1253", "Τρεις νεκροί από έκρηξη στην Αθήνα, σύμφωνα με την αστυνομία."),
    ],
)
def test_files_in_undeclared_legacy_encodings_are_guessed(
    tmp_path: Path, encoding: str, sentence: str
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(sentence.encode(encoding))
    document = only(path)
    assert document.text == sentence and document.problems == ()


def test_utf8_wins_over_a_stale_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    page = '<meta charset="windows-1251"><p>Déjà vu in Zürich — Харків.</p>'
    path.write_bytes(page.encode())
    assert only(path).html == page


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b"<!DOCTYPE html><html><body><p>Shots fired.</p></body></html>", "html"),
        (b"  <div class='story'><p>Shots fired.</p></div>", "html"),
        (b"Shots were fired at a checkpoint near Hebron.", "text"),
    ],
)
def test_files_with_unknown_suffix_are_sniffed(tmp_path: Path, content: bytes, field: str) -> None:
    path = tmp_path / "story.dat"
    path.write_bytes(content)
    assert getattr(only(path), field) == content.decode()


def test_options_override_file_metadata(tmp_path: Path) -> None:
    document = only(
        FIXTURES / "page.html",
        published="2024-03-12",
        url="https://news.example/k",
        outlet="Example",
        language="en",
    )
    assert (document.published, document.url, document.outlet, document.language) == (
        "2024-03-12",
        "https://news.example/k",
        "Example",
        "en",
    )


@pytest.mark.parametrize(
    ("content", "code", "keeps_text"),
    [
        (b"", "empty", False),
        (b"  \n\t\r\n", "empty", False),
        (PNG, "binary", False),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", False),
        (b"text with a NUL \x00 inside", "binary", False),
        (b"\x01\x02\x03\x04 mostly control bytes \x05\x06\x07\x08", "binary", False),
        ("Déjà vu — ça va, über straße".encode() + b" \xff\xfe broken", "encoding", True),
    ],
)
def test_files_content_problems_are_recorded_not_raised(
    tmp_path: Path, content: bytes, code: str, keeps_text: bool
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    document = only(path)
    assert codes(document) == [code]
    assert str(path) in document.problems[0].message
    assert document.problems[0].stage == "read"
    if keeps_text:
        assert "über straße" in (document.text or "")
        assert "\ufffd" in (document.text or "")
    else:
        assert document.text == ""
        assert document.html is None


def test_files_over_the_limit_are_too_large_and_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    document = only(path, max_bytes=1000)
    assert codes(document) == ["too-large"]
    assert document.text == "" and document.raw == b""
    assert "1,000 bytes" in document.problems[0].message
    assert only(path, max_bytes=5007).problems == ()  # exactly at the limit is fine


def test_missing_path_is_an_input_failure_and_reading_goes_on(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.html")
    failure, document = read(missing, FIXTURES / "report.md")
    assert failure == InputFailure(
        missing, f"no such file or directory: {missing!r} — check the path"
    )
    assert isinstance(document, Document) and document.text


@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        ("ftp://example.org/story.html", "ftp:// addresses are not supported"),
        ("www.example.org/story", "give the full address: https://www.example.org/story"),
    ],
)
def test_unusable_inputs_are_failures(item: str, fragment: str) -> None:
    [failure] = read(item)
    assert isinstance(failure, InputFailure) and fragment in failure.message
    assert "\n" not in failure.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_an_input_failure(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("hidden")
    path.chmod(0)
    [failure] = read(path)
    assert isinstance(failure, InputFailure) and "permission denied" in failure.message


# ---------------------------------------------------------------- directories


def test_directory_is_walked_in_sorted_order_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.html",
        "sub/c.md",
        "sub/deeper/d.htm",
        "z.jsonl",
        ".hidden.txt",
        ".git/e.txt",
        "notes.docx",
        "image.png",
        "UPPER.TXT",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"text": "row"}' if name.endswith("jsonl") else f"<p>{name}</p>")
    paths = [Path(d.path or "").relative_to(tmp_path).as_posix() for d in documents(tmp_path)]
    assert paths == ["UPPER.TXT", "a.html", "b.txt", "sub/c.md", "sub/deeper/d.htm", "z.jsonl"]


def test_directory_is_read_lazily(tmp_path: Path) -> None:
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(f"story {number}")
    items = read_inputs([str(tmp_path)], InputOptions())
    first = next(items)
    (tmp_path / "2.txt").write_text("changed after the walk began")
    rest = list(items)
    assert isinstance(first, Document) and first.text == "story 0"
    assert [getattr(d, "text", None) for d in rest] == ["story 1", "changed after the walk began"]


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_reads_good_rows_around_broken_ones() -> None:
    path = FIXTURES / "rows.jsonl"
    by_id = {d.id: d for d in documents(path, outlet="Fallback Outlet", language="fr")}
    ids = ["a1", "rows.jsonl:2", "rows.jsonl:3", "rows.jsonl:4", "rows.jsonl:6", "5", "a8"]
    assert list(by_id) == ids

    both = by_id["a1"]
    assert both.text == "Two soldiers were killed in clashes near Goma."
    assert both.html and "<title>Clash in Goma</title>" in both.html
    assert (both.outlet, both.language, both.published) == ("Example News", "en", "2024-03-01")
    assert both.problems == () and both.path == str(path)

    nulls = by_id["rows.jsonl:2"]
    assert nulls.text == "Police dispersed a rally in Lagos." and nulls.html is None
    metadata = (nulls.url, nulls.title, nulls.outlet, nulls.language)
    assert metadata == (None, None, "Fallback Outlet", "fr")
    assert nulls.raw.startswith(b'{"id": null')

    for broken, what in [
        ("rows.jsonl:3", "invalid JSON"),
        ("rows.jsonl:4", "'title' is a number, 'text' is a list; expected a string or null"),
        ("rows.jsonl:6", "expected a JSON object, got a list"),
    ]:
        document = by_id[broken]
        assert codes(document) == ["bad-jsonl"] and document.text == ""
        line = broken.split(":")[1]
        message = document.problems[0].message
        assert message.startswith(f"{path} line {line}: ") and what in message
        assert message.endswith("— fix or drop the line")

    dated = by_id["5"]
    assert codes(dated) == ["bad-published"] and dated.published is None
    assert dated.html == "<p>A bomb exploded in a market in Maiduguri.</p>"
    assert "'yesterday'" in dated.problems[0].message

    assert codes(by_id["a8"]) == ["empty"] and by_id["a8"].title == "no body"


def test_jsonl_rows_win_over_options_which_fill_gaps(tmp_path: Path) -> None:
    path = tmp_path / "rows.ndjson"
    path.write_text('{"text": "a", "published": "2024-01-02T10:00:00+02:00"}\r\n{"text": "b"}\n')
    first, second = documents(path, published="2023-12-31")
    assert first.published == "2024-01-02T10:00:00+02:00"
    assert second.published == "2023-12-31"


def test_jsonl_line_over_the_limit_is_skipped_without_stopping(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    long_row = '{"text": "' + "x" * 5000 + '"}'
    path.write_text(f'{{"text": "first"}}\n{long_row}\n{{"text": "third"}}')
    first, long, third = documents(path, max_bytes=1000)
    assert first.text == "first" and third.text == "third"
    assert codes(long) == ["bad-jsonl"]
    assert "line 2: longer than 1,000 bytes" in long.problems[0].message


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "empty"), (b"\n \n", "empty"), (PNG, "binary")],
)
def test_jsonl_file_with_no_rows_says_so(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(content)
    assert codes(only(path)) == [code]


def test_jsonl_with_bom_and_bad_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "one"}\n{"text": "caf\xe9"}\n')
    first, second = documents(path)
    assert first.text == "one"
    assert "line 2: not UTF-8" in second.problems[0].message


# ---------------------------------------------------------------- stdin


@pytest.mark.parametrize(
    ("content", "field", "expected"),
    [
        (b"<html><body><p>Riot in Nairobi.</p></body></html>", "html", "Riot in Nairobi."),
        (b"Riot in Nairobi.", "text", "Riot in Nairobi."),
        ("Беспорядки в Найроби были разогнаны полицией.".encode("cp1251"), "text", "Найроби"),
    ],
)
def test_stdin_is_read_and_sniffed(content: bytes, field: str, expected: str) -> None:
    [document] = read_inputs(["-"], InputOptions(outlet="Wire"), stdin=io.BytesIO(content))
    assert isinstance(document, Document)
    assert expected in getattr(document, field) and document.outlet == "Wire"


def test_stdin_over_the_limit_is_too_large() -> None:
    stream = io.BytesIO(b"x" * 100)
    [document] = read_inputs(["-"], InputOptions(max_bytes=10), stdin=stream)
    assert isinstance(document, Document) and codes(document) == ["too-large"]
    assert stream.tell() == 11


# ---------------------------------------------------------------- --published


@pytest.mark.parametrize(
    "value",
    ["2024-03-12", "2024-03-12T08:30", "2024-03-12T08:30:05Z", "2024-03-12 08:30:05.123+05:30"],
)
def test_parse_published_accepts_iso_dates(value: str) -> None:
    assert parse_published(f" {value} ") == value


@pytest.mark.parametrize(
    "value", ["", "yesterday", "12/03/2024", "2024-13-01", "2024-02-30", "2024-03", "20240312"]
)
def test_parse_published_rejects_anything_else(value: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_published(value)
    assert str(raised.value) == (
        f"--published {value!r} is not an ISO 8601 date (YYYY-MM-DD or a date-time)"
    )


def test_read_inputs_rejects_bad_published_before_reading() -> None:
    with pytest.raises(UsageError):
        read_inputs(["anything"], InputOptions(published="last week"))


# ---------------------------------------------------------------- property


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".html", ".dat", ".md"]))
def test_any_bytes_in_a_file_make_exactly_one_document(
    tmp_path: Path, content: bytes, suffix: str
) -> None:
    path = tmp_path / f"any{suffix}"
    path.write_bytes(content)
    [document] = read_inputs([str(path)], InputOptions(max_bytes=200))
    assert isinstance(document, Document)
    assert (document.text or document.html or "") or document.problems


# ---------------------------------------------------------------- http


PAGE = "<html><head><title>Attack</title></head><body><p>Gunmen attacked a town.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = self.path
        if path == "/page":
            self._send(200, "text/html; charset=utf-8", PAGE.encode())
        elif path == "/cp1251":
            body = "<p>Взрыв в Белгороде: пострадали двое жителей города.</p>".encode("cp1251")
            self._send(200, "text/html; charset=windows-1251", body)
        elif path == "/mislabelled":
            body = "<p>Déjà vu in Zürich.</p>".encode()
            self._send(200, "text/html; charset=iso-8859-1", body)
        elif path == "/plain":
            self._send(200, "text/plain", b"Gunmen attacked a town.")
        elif path.startswith("/hops/"):
            left = int(path.rsplit("/", 1)[1])  # redirects still to come
            self.send_response(302)
            self.send_header("Location", f"/hops/{left - 1}" if left > 1 else "/page")
            self.end_headers()
        elif path == "/huge":
            self._send(200, "text/html", b"<p>" + b"x" * 2_000_000)
        elif path == "/huge-unsized":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for _ in range(200):
                    self.wfile.write(b"x" * 10_000)
        elif path == "/png":
            self._send(200, "image/png", PNG)
        elif path == "/lying-png":
            self._send(200, "text/html", PNG)
        elif path == "/slow":
            time.sleep(1.0)
            self._send(200, "text/html", PAGE.encode())
        elif path == "/agent":
            self._send(200, "text/plain", self.headers.get("User-Agent", "").encode())
        else:
            self._send(404, "text/html", b"<p>not here</p>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str, *, timeout: float = 5.0, **options: Any) -> Document | InputFailure:
    with httpx.Client(timeout=timeout) as client:
        [item] = read_inputs([url], InputOptions(**options), client=client)
    return item


def test_http_page_is_fetched_with_metadata(server: str) -> None:
    document = fetch(f"{server}/page", outlet="Wire")
    assert isinstance(document, Document)
    assert document.html == PAGE and document.raw == PAGE.encode()
    assert document.url == f"{server}/page" and document.outlet == "Wire"
    assert document.fetched_at and document.fetched_at.endswith("Z")


@pytest.mark.parametrize(
    ("path", "field", "needle"),
    [
        ("/cp1251", "html", "Взрыв в Белгороде"),
        ("/mislabelled", "html", "Déjà vu in Zürich."),
        ("/plain", "text", "Gunmen"),
    ],
)
def test_http_charset_header_and_plain_text(
    server: str, path: str, field: str, needle: str
) -> None:
    document = fetch(server + path)
    assert isinstance(document, Document) and needle in getattr(document, field)


def test_http_sends_an_eventledger_user_agent(server: str) -> None:
    document = fetch(f"{server}/agent")
    assert isinstance(document, Document) and (document.text or "").startswith("eventledger/")


def test_http_without_a_client_makes_its_own(server: str) -> None:
    [document] = read_inputs([f"{server}/page"], InputOptions())
    assert isinstance(document, Document) and document.html == PAGE


def test_http_redirects_are_followed_up_to_five(server: str) -> None:
    document = fetch(f"{server}/hops/2")
    assert isinstance(document, Document) and document.url == f"{server}/page"
    assert isinstance(fetch(f"{server}/hops/5"), Document)  # 5 redirects: the limit
    failure = fetch(f"{server}/hops/6")
    assert failure == InputFailure(
        f"{server}/hops/6", f"{server}/hops/6: more than 5 redirects — check the address"
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "{url}: HTTP 404 Not Found — check the address"),
        ("/png", "{url}: the content type is image/png, not a web page or text"),
        ("/huge", "{url}: larger than 100,000 bytes — stopped reading; save what you need"),
        ("/huge-unsized", "{url}: larger than 100,000 bytes — stopped reading; save what you need"),
        ("/slow", "{url}: no answer within 0.2 s — try again later"),
    ],
)
def test_http_failures_are_one_line_input_failures(server: str, path: str, message: str) -> None:
    url = server + path
    started = time.monotonic()
    failure = fetch(url, timeout=0.2, max_bytes=100_000)
    assert failure == InputFailure(url, message.format(url=url))
    assert time.monotonic() - started < 5  # the timeout cut the wait short


def test_http_connection_refused_is_a_failure() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # the socket is closed again: nothing listens on that port
    failure = fetch(f"http://127.0.0.1:{port}/page", timeout=1.0)
    assert isinstance(failure, InputFailure) and "could not connect" in failure.message


def test_http_binary_body_under_a_text_type_is_a_problem(server: str) -> None:
    document = fetch(f"{server}/lying-png")
    assert isinstance(document, Document) and codes(document) == ["binary"]


def test_jsonl_lone_surrogate_escapes_are_replaced_so_text_can_be_stored(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    line = '{"id": "s", "text": "Police said \\ud800 three were hurt."}\n'
    path.write_text(line, encoding="utf-8")
    (doc,) = read_inputs([str(path)], InputOptions())
    assert doc.text == "Police said \ufffd three were hurt."
    doc.text.encode("utf-8")
