"""Record-aligned blocks: the same rows as reading the whole file, in bounded memory."""

from __future__ import annotations

import csv
import io

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.ingest import blocks

CELL = st.text(alphabet='ab ,"\n\r\té', max_size=8)


def _csv(rows: list[list[str]], bom: bool, crlf: bool) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n" if crlf else "\n").writerows([["x", "y", "z"], *rows])
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=25),
    st.booleans(),
    st.booleans(),
    st.integers(3, 40),
    st.integers(1, 7),
)
def test_blocks_read_what_the_whole_file_holds(tmp_path_factory, rows, bom, crlf, block, batch):
    path = tmp_path_factory.mktemp("b") / "t.csv"
    path.write_bytes(_csv(rows, bom, crlf))
    whole = pl.read_csv(path, infer_schema=False, raise_if_empty=False)
    old = blocks.MIN_BLOCK, blocks.MAX_BLOCK
    blocks.MIN_BLOCK, blocks.MAX_BLOCK = block, block * 3  # blocks cut inside quoted cells
    try:
        parts = list(blocks.read_blocks(path, batch_rows=batch))
    finally:
        blocks.MIN_BLOCK, blocks.MAX_BLOCK = old
    assert all(p.height <= batch for p in parts)
    got = pl.concat(parts) if parts else whole.clear()
    assert got.columns == ["x", "y", "z"]
    assert got.to_dicts() == whole.to_dicts()


def test_a_record_longer_than_a_block_is_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(blocks, "MIN_BLOCK", 4)
    monkeypatch.setattr(blocks, "MAX_BLOCK", 8)
    long = "a" * 50 + "\nstill the same cell"
    path = tmp_path / "long.csv"
    path.write_bytes(_csv([["1", long, "2"], ["3", "4", "5"]], bom=False, crlf=False))
    (first, second) = pl.concat(list(blocks.read_blocks(path, batch_rows=10))).rows()
    assert first == ("1", long, "2") and second == ("3", "4", "5")


def test_no_block_is_larger_than_the_cap_whatever_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(blocks, "MIN_BLOCK", 1 << 16)
    monkeypatch.setattr(blocks, "MAX_BLOCK", 1 << 20)
    parsed = []
    read_csv = pl.read_csv

    def spy(source, **options):
        parsed.append(len(source.getbuffer() if hasattr(source, "getbuffer") else source))
        return read_csv(source, **options)

    monkeypatch.setattr(blocks.pl, "read_csv", spy)
    path = tmp_path / "big.csv"
    row = b'1,"a note, with a comma",2\n'
    path.write_bytes(b"x,y,z\n" + row * 400_000)  # 11 MB
    sizes = [p.height for p in blocks.read_blocks(path, batch_rows=50_000)]
    assert sum(sizes) == 400_000 and max(sizes) <= 50_000
    assert max(parsed[1:]) <= (1 << 20) + len(row) and len(parsed) > 10  # 1 MB blocks at most
