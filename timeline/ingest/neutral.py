"""Spreadsheet formula neutralisation, both ways (CSV injection).

Exports prefix one "'" to text cells that start with = + - @ tab or CR (after any
quotes already there); ingest removes exactly one, so the round trip is lossless.
"""

from __future__ import annotations

import polars as pl

DANGEROUS = r"^'*[=+\-@\t\r]"


def neutralise_expr(expr: pl.Expr) -> pl.Expr:
    """Prefix "'" where a spreadsheet would read the cell as a formula."""
    return pl.when(expr.str.contains(DANGEROUS)).then(pl.lit("'") + expr).otherwise(expr)


def unneutralise(expr: pl.Expr) -> pl.Expr:
    """Undo `neutralise_expr`: drop exactly one leading "'" before '* then = + - @ tab CR."""
    return pl.when(expr.str.contains(r"^'+[=+\-@\t\r]")).then(expr.str.slice(1)).otherwise(expr)
