"""Adapters: generic tables and public datasets -> canonical events, in batches.

`stream` drives any adapter: read a batch, map it, finish it (zones, UTC intervals,
actors, ids, validation), and hand valid events and rejected rows to the caller,
reporting progress. `timeline.api.read_events` collects it into one validated table;
`EventStore.ingest` writes it in one transaction.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Literal

import polars as pl

from timeline import actors as actor_tables
from timeline import schema
from timeline.errors import FormatError, TimeParseError, ValidationError
from timeline.frames import without_lines
from timeline.ingest import records
from timeline.ingest.coverage import Coverage, enforce, typo_warnings
from timeline.ingest.finish import Prepared, complete, prepare
from timeline.ingest.formats import Adapter, Mapped, choose, names
from timeline.ingest.ids import Occurrences
from timeline.ingest.locate import sheet_note, sheets_to_try, skipping_titles
from timeline.ingest.order import FileOrder, Peekable
from timeline.ingest.report import IngestReport, rejected_frame
from timeline.ingest.sources import Source, as_source, file_hash

Progress = Callable[[int, int | None], None]
OnError = Literal["raise", "skip"]
_AHEAD = 2  # batches mapped at once: polars runs each mostly on one core

__all__ = ["IngestReport", "Mapped", "formats", "stream"]


def formats() -> list[str]:
    """The layouts `format=` accepts (besides 'auto')."""
    return names()


def _estimate_rows(source: Source) -> int | None:
    if source.frame is not None:
        return source.frame.height
    if source.suffix in {".csv", ".tsv", ".txt"}:
        with source.path.open("rb") as fh:
            lines = sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 24), b""))
        return max(lines - 1, 0)
    return None


def check_zone(tz: str | None) -> None:
    """An unknown `tz=` is a clear error before anything is read."""
    if tz is not None and tz not in schema.ZONES:
        raise TimeParseError(
            f"unknown time zone tz={tz!r}; use an IANA name like 'Africa/Cairo' or 'Europe/Madrid'"
        )


def _problems(raw: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the batch without the reader's problem column, a failure per flagged line)."""
    if records.PROBLEM not in raw.columns:
        return raw, schema.failure_frame()
    flagged = raw.filter(pl.col(records.PROBLEM).is_not_null()).select(
        "line", column=pl.lit(None, pl.Utf8), value=pl.lit(None, pl.Utf8),
        reason=pl.col(records.PROBLEM),
    )  # fmt: skip
    return raw.drop(records.PROBLEM), flagged


def _blank(column: str) -> pl.Expr:
    text = pl.col(column).cast(pl.Utf8)
    return text.is_null() | (text.str.strip_chars() == "")


