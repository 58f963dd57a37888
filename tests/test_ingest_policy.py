"""Fetching on someone else's behalf: private, loopback and link-local addresses refused
(at every redirect, after resolving), the connection pinned to the checked address, and
bounded redirects, size and time."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from eventledger.errors import FetchError
from eventledger.ingest import web
from eventledger.ingest.web import AddressPolicy, is_public

PUBLIC = "93.184.215.14"  # a public address; the mock transport answers for it
PAGE = b"<html><body><p>Gunmen attacked a town on Monday.</p></body></html>"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:2800:220:1::1", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("::ffff:93.184.215.14", True),
    ],
)
def test_public_addresses_are_told_from_private_ones(address: str, public: bool):
    assert is_public(ipaddress.ip_address(address)) is public


def resolver(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        if host in table:
            return table[host]
        try:
            return [str(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            raise OSError(f"unknown host {host}") from None

    return resolve


class Recorder:
    """A mock transport: answers by the Host header, records what was asked."""

    def __init__(self, routes: dict[str, httpx.Response]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = request.headers["host"] + request.url.path
        return self.routes.get(key, httpx.Response(404))


def fetch(url: str, routes: dict[str, httpx.Response], table: dict[str, list[str]], **kw):
    recorder = Recorder(routes)
    policy = AddressPolicy(allow_private=kw.pop("allow_private", False), resolve=resolver(table))
    with httpx.Client(transport=httpx.MockTransport(recorder)) as client:
        try:
            return web.fetch(
                url, client, max_bytes=kw.pop("max_bytes", 100_000), policy=policy, **kw
            ), recorder
        except FetchError as error:
            return error, recorder


def html(body: bytes = PAGE) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/html"}, content=body)


def redirect(location: str) -> httpx.Response:
    return httpx.Response(302, headers={"location": location})


def test_public_host_is_fetched_through_the_checked_address():
    doc, rec = fetch(
        "http://news.example/a", {"news.example/a": html()}, {"news.example": [PUBLIC]}
    )
    assert doc.html == PAGE.decode() and doc.url == "http://news.example/a"
    (request,) = rec.requests
    assert request.url.host == PUBLIC and request.headers["host"] == "news.example"


def test_https_keeps_the_host_name_for_tls():
    _, rec = fetch("https://news.example/a", {"news.example/a": html()}, {"news.example": [PUBLIC]})
    assert rec.requests[0].extensions["sni_hostname"] == "news.example"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/admin",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.8/",
        "http://intranet.example/",
        "http://split.example/",  # one public and one private answer: refused
    ],
)
def test_private_loopback_and_link_local_hosts_are_refused_before_connecting(url: str):
    table = {
        "localhost": ["127.0.0.1", "::1"],
        "intranet.example": ["192.168.0.10"],
        "split.example": [PUBLIC, "10.0.0.1"],
    }
    error, rec = fetch(url, {}, table)
    assert isinstance(error, FetchError) and "refused" in str(error)
    assert rec.requests == []


def test_a_redirect_to_a_private_address_is_refused():
    routes = {"news.example/a": redirect("http://metadata.example/latest")}
    table = {"news.example": [PUBLIC], "metadata.example": ["169.254.169.254"]}
    error, rec = fetch("http://news.example/a", routes, table)
    assert isinstance(error, FetchError) and "169.254.169.254" in str(error)
    assert len(rec.requests) == 1  # the second hop never left


def test_a_relative_redirect_keeps_the_host_name():
    routes = {"news.example/a": redirect("/b"), "news.example/b": html()}
    doc, rec = fetch("http://news.example/a", routes, {"news.example": [PUBLIC]})
    assert doc.url == "http://news.example/b"
    assert [r.headers["host"] for r in rec.requests] == ["news.example", "news.example"]


def test_redirects_are_bounded():
    routes = {f"news.example/{i}": redirect(f"/{i + 1}") for i in range(10)}
    error, rec = fetch("http://news.example/0", routes, {"news.example": [PUBLIC]})
    assert isinstance(error, FetchError) and "more than 5 redirects" in str(error)
    assert len(rec.requests) == 6


def test_other_schemes_are_refused_on_redirect():
    routes = {"news.example/a": redirect("file:///etc/passwd")}
    error, _ = fetch("http://news.example/a", routes, {"news.example": [PUBLIC]})
    assert isinstance(error, FetchError) and "only http(s)" in str(error)


def test_unresolvable_hosts_fail_cleanly():
    error, _ = fetch("http://nowhere.example/", {}, {})
    assert isinstance(error, FetchError) and "could not find nowhere.example" in str(error)


def test_size_is_capped():
    routes = {"news.example/a": html(b"<p>" + b"x" * 5000)}
    error, _ = fetch("http://news.example/a", routes, {"news.example": [PUBLIC]}, max_bytes=1000)
    assert isinstance(error, FetchError) and "larger than 1,000 bytes" in str(error)


class _Slow(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(302)
        self.send_header("Location", "/again")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_operator_may_allow_private_addresses(loopback: str):
    policy = AddressPolicy(allow_private=True)
    with web.new_client(2.0, trust_env=False) as client:
        with pytest.raises(FetchError, match="more than 5 redirects"):
            web.fetch(loopback + "/", client, max_bytes=1000, policy=policy)
    with web.new_client(2.0, trust_env=False) as client:
        with pytest.raises(FetchError, match="refused"):
            web.fetch(loopback + "/", client, max_bytes=1000, policy=AddressPolicy())


def test_a_whole_fetch_is_bounded_in_time(loopback: str):
    policy = AddressPolicy(allow_private=True)
    with web.new_client(2.0, trust_env=False) as client:
        with pytest.raises(FetchError, match="no page after 0 s of redirects"):
            web.fetch(loopback + "/", client, max_bytes=1000, policy=policy, total_s=0.0)
