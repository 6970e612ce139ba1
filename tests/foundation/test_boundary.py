"""One pandas boundary: only timeline/frames.py and timeline/api.py convert to or from pandas.

The scan reads the package source: an `import pandas` outside an `if TYPE_CHECKING:` block,
or a `.to_pandas(...)`/`.from_pandas(...)` method call, anywhere else is a second boundary.
Calling the boundary itself (`frames.to_pandas`, `api.frame`) is how the rest get pandas.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

import timeline as tl
from timeline.errors import TimelineError

PACKAGE = Path(tl.__file__).resolve().parent
BOUNDARY = {"frames.py", "api.py"}


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def conversions(source: str) -> list[str]:
    """Each pandas import or conversion call in `source`, as 'line: code'."""
    tree = ast.parse(source)
    typing_only = _type_checking_lines(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and node.lineno not in typing_only:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            if any(n and n.split(".")[0] == "pandas" for n in names):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("to_pandas", "from_pandas")
        ):
            found.append(f"{node.lineno}: {ast.unparse(node.func)}")
    return found


def test_the_scan_sees_imports_and_conversions() -> None:
    code = "import pandas as pd\nx = frame.to_pandas()\ny = pl.from_pandas(x)\n"
    assert [c.split(":")[0] for c in conversions(code)] == ["1", "2", "3"]
    typed = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pandas as pd\n"
    assert conversions(typed) == []
    assert conversions("from timeline.frames import to_pandas\nout = to_pandas(f)\n") == []


def test_only_the_boundary_converts_to_or_from_pandas() -> None:
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in BOUNDARY:
            continue
        found = conversions(path.read_text(encoding="utf-8"))
        if found:
            offenders[rel] = found
    assert offenders == {}


@pytest.mark.parametrize("kind", ["pandas", "polars", "lazy"])
def test_one_boundary_takes_pandas_polars_and_lazy_frames(kind: str) -> None:
    from timeline.frames import to_polars

    events = tl.datasets.load(output="polars")
    given = {"pandas": events.to_pandas(), "polars": events, "lazy": events.lazy()}[kind]
    out = to_polars(given, need=("event_id", "kind", "t_start"))
    assert out.schema["kind"] == tl.schema.DTYPES["kind"]
    assert out.schema["t_start"] == pl.Datetime("us", "UTC")
    assert out.get_column("event_id").to_list() == events.get_column("event_id").to_list()


def test_boundary_rules_fill_t_end_refuse_naive_and_name_missing_columns() -> None:
    from timeline.frames import to_polars

    start = pd.Timestamp("2014-01-24 06:30", tz="Africa/Cairo")
    exact = to_polars(pd.DataFrame({"event_id": ["a"], "kind": ["attack"], "t_start": [start]}))
    assert exact.get_column("t_end").to_list() == exact.get_column("t_start").to_list()
    assert exact.get_column("t_start")[0].hour == 4  # Cairo 06:30 is 04:30 UTC
    with pytest.raises(TimelineError, match="naive"):
        to_polars(pd.DataFrame({"t_start": [pd.Timestamp("2014-01-24")]}))
    with pytest.raises(TimelineError, match=r"pairs lack column\(s\) \['lag'\]"):
        to_polars(pl.DataFrame({"x": [1]}), need=("lag",), what="pairs")


def test_output_polars_returns_the_frame_as_computed() -> None:
    events = tl.datasets.load()
    pairs = tl.lags(events, "attack", "claim", "2d", output="polars")
    assert isinstance(pairs, pl.DataFrame)
    assert pairs.schema["lag"] == pl.Duration("us")
    as_pandas = tl.lags(events, "attack", "claim", "2d")
    assert as_pandas["lag"].dropna().tolist() == pairs.get_column("lag").drop_nulls().to_list()
    summary = tl.lag_summary(pairs, output="polars")
    assert summary.columns == list(tl.results.SUMMARY.names)
    with pytest.raises(TimelineError, match="output='arrow'"):
        tl.lag_summary(pairs, output="arrow")
