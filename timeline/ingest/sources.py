"""Reading a source into raw text columns, in batches, with line numbers and a hash.

Every value is read as text (no type guessing), so a malformed value becomes a
reported row instead of a failed or silently coerced column.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from timeline import parquet
from timeline.errors import FormatError
from timeline.frames import is_pandas, to_polars
from timeline.ingest.blocks import read_blocks

if TYPE_CHECKING:
    import pandas as pd

BATCH_ROWS = 250_000


@dataclass(frozen=True)
class Source:
    """Where rows come from: a file (path) or an in-memory frame."""

    name: str
    path: Path | None = None
    frame: pl.DataFrame | None = None
    separator: str | None = None  # a text table's, when not its suffix's (',' or tab)
    skip: int = 0  # lines above the header (a title, blank lines; see `locate`)
    sheet: str | None = None  # a workbook's sheet (None: the first; see `locate`)

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower() if self.path else ""

    @property
    def sep(self) -> str:
        """The text table's separator: the one given, else tab for .tsv, else a comma."""
        return self.separator or ("\t" if self.suffix == ".tsv" else ",")


def as_source(
    source: str | Path | pl.DataFrame | pd.DataFrame,
    name: str | None = None,
    *,
    delimiter: str | None = None,
) -> Source:
    """Wrap a path or a pandas/polars frame; a missing file is a clear error.

    `delimiter`: a text table's separator (one character or 'semicolon', 'tab', ...),
    read in place by the block reader (no copy of the file).
    """
    if delimiter is not None:
        return _delimited(source, name, delimiter)
    if is_pandas(source):  # the one boundary converts; every value is checked later
        return Source(name or "dataframe", frame=to_polars(source, what="table", rules=False))
    if isinstance(source, pl.DataFrame):
        return Source(name or "dataframe", frame=source)
    if isinstance(source, str | Path):
        path = Path(source).expanduser()
        if not (path.is_file() or parquet.is_event_folder(path)):
            raise FormatError(f"File not found: {path}")
        return Source(name or path.name, path=path)
    raise FormatError(
        f"Cannot read events from a {type(source).__name__}; give a file path or a DataFrame"
    )


def _delimited(source: object, name: str | None, delimiter: str) -> Source:
    from timeline.delimited import TEXT, separator

    if not isinstance(source, str | Path):
        raise FormatError("delimiter= applies to a text file, not to a DataFrame")
    sep = separator(delimiter)
    src = as_source(source, name)
    if src.suffix not in TEXT:
        raise FormatError(
            f"{src.name}: delimiter= applies to text tables (.csv, .tsv, .txt), not {src.suffix!r}"
        )
    return Source(src.name, path=src.path, separator=sep)


def file_hash(source: Source) -> str:
    """sha256 of the file's bytes, or of the frame's content for in-memory sources."""
    digest = hashlib.sha256()
    if source.path is not None and source.path.is_dir():  # an event folder: its data files
        for part in parquet.files(source.path):
            digest.update(str(part.relative_to(source.path)).encode())
            digest.update(bytes.fromhex(file_hash(Source(part.name, path=part))))
    elif source.path is not None:
        with source.path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    elif source.frame is not None:
        digest.update(source.frame.hash_rows(seed=0).to_numpy().tobytes())
    return digest.hexdigest()


_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ASCII = bytes(range(128))


def utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for UTF-16 text (Excel's "Unicode Text" export: a BOM, or
    NULs in every other byte of ASCII-heavy text), else None."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"
    sample = data[:4096]
    if len(sample) < 8 or sample.count(0) * 3 < len(sample):
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    return "utf-16-le" if odd > 2 * even else "utf-16-be" if even > 2 * odd else None


