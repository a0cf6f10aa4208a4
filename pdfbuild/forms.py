"""Repairs to the AcroForm WeasyPrint 70 writes, applied as a write_pdf finisher.

What WeasyPrint's `pdf_forms` gives us: <textarea> → multi-line text field (/Tx, Multiline),
<input type=checkbox> → check box (/Btn, states /on and /Off), radio buttons sharing a `name` →
one radio group (/Btn with Radio + NoToggleToOff, export values in /Opt, widget states /0, /1, …),
<select> → choice field. Text fields have no appearance stream (/NeedAppearances is set: the
viewer draws typed text), and WeasyPrint embeds the whole font a field uses so any letter can be
typed. One flaw: each radio widget also carries the group's /T and is listed in /AcroForm /Fields
next to its group, so readers see "row.row" duplicates. `fix_radio_groups` makes the widgets
plain kids of their group, as the PDF specification describes.

Text size: WeasyPrint writes the textarea's CSS font size into each text field's default
appearance (/DA "… 13 Tf"), a fixed size at which long answers are cut off. `auto_size_text`
sets it to 0 in every text field, PDF's "auto": viewers shrink typed text until it fits the box (Acrobat and PDFium
start at 12 pt; poppler fills the box, so a short answer shows larger there). One-line fields too:
at a fixed size Chromium's viewer cuts an organisation's 51-character name at the field's edge.
"""

from __future__ import annotations

import re

import pydyf

RADIO = 1 << 15  # field flag bit 16
AUTO_SIZE = b"0 Tf"  # font size 0 in a default appearance: fit the text to the field
_FONT_SIZE = re.compile(rb"[\d.]+ Tf")


def finish(document, pdf) -> None:
    """The write_pdf finisher of every fillable PDF."""
    fix_radio_groups(document, pdf)
    auto_size_text(document, pdf)


def _as_bytes(value) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode("latin-1")


def auto_size_text(document, pdf) -> None:
    """Every text field, one-line (the sheet's name and date) or multi-line, gets font size 0 (auto)
    in its default appearance (/DA)."""
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("FT") == "/Tx" and "DA" in obj:
            da = obj["DA"]  # a pydyf.String holding the operators as bytes
            da.string = _FONT_SIZE.sub(AUTO_SIZE, _as_bytes(da.string))


def fix_radio_groups(document, pdf) -> None:
    """Finisher for Document.write_pdf: radio widgets lose /T and /TU and leave /AcroForm /Fields."""
    acroform = pdf.catalog.get("AcroForm")
    if not acroform:
        return
    by_reference = {obj.reference: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)}
    kids: set[bytes] = set()
    for obj in by_reference.values():
        if obj.get("FT") == "/Btn" and int(obj.get("Ff", 0)) & RADIO and "Kids" in obj:
            kids.update(obj["Kids"])
    for reference in kids:
        widget = by_reference[reference]
        widget.pop("T", None)
        widget.pop("TU", None)
    fields = acroform["Fields"]
    fields[:] = [ref for ref in fields if ref not in kids]
