"""Lag charts: the lag histogram (log time axis), survival curve, and actor comparison.

Inputs are the frames the lag engine returns (tl.lags, tl.survival, tl.lag_summary);
columns are looked up by name so a summary with extra columns still charts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt
import polars as pl

from timeline.charts.prep import pairs_frame
from timeline.charts.style import LAG_TICKS_MIN, lag_axis_label_expr
from timeline.errors import TimelineError
from timeline.frames import to_polars

if TYPE_CHECKING:
    import pandas as pd

BINS_PER_DECADE = 4
_ORDER = ("order known", "order ambiguous")
_ORDER_COLORS = ("#0072B2", "#E69F00")


def _title(title: str | None, subtitle: str) -> alt.Title:
    return alt.Title(title or "", subtitle=subtitle)


def _lag_bins(minutes: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Log-spaced bin edges (in minutes) for a lag; lags under a minute go to the first bin."""
    k = (minutes.clip(lower_bound=1.0).log10() * BINS_PER_DECADE).floor()
    return (10 ** (k / BINS_PER_DECADE)), (10 ** ((k + 1) / BINS_PER_DECADE))


def _spread(done: pl.DataFrame) -> pl.DataFrame:
    """Each followed pair's unit weight spread over the log bins its lag range covers,
    in proportion to the linear time it covers there: a vague lag (a "Thursday" warning)
    is never drawn at its midpoint, an order-unknown pair counts over [0, lag_max], and an
    exact lag is one count in its bin. Columns: lo, hi (bin edges, minutes), order, n."""
    if {"lag_min", "lag_max"} <= set(done.columns) and isinstance(
        done.schema["lag_min"], pl.Duration
    ):
        a = (pl.col("lag_min").dt.total_microseconds() / 6e7).clip(lower_bound=0.0)
        b = pl.col("lag_max").dt.total_microseconds() / 6e7
    else:
        a = b = pl.col("lag_s") / 60
    k = lambda m: (m.clip(lower_bound=1.0).log10() * BINS_PER_DECADE).floor().cast(pl.Int64)  # noqa: E731
    rows = done.select(_a=a, _b=pl.max_horizontal(a, b), order=_order())
    # identical ranges (day-level lags have a handful) are spread once, with their count
    rows = rows.group_by("_a", "_b", "order").agg(_w=pl.len().cast(pl.Float64))
    rows = rows.with_columns(_k=pl.int_ranges(k(pl.col("_a")), k(pl.col("_b")) + 1)).explode("_k")
    lo = (10 ** (pl.col("_k") / BINS_PER_DECADE)).alias("lo")
    hi = (10 ** ((pl.col("_k") + 1) / BINS_PER_DECADE)).alias("hi")
    rows = rows.with_columns(lo, hi)
    floor = pl.when(pl.col("lo") <= 1.0).then(0.0).otherwise(pl.col("lo"))  # first bin from 0
    overlap = pl.min_horizontal("_b", "hi") - pl.max_horizontal("_a", floor)
    width = pl.col("_b") - pl.col("_a")
    share = pl.when(width > 0).then(overlap.clip(lower_bound=0.0) / width).otherwise(1.0)
    return (
        rows.with_columns(n=share * pl.col("_w"))
        .group_by("lo", "hi", "order")
        .agg(pl.col("n").sum())
        .filter(pl.col("n") > 0)
        .sort("lo", "order")
    )


def _order() -> pl.Expr:
    return pl.when(pl.col("order_ambiguous")).then(pl.lit(_ORDER[1])).otherwise(pl.lit(_ORDER[0]))


def lag_histogram(pairs: pd.DataFrame | pl.DataFrame, *, title: str | None = None) -> alt.Chart:
    """Histogram of matched lags on a log axis; censored rows counted in the subtitle only.

    Needs `lag` (Timedelta or seconds); uses `lag_min`/`lag_max` (each vague lag spread
    over the range its times allow, never placed at its midpoint), `censored`,
    `order_ambiguous` when present.
    """
    p = pairs_frame(pairs)
    done = p.filter(~pl.col("censored"))
    bars = _spread(done)
    n_amb = int(done.get_column("order_ambiguous").sum())
    subtitle = (
        f"{done.height} matched lag(s), each spread over the range its times allow; "
        f"{p.height - done.height} censored (no response in the window) not shown; "
        f"{n_amb} with ambiguous order (counted over 0 to its longest lag)"
    )
    drawn = set(bars.get_column("order").unique().to_list()) if bars.height else set()
    colours = [(o, c) for o, c in zip(_ORDER, _ORDER_COLORS, strict=True) if o in drawn]
    top = max(LAG_TICKS_MIN[-1][0], float(bars.get_column("hi").max() or 1))
    x_scale = alt.Scale(type="log", domain=[1, top], nice=False)
    axis = alt.Axis(
        values=[m for m, _ in LAG_TICKS_MIN], labelExpr=lag_axis_label_expr(), grid=True
    )
    return (
        alt.Chart(alt.Data(values=bars.to_dicts()))
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("lo:Q", scale=x_scale, axis=axis, title="lag (log scale)"),
            x2="hi:Q",
            y=alt.Y("sum(n):Q", stack="zero", title="pairs", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "order:N",
                scale=alt.Scale(  # the legend lists only what is drawn
                    domain=[o for o, _ in colours], range=[c for _, c in colours]
                ),
                title=None,
            ),
            tooltip=[alt.Tooltip("order:N"), alt.Tooltip("sum(n):Q", title="pairs")],
        )
        .properties(width=600, height=260, title=_title(title, subtitle))
    )