def head_text(path: Path, size: int = 1 << 16) -> str:
    """The file's first `size` bytes as text: UTF-16 decoded as such, else UTF-8 (bad bytes
    replaced), without a byte-order mark. For peeking at headers, not for reading rows."""
    with path.open("rb") as fh:
        data = fh.read(size)
    codec = utf16(data)
    if codec:
        data = data[2:] if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data
        return data[: len(data) // 2 * 2].decode(codec, errors="replace")
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def sniff(path: Path) -> tuple[str, bool]:
    """(encoding, CR-only line ends) from the file's first 4 MB.

    UTF-16 when it says so (`utf16`). UTF-8 unless the sample is not UTF-8 and its high
    bytes are mostly not UTF-8 sequences: then it is a single-byte Windows-1252 file
    (GTD's export), read as such. A UTF-8 file with a few bad bytes among many good
    sequences (Arabic names) stays UTF-8, and its bad lines are rejected; it is never
    re-decoded as a whole.
    """
    with path.open("rb") as fh:
        data = fh.read(1 << 22)
    codec = utf16(data)
    if codec:
        text = data[: len(data) // 2 * 2].decode(codec, errors="replace")
        return codec, text.count("\r") - text.count("\r\n") > text.count("\n")
    crlf = data.count(b"\r\n")  # CR line ends: more lone CRs than LFs (a quoted value may
    cr_only = data.count(b"\r") - crlf > data.count(b"\n")  # hold an LF of its own)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start <= len(data) - 4:  # not just a character cut at the sample's end
            high = len(data.translate(None, _ASCII))
            in_sequences = sum(len(m) for m in _MULTIBYTE.findall(data))
            if in_sequences * 2 < high:
                return "cp1252", cr_only
    return "utf-8", cr_only


def date_only_columns(source: Source) -> set[str]:
    """Naive date-time columns whose every value is a midnight: dates, not 00:00 times.

    Decided once for the whole column (pandas `datetime64`, Parquet timestamps), so one
    event at a real midnight in a column of clock times stays a clock time.
    """
    if source.frame is not None:
        lazy = source.frame.lazy()
    elif source.suffix == ".parquet":
        lazy = pl.scan_parquet(source.path)
    else:
        return set()
    schema = lazy.collect_schema()
    naive = [n for n, t in schema.items() if isinstance(t, pl.Datetime) and not t.time_zone]
    if not naive:
        return set()
    midnight = lazy.select(
        (pl.col(n).drop_nulls().dt.time() == time(0)).all().alias(n) for n in naive
    ).collect()
    return {n for n in naive if midnight.get_column(n).item()}


def _text_frame(frame: pl.DataFrame, dates: set[str] = frozenset()) -> pl.DataFrame:
    """Typed columns -> text; aware times keep their offset, dates stay dates."""
    out = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.Datetime) and dtype.time_zone:
            out.append(col.dt.convert_time_zone("UTC").dt.strftime("%Y-%m-%dT%H:%M:%S%.f+00:00"))
        elif isinstance(dtype, pl.Datetime):
            out.append(col.dt.strftime("%Y-%m-%d" if name in dates else "%Y-%m-%dT%H:%M:%S%.f"))
        elif dtype == pl.Date:
            out.append(col.dt.strftime("%Y-%m-%d"))
        else:
            out.append(col.cast(pl.Utf8))
    return frame.select(out)


def _column_text(values: list[object]) -> list[object]:
    """An Excel column as text: date-times all at midnight are date cells, not 00:00."""
    stamps = [v for v in values if isinstance(v, datetime)]
    day = bool(stamps) and all(v.time() == time(0) for v in stamps)
    return [_cell_text(v, day) for v in values]


def _cell_text(value: object, day: bool) -> object:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d" if day else "%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return None if value is None or value != value else str(value)


def _excel(path: Path, skip: int = 0, sheet: str | None = None) -> pl.DataFrame:
    """A sheet's cells as text (the first unless named; cell by cell: sheets are small).

    The first row (after `skip` title rows) is the header; a blank row is a row of
    missing values (the load skips it), so lines are the sheet's rows. Any file openpyxl
    cannot read (corrupt, not a workbook, no sheet) is a FormatError naming the file; a
    blank sheet has no columns, a header-only one no rows.
    """
    try:
        rows = _sheet_rows(path, sheet)
    except Exception as exc:  # openpyxl raises many types (zipfile, XML, KeyError...)
        raise FormatError(
            f"{path.name}: cannot read this Excel file ({type(exc).__name__}: {exc}); "
            "open it in a spreadsheet and save it again as .xlsx or CSV"
        ) from exc
    rows = rows[skip:]
    names = _header_names(rows[0] if rows else ())
    body = rows[1:]
    columns = [[row[i] if i < len(row) else None for row in body] for i in range(len(names))]
    return pl.DataFrame(
        {name: _column_text(values) for name, values in zip(names, columns, strict=True)},
        schema={name: pl.Utf8 for name in names},
    )


def sheet_names(path: Path) -> list[str]:
    """A workbook's sheets in order ([] when it cannot be read: its reader says why)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception:
        return []
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _sheet_rows(path: Path, sheet: str | None = None, limit: int | None = None) -> list[tuple]:
    """A sheet's rows (the first unless named) up to its last non-blank one, as tuples of
    cell values (errors as None). Blank rows inside stay: a row's line is its sheet row."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        chosen = book[sheet] if sheet is not None else book.worksheets[0]
        rows = [tuple(_cell(c) for c in row) for row in chosen.iter_rows(max_row=limit)]
    finally:
        book.close()
    filled = [i for i, row in enumerate(rows) if any(v is not None for v in row)]
    return rows[: filled[-1] + 1] if filled else []


def _cell(cell) -> object:
    """A cell's value: error cells (#N/A) and empty text are missing; whole numbers ints."""
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "e" or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _header_names(first: tuple) -> list[str]:
    """Header cells as unique names ('Unnamed: 2' for a blank one, 'Date.1' for a repeat)."""
    while first and first[-1] is None:  # trailing blank header cells hold no column
        first = first[:-1]
    names: list[str] = []
    for i, value in enumerate(first):
        name = f"Unnamed: {i}" if value is None else str(value)
        base, k = name, 1
        while name in names:
            name, k = f"{base}.{k}", k + 1
        names.append(name)
    return names


def read_csv_batches(
    path: Path,
    *,
    separator: str = ",",
    has_header: bool = True,
    columns: list[str] | None = None,
    batch_rows: int = BATCH_ROWS,
    quoted: bool | None = None,
    skip: int = 0,
) -> Iterator[pl.DataFrame]:
    """Text batches of a delimited file, in record-aligned blocks (bounded memory), from
    the header after `skip` lines (a title above it).

    A cp1252 file (GTD's export) or one with CR-only line ends (old Mac spreadsheets) is
    rewritten block by block into a temporary UTF-8 copy with LF line ends first: a
    single-byte encoding can be cut anywhere, so memory stays bounded.
    """
    with tempfile.TemporaryDirectory(prefix="timeline-") as tmp:
        encoding, cr_only = sniff(path)
        if encoding != "utf-8" or cr_only:
            path = _transcoded(path, Path(tmp) / "utf8.csv", encoding, cr_only)
        yield from read_blocks(
            path, separator=separator, has_header=has_header, columns=columns,
            batch_rows=batch_rows, quoted=quoted, skip=skip,
        )  # fmt: skip


def _transcoded(
    path: Path, target: Path, encoding: str, cr_only: bool, block_size: int = 1 << 22
) -> Path:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")  # a block boundary
    with path.open("rb") as src, target.open("wb") as dst:  # may cut a UTF-16 character
        for block in iter(lambda: src.read(block_size), b""):
            if encoding != "utf-8":
                block = decoder.decode(block).lstrip("\ufeff").encode("utf-8")
            dst.write(block.replace(b"\r", b"\n") if cr_only else block)
        dst.write(decoder.decode(b"", final=True).encode("utf-8"))
    return target


def iter_raw(source: Source, *, batch_rows: int | None = None) -> Iterator[pl.DataFrame]:
    """Raw text batches with a `line` column (header = line 1; frames count rows from 1)."""
    batch_rows = batch_rows or BATCH_ROWS
    first_line = 1 if source.frame is not None else 2 + source.skip
    done = 0
    typed = source.frame is not None or source.suffix in {".parquet", ".jsonl", ".ndjson"}
    dates = date_only_columns(source) if typed else set()
    for batch in _batches(source, batch_rows):
        batch = _text_frame(batch, dates) if typed else batch
        yield batch.with_row_index("line", offset=first_line + done).with_columns(
            pl.col("line").cast(pl.Int64)
        )
        done += batch.height


def _batches(source: Source, batch_rows: int) -> Iterator[pl.DataFrame]:
    if source.frame is not None:
        yield from source.frame.iter_slices(batch_rows)
        return
    suffix = source.suffix
    try:
        if suffix in {".csv", ".txt", ".tsv"}:
            yield from read_csv_batches(source.path, separator=source.sep, batch_rows=batch_rows,
                                        quoted=source.sep != "\t", skip=source.skip)  # fmt: skip
        elif suffix in {".xlsx", ".xls"}:
            yield from _excel(source.path, source.skip, source.sheet).iter_slices(batch_rows)
        elif suffix == ".parquet":
            yield from pl.scan_parquet(source.path).collect_batches(chunk_size=batch_rows)
        elif suffix in {".jsonl", ".ndjson"}:
            yield from pl.read_ndjson(source.path).iter_slices(batch_rows)
        else:
            raise FormatError(
                f"{source.name}: unknown file type {suffix!r}; use CSV, TSV, Excel (.xlsx), "
                "Parquet or JSON Lines"
            )
    except pl.exceptions.PolarsError as exc:
        first = str(exc).strip().splitlines()[0]
        raise FormatError(f"{source.name}: cannot read the file ({first})") from exc


def header(source: Source) -> list[str]:
    """Column names without reading the whole source."""
    if source.frame is not None:
        return list(source.frame.columns)
    if source.suffix in {".csv", ".txt", ".tsv"} and source.skip:
        from timeline.ingest.locate import first_records

        records = first_records(source, source.skip + 1)
        return list(records[source.skip]) if len(records) > source.skip else []
    if source.suffix in {".csv", ".txt", ".tsv"}:
        sep = source.sep
        first = re.split(r"\r\n?|\n", head_text(source.path), maxsplit=1)[0]  # CR-only too
        quote = None if sep == "\t" else '"'
        return next(
            iter(
                pl.read_csv(
                    io.StringIO(first + "\n"),
                    separator=sep,
                    has_header=False,
                    infer_schema=False,
                    quote_char=quote,
                ).rows()
            ),
            (),
        )
    if source.suffix in {".xlsx", ".xls"}:
        return list(_excel(source.path, source.skip, source.sheet).columns)  # header-only: no batch
    if source.suffix == ".parquet":
        return list(pl.read_parquet_schema(source.path))
    first = next(iter(_batches(source, 10)), None)
    return list(first.columns) if first is not None else []
