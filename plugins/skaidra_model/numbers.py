"""Numbers between the model and what is written: read leniently from data, written as JSON or as text.

Amounts and counts are Decimals in the model (never floats, so that 0.1 + 0.2 stays 0.3). Open data,
JSON-LD and an umbrella's files write them as JSON numbers, whole ones without a fraction; IATI writes
them as text with a dot and no exponent; history reads them back from old versions of a file, where
anything may stand.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def as_decimal(value: object) -> Decimal | None:
    """A finite number from data that may hold anything (true and false are not numbers), or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: a whole one without a fraction."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def decimal_text(value: Decimal | float) -> str:
    """A number as text with a dot before the fraction, none for whole numbers, never an exponent."""
    value = Decimal(value)
    return (
        str(value.quantize(Decimal(1)))
        if value == value.to_integral_value()
        else format(value.normalize(), "f")
    )
