"""clean: HTML or scraped text -> Article (body, captions, title, date, outlet, language)."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger import clean as clean_module
from eventledger.clean import clean
from eventledger.records import Article, Document

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
SHARED = Path(__file__).resolve().parents[2] / "shared"
GV_PERU_URL = (
    "http://globalvoicesonline.org/2009/06/05/peru-clashes-break-out-in-the-amazon-region/"
)
GV_KOREA_URL = (
    "http://globalvoicesonline.org/2009/06/09/"
    "north-korea-two-american-journalists-sentenced-to-hard-labor/"
)


def from_text(text: str, **fields: str | None) -> Article:
    return clean(Document(raw=text.encode(), text=text, **fields), "doc-1")


def from_html(html: str, **fields: str | None) -> Article:
    return clean(Document(raw=html.encode(), html=html, **fields), "doc-1")


def codes(article: Article) -> list[str]:
    return [p.code for p in article.problems]


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


LEAD = (
    "Russian forces shelled the city of Kharkiv overnight, regional officials said on "
    "Tuesday, damaging a school and several apartment blocks near the centre."
)
FOLLOW = (
    "Emergency services said three people were injured and taken to hospital. Firefighters "
    "worked through the night to put out a blaze in one of the buildings."
)
CLOSE = (
    "The regional governor urged residents to stay in shelters while air-raid alerts were "
    "in force and promised to publish a full list of the damage by the evening."
)


# ------------------------------------------------------------------ the seed case

MEDUZA = (FIXTURES / "meduza-belgorod-conscripts.txt").read_text(encoding="utf-8")

# The `clean` checks of shared/cases/meduza-belgorod-conscripts/expected.json.
MEDUZA_BODY_CONTAINS = [
    "At the start of September 2022, the Russian authorities began sending conscripts",
    "7x7 found that at least seven conscripts have been killed by shelling in the Belgorod "
    "region in recent months.",
    "Commanders have also threatened to retaliate against conscripts whose mothers speak out "
    "publicly.",
]
MEDUZA_BODY_EXCLUDES = [
    "Skip to main content",
    "Share to or",
    "An incursion into Belgorod",
    "The latest on the armed incursion into Russia’s Belgorod region",
    "The inside of a conscripts’ dugout",
    "One of the conscripts’ vehicles after a shelling attack",
    "Belgorod governor’s press service",
]
MEDUZA_CAPTIONS = [
    "The inside of a conscripts’ dugout",
    "A protective trench in the Belgorod region",
    "One of the conscripts’ vehicles after a shelling attack",
]


@pytest.fixture(scope="module")
def meduza() -> Article:
    return from_text(MEDUZA, published="2023-05-24")


@pytest.mark.parametrize("snippet", MEDUZA_BODY_CONTAINS)
def test_seed_case_body_keeps_article_text(meduza: Article, snippet: str) -> None:
    assert snippet in meduza.text


@pytest.mark.parametrize("snippet", MEDUZA_BODY_EXCLUDES)
def test_seed_case_body_drops_furniture_teasers_and_captions(meduza: Article, snippet: str) -> None:
    assert snippet not in meduza.text


@pytest.mark.parametrize("caption", MEDUZA_CAPTIONS)
def test_seed_case_captions_are_kept_apart(meduza: Article, caption: str) -> None:
    assert any(caption in c for c in meduza.captions)


def test_seed_case_metadata_comes_from_title_and_source_lines(meduza: Article) -> None:
    assert meduza.title is not None and meduza.title.startswith("‘They’re stationed in front")
    assert meduza.title not in meduza.text
    assert meduza.outlet == "Meduza"
    assert "Source: Meduza" not in meduza.text
    assert meduza.published == date(2023, 5, 24)
    assert meduza.language == "en"
    assert meduza.problems == ()


def test_seed_case_paragraphs_are_verbatim_and_joined_by_blank_lines(meduza: Article) -> None:
    originals = {line.strip() for line in MEDUZA.splitlines()}
    paragraphs = meduza.text.split("\n\n")
    assert len(paragraphs) == 10
    assert all(p in originals for p in paragraphs)


# ------------------------------------------------------------------ Global Voices pages


@pytest.fixture(scope="module")
def gv_peru() -> Article:
    html = (FIXTURES / "globalvoices-peru-clashes-amazon.html").read_text(encoding="utf-8")
    return from_html(html, url=GV_PERU_URL)


@pytest.fixture(scope="module")
def gv_korea() -> Article:
    html = (FIXTURES / "globalvoices-north-korea-journalists.html").read_text(encoding="utf-8")
    return from_html(html, url=GV_KOREA_URL)


@pytest.mark.parametrize(
    "snippet",
    [
        "The continuing tense situation in the Amazon Region of Peru has taken a turn",
        "Alberto Pizango, called a press conference",
        "Pizango no quiere responder por los policias muertos",
        "clashes are taking place in Jaén in the department of Cajamarca.",
    ],
)
def test_globalvoices_page_body_keeps_the_post(gv_peru: Article, snippet: str) -> None:
    assert snippet in gv_peru.text


@pytest.mark.parametrize(
    "snippet",
    [
        "[reader comment removed]",
        "Recent Articles also in Americas",
        "Funding drive",
        "Global Voices Email Updates",
        "Photo of Conflict in Bagua by TV Cultura",
        "This site is licensed under",
    ],
)
def test_globalvoices_page_body_drops_comments_sidebar_and_caption(
    gv_peru: Article, snippet: str
) -> None:
    assert snippet not in gv_peru.text


def test_globalvoices_page_metadata(gv_peru: Article) -> None:
    assert gv_peru.title == "Peru: Clashes Break Out in the Amazon Region"
    assert gv_peru.outlet == "Global Voices"
    assert gv_peru.published == date(2009, 6, 5)
    assert gv_peru.language == "en"
    assert gv_peru.url == GV_PERU_URL
    assert any(c.startswith("Photo of Conflict in Bagua by TV Cultura") for c in gv_peru.captions)
    assert gv_peru.problems == ()


@pytest.mark.parametrize(
    "snippet, present",
    [
        ("American Current TV journalists Laura Ling and Euna Lee have been sentenced", True),
        ("I hope that they do not endure Pyongyang’s horrific", True),
        ("[reader comment removed]", False),
        ("Roxana Saberi, the American journalist who was imprisoned", False),
        ("Latin America: The Problem of Child Labor", False),
        ("Share this article with social bookmarking", False),
        ("Translated every day by", False),
    ],
)
def test_globalvoices_second_page(gv_korea: Article, snippet: str, present: bool) -> None:
    assert (snippet in gv_korea.text) is present


def test_globalvoices_second_page_metadata(gv_korea: Article) -> None:
    assert gv_korea.title == "North Korea: Two American Journalists Sentenced to Hard Labor"
    assert gv_korea.published == date(2009, 6, 9)
    assert gv_korea.outlet == "Global Voices"


# ------------------------------------------------------------------ scraped-text rules

FURNITURE_LINES = [
    "Skip to main content",
    "  • Share to or",
    "Share this article",
    "Facebook Twitter WhatsApp Telegram",
    "Read more",
    "Read more: Drone strikes hit Odesa port",
    "See also",
    "Related stories",
    "Most read",
    "Advertisement",
    "Реклама",
    "Читайте также: Что известно о взрыве в Белгороде",
    "Subscribe to our newsletter",
    "Sign up for our daily briefing",
    "Follow us on Telegram",
    "We use cookies to improve your experience. By continuing you agree to our use of cookies.",
    "Copyright © 2023 Example Media. All rights reserved.",
    "Photo: Reuters",
    "By John Smith",
    "24 May 2023, 14:05",
    "Updated: May 24, 2023",
    "Tags: Ukraine, Kharkiv, shelling",
    "Comments",
    "***",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_lines_between_paragraphs_are_dropped(line: str) -> None:
    article = from_text(f"{LEAD}\n\n{line}\n\n{FOLLOW}\n\n{CLOSE}\n")
    assert article.text == f"{LEAD}\n\n{FOLLOW}\n\n{CLOSE}"
    assert line.strip() not in article.captions


BODY_LINES = [
    "He died today.",
    "“We will not leave,” she said.",
    "Share prices fell 3% on Monday, the exchange said.",
    "Advertisement boards along the road were damaged.",
    "By Sunday, three people had died.",
    "Read the full statement by the ministry below.",
    "Where did the missiles come from?",
    "—Łukasz Szumowski on the failed efforts to save the mayor's life",
]


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_lines_between_paragraphs_are_kept(line: str) -> None:
    article = from_text(f"{LEAD}\n\n{line}\n\n{FOLLOW}\n\n{CLOSE}\n")
    assert article.text == f"{LEAD}\n\n{line}\n\n{FOLLOW}\n\n{CLOSE}"


def test_one_paragraph_per_line_news_comes_through_unchanged() -> None:
    lines = [
        "Two people were killed and five injured when a drone hit a bus stop in Kherson.",
        "The attack happened at about 8 a.m.",
        "Police said the drone was launched from across the river.",
        "“It was a direct hit,” a witness told reporters.",
        "Rescue work is over.",
        "An investigation has been opened.",
    ]
    article = from_text("\n".join(lines), title="Drone hits bus stop in Kherson")
    assert article.text.split("\n\n") == lines
    assert article.captions == ()


def test_wikinews_text_with_caption_lines_loses_only_the_captions() -> None:
    text = (FIXTURES / "ruwikinews-fsb-shooting.txt").read_text(encoding="utf-8")
    article = from_text(text, title="Стрельба в ФСБ в Москве. Один убит, несколько раненых")
    captions = [
        "Здание ФСБ вечером в новогодние праздники 2018 года",
        "Усиленные наряды полиции у Олонецого парка на севере Москвы через четыре часа после "
        "происшествия",
    ]
    assert list(article.captions) == captions
    kept = [line.strip() for line in text.splitlines() if line.strip() and line not in captions]
    assert article.text.split("\n\n") == kept
    assert article.language == "ru"


def test_caption_and_credit_between_paragraphs_become_one_caption() -> None:
    text = (
        f"{LEAD}\n\nA protective trench in the Kharkiv region\nRegional administration press "
        f"service\n\n{FOLLOW}\n\n{CLOSE}"
    )
    article = from_text(text)
    assert article.text == f"{LEAD}\n\n{FOLLOW}\n\n{CLOSE}"
    assert article.captions == (
        "A protective trench in the Kharkiv region\nRegional administration press service",
    )


def test_labelled_caption_line_goes_to_captions() -> None:
    article = from_text(f"{LEAD}\n\nImage caption, Firefighters at the school\n\n{FOLLOW}")
    assert article.captions == ("Firefighters at the school",)
    assert "Firefighters at the school" not in article.text


def test_short_lines_after_a_colon_are_quoted_body_not_captions() -> None:
    text = (
        f"{LEAD}\n\nProtesters held up a banner that read:\n\nNo to war\n\n"
        f"Stop the shelling\n\n{FOLLOW}"
    )
    article = from_text(text)
    assert "No to war\n\nStop the shelling" in article.text
    assert article.captions == ()


def test_repeated_teasers_and_trailing_headlines_are_dropped() -> None:
    teaser = "Drone attack on Odesa port"
    text = (
        f"Shelling hits Kharkiv school\n\n{LEAD}\n\n{FOLLOW}\n\n{CLOSE}\n\n{teaser}\n\n"
        f"What we know about the latest strikes\n\n{teaser}\n"
    )
    article = from_text(text)
    assert article.text == f"{LEAD}\n\n{FOLLOW}\n\n{CLOSE}"
    assert article.title == "Shelling hits Kharkiv school"
    assert article.captions == ()


def test_menu_lines_before_the_article_stay_out_of_body_and_title() -> None:
    menu = "\n".join(["Home", "World", "Europe", "Ukraine war", "Business", "Sport"] * 3)
    text = f"{menu}\n\nShelling hits Kharkiv school\n\n{LEAD}\n\n{FOLLOW}\n\n{CLOSE}"
    article = from_text(text)
    assert article.text == f"{LEAD}\n\n{FOLLOW}\n\n{CLOSE}"
    assert article.title == "Shelling hits Kharkiv school"


def test_known_title_line_is_removed_from_the_body() -> None:
    text = f"Shelling Hits Kharkiv School\n\n{LEAD}\n\n{FOLLOW}"
    article = from_text(text, title="Shelling hits Kharkiv school")
    assert article.title == "Shelling hits Kharkiv school"
    assert article.text == f"{LEAD}\n\n{FOLLOW}"


def test_hard_wrapped_paragraph_is_unwrapped() -> None:
    wrapped = (
        "Russian forces shelled the city of Kharkiv overnight, regional officials\n"
        "said on Tuesday, damaging a school and several apartment blocks near the\n"
        "centre of the city, where rescue teams were still searching the rubble.\n"
    )
    article = from_text(f"{wrapped}\n{FOLLOW}")
    assert article.text.split("\n\n")[0] == " ".join(wrapped.split("\n")).strip()


def test_repeated_long_paragraph_is_kept_once() -> None:
    article = from_text(f"{LEAD}\n\n{LEAD}\n\n{FOLLOW}")
    assert article.text == f"{LEAD}\n\n{FOLLOW}"


# ------------------------------------------------------------------ HTML pages


def test_html_figcaption_goes_to_captions_not_body() -> None:
    body = (
        f"<h1>Shelling hits Kharkiv school</h1><p>{LEAD}</p>"
        "<figure><img src='a.jpg'><figcaption>The damaged school in Kharkiv</figcaption></figure>"
        f"<p>{FOLLOW}</p><p>{CLOSE}</p>"
    )
    article = from_html(page(body), url="https://example.com/news/kharkiv")
    assert "The damaged school in Kharkiv" in article.captions
    assert "The damaged school in Kharkiv" not in article.text
    assert LEAD in article.text and CLOSE in article.text


def test_html_with_text_takes_only_metadata_from_the_page() -> None:
    head = (
        "<title>Shelling hits Kharkiv school | Example Daily</title>"
        "<meta property='og:site_name' content='Example Daily'>"
        "<meta property='article:published_time' content='2024-03-01T09:00:00+02:00'>"
        "<link rel='canonical' href='https://example.com/kharkiv-school'>"
    )
    html = page(f"<p>Something else entirely, as the page was rendered.</p><p>{CLOSE}</p>", head)
    text = f"Shelling hits Kharkiv school\n\n{LEAD}\n\n{FOLLOW}"
    article = clean(Document(raw=b"", text=text, html=html), "doc-1")
    assert article.text == f"{LEAD}\n\n{FOLLOW}"
    assert article.title == "Shelling hits Kharkiv school"
    assert article.outlet == "Example Daily"
    assert article.published == date(2024, 3, 1)
    assert article.url == "https://example.com/kharkiv-school"


# ------------------------------------------------------------------ metadata


@pytest.mark.parametrize(
    "url, outlet",
    [
        ("https://meduza.io/en/feature/2023/05/24/they-re-stationed", "Meduza"),
        ("https://www.reuters.com/world/europe/story", "Reuters"),
        ("https://www.bbc.co.uk/news/world-europe-1", "BBC"),
        ("https://www.bbc.com/russian/news-1", "BBC"),
        ("https://en.wikinews.org/wiki/Some_story", "Wikinews"),
        ("http://globalvoicesonline.org/2009/06/05/story/", "Global Voices"),
        ("https://globalvoices.org/2023/01/01/story/", "Global Voices"),
        ("https://7x7-journal.ru/articles/2023/05/24/story", "7x7"),
        ("https://news.example.com/2024/story", "example.com"),
        ("https://www.example.co.uk/story", "example.co.uk"),
    ],
)
def test_outlet_from_url_domain(url: str, outlet: str) -> None:
    assert from_text(f"{LEAD}\n\n{FOLLOW}", url=url).outlet == outlet


def test_outlet_prefers_document_then_source_line_then_url() -> None:
    text = f"Source: Kyiv Independent\n\n{LEAD}\n\n{FOLLOW}"
    url = "https://www.reuters.com/world/story"
    assert from_text(text, url=url).outlet == "Kyiv Independent"
    assert from_text(text, url=url, outlet="Given Outlet").outlet == "Given Outlet"
    assert "Source:" not in from_text(text).text


def test_source_line_inside_the_article_credits_a_chart_not_the_outlet() -> None:
    text = f"{LEAD}\n\nSource: Ministry of Defence\n\n{FOLLOW}"
    article = from_text(text, url="https://www.reuters.com/world/story")
    assert article.outlet == "Reuters"
    assert article.text == f"{LEAD}\n\n{FOLLOW}"


def test_outlet_from_page_site_name() -> None:
    head = "<meta property='og:site_name' content='Example Daily'>"
    body = f"<p>{LEAD}</p><p>{FOLLOW}</p><p>{CLOSE}</p>"
    article = from_html(page(body, head), url="https://news.example.com/story")
    assert article.outlet == "Example Daily"


@pytest.mark.parametrize(
    "published, expected",
    [
        ("2023-05-24", date(2023, 5, 24)),
        ("2023-05-24T23:30:00+03:00", date(2023, 5, 24)),
        ("2023-05-24T01:30:00-05:00", date(2023, 5, 24)),
        ("2023-05-24T21:30:00Z", date(2023, 5, 24)),
        ("2023-05-24 10:00:00", date(2023, 5, 24)),
        ("2023-05-24T10:00:00.123456+00:00", date(2023, 5, 24)),
        ("20230524", date(2023, 5, 24)),
    ],
)
def test_published_parses_iso_dates_and_date_times_as_written(
    published: str, expected: date
) -> None:
    article = from_text(f"{LEAD}\n\n{FOLLOW}", published=published)
    assert article.published == expected
    assert article.problems == ()


def test_unreadable_published_is_a_problem_and_no_date() -> None:
    article = from_text(f"{LEAD}\n\n{FOLLOW}", published="last Tuesday")
    assert article.published is None
    assert codes(article) == ["bad-date"]


def test_published_falls_back_to_page_date_and_never_to_today() -> None:
    head = "<meta property='article:published_time' content='2020-01-02T10:00:00Z'>"
    body = f"<p>{LEAD}</p><p>{FOLLOW}</p><p>{CLOSE}</p>"
    assert from_html(page(body, head)).published == date(2020, 1, 2)
    assert from_html(page(body)).published is None
    assert from_text(f"{LEAD}\n\n{FOLLOW}").published is None


def test_language_is_given_or_detected_from_the_body() -> None:
    assert from_text(f"{LEAD}\n\n{FOLLOW}").language == "en"
    assert from_text(f"{LEAD}\n\n{FOLLOW}", language="xx").language == "xx"


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    "document, code",
    [
        (Document(raw=b""), "empty"),
        (Document(raw=b"", text=""), "empty"),
        (Document(raw=b"", text="  \n\t\n  "), "empty"),
        (Document(raw=b"", html=""), "empty"),
        (Document(raw=b"", html="   \n"), "empty"),
        (Document(raw=b"\x00", text="\x00\x01\x02\x03\xff\xfe" * 500), "binary"),
        (Document(raw=b"", text="\ufffd\ufffd\x07" * 300 + "PK"), "binary"),
        (Document(raw=b"", text="*** | ••• | ---"), "no-body"),
    ],
)
def test_unusable_input_gives_empty_text_and_a_problem(document: Document, code: str) -> None:
    article = clean(document, "doc-1")
    assert article.text == ""
    assert codes(article) == [code]
    assert all(p.stage == "clean" for p in article.problems)


def test_deeply_nested_html_is_a_problem_not_an_exception() -> None:
    html = "<html><body>" + "<div>" * 100_000 + "deep text " * 20 + "</div>" * 100_000
    article = from_html(html + "</body></html>")
    assert article.text == ""
    assert codes(article) == ["html-error"]


def test_html_over_the_size_limit_is_refused() -> None:
    html = page("<p>" + "word " * (clean_module.MAX_HTML_CHARS // 5 + 10) + "</p>")
    article = from_html(html)
    assert article.text == ""
    assert codes(article) == ["too-large"]


def test_html_with_too_many_elements_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clean_module, "MAX_HTML_ELEMENTS", 1000)
    article = from_html(page("<p>word</p>" * 2000))
    assert codes(article) == ["too-large"]


def test_text_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clean_module, "MAX_TEXT_CHARS", 1000)
    assert codes(from_text(LEAD * 10)) == ["too-large"]


def test_largest_real_pages_pass_the_guards() -> None:
    body = "".join(f"<div class='c{i}'><p>{LEAD} {i}</p></div>" for i in range(8000))
    html = page(body)
    assert len(html) > 1_500_000
    article = from_html(html)
    assert "too-large" not in codes(article)
    assert LEAD in article.text


HTMLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<figure>",
                "<figcaption>",
                "</figcaption>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "<html>",
                "<body>",
                "<title>",
                "</title>",
                "<meta property='og:site_name' content='X'>",
                "<br/>",
                "&amp;",
                "&#0;",
                "<![CDATA[",
                "<?xml version='1.0' encoding='utf-8'?>",
                "\x00",
                "Source: Y",
                "\n\n",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=40,
).map("".join)
PAGES = st.tuples(st.booleans(), HTMLISH).map(lambda t: f"<html><body>{t[1]}" if t[0] else t[1])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=2000), title=st.none() | st.text(max_size=50))
def test_clean_never_raises_on_any_text(text: str, title: str | None) -> None:
    article = from_text(text, title=title, published=title, url=title)
    assert isinstance(article.text, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=PAGES, url=st.none() | st.text(max_size=30), text=st.none() | st.text(max_size=300))
def test_clean_never_raises_on_any_html(html: str, url: str | None, text: str | None) -> None:
    article = clean(Document(raw=b"", html=html, url=url, text=text), "doc-1")
    assert isinstance(article.text, str)
    assert all(p.stage == "clean" for p in article.problems)


# ------------------------------------------------------------------ benchmark pages


def _tokens(s: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", s.lower()))


def _f1(pred: str, gold: str) -> float:
    p, g = _tokens(pred), _tokens(gold)
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "data" / "scrapinghub-aeb").exists(), reason="needs ../shared")
def test_body_scores_at_least_trafilatura_alone_on_benchmark_pages() -> None:
    import trafilatura

    aeb = SHARED / "data" / "scrapinghub-aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text())
    ours = theirs = 0.0
    pages = sorted(truth.items())[:25]
    for pid, gold in pages:
        path = aeb / "html" / f"{pid}.html.gz"
        html = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
        ours += _f1(from_html(html, url=gold["url"]).text, gold["articleBody"])
        theirs += _f1(trafilatura.extract(html, url=gold["url"]) or "", gold["articleBody"])
    assert ours / len(pages) >= theirs / len(pages)
