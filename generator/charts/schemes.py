"""The drawings each chart gets: two colour schemes times two widths, and how they relate.

Only the light drawings are made by the renderer; a dark one is its light twin with each
colour swapped for the dark scheme's (see `svg.recolour`), since a scheme changes colours
and nothing else. That halves the specs built and the drawings made on a clean build.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

WIDE, NARROW = 640, 320
"""Width of the two drawings: the wide one for a slot at least 640 px wide, the narrow one
for any other (a phone's 343 px, a half-width column's 332 px at 1280 px): text is never
drawn smaller than it was set (12 px at least), only larger."""


@dataclass(frozen=True)
class Scheme:
    """Colours that read on one of Material's backgrounds (white, or slate #1e2129)."""

    name: str
    ink: str
    muted: str
    track: str
    series: tuple[str, ...]
    neutral: str


BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}
"""Material's page background in each scheme, which every colour of a chart must stand out
from (a test checks 3:1, WCAG 1.4.11)."""

# Series colours, one per series in order of first appearance, never repeated: indigo and
# burnt orange (the pair charts always had), then Okabe–Ito's bluish green, reddish purple,
# sky blue and yellow, a brown, and black; in the light scheme each darkened, in the dark one
# lightened, until it has at least 3:1 contrast with the page and with the bar's track.
LIGHT = Scheme(
    "light",
    "#1f2328",
    "#555d66",
    "#e8eaf2",
    ("#3f51b5", "#c2410c", "#007a5e", "#a8438a", "#1b7fae", "#8a6d00", "#7f5539", "#000000"),
    "#6e7781",
)
DARK = Scheme(
    "dark",
    "#e6e8f0",
    "#b4b9c6",
    "#2e3242",
    ("#9fa8da", "#ffa270", "#35b58b", "#cc79a7", "#56b4e9", "#f0e442", "#d4a373", "#ffffff"),
    "#a3aab6",
)


@dataclass(frozen=True)
class Variant:
    scheme: Scheme
    width: int

    @property
    def name(self) -> str:
        return f"{self.scheme.name}-{'narrow' if self.width == NARROW else 'wide'}"


VARIANTS = tuple(Variant(s, w) for s in (LIGHT, DARK) for w in (WIDE, NARROW))
"""Every drawing of a chart, by file name: light-wide, light-narrow, dark-wide, dark-narrow."""
DRAWN = tuple(v for v in VARIANTS if v.scheme == LIGHT)
"""The drawings the renderer makes; the others are recoloured from these."""


def palette(source: Scheme, target: Scheme) -> dict[str, str]:
    """Each colour of `source` -> the colour with the same role in `target`.

    Raises ValueError if two roles of `source` share a colour: a swap could not tell them apart.
    """
    pairs: dict[str, str] = {}
    for role in fields(Scheme):
        if role.name == "name":
            continue
        old, new = getattr(source, role.name), getattr(target, role.name)
        for a, b in zip(*((old, new) if isinstance(old, tuple) else ((old,), (new,))), strict=True):
            a, b = a.lower(), b.lower()
            if pairs.get(a, b) != b:
                raise ValueError(f"scheme {source.name!r} uses {a} for two roles")
            pairs[a] = b
    return pairs


def twin(variant: Variant) -> Variant:
    """The drawn variant that `variant` is recoloured from (itself when it is drawn)."""
    return Variant(LIGHT, variant.width)
