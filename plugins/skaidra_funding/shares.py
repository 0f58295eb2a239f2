"""How each group's amount compares with the largest, for the bars beside the figures.

A bar is drawn in the table's amount cell, under the figure it shows, so its
label is the row's and wraps like any text on a narrow screen. Bars compare
amounts of one currency only, and are left out for a currency that only one
row has: one full-width bar says nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from decimal import Decimal


def bar_shares(
    groups: Mapping[Hashable, Mapping[str, Decimal]],
) -> dict[Hashable, dict[str, float]]:
    """Each group's amount as a share of the largest in its currency, for currencies two groups or more have."""
    largest: dict[str, Decimal] = {}
    count: Counter[str] = Counter()
    for sums in groups.values():
        for currency, amount in sums.items():
            largest[currency] = max(largest.get(currency, Decimal(0)), amount)
            count[currency] += 1
    return {
        key: {
            currency: float(amount / largest[currency]) if largest[currency] else 0.0
            for currency, amount in sums.items()
            if count[currency] >= 2
        }
        for key, sums in groups.items()
    }
