"""A header with no comma but semicolons (Excel in many locales) is read with ';'."""

from __future__ import annotations

import timeline as tl
from timeline.delimited import sniff


def test_a_semicolon_file_loads_and_says_how_it_was_read(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(
        "\ufeffDate;Group;Type;Country;Notes\n"
        '3 April 2021;Boko Haram;Attack;Nigeria;"two; lines\nof notes"\n'
        "5 April 2021;Boko Haram;Claim;Nigeria;\n".encode()
    )
    events, report = tl.read_events(path, return_report=True)
    assert list(events.kind) == ["attack", "claim"]
    assert report.rows_read == 2  # the quoted ';' and line break stayed inside one value
    assert any("delimiter ';'" in n for n in report.notes)


def test_only_a_header_without_commas_is_sniffed(tmp_path):
    cases = {
        "a;b;c\n1;2;3\n": ";",
        "a\tb\tc\n": "\t",
        "a|b\n": "|",
        "a,b;c\n": None,  # a comma file whose values hold semicolons
        '"x;y",b\n': None,
        "a;b|c\n": None,  # one of each: no evidence
        "date\n": None,
    }
    for i, (text, expected) in enumerate(cases.items()):
        path = tmp_path / f"{i}.csv"
        path.write_text(text)
        assert sniff(path) == expected, text
