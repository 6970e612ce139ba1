"""The time model: UTC intervals with a precision in the place's zone."""

from datetime import UTC, date, datetime

import polars as pl
import pytest

from timeline.errors import TimeParseError
from timeline.timeexpr import interval
from timeline.timeexpr.vector import intervals
from timeline.timeexpr.zones import country_code, resolve_zones, single_zone


def test_clock_time_in_egypt_is_stored_in_utc():
    iv = interval("2014-01-24 06:30", "Africa/Cairo")
    assert iv.start == datetime(2014, 1, 24, 4, 30, tzinfo=UTC)
    assert iv.is_exact and iv.precision == "minute"


def test_a_cairo_day_spans_22_utc_to_22_utc():
    iv = interval(date(2014, 1, 24), "Africa/Cairo")
    assert (iv.start, iv.end) == (
        datetime(2014, 1, 23, 22, tzinfo=UTC),
        datetime(2014, 1, 24, 22, tzinfo=UTC),
    )
    assert iv.precision == "day"


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        (
            "2014",
            "year",
            datetime(2013, 12, 31, 22, tzinfo=UTC),
            datetime(2014, 12, 31, 22, tzinfo=UTC),
        ),
        (
            "2014-01",
            "month",
            datetime(2013, 12, 31, 22, tzinfo=UTC),
            datetime(2014, 1, 31, 22, tzinfo=UTC),
        ),
        (
            "2014-01-24T06",
            "hour",
            datetime(2014, 1, 24, 4, tzinfo=UTC),
            datetime(2014, 1, 24, 5, tzinfo=UTC),
        ),
        (
            "2014-01-24T06:30+03:00",
            "minute",
            datetime(2014, 1, 24, 3, 30, tzinfo=UTC),
            datetime(2014, 1, 24, 3, 30, tzinfo=UTC),
        ),
    ],
)
def test_iso_strings_give_the_precision_they_support(text, precision, start, end):
    iv = interval(text, "Africa/Cairo")
    assert (iv.precision, iv.start, iv.end) == (precision, start, end)


def test_dst_day_is_23_hours_long_in_london():
    iv = interval("2014-03-30", "Europe/London")
    assert (iv.end - iv.start).total_seconds() == 23 * 3600


def test_naive_datetime_is_local_aware_is_converted():
    naive = interval(datetime(2014, 1, 24, 6, 30), "Africa/Cairo")  # noqa: DTZ001
    aware = interval(datetime(2014, 1, 24, 6, 30, tzinfo=UTC), "Africa/Cairo")
    assert naive.start == datetime(2014, 1, 24, 4, 30, tzinfo=UTC)
    assert aware.start == datetime(2014, 1, 24, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize(("value", "match"), [("Friday", "Cannot read"), ("2014-02-30", "day")])
def test_bad_values_raise_a_clear_error(value, match):
    with pytest.raises(TimeParseError, match=match):
        interval(value, "Africa/Cairo")


def test_unknown_zone_is_an_error():
    with pytest.raises(TimeParseError, match="IANA"):
        interval("2014-01-24", "Cairo")


def test_vectorised_intervals_match_the_scalar_model():
    df = pl.DataFrame(
        {
            "s": ["2014-01-24 00:00", "2014-01-24 06:30", "2014-03-30 00:00", "2014-03-30 01:30"],
            "p": ["day", "minute", "day", "minute"],
            "z": ["Africa/Cairo", "Africa/Cairo", "Europe/London", "Europe/London"],
        }
    ).with_columns(pl.col("s").str.to_datetime())
    out = intervals(df, start="s", precision="p", zone="z")
    first = interval("2014-01-24", "Africa/Cairo")
    assert out.row(0, named=True)["t_start"] == first.start
    assert out.row(0, named=True)["t_end"] == first.end
    assert out.row(2, named=True)["t_end"] == interval("2014-03-30", "Europe/London").end
    assert out.row(3, named=True)["t_start"] is None  # 01:30 does not exist that night


def test_zone_of_a_row_follows_the_documented_order():
    df = pl.DataFrame(
        {
            "tz": ["Asia/Kabul", None, None, None, None],
            "country": ["EGY", "EGY", "USA", "USA", None],
            "lat": [None, None, 40.71, None, None],
            "lon": [None, None, -74.0, None, None],
        }
    )
    zone, how = resolve_zones(df, default=None)
    assert zone.to_list() == [
        "Asia/Kabul", "Africa/Cairo", "America/New_York", "America/New_York", "UTC"
    ]  # fmt: skip
    assert how.to_list() == ["column", "country", "coordinates", "main-zone", "utc-fallback"]
    zone, how = resolve_zones(df, default="Europe/Paris")
    assert zone.to_list()[3:] == ["America/New_York", "Europe/Paris"]


def test_country_names_and_single_zones():
    assert country_code("Egypt") == "EGY"
    assert country_code("eg") == "EGY"
    assert country_code("Northern Ireland") == "GBR"
    assert country_code("Narnia") is None
    assert single_zone("EGY") == "Africa/Cairo"
    assert single_zone("USA") is None


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Côte d’Ivoire", "CIV"),  # a curly apostrophe, as news text writes it
        ("Congo, Dem. Rep.", "COD"),  # World Bank
        ("Democratic Republic of the Congo", "COD"),
        ("Congo (Kinshasa)", "COD"),
        ("Congo, Rep.", "COG"),
        ("Iran (Islamic Republic of)", "IRN"),  # United Nations
        ("Egypt, Arab Rep.", "EGY"),
        ("West Bank and Gaza", "PSE"),
        ("The Gambia", "GMB"),
        ("Timor-Leste", "TLS"),
        ("Korea", None),  # which one? never a guess
        ("Kashmir", None),  # a region of two countries
    ],
)
def test_country_names_as_agencies_write_them(written, code):
    assert country_code(written) == code
