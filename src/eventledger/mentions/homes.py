"""Outlet homes: the region a news outlet writes about, learned from the outlet's own articles.

A local paper names its towns bare: "Paris" in the Paris (Texas) News, "Athens" in the Daily
Post-Athenian of Tennessee, "Richmond" in the Richmond (Kentucky) Register. Nothing in one
article says which namesake it is, but the outlet's other articles do (Lieberman, Samet and
Sankaranarayanan, "Geotagging with local lexicons to build indexes for textually-specified
spatial data", 2010). Each article votes for the first-level divisions (states, provinces)
its place names could be in: a name spreads one vote over every division that has a town, a
county or a division of that name, so "Texas" gives Texas a whole vote, "Paris" a share to
each of a dozen states, and "Lamar County" a half to Texas and Alabama. An outlet's home is
the division well ahead of every other in its articles' votes:

- it has votes from at least :data:`MIN_ARTICLES` of the outlet's articles,
- at least :data:`LEAD` times the votes of the runner-up, and
- at least :data:`MIN_SHARE` of all the outlet's votes (a world news site has no home), and
- in the country of the outlet's country-code domain, if it has one (:func:`domain_country`).

A country that leads the votes (a national paper) is no home: the place finder already reads
a text's countries from the text. The home enters the place finder as one more name of the
text (see ``mentions.places.find_places``): it vouches for a namesake in its division, as
"Virginia" does for "Alexandria" in the same text, and like any such name it does not override
a qualifier (", Ohio"), a country hint or a namesake that dwarfs the local one.

:class:`OutletHomes` is the memory of one run: it learns from every article coded in it, and
may be seeded with the texts an outlet already has in a ledger (``store``), so what the home
of an outlet is depends on which of its articles were seen before, never on a gold label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from eventledger.gazetteer import Gazetteer, name_key
from eventledger.mentions.places import find_places
from eventledger.records import Place, PlaceMention

MIN_ARTICLES = 2
LEAD = 1.5
MIN_SHARE = 0.1
SMALL_PLACE = 1_000  # hamlets are too many to say anything about a division

Region = tuple[str, str | None]  # (country code, first-level division name or None)


def region_votes(mentions: Iterable[PlaceMention], gaz: Gazetteer) -> Counter[Region]:
    """One article's votes: each distinct place name shares one vote among its divisions."""
    seen: set[str] = set()
    votes: Counter[Region] = Counter()
    for mention in mentions:
        key = name_key(mention.span.quote)
        if key in seen:
            continue
        seen.add(key)
        regions = {_region(c.place) for c in gaz.resolve(mention.span.quote)} - {None}
        for region in regions:
            votes[region] += 1 / len(regions)  # type: ignore[index]
    return votes


def _region(place: Place) -> Region | None:
    if place.feature == "country":
        return place.country, None
    if place.feature == "admin1":
        return place.country, place.name
    if place.feature == "admin2" or (place.feature == "place" and place.population >= SMALL_PLACE):
        return (place.country, place.admin1) if place.admin1 else None
    return None


@dataclass(slots=True)
class _Tally:
    votes: Counter[Region] = field(default_factory=Counter)
    articles: Counter[Region] = field(default_factory=Counter)  # articles voting for a region
    seen: int = 0


@dataclass(slots=True)
class OutletHomes:
    """What one run knows of each outlet's home, learned article by article.

    ``stored``, when given, returns the texts an outlet already has (in a ledger); they are
    learnt the first time the run meets the outlet.
    """

    gaz: Gazetteer
    stored: Callable[[str], Iterable[str]] | None = None
    tallies: dict[str, _Tally] = field(default_factory=dict)

    def learn(self, outlet: str | None, votes: Counter[Region]) -> None:
        """Count one article of ``outlet``."""
        if not outlet:
            return
        tally = self.tallies.setdefault(_outlet_key(outlet), _Tally())
        tally.seen += 1
        tally.votes.update(votes)
        tally.articles.update(votes.keys())

    def learn_text(self, outlet: str | None, text: str) -> None:
        """Count one article of ``outlet`` by its text."""
        self.learn_mentions(outlet, find_places(text, self.gaz))

    def learn_mentions(self, outlet: str | None, mentions: Sequence[PlaceMention]) -> None:
        self.learn(outlet, region_votes(mentions, self.gaz))

    def home(self, outlet: str | None) -> Place | None:
        """The outlet's home division, when its articles so far agree on one."""
        if not outlet:
            return None
        key = _outlet_key(outlet)
        if key not in self.tallies and self.stored is not None:
            self.tallies[key] = _Tally()
            for text in self.stored(outlet):
                self.learn_text(outlet, text)
        tally = self.tallies.get(key)
        if tally is None or tally.seen < MIN_ARTICLES:
            return None
        ranked = tally.votes.most_common(2)
        if not ranked:
            return None
        (country, division), top = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if (
            division is None
            or country != (domain_country(key) or country)
            or tally.articles[(country, division)] < MIN_ARTICLES
            or top < LEAD * runner_up
            or top < MIN_SHARE * sum(tally.votes.values())
        ):
            return None
        return self.gaz.admin1(country, division)


def _outlet_key(outlet: str) -> str:
    return outlet.strip().lower().removeprefix("www.")


# Country-code domains sold worldwide as brand names: they say nothing of where a site is.
_VANITY_DOMAINS = frozenset("ai am cc co fm gg io ly me nu to tv ws".split())
_DOMAIN_COUNTRY = {"uk": "GB", "su": "RU"}


def domain_country(outlet: str) -> str | None:
    """The country an outlet's country-code domain names ("civil.ge" -> GE), else None: a
    Georgian paper's home is in Georgia, never in the US state of that name."""
    host = _outlet_key(outlet).split("/")[0]
    if "." not in host:
        return None
    suffix = host.rsplit(".", 1)[1]
    if len(suffix) != 2 or not suffix.isalpha() or suffix in _VANITY_DOMAINS:
        return None
    return _DOMAIN_COUNTRY.get(suffix, suffix.upper())
