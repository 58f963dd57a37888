"""Outlet homes: a local paper's bare "Paris" is its own town once its articles say where it is.

The texts are written for these tests: short local-news sentences from an imagined paper in
Paris, Texas, and an imagined world desk.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventledger.cli import main
from eventledger.gazetteer import Gazetteer
from eventledger.mentions.homes import OutletHomes, domain_country, region_votes
from eventledger.mentions.places import find_places

LOCAL = "parisnews.example"
LOCAL_TEXTS = (
    "Fire crews from Reno, Texas, were called to a barn fire near Blossom in Lamar County on "
    "Monday.",
    "Voters in Lamar County, Texas, will decide on a new jail in May, officials in Austin said.",
)
WORLD_TEXTS = (
    "Talks in Geneva between Iran and the United States stalled.",
    "Floods hit Bangladesh and India.",
    "Protests in Paris and Berlin drew thousands.",
)
BARE = "A man was shot dead in Paris on Saturday, police said."


@pytest.fixture(scope="session")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.getbasetemp() / "gazetteer" / "index.sqlite"
    return Gazetteer.open(path)


def learnt(gaz: Gazetteer, outlet: str, texts: tuple[str, ...]) -> OutletHomes:
    homes = OutletHomes(gaz)
    for text in texts:
        homes.learn_text(outlet, text)
    return homes


def test_region_votes_share_one_vote_per_name_among_its_divisions(gaz):
    votes = region_votes(find_places(LOCAL_TEXTS[1], gaz), gaz)
    assert votes.most_common(1)[0][0] == ("US", "Texas")
    assert all(0 < v <= 2 for v in votes.values())  # "Texas" and "Lamar County, Texas"


def test_a_local_papers_articles_agree_on_its_home(gaz):
    home = learnt(gaz, LOCAL, LOCAL_TEXTS).home(LOCAL)
    assert home is not None
    assert (home.name, home.feature, home.country) == ("Texas", "admin1", "US")


@pytest.mark.parametrize(
    ("texts", "outlet"),
    [
        (LOCAL_TEXTS[:1], LOCAL),  # one article is not enough
        (WORLD_TEXTS, "world.example"),  # votes spread over the world: no home
        (LOCAL_TEXTS, None),  # no outlet, nothing to learn
    ],
)
def test_no_home_without_agreement_from_enough_articles(gaz, texts, outlet):
    assert learnt(gaz, outlet or "", texts).home(outlet) is None


def test_outlet_names_are_compared_without_case_or_www(gaz):
    homes = learnt(gaz, "www.ParisNews.example", LOCAL_TEXTS)
    assert homes.home("parisnews.example") == homes.home("www.ParisNews.example") is not None


@pytest.mark.parametrize(
    ("text", "division", "alone"),
    [
        (BARE, "Texas", "FR"),
        ("A 19-year-old was killed in a crash in Hillsboro.", "Texas", "US"),
    ],
)
def test_the_home_picks_the_local_namesake(gaz, text, division, alone):
    home = learnt(gaz, LOCAL, LOCAL_TEXTS).home(LOCAL)
    (with_home,) = find_places(text, gaz, home=home)
    (without,) = find_places(text, gaz)
    assert (with_home.place.admin1, with_home.place.country) == (division, "US")
    assert without.place.country == alone
    assert without.place.admin1 != division


def test_a_local_town_holds_against_a_far_bigger_namesake_only_at_home(gaz):
    text = "Charlotte police arrested two men on Main Street."
    michigan = gaz.admin1("US", "Michigan")
    (at_home,) = find_places(text, gaz, home=michigan)
    (alone,) = find_places(text, gaz)
    assert (at_home.place.admin1, alone.place.admin1) == ("Michigan", "North Carolina")


def test_the_coder_reads_the_spans_of_the_text_alone_whatever_the_home(gaz):
    # Homes are learnt from the place names the coder read, so a home must not change
    # which names are read, only which namesake each is (else homes would feed themselves).
    from datetime import date

    from eventledger.code import code_article
    from eventledger.records import Article

    texts = (*LOCAL_TEXTS, BARE, "Charlotte police arrested two men on Main Street.")
    for home in (gaz.admin1("US", "Texas"), gaz.admin1("US", "Michigan"), None):
        for text in texts:
            article = Article("d", text, None, date(2020, 1, 1), "en", None, None)
            read = [m.span for m in code_article(article, gaz, home).places]
            assert read == [m.span for m in find_places(text, gaz)]


def test_a_country_code_domain_keeps_the_home_in_its_country(gaz):
    # A Georgian site writing much of the US state of Georgia is still no paper of that state.
    assert learnt(gaz, "news.example.ge", LOCAL_TEXTS).home("news.example.ge") is None
    home = learnt(gaz, "news.example.us", LOCAL_TEXTS).home("news.example.us")
    assert home is not None and home.name == "Texas"
    assert domain_country("www.civil.ge") == "GE" and domain_country("bbc.co.uk") == "GB"
    assert domain_country("example.co") is None and domain_country("AFP") is None


def test_a_qualifier_in_the_text_beats_the_home(gaz):
    home = learnt(gaz, LOCAL, LOCAL_TEXTS).home(LOCAL)
    found = find_places("He was born in Paris, France, in 1950.", gaz, home=home)
    assert found[0].span.quote.startswith("Paris")
    assert found[0].place.country == "FR"


def test_stored_texts_are_learnt_once_when_the_outlet_is_first_met(gaz):
    asked: list[str] = []

    def stored(outlet: str) -> list[str]:
        asked.append(outlet)
        return list(LOCAL_TEXTS)

    homes = OutletHomes(gaz, stored)
    assert homes.home(LOCAL) is not None
    assert homes.home(LOCAL) is not None
    assert asked == [LOCAL]


# ---------------------------------------------------------------- as a user runs it


def rows(outlet: str, texts: tuple[str, ...], start: int = 1) -> str:
    return "".join(
        json.dumps({"id": f"{outlet}-{i}", "outlet": outlet, "text": t}) + "\n"
        for i, t in enumerate(texts, start)
    )


def event_places(output: str) -> dict[str, tuple[str | None, str | None]]:
    out = {}
    for line in output.splitlines():
        record = json.loads(line)
        for event in record["events"]:
            out[record["document"]["id"]] = (event["country"], event["admin1"])
    return out


def test_extract_learns_an_outlets_home_over_its_inputs(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        rows(LOCAL, (*LOCAL_TEXTS, BARE)) + rows("other.example", (BARE,)), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["extract", str(feed), "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    places = event_places(result.stdout)
    assert places[f"{LOCAL}-3"] == ("US", "Texas")
    assert places["other.example-1"][0] == "FR"
    # Each record says which home it was read with: none before the outlet's articles agreed.
    homes = {
        r["document"]["id"]: r["document"]["outlet_home"]
        for r in map(json.loads, result.stdout.splitlines())
    }
    assert homes[f"{LOCAL}-1"] is None and homes["other.example-1"] is None
    assert (homes[f"{LOCAL}-3"]["country"], homes[f"{LOCAL}-3"]["admin1"]) == ("US", "Texas")


def test_ingest_learns_an_outlets_home_from_the_ledger(tmp_path: Path, ledger_url: str):
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text(rows(LOCAL, LOCAL_TEXTS), encoding="utf-8")
    later.write_text(rows(LOCAL, (BARE,), start=3), encoding="utf-8")
    runner = CliRunner()
    for feed in (first, later):
        done = runner.invoke(main, ["ingest", str(feed), "--db", ledger_url, "-q"])
        assert done.exit_code == 0, done.output
    listed = runner.invoke(main, ["events", "--db", ledger_url, "--format", "json"])
    (event,) = [e for e in json.loads(listed.stdout) if e["document_id"] == f"{LOCAL}-3"]
    assert (event["country"], event["admin1"]) == ("US", "Texas")
    from eventledger.store import Ledger

    with Ledger.open(ledger_url) as ledger:
        stored = ledger.document(f"{LOCAL}-3")["document"]["outlet_home"]
        assert ledger.document(f"{LOCAL}-1")["document"]["outlet_home"] is None
    assert (stored["country"], stored["admin1"]) == ("US", "Texas")
