"""Horizontal bar charts as accessible SVG, drawn at build time.

Each chart has a title and a description for screen readers and sits next
to a table with the same figures, which is its full text alternative. Bars
are sized in percent of the chart's width, so the chart follows the page's
width while its text keeps its size.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup, escape

ROW_HEIGHT = 46
LABEL_LIMIT = 48


def _short(label: str) -> str:
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1].rstrip() + "…"


def bar_chart(rows: Sequence[tuple[str, Decimal, str]], title: str, description: str, chart_id: str) -> Markup:
    """Draw `rows` of (label, value, value as text) as bars, the largest filling the width."""
    largest = max((value for _, value, _ in rows), default=Decimal(0))
    parts = [
        f'<svg class="sk-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" width="100%" height="{ROW_HEIGHT * len(rows) + 4}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i, (label, value, shown) in enumerate(rows):
        top = i * ROW_HEIGHT
        share = float(value / largest * 100) if largest else 0.0
        parts.append(
            f'<text class="sk-chart__label" x="0" y="{top + 16}">{escape(_short(label))}: {escape(shown)}</text>'
            f'<rect class="sk-chart__bar" x="0" y="{top + 23}" width="{max(share, 0.5):.2f}%" height="16" rx="2"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
