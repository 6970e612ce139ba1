"""What the CLI prints: text from files and articles, without terminal control.

Event text comes from files anyone may have written. An actor named with an escape
sequence could move the cursor, rewrite earlier lines, retitle the window or hide text in
the user's terminal; bidirectional overrides can make a line read in another order. Every
line the commands print goes through `clean` (via `echo`), which drops them.
"""

from __future__ import annotations

import re

import typer

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, erase
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"  # other escapes (and a lone ESC)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` without escape sequences and control characters (newlines and tabs kept;
    a carriage return, which could overwrite a line, becomes a newline)."""
    text = _ESCAPES.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


def echo(text: str = "", *, err: bool = False) -> None:
    """typer.echo of the cleaned text."""
    typer.echo(clean(str(text)), err=err)
