"""TEMPORARY placeholder until the charts module lands (issue 5)."""
from __future__ import annotations
from dataclasses import dataclass
from markupsafe import Markup

@dataclass
class ChartSet:
    rendered: int = 0
    cached: int = 0
    def html(self, chart_id: str) -> Markup:
        return Markup(f'<div class="fs-chart" id="{chart_id}"></div>')

def render_charts(content, docs, cache_dir) -> ChartSet:
    return ChartSet()
