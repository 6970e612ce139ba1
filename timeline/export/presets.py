"""Export presets: page or slide sizes, so a chart looks right where it is going.

Sizes are PostScript points (72 per inch): A4 is 595 x 842 pt, US Letter 612 x 792, a
16:9 slide 960 x 540 (13.33 x 7.5 in, PowerPoint's widescreen). A PDF page has exactly
this size; a PNG is `scale` pixels per point (dpi / 72). A preset also sets the font
sizes that read well at that size.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.errors import TimelineError


@dataclass(frozen=True)
class Preset:
    """A target: width x height in pt (px at scale 1), and base font sizes."""

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
        Preset("slide", 960, 540, title_size=22, label_size=13, note_size=11),  # 16:9
        Preset("a4", 595, 842, title_size=16, label_size=10, note_size=8),  # 210 x 297 mm
        Preset("a4-landscape", 842, 595, title_size=16, label_size=10, note_size=8),
        Preset("letter", 612, 792, title_size=16, label_size=10, note_size=8),  # 8.5 x 11 in
        Preset("letter-landscape", 792, 612, title_size=16, label_size=10, note_size=8),
        Preset("square", 720, 720, title_size=20, label_size=12, note_size=10),
        Preset("web", 900, 500, title_size=18, label_size=12, note_size=10),
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
