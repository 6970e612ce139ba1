"""The public surface: names, the bundled case, and no UI imports in the package."""

import subprocess
import sys

import pandas as pd
import pytest

import timeline as tl
from timeline.errors import DatasetNotFound


def test_public_names():
    assert tl.__version__
    for name in ("EventStore", "read_events", "datasets", "Interval", "TimelineError"):
        assert hasattr(tl, name), name
    with pytest.raises(AttributeError):
        _ = tl.not_a_thing


def test_timeline_never_imports_streamlit():
    code = (
        "import sys, timeline as tl; tl.datasets.load('cairo-2014-01'); tl.EventStore();"
        "print('streamlit' in sys.modules, 'typer' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_bundled_case_lists_and_loads():
    assert "cairo-2014-01" in tl.datasets.names()
    with pytest.raises(DatasetNotFound, match="cairo-2014-01"):
        tl.datasets.load("kabul-2021")
    arts = tl.datasets.articles("cairo-2014-01")
    assert list(arts["outlet"]) == ["The Long War Journal", "Mada Masr"]
    assert "a car bomb exploded early Friday morning" in " ".join(arts["text"].iloc[1].split())


def test_cairo_case_tells_the_sequence_with_one_actor_name():
    df = tl.datasets.load("cairo-2014-01").set_index("event_id")
    group = df[df["actor"] != "Egyptian security forces"]
    assert set(group["actor"]) == {"Ansar Bayt al-Maqdis"}
    assert group["actor_raw"].nunique() >= 3  # the spellings the sources used are kept
    cairo = "Africa/Cairo"

    def local(event):
        row = df.loc[event]
        return row["t_start"].tz_convert(cairo), row["t_end"].tz_convert(cairo)

    warning = df.loc["cairo-2014-01-23-audio-warning"]
    assert (warning["kind"], warning["channel"], warning["precision"]) == (
        "warning",
        "audio",
        "day",
    )
    assert local("cairo-2014-01-23-audio-warning") == (
        pd.Timestamp("2014-01-23", tz=cairo),
        pd.Timestamp("2014-01-24", tz=cairo),
    )
    bomb = df.loc["cairo-2014-01-24-security-directorate"]
    assert (bomb["subtype"], bomb["killed"], bomb["killed_high"]) == ("car_bomb", 4, 6)
    assert local("cairo-2014-01-24-security-directorate") == (
        pd.Timestamp("2014-01-24 04:00", tz=cairo),
        pd.Timestamp("2014-01-24 09:00", tz=cairo),
    )
    same_day = df[
        (df["kind"] == "attack") & (df["t_start"] == pd.Timestamp("2014-01-23 22:00", tz="UTC"))
    ]
    assert len(same_day) == 3 and "grenade" in set(same_day["subtype"].astype(str))
    claim = df.loc["cairo-2014-01-24-claim"]
    assert (claim["kind"], claim["channel"]) == ("claim", "forum")
    assert local("cairo-2014-01-24-claim")[0] == pd.Timestamp("2014-01-24 17:00", tz=cairo)
    assert df.loc["cairo-2013-12-24-mansoura", "t_start"] == pd.Timestamp(
        "2013-12-23 22:00", tz="UTC"
    )
    assert df.loc["cairo-2013-09-motorcade", "precision"] == "month"
    assert df.loc["cairo-2013-motorcade-arrest", "kind"] == "arrest"
    assert (
        df["source"].str.contains("Mada Masr") & df["source"].str.contains("Long War")
    ).sum() == 3
    assert not (df["kind"] == "denial").any()
    assert (df["tz"] == cairo).all() and (df["country"] == "EGY").all()
