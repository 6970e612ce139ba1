"""`timeline article FILE --published DATE`: extract events from a news article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, fail, open_store


@app.command()
def article(
    file: Annotated[Path, typer.Argument(help="The article as a text file.")],
    published: Annotated[str, typer.Option(help="Publication date, e.g. 2014-01-24.")],
    tz: Annotated[str, typer.Option(help="Zone the article writes in.")] = "UTC",
    source: Annotated[str | None, typer.Option(help="Outlet name.")] = None,
    url: Annotated[str | None, typer.Option(help="Link to the article.")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Store candidates without asking.")] = False,
    store: StoreOpt = None,
) -> None:
    """Extract candidate events ("Thursday", "a few hours later") and store the ones you keep.

    Times are read against --published in --tz. Candidates are listed for confirmation
    unless --yes.
    """
    import pandas as pd

    from timeline.errors import TimeParseError

    text = file.read_text(encoding="utf-8")
    try:
        stamp = pd.Timestamp(published)
    except ValueError:
        raise TimeParseError(f"--published {published!r} is not a date (e.g. 2014-01-24)") from None
    target = open_store(store, create=True)
    if not hasattr(target, "ingest_article"):
        fail("article extraction is not available in this version")
    try:
        import timeline.articles.review  # noqa: F401
    except ImportError:
        fail("article extraction (timeline.articles.review) is not installed yet")
    options = {"tz": tz, "source": source, "url": url}
    cands = target.ingest_article(text, stamp.date().isoformat(), **options)
    cols = [c for c in ("event_id", "kind", "subtype", "t_start", "t_end", "time_text")
            if c in cands.columns]  # fmt: skip
    typer.echo(cands[cols].to_string(index=False, max_colwidth=40))
    if not yes and not typer.confirm(f"Store these {len(cands)} event(s)?", default=False):
        fail("nothing stored (answer y, or pass --yes)")
    result = target.ingest_article(text, stamp.date().isoformat(), review=True, **options)
    report = getattr(result, "report", None)
    typer.echo(report.summary() if report is not None else repr(result))
