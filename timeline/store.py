"""EventStore: the DuckDB event store (a file, or in memory).

Each ingest is one transaction: all valid rows of a source or none, so a load that
fails or is killed midway leaves the store as it was. Event ids are stable, so
loading the same rows again adds nothing. Every load is logged, with the rows it
rejected and why.
"""

from __future__ import annotations

import contextlib
import errno
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import polars as pl

from timeline import loads as log
from timeline import schema
from timeline.errors import StoreError, TimelineError, ValidationError
from timeline.facets import Facets, store_facets
from timeline.frames import is_pandas, to_pandas
from timeline.ingest import OnError, Progress, open_source, raise_if_rejected, stream
from timeline.ingest.report import IngestReport
from timeline.staging import Staging
from timeline.storefile import LOCK_WAIT, Connections, check_file, path_lock, serialized
from timeline.timeexpr import interval

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from datetime import date

    import pandas as pd

    from timeline.api import Output
    from timeline.articles.batch import ArticleRecord
    from timeline.articles.review import ArticleIngest, MergePlan, Review


def _columns(columns: Sequence[str] | None) -> list[str]:
    """The canonical columns asked for, in table order (an unknown name is an error)."""
    if columns is None:
        return list(schema.NAMES)
    unknown = sorted(set(columns) - set(schema.NAMES))
    if unknown:
        raise TimelineError(
            f"columns {unknown} are not event columns. Hint: see timeline.schema.describe()."
        )
    return [n for n in schema.NAMES if n in set(columns)]


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


_WRITES = {"_publish", "ingest_article", "ingest_articles", "remove_load"}
_FREE = {"ingest", "_load", "reading"}  # reading and mapping a file holds no lock nor
# connection; `reading` takes both itself, for the length of its block


