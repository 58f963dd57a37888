"""Ledgers for the web app's tests: a few hand-built documents whose events cover every kind
of place precision, and hostile documents whose titles, text, places, actors and sources
carry script and HTML injection."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import records_support
from eventledger.records import (
    Actor,
    Claim,
    Event,
    Location,
    Place,
    Range,
    Result,
)
from eventledger.store import Ledger
from records_support import span

# Anything that runs sets window.__pwned; the browser tests check that nothing did.
SCRIPT = "<script>window.__pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
SVG = '"><svg onload="window.__pwned=\'svg\'">'
HOSTILE = f"{SCRIPT}{IMG}{SVG}{{{{ 7*7 }}}}"

KYIV_TEXT = (
    "A Russian drone struck a residential building in Kyiv on 3 June 2024, killing three "
    "people, the city administration said. Since March at least 40 people have been killed "
    "in the region, officials said."
)
MINSK_TEXT = "Police detained 30 protesters in Minsk on 3 May 2021, the rights group Viasna said."
SUDAN_TEXT = (
    "Fighting between the army and the RSF killed at least 10 people in Sudan on 20 April "
    "2023, according to medics. The army denied it."
)
HOSTILE_TEXT = (
    f"Gunmen {SCRIPT} attacked a market in Bamako on 2 February 2024, killing five, "
    f"witnesses {IMG} said. The attackers {SVG} fled."
)


def result(doc_id: str, text: str, title: str, events: tuple[Event, ...], **doc) -> Result:
    return records_support.result(
        doc_id,
        text,
        events,
        title=title,
        published=doc.get("published", date(2024, 6, 4)),
        outlet=doc.get("outlet", "Example News"),
        url=doc.get("url"),
    )


def kyiv() -> Result:
    strike = Event(
        id="kyiv:e1",
        kind="incident",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=date(2024, 6, 3),
        date_start=date(2024, 6, 3),
        date_end=date(2024, 6, 3),
        date_precision="day",
        where=Location("UA", "Kyiv City", None, "Kyiv", 50.45, 30.52, 703448, "place"),
        actors=(
            Actor("actor1", "Military Forces of Russia", "State forces"),
            Actor("actor2", "Civilians (Ukraine)", "Civilians"),
        ),
        fatalities=Range(3, 3, None),
        claims=(
            Claim(
                "city administration",
                None,
                "asserts",
                (span(KYIV_TEXT, "the city administration said"),),
            ),
        ),
        evidence=(
            span(
                KYIV_TEXT,
                "A Russian drone struck a residential building in Kyiv on 3 June 2024, "
                "killing three people",
            ),
        ),
        confidence=0.8,
    )
    tally = Event(
        id="kyiv:t1",
        kind="tally",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=date(2024, 6, 4),
        date_start=date(2024, 3, 1),
        date_end=date(2024, 6, 4),
        date_precision="month",
        where=Location("UA", "Kyiv City", None, None, 50.45, 30.52, 703447, "admin1"),
        fatalities=Range(40, None, "at least"),
        evidence=(
            span(KYIV_TEXT, "Since March at least 40 people have been killed in the region"),
        ),
    )
    # Read as a paper of Kyiv: the outlet's other reports place it there (mentions.homes).
    home = Place("Kyiv City", "admin1", "UA", lat=50.45, lon=30.52, geonames_id=703447)
    return replace(result("kyiv", KYIV_TEXT, "Drone strike on Kyiv", (strike, tally)), home=home)


def minsk() -> Result:
    protest = Event(
        id="minsk:e1",
        kind="incident",
        event_type="Protests",
        sub_event_type="Protest with intervention",
        date=date(2021, 5, 3),
        date_start=date(2021, 5, 3),
        date_end=date(2021, 5, 3),
        date_precision="day",
        where=Location("BY", "Minsk City", None, "Minsk", 53.9, 27.5667, 625144, "place"),
        actors=(
            Actor("actor1", "Protesters (Belarus)", "Protesters"),
            Actor("actor2", "Police Forces of Belarus", "State forces"),
        ),
        claims=(
            Claim("Viasna", None, "asserts", (span(MINSK_TEXT, "the rights group Viasna said"),)),
        ),
        evidence=(span(MINSK_TEXT, "Police detained 30 protesters in Minsk on 3 May 2021"),),
        confidence=0.7,
    )
    return result(
        "minsk", MINSK_TEXT, "Arrests at a protest in Minsk", (protest,), published=date(2021, 5, 4)
    )


def sudan() -> Result:
    clash = Event(
        id="sudan:e1",
        kind="incident",
        event_type="Battles",
        sub_event_type="Armed clash",
        date=date(2023, 4, 20),
        date_start=date(2023, 4, 20),
        date_end=date(2023, 4, 20),
        date_precision="day",
        where=Location("SD", None, None, None, 15.0, 30.0, 366755, "country"),
        actors=(
            Actor("actor1", "Military Forces of Sudan", "State forces"),
            Actor("actor2", "RSF: Rapid Support Forces", "Political militia"),
        ),
        fatalities=Range(10, None, "at least"),
        claims=(
            Claim("medics", None, "asserts", (span(SUDAN_TEXT, "according to medics"),)),
            Claim("The army", None, "denies", (span(SUDAN_TEXT, "The army denied it"),)),
        ),
        evidence=(
            span(
                SUDAN_TEXT,
                "Fighting between the army and the RSF killed at least 10 people in Sudan",
            ),
        ),
        confidence=0.6,
    )
    return result("sudan", SUDAN_TEXT, "Clashes in Sudan", (clash,), published=date(2023, 4, 21))


def hostile() -> Result:
    attack = Event(
        id="hostile:e1",
        kind="incident",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        date=date(2024, 2, 2),
        date_start=date(2024, 2, 2),
        date_end=date(2024, 2, 2),
        date_precision="day",
        where=Location(
            "ML", f"Bamako{IMG}", None, f"Bamako{SCRIPT}", 12.65, -8.0, 2460596, "place"
        ),
        actors=(Actor("actor1", f"Gunmen{SVG}", "Political militia"),),
        fatalities=Range(5, 5, None),
        claims=(
            Claim(
                f"witnesses {IMG}",
                f"Outlet{SCRIPT}",
                "unconfirmed",
                (span(HOSTILE_TEXT, f"witnesses {IMG} said"),),
            ),
        ),
        evidence=(
            span(
                HOSTILE_TEXT,
                f"Gunmen {SCRIPT} attacked a market in Bamako on 2 February 2024, killing five",
            ),
        ),
        confidence=0.5,
    )
    return result(
        "hostile",
        HOSTILE_TEXT,
        f"Market attack {HOSTILE}",
        (attack,),
        url="javascript:window.__pwned='link'",
        outlet=f"Outlet{SCRIPT}",
        published=date(2024, 2, 3),
    )


HOSTILE_PAGE = (
    "<!doctype html><html><head><title>Protest "
    "&lt;script&gt;window.__pwned='title'&lt;/script&gt;</title>"
    "<script>window.__pwned = 'page-script';</script></head><body><article>"
    "<h1>Protest &lt;img src=x onerror=\"window.__pwned='h1'\"&gt;</h1>"
    "<p>Police arrested 30 protesters in Minsk on 3 May 2021 after a march "
    "&lt;script&gt;window.__pwned='body'&lt;/script&gt; through the centre, "
    "the rights group Viasna said.</p>"
    "<p>Officers fired tear gas at &lt;svg onload=\"window.__pwned='svg'\"&gt; "
    "demonstrators in Minsk on 3 May 2021, witnesses said.</p>"
    "</article></body></html>"
)


def hand_built() -> list[Result]:
    return [kyiv(), minsk(), sudan(), hostile()]


def build_ledger(path: Path, *, extracted: bool = True) -> Path:
    """A ledger file with the hand-built documents and, with ``extracted``, the hostile page
    run through the real pipeline."""
    with Ledger.open(str(path)) as ledger:
        for item in hand_built():
            ledger.add(item)
        if extracted:
            from eventledger.gazetteer import Gazetteer
            from eventledger.ingest.content import document_from_bytes
            from eventledger.pipeline import extract_document

            doc = document_from_bytes(
                HOSTILE_PAGE.encode(), name="hostile page", kind="html", max_bytes=1_000_000
            )
            doc = replace(doc, id="hostile-page", published="2021-05-04")
            ledger.add(extract_document(doc, Gazetteer.open()))
    return path
