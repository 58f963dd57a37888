"""The web app in a real browser: Debian's chromium, headless, driven by Playwright, against
uvicorn on 127.0.0.1. The map shows markers, a click reaches the event and its highlighted
evidence, filters and a timeline selection narrow the list, it works at desktop and phone
widths and by keyboard alone, and nothing that documents carry ever runs.

Screenshots go to test-artifacts/ (ignored by git). Needs ``apt-get install chromium`` and
the ``playwright`` package (the test extra); never ``playwright install``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from web_support import build_ledger

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("EVENTLEDGER_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
    pytest.skip(
        f"no chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium) "
        "or set EVENTLEDGER_CHROMIUM to a Chromium binary",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="install Playwright for Python: pip install playwright"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from eventledger.web import WebSettings, create_app

    db = build_ledger(tmp_path_factory.mktemp("browser") / "ledger.db")
    app = create_app(WebSettings(db=str(db), write_token="browser-token"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Watch:
    """What a page did that it should not: script errors, CSP violations, dialogs."""

    def __init__(self, page: Any) -> None:
        self.problems: list[str] = []
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on(
            "console",
            lambda m: m.type in ("error", "warning") and self.problems.append(f"console: {m.text}"),
        )


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    viewport = getattr(request, "param", DESKTOP)
    context = browser.new_context(viewport=viewport, service_workers="block")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.watch = Watch(tab)
    yield tab
    context.close()
    assert tab.watch.problems == []


def shot(page: Any, name: str, full: bool = False) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def open_index(page: Any, base: str, query: str = "") -> None:
    page.goto(f"{base}/{query}")
    page.wait_for_selector("body[data-ready='true']")
    page.wait_for_selector("#map[data-loaded]")
    page.wait_for_selector("#timeline[data-loaded]")


def list_changes(page: Any, action) -> None:
    """Run ``action`` and wait until the event list has been filled again."""
    before = page.eval_on_selector("#event-list", "el => el.dataset.loaded || ''")
    action()
    page.wait_for_function(
        "old => (document.getElementById('event-list').dataset.loaded || '') !== old", arg=before
    )


def listed(page: Any) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "#event-list li a", "els => els.map(a => a.getAttribute('href'))"
    )
    return sorted(h.removeprefix("/events/") for h in hrefs)


def not_pwned(page: Any) -> None:
    assert page.evaluate("() => window.__pwned === undefined"), page.evaluate(
        "() => window.__pwned"
    )


# ---------------------------------------------------------------- the map


def test_map_shows_markers_and_a_click_reaches_highlighted_evidence(page: Any, server: str):
    open_index(page, server)
    assert page.locator(".leaflet-marker-icon").count() >= 4
    assert page.locator("path.basemap").count() > 100  # Natural Earth countries, offline
    assert page.locator("path.area-country").count() == 1  # Sudan, known only as a country
    assert page.locator(".area-of-region").count() == 1  # the Kyiv tally, known only to its region
    shot(page, "index-desktop")
    marker = page.locator(".ev-marker.t-violence-against-civilians")
    assert marker.count() == 1
    marker.click()
    link = page.locator(".leaflet-popup a.open-event")
    link.wait_for()
    shot(page, "map-popup-desktop")
    link.click()
    page.wait_for_url("**/events/hostile:e1")
    evidence = page.locator("mark#ev-1")
    assert evidence.is_visible()
    assert evidence.inner_text().startswith("Gunmen <script>")
    background = evidence.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    not_pwned(page)
    shot(page, "event-desktop")


def test_a_cluster_splits_when_clicked(page: Any, server: str):
    open_index(page, server)
    cluster = page.locator(".cluster").filter(has_text="3")
    assert cluster.count() == 1  # Kyiv and Minsk share a cell at world zoom
    before = page.eval_on_selector("#map", "el => el.dataset.loaded")
    cluster.click()
    page.wait_for_function(
        "old => document.getElementById('map').dataset.loaded !== old", arg=before
    )
    page.wait_for_timeout(400)  # the zoom animation
    page.wait_for_function(
        "() => [...document.querySelectorAll('.cluster-count')].every(c => c.textContent !== '3')"
    )
    assert page.locator(".ev-marker.t-explosions-remote-violence").count() == 1  # Kyiv, alone now
    same_spot = page.locator(".cluster").filter(has_text="2")  # two reports from Minsk
    same_spot.click()
    links = page.locator(".leaflet-popup .popup-list a")
    links.first.wait_for()
    assert sorted(links.evaluate_all("els => els.map(a => a.getAttribute('href'))")) == [
        "/events/hostile-page:e1",
        "/events/minsk:e1",
    ]
    shot(page, "cluster-same-spot-desktop")


# ---------------------------------------------------------------- filters and timeline


def test_a_filter_and_a_timeline_selection_narrow_the_list(page: Any, server: str):
    open_index(page, server)
    assert len(listed(page)) == 6
    list_changes(page, lambda: page.select_option("select[name=type]", "Protests"))
    assert listed(page) == ["hostile-page:e1", "minsk:e1"]
    assert "type=Protests" in page.url
    assert "type=Protests" in page.get_attribute("#dl-csv", "href")
    page.wait_for_function(
        "() => document.getElementById('count').textContent.startsWith('2 events')"
    )
    list_changes(page, lambda: page.select_option("select[name=type]", ""))
    assert len(listed(page)) == 6

    # Drag across the timeline's 2024 periods.
    periods = page.evaluate("() => fetch('/api/timeline?bucket=auto').then(r => r.json())")[
        "periods"
    ]
    first = next(i for i, p in enumerate(periods) if p["start"] >= "2024-01-01")
    box = page.locator("#timeline").bounding_box()
    step = (box["width"] - 68) / len(periods)
    x0 = box["x"] + 34 + (first + 0.5) * step
    x1 = box["x"] + 34 + (len(periods) - 0.5) * step
    y = box["y"] + box["height"] / 2

    def drag() -> None:
        page.mouse.move(x0, y)
        page.mouse.down()
        page.mouse.move((x0 + x1) / 2, y, steps=4)
        page.mouse.move(x1, y, steps=4)
        page.mouse.up()

    list_changes(page, drag)
    assert listed(page) == ["hostile:e1", "kyiv:e1", "kyiv:t1"]
    assert page.input_value("input[name=date_from]") == periods[first]["start"]
    assert page.input_value("input[name=date_to]") == periods[-1]["end"]
    assert "Selected:" in page.inner_text("#timeline-range")
    page.wait_for_function(
        "() => document.getElementById('count').textContent.startsWith('3 events')"
    )
    shot(page, "timeline-selection-desktop")
    list_changes(page, lambda: page.click("#timeline-clear"))
    assert len(listed(page)) == 6 and page.input_value("input[name=date_from]") == ""

    months = page.locator("#timeline g.period").count()
    before = page.eval_on_selector("#timeline", "el => el.dataset.loaded")
    page.select_option("#timeline-bucket", "week")
    page.wait_for_function(
        "old => document.getElementById('timeline').dataset.loaded !== old", arg=before
    )
    assert page.locator("#timeline g.period").count() > 4 * months  # weeks, not months


def test_full_text_search_from_the_address_bar(page: Any, server: str):
    open_index(page, server, "?q=viasna")
    assert listed(page) == ["hostile-page:e1", "minsk:e1"]
    assert page.input_value("input[name=q]") == "viasna"


# ---------------------------------------------------------------- keyboard


def tab_to(page: Any, test: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return {test}; }}"):
            return
    raise AssertionError(f"Tab never reached {test}")


def test_keyboard_alone_searches_selects_dates_and_opens_an_event(page: Any, server: str):
    open_index(page, server)
    tab_to(page, "el.name === 'q'")
    page.keyboard.type("drone")
    list_changes(page, lambda: page.keyboard.press("Enter"))
    assert listed(page) == ["kyiv:e1", "kyiv:t1"]

    tab_to(page, "el.id === 'timeline'")
    page.keyboard.press("End")
    page.keyboard.press("Shift+ArrowLeft")
    list_changes(page, lambda: page.keyboard.press("Enter"))
    assert page.input_value("input[name=date_from]") != ""
    assert "Selected:" in page.inner_text("#timeline-range")
    list_changes(page, lambda: page.keyboard.press("Escape"))
    assert page.input_value("input[name=date_from]") == ""

    tab_to(page, "el.closest && el.closest('#event-list') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/**")
    tab_to(page, "el.getAttribute && el.getAttribute('href') === '#ev-1'")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#ev-1'")
    assert page.evaluate("() => document.querySelector('mark#ev-1').matches(':target')")


def test_keyboard_reaches_a_map_marker_and_its_event(page: Any, server: str):
    open_index(page, server)
    tab_to(
        page,
        "el.classList && el.matches('.ev-marker.t-violence-against-civilians')",
        limit=120,
    )
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('open-event')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/hostile:e1")


# ---------------------------------------------------------------- phone width


def no_sideways_scroll(page: Any, width: int) -> None:
    scroll = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll}px wide at a {width}px screen"


@pytest.mark.parametrize("page", [PHONE], indirect=True)
def test_phone_width_map_filters_and_event_page(page: Any, server: str):
    open_index(page, server)
    no_sideways_scroll(page, PHONE["width"])
    assert page.locator(".leaflet-marker-icon").count() >= 4
    assert page.locator("#map").is_visible()
    assert not page.locator("select[name=country]").is_visible()  # filters folded away
    shot(page, "index-phone")
    page.click(".filters-box summary")
    list_changes(page, lambda: page.select_option("select[name=country]", "UA"))
    assert listed(page) == ["kyiv:e1", "kyiv:t1"]
    shot(page, "index-phone-filtered", full=True)
    page.click("#event-list li a >> nth=0")
    page.wait_for_url("**/events/**")
    no_sideways_scroll(page, PHONE["width"])
    assert page.locator("mark#ev-1").is_visible() or page.locator("mark#ev-1").count() == 1
    shot(page, "event-phone", full=True)


# ---------------------------------------------------------------- hostile documents


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
        "/events/hostile:e1",
        "/documents/hostile",
        "/documents/hostile-page",
        "/events/hostile-page:e1",
    ],
)
def test_injected_markup_in_documents_never_runs(page: Any, server: str, path: str):
    page.goto(server + path)
    page.wait_for_selector("body[data-ready='true']")
    page.wait_for_timeout(300)
    not_pwned(page)
    assert page.locator("img[src='x'], svg[onload], script:not([src])").count() == 0
    text = page.inner_text("main")
    if "hostile" in path:
        assert "window.__pwned" in text  # shown as words, not run
    name = path.strip("/").replace("/", "-").replace(":", "-").split("?")[0] or "index"
    shot(page, f"hostile-{name}", full=True)


def test_archived_raw_input_is_shown_as_text(page: Any, server: str):
    page.goto(server + "/documents/hostile")
    href = page.get_attribute("#raw-link", "href")
    page.goto(server + href)
    page.wait_for_timeout(300)
    not_pwned(page)
    assert "<script>window.__pwned" in page.inner_text("body")


def test_typed_markup_in_filters_never_runs(page: Any, server: str):
    open_index(page, server)
    page.fill("input[name=actor]", "<img src=x onerror=\"window.__pwned='typed'\">")
    list_changes(page, lambda: page.press("input[name=actor]", "Enter"))
    assert listed(page) == []
    assert page.locator("#no-events-live").is_visible()
    not_pwned(page)
