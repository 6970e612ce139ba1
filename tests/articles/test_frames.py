"""Event frames as news writes them, mentions merged, times attached by structure.

Every sentence here was written for these tests (none is taken from any corpus).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import timeline as tl
from timeline.api import extract_events

LON = "Europe/London"
PUB = "2022-10-05"  # a Wednesday; London is UTC+1 (BST)


def events(text: str, published: str = PUB, tz: str = LON) -> pd.DataFrame:
    return extract_events(text, published, tz=tz)


def kinds(df: pd.DataFrame) -> list[str]:
    return sorted(df["kind"])


def local(df: pd.DataFrame, kind: str, tz: str = LON) -> tuple[str, str]:
    (row,) = df[df["kind"] == kind].itertuples()
    return tuple(t.tz_convert(tz).strftime("%d %H:%M") for t in (row.t_start, row.t_end))


@pytest.mark.parametrize(
    "sentence",
    [
        "A man phoned a radio station in the town with a warning about a device.",
        "A caller telephoned a warning to the local newspaper.",
        "Two anonymous calls were made to a television channel before the device exploded.",
        "The group gave a recognised codeword to the hospital switchboard.",
        "A warning naming the shopping centre was received by a taxi firm.",
        "Warning calls from the group reached the fire brigade.",
    ],
)
def test_warning_frames(sentence):
    assert "warning" in set(events(sentence)["kind"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Last night the Free Valley Front admitted responsibility for the bombing.",
        "The rebel army said it carried out the raid on the barracks.",
        "A news agency linked to the group carried a claim of responsibility.",
        "The militia accepted responsibility for the blast in a statement.",
    ],
)
def test_claim_frames(sentence):
    assert "claim" in set(events(sentence)["kind"])


@pytest.mark.parametrize(
    "sentence",
    [
        "A device went off in the car park of the hotel.",
        "Gunmen opened fire on a bus near the border crossing.",
        "A bomber detonated his vest at the checkpoint.",
        "The councillor was shot outside his home.",
    ],
)
def test_attack_frames(sentence):
    assert list(events(sentence)["kind"]) == ["attack"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A bomb disposal team examined the van for several hours.",
        "Bomb warnings closed three railway stations during the morning.",
        "Police warned shoppers to stay away from the town centre.",
        "Officers fired stun grenades to disperse the crowd.",
        "A hoax bomb call closed the airport for an hour.",
    ],
)
def test_known_false_positives_are_not_events(sentence):
    df = events(sentence)
    assert not set(df["kind"]) & {"attack", "warning"}, df[["kind", "trigger"]]


def test_an_ultimatum_first_named_by_reference_is_a_threat():
    text = "The rebels shelled the port minutes after the expiry of their ultimatum."
    assert kinds(events(text)) == ["attack", "threat"]


def test_mentions_of_one_attack_are_one_event_with_every_sentence():
    text = (
        "A car bomb exploded outside the tax office in Dunmore yesterday.\n\n"
        "The blast shattered windows along the high street.\n\n"
        "Witnesses said the explosion was heard across the bay.\n\n"
        "Ten years ago a similar bomb damaged the same building.\n"
    )
    df = events(text)
    attacks = df[df["kind"] == "attack"]
    assert len(attacks) == 2  # the reported bomb, and the one marked as another
    main = attacks[attacks["trigger"].str.startswith("car bomb")].iloc[0]
    assert json.loads(main["attrs"])["sentences"] == [0, 1, 2]


def test_a_mention_at_another_place_is_another_attack():
    text = (
        "A bomb exploded at Northgate station yesterday morning.\n\n"
        "Two hours later a second device exploded at Eastfield.\n"
    )
    assert list(events(text)["kind"]) == ["attack", "attack"]


def test_later_claims_by_the_same_group_are_one_claim_but_a_new_one_is_not():
    text = (
        "Islamic State claimed responsibility for the bombing on Tuesday.\n\n"
        "In a video, Islamic State again claimed responsibility for it.\n\n"
        "A new statement from the group claimed responsibility for a second bombing.\n"
    )
    df = events(text)
    claims = df[df["kind"] == "claim"]
    assert len(claims) == 2
    assert json.loads(claims.iloc[0]["attrs"])["sentences"] == [0, 1]


def test_offsets_give_the_lag_when_no_absolute_time_is_known():
    text = (
        "A man rang a newspaper with a warning on Monday.\n\n"
        "Thirty-five minutes later, a bomb exploded in the market square.\n"
    )
    df = events(text)
    pairs = tl.lags(df, "warning", "attack", "1d", by=None)
    lag = pairs.loc[~pairs["censored"].astype(bool), "lag"].iloc[0]
    assert lag == pd.Timedelta(minutes=35)


def test_an_offset_before_the_blast_times_the_warning_from_the_attack():
    text = (
        "A bomb exploded at 3.10pm yesterday outside the courthouse.\n\n"
        "Police said they received a telephone warning 25 minutes before the explosion.\n"
    )
    df = events(text)
    assert local(df, "attack") == ("04 15:10", "04 15:10")
    assert local(df, "warning") == ("04 14:45", "04 14:45")


def test_an_offset_in_another_clause_does_not_time_the_attack():
    text = (
        "A bomb exploded at 2.30pm yesterday near the harbour.\n\n"
        "The quay had been cleared 50 minutes earlier and boats moved away from the blast.\n"
    )
    assert local(events(text), "attack") == ("04 14:30", "04 14:30")


def test_a_clock_takes_its_event_day_not_the_publication_day():
    text = (
        "Two blasts hit the harbour between 9.05pm and 9.20pm on March 12.\n\n"
        "An inquest heard that a 9.01pm warning call named the wrong harbour.\n"
    )
    df = events(text, published="2023-06-01")
    assert local(df, "attack") == ("12 21:05", "12 21:20")
    assert local(df, "warning") == ("12 21:01", "12 21:01")


def test_gmt_clock_is_converted_to_the_place_zone():
    text = "The device exploded at about 1210 GMT on Tuesday in the old town."
    assert local(events(text, tz="Europe/Madrid"), "attack", "Europe/Madrid") == (
        "04 13:40",
        "04 14:40",
    )


def test_a_guillemet_quote_does_not_hide_the_article():
    text = (
        "A bomb exploded outside a bank in the suburb early yesterday. A caller warned a "
        "paper a few minutes later. A senior officer said the patrol «had not seen the "
        "danger.»"
    )
    assert kinds(events(text)) == ["attack", "warning"]


def test_a_hard_wrapped_column_is_read_as_sentences():
    lines = [
        "Two people were hurt when a small bomb exploded in the foyer of a",
        "theatre in the city centre. A warning naming the theatre was given to",
        "a radio station by a caller at 1930 BST, and the bomb went off at",
        "1952 BST before the building had been cleared by the police officers.",
    ]
    df = events("\n".join(lines), published="2022-07-09")
    assert local(df, "warning") == ("09 19:30", "09 19:30")
    assert local(df, "attack") == ("09 19:52", "09 19:52")


def test_a_possessive_time_dates_its_noun_not_the_clause():
    text = "The Hill Brigade today claimed responsibility for last night's shooting in the port."
    df = events(text)
    assert local(df, "attack") == ("04 20:00", "05 06:00")  # night: 20:00 to 06:00
    assert local(df, "claim") == ("05 00:00", "06 00:00")


def test_a_later_call_counts_from_the_sighting_told_before_it():
    text = (
        "A bomb exploded outside a post office just after 2 a.m. yesterday.\n\n"
        "A patrol had spotted a man leaving a parcel at the door at about 1.20 a.m.\n\n"
        "A few minutes later, an anonymous telephone call warned a newspaper of the device.\n"
    )
    df = events(text)
    assert set(df["kind"]) == {"attack", "other", "warning"}
    # the sighting is 00:50-01:50; the call 1 to 6 minutes after it
    assert local(df, "warning") == ("04 00:51", "04 01:56")