@serialized(_WRITES, _FREE)
class EventStore:
    """A DuckDB file of canonical events (in memory when `path` is None).

    A file store holds no connection between operations, so other processes can read the
    file while this one is idle, and write it when no one reads (see `timeline.storefile`);
    `lock_wait` is how long an operation waits for another process's write to finish.
    `read_only=True` never writes (the CLI's read commands, the dashboard's store files).
    `memory_limit` caps DuckDB's own memory (it spills to disk beyond it), so loading a
    big file stays within bounded memory.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        read_only: bool = False,
        memory_limit: str = "2GB",
        lock_wait: float = LOCK_WAIT,
    ):
        self.path = Path(path).expanduser() if path is not None else None
        self.read_only = read_only and self.path is not None
        self._lock = path_lock(self.path)
        if self.path is not None:
            check_file(self.path, must_exist=self.read_only)
        with self._lock:
            self._connections = Connections(
                self.path, read_only=self.read_only, memory_limit=memory_limit, wait=lock_wait
            )
            if not self.read_only:
                with self._connections.use(write=True) as con:
                    for statement in log.ddl():
                        con.execute(statement)

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        """The connection of the operation under way (see `timeline.storefile`)."""
        con = self._connections.con
        if con is None:
            raise StoreError("internal: the store was used outside an operation")
        return con

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
        replace: bool = False,
        delimiter: str | None = None,
        **options: Any,
    ) -> IngestReport:
        """Load a file or frame in one transaction; returns what was added and rejected.

        on_error="raise": any bad row -> ValidationError naming every bad line, and
        nothing is written. on_error="skip": good rows are written, bad ones reported.
        replace=True: the earlier loads of the same source (name, and path when both loads
        know it) are undone in the same transaction, so a re-run with corrected options
        (tz=, dayfirst=, mapping=) takes their place instead of being refused as
        duplicates. Without it, a load that adds rows beside an earlier load of the same
        source gets a loud warning naming
        `timeline undo` and replace=True (with strict=True it is refused: nothing stored);
        see `loads.rerun_warning` for why it is not always refused. `delimiter`: a text
        table's separator when it is not the comma (.csv) or tab (.tsv), e.g. ';'.
        """
        if on_error not in ("raise", "skip"):
            raise TimelineError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
        self._writable()
        src, adapter, report = open_source(source, format=format, name=name, mapping=mapping,
                                           delimiter=delimiter)  # fmt: skip
        started = datetime.now(UTC)
        given = {"format": format, "mapping": mapping, "on_error": on_error, "tz": tz,
                 "dayfirst": dayfirst, "actors": actors, "replace": replace,
                 "delimiter": delimiter, **options}  # fmt: skip
        batches = stream(src, report, adapter=adapter, mapping=mapping, tz=tz, dayfirst=dayfirst,
                         actors=actors, progress=progress, **options)  # fmt: skip
        try:
            self._load(batches, report, on_error, started, replace=replace, given=given)
        except (OSError, duckdb.Error) as exc:  # the real cause, not a failed rollback's
            full = "space" in str(exc).lower() or getattr(exc, "errno", None) == errno.ENOSPC
            hint = " The disk (or the temporary folder) is full." if full else ""
            raise StoreError(
                f"Loading {report.source} into the store {self.path or '(in memory)'} failed: "
                f"{exc}. Nothing was stored.{hint}"
            ) from exc
        return report

    def _load(
        self, batches, report: IngestReport, on_error: OnError, started: datetime, **how: Any
    ) -> None:
        with Staging() as staging:
            bad = 0
            for batch, rejected in batches:
                bad += rejected
                if on_error == "raise" and bad:
                    continue  # keep reading to name every bad line; nothing more is staged
                staging.add(batch)
            if on_error == "raise":
                raise_if_rejected(report)
            self._publish(report, staging, started, **how)

    def _publish(
        self,
        report: IngestReport,
        staging: Staging,
        started: datetime,
        *,
        links: pl.DataFrame | None = None,
        replace: bool = False,
        given: dict[str, Any] | None = None,
    ) -> None:
        """Staged rows not already in the store -> events, and the log: all or nothing.

        `links` (member_id, event_id): stored rows that merged events replace; they are
        moved to `retired` and remembered in the same transaction (article loads), so
        undoing this load restores them. `replace`: undo the earlier loads of the same
        source first, in this transaction. `given`: the options, kept in the log.

        One INSERT ... SELECT streams the staged rows, so DuckDB writes them out as it
        goes instead of holding the whole load in memory until the commit. It runs without
        insertion order (reads sort by time anyway): an order-preserving parallel insert
        leaves row groups that the next checkpoint (at the latest, on close) rewrites,
        which doubled the cost of a load.
        """
        names = ", ".join(schema.NAMES)
        self._writable()
        self._con.begin()
        try:
            report.load_id = self._next_load_id()
            rerun = not replace and given is not None  # a file load: warn when it adds twice
            earlier = (log.live_loads_of(self._con, report.source, path=report.path, with_rows=True)
                       if rerun else [])  # fmt: skip
            if replace:
                self._replace_earlier(report, started)
            if links is not None and links.height:
                log.retire(self._con, links, report.load_id)
            if staging.rows:
                rows = staging.relation(self._con)
                repeated = (
                    staging.maybe_repeated
                    and self._con.execute(
                        f"SELECT count(DISTINCT event_id) FROM {rows}"
                    ).fetchall()[0][0]
                    < staging.rows
                )
                first = (  # the same id twice in one source: keep its first line
                    " QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY line) = 1"
                    if repeated else ""
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
            self._warn_rerun(report, earlier, strict=bool((given or {}).get("strict")))
            self._log(report, started, given or {})
            self._con.commit()
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # a failed write may end the transaction
                self._con.rollback()  # first: keep the cause, not the rollback's complaint
            raise

    def _replace_earlier(self, report: IngestReport, started: datetime) -> None:
        """Undo the loads of the same source that are still in the store (replace=True)."""
        for load_id in log.live_loads_of(self._con, report.source, path=report.path):
            gone = log.remove(self._con, load_id, started, f"replaced by load {report.load_id}")
            report.notes.append(
                f"replaced load {load_id} of {report.source} ({gone['removed']} event(s))"
            )

    def _warn_rerun(self, report: IngestReport, earlier: list[int], *, strict: bool) -> None:
        """A loud warning when rows were added beside an earlier load of the same source."""
        warning = log.rerun_warning(report, earlier, strict=strict)
        if warning is not None and strict:  # raised inside the transaction: nothing stored
            raise TimelineError(f"{report.source} (strict): {warning}")
        if warning is not None:
            report.warnings.append(warning)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"the store {self.path} was opened read-only; open it without read_only=True "
                "to load or undo"
            )

    def _next_load_id(self) -> int:
        return self._con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM loads").fetchall()[0][0]

    def _log(self, report: IngestReport, started: datetime, given: dict[str, Any]) -> None:
        log.record(self._con, report, started, given)  # in the caller's transaction

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
        *,
        columns: Sequence[str] | None = None,
        ids: Sequence[str] | None = None,
    ) -> pl.DataFrame:
        """Events overlapping [start, end), as polars in canonical dtypes, by time.

        `columns`: only these canonical columns (all when None): an analysis that needs a
        few reads them in half the time. `ids`: only the events with these ids.
        """
        where, params = [], []
        if (t0 := _utc(start, "start")) is not None:
            where.append("t_end >= ?")
            params.append(t0)
        if (t1 := _utc(end, "end")) is not None:
            where.append("t_start < ?")
            params.append(t1)
        for column, values in (("actor", actors), ("kind", kinds), ("country", countries),
                               ("event_id", ids)):  # fmt: skip
            if values is not None:
                values = [values] if isinstance(values, str) else list(values)
                where.append(f"{column} IN (SELECT unnest(?))")
                params.append(values)
        names = _columns(columns)
        sql = f"SELECT {', '.join(names)} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY t_start, t_end, event_id"
        frame = self._con.sql(sql, params=params).pl()
        return frame.with_columns(pl.col(n).cast(schema.DTYPES[n]) for n in names)

    def facets(self) -> Facets:
        """What filters can offer: actors, countries, kinds, first/last day, the commonest
        zone and the count (`timeline.facets.Facets`), from SQL aggregates, not a read of
        every row."""
        return store_facets(self._con)

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

    @contextlib.contextmanager
    def reading(self) -> Iterator[EventStore]:
        """One read connection for the reads inside the block (each read otherwise opens
        its own, ~40 ms on a file): for a few quick reads in a row, since a writer in
        another process waits meanwhile."""
        with self._lock, self._connections.use(write=False):
            yield self

    def loads(self) -> pd.DataFrame:
        """The load log, one row per load: load_id, source, format, file hash, rows
        read/added/duplicates/rejected, when, the options (JSON), and when (and why) it was
        undone (`removed_at`, `removed_by`; empty while its rows are in the store)."""
        return to_pandas(log.log_frame(self._con))

    def remove_load(self, load_id: int) -> dict[str, int]:
        """Undo one load in one transaction: its rows go, and the reports it had merged
        into article events come back. Returns load_id, removed and restored counts.

        A load whose rows a later article load merged away cannot be undone before that
        one (the error names it). Rows a later load found already stored (its duplicates)
        belonged to this load and go with it: load that file again to bring them back.
        """
        self._writable()
        self._con.begin()
        try:
            done = log.remove(self._con, int(load_id), datetime.now(UTC), "undo")
            self._con.commit()
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                self._con.rollback()
            raise
        return done

    def version(self) -> int:
        """Grows with every load and undo (by any process): a cache key for readers."""
        return log.version(self._con)

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
        """Close the store (a file store holds no connection between operations)."""
        with self._lock:
            self._connections.close()

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
