"""http(s) URLs: fetched with httpx, redirects followed by hand so the limit holds whatever
client is passed in, the body streamed and cut off past the size limit."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime

import httpx

from eventledger import __version__
from eventledger.errors import FetchError
from eventledger.ingest.content import Kind, document_from_bytes
from eventledger.records import Document

USER_AGENT = f"eventledger/{__version__} (news event reader; python-httpx)"
TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})


def new_client(timeout_s: float = TIMEOUT_S) -> httpx.Client:
    """A client with eventledger's User-Agent and a per-operation timeout."""
    return httpx.Client(timeout=timeout_s, headers={"User-Agent": USER_AGENT})


def fetch(url: str, client: httpx.Client, *, max_bytes: int) -> Document:
    """The page at ``url``, with ``url`` set to the address finally reached.

    Raises FetchError, with a one-line message naming ``url``, when the page cannot be had:
    an error status, no connection, a timeout, too many redirects, a body that is not text,
    or one over ``max_bytes``.
    """
    try:
        return _fetch(url, client, max_bytes)
    except httpx.TimeoutException as error:
        seconds = f"{client.timeout.read:g} s" if client.timeout.read else "time"
        raise FetchError(f"{url}: no answer within {seconds} — try again later") from error
    except httpx.ConnectError as error:
        raise FetchError(f"{url}: could not connect ({error}) — check the address") from error
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise FetchError(f"{url}: not a usable http(s) address ({error})") from error
    except httpx.HTTPError as error:
        reason = str(error) or type(error).__name__
        raise FetchError(f"{url}: {reason} — try again later") from error


def _fetch(url: str, client: httpx.Client, max_bytes: int) -> Document:
    request = client.build_request("GET", url, headers=_headers(client))
    for _ in range(MAX_REDIRECTS + 1):
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            if response.next_request is None:
                return _document(url, response, max_bytes, _total_deadline(client))
            request = response.next_request
        finally:
            response.close()
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects — check the address")


def _document(url: str, response: httpx.Response, max_bytes: int, deadline: float) -> Document:
    where = url if str(response.url) == url else f"{url} (redirected to {response.url})"
    if not response.is_success:
        status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
        raise FetchError(f"{where}: {status} — {_status_advice(response.status_code)}")
    kind, charset = _content_type(where, response)
    data = _body(where, response, max_bytes, deadline)
    document = document_from_bytes(
        data, name=where, kind=kind, max_bytes=max_bytes, declared=charset
    )
    fetched_at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return replace(document, url=str(response.url), fetched_at=fetched_at)


def _content_type(where: str, response: httpx.Response) -> tuple[Kind | None, str | None]:
    """HTML, text or "sniff it" (None), and the declared charset; FetchError for non-text."""
    header = response.headers.get("content-type", "")
    mime, _, params = header.partition(";")
    mime = mime.strip().lower()
    charset = next(
        (
            value.strip().strip("\"'")
            for name, _, value in (param.partition("=") for param in params.split(";"))
            if name.strip().lower() == "charset"
        ),
        None,
    )
    if mime in _HTML_TYPES:
        return "html", charset
    if mime in _TEXT_TYPES:
        return "text", charset
    if not mime or mime.startswith("text/") or mime.endswith(("/xml", "+xml")):
        return None, charset
    raise FetchError(f"{where}: the content type is {mime}, not a web page or text")


def _body(where: str, response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    too_large = f"{where}: larger than {max_bytes:,} bytes — stopped reading; save what you need"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(too_large)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(too_large)
        if time.monotonic() > deadline:
            raise FetchError(f"{where}: the page is still arriving after too long — try later")
    return bytes(body)


def _headers(client: httpx.Client) -> dict[str, str]:
    """Our User-Agent, unless the caller's client already names one of its own."""
    if client.headers.get("user-agent", "").startswith("python-httpx/"):
        return {"User-Agent": USER_AGENT}
    return {}


def _total_deadline(client: httpx.Client) -> float:
    """A slow trickle resets httpx's per-read timeout; this bounds the whole body."""
    per_read = client.timeout.read if client.timeout.read is not None else TIMEOUT_S
    return time.monotonic() + 6 * per_read


def _status_advice(status: int) -> str:
    if status in {401, 403}:
        return "the site refused access"
    if status == 429:
        return "the site is limiting requests; try again later"
    if status >= 500:
        return "the site failed; try again later"
    return "check the address"
