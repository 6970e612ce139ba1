"""CAMEO event codes -> (kind, subtype): the codes GDELT events are coded with.

Kept by default: root 13 THREATEN -> threat, 015 (acknowledge or claim responsibility) ->
claim, roots 18 ASSAULT, 19 FIGHT and 20 MASS VIOLENCE -> attack with a subtype (183x
bombings: 1831 suicide -> suicide_bombing, 1832 vehicular -> car_bomb, 1833 roadside and
1834 location bombings -> ied). Everything else is skipped and counted, unless the caller
asks for more with `cameo=` (a list of code prefixes, or a mapping prefix -> kind).
Labels paraphrase the CAMEO manual (Schrodt 2012).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

# code -> (kind, subtype, label). A code not listed takes its longest listed prefix.
CODES: dict[str, tuple[str, str | None, str]] = {
    "015": ("claim", None, "acknowledge or claim responsibility"),
    "13": ("threat", None, "threaten"),
    "130": ("threat", None, "threaten, not specified"),
    "131": ("threat", None, "threaten non-force"),
    "137": ("threat", None, "threaten with repression"),
    "138": ("threat", None, "threaten with military force"),
    "1383": ("threat", None, "threaten unconventional violence"),
    "1384": ("threat", None, "threaten conventional attack"),
    "1385": ("threat", None, "threaten attack with WMD"),
    "139": ("threat", None, "give ultimatum"),
    "18": ("attack", "other", "assault"),
    "180": ("attack", "other", "use unconventional violence"),
    "181": ("attack", "kidnapping", "abduct, hijack or take hostage"),
    "182": ("attack", "armed_assault", "physically assault"),
    "183": ("attack", "ied", "conduct suicide, car or other non-military bombing"),
    "1831": ("attack", "suicide_bombing", "carry out suicide bombing"),
    "1832": ("attack", "car_bomb", "carry out vehicular bombing"),
    "1833": ("attack", "ied", "carry out roadside bombing"),
    "1834": ("attack", "ied", "carry out location bombing"),
    "184": ("attack", "other", "use as human shield"),
    "185": ("attack", "assassination", "attempt to assassinate"),
    "186": ("attack", "assassination", "assassinate"),
    "19": ("attack", "armed_assault", "fight"),
    "190": ("attack", "armed_assault", "use conventional military force"),
    "191": ("attack", "other", "impose blockade"),
    "192": ("attack", "other", "occupy territory"),
    "193": ("attack", "shooting", "fight with small arms and light weapons"),
    "194": ("attack", "rocket", "fight with artillery and tanks"),
    "195": ("attack", "rocket", "employ aerial weapons"),
    "196": ("attack", "other", "violate ceasefire"),
    "20": ("attack", "other", "use unconventional mass violence"),
}
# Kinds for the roots a caller may add with `cameo=[...]` (anything else -> other).
EXTRA_KINDS: dict[str, str] = {"01": "statement", "173": "arrest", "1711": "arrest"}


def _kind_for(prefix: str, extra: Mapping[str, str]) -> str:
    for n in range(len(prefix), 0, -1):
        if prefix[:n] in extra:
            return extra[prefix[:n]]
    return "other"


def table(
    codes: Iterable[str], cameo: Mapping[str, str] | Iterable[str] | None = None
) -> pl.DataFrame:
    """code -> kind, subtype, label for the distinct `codes` of a batch (null kind = skip)."""
    wanted = dict(cameo) if isinstance(cameo, Mapping) else dict.fromkeys(cameo or (), None)
    rows = []
    for code in codes:
        hit = next((code[:n] for n in range(len(code), 1, -1) if code[:n] in CODES), None)
        extra = next((code[:n] for n in range(len(code), 0, -1) if code[:n] in wanted), None)
        if extra is not None and (hit is None or len(extra) > len(hit)):
            kind = wanted[extra] or _kind_for(code, EXTRA_KINDS)
            rows.append((code, kind, "other" if kind == "attack" else None, None))
        elif hit is not None:
            rows.append((code, *CODES[hit]))
        else:
            rows.append((code, None, None, None))
    return pl.DataFrame(
        rows,
        schema={"code": pl.Utf8, "kind": pl.Utf8, "subtype": pl.Utf8, "label": pl.Utf8},
        orient="row",
    )
