"""`timeline ingest FILE`: load a file into a store with a progress bar, print the report.

Every option the library's messages suggest (tz=, dayfirst=, mapping=, years=, strict=,
replace=, actors=, a delimiter) has its flag here, so a hint is always something to type.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store
from timeline.cli.output import echo
from timeline.errors import TimelineError


def parse_mapping(text: str | None) -> dict[str, str] | None:
    """--mapping: a JSON object {"file column": "role"}, or the path of a .json file."""
    if text is None:
        return None
    raw = text.strip()
    if not raw.startswith("{"):
        path = Path(raw).expanduser()
        if not path.is_file():
            raise TimelineError(
                f"--mapping {text!r} is neither JSON nor a file; give e.g. "
                '--mapping \'{"Grup": "actor_raw"}\' or --mapping mapping.json'
            )
        raw = path.read_text(encoding="utf-8")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise TimelineError(f"--mapping is not valid JSON ({exc.msg} at char {exc.pos})") from None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise TimelineError('--mapping must be a JSON object of names, e.g. {"Grup": "actor_raw"}')
    return value


def parse_years(text: str | None) -> tuple[int, int] | None:
    """--years 1800-2030: the plausible years, inclusive."""
    if text is None:
        return None
    parts = text.replace(":", "-").replace("..", "-").split("-")
    try:
        lo, hi = (int(p) for p in parts)
    except ValueError:
        raise TimelineError(f"--years {text!r}: give two years, e.g. --years 1800-2030") from None
    if lo > hi:
        raise TimelineError(f"--years {text!r}: the first year is after the second")
    return lo, hi


@app.command()
def ingest(
    file: Annotated[Path, typer.Argument(help="CSV, Excel, Parquet, GTD, ACLED, ... file.")],
    format: Annotated[str, typer.Option("--format", help="Adapter name, or auto.")] = "auto",
    store: StoreOpt = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Store the good rows, report the bad ones.")
    ] = False,
    tz: Annotated[
        str | None, typer.Option(help="IANA zone of rows without one, e.g. Africa/Cairo.")
    ] = None,
    dayfirst: Annotated[
        bool | None,
        typer.Option(
            "--dayfirst/--monthfirst", help="Order of numeric dates: 24/01/2014 or 01/24/2014."
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(help='Columns to roles: JSON {"Grup": "actor_raw"} or a .json file.'),
    ] = None,
    delimiter: Annotated[
        str | None, typer.Option(help="Separator of a text table: ';', '|', tab, ...")
    ] = None,
    actors: Annotated[
        Path | None, typer.Option(help="CSV of more actor names: columns canonical,alias.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the earlier load(s) of this file.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse the load when the report has a warning.")
    ] = False,
    years: Annotated[
        str | None, typer.Option(help="Plausible years, e.g. 1800-2030 (default 1900-next).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="Every row's kind, for a table without a type column (statement...)."),
    ] = None,
) -> None:
    """Load FILE into the store in one transaction (all rows or none, unless --skip-bad).

    Re-ingesting the same file adds nothing; --replace swaps an earlier load of it for this
    one (e.g. re-run with --tz or --dayfirst corrected). Without --store the rows go into a
    throw-away in-memory copy of the Cairo case (useful to check a file).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    if not file.exists():
        raise FileNotFoundError(f"No such file: {file}")
    options = {"format": format, "on_error": "skip" if skip_bad else "raise", "tz": tz,
               "dayfirst": dayfirst, "mapping": parse_mapping(mapping), "actors": actors,
               "replace": replace, "strict": strict, "years": parse_years(years),
               "delimiter": delimiter, "kind": kind}  # fmt: skip
    target = open_store(store, create=True)
    with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), transient=True) as bar:
        task = bar.add_task("rows", total=None)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        report = target.ingest(file, progress=progress, **options)
    echo(report.summary())
    echo(f"store: {target!r}" + (f", load {report.load_id}" if report.load_id else ""))
