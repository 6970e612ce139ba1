"""Generic tables: an analyst's spreadsheet with the usual headers, or a mapping.

Headers are matched case-insensitively, ignoring spaces, dashes and underscores
(`HEADERS`). `mapping={"their column": "role"}` overrides. Free-text event types
go through the synonym table in `vocab`.
"""

from __future__ import annotations

from functools import partial

import polars as pl

from timeline import schema
from timeline.errors import FormatError
from timeline.ingest import dates, fields, vocab
from timeline.ingest.formats import Adapter, Mapped, register
from timeline.ingest.neutral import unneutralise
from timeline.ingest.ranges import read_ranges
from timeline.ingest.sources import Source

# role -> header spellings (folded: lower case, no spaces/dashes/underscores)
HEADERS: dict[str, tuple[str, ...]] = {
    "event_id": ("eventid", "id"),
    "date": ("date", "eventdate", "day"),
    "time": ("time", "eventtime", "clock", "timeofday"),
    "datetime": ("datetime", "timestamp", "when", "datetimeutc"),
    "start": ("start", "tstart", "startdate", "start_time", "from"),
    "end": ("end", "tend", "enddate", "end_time", "until", "to"),
    "precision": ("precision", "timeprecision"),
    "tz": ("tz", "timezone", "zone"),
    "time_text": ("timetext", "timeaswritten", "whenaswritten"),
    "kind": ("kind",),
    "type": ("type", "event", "eventtype", "category", "what"),
    "subtype": ("subtype", "attacktype", "weapon"),
    "channel": ("channel", "medium", "media", "mediatype"),
    "actor_raw": (
        "actor",
        "actorraw",
        "group",
        "perpetrator",
        "perpetrators",
        "perpetratorgroup",
        "organization",
        "organisation",
        "groupname",
        "actor1",
        "gname",
    ),
    "target": ("target", "targets", "victim"),
    "location": ("location", "city", "place", "town", "site"),
    "admin1": ("admin1", "province", "governorate", "state", "region"),
    "country": ("country", "countrycode", "iso3"),
    "lat": ("lat", "latitude"),
    "lon": ("lon", "lng", "long", "longitude"),
    "killed": ("killed", "fatalities", "deaths", "dead", "nkill"),
    "killed_low": ("killedlow",),
    "killed_high": ("killedhigh",),
    "wounded": ("wounded", "injured", "injuries", "nwound"),
    "wounded_high": ("woundedhigh",),
    "source": ("source", "outlet", "publication", "sources"),
    "source_ref": ("sourceref", "ref", "reference"),
    "url": ("url", "link", "sourceurl", "links"),
    "excerpt": ("excerpt", "notes", "note", "description", "summary", "text", "evidence"),
    "confidence": ("confidence",),
    "attrs": ("attrs", "attributes"),
}
ROLES = tuple(HEADERS)
LOOKUP = {spelling: role for role, spellings in HEADERS.items() for spelling in spellings}


