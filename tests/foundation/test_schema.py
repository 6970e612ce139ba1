"""The event table: vocabularies, dtypes, and validation that names every bad row."""

from datetime import UTC, datetime

import polars as pl
import pytest

from timeline import schema
from timeline.errors import ValidationError


def _rows(**over):
    base = {
        "event_id": ["a", "b", "c"],
        "kind": ["warning", "attack", "claim"],
        "t_start": [datetime(2014, 1, 23, 22, tzinfo=UTC)] * 3,
        "t_end": [datetime(2014, 1, 24, 22, tzinfo=UTC)] * 3,
        "precision": ["day"] * 3,
        "tz": ["Africa/Cairo"] * 3,
        "source": ["test"] * 3,
        "confidence": [1.0] * 3,
    }
    base.update(over)
    return pl.DataFrame(base)


def test_valid_table_comes_back_in_canonical_dtypes():
    out = schema.validate(_rows())
    assert out.columns == list(schema.NAMES)
    assert out.schema["kind"] == pl.Enum(schema.KINDS)
    assert out.schema["t_start"] == pl.Datetime("us", "UTC")
    assert out.get_column("subtype").null_count() == 3


def test_every_bad_row_is_named_with_its_reason():
    df = _rows(
        kind=["warnin", "attack", "claim"],
        tz=["Africa/Cairo", "Mars/Olympus", "Africa/Cairo"],
        t_end=[
            datetime(2014, 1, 24, 22, tzinfo=UTC),
            datetime(2014, 1, 24, 22, tzinfo=UTC),
            datetime(2014, 1, 1, tzinfo=UTC),
        ],
    ).with_columns(line=pl.Series([2, 3, 4]))
    with pytest.raises(ValidationError) as err:
        schema.validate(df, source="x.csv")
    text = str(err.value)
    assert "3 bad row(s) in x.csv" in text
    assert "line 2 [kind] 'warnin': not one of" in text
    assert "line 3 [tz] 'Mars/Olympus': not an IANA time zone" in text
    assert "line 4 [t_end]" in text and "ends before it starts" in text
    assert set(err.value.failures.get_column("line")) == {2, 3, 4}


def test_check_splits_good_from_bad():
    valid, failures = schema.check(_rows(precision=["day", "fortnight", "day"]))
    assert valid.get_column("event_id").to_list() == ["a", "c"]
    assert failures.get_column("reason").to_list() == [
        "not one of: minute, hour, part_of_day, day, week, month, year"
    ]


def test_missing_required_column_is_a_failure_per_row():
    _, failures = schema.check(_rows().drop("source"))
    assert failures.filter(pl.col("column") == "source").height == 3


def test_describe_lists_every_column():
    table = schema.describe()
    assert all(f"| {name} |" in table for name in schema.NAMES)
