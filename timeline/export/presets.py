"""Export presets: page or slide sizes, so a chart looks right where it is going.

Sizes are CSS pixels at scale 1 (96 px per inch for the paper sizes); PNG output is
`scale` times larger. A preset also sets the font sizes that read well at that size.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.errors import TimelineError


@dataclass(frozen=True)
class Preset:
    """A target: width x height in px at scale 1, and base font sizes."""

    name: str
    width: int
    height: int
    title_size: int = 22
    label_size: int = 13
    note_size: int = 12

    def size(self, scale: float = 1.0) -> tuple[int, int]:
        """Pixel size of a PNG at `scale`."""
        return round(self.width * scale), round(self.height * scale)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("slide", 1600, 900, title_size=30, label_size=16, note_size=14),  # 16:9
        Preset("a4", 794, 1123),  # 210 x 297 mm portrait
        Preset("a4-landscape", 1123, 794),
        Preset("letter", 816, 1056),  # 8.5 x 11 in
        Preset("square", 1080, 1080, title_size=28, label_size=16, note_size=14),
        Preset("web", 900, 500, title_size=18, label_size=12, note_size=11),
    )
}


def preset(name: str | Preset) -> Preset:
    """A preset by name (or itself)."""
    if isinstance(name, Preset):
        return name
    try:
        return PRESETS[name]
    except KeyError:
        raise TimelineError(
            f"Unknown preset {name!r}. Hint: use one of {', '.join(PRESETS)}."
        ) from None
