"""The check that a chart SVG is a static drawing which makes the browser fetch nothing.

The SVG is parsed, and only what a browser would act on is looked at: reference attributes
(`href`, `src`, in any namespace), the presentation attributes that take a `url()`, `style`
attributes and `<style>` elements, and processing instructions. Text nodes and other
attributes (`aria-label`, `<title>`) hold the content's own words, which may say "url(x)" or
"@import" as plain prose; those are never read as references.

Vega's SVGs use no CSS and no links at all; the only references allowed are to the drawing
itself (`#id`). A `data:` URL is refused too: no chart draws an image.
"""

from __future__ import annotations

import re
from xml.parsers import expat

_SEP = " "
"""Between an attribute's namespace and its local name, as expat reports them."""

_REFERENCES = frozenset({"href", "src"})
_URL_ATTRIBUTES = frozenset(
    {"fill", "stroke", "clip-path", "mask", "filter", "cursor"}
    | {"marker-start", "marker-mid", "marker-end", "style"}
)
"""Attributes whose value is CSS, where a url() would be fetched."""
_ACTIVE = frozenset({"script", "foreignObject", "iframe", "object", "embed"})
"""Elements that run code or embed a document: never part of a chart."""

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_URL = re.compile(r"""url\(\s*(["']?)\s*([^"')]*)""", re.I)
_FETCHING = re.compile(r"@import|@font-face|image-set\(", re.I)


class OutsideReference(RuntimeError):
    """The renderer made an SVG that is not self-contained: a bug, never the content's fault."""


def check_offline(svg: str) -> None:
    """Refuse an SVG that would make the browser fetch anything (fonts, images, styles).

    Raises OutsideReference (a RuntimeError) naming the first short prefix of the offender.
    """
    parser = expat.ParserCreate(namespace_separator=_SEP)
    # No DOCTYPE means no entities: nothing is expanded, nothing is read from disk.
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    styles: list[list[str] | None] = []
    """Per open element: the text seen so far when it is a <style>, else None."""

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(_SEP)[2]
        if local in _ACTIVE:
            raise OutsideReference(f"chart SVG holds a <{local}> element")
        styles.append([] if local == "style" else None)
        for key, value in attributes.items():
            attribute = key.rpartition(_SEP)[2]
            if attribute.lower().startswith("on"):
                raise OutsideReference(f"chart SVG has an event handler: {attribute[:40]}")
            if attribute in _REFERENCES and not value.strip().startswith("#"):
                raise OutsideReference(f"chart SVG refers to an outside resource: {value[:80]}")
            if attribute in _URL_ATTRIBUTES:
                _check_css(value)

    def end(name: str) -> None:
        css = styles.pop()
        if css is not None:  # whole: expat may hand the text over in pieces
            _check_css("".join(css))

    def text(data: str) -> None:
        css = styles[-1] if styles else None
        if css is not None:
            css.append(data)

    def refuse(what: str) -> None:
        raise OutsideReference(f"chart SVG has {what}")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = lambda *_: refuse("a DOCTYPE")
    parser.ProcessingInstructionHandler = lambda target, _: refuse(f"a <?{target[:40]}?>")
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as exc:
        raise OutsideReference(f"chart SVG is not well-formed XML: {exc}") from None


def _check_css(css: str) -> None:
    """Refuse CSS that fetches: a url() not within the drawing, @import, @font-face."""
    css = _COMMENT.sub("", css)
    if "\\" in css:
        # An escape can spell any of these words (`u\72l(`); Vega never writes one.
        raise OutsideReference(f"chart SVG has an escape in its CSS: {css[:80]}")
    for match in _URL.finditer(css):
        target = match.group(2).strip()
        if not target.startswith("#"):
            raise OutsideReference(f"chart SVG refers to an outside resource: {target[:80]}")
    if found := _FETCHING.search(css):
        raise OutsideReference(f"chart SVG imports an outside stylesheet or font: {found[0]}")
