"""Every page in a real browser on big stores (thousands of events, hundreds of actors), in
day-level and exact times, checked as a person would: no error box, a readable number of
lanes, the year on the time axis, a legend that lists what is drawn.

The charts are checked as the browser got them: the test reads Streamlit's own messages
off the page's websocket (the Vega-Lite spec and its Arrow data), renders each with
vl-convert to SVG, and reads the axes and legends Vega drew (their labels). So the checks
hold for any chart that draws lanes on a y axis and time on an x axis.

Screenshots of every page go to artifacts/ (git-ignored). TIMELINE_SCREENSHOTS=1 (or
`python benchmarks/screenshots.py`) also writes them, with the bundled case's, to
docs/screenshots/; a plain test run never rewrites a tracked file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pytest

import timeline as tl
from timeline_app.nav import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::ResourceWarning")]
CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
DOCS = ROOT / "docs" / "screenshots"
REFRESH_DOCS = os.environ.get("TIMELINE_SCREENSHOTS") == "1"
MAX_LANES = 25  # more lanes than this is a strip nobody reads
# name: (actors, days, events per actor per kind per day, share of day-level times, start)
STORES = {
    "day": (250, 730, 0.0045, 1.0, "2014-01-01"),  # ~2,800 events over two years, GTD-like
    "exact": (200, 240, 0.017, 0.0, "2015-03-01"),  # ~2,800 minute-level events in one year
}


def build_store(path: Path, name: str) -> int:
    """A synthetic store: hundreds of actors, thousands of events (seeded)."""
    from datetime import UTC, datetime

    groups, days, rate, vague, start = STORES[name]
    synth = tl.synth.generate(n_groups=groups, days=days, warning_rate=rate, background_rate=rate,
                              vague_share=vague, seed=7,
                              start=datetime.fromisoformat(start).replace(tzinfo=UTC))  # fmt: skip
    events = synth.events.with_columns(actor_raw=pl.col("actor"))
    path.unlink(missing_ok=True)
    with tl.EventStore(path) as store:
        store.ingest(events, format="table", name=f"synth-{name}")
        return len(store)


# -- what Vega drew ----------------------------------------------------------------------


@dataclass
class Drawn:
    """The readable parts of one rendered chart."""

    y_labels: list[str] = field(default_factory=list)
    x_labels: list[str] = field(default_factory=list)  # labels and titles of x axes
    legend_labels: list[str] = field(default_factory=list)  # of symbol (category) legends
    categories: set[str] = field(default_factory=set)  # values of legend-bearing fields


def _texts(node: ET.Element, role: str) -> list[str]:
    return [
        "".join(t.itertext())
        for g in node.iter()
        if role in (g.get("class") or "").split()
        for t in g.iter()
        if t.tag.endswith("text")
    ]


def read_svg(svg: str) -> Drawn:
    """Axis and legend labels of a Vega SVG, found by the roles and ARIA labels Vega sets."""
    drawn = Drawn()
    for g in ET.fromstring(svg).iter():
        label = g.get("aria-label") or ""
        if "role-axis" in (g.get("class") or "").split():
            if label.startswith("Y-axis"):
                drawn.y_labels += _texts(g, "role-axis-label")
            elif label.startswith("X-axis"):
                drawn.x_labels += _texts(g, "role-axis-label") + _texts(g, "role-axis-title")
        elif "role-legend" in (g.get("class") or "").split() and label.startswith("Symbol"):
            drawn.legend_labels += _texts(g, "role-legend-label")
    return drawn


def _legend_fields(spec: object) -> set[str]:
    """Fields encoded by colour/shape as categories with a legend, anywhere in the spec."""
    found: set[str] = set()
    if isinstance(spec, dict):
        for channel in ("color", "fill", "stroke", "shape", "strokeDash"):
            enc = (spec.get("encoding") or {}).get(channel)
            if (
                isinstance(enc, dict)
                and enc.get("field")
                and enc.get("legend", {}) is not None
                and enc.get("type") in ("nominal", "ordinal")
            ):
                found.add(enc["field"])
        for value in spec.values():
            found |= _legend_fields(value)
    elif isinstance(spec, list):
        for value in spec:
            found |= _legend_fields(value)
    return found


def render(element) -> tuple[Drawn, dict]:
    """A VegaLiteChart proto as the browser draws it: its data put back, rendered to SVG."""
    import pyarrow as pa
    import vl_convert as vlc

    spec = json.loads(element.spec)

    def rows(arrow_bytes: bytes) -> list[dict]:
        frame = pl.from_arrow(pa.ipc.open_stream(arrow_bytes).read_all())
        frame = frame.with_columns(pl.col(c).cast(pl.Utf8) for c, t in frame.schema.items()
                                   if t.is_temporal())  # fmt: skip
        return frame.to_dicts()

    datasets = {d.name: rows(d.data.data) for d in element.datasets}
    if element.data.data:
        spec["data"] = {"values": rows(element.data.data)}
    if datasets:
        spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    drawn = read_svg(vlc.vegalite_to_svg(spec))
    fields = _legend_fields(spec)
    values = [*datasets.values(), spec.get("data", {}).get("values", [])]
    for table in values:
        for row in table:
            drawn.categories |= {str(row[f]) for f in fields if row.get(f) is not None}
    return drawn, spec


# -- driving the browser -----------------------------------------------------------------


class Messages:
    """Streamlit's ForwardMsgs off the websocket: the charts each page sent."""

    def __init__(self, page) -> None:
        self.charts: list = []
        self._by_hash: dict[str, object] = {}
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, str):
            return
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        if msg.WhichOneof("type") == "ref_hash":  # the browser has it cached: same message
            msg = self._by_hash.get(msg.ref_hash, msg)
        elif msg.hash:
            self._by_hash[msg.hash] = msg
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "vega_lite_chart":
                self.charts.append(element.vega_lite_chart)


