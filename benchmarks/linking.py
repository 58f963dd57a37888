"""Linking time and peak memory for 1k, 10k and 100k synthetic events.

    python benchmarks/linking.py                 # 1000 10000 100000, in memory
    python benchmarks/linking.py 1000 --ledger   # also through an SQLite ledger file

Synthetic but realistic spread: real happenings over three years in 30 countries with a
Zipf-like weight (a few conflicts dominate, as in ACLED), 8 admin1 divisions each with a
few towns, ACLED sub-event types by rough frequency; each happening is reported by 1-6
documents (geometric), with the noise real reports carry: a sub-type or a date one day off,
an admin1-level place instead of the town, another casualty figure, other wording. Documents
hold 1-3 events. Events are added one document at a time (incrementally), in a shuffled
order. Also reports B-cubed F1 of the linking against the synthetic truth.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
import zlib
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventledger.evaluate.linking import score_linking  # noqa: E402
from eventledger.link import Linker, Report  # noqa: E402
from eventledger.records import Actor, Claim, Event, Location, Range, Span  # noqa: E402

SUB_TYPES = [  # (sub-event type, event type, weight)
    ("Shelling/artillery/missile attack", "Explosions/Remote violence", 20),
    ("Air/drone strike", "Explosions/Remote violence", 15),
    ("Armed clash", "Battles", 20),
    ("Attack", "Violence against civilians", 10),
    ("Peaceful protest", "Protests", 20),
    ("Protest with intervention", "Protests", 5),
    ("Violent demonstration", "Riots", 5),
    ("Arrests", "Strategic developments", 5),
]
WORDS = ("killed wounded civilians fighters village town shelling strike protest police army "
         "rebels market convoy checkpoint district forces militants residents officials").split()
ACTORS = ["Military Forces", "Rebels", "Police Forces", "Protesters", "Islamic State", "Militia"]
START = date(2021, 1, 1)
DAYS = 3 * 365


def geography(rnd: random.Random) -> list[tuple[str, float, list[tuple[str, list[tuple]]]]]:
    """30 countries (code, weight, admin1s), each admin1 with 3-6 towns (name, lat, lon)."""
    countries = []
    for c in range(30):
        code = f"C{c:02d}"
        lat0, lon0 = rnd.uniform(-30, 55), rnd.uniform(-80, 120)
        admin1s = []
        for a in range(8):
            alat, alon = lat0 + rnd.uniform(-4, 4), lon0 + rnd.uniform(-4, 4)
            towns = [(f"{code}-A{a}-T{t}", alat + rnd.uniform(-0.8, 0.8),
                      alon + rnd.uniform(-0.8, 0.8)) for t in range(rnd.randint(3, 6))]
            admin1s.append((f"{code}-A{a}", towns))
        countries.append((code, 1.0 / (c + 1) ** 1.1, admin1s))
    return countries


def synthetic(n_events: int, seed: int = 7) -> tuple[list[list[Report]], dict[str, int]]:
    """Documents (lists of reports) holding about ``n_events`` events, and event id -> truth."""
    rnd = random.Random(seed)
    geo = geography(rnd)
    weights = [w for _, w, _ in geo]
    happenings = []
    total = 0
    while total < n_events:
        code, _, admin1s = rnd.choices(geo, weights)[0]
        admin1, towns = rnd.choice(admin1s)
        town = rnd.choice(towns)
        sub, type_, _ = rnd.choices(SUB_TYPES, [w for *_, w in SUB_TYPES])[0]
        day = START + timedelta(days=rnd.randrange(DAYS))
        reports = min(6, 1 + int(rnd.expovariate(0.9)))
        happenings.append((code, admin1, town, sub, type_, day, reports, rnd.randint(0, 30),
                           rnd.choice(ACTORS), rnd.sample(WORDS, 8)))
        total += reports
    pending = []  # (happening index, report number)
    for h, hap in enumerate(happenings):
        pending.extend((h, k) for k in range(hap[6]))
    rnd.shuffle(pending)
    docs: list[list[Report]] = []
    truth: dict[str, int] = {}
    while pending:
        size = min(len(pending), rnd.choice([1, 1, 1, 2, 3]))
        chunk, pending = pending[:size], pending[size:]
        doc_id = f"doc{len(docs):07d}"
        outlet = f"outlet{rnd.randrange(200):03d}"
        evs = []
        for i, (h, _) in enumerate(chunk):
            ev = _report_of(rnd, happenings[h], f"{doc_id}:e{i + 1}")
            truth[ev.id] = h
            evs.append(ev)
        published = max(e.date for e in evs) + timedelta(days=rnd.randint(0, 2))
        docs.append([Report(e, doc_id, outlet, published) for e in evs])
    return docs, truth


def _report_of(rnd: random.Random, hap: tuple, event_id: str) -> Event:
    code, admin1, (town, lat, lon), sub, type_, day, _, killed, actor, words = hap
    if rnd.random() < 0.15:
        sub = rnd.choice([s for s, t, _ in SUB_TYPES if t == type_])
    if rnd.random() < 0.15:
        day += timedelta(days=rnd.choice([-1, 1]))
    if rnd.random() < 0.25:
        where = Location(code, admin1, None, None, None, None, None, "admin1")
    else:
        gid = zlib.crc32(town.encode()) % 10**7
        where = Location(code, admin1, None, town, lat, lon, gid, "place")
    if rnd.random() < 0.3:
        killed = max(0, killed + rnd.randint(-5, 5))
    quote = " ".join(words[: rnd.randint(4, 8)] + rnd.sample(WORDS, 3))
    return Event(event_id, "incident", type_, sub, day, None, None, "day", where,
                 (Actor("actor1", actor, "State forces"),), Range(killed, killed), Range(),
                 (Claim("witnesses", None, "asserts"),), (Span(0, len(quote), quote),))


def run_memory(docs: list[list[Report]]) -> tuple[float, float, Linker]:
    tracemalloc.start()
    t0 = time.perf_counter()
    linker = Linker()
    for doc in docs:
        linker.add(doc)
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, linker


def run_ledger(docs: list[list[Report]]) -> float:
    """Time ``Ledger.add`` for every document, linking included (SQLite file)."""
    from eventledger.records import Document, Result
    from eventledger.store import Ledger

    with tempfile.TemporaryDirectory() as tmp, Ledger.open(str(Path(tmp) / "b.db")) as ledger:
        t0 = time.perf_counter()
        for doc in docs:
            r = doc[0]
            raw = f"{r.document_id} {r.outlet}".encode()
            document = Document(raw=raw, id=r.document_id, outlet=r.outlet,
                                published=r.published.isoformat(), text=raw.decode())
            ledger.add(Result(document, r.document_id, None, tuple(x.event for x in doc), ()))
        return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--ledger", action="store_true", help="Also time an SQLite ledger.")
    args = parser.parse_args()
    print(f"{'events':>8} {'docs':>7} {'incidents':>9} {'seconds':>8} {'events/s':>9} "
          f"{'peak MiB':>8} {'B3 F1':>6} {'pair F1':>7} {'largest':>7}" +
          (f" {'ledger s':>8}" if args.ledger else ""))
    for n in args.sizes:
        docs, truth = synthetic(n)
        events = sum(len(d) for d in docs)
        seconds, peak, linker = run_memory(docs)
        incidents = linker.incidents()
        predicted = {r.id: inc.id for inc in incidents for r in inc.members}
        scores = score_linking(predicted, truth)
        largest = max(Counter(linker._store.component.values()).values())
        line = (f"{events:>8} {len(docs):>7} {len(incidents):>9} {seconds:>8.2f} "
                f"{events / seconds:>9.0f} {peak:>8.1f} {scores.bcubed.f1:>6.3f} "
                f"{scores.pairwise.f1:>7.3f} {largest:>7}")
        if args.ledger:
            line += f" {run_ledger(docs):>8.1f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
