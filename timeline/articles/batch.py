"""Many articles at once: read a folder or a JSON Lines file into article records.

    for art in read_articles("news/"):      # *.txt with a header, or *.json
        art.text, art.published, art.tz, art.published_tz, art.source, art.url

A text file holds header lines `KEY: value` (PUBLISHED, TZ, PUBLISHED_TZ, TITLE, URL,
SOURCE; PUBLISHED is required), a blank line, then the body. A JSON Lines file holds one
object per line with `text` and `published` (and optionally `tz`, `published_tz`,
`title`, `url`, `source`). TZ is the zone of the place, PUBLISHED_TZ the outlet's. A record
that cannot be read becomes an `ArticleRecord` with `error` set: one bad article is
reported with its file and line, it does not stop the batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import TimelineError

__all__ = ["ArticleRecord", "read_articles"]

_FIELDS = {"published", "tz", "published_tz", "title", "url", "source"}


@dataclass(frozen=True)
class ArticleRecord:
    """One article to read: where it came from, its text and metadata, or why not."""

    name: str  # file name, or "file.jsonl:line"
    text: str = ""
    published: str = ""
    tz: str | None = None
    source: str | None = None
    url: str | None = None
    published_tz: str | None = None
    error: str | None = None


def read_articles(path: str | Path) -> Iterator[ArticleRecord]:
    """Article records of a folder (*.txt, *.json, sorted by name) or a .jsonl file."""
    p = Path(path)
    if p.is_dir():
        for f in sorted(p.iterdir()):
            if f.suffix.lower() == ".txt" and f.name.lower() != "readme.txt":
                yield _from_text(f)
            elif f.suffix.lower() == ".json":
                yield _from_json(f.name, f.read_text(encoding="utf-8"))
        return
    if p.is_file() and p.suffix.lower() in (".jsonl", ".ndjson"):
        with p.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                if line.strip():
                    yield _from_json(f"{p.name}:{i}", line)
        return
    raise TimelineError(
        f"{path}: not a folder of articles or a .jsonl file; hint: give a folder of *.txt "
        "files (header lines PUBLISHED:, TZ:, then a blank line and the text) or a .jsonl"
    )


def _from_text(f: Path) -> ArticleRecord:
    raw = f.read_text(encoding="utf-8")
    head, _, body = raw.partition("\n\n")
    fields = {}
    for line in head.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _FIELDS:
            fields[key.strip().lower()] = value.strip()
    if not fields:
        return ArticleRecord(f.name, error="no header (PUBLISHED: ..., then a blank line)")
    return _record(f.name, {**fields, "text": _with_title(fields.get("title"), body)})


def _from_json(name: str, raw: str) -> ArticleRecord:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        return ArticleRecord(name, error=f"not JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict):
        return ArticleRecord(name, error="not a JSON object")
    text = obj.get("text") or obj.get("body")
    title = obj.get("title")
    return _record(name, {**obj, "text": _with_title(title, text) if text else None})


def _with_title(title: str | None, body: str | None) -> str:
    body = (body or "").strip()
    title = (title or "").strip()
    return body if not title or body.startswith(title) else f"{title}\n\n{body}"


def _record(name: str, d: dict) -> ArticleRecord:
    text, published = d.get("text"), d.get("published")
    if not isinstance(text, str) or not text.strip():
        return ArticleRecord(name, error="no text")
    if not published:
        return ArticleRecord(name, error="no publication date (published)")
    return ArticleRecord(
        name,
        text,
        str(published),
        d.get("tz") or None,
        d.get("source"),
        d.get("url"),
        d.get("published_tz") or None,
    )
