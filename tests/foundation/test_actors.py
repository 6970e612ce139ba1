"""Actor aliases -> one canonical name; unknown names pass through and are reported."""

import polars as pl
import pytest

from timeline import actors
from timeline.errors import FormatError

ABM = "Ansar Bayt al-Maqdis"


@pytest.mark.parametrize(
    "name",
    [
        "Ansar Bayt al-Maqdis",
        "Ansar Beit al-Maqdis",
        "Ansar Beit al-Maqdes",
        "Ansar Jerusalem",
        "ABM",
        "Ansar Bayt al Maqdis",
        "ansar  beit  AL-MAQDES",
        "Ansar Jerusalem (Ansar Bayt al Maqdis)",
    ],
)
def test_spellings_of_ansar_bayt_al_maqdis(name):
    assert actors.default_table().lookup(name) == ABM


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("ISIL", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("Islamic State of Iraq and the Levant (ISIL)", "Islamic State"),
        ("Al Shabab", "al-Shabaab"),
        ("Harakat al-Shabaab al-Mujahideen", "al-Shabaab"),
        ("Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "Boko Haram"),
        ("Provisional Irish Republican Army", "Provisional IRA"),
        ("PIRA", "Provisional IRA"),
        ("Basque Fatherland and Freedom (ETA)", "ETA"),
        ("Euskadi Ta Askatasuna", "ETA"),
        ("Al-Qaida in the Arabian Peninsula (AQAP)", "AQAP"),
        ("Afghan Taliban", "Taliban"),
    ],
)
def test_usual_names_of_other_groups(name, canonical):
    assert actors.canonical(name) == canonical


def test_unknown_names_pass_through_and_are_listed():
    names = pl.Series(["ABM", "Some New Front", None, "Ansar Jerusalem"])
    resolved, unknown = actors.default_table().resolve(names)
    assert resolved.to_list() == [ABM, "Some New Front", None, ABM]
    assert unknown == ["Some New Front"]


def test_suggestions_for_a_near_miss():
    assert actors.default_table().suggest("Ansar Bait al Makdis")[0] == ABM


def test_user_file_extends_and_overrides(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("canonical,alias\nWilayat Sinai,Ansar Jerusalem\nJund al-Islam,JAI\n")
    table = actors.table(extra)
    assert table.lookup("Ansar Jerusalem") == "Wilayat Sinai"
    assert table.lookup("jai") == "Jund al-Islam"
    assert table.lookup("ABM") == ABM


def test_bad_user_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,other\nx,y\n")
    with pytest.raises(FormatError, match="canonical,alias"):
        actors.table(bad)
