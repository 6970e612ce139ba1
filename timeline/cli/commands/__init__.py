"""Importing this package registers every subcommand on the app."""

from timeline.cli.commands import (  # noqa: F401
    article,
    articles,
    brief,
    chart,
    dashboard,
    events,
    ingest,
    lags,
    loads,
)
