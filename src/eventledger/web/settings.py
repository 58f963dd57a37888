"""What the operator sets when starting the web app (``eventledger serve`` options)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from eventledger.errors import UsageError


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Options of one web app.

    ``write_token``: the secret that adding reports needs; None makes the app read-only.
    ``allow_private_fetch``: let "add a URL" reach private, loopback and link-local addresses.
    ``tile_url``: an XYZ tile server (``https://host/{z}/{x}/{y}.png``) drawn under the
    offline Natural Earth basemap; its origin is added to the page's image sources.
    """

    db: str = "eventledger.db"
    write_token: str | None = None
    allow_private_fetch: bool = False
    tile_url: str | None = None
    tile_attribution: str | None = None
    max_body_bytes: int = 5_000_000  # a pasted report, as sent
    fetch_max_bytes: int = 5_000_000  # a fetched page
    fetch_timeout_s: float = 10.0  # per connect / read
    fetch_total_s: float = 30.0  # a whole fetch, redirects and body included

    def __post_init__(self) -> None:
        if self.write_token is not None and len(self.write_token) < 8:
            raise UsageError("The write token is too short: give at least 8 characters.")
        if self.tile_url is not None:
            tile_origin(self.tile_url)  # raises for a URL that is no tile template


def tile_origin(tile_url: str) -> str:
    """The origin a tile URL template loads from, as a CSP source (``{s}`` -> ``*``)."""
    parts = urlsplit(tile_url.replace("{s}", "s-placeholder"))
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UsageError(
            f"Bad tile URL '{tile_url}'. Give an http(s) template such as "
            "https://tile.example.org/{z}/{x}/{y}.png"
        )
    if not all(part in tile_url for part in ("{z}", "{x}", "{y}")):
        raise UsageError(f"Bad tile URL '{tile_url}': it needs {{z}}, {{x}} and {{y}}.")
    netloc = parts.netloc.replace("s-placeholder", "*")
    if any(c in netloc for c in " ;,'\"{}"):
        raise UsageError(f"Bad tile URL '{tile_url}': odd characters in its host.")
    return f"{parts.scheme}://{netloc}"
