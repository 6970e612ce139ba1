"""Fixtures for the dataset adapters: files written by hand in each publisher's layout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import timeline as tl

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def load() -> Callable[..., tuple[pd.DataFrame, tl.IngestReport]]:
    """Read a fixture with on_error='skip' and its report; events indexed by source_ref."""

    def read(name: str | Path, **options) -> tuple[pd.DataFrame, tl.IngestReport]:
        path = name if isinstance(name, Path) else FIXTURES / name
        events, report = tl.read_events(path, on_error="skip", return_report=True, **options)
        return events.set_index("source_ref", drop=False), report

    return read
