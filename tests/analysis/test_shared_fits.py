"""`summary_and_survival`: the summary and the curve from one set of fits are the frames
`lag_summary` and `survival` give on their own (the dashboard fits once, not twice)."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import timeline as tl
from timeline.analysis.summary import summary_and_survival


def _pairs(seed: int, vague: float) -> pl.DataFrame:
    synth = tl.synth.generate(n_groups=4, days=120, warning_rate=0.15, background_rate=0.1,
                              vague_share=vague, seed=seed)  # fmt: skip
    return tl.lags(synth.events, "warning", "attack", "3d", output="polars")


@pytest.mark.parametrize(("seed", "vague"), [(1, 0.0), (2, 0.5), (3, 1.0)])
def test_one_fit_gives_the_frames_of_the_two_calls(seed, vague):
    pairs = _pairs(seed, vague)
    assert pairs.height > 20 and pairs.get_column("censored").any()
    summary, curve = summary_and_survival(pairs, within="3d", n_boot=60, seed=seed)
    alone = tl.lag_summary(pairs, within="3d", n_boot=60, seed=seed, output="polars")
    assert_frame_equal(summary, alone)
    assert_frame_equal(curve, tl.survival(pairs, within="3d", n_boot=60, seed=seed,
                                          output="polars"))  # fmt: skip
    # the two agree as documented: the curve at the window is 1 - P(response within)
    at_window = curve.get_column("survival")[-1]
    assert at_window == pytest.approx(1 - summary.get_column("p_within")[0], abs=1e-9)


def test_no_triggers_gives_the_empty_summary_and_no_curve():
    pairs = _pairs(4, 1.0).clear()
    summary, curve = summary_and_survival(pairs, within="3d", n_boot=20)
    assert_frame_equal(summary, tl.lag_summary(pairs, within="3d", n_boot=20, output="polars"))
    assert_frame_equal(curve, tl.survival(pairs, within="3d", n_boot=20, output="polars"))
    assert summary.get_column("n_triggers")[0] == 0 and curve.is_empty()
