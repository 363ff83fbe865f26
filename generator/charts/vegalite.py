"""Vega-Lite's JSON as plain dicts: the few pieces the chart specs are made of.

The specs were built with Altair, whose import and object copies cost half a second and
40 MB on every build that draws a chart; what they need of it is a handful of dict shapes.
They are written here as the Vega-Lite schema names them, and a test checks every spec of
every chart kind, whole, against that schema (test_charts.py), with Altair's own copy of it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["field", "datum", "value", "expr", "layer", "TYPES"]

TYPES = {"Q": "quantitative", "N": "nominal"}
"""Altair's shorthand letters for a field's type ('low:Q')."""

Json = dict[str, Any]


def field(shorthand: str, **props: Any) -> Json:
    """An encoding from a data field: 'low:Q' is the quantitative field `low`; a bare name
    (for `x2`, `y2`, which take the type of `x`, `y`) has no type."""
    name, _, code = shorthand.partition(":")
    typed = {"type": TYPES[code]} if code else {}
    return {"field": name, **typed, **props}


def datum(number: float, **props: Any) -> Json:
    """An encoding at one value of the channel's scale."""
    return {"datum": number, **props}


def value(constant: Any) -> Json:
    """An encoding at one value in pixels (or one colour, one text)."""
    return {"value": constant}


def expr(expression: str) -> Json:
    """A Vega expression, where a value may be one."""
    return {"expr": expression}


def layer(
    mark: str,
    encoding: Json,
    *,
    values: list[Json] | None = None,
    where: str | None = None,
    **props: Any,
) -> Json:
    """One layer: a `mark` of its `props`, its `encoding`, drawing `values` (else the whole
    chart's data), only the rows `where` (a Vega expression) holds."""
    out: Json = {"mark": {"type": mark, **props}, "encoding": encoding}
    if where is not None:
        out["transform"] = [{"filter": where}]
    if values is not None:
        out["data"] = {"values": values}
    return out
