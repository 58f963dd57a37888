"""Building WARC files for tests: pages in, a .warc or .warc.gz out (warcio's writer)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class Page:
    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    record_type: str = "response"


def write_warc(path: Path, pages: Iterable[Page], *, gzip: bool | None = None) -> Path:
    """Write ``pages`` as WARC records (each gzipped on its own when the name ends .gz)."""
    gzip = path.name.endswith(".gz") if gzip is None else gzip
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for n, page in enumerate(pages):
            http = None
            if page.record_type in ("response", "request"):
                http = StatusAndHeaders(
                    page.status,
                    [("Content-Type", page.content_type)],
                    protocol="HTTP/1.1",
                    is_http_request=page.record_type == "request",
                )
            record = writer.create_warc_record(
                page.url,
                page.record_type,
                payload=io.BytesIO(page.body),
                http_headers=http,
                warc_headers_dict={
                    "WARC-Date": f"2024-05-{1 + n % 28:02d}T12:00:00Z",
                    "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>",
                },
            )
            writer.write_record(record)
    return path


def fixture_pages() -> list[Page]:
    """The repo's own article fixtures as HTML pages, and records a reader must pass over."""
    root = Path(__file__).parent
    pages = [
        Page(f"https://fixtures.example/clean/{p.stem}", p.read_bytes())
        for p in sorted((root / "fixtures" / "clean").glob("*.html"))
    ]
    for p in sorted((root / "fixtures" / "clean").glob("*.txt")) + [
        root / "articles" / "meduza-belgorod-conscripts.txt"
    ]:
        text = p.read_text(encoding="utf-8")
        paras = "".join(f"<p>{para}</p>" for para in text.split("\n\n") if para.strip())
        head = f"<html><head><title>{p.stem}</title></head>"
        html = f"{head}<body><article>{paras}</article></body></html>"
        pages.append(Page(f"https://fixtures.example/text/{p.stem}", html.encode("utf-8")))
    noise = [
        Page(
            "https://fixtures.example/logo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(200),
            content_type="image/png",
        ),
        Page(
            "https://fixtures.example/gone",
            b"<html><body>Not found</body></html>",
            status="404 Not Found",
        ),
        Page("https://fixtures.example/moved", b"", status="301 Moved Permanently"),
        Page(
            "https://fixtures.example/clean/x",
            b"GET /clean/x HTTP/1.1\r\n\r\n",
            record_type="request",
        ),
    ]
    return [p for pair in zip(pages, noise + [None] * len(pages), strict=False) for p in pair if p]
