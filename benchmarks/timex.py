"""Score normalize_time on TimeML TIMEX3 records (DATE, TIME) next to dateparser.

    python benchmarks/timex.py [--errors 40]

Reads ../shared/data/timex/*.jsonl relative to the repository (skips cleanly when absent).
Each record gives the expression, the document creation time (the reference) and the gold
TIMEX3 value. Our interval is written back as a TIMEX3 value at the granularity of the rule
that matched (day -> 2014-01-24, month -> 2014-01, quarter -> 1998-Q3, ...). dateparser gets
RELATIVE_BASE = the document date and is formatted at the *gold* value's granularity, which
favours it. Exact string match of the value; no anchors are given, so offsets from other
events ("two days later") count as misses for both.

`ours` also gets the record's sentence as `context=` (tense and earnings cues, see
`timeline.timeexpr.cues`): a caller that has the sentence can pass it too. The column
`text only` is the same normalizer without it, for a like-for-like comparison with
dateparser, which never sees the sentence. Decades and centuries are written as TIMEX3
writes them (the 1990s -> 199, the 20th century -> 19); the comparison itself is unchanged.
`--families` prints accuracy per rule family (the matched rule's first word).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "timex"
sys.path.insert(0, str(ROOT))

from timeline.errors import TimelineError  # noqa: E402
from timeline.timeexpr.phrases import normalize_time  # noqa: E402

_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_SEASON = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def to_timex(iv) -> str | None:
    """The TIMEX3 value of an Interval, from the rule that produced it."""
    rule = iv.rule or ""
    a = iv.local()[0]
    base = rule.split(":")[0].split("+")[0]
    if rule.startswith("decade"):
        return f"{a.year // 10}"
    if rule == "century":
        return f"{a.year // 100}"
    if rule == "now":
        return "PRESENT_REF"
    if rule in ("recently", "past"):
        return "PAST_REF"
    if rule == "future":
        return "FUTURE_REF"
    if base.startswith("since"):
        return None
    if "quarter" in rule:
        return f"{a.year}-Q{(a.month - 1) // 3 + 1}"
    if "season" in rule:
        return f"{a.year}-{_SEASON[a.month]}"
    if "year-part" in rule or rule in ("year", "this-year", "last-year", "next-year", "ago-year"):
        return f"{a.year}"
    if rule.startswith(("month", "this-month", "last-month", "next-month", "ago-month")):
        return f"{a.year}-{a.month:02d}"
    if iv.precision == "week":
        iso = a.isocalendar()
        suffix = "-WE" if "weekend" in rule else ""
        return f"{iso[0]}-W{iso[1]:02d}{suffix}"
    if "part_of_day" in rule:
        pod = next((v for k, v in _POD.items() if k in rule), None)
        return f"{a:%Y-%m-%d}T{pod}" if pod else f"{a:%Y-%m-%d}"
    if "clock" in rule:
        mid = iv.start + (iv.end - iv.start) / 2
        m = mid.astimezone(a.tzinfo)
        return f"{m:%Y-%m-%dT%H:%M}"
    if iv.precision in ("day", "part_of_day", "hour", "minute"):
        return f"{a:%Y-%m-%d}"
    if iv.precision == "month":
        return f"{a.year}-{a.month:02d}"
    return f"{a.year}"


def ours(rec: dict, with_context: bool = True) -> tuple[str | None, str]:
    """Our TIMEX3 value and the family of the rule that produced it ("-" = no answer)."""
    context = rec["sentence"] if with_context else None
    try:
        iv = normalize_time(rec["text"], rec["dct"], "UTC", context=context)
    except TimelineError:
        return None, "-"
    if iv is None:
        return None, "-"
    return to_timex(iv), re.split(r"[:+&@-]", iv.rule or "?")[0]


def theirs(rec: dict, parse) -> str | None:
    base = datetime.fromisoformat(rec["dct"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            got = parse(rec["text"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        except Exception:
            return None
    if got is None:
        return None
    gold = rec["value"]
    if len(gold) == 4 and gold.isdigit():
        return f"{got.year}"
    if len(gold) == 7 and gold[4] == "-" and gold[5:].isdigit():
        return f"{got:%Y-%m}"
    if "T" in gold and ":" in gold:
        return f"{got:%Y-%m-%dT%H:%M}"
    return f"{got:%Y-%m-%d}"


def same(got: str | None, gold: str) -> bool:
    """Equal TIMEX3 values; week numbers compare as numbers (2000-W7 == 2000-W07)."""
    if got is None:
        return False
    unpad = lambda v: re.sub(r"-W0(\d)", r"-W\1", v)  # noqa: E731
    return unpad(got) == unpad(gold)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--errors", type=int, default=0, help="print this many of our misses")
    p.add_argument("--families", action="store_true", help="accuracy per rule family")
    args = p.parse_args()
    files = sorted(DATA.glob("*.jsonl")) if DATA.exists() else []
    if not files:
        print(f"skipped: no TIMEX data at {DATA.resolve()}")
        return 0
    import dateparser

    recs = [json.loads(line) for f in files for line in f.open(encoding="utf-8")]
    recs = [r for r in recs if r["type"] in ("DATE", "TIME")]
    score: Counter = Counter()
    misses = []
    families: Counter = Counter()
    for r in recs:
        (o, fam), d = ours(r), theirs(r, dateparser.parse)
        score[(r["type"], "n")] += 1
        score[(r["type"], "ours")] += same(o, r["value"])
        score[(r["type"], "text only")] += same(ours(r, with_context=False)[0], r["value"])
        families[(fam, "n")] += 1
        families[(fam, "ok")] += same(o, r["value"])
        score[(r["type"], "dateparser")] += same(d, r["value"])
        score[(r["type"], "answered")] += o is not None
        if not same(o, r["value"]):
            misses.append((r["value"], o, r["text"], r["dct"]))
    print(f"{'type':6} {'n':>5} {'ours':>7} {'text only':>10} {'dateparser':>11} "
          f"{'ours answered':>14}")  # fmt: skip
    for t in ("DATE", "TIME"):
        n = score[(t, "n")]
        pct = {k: score[(t, k)] / n for k in ("ours", "text only", "dateparser", "answered")}
        print(f"{t:6} {n:5d} {pct['ours']:7.3f} {pct['text only']:10.3f}"
              f" {pct['dateparser']:11.3f} {pct['answered']:14.3f}")  # fmt: skip
    if args.families:
        for fam in sorted({f for f, _ in families}, key=lambda f: -families[(f, "n")]):
            n = families[(fam, "n")]
            print(f"  {fam:14} {n:5d} {families[(fam, 'ok')] / n:7.3f}")
    for gold, got, text, dct in misses[: args.errors]:
        print(f"  gold {gold:14} ours {got!s:16} {text!r} (dct {dct})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
