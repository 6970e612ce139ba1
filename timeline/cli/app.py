"""The typer app, shared options, and the error boundary (exit 0 ok, 1 bad input, 2 usage)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from timeline.errors import TimelineError, ValidationError

app = typer.Typer(
    name="timeline",
    help=(
        "Event timelines and warning-to-attack lags for armed-group events.\n\n"
        "Without --store, commands use the bundled Cairo, January 2014 case. Examples:\n\n"
        "  timeline lags --trigger warning --response attack --within 7d\n\n"
        "  timeline chart timeline --out cairo.png\n\n"
        "  timeline brief --out brief.pdf\n\n"
        "  timeline ingest events.csv --store events.duckdb"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", help="DuckDB event store (default: the bundled Cairo case)."),
]


def open_store(path: Path | None, *, create: bool = False):
    """The store at `path` (read-only unless `create`: commands that write), or the bundled
    Cairo case in memory. A file that is not a store is refused, never written."""
    import timeline as tl

    if path is None:
        return tl.datasets.open_store("cairo-2014-01")
    return tl.EventStore(path, read_only=not create)


def fail(message: str) -> None:
    """One line on stderr, exit code 1."""
    from timeline.cli.output import echo

    echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def run() -> int:
    """Run the app, mapping library and OS errors to one line on stderr and exit code 1."""
    from timeline.cli import commands  # noqa: F401 - registers the subcommands
    from timeline.cli.output import clean

    try:
        code = app(standalone_mode=False)
    except ValidationError as exc:  # the bad lines are the reason: list them, no traceback
        typer.echo(clean(f"error: {exc}"), err=True)
        return 1
    except (TimelineError, OSError) as exc:
        text = clean(str(exc)).strip()  # a value quoted from a file may hold escapes
        typer.echo(f"error: {text.splitlines()[0] if text else type(exc).__name__}", err=True)
        return 1
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        return 1
    except Exception as exc:  # usage errors (click's, vendored by typer) arrive here
        if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            return exc.exit_code
        return _internal_error(exc)
    return code if isinstance(code, int) else 0


def _internal_error(exc: Exception) -> int:
    """A bug: one line naming it and a file with the traceback, never the traceback."""
    import tempfile
    import traceback

    from timeline.cli.output import clean

    with tempfile.NamedTemporaryFile(
        "w", prefix="timeline-error-", suffix=".txt", delete=False, encoding="utf-8"
    ) as fh:
        fh.write(" ".join(sys.argv) + "\n\n" + "".join(traceback.format_exception(exc)))
    first = clean(str(exc)).strip().splitlines()
    typer.echo(
        f"error: internal error ({type(exc).__name__}: {first[0][:200] if first else ''}). "
        f"This is a bug in timeline, not in your input; please report it with {fh.name}",
        err=True,
    )
    return 1
