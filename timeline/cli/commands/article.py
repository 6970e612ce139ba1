"""`timeline article FILE --published DATE --tz ZONE`: extract events from a news article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, fail, open_store
from timeline.cli.output import echo

TZ_HELP = "Zone of the place the events happened, e.g. Africa/Cairo (required)."
PUBLISHED_TZ_HELP = "The outlet's zone, when its date is on another clock (default: --tz)."
REPLACE_HELP = "Replace what an earlier load of this article stored (a corrected re-run)."


@app.command()
def article(
    file: Annotated[Path, typer.Argument(help="The article as a text file.")],
    published: Annotated[str, typer.Option(help="Publication date, e.g. 2014-01-24.")],
    tz: Annotated[str | None, typer.Option(help=TZ_HELP)] = None,
    published_tz: Annotated[str | None, typer.Option(help=PUBLISHED_TZ_HELP)] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name.")] = None,
    url: Annotated[str | None, typer.Option(help="Link to the article.")] = None,
    replace: Annotated[bool, typer.Option("--replace", help=REPLACE_HELP)] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Store candidates without asking.")] = False,
    store: StoreOpt = None,
) -> None:
    """Extract candidate events ("Thursday", "a few hours later") and store the ones you keep.

    Clock times are read in --tz, the place's zone (an article is never read as UTC by
    default); "today" and "yesterday" count from --published on the outlet's clock
    (--published-tz, default --tz). Candidates are listed for confirmation unless --yes;
    the article is read once, and what you confirm is what is stored.
    """
    from timeline.api import frame
    from timeline.articles.extract import extract

    text = file.read_text(encoding="utf-8")
    day = _day(published)
    target = open_store(store, create=True)
    found, notes = extract(text, day, tz, source, url, published_tz=published_tz)
    for note in notes:  # which clock and which day the article was read against
        echo(f"note: {note}")
    cands = frame(found)
    cols = [c for c in ("event_id", "kind", "subtype", "t_start", "t_end", "time_text")
            if c in cands.columns]  # fmt: skip
    echo(cands[cols].to_string(index=False, max_colwidth=40))
    if not yes and not typer.confirm(f"Store these {len(cands)} event(s)?", default=False):
        fail("nothing stored (answer y, or pass --yes)")
    options = {"tz": tz, "published_tz": published_tz, "source": source, "url": url}
    result = target.ingest_article(text, day, review=found, replace=replace, **options)
    echo(result.report.summary())


def _day(published: str) -> str:
    """The publication day as ISO (a date-time's time is dropped: a day on the outlet's
    clock is what "today" counts from)."""
    import pendulum

    from timeline.errors import TimeParseError

    try:
        parsed = pendulum.parse(published.strip(), strict=False, tz=None)
    except ValueError:  # pendulum's ParserError is one
        parsed = None
    if not hasattr(parsed, "year"):
        raise TimeParseError(f"--published {published!r} is not a date (e.g. 2014-01-24)")
    return f"{parsed.year:04d}-{parsed.month:02d}-{parsed.day:02d}"
