"""Casualty ranges in headlines against UCDP's estimates: ``data/ucdp-ged-sample``.

1000 UCDP GED events; 674 carry the headline(s) of their source report(s) (several joined by
";"). For each headline the killed counts are read by the casualty reader the coder of its
language uses (``mentions.numbers.find_counts``; ``lang.ru.counts`` for the few in Russian),
and the event is a hit when one of the killed ranges contains UCDP's ``best`` estimate.

    contains_best          hits / headlines where a killed count was read
    found                  headlines where a killed count was read / all headlines
    stated_contains_best   hits / headlines that state a death toll
    stated_found           headlines where a killed count was read / those that state a toll

Half the headlines state no toll at all: report titles ("Afghan War Casualty Report: March
2020"), victims' names, dates ("Thursday 3 January 2013"). ``found`` counts them as misses, so
it measures the data as much as the reader. The **stated subset** keeps headlines that state a
death toll, judged from the text alone by a test much simpler than the reader and independent
of it (:func:`states_toll`): some part (between ";") has an English death word ("killed",
"dead", "died", "toll", "martyrs", "bodies", ...) and a count (a numeral that is not a date,
year or time, a number word, "dozens", "scores", "several", ...) that is not a count of the
wounded or of casualties ("BIFF killed, 3 soldiers wounded"), and the death word is not only
in a figure for dead and wounded together ("killed and wounded", "killed, wounded"). It
leaves out headlines with one unnumbered victim ("Teen killed in ...") and headlines in other
languages, which the reader does not claim to read. ``stated_contains_best`` is the issue's
measure: of the headlines that state a toll, the share whose read range contains UCDP's best.
Its misses are both reader misses and UCDP's splitting (below), which it does not separate.
``stated_read_above_best`` is the share of those headlines where every read range lies above
UCDP's best: mostly UCDP's share of a larger headline total ("163 people died yesterday", best
4), though a reader that overcounts would land there too. It describes the misses; it is not
subtracted from anything. ``stated_best_told`` bounds what reading can do: the share of those
headlines where UCDP's best is a figure the headline writes, whatever that figure counts
(:func:`figures`), or a read range holds it. A reader that answers with the headline's own
figures cannot contain best more often than that, however it picks among them.
``told_contains_best`` is the share of those headlines (the toll-stating ones that write UCDP's
figure) where a read range contains it: how well the reader reads a toll the headline states.

A headline is a hit when any of its killed ranges contains ``best``, so a vaguer reading can hit
where the exact one misses ("40 #Taliban fighters were killed" read as "fighters", two or more,
contains a best of 5; read as 40 it does not). Readings are scored as read, exact or vague.

Many UCDP events are one place's share of a total a headline reports ("163 people died
yesterday", "41 militants killed in round-the-clock offensives"), so the full rate measures how
UCDP splits reports as much as the reader. The **single-event subset** keeps headlines that read
as one incident, judged from the headline text alone, never from UCDP's numbers: one report (no
";") and none of the words that mark a total over time, places or several incidents (see
:data:`AGGREGATE`). ``single_contains_best`` and ``single_found`` are the same two measures on it.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eventledger.evaluate.metrics import part_of
from eventledger.evaluate.results import DatasetScore, Metric, Scored, rows_by_part

NAME = "ucdp-ged"
TITLE = "Casualty ranges: killed counts in UCDP source headlines against UCDP's best estimate"
AGGREGATE = re.compile(
    r"\b(yesterday|today|tonight|overnight|this week|last week|weekends?|weeks?|months?|days?|"
    r"hours|since|so far|toll|separate|series|operations|offensives?|air ?strikes|raids|attacks|"
    r"clashes|across|districts|provinces|regions|including|report)\b",
    re.IGNORECASE,
)
# The toll test of the stated subset: deliberately simpler than the reader, never calling it.
DEATH_WORD = re.compile(
    r"\b(?:kill(?:s|ed|ings?)?|dead|die[sd]?|deaths|toll|fatalities|martyr(?:s|ed)|slain|perished"
    r"|bodies|executed|murdered|massacred|assassinated|beheaded|slaughtered|shot\s+dead"
    r"|gunned\s+down|lives)\b",
    re.IGNORECASE,
)
DEAD_AND_WOUNDED = re.compile(
    r"\b(?:killed|dead|deaths)\s*(?:,|&|and|or|and/or)\s*(?:wound\w*|injur\w*|hurt)\b",
    re.IGNORECASE,
)
COUNT_WORD = re.compile(
    r"(?<![\w#/.:-])(?!(?:19|20)\d\d\b)\d[\d,]*(?![\w/:]|\.\d)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?|scores"
    r"|several|a\s+few|a\s+couple)\b",
    re.IGNORECASE,
)
WOUNDED_COUNT = re.compile(
    rf"(?:{COUNT_WORD.pattern})(?:\s+[\w'’-]+){{0,3}}?\s+(?:wounded|injured|hurt|casualties)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Headline:
    id: str
    text: str
    best: float


@dataclass(frozen=True, slots=True)
class Reading:
    found: bool  # a killed count was read
    contains: bool  # one of its ranges contains `best`
    single: bool  # the headline reads as one incident
    stated: bool  # the headline states a death toll
    above: bool = False  # read, and every range lies above `best`
    told: bool = False  # `best` is a figure the headline writes, or a read range holds it


def load_headlines(folder: Path) -> list[Headline]:
    """The events with a source headline and a best estimate."""
    out = []
    with (folder / "ucdpged_sample.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row.get("source_headline") and row.get("best"):
                out.append(Headline(row["id"], row["source_headline"], float(row["best"])))
    return out


def is_single(text: str) -> bool:
    """Whether a headline reads as one incident: one report, no word of a total."""
    return ";" not in text and not AGGREGATE.search(text)


def states_toll(text: str) -> bool:
    """Whether a part of a headline has a death word and a count that is not of the wounded."""
    for part in text.split(";"):
        words = DEAD_AND_WOUNDED.sub(" ", part)
        counts = WOUNDED_COUNT.sub(" ", part)
        if DEATH_WORD.search(words) and COUNT_WORD.search(counts):
            return True
    return False


def _reader(text: str):
    """The casualty reader of the text's language, as the pipeline picks its coder (a
    headline in a language without a coder is read as English, as the reader claims nothing
    there)."""
    from eventledger.lang import coded_as, finders
    from eventledger.language import detect_language

    return finders(coded_as(detect_language(text), text) or "en").counts


def read_headline(headline: Headline) -> tuple[Reading, float]:
    """What the casualty reader finds in one headline, and the seconds it took."""
    start = time.perf_counter()
    counts = [
        c for part in headline.text.split(";") for c in _reader(part)(part) if c.what == "killed"
    ]
    seconds = time.perf_counter() - start
    best = headline.best
    contains = any(
        (c.low is None or c.low <= best) and (c.high is None or best <= c.high) for c in counts
    )
    above = bool(counts) and all(c.low is not None and c.low > best for c in counts)
    single, stated = is_single(headline.text), states_toll(headline.text)
    told = contains or best in figures(headline.text)
    return Reading(bool(counts), contains, single, stated, above, told), seconds


_FIGURE_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?|\d+(?:,\d{3})*(?!\d)")
# A figure of time or distance ("in 13 days", "at 10 AM", "in one day") counts no one.
_UNIT = frozenset(
    "am pm a.m. p.m. hours hour minutes minute days day weeks week months month years year"
    " km kilometres kilometers miles mile metres meters".split()
)


def figures(text: str) -> set[int]:
    """Every figure a text writes, in digits or words ("7", "1,300", "twenty-six", "a dozen",
    "one hundred and twelve"), whatever it counts, except figures of time or distance ("in 13
    days", "at 10 AM"): what a reader of the text could answer."""
    from eventledger.mentions.numbers import parse_number

    found = set()
    words = [m.group().lower() for m in _FIGURE_WORDS.finditer(text)]
    for i in range(len(words)):
        for n in range(1, 6):
            if i + n > len(words) or (i + n < len(words) and words[i + n] in _UNIT):
                continue
            value = parse_number(" ".join(words[i : i + n]))
            if value is not None:
                found.add(value)
    return found


def score_ucdp(data: Path, *, fast: bool = False) -> DatasetScore:
    """Share of read killed ranges that contain UCDP's best, on all and single-event headlines."""
    items = []
    for headline in load_headlines(data / "data" / "ucdp-ged-sample"):
        reading, seconds = read_headline(headline)
        items.append(Scored(headline.id, part_of(headline.id), seconds, reading))
    notes = (
        "contains_best counts only headlines where a killed count was read; found is that share.",
        "stated_*: headlines that state a death toll (a death word and a count, chosen from the"
        " text alone); stated_contains_best = hits / those headlines; stated_read_above_best ="
        " those where every read range is above UCDP's best (mostly UCDP's share of a total).",
        "stated_best_told: those where UCDP's best is a figure the headline writes (whatever it"
        " counts) or a read range holds it: about the most a reader that answers with the"
        " headline's own figures can reach. told_contains_best: of those, the share whose read"
        " range contains it.",
        "single_*: headlines that read as one incident (one report, no 'yesterday', 'operations',"
        " 'across', 'districts', ...), chosen from the text alone.",
        "Time is the casualty reader alone.",
    )
    return DatasetScore(NAME, TITLE, rows_by_part(items, _aggregate), notes)


def _aggregate(items: Sequence[Scored]) -> tuple[Metric, ...]:
    readings: list[Reading] = [i.detail for i in items]
    single = [r for r in readings if r.single]
    stated = [r for r in readings if r.stated]
    above = sum(r.above for r in stated) / len(stated) if stated else None
    n_told = sum(r.told for r in stated)
    told = n_told / len(stated) if stated else None
    return (
        _rates(readings, "")
        + _rates(stated, "stated_", per_headline=True)
        + (
            Metric("stated_read_above_best", above, len(stated)),
            Metric("stated_best_told", told, len(stated)),
            Metric(
                "told_contains_best",
                sum(r.contains for r in stated if r.told) / n_told if n_told else None,
                n_told,
            ),
        )
        + _rates(single, "single_")
    )


def _rates(
    readings: Sequence[Reading], prefix: str, *, per_headline: bool = False
) -> tuple[Metric, Metric]:
    """contains_best over the headlines read, or over all of them when ``per_headline``."""
    found = [r for r in readings if r.found]
    over = readings if per_headline else found
    return (
        Metric(
            f"{prefix}contains_best",
            sum(r.contains for r in over) / len(over) if over else None,
            len(over),
        ),
        Metric(f"{prefix}found", len(found) / len(readings) if readings else None, len(readings)),
    )
