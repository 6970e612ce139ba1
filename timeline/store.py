"""EventStore: the DuckDB event store (a file, or in memory).

Each ingest is one transaction: all valid rows of a source or none, so a load that
fails or is killed midway leaves the store as it was. Event ids are stable, so
loading the same rows again adds nothing. Every load is logged, with the rows it
rejected and why.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FunctionType
from typing import TYPE_CHECKING, Any

import duckdb
import polars as pl

from timeline import schema
from timeline.errors import StoreError, StoreLockedError, TimelineError, ValidationError
from timeline.frames import is_pandas, to_pandas
from timeline.ingest import OnError, Progress, open_source, raise_if_rejected, stream
from timeline.ingest.report import IngestReport
from timeline.staging import Staging
from timeline.timeexpr import interval

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    import pandas as pd

    from timeline.api import Output
    from timeline.articles.batch import ArticleRecord
    from timeline.articles.review import ArticleIngest, MergePlan, Review

_SQL_TYPES = {pl.Utf8: "VARCHAR", pl.Float64: "DOUBLE", pl.Int64: "BIGINT"}


def _sql_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Enum):
        return "VARCHAR"
    if isinstance(dtype, pl.Datetime):
        return "TIMESTAMPTZ"
    return _SQL_TYPES[dtype]


# Long free text is stored with zstd: DuckDB's default (FSST after trying each method) took
# twice as long to write ACLED's notes and attributes and made the file three times larger.
_ZSTD = {"excerpt", "attrs", "url", "time_text"}


def _ddl() -> list[str]:
    cols = ",\n  ".join(
        f"{c.name} {_sql_type(c.dtype)}" + (" USING COMPRESSION zstd" if c.name in _ZSTD else "")
        for c in schema.COLUMNS
    )
    return [
        f"CREATE TABLE IF NOT EXISTS events (\n  {cols},\n  load_id INTEGER\n)",
        """CREATE TABLE IF NOT EXISTS loads (
            load_id INTEGER, source VARCHAR, format VARCHAR, file_hash VARCHAR,
            rows_read BIGINT, added BIGINT, duplicates BIGINT, rejected BIGINT, skipped BIGINT,
            started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ)""",
        """CREATE TABLE IF NOT EXISTS rejected (
            load_id INTEGER, line BIGINT, reason VARCHAR, raw VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS merged (
            member_id VARCHAR, event_id VARCHAR, load_id INTEGER)""",
    ]


def _utc(value: Any, name: str) -> datetime | None:
    if value is None:
        return None
    if is_pandas(value, "Timestamp"):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    try:
        return interval(value, "UTC").start
    except TimelineError as exc:
        raise TimelineError(f"{name}={value!r}: {exc}") from exc


def _serialized(cls: type) -> type:
    """Run every method of `cls` under the instance's own RLock.

    A DuckDB connection must not be used from two threads at once (the dashboard's
    sessions share stores), so the store serializes itself and any caller is safe.
    Reentrant: a method that calls another (or a callback into the store) does not block.
    """
    skip = {"__init__", "__enter__", "__exit__"}
    for name, member in list(vars(cls).items()):
        if isinstance(member, FunctionType) and name not in skip:
            setattr(cls, name, _under_lock(member))
    init = cls.__init__

    @functools.wraps(init)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        self._lock = threading.RLock()
        init(self, *args, **kwargs)

    cls.__init__ = __init__  # type: ignore[misc]
    return cls


def _under_lock(method: Any) -> Any:
    @functools.wraps(method)
    def locked(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return locked


@_serialized
class EventStore:
    """A DuckDB file of canonical events (in memory when `path` is None).

    `memory_limit` caps DuckDB's own memory (it spills to disk beyond it), so loading a
    big file stays within bounded memory.
    """

    def __init__(
        self, path: str | Path | None = None, *, read_only: bool = False, memory_limit: str = "2GB"
    ):
        self.path = Path(path).expanduser() if path is not None else None
        target = str(self.path) if self.path else ":memory:"
        try:
            self._con = duckdb.connect(target, read_only=read_only and self.path is not None)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"The store {self.path} is open for writing in another process; close it "
                    "there (or open this one with read_only=True once it is closed)"
                ) from exc
            raise StoreError(f"Cannot open the store {self.path}: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a readable event store: {exc}") from exc
        self._con.execute("SET TimeZone='UTC'")
        self._con.execute(f"SET memory_limit='{memory_limit}'")  # DuckDB spills past it
        self._con.execute("SET enable_progress_bar=false")
        if not read_only:
            for statement in _ddl():
                self._con.execute(statement)

    # -- writing ---------------------------------------------------------------------------

    def ingest(
        self,
        source: str | Path | pd.DataFrame | pl.DataFrame,
        format: str = "auto",
        mapping: dict[str, str] | None = None,
        on_error: OnError = "raise",
        tz: str | None = None,
        *,
        dayfirst: bool | None = None,
        actors: str | Path | None = None,
        progress: Progress | None = None,
        name: str | None = None,
        **options: Any,
    ) -> IngestReport:
        """Load a file or frame in one transaction; returns what was added and rejected.

        on_error="raise": any bad row -> ValidationError naming every bad line, and
        nothing is written. on_error="skip": good rows are written, bad ones reported.
        """
        if on_error not in ("raise", "skip"):
            raise TimelineError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
        src, adapter, report = open_source(source, format=format, name=name, mapping=mapping)
        started = datetime.now(UTC)
        batches = stream(src, report, adapter=adapter, mapping=mapping, tz=tz, dayfirst=dayfirst,
                         actors=actors, progress=progress, **options)  # fmt: skip
        try:
            self._load(batches, report, on_error, started)
        except (OSError, duckdb.Error) as exc:  # the real cause, not a failed rollback's
            full = "space" in str(exc).lower() or getattr(exc, "errno", None) == errno.ENOSPC
            hint = " The disk (or the temporary folder) is full." if full else ""
            raise StoreError(
                f"Loading {report.source} into the store {self.path or '(in memory)'} failed: "
                f"{exc}. Nothing was stored.{hint}"
            ) from exc
        return report

    def _load(self, batches, report: IngestReport, on_error: OnError, started: datetime) -> None:
        with Staging() as staging:
            bad = 0
            for batch, rejected in batches:
                bad += rejected
                if on_error == "raise" and bad:
                    continue  # keep reading to name every bad line; nothing more is staged
                staging.add(batch)
            if on_error == "raise":
                raise_if_rejected(report)
            self._publish(report, staging, started)

    def _publish(
        self,
        report: IngestReport,
        staging: Staging,
        started: datetime,
        *,
        links: pl.DataFrame | None = None,
    ) -> None:
        """Staged rows not already in the store -> events, and the log: all or nothing.

        `links` (member_id, event_id): stored rows that merged events replace; they are
        deleted and remembered in the same transaction (article loads).

        One INSERT ... SELECT streams the staged rows, so DuckDB writes them out as it
        goes instead of holding the whole load in memory until the commit. It runs without
        insertion order (reads sort by time anyway): an order-preserving parallel insert
        leaves row groups that the next checkpoint (at the latest, on close) rewrites,
        which doubled the cost of a load.
        """
        names = ", ".join(schema.NAMES)
        self._con.begin()
        try:
            report.load_id = self._next_load_id()
            if links is not None and links.height:
                self._replace_members(links, report.load_id)
            if staging.rows:
                rows = staging.relation(self._con)
                distinct = self._con.execute(
                    f"SELECT count(DISTINCT event_id) FROM {rows}"
                ).fetchall()[0][0]
                first = (  # the same id twice in one source: keep its first line
                    "" if distinct == staging.rows
                    else " QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY line) = 1"
                )  # fmt: skip
                self._con.execute("SET preserve_insertion_order=false")
                try:
                    report.added = self._con.execute(
                        f"INSERT INTO events SELECT {names}, ? FROM {rows} s "
                        "WHERE event_id NOT IN (SELECT e.event_id FROM events e "
                        f"SEMI JOIN {rows} n ON e.event_id = n.event_id){first}",
                        [report.load_id],
                    ).fetchall()[0][0]
                finally:
                    self._con.execute("RESET preserve_insertion_order")
                    staging.release(self._con)
            report.duplicates = staging.rows - report.added
            self._log(report, started)
            self._con.commit()
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # a failed write may end the transaction
                self._con.rollback()  # first: keep the cause, not the rollback's complaint
            raise

    def _replace_members(self, links: pl.DataFrame, load_id: int) -> None:
        """Remove the stored reports that merged events replace and remember their ids;
        a link without a merged id is a row an article re-run replaces (not remembered)."""
        links = links.with_columns(load_id=pl.lit(load_id, pl.Int32))
        self._con.register("_links", links.to_arrow())
        try:
            self._con.execute("DELETE FROM events WHERE event_id IN (SELECT member_id FROM _links)")
            self._con.execute("INSERT INTO merged SELECT member_id, event_id, load_id FROM _links "
                              "WHERE event_id IS NOT NULL")  # fmt: skip
        finally:
            self._con.unregister("_links")

    def _next_load_id(self) -> int:
        return self._con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM loads").fetchall()[0][0]

    def _log(self, report: IngestReport, started: datetime) -> None:
        self._con.execute(
            "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                report.load_id,
                report.source,
                report.format,
                report.file_hash,
                report.rows_read,
                report.added,
                report.duplicates,
                report.n_rejected,
                sum(report.skipped.values()),
                started,
                datetime.now(UTC),
            ],
        )
        if report.n_rejected:
            rows = report.rejected_rows
            raw_cols = [c for c in rows.columns if c not in ("line", "reason")]
            raw = [json.dumps(r, default=str, ensure_ascii=False)
                   for r in rows.select(raw_cols).to_dicts()]  # rejected rows only  # fmt: skip
            frame = rows.select(
                load_id=pl.lit(report.load_id, pl.Int32),
                line=pl.col("line").cast(pl.Int64),
                reason="reason",
                raw=pl.Series(raw, dtype=pl.Utf8),
            )
            self._con.register("_rejected", frame.to_arrow())
            self._con.execute("INSERT INTO rejected SELECT * FROM _rejected")
            self._con.unregister("_rejected")

    def known_ids(self, ids: list[str]) -> set[str]:
        """Which of `ids` the store holds, as events or as reports merged into one."""
        if not ids:
            return set()
        rows = self._con.execute(
            "SELECT event_id FROM events WHERE event_id IN (SELECT unnest(?)) "
            "UNION SELECT member_id FROM merged WHERE member_id IN (SELECT unnest(?))",
            [list(ids), list(ids)],
        ).fetchall()
        return {r[0] for r in rows}

    def ingest_article(
        self,
        text: str,
        published: str | date | datetime,
        *,
        tz: str | None = None,
        published_tz: str | None = None,
        source: str | None = None,
        url: str | None = None,
        review: Review = None,
        replace: bool = False,
        output: Output = "pandas",
    ) -> pd.DataFrame | pl.DataFrame | ArticleIngest:
        """Candidate events of an article (review=None), or store the accepted ones.

        `tz` is the zone of the place the events happened (required: never UTC by default);
        `published_tz` the outlet's, when `published` is a day on another clock.
        `review`: True (all), a DataFrame of the accepted (possibly edited) candidates, or
        a function that picks them (see `timeline.articles.review`). Accepted reports of
        events already stored are merged with them; one transaction, logged as a load.
        `replace=True` removes, in that transaction, what earlier loads of this article
        stored (found by its URL, else outlet and text): a re-run with corrected options.
        """
        from timeline.api import frame
        from timeline.articles import extract as ex
        from timeline.articles import review as rv

        notes: list[str] = []

        def extract() -> pl.DataFrame:
            found, said = ex.extract(text, published, tz, source, url, published_tz=published_tz)
            notes.extend(said)
            return found

        if review is None:
            return frame(extract(), output=output)
        accepted = rv.accepted_rows(extract, review, shown=lambda c: frame(c, output=output))
        name = url or source or "article"
        rows = schema.validate(rv.canonical(accepted), source=name)  # the one check
        old = self._article_rows(text, source, url) if replace else []
        plan, known = self._article_plan(rows, old)
        report = rv.load_report(name, plan, notes=notes)
        with Staging() as staging:
            staging.add(plan.rows)
            self._publish(report, staging, datetime.now(UTC), links=plan.links)
        report.duplicates += known
        merges = frame(plan.merges, output=output)
        return rv.ArticleIngest(report, frame(accepted, output=output), merges)

    def _article_plan(self, rows: pl.DataFrame, old: list[str]) -> tuple[MergePlan, int]:
        """What an article load writes (its new rows merged with stored reports of the same
        events within the merge's reach of a day, minus those it replaces), and how many of
        its rows the store already holds."""
        from timeline.articles.review import merge_plan

        known = self.known_ids(rows["event_id"].to_list()) - set(old)
        fresh = rows.filter(~pl.col("event_id").is_in(list(known)))
        reach = timedelta(days=1)  # the merge's reach: a point event at the window's end too
        stored = (
            self.events_pl(fresh["t_start"].min() - reach, fresh["t_end"].max() + reach)
            if fresh.height else rows.clear()
        )  # fmt: skip
        stored = stored.filter(~pl.col("event_id").is_in(old))
        return merge_plan(fresh, stored, replaced=old), rows.height - fresh.height

    def _article_rows(self, text: str, source: str | None, url: str | None) -> list[str]:
        """Ids of what earlier loads of this article stored; refuses when one was merged
        with another source's report (replacing it would lose that report)."""
        from timeline.articles.frame import article_ref

        ref = article_ref(text, source, url)
        merged = self._con.execute(
            "SELECT event_id FROM events WHERE source_ref <> ? AND "
            "list_contains(string_split(source_ref, '; '), ?) ORDER BY event_id",
            [ref, ref],
        ).fetchall()
        if merged:
            raise TimelineError(
                f"replace=True cannot undo a merge: {len(merged)} stored event(s) merge this "
                f"article's reports with other sources' ({', '.join(r[0] for r in merged[:3])}). "
                "Hint: remove those loads first (store.loads() lists them), then load again"
            )
        rows = self._con.execute(
            "SELECT event_id FROM events WHERE event_id LIKE 'art-%' AND source_ref = ?", [ref]
        ).fetchall()
        return [r[0] for r in rows]

    def ingest_articles(
        self,
        path: str | Path,
        *,
        tz: str | None = None,
        published_tz: str | None = None,
        source: str | None = None,
        review: Review = True,
        replace: bool = False,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> pd.DataFrame:
        """Every article of a folder (*.txt with a header, *.json) or a .jsonl file.

        One row per article: name, candidates, stored, merged, error. An article that
        cannot be read or stored is reported with its reason (an article with no zone of
        its own and no `tz` is one); the others go on. `tz`, `published_tz` and `source`
        are defaults for articles that do not give their own; `progress` is called as
        progress(done, total, name).
        """
        from timeline.api import frame
        from timeline.articles.batch import read_articles

        records = list(read_articles(path))
        defaults = {"tz": tz, "published_tz": published_tz, "source": source}
        rows = []
        for done, rec in enumerate(records, 1):
            rows.append(self._ingest_record(rec, defaults, review, replace))
            if progress is not None:
                progress(done, len(records), rec.name)
        cols = ["article", "candidates", "stored", "merged", "error"]
        table = pl.DataFrame(rows, schema=cols, orient="row", infer_schema_length=None)
        return frame(table)

    def _ingest_record(
        self, rec: ArticleRecord, defaults: dict[str, str | None], review: Review, replace: bool
    ) -> dict[str, Any]:
        row: dict[str, Any] = {"article": rec.name, "candidates": 0, "stored": 0, "merged": 0,
                               "error": rec.error}  # fmt: skip
        if rec.error:
            return row
        options = {"tz": rec.tz or defaults["tz"], "url": rec.url,
                   "published_tz": rec.published_tz or defaults["published_tz"],
                   "source": rec.source or defaults["source"] or rec.name}  # fmt: skip
        try:
            out = self.ingest_article(rec.text, rec.published, review=review, output="polars",
                                      replace=replace, **options)  # fmt: skip
        except TimelineError as exc:
            return {**row, "error": str(exc).splitlines()[0]}
        if review is None:
            return {**row, "candidates": len(out)}
        return {**row, "candidates": len(out.accepted), "stored": out.report.rows_read,
                "merged": len(out.merges)}  # fmt: skip

    # -- reading ---------------------------------------------------------------------------

    def events_pl(
        self,
        start: Any = None,
        end: Any = None,
        actors: list[str] | str | None = None,
        kinds: list[str] | str | None = None,
        countries: list[str] | str | None = None,
    ) -> pl.DataFrame:
        """Events overlapping [start, end), as polars in canonical dtypes, by time."""
        where, params = [], []
        if (t0 := _utc(start, "start")) is not None:
            where.append("t_end >= ?")
            params.append(t0)
        if (t1 := _utc(end, "end")) is not None:
            where.append("t_start < ?")
            params.append(t1)
        for column, values in (("actor", actors), ("kind", kinds), ("country", countries)):
            if values is not None:
                values = [values] if isinstance(values, str) else list(values)
                where.append(f"{column} IN (SELECT unnest(?))")
                params.append(values)
        sql = f"SELECT {', '.join(schema.NAMES)} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY t_start, t_end, event_id"
        frame = self._con.sql(sql, params=params).pl()
        return frame.with_columns(pl.col(n).cast(schema.DTYPES[n]) for n in schema.NAMES)

    def events(
        self,
        start: Any = None,
        end: Any = None,
        actors: Any = None,
        kinds: Any = None,
        countries: Any = None,
    ) -> pd.DataFrame:
        """Events overlapping [start, end) with the given actors/kinds/countries (pandas)."""
        return to_pandas(self.events_pl(start, end, actors, kinds, countries))

    def loads(self) -> pd.DataFrame:
        """The load log: source, file hash, rows read/added/duplicates/rejected, when."""
        return self._con.execute("SELECT * FROM loads ORDER BY load_id").df()

    def rejected(self, load_id: int | None = None) -> pd.DataFrame:
        """Rows refused by `skip` loads, with line, reason and the raw row as JSON."""
        sql = "SELECT * FROM rejected"
        params = []
        if load_id is not None:
            sql += " WHERE load_id = ?"
            params = [load_id]
        return self._con.execute(sql + " ORDER BY load_id, line", params).df()

    def export_parquet(self, folder: str | Path, *, overwrite: bool = False) -> Path:
        """Write every event to `folder` in the Parquet layout of `timeline.parquet`.

        DuckDB, polars and Spark read the folder; `ingest(folder)` loads it into a store.
        """
        from timeline import parquet

        path = parquet.prepare_folder(folder, overwrite)
        parquet.copy_relation(self._con, "events", path)
        return path

    def __len__(self) -> int:
        return self._con.execute("SELECT count(*) FROM events").fetchall()[0][0]

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = str(self.path) if self.path else "memory"
        try:
            return f"EventStore({where}: {len(self)} events)"
        except duckdb.Error:
            return f"EventStore({where}: closed)"


__all__ = ["EventStore", "ValidationError"]
