"""Auto detection of every dataset layout, progress, and a store round trip."""

from __future__ import annotations

import pytest

import timeline as tl
from timeline.errors import FormatError

LAYOUTS = {
    "gtd_0718dist_cp1252.csv": "gtd",
    "gtd_0718dist_utf8.csv": "gtd",
    "acled_v6_uppercase.csv": "acled",
    "acled_2019_export.csv": "acled",
    "acled_current.csv": "acled",
    "20140125093000.export.CSV": "gdelt2",
    "gdelt1_mixed.CSV": "gdelt1",
    "ucdp_ged231.csv": "ucdp",
}


@pytest.mark.parametrize(("name", "layout"), LAYOUTS.items())
def test_auto_names_the_layout_it_chose(load, name, layout):
    events, report = load(name)
    assert report.format == layout
    assert events.event_id.str.startswith(layout.rstrip("12") + "-").all()
    assert (events.source_ref == events.event_id.str.split("-", n=1).str[1]).all()


def test_formats_are_listed():
    assert {"gtd", "acled", "gdelt1", "gdelt2", "ucdp"} <= set(tl.ingest.formats())


def test_explicit_format_on_the_wrong_file_rejects_rows(fixtures):
    with pytest.raises(tl.ValidationError):
        tl.read_events(fixtures / "gdelt1_mixed.CSV", format="gdelt2")


def test_a_file_no_layout_fits_is_an_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FormatError, match="layout not recognised"):
        tl.read_events(path)


def test_progress_is_reported(fixtures):
    seen: list[tuple[int, int | None]] = []
    tl.read_events(
        fixtures / "acled_current.csv",
        on_error="skip",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen and seen[-1][0] == 4


def test_store_loads_once(fixtures):
    store_mod = pytest.importorskip("timeline.store")
    store = store_mod.EventStore()
    first = store.ingest(fixtures / "gtd_0718dist_cp1252.csv", on_error="skip")
    again = store.ingest(fixtures / "gtd_0718dist_cp1252.csv", on_error="skip")
    assert (first.format, first.added, first.n_rejected) == ("gtd", 9, 4)
    assert again.added == 0 and again.duplicates == 9
    gdelt = store.ingest(fixtures / "20140125093000.export.CSV", format="gdelt2", on_error="skip")
    assert gdelt.added == 4
