"""`data/grants.xlsx`: the grants table as a spreadsheet with number, date and link cells.

A CSV opened in a Lithuanian Excel shows `20000.00` as text (the decimal
separator there is a comma); in the workbook amounts are numbers and dates
are dates, which every locale displays in its own way. The file is the same
byte for byte from the same content: its dates are the build's, and its
archive entries carry a fixed time.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal

CORE_PROPERTIES = "docProps/core.xml"
# What a spreadsheet takes for the start of a formula in a text cell (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

AMOUNT_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
WIDEST_COLUMN = 60  # characters; longer texts wrap in the cell when opened


def workbook(
    sheet_title: str, header: Sequence[str], rows: Iterable[Sequence], made: dt.date
) -> bytes:
    """An .xlsx of one sheet: a bold, frozen header row, then `rows` (Decimals, dates, text, links); dated
    `made`, by the day, so that a rebuild the same day gives the same bytes."""
    # openpyxl is imported by the builds that make the file: 43 ms of every build's start otherwise
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]  # Excel's limit on sheet names
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = [len(name) for name in header]
    for values in rows:
        sheet.append(list(values))
        for index, value in enumerate(values):
            widths[index] = max(widths[index], len(str(value or "")))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, (int, float, Decimal)):
                cell.number_format = AMOUNT_FORMAT
            elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"  # text as it is, never a formula
            elif isinstance(cell.value, str) and cell.value.startswith(("https://", "http://")):
                cell.hyperlink = cell.value
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, WIDEST_COLUMN)
    buffer = io.BytesIO()
    book.save(buffer)
    return _dated(buffer.getvalue(), dt.datetime.combine(made, dt.time()))


def csv_text(value: str) -> str:
    """A text for a CSV cell that no spreadsheet reads as a formula: one that starts like a formula gets a
    leading apostrophe, as OWASP's guidance on CSV injection says."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _dated(archive: bytes, when: dt.datetime) -> bytes:
    """The same workbook made and last changed at `when`, every archive entry dated so.

    openpyxl dates the document and its archive entries by the clock when it saves."""
    from openpyxl.packaging.core import DocumentProperties
    from openpyxl.xml.functions import tostring

    properties = DocumentProperties(creator="Skaidra", created=when, modified=when)
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]  # a zip cannot date before 1980
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == CORE_PROPERTIES:
                data = tostring(properties.to_tree())
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, data)
    return out.getvalue()
