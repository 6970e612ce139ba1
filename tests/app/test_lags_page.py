"""The Lags page on the bundled Cairo case: lags as the intervals the times allow."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from timeline_app.nav import PAGES

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PAGE = {p.url_path: p.path for p in PAGES}
MEDIAN = "median lag [95% CI]"


def test_lags_page_shows_the_warning_to_car_bomb_lag_as_an_interval(root):
    at = AppTest.from_file(str(root / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(PAGE["lags"]).run()
    assert not at.exception, [e.value for e in at.exception]
    first = [d.value for d in at.dataframe if MEDIAN in d.value.columns]
    first_pairs = [d.value for d in at.dataframe if "lag" in d.value.columns]
    at.radio(key="lags_question").set_value("claims").run()  # the other question
    assert not at.exception, [e.value for e in at.exception]
    second = [d.value for d in at.dataframe if MEDIAN in d.value.columns]
    tables = first + second
    warning_attack, attack_claim = first[0], second[0]
    # "Thursday" [23 Jan) -> "early Friday morning" [04:00, 09:00): 4 h to 33 h
    assert warning_attack[MEDIAN].iloc[0] == "4 h to 1 d 9 h [4 h, 1 d 9 h]"
    # the same figures as the CLI and the brief: the summary is on the question's window
    # (7 d), not on the longest follow-up the filtered data happen to have
    assert warning_attack["median time to response [95% CI]"].iloc[0] == (
        "4 h to 1 d 9 h [4 h, 1 d 9 h] (turnbull)"
    )
    # attack -> claim: three day-level attacks on the claim's day: order unknown, and the
    # median is a range from 0, never the point "0 s"
    assert attack_claim["order unknown"].iloc[0] == 3
    assert attack_claim[MEDIAN].iloc[0].startswith("0 to ")
    for table in tables:
        cells = [str(v) for v in table.to_numpy().ravel()]
        assert not [c for c in cells if c == "0 s" or c.startswith("0 s ")]
    pairs = first_pairs + [d.value for d in at.dataframe if "lag" in d.value.columns]
    lags = {str(v) for t in pairs for v in t["lag"]}
    assert "4 h to 1 d 9 h" in lags and any(v.startswith("order unknown") for v in lags)
