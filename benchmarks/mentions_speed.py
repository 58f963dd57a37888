#!/usr/bin/env python3
"""Speed of the per-document stages on real text: gazetteer open, lookup, language detection,
place, date and casualty mentions, learning an outlet's home from one article, and the whole
coder — per call, median of repeated runs; then how sentence splitting and the whole coder
scale with the length of one text (time per 1,000 characters should stay flat).

usage: python benchmarks/mentions_speed.py
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date
from pathlib import Path

from eventledger.code import code_events
from eventledger.gazetteer import Gazetteer
from eventledger.language import detect_language
from eventledger.mentions.dates import find_dates
from eventledger.mentions.homes import OutletHomes
from eventledger.mentions.numbers import find_counts
from eventledger.mentions.places import find_places
from eventledger.mentions.sentences import split_sentences
from eventledger.records import Article
from eventledger.samples import sample_path


def median_ms(fn, repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    rows = [json.loads(line) for line in Path(sample_path()).read_text().splitlines()]
    texts = [r["text"] for r in rows]
    chars = sum(map(len, texts)) / len(texts)
    t = time.perf_counter()
    gaz = Gazetteer.open()
    print(f"gazetteer open: {(time.perf_counter() - t) * 1000:.1f} ms (index at {gaz.path})")
    print(f"gazetteer lookup('Belgorod'): {median_ms(lambda: gaz.lookup('Belgorod'), 200):.3f} ms")
    pub = date(2020, 1, 1)
    # What learning an outlet's home adds to coding: the votes of the places the coder read.
    named = [find_places(x, gaz) for x in texts]
    stages = {
        "detect_language": lambda: [detect_language(x) for x in texts],
        "find_places": lambda: [find_places(x, gaz) for x in texts],
        "find_dates": lambda: [find_dates(x, pub) for x in texts],
        "find_counts": lambda: [find_counts(x) for x in texts],
        "learn_home": lambda: [OutletHomes(gaz).learn_mentions("outlet", m) for m in named],
        "code_events": lambda: [
            code_events(Article("d", x, None, pub, "en", None, None), gaz) for x in texts
        ],
    }
    print(f"per article ({len(texts)} sample articles, {chars:.0f} characters on average):")
    for name, fn in stages.items():
        print(f"  {name:16} {median_ms(fn, 5) / len(texts):7.2f} ms")
    print("scaling with one text's length (ms per 1,000 characters):")
    for copies in (1, 4, 16):
        long = "\n\n".join(texts[:8] * copies)
        article = Article("d", long, None, pub, "en", None, None)
        kilo = len(long) / 1000
        split = median_ms(lambda: split_sentences(long), 3) / kilo  # noqa: B023
        coded = median_ms(lambda: code_events(article, gaz), 3) / kilo  # noqa: B023
        print(f"  {len(long):>8} chars  split_sentences {split:6.3f}  code_events {coded:6.2f}")
    from eventledger.lang.ru.code import code_events as code_russian

    run_on_scaling(
        "a text with no sentence break",
        "militants attacked a village in Aleppo and killed three and soldiers shelled it",
        (200, 800, 3200),
        lambda article: code_events(article, gaz),
        "en",
        pub,
    )
    run_on_scaling(
        "Russian, with no sentence break",
        "боевики обстреляли село в Донецкой области и убили трех человек и ранили пятерых",
        (100, 400, 1600),
        lambda article: code_russian(article, gaz),
        "ru",
        pub,
    )


def run_on_scaling(title, clause, copies, code, language, pub) -> None:
    """Coding time per 1,000 characters of one clause repeated with no sentence break."""
    print(f"{title} (ms per 1,000 characters):")
    for n in copies:
        run_on = " ".join([clause] * n)
        article = Article("d", run_on, None, pub, language, None, None)
        coded = median_ms(lambda: code(article), 1) / (len(run_on) / 1000)  # noqa: B023
        print(f"  {len(run_on):>8} chars  code_events {coded:6.2f}")


if __name__ == "__main__":
    main()
