"""WARC input: HTML responses become Documents, everything else is passed over; offsets let a
reader start mid-file; broken files are one-line failures; extract and ingest read WARC."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventledger.cli import main
from eventledger.errors import InputError
from eventledger.ingest import InputFailure, InputOptions, read_inputs
from eventledger.ingest.warc import html_offsets, is_warc, read_warc
from warcs import Page, fixture_pages, write_warc

CYRILLIC = "<html><body><p>Протест в Киеве</p></body></html>"


def mixed_pages() -> list[Page]:
    return [
        Page("https://a.example/1", b"<html><body><p>First page.</p></body></html>"),
        Page("https://a.example/req", b"GET / HTTP/1.1\r\n\r\n", record_type="request"),
        Page(
            "https://a.example/img.png", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png"
        ),
        Page("https://a.example/404", b"<html><body>gone</body></html>", status="404 Not Found"),
        Page(
            "https://a.example/ru",
            CYRILLIC.encode("cp1251"),
            content_type="text/html; charset=windows-1251",
        ),
        Page(
            "https://a.example/x",
            b"<html><body><p>XHTML.</p></body></html>",
            content_type="application/xhtml+xml",
        ),
        Page("https://a.example/meta", b"{}", record_type="metadata"),
    ]


@pytest.fixture(params=["pages.warc.gz", "pages.warc"])
def mixed(request, tmp_path: Path) -> Path:
    return write_warc(tmp_path / request.param, mixed_pages())


def test_only_2xx_html_responses_become_documents(mixed: Path):
    docs = list(read_warc(mixed, InputOptions()))
    assert [d.url for d in docs] == [
        "https://a.example/1",
        "https://a.example/ru",
        "https://a.example/x",
    ]
    first = docs[0]
    assert first.id == "urn:uuid:00000000-0000-4000-8000-000000000000"
    assert first.fetched_at == "2024-05-01T12:00:00Z"
    assert first.path == str(mixed)
    assert first.raw == b"<html><body><p>First page.</p></body></html>"
    assert first.html is not None and first.problems == ()


def test_the_http_charset_decodes_the_page(mixed: Path):
    ru = next(d for d in read_warc(mixed, InputOptions()) if d.url.endswith("/ru"))
    assert "Протест в Киеве" in ru.html


def test_command_line_options_override_record_metadata(mixed: Path):
    docs = list(read_warc(mixed, InputOptions(outlet="Archive", published="2024-06-01")))
    assert {(d.outlet, d.published) for d in docs} == {("Archive", "2024-06-01")}


@pytest.mark.parametrize("every", [1, 2, 3, 5])
def test_reading_from_each_offset_gives_the_same_documents_as_one_pass(tmp_path: Path, every):
    path = write_warc(tmp_path / "fx.warc.gz", fixture_pages())
    whole = [d.id for d in read_warc(path, InputOptions())]
    found = html_offsets(path, every)
    assert found.total == len(whole) == 5 and found.error is None
    pieces = [
        d.id
        for start in found.starts
        for d in read_warc(path, InputOptions(), start=start, count=every)
    ]
    assert pieces == whole


def test_a_warc_gzipped_as_a_whole_is_refused_with_the_fix(tmp_path: Path):
    plain = write_warc(tmp_path / "p.warc", mixed_pages())
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    with pytest.raises(InputError, match="warcio recompress"):
        list(read_warc(whole, InputOptions()))


def test_a_truncated_warc_keeps_the_documents_before_the_break(tmp_path: Path):
    path = write_warc(tmp_path / "t.warc.gz", fixture_pages())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(read_inputs([str(path)]))
    assert isinstance(items[-1], InputFailure) and str(path) in items[-1].message
    assert "\n" not in items[-1].message
    assert 1 <= len(items) - 1 < 5
    found = html_offsets(path, 1)
    assert found.error is not None and found.total == len(items) - 1


def test_a_file_that_is_not_warc_is_an_input_failure(tmp_path: Path):
    path = tmp_path / "notes.warc"
    path.write_text("these are notes, not a web archive\n" * 10)
    (failure,) = list(read_inputs([str(path)]))
    assert isinstance(failure, InputFailure) and "not a WARC file" in failure.message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.warc", True),
        ("a.WARC.GZ", True),
        ("a.warc.gz", True),
        ("a.gz", False),
        ("a.html", False),
        ("warc", False),
    ],
)
def test_is_warc_goes_by_the_name(name, expected):
    assert is_warc(name) is expected


def test_extract_and_ingest_read_warc_files_and_directories_of_them(tmp_path: Path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    write_warc(crawl / "a.warc.gz", fixture_pages())
    write_warc(crawl / "b.warc", mixed_pages())
    runner = CliRunner()
    out = runner.invoke(main, ["extract", str(crawl), "-q"])
    assert out.exit_code == 0
    docs = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(docs) == 5 + 3
    assert (
        docs[0]["document"]["url"]
        == "https://fixtures.example/clean/globalvoices-north-korea-journalists"
    )
    assert any(d["events"] for d in docs)
    db = str(tmp_path / "l.db")
    result = runner.invoke(main, ["ingest", str(crawl / "a.warc.gz"), "--db", db])
    assert result.exit_code == 0
    assert "4 new documents stored" in result.stderr  # two fixtures share their bytes