def fold_header(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def roles(columns: list[str], mapping: dict[str, str] | None = None) -> dict[str, str]:
    """role -> source column: the user's mapping first, then the usual headers."""
    mapping = mapping or {}
    bad = {col: role for col, role in mapping.items() if role not in ROLES}
    if bad:
        raise FormatError(f"mapping names unknown role(s) {bad}; roles are: {', '.join(ROLES)}")
    missing = [c for c in mapping if c not in columns]
    if missing:
        raise FormatError(f"mapping names column(s) not in the file: {missing}; found {columns}")
    found = {role: col for col, role in mapping.items()}
    exact = {fold_header(role): role for role in ROLES}
    for col in columns:  # a column named exactly like a role wins ("actor_raw" over "actor")
        role = exact.get(fold_header(str(col)))
        if role and role not in found and col not in mapping:
            found[role] = col
    for col in columns:
        role = LOOKUP.get(fold_header(str(col)))
        if role and role not in found:
            found[role] = col
    return found


def _detect(source: Source, columns: list[str]) -> bool:
    found = roles(columns)
    return bool({"date", "datetime", "start"} & set(found))


def _fail(df: pl.DataFrame, mask: pl.Expr, column: str, value: pl.Expr, reason) -> pl.DataFrame:
    """Failure rows where `mask` holds; the wide batch is only gathered when one does."""
    return fields.failing(df, [(column, mask, value, reason)])


def _start_column(found: dict[str, str]) -> str | None:
    return found.get("start") or found.get("datetime") or found.get("date")


def date_columns(columns: list[str], mapping: dict[str, str] | None = None) -> list[str]:
    """The columns holding written dates (their numeric order is decided per file)."""
    found = roles(columns, mapping)
    return [c for c in (_start_column(found), found.get("end")) if c]


def _clock(out: pl.DataFrame, raw: pl.DataFrame, col: str) -> tuple[pl.DataFrame, list]:
    """A Time column gives a day its clock time; a coarser date never gains one."""
    clock = dates.parse_clock(raw.get_column(col))
    day, has = pl.col("precision") == "day", pl.col("clock").is_not_null()
    coarse = has & pl.col("precision").is_in(["week", "month", "year"])
    clash = has & (
        ((pl.col("precision") == "minute") & (pl.col("local_start").dt.time() != pl.col("clock")))
        | pl.col("instant_start").is_not_null()  # a time with its offset: never a second one
    )
    out = out.with_columns(clock=clock["time"])
    failures = [
        _fail(raw.with_columns(e=clock["error"]), pl.col("e").is_not_null(), col, pl.col(col),
              pl.col("e")),
        _fail(raw.with_columns(out.select("clock", "precision")), coarse, col, pl.col(col),
              pl.format("a clock time for a date known only to the {}; give the day too",
                        pl.col("precision"))),
        _fail(raw.with_columns(out.select("clock", "local_start", "instant_start", "precision")),
              clash, col, pl.col(col),
              pl.format("the date already has another clock time ({}); keep one",
                        pl.coalesce(pl.col("local_start").dt.strftime("%H:%M"),
                                    pl.col("instant_start").dt.strftime("%H:%M UTC")))),
    ]  # fmt: skip
    out = out.with_columns(
        local_start=pl.when(has & day)
        .then(pl.col("local_start").dt.combine(pl.col("clock")))
        .otherwise(pl.col("local_start")),
        precision=pl.when(has & day).then(pl.lit("minute")).otherwise(pl.col("precision")),
    ).drop("clock")
    return out, failures


def _times(raw: pl.DataFrame, found: dict[str, str], options: dict):
    """local_start, local_end, instant_start, instant_end, precision, and failures."""
    failures = []
    start_col = _start_column(found)
    if start_col is None:
        raise FormatError(
            "no date column found; name one Date, Datetime or Start (or pass mapping=)"
        )
    when = {"dayfirst": options.get("dayfirst"), "order": options.get("date_order"),
            "years": options.get("years")}  # fmt: skip
    midnight = options.get("midnight_dates") or ()

    def written(name: str) -> pl.Series:  # a date column written with 00:00 clocks: days
        column = raw.get_column(name)
        return dates.without_midnight(column) if name in midnight else column

    def parse(name: str) -> pl.DataFrame:
        return dates.parse_when(written(name), **when)

    start = parse(start_col)
    range_end = None
    if "end" not in found:  # "24-26 January 2014": an End column's work in one cell
        start, range_end = read_ranges(written(start_col), start, **when)
    failures.append(
        _fail(
            raw.with_columns(e=start["error"]),
            pl.col("e").is_not_null(),
            start_col,
            pl.col(start_col),
            pl.col("e"),
        )
    )
    out = pl.DataFrame(
        {
            "local_start": start["local"],
            "instant_start": start["instant"],
            "precision": start["precision"],
        }
    )
    pivoted = start["pivoted"].fill_null(False).any()
    if range_end is not None and range_end.null_count() < range_end.len():
        out = out.with_columns(local_end=range_end)
    if "time" in found:
        out, more = _clock(out, raw, found["time"])
        failures += more
    if "end" in found:
        end = parse(found["end"])
        pivoted = pivoted or end["pivoted"].fill_null(False).any()
        given = raw.get_column(found["end"]).is_not_null()
        failures.append(
            _fail(
                raw.with_columns(e=end["error"]),
                given & pl.col("e").is_not_null(),
                found["end"],
                pl.col(found["end"]),
                pl.col("e"),
            )
        )
        from timeline.timeexpr.vector import span_end

        span = span_end(pl.col("l"), pl.col("p"))
        end_local = pl.DataFrame({"l": end["local"], "p": end["precision"]}).select(span)
        out = out.with_columns(local_end=end_local.to_series(), instant_end=end["instant"])
    if "precision" in found:
        given = raw.get_column(found["precision"]).str.strip_chars().str.to_lowercase()
        out = out.with_columns(precision=pl.coalesce(given, pl.col("precision")))
    return out, failures, pivoted


def _kinds(
    raw: pl.DataFrame, found: dict[str, str], kind: str | None = None
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """kind, subtype, channel: from the type column, or `kind` for every row (a file of
    statements only, say); a subtype or channel column refines them."""
    text_col = found.get("kind") or found.get("type")
    if text_col is None and kind is None:
        raise FormatError(
            "no event type column found; name one Type, Event or Kind, or pass kind= "
            "(--kind) when every row is one kind, e.g. kind='statement'"
        )
    if text_col is not None and kind is not None:
        raise FormatError(
            f"kind={kind!r} is for a file without an event type column; this one has "
            f"{text_col!r} (drop kind=, or map that column elsewhere)"
        )
    if kind is not None and kind not in schema.KINDS:
        raise FormatError(f"kind={kind!r} is not an event kind; use one of {list(schema.KINDS)}")
    if text_col is None:
        none = pl.repeat(None, raw.height, dtype=pl.Utf8, eager=True)
        out = pl.DataFrame(
            {"kind": pl.repeat(kind, raw.height, eager=True), "subtype": none, "channel": none}
        )
        failures = []
    else:
        out = vocab.classify_column(raw.get_column(text_col))
        failures = [
            _fail(
                raw.with_columns(k=out["kind"]),
                pl.col("k").is_null(),
                text_col,
                pl.col(text_col),
                "unknown event type; see the synonym table "
                "(e.g. 'Audio warning', 'Car bomb', 'Claim of responsibility')",
            )
        ]
    for role in ("subtype", "channel"):
        if role in found:
            given = vocab.vocabulary_column(raw.get_column(found[role]), role)
            out = out.with_columns(pl.coalesce(given, pl.col(role)).alias(role))
    return out, failures


COUNTS = ("killed", "killed_low", "killed_high", "wounded", "wounded_high")
LIMITS = {"lat": 90.0, "lon": 180.0, "confidence": 1.0}


def _numbers(raw: pl.DataFrame, found: dict[str, str]):
    """Counts and coordinates: a bad value (NaN, inf, negative, fractional, absurd, out of
    range) is a failure with its reason, and null in the pre-event, never a crash. Each
    distinct text is read once (counts repeat: 0, 1, 2...)."""
    cols, failures = [], []
    for role in (*COUNTS, *LIMITS):
        if role not in found:
            continue
        col = found[role]
        read = dates.per_distinct(raw.get_column(col), partial(_number, role=role))
        why = raw.select("line", col).with_columns(why=read.get_column("why"))
        failures.append(_fail(why, pl.col("why").is_not_null(), col, pl.col(col), pl.col("why")))
        cols.append(read.get_column("value").alias(role))
    return cols, failures


def _number(values: pl.Series, role: str) -> pl.DataFrame:
    text = pl.col("raw").str.strip_chars().str.replace(r"^(over|about|at least)\s+", "")
    if role in COUNTS:
        value, why = fields.number(text), fields.count_problem(text)
    else:
        value = fields.coordinate(text, LIMITS[role])
        why = fields.coordinate_problem(text, LIMITS[role])
    return values.to_frame("raw").select(value=value, why=why)


def _texts(raw: pl.DataFrame, columns: list[tuple[str, str]]) -> pl.DataFrame:
    """(role, column) -> the role's text, stripped, without the leading "'" that our
    spreadsheet export adds against formula injection. Only columns where some value
    starts with "'" run the pattern (it cost 0.35 CPU-s per 1M rows of five columns)."""
    texts = raw.select(pl.col(col).str.strip_chars().alias(role) for role, col in columns)
    if not texts.width:
        return texts
    quoted = texts.select(pl.all().str.starts_with("'").any()).row(0)
    return texts.with_columns(
        unneutralise(pl.col(c)) for c, q in zip(texts.columns, quoted, strict=True) if q
    )


def map_table(
    raw: pl.DataFrame,
    *,
    mapping: dict[str, str] | None = None,
    source_name: str = "table",
    **options,
) -> Mapped:
    """A raw text batch of a generic table -> pre-events.

    options: `dayfirst`, `date_order` (the file's, from `stream`), `years`, `kind` (every
    row's kind, for a file without a type column).
    """
    found = roles([c for c in raw.columns if c != "line"], mapping)
    times, failures, pivoted = _times(raw, found, options)
    kinds, kind_failures = _kinds(raw, found, options.get("kind"))
    numbers, number_failures = _numbers(raw, found)
    text_roles = (
        "event_id",
        "tz",
        "time_text",
        "actor_raw",
        "target",
        "location",
        "admin1",
        "country",
        "source",
        "source_ref",
        "url",
        "excerpt",
        "attrs",
    )
    texts = _texts(raw, [(r, found[r]) for r in text_roles if r in found])
    pre = pl.concat([raw.select("line"), texts, times, kinds], how="horizontal")
    pre = pre.with_columns(numbers)
    canonical_actor = next((c for c in raw.columns if fold_header(c) == "actor"), None)
    if canonical_actor and found.get("actor_raw") not in (None, canonical_actor):
        # a canonical table: where the name as written is missing, the canonical one stands
        pre = pre.with_columns(
            actor_raw=pl.coalesce(pl.col("actor_raw").replace("", None),
                                  raw.get_column(canonical_actor).str.strip_chars())
        )  # fmt: skip
    if "source_ref" not in found:
        pre = pre.with_columns(
            source_ref=pl.concat_str(pl.lit(source_name + ":"), pl.col("line").cast(pl.Utf8))
        )
    pre = pre.with_columns(  # an empty cell is a missing value
        pl.when(pl.col(c) != "").then(pl.col(c)).alias(c)
        for c in pre.columns
        if pre.schema[c] == pl.Utf8
    )
    all_failures = [f for f in [*failures, *kind_failures, *number_failures] if f.height]
    fail = pl.concat(all_failures) if all_failures else schema.failure_frame()
    notes = [dates.pivot_note(options.get("years"))] if pivoted else []
    return Mapped(pre, fail, notes=notes)


def _unused(raw: pl.DataFrame, mapping: dict[str, str] | None) -> dict[str, str | None]:
    from timeline.ingest.coverage import unused_columns

    columns = [c for c in raw.columns if c != "line"]
    return unused_columns(columns, roles(columns, mapping))


register(
    Adapter(
        "table",
        "tbl",
        _detect,
        map_table,
        doc="a generic table with the usual headers (Date, Type, Group, ...)",
        date_columns=date_columns,
        lists_unused=_unused,
    )
)