def _settle(page) -> None:
    """Wait until Streamlit has finished the script and every chart has drawn."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')"
        ' && !document.querySelector(\'[data-testid="stSkeleton"], [data-testid="stSpinner"]'
        ', [data-stale="true"]\')',
        timeout=120_000,
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
        ".filter(c => c.offsetParent !== null)"  # a chart in a tab not shown is not drawn
        ".every(c => c.querySelector('canvas, svg'))",
        timeout=60_000,
    )
    page.wait_for_timeout(500)


@dataclass
class Visit:
    """What one page showed: its error boxes and the charts it sent."""

    errors: int
    body_error: bool
    charts: list


def visit_pages(page, messages: Messages, shots: str, since: int) -> dict[str, Visit]:
    """Click through every page in the sidebar (the session keeps the data in use); the
    default page is showing already, with the charts sent `since` that index."""
    seen = {}
    for spec in PAGES:
        start = since if spec.default else len(messages.charts)
        if not spec.default:
            page.get_by_role("link", name=spec.title).click()
        page.get_by_role("heading", name=spec.title, exact=True, level=1).wait_for()
        _settle(page)
        page.screenshot(path=str(ARTIFACTS / f"{shots}-{spec.url_path}.png"), full_page=True)
        seen[spec.url_path] = Visit(
            errors=page.locator('[data-testid="stException"]').count(),
            body_error="This app has encountered an error" in page.inner_text("body"),
            charts=messages.charts[start:],
        )
    return seen


def open_store(page, path: Path, messages: Messages) -> int:
    """Pick the store file in the sidebar; the index of the first chart drawn from it."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Store file", exact=True).click()
    box = sidebar.get_by_role("textbox", name="Store file (.duckdb)")
    box.wait_for()
    _settle(page)
    since = len(messages.charts)
    box.fill(str(path))
    box.press("Enter")
    page.get_by_text(re.compile(r"event\(s\) in the store")).first.wait_for()
    _settle(page)
    return since


@pytest.fixture(scope="module")
def server(serving):
    with serving.app("streamlit-server-big.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        args = ["--no-sandbox", "--headless", "--disable-gpu"]
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=args)
        yield chromium
        chromium.close()


def _session(browser, server: str, store: Path | None, shots: str) -> dict[str, Visit]:
    context = browser.new_context(viewport={"width": 1440, "height": 1100})
    context.set_default_timeout(60_000)
    page = context.new_page()
    messages = Messages(page)
    try:
        page.goto(server, wait_until="domcontentloaded")
        _settle(page)
        since = 0 if store is None else open_store(page, store, messages)
        return visit_pages(page, messages, shots, since)
    finally:
        context.close()


@pytest.fixture(scope="module")
def seen(browser, server, tmp_path_factory) -> dict[str, dict[str, Visit]]:
    """Each big store (and, when refreshing docs, the bundled case) through every page."""
    folder = tmp_path_factory.mktemp("big-stores")
    out = {}
    for name in STORES:
        path = folder / f"{name}.duckdb"
        assert build_store(path, name) > 2000
        out[name] = _session(browser, server, path, f"big-{name}")
    if REFRESH_DOCS:
        _session(browser, server, None, "bundled")
        DOCS.mkdir(parents=True, exist_ok=True)
        for shot in ARTIFACTS.glob("big-*.png"):
            shutil.copyfile(shot, DOCS / shot.name)
        for shot in ARTIFACTS.glob("bundled-*.png"):
            shutil.copyfile(shot, DOCS / shot.name)
    return out


def _timeline(seen, store: str) -> Drawn:
    """The timeline as last drawn (a rerun may have sent the previous data's chart first)."""
    charts = seen[store]["timeline"].charts
    assert charts, "the Timeline page sent no chart"
    drawn = render(charts[-1])[0]
    assert any("group-" in t for t in drawn.y_labels + drawn.legend_labels) or not any(
        "cairo" in t.lower() for t in drawn.y_labels
    ), "the chart drawn is the bundled case's, not the store's"
    return drawn


@pytest.mark.parametrize("store", list(STORES))
def test_every_page_shows_without_an_error_box(seen, store):
    for name, visit in seen[store].items():
        assert visit.errors == 0, f"{name}: an exception box on the {store}-level store"
        assert not visit.body_error, f"{name}: 'This app has encountered an error'"
    assert seen[store]["timeline"].charts, "the Timeline page drew no chart"


@pytest.mark.parametrize("store", list(STORES))
def test_the_timeline_has_a_readable_number_of_lanes(seen, store):
    drawn = _timeline(seen, store)
    lanes = len(set(drawn.y_labels))
    assert 1 <= lanes <= MAX_LANES, f"{lanes} lanes on the y axis"


@pytest.mark.parametrize("store", list(STORES))
def test_the_time_axis_shows_the_year(seen, store):
    first = STORES[store][4][:4]
    labels = _timeline(seen, store).x_labels
    assert any(re.search(rf"\b{first}\b", t) for t in labels), f"no {first} in {labels}"


@pytest.mark.parametrize("store", list(STORES))
def test_the_legend_lists_exactly_the_categories_drawn(seen, store):
    for page in ("timeline", "lags", "sequences"):
        for element in seen[store][page].charts:
            drawn, spec = render(element)
            if not drawn.legend_labels and not drawn.categories:
                continue
            assert set(drawn.legend_labels) == drawn.categories, (
                f"{page}: legend {sorted(drawn.legend_labels)} but marks of "
                f"{sorted(drawn.categories)} ({spec.get('title')})"
            )
