"""Free-text event types -> (kind, subtype, channel), by a documented synonym table.

Each rule is a regular expression searched in the lower-cased text; the first rule of
each table that matches wins. So "Audio warning" -> warning/audio, "Car bomb" ->
attack/car_bomb, "Claim of responsibility" -> claim, "Grenade attack" -> attack/grenade.
Canonical words ("warning", "car_bomb") match themselves.
"""

from __future__ import annotations

import re

import polars as pl

from timeline import schema

# (pattern, kind). Negations and denials come before claims, claims before attacks.
KIND_RULES: tuple[tuple[str, str], ...] = (
    (r"\bden(y|ial|ied)|disclaim|not a claim", "denial"),
    (r"\bclaim", "claim"),
    (r"\bwarn", "warning"),
    (r"\bthreat|\bultimatum|\bthreaten", "threat"),
    (r"\barrest|\bdetain|\bcaptured?\b|\bsentenc", "arrest"),
    (r"\bstatement|\bcommuniq|\bmessage|\bannounce|\bspeech|\bmanifesto|\bvideo\b|\baudio\b",
     "statement"),
    (r"bomb|\bied\b|explosi|blast|grenade|shoot|gunfire|gunmen|rocket|mortar|shell|missile|"
     r"assassinat|kidnap|abduct|hostage|attack|assault|ambush|raid|strike|battle|clash|"
     r"armed|violence|killing|massacre|hijack|arson|suicide", "attack"),
)  # fmt: skip
SUBTYPE_RULES: tuple[tuple[str, str], ...] = (
    (r"suicide", "suicide_bombing"),
    (r"car[ _-]?bomb|vehicle[- ]borne|\bvbied\b|vehicle bomb|truck bomb", "car_bomb"),
    (r"grenade", "grenade"),
    (r"\bied\b|improvised explosive|roadside bomb|landmine|remote explosive|\bbomb|explosi|blast",
     "ied"),
    (r"rocket|mortar|shell|missile|artillery|air ?strike|drone", "rocket"),
    (r"assassinat", "assassination"),
    (r"kidnap|abduct|hostage|hijack", "kidnapping"),
    (r"shoot|gunfire|gunmen|firearm|sniper", "shooting"),
    (r"armed[ _]assault|ambush|raid|assault|battle|clash|armed", "armed_assault"),
)  # fmt: skip
CHANNEL_RULES: tuple[tuple[str, str], ...] = (
    (r"audio|recording|voice|tape", "audio"),
    (r"video", "video"),
    (r"tele?phon|phone call|\bcall\b|hotline", "telephone"),
    (r"forum", "forum"),
    (r"twitter|telegram|facebook|social[ _]media|tweet", "social_media"),
    (r"press|newspaper|news agency|communiq", "press"),
    (r"letter|leaflet|note\b|pamphlet", "letter"),
    (r"in[ _]person|speech|rally", "in_person"),
)  # fmt: skip


def _first_match(text: str, rules: tuple[tuple[str, str], ...]) -> str | None:
    return next((value for pattern, value in rules if re.search(pattern, text)), None)


def classify(text: str | None) -> tuple[str | None, str | None, str | None]:
    """(kind, subtype, channel) for one free-text event type; kind None = unknown."""
    if text is None or not text.strip():
        return None, None, None
    t = text.strip().lower().replace("_", " ")
    kind = _first_match(t, KIND_RULES)
    if kind is None and t in {"other", "unknown"}:
        kind = "other"
    subtype = _first_match(t, SUBTYPE_RULES) if kind == "attack" else None
    if kind == "attack" and subtype is None:
        subtype = "other" if t not in {"attack", "attacks"} else None
    channel = _first_match(t, CHANNEL_RULES) if kind not in (None, "attack", "arrest") else None
    return kind, subtype, channel


def classify_column(texts: pl.Series) -> pl.DataFrame:
    """kind, subtype, channel per row; each distinct text is classified once."""
    distinct = texts.cast(pl.Utf8).drop_nulls().unique()
    table = pl.DataFrame(
        [(t, *classify(t)) for t in distinct.to_list()],
        schema={"text": pl.Utf8, "kind": pl.Utf8, "subtype": pl.Utf8, "channel": pl.Utf8},
        orient="row",
    )
    frame = pl.DataFrame({"text": texts.cast(pl.Utf8)})
    return frame.join(table, on="text", how="left", maintain_order="left").drop("text")


def vocabulary_column(texts: pl.Series, role: str) -> pl.Series:
    """A subtype or channel column as written -> the vocabulary's word: the word itself
    ("Car bomb" -> car_bomb), else the synonym rules ("Audio Transcript" -> audio); a text
    neither reads is kept (normalised), so validation rejects its row with the reason."""
    words = schema.SUBTYPES if role == "subtype" else schema.CHANNELS
    rules = SUBTYPE_RULES if role == "subtype" else CHANNEL_RULES
    distinct = texts.cast(pl.Utf8).drop_nulls().unique().to_list()
    read = {}
    for text in distinct:  # per distinct text: a handful
        word = re.sub(r"[\s-]+", "_", text.strip().lower())
        spaced = text.strip().lower().replace("_", " ")
        read[text] = word if word in words or not word else _first_match(spaced, rules) or word
    return (
        texts.cast(pl.Utf8)
        .replace_strict(read, default=None, return_dtype=pl.Utf8)
        .replace("", None)
        .alias(role)
    )


def synonym_table() -> str:
    """The rules as Markdown, for the docs."""
    lines = ["| pattern | gives |", "|---|---|"]
    for name, rules in (
        ("kind", KIND_RULES),
        ("subtype", SUBTYPE_RULES),
        ("channel", CHANNEL_RULES),
    ):
        lines += [f"| `{p}` | {name} = {v} |" for p, v in rules]
    return "\n".join(lines)