def _without_blank_rows(raw: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """The batch without rows whose every cell is empty (a spreadsheet's trailing ',,,,'
    lines, a blank line): they hold no event, so they are counted as skipped, not rejected.
    Only rows whose first cell is empty are looked at, so the usual batch costs one check."""
    cols = [c for c in raw.columns if c != "line"]
    if not cols:
        return raw, 0
    maybe = raw.filter(_blank(cols[0]))
    if not maybe.height:
        return raw, 0
    blank = maybe.filter(pl.all_horizontal(_blank(c) for c in cols)).get_column("line")
    if not blank.len():
        return raw, 0
    return raw.filter(~pl.col("line").is_in(blank.implode())), blank.len()


def _merge(report: IngestReport, mapped: Mapped, done) -> None:
    for key, count in mapped.skipped.items():
        report.skipped[key] = report.skipped.get(key, 0) + count
    for key, count in done.zones.items():
        report.zones[key] = report.zones.get(key, 0) + count
    report.notes += [n for n in [*mapped.notes, *done.notes] if n not in report.notes]


def _mapped(adapter: Adapter, raw: pl.DataFrame, source: Source, **options) -> Mapped:
    """The adapter's mapping; a column its layout needs and the file lacks is a FormatError."""
    try:
        return adapter.map_batch(raw, source_name=source.name, **options)
    except pl.exceptions.ColumnNotFoundError as exc:
        missing = str(exc).split('"')[1] if '"' in str(exc) else str(exc).splitlines()[0]
        raise FormatError(
            f"{source.name}: the {adapter.name} layout needs a column {missing!r} that the file "
            f"lacks (columns: {', '.join(c for c in raw.columns if c != 'line')[:300]}); "
            "choose another format= or pass mapping="
        ) from exc


def stream(
    source: Source,
    report: IngestReport,
    *,
    adapter: Adapter,
    mapping: dict[str, str] | None = None,
    tz: str | None = None,
    dayfirst: bool | None = None,
    actors: actor_tables.ActorTable | str | Path | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    years: tuple[int, int] | None = None,
    **options,
) -> Iterator[pl.DataFrame]:
    """(valid events with `line`, rejected count) batch by batch; the report fills in.

    `years` is the plausible range of years (default 1900 to next year); `strict=True`
    turns the report's warnings (unused headers that look like a role, no actor or no
    place in any row) into an error.
    """
    check_zone(tz)
    if options.get("kind") is not None and adapter.name != "table":
        raise FormatError(
            f"kind= is for a generic table without a type column; the {adapter.name} layout "
            "has its own event types"
        )
    table = actor_tables.table(actors)
    hashing = ThreadPoolExecutor(1, thread_name_prefix="timeline-hash")
    digest = hashing.submit(file_hash, source)  # reads the file alongside the parse (no GIL)
    hashing.shutdown(wait=False)
    total = _estimate_rows(source) if progress else None
    rejected, unknown, coverage, occurrences = [], set(), Coverage(), Occurrences()
    repeats, first = 0, True
    order = FileOrder(source, adapter, dayfirst=dayfirst, mapping=mapping, years=years)
    batches = Peekable(adapter.read(source))
    mapping_pool = ThreadPoolExecutor(_AHEAD, thread_name_prefix="timeline-map")
    pending: deque[Future[tuple[pl.DataFrame, pl.DataFrame, Mapped, Prepared]]] = deque()

    def prepared(raw: pl.DataFrame, problems: pl.DataFrame, **how) -> tuple:
        mapped = _mapped(adapter, raw, source, mapping=mapping, dayfirst=dayfirst, years=years,
                         **how, **options)  # fmt: skip
        ready = prepare(mapped.pre, source_name=source.name, id_prefix=adapter.id_prefix,
                        actors=table, tz=tz, confidence=adapter.confidence)  # fmt: skip
        return raw, problems, mapped, ready

    def completed(raw, problems, mapped: Mapped, ready: Prepared):
        done = complete(ready, occurrences)
        echoes = (pl.col("reason") == "missing value") & pl.col("line").is_in(
            pl.concat([mapped.failures, problems]).get_column("line").implode()
        )  # a consequence already reported
        failures = pl.concat([problems, mapped.failures, done.failures.filter(~echoes)]).unique(
            maintain_order=True
        )
        valid = without_lines(done.events, failures)
        report.rows_read += raw.height
        _merge(report, mapped, done)
        nonlocal repeats
        repeats += done.repeats
        unknown.update(done.unknown_actors)
        coverage.add(valid)
        if failures.height:
            rejected.append(rejected_frame(failures.sort("line"), raw))
        if progress:
            progress(report.rows_read, total)
        return valid, failures.height

    try:
        for raw in batches:  # decided in file order; mapped _AHEAD batches at a time
            raw, blank = _without_blank_rows(raw)  # a reader's problem keeps its row
            raw, problems = _problems(raw)
            if blank:
                report.rows_read += blank
                report.skipped["blank row(s)"] = report.skipped.get("blank row(s)", 0) + blank
            if first and adapter.lists_unused:
                report.unused_columns = adapter.lists_unused(raw, mapping)
            first = False
            how = {"date_order": order.order(raw, batches),
                   "midnight_dates": order.midnight_dates(raw, batches)}  # fmt: skip
            pending.append(mapping_pool.submit(prepared, raw, problems, **how))
            if len(pending) >= _AHEAD:
                yield completed(*pending.popleft().result())
        while pending:
            yield completed(*pending.popleft().result())
    finally:
        mapping_pool.shutdown(wait=True, cancel_futures=True)
    if rejected:
        report.rejected_rows = pl.concat(rejected, how="diagonal_relaxed")
    report.file_hash = digest.result()
    report.unknown_actors = {name: table.suggest(name) for name in sorted(unknown)[:200]}
    if repeats:
        report.notes.append(
            f"{repeats} row(s) repeat an earlier row's content exactly and were kept "
            "as distinct events (the file has no id column); if they are copies of one event, "
            "name its id column (mapping={'your id column': 'event_id'})"
        )
    _close(report, coverage, strict)


def _close(report: IngestReport, coverage: Coverage, strict: bool) -> None:
    """The load-wide notes and warnings; strict=True raises on a warning."""
    if report.rows_read == 0:
        report.notes.append("the source has no rows (only a header, or nothing after it)")
    if report.zones.get("utc-fallback"):
        report.notes.append(
            f"{report.zones['utc-fallback']} row(s) had no zone, country or coordinates and "
            "were read as UTC; pass tz= (e.g. tz='Africa/Cairo') to say where they happened"
        )
    if report.zones.get("main-zone"):
        report.notes.append(
            f"{report.zones['main-zone']} row(s) in countries with several zones (Spain, "
            "Argentina, USA...) without coordinates were read in the country's main zone "
            "(its capital's); give coordinates or a tz column where that is wrong"
        )
    report.warnings += typo_warnings(report.unused_columns) + coverage.warnings()
    enforce(report.warnings, strict=strict, source=report.source)


def open_source(
    source, *, format: str = "auto", name: str | None = None, mapping=None,
    delimiter: str | None = None,
):  # fmt: skip
    """(Source, adapter, fresh report) for a path or frame (`delimiter`: a text table's)."""
    src = as_source(source, name, delimiter=delimiter)
    if src.path is not None and src.path.stat().st_size == 0:
        raise FormatError(f"{src.name} is empty (0 bytes): nothing to load")
    sniffed = _sniffed(src) if delimiter is None else None
    if sniffed:
        src = Source(src.name, path=src.path, separator=sniffed)
    src, adapter, found = _located(src, format, mapping)
    report = IngestReport(source=src.name, format=adapter.name)
    report.notes += found
    if _utf16(src):
        report.notes.append("read as UTF-16 text (Excel's 'Unicode Text'), converted to UTF-8")
    report.path = str(src.path.resolve()) if src.path is not None else None
    if delimiter is not None:
        report.notes.append(f"read with delimiter {delimiter!r}")
    if sniffed:
        report.notes.append(
            f"read with delimiter {sniffed!r}: the header has no comma (pass delimiter= to choose)"
        )
    return src, adapter, report


def _located(src: Source, format: str, mapping) -> tuple[Source, Adapter, list[str]]:
    """The source read where its table is (below a title; on a later sheet of a workbook
    whose first sheet holds none), its adapter, and notes saying so."""
    notes: list[str] = []
    titled = skipping_titles(src) if format in ("auto", "table") else None
    if titled:
        src, notes = titled[0], [titled[1]]
    try:
        return src, choose(src, format, mapping=mapping), notes
    except FormatError:
        if format not in ("auto", "table"):
            raise
        for sheet in sheets_to_try(src):  # a workbook's later sheets, in order
            titled = skipping_titles(sheet)
            candidate = titled[0] if titled else sheet
            with contextlib.suppress(FormatError):
                adapter = choose(candidate, format, mapping=mapping)
                return candidate, adapter, [sheet_note(candidate)] + ([titled[1]] if titled else [])
        raise


def _utf16(src: Source) -> bool:
    from timeline.delimited import TEXT
    from timeline.ingest.sources import utf16

    if src.path is None or src.suffix not in TEXT or not src.path.is_file():
        return False
    with src.path.open("rb") as fh:
        return utf16(fh.read(4096)) is not None


def _sniffed(src: Source) -> str | None:
    from timeline.delimited import TEXT, sniff

    if src.path is None or src.suffix not in TEXT - {".tsv"} or not src.path.is_file():
        return None
    return sniff(src.path)


def raise_if_rejected(report: IngestReport) -> None:
    if report.n_rejected:
        failures = report.rejected_rows.select("line", "reason").with_columns(
            column=pl.lit(None, pl.Utf8), value=pl.lit(None, pl.Utf8)
        )
        raise ValidationError(failures, source=report.source)
