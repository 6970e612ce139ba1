"""Display text from one module, columns from one declaration, for every front end."""

from __future__ import annotations

import inspect
import re
from datetime import timedelta
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline as tl
from timeline import display, results
from timeline.analysis import summary as summary_module
from timeline.cli.commands import lags as cli_lags
from timeline.export import brief as brief_module

H = timedelta(hours=1)
APP = Path(__file__).resolve().parents[2] / "timeline_app"


def test_one_duration_formatter_rounds_at_the_smaller_unit() -> None:
    # the old chart labels said "23 h 59 min" where the tables said "1 d" for one lag
    almost_a_day = timedelta(hours=23, minutes=59, seconds=59)
    assert display.duration(almost_a_day) == "1 d"
    label = pl.select(display.duration_text(pl.lit(almost_a_day))).item()
    assert label == "1 d"
    assert display.duration(5 * H + timedelta(minutes=40)) == "5 h 40 min"
    assert display.duration(2 * 86400 + 3 * 3600) == "2 d 3 h"
    assert display.duration(3599.6) == "1 h" and display.duration(45) == "45 s"
    assert display.duration(-4 * 3600) == "-4 h"
    assert display.duration(None) == display.duration(float("nan")) == ""


def test_intervals_say_not_reached_instead_of_dropping_the_bound() -> None:
    assert display.interval(5 * H, 4 * H, 7 * H) == "5 h [4 h, 7 h]"
    assert display.interval(5 * H, 4 * H, None, missing="not reached") == ("5 h [4 h, not reached]")
    assert display.interval(None, None, None, missing="not reached") == "not reached"
    assert display.interval(5 * H, None, None) == "5 h"  # no interval computed
    assert display.rate(0.8, 0.376, 0.964) == "80% [38%, 96%]"


def test_summary_km_median_not_reached_shows_as_such() -> None:
    # one of four triggers followed: fewer than half were ever followed
    pairs = pl.DataFrame(
        {
            "lag": [H, None, None, None],
            "lag_min": [H, None, None, None],
            "lag_max": [H, None, None, None],
            "censored": [False, True, True, True],
            "followup": [48 * H] * 4,
            "order_ambiguous": [False] * 4,
        },
        schema_overrides={c: pl.Duration("us") for c in ("lag", "lag_min", "lag_max")},
    )
    summary = tl.lag_summary(pairs, n_boot=50, output="polars")
    assert summary.get_column("km_median")[0] is None
    assert summary.get_column("km_median_max")[0] is None  # infinite: not reached
    shown = display.summary_table(summary)
    # at least the whole window (2 d), and beyond it nothing is seen
    text = shown.get_column("median time to response [95% CI]")[0]
    assert text.startswith("2 d to not reached [") and text.endswith("not reached] (kaplan-meier)")
    assert shown.get_column("median lag [95% CI]")[0].startswith("1 h")


def test_summary_is_the_declared_table_with_one_duration_type() -> None:
    pairs = tl.lags(tl.datasets.load(), "attack", "claim", "2d", output="polars")
    summary = tl.lag_summary(pairs, by="actor", n_boot=50, output="polars")
    assert summary.columns == ["actor", *results.SUMMARY.names]
    assert summary.schema["median"] == pl.Duration("us")
    assert not [c for c in summary.columns if c.endswith(("_s", "_h", "_text"))]
    doc = tl.schema.describe("summary")
    assert "| km_median | Duration(time_unit='us') | duration |" in doc
    assert "not reached" in doc


def test_front_ends_take_summary_columns_from_the_declaration() -> None:
    pairs = tl.lags(tl.datasets.load(), output="polars")
    summary = tl.lag_summary(pairs, by="actor", n_boot=50, output="polars")
    labels = [s.label for s in results.SUMMARY.display]
    short = [s.label for s in results.SUMMARY.columns(short=True)]
    assert display.summary_table(summary, "actor", short=True).columns == ["actor", *short]
    assert labels[:2] == ["median lag [95% CI]", "hit rate [95% CI]"]
    assert display.summary_table(summary, "actor").columns == ["actor", *labels]
    # the dashboard shows display.summary_table; the CLI and the brief its short form
    page = next(p for p in APP.rglob("*lags.py") if "pages" in str(p) or p.name == "page_lags.py")
    page = page.read_text(encoding="utf-8")
    assert re.search(r"from timeline\.display import [\w, ]*\bsummary_table\b", page)
    for code in (page, inspect.getsource(cli_lags), inspect.getsource(brief_module)):
        assert "summary_table(" in code
        assert not re.findall(r"[\"'](\w+_(?:text|s|h))[\"']", code)  # no unit-suffixed copies
    for module in (cli_lags, brief_module):
        assert "short=True" in inspect.getsource(module)
    # the analysis computes numbers, never display text, and not with survival's privates
    code = inspect.getsource(summary_module)
    imports = [line for line in code.splitlines() if line.startswith(("import ", "from "))]
    assert not [line for line in imports if "import _" in line or "display" in line]


@pytest.mark.parametrize("name", sorted(results.TABLES))
def test_every_result_table_is_documented(name: str) -> None:
    table = results.TABLES[name]
    assert all(f.doc and f.unit in results.UNITS for f in table.fields)
    assert table.empty().columns == list(table.names)
    assert tl.schema.describe(name).count("\n| ") == len(table.fields) + 1


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
        st.integers(min_value=-(10**6), max_value=10**6).map(
            lambda n: n * 30.0
        ),  # ties at .5 min/h
    )
)
def test_one_value_reads_as_the_vectorised_formatter(seconds: float) -> None:
    # cells format one value at a time; they must agree with the column formatter exactly
    column = pl.select(display.seconds_text(pl.lit(seconds, pl.Float64))).item()
    assert display.duration(seconds) == column
