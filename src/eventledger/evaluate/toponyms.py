"""Places: toponym recognition and resolution on geoparsing corpora (``data/geowebnews``).

Four corpora of news text with every toponym's span and coordinates (Gritta et al., "A
Pragmatic Guide to Geoparsing Evaluation", 2019, and the corpora it bundles):

    geowebnews  GWN.xml, 200 articles, fine-grained toponym types
    lgl         Corpora/lgl.xml, 588 US local-news articles (Lieberman et al. 2010)
    tr-news     Corpora/TR-News.xml, 118 articles (Kamalloo and Rafiei 2018)
    geovirus    Corpora/GeoVirus.xml, 229 Wikinews articles on epidemics

Each text goes to ``mentions.places.find_places`` with the project's gazetteer. Recognition:
a predicted span is right when it has exactly the start and end of a gold toponym (strict
match); precision, recall and F1 over all toponyms. Resolution, over the recognised toponyms
that have gold coordinates: ``acc_161`` is the share resolved within 161 km (100 miles) of
the gold point, ``median_km`` the median error, and ``same_entry`` the share resolved to the
very GeoNames entry the gold names (where it names one: not in GeoVirus). The gazetteer places
a region at the middle of its main landmass as its towns outline it, and a country at whichever
of that centre, an atlas point and its outline's centroid agrees best with the other two, not at
GeoNames' own point, so a right country or region can still be a few hundred km "wrong" (Canada,
Alaska); ``same_entry`` shows how often the entry itself was right.

In GeoWebNews, gold toponyms are the literal types (Literal, Mixed, Literal_Modifier,
Embedded_Literal, Coercion). A prediction on an associative toponym (Metonymic, a demonym or
another non-literal modifier, Homonym, Embedded_Non_Lit: "Turkey said", "Turkish troops") is
neither right nor wrong; the project deliberately does not take a country acting as an actor
for a place. LGL and TR-News annotate adjectival forms ("Turkish") as toponyms too, which
lowers our recall there. Some GeoVirus and TR-News offsets are off by a character or more;
each gold span is moved to the nearest occurrence of its name within 10 characters, and dropped
when there is none.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from eventledger.clean import outlet_of_url
from eventledger.evaluate.metrics import haversine_km, median, part_of, prf
from eventledger.evaluate.results import DatasetScore, Metric, Scored, rows_by_part
from eventledger.records import PlaceMention

ROOT = "data/geowebnews/data"
CORPORA = {
    "geowebnews": f"{ROOT}/GWN.xml",
    "lgl": f"{ROOT}/Corpora/lgl.xml",
    "tr-news": f"{ROOT}/Corpora/TR-News.xml",
    "geovirus": f"{ROOT}/Corpora/GeoVirus.xml",
}
TITLES = {
    "geowebnews": "Places: GeoWebNews (200 news articles), literal toponyms",
    "lgl": "Places: LGL (588 US local-news articles)",
    "tr-news": "Places: TR-News (118 news articles)",
    "geovirus": "Places: GeoVirus (229 Wikinews articles on epidemics)",
}
LITERAL = frozenset({"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion"})
ASSOCIATIVE = frozenset(
    {"Metonymic", "Non_Literal_Modifier", "Demonym", "Embedded_Non_Lit", "Homonym"}
)
NEAR = 10
ACCURATE_KM = 161.0


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    geonames_id: int | None = None
    scored: bool = True  # False: an associative toponym, neither gold nor a false positive


@dataclass(frozen=True, slots=True)
class GeoArticle:
    id: str
    text: str
    toponyms: tuple[Toponym, ...]
    outlet: str | None = None  # the site it came from: its domain or its link's host


@dataclass(frozen=True, slots=True)
class Outcome:
    tp: int
    fp: int
    fn: int
    errors_km: tuple[float, ...]  # one per recognised toponym with both points
    same_entry: tuple[bool, ...]  # one per recognised toponym with a gold GeoNames id
    text_errors_km: tuple[float, ...] = ()  # the same, read without the outlet's home


# ---------------------------------------------------------------- loading


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _aligned(text: str, start: int, end: int, name: str) -> tuple[int, int] | None:
    """The span of ``name`` at or nearest to ``start``; None when it is not within reach."""
    if text[start:end] == name:
        return start, end
    best = None
    for shift in range(1, NEAR + 1):
        for s in (start - shift, start + shift):
            if s >= 0 and text[s : s + len(name)] == name:
                best = (s, s + len(name))
                break
        if best:
            return best
    return None


def _gwn_toponym(el: ET.Element) -> Toponym | None:
    kind = el.findtext("type") or ""
    if kind not in LITERAL | ASSOCIATIVE:
        return None
    return Toponym(
        int(el.findtext("start") or 0),
        int(el.findtext("end") or 0),
        el.findtext("extractedName") or "",
        _float(el.findtext("latitude")),
        _float(el.findtext("longitude")),
        _int(el.findtext("geonamesID")),
        kind in LITERAL,
    )


def _lgl_toponym(el: ET.Element) -> Toponym:
    gaztag = el.find("gaztag")
    return Toponym(
        int(el.findtext("start") or 0),
        int(el.findtext("end") or 0),
        el.findtext("phrase") or "",
        _float(el.findtext("gaztag/lat")),
        _float(el.findtext("gaztag/lon")),
        _int(gaztag.get("geonameid")) if gaztag is not None else None,
    )


def _geovirus_toponym(el: ET.Element) -> Toponym:
    return Toponym(
        int(el.findtext("start") or 0),
        int(el.findtext("end") or 0),
        el.findtext("name") or "",
        _float(el.findtext("lat")),
        _float(el.findtext("lon")),
    )


def load_corpus(path: Path, corpus: str) -> tuple[list[GeoArticle], int]:
    """The articles of one corpus with their gold toponyms, and how many spans were dropped."""
    root = ET.parse(path).getroot()
    articles, dropped = [], 0
    for i, el in enumerate(root.iter("article")):
        text = el.findtext("text") or ""
        key = el.get("file") or el.get("docid") or el.findtext("source") or str(i)
        if corpus == "geowebnews":
            found = [_gwn_toponym(t) for t in el.iterfind("toponyms/toponym")]
        elif corpus == "geovirus":
            found = [_geovirus_toponym(t) for t in el.iterfind("locations/location")]
        else:
            found = [_lgl_toponym(t) for t in el.iterfind("toponyms/toponym")]
        toponyms = []
        for t in found:
            if t is None:
                continue
            span = _aligned(text, t.start, t.end, t.name) if t.name else None
            if span is None:
                dropped += 1
                continue
            toponyms.append(
                Toponym(span[0], span[1], t.name, t.lat, t.lon, t.geonames_id, t.scored)
            )
        site = el.findtext("domain") or el.findtext("link") or el.findtext("source") or ""
        outlet = outlet_of_url(site.strip()) if site.strip() else None  # as ``clean`` names it
        articles.append(GeoArticle(f"{corpus}:{key}", text, tuple(toponyms), outlet))
    return articles, dropped


# ---------------------------------------------------------------- scoring


def compare(article: GeoArticle, predicted: Sequence[Toponym]) -> Outcome:
    """Strict span matches of predicted toponyms against the gold ones."""
    gold = {(t.start, t.end): t for t in article.toponyms}
    tp = fp = 0
    errors, same = [], []
    for p in predicted:
        t = gold.get((p.start, p.end))
        if t is None:
            fp += 1
        elif t.scored:
            tp += 1
            if None not in (p.lat, p.lon, t.lat, t.lon):
                errors.append(haversine_km(t.lat, t.lon, p.lat, p.lon))  # type: ignore[arg-type]
            if t.geonames_id is not None:
                same.append(p.geonames_id == t.geonames_id)
    spans = {(p.start, p.end) for p in predicted}
    fn = sum(1 for t in article.toponyms if t.scored and (t.start, t.end) not in spans)
    return Outcome(tp, fp, fn, tuple(errors), tuple(same))


def score_toponyms(data: Path, *, fast: bool = False, corpus: str = "geowebnews") -> DatasetScore:
    """Recognition P/R/F1 and resolution accuracy of the place finder on one corpus."""
    from eventledger.gazetteer import Gazetteer
    from eventledger.mentions.homes import OutletHomes
    from eventledger.mentions.places import find_places

    articles, dropped = load_corpus(data / CORPORA[corpus], corpus)
    gaz = Gazetteer.open()
    homes = OutletHomes(gaz)
    alone = [find_places(article.text, gaz) for article in articles]  # the text alone
    for article, mentions in zip(articles, alone, strict=True):
        homes.learn_mentions(article.outlet, mentions)  # as a ledger holding them knows them
    items = []
    for article, text_only in zip(articles, alone, strict=True):
        start = time.perf_counter()
        mentions = find_places(article.text, gaz, home=homes.home(article.outlet))
        seconds = time.perf_counter() - start
        without = compare(article, [_toponym(m) for m in text_only]).errors_km
        outcome = replace(compare(article, [_toponym(m) for m in mentions]), text_errors_km=without)
        items.append(Scored(article.id, part_of(article.id), seconds, outcome))
    gold = sum(1 for a in articles for t in a.toponyms if t.scored)
    notes = [
        f"{gold} gold toponyms in {len(articles)} articles; strict span match.",
        "Time is the place finder alone.",
        "acc_161 reads each article with its outlet's home region (mentions.homes), learnt "
        "from all of the outlet's articles here, as a ledger holding them would know it; "
        "acc_161_text reads the text alone.",
    ]
    if dropped:
        notes.append(f"{dropped} gold spans whose offsets did not fit the text were dropped.")
    return DatasetScore(corpus, TITLES[corpus], rows_by_part(items, _aggregate), tuple(notes))


def _toponym(m: PlaceMention) -> Toponym:
    return Toponym(
        m.span.start, m.span.end, m.span.quote, m.place.lat, m.place.lon, m.place.geonames_id
    )


def _aggregate(items: Sequence[Scored]) -> tuple[Metric, ...]:
    outcomes: list[Outcome] = [i.detail for i in items]
    tp, fp, fn = (sum(getattr(o, k) for o in outcomes) for k in ("tp", "fp", "fn"))
    s = prf(tp, fp, fn)
    errors = [e for o in outcomes for e in o.errors_km]
    within = sum(1 for e in errors if e <= ACCURATE_KM) / len(errors) if errors else None
    alone = [e for o in outcomes for e in o.text_errors_km]
    within_alone = sum(1 for e in alone if e <= ACCURATE_KM) / len(alone) if alone else None
    same = [x for o in outcomes for x in o.same_entry]
    return (
        Metric("precision", s.precision, tp + fp),
        Metric("recall", s.recall, tp + fn),
        Metric("f1", s.f1, tp + fn),
        Metric("acc_161", within, len(errors)),
        Metric("acc_161_text", within_alone, len(alone)),
        Metric("median_km", median(errors), len(errors)),
        Metric("same_entry", sum(same) / len(same) if same else None, len(same)),
    )