CURVE_STEPS = 600


def survival_chart(
    curve: pd.DataFrame | pl.DataFrame, *, title: str | None = None
) -> alt.LayerChart:
    """The share of triggers not yet followed, from 0 to the window, as `tl.survival`
    gives it: the estimate (labelled Kaplan-Meier or Turnbull), what the data allow
    (`survival_min`/`_max`, darker) and the confidence band (`lower`/`upper`, light).

    Needs `survival` and `time` (a duration; or hours in `time_h`). A Turnbull estimate is
    drawn straight across each innermost interval (where inside it responses came is not
    known), a Kaplan-Meier one as steps.
    """
    df = to_polars(curve, what="survival curve")
    if "time_h" not in df.columns and "time" in df.columns:
        df = df.with_columns(time_h=pl.col("time").dt.total_microseconds() / 3.6e9)
    if "time_h" not in df.columns and "time_s" in df.columns:
        df = df.with_columns(time_h=pl.col("time_s") / 3600)
    if not {"time_h", "survival"} <= set(df.columns):
        raise TimelineError("curve lacks time_h/survival. Hint: pass tl.survival(pairs).")
    method = df.get_column("method")[0] if "method" in df.columns and df.height else "curve"
    data = alt.Data(values=_thinned(df.select(pl.col(_survival_cols(df)))).to_dicts())
    end = float(df.get_column("time_h").max() or 1.0)
    x = alt.X("time_h:Q", title="hours since trigger", scale=alt.Scale(domain=[0, end]))
    y = alt.Y("survival:Q", scale=alt.Scale(domain=[0, 1]), title="share not yet followed")
    shape = "linear" if str(method).startswith("turnbull") else "step-after"
    line = (
        alt.Chart()
        .mark_line(interpolate=shape, color="#0072B2")
        .encode(x=x, y=y, tooltip=["time_h:Q", "survival:Q"])
    )
    layers, shown = _bands(df, x)
    layers.append(line)
    subtitle = f"{method}; shaded: {', darker: '.join(shown)}" if shown else str(method)
    # the curve once, shared by every layer; sized as made (.properties() copies layers)
    return alt.layer(*layers, data=data, width=600, height=260, title=_title(title, subtitle))


def _bands(df: pl.DataFrame, x: alt.X) -> tuple[list[alt.Chart], list[str]]:
    """The band layers the curve has (confidence band, then what the data allow)."""
    layers, shown = [], []
    bands = [("lower", "upper", 0.2, "confidence band")]
    bands += [("survival_min", "survival_max", 0.35, "what the data allow")]
    for low, high, opacity, what in bands:
        if {low, high} <= set(df.columns) and df.get_column(low).is_not_nan().any():
            band = alt.Chart().mark_area(interpolate="step-after", opacity=opacity,
                                         color="#56B4E9")  # fmt: skip
            layers.append(band.encode(x=x, y=f"{low}:Q", y2=f"{high}:Q"))
            shown.append(what)
    return layers, shown


def _thinned(curve: pl.DataFrame, steps: int = CURVE_STEPS) -> pl.DataFrame:
    """At most `steps` steps: the last value in each of `steps` equal slices of time.

    A 600-pixel chart cannot show more, and Altair validates every inline row.
    """
    if curve.height <= steps:
        return curve
    span = max(float(curve.get_column("time_h").max() or 0.0), 1e-9)
    bucket = (pl.col("time_h") / span * (steps - 1)).floor()
    last = curve.group_by(bucket.alias("_b"), maintain_order=True).agg(pl.all().last())
    return pl.concat([curve.head(1), last.drop("_b")]).unique("time_h", keep="last").sort("time_h")


def _survival_cols(df: pl.DataFrame) -> list[str]:
    keep = ("time_h", "survival", "survival_min", "survival_max", "lower", "upper", "at_risk",
            "events", "censored", "method")  # fmt: skip
    return [c for c in keep if c in df.columns]


_MEDIAN = ("median_h", "p50_h", "median", "p50", "lag_median", "km_median_h", "km_median")


