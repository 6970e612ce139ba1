"""Fixtures for the lag engine: a small Cairo-like case built by hand."""

from __future__ import annotations

import pandas as pd
import pytest

CAIRO = "Africa/Cairo"


def cairo(text: str) -> pd.Timestamp:
    """A Cairo wall-clock time as a UTC timestamp."""
    return pd.Timestamp(text, tz=CAIRO).tz_convert("UTC")


@pytest.fixture
def cairo_events() -> pd.DataFrame:
    """Jan 2014: a Thursday audio warning, an early-Friday car bomb, 3 more attacks, a claim."""
    rows = [
        ("w1", "warning", None, "audio", "2014-01-23", "2014-01-24", "day"),
        ("a_dir", "attack", "car_bomb", None, "2014-01-24 04:00", "2014-01-24 09:00",
         "part_of_day"),
        ("a2", "attack", "ied", None, "2014-01-24", "2014-01-25", "day"),
        ("a3", "attack", "ied", None, "2014-01-24", "2014-01-25", "day"),
        ("a4", "attack", "shooting", None, "2014-01-24", "2014-01-25", "day"),
        ("c1", "claim", None, "forum", "2014-01-24 17:00", "2014-01-25", "part_of_day"),
    ]  # fmt: skip
    return pd.DataFrame(
        {
            "event_id": [r[0] for r in rows],
            "kind": [r[1] for r in rows],
            "subtype": [r[2] for r in rows],
            "channel": [r[3] for r in rows],
            "t_start": [cairo(r[4]) for r in rows],
            "t_end": [cairo(r[5]) for r in rows],
            "precision": [r[6] for r in rows],
            "tz": CAIRO,
            "actor": "Ansar Beit al-Maqdis",
        }
    )
