"""How many gold lags of the development articles the article path recovers.

    python benchmarks/articles.py [--verbose] [--only 05] [--dir PATH]

Reads shared/articles-dev/ (README.md and gold.json there; skips cleanly when absent).
Scoring is the README's: for each article, `tl.extract_events` on the title and body with
`published` and `tz` from gold.json, then `tl.lags(events, trigger, response, within,
by=None)` for each gold spec; a spec holds when at least one uncensored pair's point lag,
in minutes, lies in [lo_min, hi_min]. The title is put before the body unless the body
already opens with it (most page copies repeat the headline).

Only the public API is used (`tl.extract_events`, `tl.lags`), so the script keeps working
while the article path changes inside. For each spec it prints what the system produced:
the closest uncensored pair (lag, its bounds, order_ambiguous), or why there is none.
Under it, `trig`/`resp` diagnose the two gold events: `ok` (an extracted event of that kind
lies within the gold interval +-30 min), `vague` (one overlaps it but is wider),
`undated` (only month-or-wider intervals overlap a sharper gold interval), `wrong`
(events of that kind exist, none overlaps), `missing` (no event of that kind).
`--verbose` also prints the extracted events next to the gold events.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import timeline as tl  # noqa: E402

SLACK = timedelta(minutes=30)


def default_dir() -> Path:
    """shared/articles-dev beside the repository (or beside a parent, for worktrees)."""
    for up in ROOT.parents:
        if (up / "shared" / "articles-dev").exists():
            return up / "shared" / "articles-dev"
    return ROOT.parent / "shared" / "articles-dev"


def article_text(path: Path) -> tuple[str, dict[str, str]]:
    """Title + body of one article file, and its header fields."""
    raw = path.read_text(encoding="utf-8")
    head, _, body = raw.partition("\n\n")
    fields = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    title = fields.get("TITLE", "").strip()
    body = body.strip()
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return text, fields


def _minutes(td) -> float:
    return pd.Timedelta(td).total_seconds() / 60


def judge(events: pd.DataFrame, spec: dict) -> tuple[bool, str]:
    """Whether the spec holds, and a one-line account of what the system produced."""
    kinds = set(events["kind"].astype(str)) if len(events) else set()
    for role in ("trigger", "response"):
        if spec[role] not in kinds:
            return False, f"no {spec[role]} extracted ({role})"
    try:
        pairs = tl.lags(events, spec["trigger"], spec["response"], spec["within"], by=None)
    except tl.TimelineError as exc:
        return False, f"lags() refused: {str(exc).splitlines()[0]}"
    done = pairs[~pairs["censored"].astype(bool)]
    if done.empty:
        return False, f"censored: no {spec['response']} within {spec['within']} of any trigger"
    lo, hi = spec["lo_min"], spec["hi_min"]
    lag = done["lag"].map(_minutes)
    dist = (lo - lag).clip(lower=0) + (lag - hi).clip(lower=0)
    best = done.loc[dist.idxmin()]
    ok = bool((dist == 0).any())
    amb = " order_ambiguous" if bool(best.get("order_ambiguous", False)) else ""
    return ok, (
        f"lag {_minutes(best['lag']):.0f} min (bounds {_minutes(best['lag_min']):.0f}.."
        f"{_minutes(best['lag_max']):.0f}){amb}; {len(done)} uncensored pair(s)"
    )


def diagnose(events: pd.DataFrame, gold: dict, tz: str) -> str:
    """ok / vague / wrong / missing: how well an extracted event of gold's kind is timed."""
    same = events[events["kind"].astype(str) == gold["kind"]] if len(events) else events
    if same.empty:
        return "missing"
    g0 = pd.Timestamp(gold["local_start"]).tz_convert("UTC")
    g1 = pd.Timestamp(gold["local_end"]).tz_convert("UTC")
    g1 = max(g1, g0 + pd.Timedelta(minutes=1))
    s, e = same["t_start"], same["t_end"]
    if ((s >= g0 - SLACK) & (e <= g1 + SLACK)).any():
        return "ok"
    over = (s < g1) & (e > g0)
    if (over & ((e - s) <= pd.Timedelta(days=30))).any() or g1 - g0 > pd.Timedelta(days=30):
        return "vague"
    if over.any():
        return "undated"
    return "wrong"


def _local(ts, tz: str) -> str:
    return pd.Timestamp(ts).tz_convert(tz).strftime("%Y-%m-%d %H:%M")


def show_events(events: pd.DataFrame, gold: list[dict], tz: str) -> None:
    print("    gold events:")
    for i, g in enumerate(gold):
        a = datetime.fromisoformat(g["local_start"]).strftime("%Y-%m-%d %H:%M")
        b = datetime.fromisoformat(g["local_end"]).strftime("%Y-%m-%d %H:%M")
        print(f"      [{i}] {g['kind']:8} {g['subtype']:12} {a} .. {b}  {g['as_written']!r}")
    print(f"    extracted events ({len(events)}):")
    for _, r in events.sort_values("t_start").iterrows():
        ev = str(r.get("trigger") or r.get("excerpt") or "")[:70]
        print(
            f"      {r['kind']!s:8} {r.get('subtype')!s:12} {_local(r['t_start'], tz)} .. "
            f"{_local(r['t_end'], tz)} {r.get('precision')!s:11} "
            f"time {r.get('time_text')!r} [{r.get('time_rule')}] ev {ev!r}"
        )


def run(folder: Path, only: str | None, verbose: bool) -> tuple[int, int]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    held = total = 0
    for art in gold["articles"]:
        if only and not art["file"].startswith(only):
            continue
        text, _ = article_text(folder / art["file"])
        print(f"{art['file']}  (published {art['published']}, {art['tz']})")
        try:
            events = tl.extract_events(text, art["published"], tz=art["tz"])
        except tl.TimelineError as exc:
            events = pd.DataFrame({"kind": []})
            print(f"    extract_events refused: {str(exc).splitlines()[0]}")
        for spec in art["lags"]:
            ok, what = judge(events, spec)
            held += ok
            total += 1
            trig = diagnose(events, art["events"][spec["trigger_event"]], art["tz"])
            resp = diagnose(events, art["events"][spec["response_event"]], art["tz"])
            print(
                f"  {'HOLDS' if ok else 'miss '} {spec['trigger']}->{spec['response']} "
                f"{spec['lo_min']}..{spec['hi_min']} min (within {spec['within']}): {what}"
                f"   [trig {trig}, resp {resp}]"
            )
        if verbose:
            show_events(events, art["events"], art["tz"])
    return held, total


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dir", type=Path, default=None, help="the articles-dev folder")
    p.add_argument("--only", help="articles whose file name starts with this (e.g. 05)")
    p.add_argument("--verbose", action="store_true", help="print extracted and gold events")
    args = p.parse_args()
    folder = args.dir or default_dir()
    if not (folder / "gold.json").exists():
        print(f"skipped: no development articles at {folder}")
        return 0
    held, total = run(folder, args.only, args.verbose)
    print(f"\n{held} of {total} gold lags within their stated ranges")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
