"""A real browser: `streamlit run app.py` headless, driven by Playwright with the system
Chromium. Screenshots of every page go to artifacts/ (git-ignored); the Timeline one
replaces docs/screenshot-timeline.png only when asked: TIMELINE_SCREENSHOTS=1 pytest ..."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from timeline_app.nav import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::ResourceWarning")]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"  # git-ignored: page screenshots for the CI log
SCREENSHOT = ROOT / "docs" / "screenshot-timeline.png"
REFRESH_DOCS = os.environ.get("TIMELINE_SCREENSHOTS") == "1"  # rewrite the tracked one


@pytest.fixture(scope="module")
def server(serving):
    with serving.app("streamlit-server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser_page():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1100})
        context.set_default_timeout(60_000)
        yield context.new_page()
        context.close()
        browser.close()


@pytest.fixture
def page(browser_page, request):
    """The shared page; on failure its screenshot is kept in artifacts/ for the CI log."""
    yield browser_page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        browser_page.screenshot(path=str(ARTIFACTS / f"failed-{request.node.name}.png"))


def _settle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')"
        " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=60_000,
    )
    page.wait_for_function(  # every Vega chart has drawn (a canvas or an svg)
        "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
        ".every(c => c.querySelector('canvas, svg'))",
        timeout=60_000,
    )
    page.wait_for_timeout(1000)


def _shoot(page, name: str) -> Path:
    path = ARTIFACTS / f"page-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _click_an_event(page) -> bool:
    """Click the markers the chart drew (found in Vega's SVG) until one shows its detail."""
    marks = page.locator('[data-testid="stVegaLiteChart"] svg path[aria-roledescription="point"]')
    plot = page.locator(".vega-embed").first.bounding_box()
    for i in range(marks.count()):
        box = marks.nth(i).bounding_box()
        if not box or not plot["x"] < box["x"] < plot["x"] + plot["width"] - 160:
            continue  # outside the first view (clipped) or under the legend
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(100)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.get_by_text("Selected event").wait_for(timeout=10_000)
        except Exception:  # not this one: try the next marker
            continue
        _settle(page)
        return True
    return False


_FACTS = """() => {
  const svg = document.querySelector('[data-testid="stVegaLiteChart"] svg');
  const axis = (name) => [...svg.querySelectorAll('g.role-axis')]
    .find(a => (a.getAttribute('aria-label') || '').startsWith(name));
  const texts = (g, cls) => g ? [...g.querySelectorAll(cls + ' text')].map(t => t.textContent) : [];
  const marks = [...svg.querySelectorAll('path[aria-roledescription="point"]')]
    .map(p => p.getAttribute('aria-label') || '');
  const field = (label, name) => (label.match(new RegExp('(?:^|; )' + name + ': ([^;]*)'))
    || [null, null])[1];
  const legends = [...svg.querySelectorAll('g.role-legend')];
  const kindLegend = legends.find(l => texts(l, '.role-legend-title').includes('kind'));
  const day = marks.filter(m => field(m, 'kind') === 'attack'
    && m.includes('interval (local): Fri 2014-01-24 00:00 → Sat 2014-01-25 00:00'));
  return {
    lanes: texts(axis('Y-axis'), '.role-axis-label').filter(t => t !== ''),
    x_labels: texts(axis('X-axis'), '.role-axis-label'),
    x_title: texts(axis('X-axis'), '.role-axis-title'),
    points: marks.length,
    ids: new Set(marks.map(m => field(m, 'event_id'))).size,
    mark_kinds: [...new Set(marks.map(m => field(m, 'kind')))],
    legend_kinds: texts(kindLegend, '.role-legend-label').sort(),
    same_day_attacks: day.map(m => field(m, 'slot')),
    bins: [...svg.querySelectorAll('path[role="graphics-symbol"]')]
      .filter(p => (p.getAttribute('aria-label') || '').includes('count: ')).length,
  };
}"""


def _chart_facts(page) -> dict:
    """What a reader checks on the drawn timeline, read from Vega's SVG (lanes, marks,
    legend, axis), not from the spec."""
    return page.evaluate(_FACTS)


def test_pages_in_a_real_browser(server, page):
    page.goto(server, wait_until="domcontentloaded")
    _settle(page)
    chart = page.locator('[data-testid="stVegaLiteChart"], .vega-embed').first
    chart.wait_for(state="visible", timeout=60_000)
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for(timeout=30_000)
    shot = _shoot(page, "timeline")
    if REFRESH_DOCS:
        shutil.copyfile(shot, SCREENSHOT)
    assert page.locator('[data-testid="stException"]').count() == 0
    facts = _chart_facts(page)
    assert facts["lanes"] == ["Ansar Bayt al-Maqdis", "Egyptian security forces"]
    assert facts["ids"] == 11 and facts["points"] == 11  # every event drawn, once
    assert len(facts["same_day_attacks"]) == 3  # Friday's three attacks: three sub-rows
    assert len(set(facts["same_day_attacks"])) == 3
    assert facts["legend_kinds"] == sorted(facts["mark_kinds"])  # legend = what is drawn
    assert any("2014" in t for t in facts["x_labels"] + facts["x_title"])  # the year shows
    assert facts["x_title"] == ["time (Africa/Cairo, local)"]  # the clock the sidebar chose
    assert _click_an_event(page), "clicking the timeline's events never showed a detail"
    _shoot(page, "timeline-detail")

    page.get_by_role("link", name="Lags").click()
    page.wait_for_url("**/lags", timeout=30_000)
    page.get_by_role("heading", name="Lags", exact=True, level=1).wait_for(timeout=30_000)
    _settle(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(state="visible", timeout=60_000)
    _shoot(page, "lags")
    assert page.locator('[data-testid="stException"]').count() == 0

    for spec in PAGES:
        if spec.url_path in ("timeline", "lags"):
            continue
        page.get_by_role("link", name=spec.title).click()
        page.get_by_role("heading", name=spec.title, exact=True, level=1).wait_for(timeout=30_000)
        _settle(page)
        _shoot(page, spec.url_path)
        assert page.locator('[data-testid="stException"]').count() == 0, spec.title


def test_a_store_with_hundreds_of_actors_reads_as_a_few_lanes(server, page, tmp_path):
    """Day-level events of 300 actors over two years: the busiest lanes and 'other actors',
    counts per bin, the years on the axis, no exception."""
    import timeline as tl

    events = tl.synth.generate(n_groups=300, days=730, warning_rate=0.01, background_rate=0.01,
                               vague_share=0.8, seed=7).events  # fmt: skip
    path = tmp_path / "big.duckdb"
    with tl.EventStore(path) as store:
        store.ingest(events, format="table", name="synth")
    page.goto(server, wait_until="domcontentloaded")
    _settle(page)
    page.get_by_text("Store file", exact=True).click()
    box = page.get_by_role("textbox", name="Store file (.duckdb)")
    box.fill(str(path))
    box.press("Enter")
    page.get_by_text(f"{events.height:,} event(s) in the store").wait_for(timeout=60_000)
    _settle(page)
    _shoot(page, "timeline-big")
    assert page.locator('[data-testid="stException"]').count() == 0
    facts = _chart_facts(page)
    assert 2 <= len(facts["lanes"]) <= 12 and facts["lanes"][-1] == "other actors"
    assert facts["bins"] > 0 and facts["points"] == 0  # the overview: counts per lane and bin
    assert any("2015" in t for t in facts["x_labels"])  # the span crosses years: labelled


def test_uploading_a_bad_file_shows_the_rejected_lines(server, page, tmp_path):
    bad = tmp_path / "bad-events.csv"
    bad.write_text(
        "kind,start,actor,source,tz\n"
        "warning,2014-01-23,ABM,test,Africa/Cairo\n"
        "attak,2014-01-24,ABM,test,Africa/Cairo\n",
        encoding="utf-8",
    )
    page.goto(f"{server}/data", wait_until="domcontentloaded")
    _settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_role("button", name="Load the uploaded file(s)").click()
    page.get_by_text("row(s) rejected").wait_for(timeout=60_000)
    _settle(page)
    _shoot(page, "data-upload")
    assert page.get_by_text("format detected").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0


def test_article_review_shows_candidates_with_evidence(server, page):
    import timeline as tl

    article = tl.datasets.articles().iloc[0]
    page.goto(f"{server}/data", wait_until="domcontentloaded")
    _settle(page)
    page.get_by_role("tab", name="Add an article").click()
    page.get_by_label("Article text").fill(article["text"])
    page.get_by_label("Article text").press("Control+Enter")
    _settle(page)
    page.get_by_role("button", name="Extract candidate events").click()
    page.get_by_text("Untick accept to drop a candidate", exact=False).wait_for()
    _settle(page)
    _shoot(page, "data-article-review")
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
