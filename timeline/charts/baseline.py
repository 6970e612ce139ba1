"""The chance baseline: the null distribution of hit rates, with the observed one marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np

from timeline.display import duration
from timeline.errors import TimelineError

_NULL_NAMES = ("null", "null_distribution", "null_rates", "null_hit_rates", "distribution")


def _field(result: Any, names: Sequence[str], what: str) -> Any:
    """An attribute or mapping key of a baseline result, under any of its likely names."""
    for name in names:
        if isinstance(result, dict) and name in result:
            return result[name]
        if hasattr(result, name):
            return getattr(result, name)
    raise TimelineError(
        f"baseline result has no {what} (looked for {', '.join(names)}). "
        "Hint: pass the result of tl.baseline_test(...)."
    )


def baseline_numbers(result: Any) -> dict[str, Any]:
    """observed, expected, lift, p_value and the null draws of a baseline result."""
    null = np.asarray(_field(result, _NULL_NAMES, "null distribution"), dtype=float).ravel()
    observed = float(_field(result, ("observed", "observed_rate", "hit_rate"), "observed rate"))
    expected = _field(result, ("expected", "expected_rate"), "expected rate")
    expected = float(expected) if expected is not None else float(np.nanmean(null))
    lift = _field(result, ("lift",), "lift")
    return {
        "observed": observed,
        "expected": expected,
        "lift": None if lift is None else float(lift),
        "p_value": float(_field(result, ("p_value", "pvalue", "p"), "p-value")),
        "null": null[np.isfinite(null)],
        "null_model": _null_name(result),
    }


def _null_name(result: Any) -> str:
    """ "block null, 21 d blocks": the null the p-value was computed under, short enough
    for one line of a brief (the full wording is the result's `null_model`)."""
    method, block = _optional(result, "method"), _optional(result, "block")
    if not method:
        return "triggers moved at random"
    if method == "block" and block is not None:
        return f"block null, {duration(block)} blocks cut at changes of activity"
    if method == "fixed" and block is not None:
        return f"block null, fixed {duration(block)} blocks"
    return f"{method} null"


def _optional(result: Any, name: str) -> Any:
    return result.get(name) if isinstance(result, dict) else getattr(result, name, None)


def baseline_sentence(result: Any) -> str:
    """The baseline in one sentence, for briefs and CLI output, naming the null it used."""
    b = baseline_numbers(result)
    lift = "n/a" if b["lift"] is None or not np.isfinite(b["lift"]) else f"{b['lift']:.1f}x"
    return (
        f"Observed hit rate {b['observed']:.0%} against {b['expected']:.0%} expected by chance "
        f"({b['null_model']}): lift {lift}, p = {b['p_value']:.3g} ({b['null'].size} draws)."
    )


def baseline_chart(result: Any, *, title: str | None = None) -> alt.LayerChart:
    """Histogram of hit rates under the null, a rule at the observed rate."""
    b = baseline_numbers(result)
    null = b["null"]
    edges = np.linspace(0, 1, 21) if null.size else np.array([0.0, 1.0])
    counts, _ = np.histogram(null, bins=edges)
    bins = [
        {"lo": float(lo), "hi": float(hi), "n": int(n)}
        for lo, hi, n in zip(edges[:-1], edges[1:], counts, strict=True)
    ]
    x = alt.X("lo:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%"),
              title="hit rate")  # fmt: skip
    hist = (
        alt.Chart(alt.Data(values=bins))
        .mark_bar(color="#999999", stroke="white", strokeWidth=0.5)
        .encode(x=x, x2="hi:Q", y=alt.Y("n:Q", title="random draws"), tooltip=["lo:Q", "n:Q"])
    )
    obs = (
        alt.Chart(alt.Data(values=[{"observed": b["observed"]}]))
        .mark_rule(color="#D55E00", strokeWidth=3)
        .encode(x="observed:Q", tooltip=[alt.Tooltip("observed:Q", format=".0%")])
    )
    lift = "n/a" if b["lift"] is None or not np.isfinite(b["lift"]) else f"{b['lift']:.2f}"
    subtitle = (
        f"grey: hit rates under the {b['null_model']}; orange: observed {b['observed']:.0%}; "
        f"lift {lift}, p = {b['p_value']:.3g}"
    )
    return alt.layer(
        hist, obs, width=600, height=240, title=alt.Title(title or "", subtitle=subtitle)
    )
