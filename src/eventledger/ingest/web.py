"""http(s) URLs: fetched with httpx, redirects followed by hand so the limit holds whatever
client is passed in, the body streamed and cut off past the size limit.

A fetch made on someone else's behalf (the web app's "add a URL") passes an
:class:`AddressPolicy`: every hop's host is resolved, every address it resolves to is
checked (private, loopback, link-local, shared and reserved ranges are refused unless the
policy allows them), and the connection is pinned to the address that was checked, so a
second DNS answer cannot send it elsewhere.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
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


Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an address literal resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which hosts a fetch may reach. ``allow_private`` lets it reach private, loopback and
    link-local addresses too (an operator's choice, for a newsroom's intranet, or tests).
    ``resolve`` looks a host up (tests pass their own)."""

    allow_private: bool = False
    resolve: Resolver = resolve


def is_public(address: Address) -> bool:
    """Whether an address is on the public internet (not private, loopback, link-local,
    shared, reserved, multicast or unspecified); IPv4-mapped IPv6 is judged as IPv4."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def new_client(timeout_s: float = TIMEOUT_S, *, trust_env: bool = True) -> httpx.Client:
    """A client with eventledger's User-Agent and a per-operation timeout.

    ``trust_env=False`` ignores proxy settings from the environment (a fetch under an
    :class:`AddressPolicy` must connect to the address it checked).
    """
    return httpx.Client(timeout=timeout_s, headers={"User-Agent": USER_AGENT}, trust_env=trust_env)


def fetch(
    url: str,
    client: httpx.Client,
    *,
    max_bytes: int,
    policy: AddressPolicy | None = None,
    total_s: float | None = None,
) -> Document:
    """The page at ``url``, with ``url`` set to the address finally reached.

    Raises FetchError, with a one-line message naming ``url``, when the page cannot be had:
    an error status, no connection, a timeout, too many redirects, a body that is not text,
    or one over ``max_bytes``; and, under a ``policy``, a host that resolves to an address
    the policy refuses (checked again at every redirect). ``total_s`` bounds the whole
    fetch, redirects and body included.
    """
    try:
        return _fetch(url, client, max_bytes, policy, total_s)
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


def _fetch(
    url: str,
    client: httpx.Client,
    max_bytes: int,
    policy: AddressPolicy | None,
    total_s: float | None,
) -> Document:
    ends = time.monotonic() + total_s if total_s is not None else None
    target = httpx.URL(url)
    for _ in range(MAX_REDIRECTS + 1):
        request = client.build_request("GET", target, headers=_headers(client))
        if policy is not None:
            request = _pinned(url, request, target, policy)
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            if not response.has_redirect_location:
                deadline = _total_deadline(client)
                if ends is not None:
                    deadline = min(deadline, ends)
                return _document(url, target, response, max_bytes, deadline)
            target = target.join(response.headers["location"])
        finally:
            response.close()
        if ends is not None and time.monotonic() > ends:
            raise FetchError(f"{url}: no page after {total_s:g} s of redirects — try later")
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects — check the address")


def _pinned(
    url: str, request: httpx.Request, target: httpx.URL, policy: AddressPolicy
) -> httpx.Request:
    """``request`` sent to a checked address of ``target``'s host, still naming the host."""
    if target.scheme not in {"http", "https"}:
        raise FetchError(f"{url}: leads to a {target.scheme}: address — only http(s) is fetched")
    host = target.raw_host.decode("ascii")
    port = target.port or (443 if target.scheme == "https" else 80)
    try:
        found = [ipaddress.ip_address(a.split("%", 1)[0]) for a in policy.resolve(host, port)]
    except (OSError, UnicodeError, ValueError) as error:
        raise FetchError(f"{url}: could not find {host} ({error}) — check the address") from error
    refused = [a for a in found if not is_public(a)]
    if not found or (refused and not policy.allow_private):
        shown = refused[0] if refused else "no address"
        raise FetchError(
            f"{url}: refused — {host} is at {shown}, a private, loopback or link-local address;"
            " this server fetches public addresses only"
        )
    request.url = target.copy_with(host=str(found[0]))
    request.headers["Host"] = target.netloc.decode("ascii")
    if target.scheme == "https":
        request.extensions = {**request.extensions, "sni_hostname": host}
    return request


def _document(
    url: str, target: httpx.URL, response: httpx.Response, max_bytes: int, deadline: float
) -> Document:
    where = url if str(target) == url else f"{url} (redirected to {target})"
    if not response.is_success:
        status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
        raise FetchError(f"{where}: {status} — {_status_advice(response.status_code)}")
    kind, charset = _content_type(where, response)
    data = _body(where, response, max_bytes, deadline)
    document = document_from_bytes(
        data, name=where, kind=kind, max_bytes=max_bytes, declared=charset
    )
    fetched_at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return replace(document, url=str(target), fetched_at=fetched_at)


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
