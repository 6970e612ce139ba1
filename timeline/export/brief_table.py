"""The brief's lag table as text marks: each figure over its interval, two lines a row.

A cell such as "4 h 31 min to 1 d 5 h [4 h 31 min, 1 d 5 h] (turnbull)" on one line made
the table half as wide again as the page, so the page shrank it to 5 pt type. Here each
cell is its figure, and under it, smaller and grey, its interval (the part from " ["): the
columns are as wide as the longer of the two, and the table fits an A4 page at 7 to 8 pt.
All text goes in as data rows, never into expressions.
"""

from __future__ import annotations

import math

import altair as alt

from timeline.charts.style import FONT

CHAR_PX = 5.2  # width of a character at the table's font size
ROW_PX = 26  # a row: the figure, and its interval under it
LINE2_PX = 12  # where the interval's line starts in a row
SIZE, SIZE2 = 10, 9  # the figure, the interval (grey)
GAP_PX = 10  # between columns


def split_cell(text: str) -> tuple[str, str]:
    """A cell as its figure and its interval ("[lo, hi]" and any method after it)."""
    i = text.find(" [")
    return (text, "") if i < 0 else (text[:i], text[i + 1 :])


def split_head(head: str, column: list[str]) -> tuple[str, str]:
    """A heading over two lines, "[95% CI]" under the name, or the whole heading broken
    at its middle space when it is wider than its column's figures ("order" over
    "unknown"), so that a column of small numbers stays narrow."""
    main, sub = split_cell(head)
    widest = max((len(t) for cell in column for t in split_cell(cell)), default=0)
    if max(len(main), len(sub)) <= widest or " " not in head:
        return main, sub
    spaces = [i for i, c in enumerate(head) if c == " "]
    middle = min(spaces, key=lambda i: abs(2 * i - len(head)))
    return head[:middle], head[middle + 1 :]


def table_chart(heads: list[str], rows: list[list[str]], width: int) -> alt.LayerChart:
    """Rows of the lag summary as a text table (header repeated on every piece)."""
    top = [split_head(h, [row[i] for row in rows]) for i, h in enumerate(heads)]
    cells = [top, *([split_cell(t) for t in row] for row in rows)]
    xs, budget = column_xs(cells, width)
    data = []
    for r, row in enumerate(cells):
        for x, n, (main, sub) in zip(xs, budget, row, strict=False):
            data.append({"y": r * ROW_PX, "x": x, "t": clip(main, n), "s": "head" if r == 0
                         else "figure"})  # fmt: skip
            if sub:
                look = "head" if r == 0 else "ci"
                data.append(
                    {
                        "y": r * ROW_PX + LINE2_PX,
                        "x": x,
                        "t": clip(sub, n if r == 0 else math.ceil(n * SIZE / SIZE2)),
                        "s": look,
                    }
                )
    height = len(cells) * ROW_PX
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("x:Q", axis=None, scale=alt.Scale(domain=[0, width], nice=False)),
        y=alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[height, 0], nice=False, zero=False)),
        text="t:N",
    )
    style = {"align": "left", "baseline": "top", "font": FONT}
    looks = {
        "head": {"fontSize": SIZE, "fontWeight": "bold"},
        "figure": {"fontSize": SIZE},
        "ci": {"fontSize": SIZE2, "color": "#555"},
    }
    layers = [
        base.transform_filter(alt.FieldEqualPredicate(field="s", equal=name)).mark_text(
            **style, **look
        )
        for name, look in looks.items()
    ]
    return alt.layer(*layers).properties(width=width, height=height)


def column_xs(cells: list[list[tuple[str, str]]], width: int) -> tuple[list[int], list[int]]:
    """Left edges of the columns and their widths in characters: each as wide as its
    longest line, the first capped at a fifth of the page so that long group names are
    clipped rather than the figures (a table wider than the page is shrunk with it)."""
    widths = [
        max(max(len(main), math.ceil(len(sub) * (1 if r == 0 else SIZE2 / SIZE)))
            for r, (main, sub) in enumerate(row[i] for row in cells))
        for i in range(len(cells[0]))
    ]  # fmt: skip
    widths[0] = min(widths[0], int(width / 5 / CHAR_PX))
    xs, x = [], 0
    for w in widths:
        xs.append(x)
        x += int(w * CHAR_PX) + GAP_PX
    return xs, widths


def clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"