def _pick(columns: list[str], candidates: tuple[str, ...], what: str) -> str:
    for name in candidates:
        if name in columns:
            return name
    raise TimelineError(f"summary has no {what} column (looked for {', '.join(candidates)})")


def _hours(df: pl.DataFrame, name: str) -> pl.Expr:
    dtype = df.schema[name]
    if isinstance(dtype, pl.Duration):
        return pl.col(name).dt.total_seconds(fractional=True) / 3600
    scale = 1.0 if name.endswith("_h") else 1 / 3600 if name.endswith("_s") else 1.0
    return pl.col(name).cast(pl.Float64) * scale


def actor_comparison(
    summary: pd.DataFrame | pl.DataFrame, *, title: str | None = None
) -> alt.HConcatChart:
    """Per group: median lag with its interval (hours) next to hit rate with its interval.

    Needs a group column (actor or the first text column), a median lag (median/p50[_h]),
    `hit_rate`; `<col>_low`/`<col>_high` draw the intervals when present.
    """
    df = to_polars(summary, what="summary")
    cols = df.columns
    group = (
        "actor"
        if "actor" in cols
        else next((c for c in cols if df.schema[c] == pl.Utf8 and c != "index"), None)
    )
    if group is None:
        raise TimelineError("summary has no group column (e.g. actor). Hint: lag_summary(by=...)")
    med = _pick(cols, _MEDIAN, "median lag")
    rate = _pick(cols, ("hit_rate",), "hit rate")
    # interval columns: median_low/median_high, or lag_summary's median_low_h/median_high_h
    stem, unit = (med[:-2], "_h") if med.endswith("_h") else (med, "")
    med_low, med_high = f"{stem}_low{unit}", f"{stem}_high{unit}"
    out = _comparison(df, group, med, rate, med_low, med_high)
    data = alt.Data(values=out.to_dicts())
    y = alt.Y("group:N", title=None, sort="-x")
    lag = _dot_whisker(data, y, "median_h", "median_low", "median_high", "median lag (hours)",
                       bounds=("median_min", "median_max"))  # fmt: skip
    hits = _dot_whisker(data, y, "hit_rate", "hit_low", "hit_high", "hit rate", share=True,
                        bounds=("hit_min", "hit_max"))  # fmt: skip
    subtitle = (
        "points: estimate where the data pin it; thick bars: what the data allow; "
        "lines: confidence interval"
    )
    return alt.hconcat(lag, hits, title=_title(title, subtitle))


def _comparison(df, group, med, rate, med_low, med_high) -> pl.DataFrame:
    """One row per group: median lag (hours) and hit rate, with bounds and intervals."""
    cols = df.columns
    opt = lambda name, expr: expr if name in cols else pl.lit(None, pl.Float64)  # noqa: E731
    out = df.select(
        group=pl.col(group).cast(pl.Utf8).fill_null("(all)"),
        median_h=_hours(df, med),
        median_low=opt(med_low, _hours(df, med_low) if med_low in cols else None),
        median_high=opt(med_high, _hours(df, med_high) if med_high in cols else None),
        median_min=opt(f"{med}_min", _hours(df, f"{med}_min") if f"{med}_min" in cols else None),
        median_max=opt(f"{med}_max", _hours(df, f"{med}_max") if f"{med}_max" in cols else None),
        hit_rate=pl.col(rate).cast(pl.Float64),
        hit_low=opt(f"{rate}_low", pl.col(f"{rate}_low")),
        hit_high=opt(f"{rate}_high", pl.col(f"{rate}_high")),
        hit_min=opt(f"{rate}_min", pl.col(f"{rate}_min")),
        hit_max=opt(f"{rate}_max", pl.col(f"{rate}_max")),
    )
    return out


def _dot_whisker(data, y, value, low, high, label, share=False, bounds=None) -> alt.LayerChart:
    scale = alt.Scale(domain=[0, 1]) if share else alt.Scale(zero=True)
    fmt = ".0%" if share else ".1f"
    x = alt.X(f"{value}:Q", title=label, scale=scale, axis=alt.Axis(format=fmt))
    base = alt.Chart(data).encode(y=y)
    rule = base.mark_rule(color="#555").encode(x=alt.X(f"{low}:Q", scale=scale), x2=f"{high}:Q")
    layers = [rule]
    if bounds:
        allow = base.mark_rule(color="#0072B2", strokeWidth=6, opacity=0.6)
        layers.append(allow.encode(x=alt.X(f"{bounds[0]}:Q", scale=scale), x2=f"{bounds[1]}:Q"))
    dot = base.mark_point(filled=True, size=80, color="#0072B2").encode(
        x=x, tooltip=[alt.Tooltip(f"{value}:Q", format=fmt), f"{low}:Q", f"{high}:Q"]
    )
    return alt.layer(*layers, dot, width=260, height=alt.Step(28))
