"""Printed prescriptions, one or two per sheet, with the security features a plain printer can give.

A microprint border (a copier blurs it into a line), the serial, quantity check-off bands,
refill boxes and a verification code a pharmacist can check by phone; "COPY" only on a
reprint. No pattern covers the original: on plain paper a "VOID" pantograph shows on the
original itself and makes a valid prescription look void.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from practice_desk.documents.base import (
    BOLD,
    FONT,
    MONO,
    PAGE_SIZES,
    Paper,
    Specimen,
    esc,
    marking,
    register_fonts,
    styles,
    t,
)
from practice_desk.domain.preferences import RxLayout
from practice_desk.domain.prescriptions import (
    MAX_C3_C4_REFILLS,
    QUANTITY_BANDS,
    PracticeProfile,
    Prescription,
    quantity_band,
    quantity_in_words,
)
from practice_desk.domain.wording import long_date

_MICRO = "PRACTICE DESK SECURE PRESCRIPTION "


class RxDocument(BaseModel):
    """A prescription as printed: the Rx, its check code, and what a reprint must say."""

    model_config = ConfigDict(frozen=True)

    rx: Prescription
    verification_code: str
    reprint_of_date: date | None = None  # set on a reprint: when the original was printed


def render_prescriptions(
    documents: Sequence[RxDocument],
    profile: PracticeProfile,
    *,
    paper: Paper = "letter",
    layout: RxLayout = "one",
    specimen: Specimen = False,
) -> bytes:
    """PDF bytes: one prescription per sheet, or two per sheet with a cut line between.

    In the two-per-sheet layout a prescription too long for half a sheet (long
    directions, a long note) gets a sheet of its own rather than being cut short.
    """
    register_fonts()
    buffer = io.BytesIO()
    size = PAGE_SIZES[paper]
    width, height = size
    half = (width, height / 2)
    canvas = Canvas(buffer, pagesize=size, pageCompression=1)
    canvas.setTitle("Prescription")
    canvas.setAuthor(profile.name)
    canvas.setCreator("Practice Desk")
    upper_used = False  # the top half of the current sheet holds a prescription
    for document in documents:
        if layout == "two" and _fits(half, document, profile):
            if upper_used:
                _page(canvas, half, document, profile, specimen)
                canvas.showPage()
                upper_used = False
            else:
                canvas.saveState()
                canvas.translate(0, height / 2)
                _page(canvas, half, document, profile, specimen)
                canvas.restoreState()
                _cut_line(canvas, width, height / 2)
                upper_used = True
            continue
        if upper_used:
            canvas.showPage()
            upper_used = False
        _page(canvas, size, document, profile, specimen)
        canvas.showPage()
    if upper_used:
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _fits(size: tuple[float, float], document: RxDocument, profile: PracticeProfile) -> bool:
    """Whether the prescription's lowest line stays inside the border at this size."""
    scratch = Canvas(io.BytesIO(), pagesize=size)
    return bool(_page(scratch, size, document, profile, specimen=False) >= 10 * mm)


def _cut_line(c: Canvas, width: float, y: float) -> None:
    c.saveState()
    c.setDash(4, 3)
    c.setStrokeColor(colors.Color(0.4, 0.4, 0.4))
    c.line(4 * mm, y, width - 4 * mm, y)
    c.setFont(FONT, 7)
    c.setFillColor(colors.Color(0.4, 0.4, 0.4))
    c.drawCentredString(width / 2, y + 2, "cut here - two separate prescriptions")
    c.restoreState()


def _page(
    c: Canvas,
    size: tuple[float, float],
    doc: RxDocument,
    profile: PracticeProfile,
    specimen: Specimen,
) -> float:
    """Draw one prescription filling ``size``; return the lowest y drawn on."""
    width, height = size
    rx = doc.rx
    left, right, top = 16 * mm, width - 16 * mm, height - 16 * mm
    _microprint_border(c, width, height)
    if doc.reprint_of_date:
        _copy_mark(c, width, height)
    if specimen:
        c.saveState()
        c.setFont(BOLD, 40)
        c.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.3))
        c.translate(width / 2, height / 2)
        c.rotate(35)
        c.drawCentredString(0, 0, t(marking(specimen), "en"))
        c.restoreState()

    # Practice and prescriber.
    y = top
    c.setFont(BOLD, 14)
    c.drawString(left, y, profile.name)
    c.setFont(FONT, 9)
    for line in [*profile.address.splitlines(), _contact(profile)]:
        if line.strip():
            y -= 11
            c.drawString(left, y, line.strip())
    p = profile.prescriber
    c.setFont(BOLD, 11)
    c.drawRightString(right, top, f"{p.name}{', ' + p.credentials if p.credentials else ''}")
    c.setFont(FONT, 9)
    details = [
        f"DEA {p.dea}" if p.dea else "",
        f"NPI {p.npi}" if p.npi else "",
        f"Licence {p.licence}" if p.licence else "",
    ]
    ry = top
    for line in (d for d in details if d):
        ry -= 11
        c.drawRightString(right, ry, line)
    y = min(y, ry) - 8
    c.setStrokeColor(colors.black)
    c.line(left, y, right, y)

    # Serial, dates, schedule.
    y -= 16
    c.setFont(BOLD, 12)
    c.drawString(left, y, f"Rx #{rx.serial:06d}")
    c.setFont(FONT, 10)
    c.drawRightString(right, y, f"Date issued: {long_date(rx.issued)}")
    if rx.controlled:
        y -= 14
        c.setFont(BOLD, 10)
        label = f"Schedule {rx.schedule} controlled substance"
        if rx.series_total > 1:
            label += f" - prescription {rx.series_index} of {rx.series_total}"
        c.drawString(left, y, label)
    if rx.do_not_fill_before:
        y -= 16
        c.setFillColor(colors.Color(0.75, 0, 0))
        c.setFont(BOLD, 13)
        c.drawString(left, y, f"DO NOT FILL BEFORE {long_date(rx.do_not_fill_before).upper()}")
        c.setFillColor(colors.black)
    if doc.reprint_of_date:
        y -= 18
        c.setFillColor(colors.Color(0.75, 0, 0))
        c.setFont(BOLD, 12)
        c.drawString(
            left,
            y,
            f"COPY - reprint of Rx #{rx.serial} first printed {long_date(doc.reprint_of_date)}",
        )
        c.setFillColor(colors.black)

    # Patient.
    y -= 22
    c.setFont(BOLD, 9)
    c.drawString(left, y, "PATIENT")
    c.setFont(FONT, 11)
    y -= 14
    c.drawString(left, y, rx.patient.name)
    c.drawRightString(right, y, f"{t('born', 'en')} {long_date(rx.patient.date_of_birth)}")
    for line in rx.patient.address.splitlines() or [""]:
        if line.strip():
            y -= 12
            c.setFont(FONT, 10)
            c.drawString(left, y, line.strip())

    # Medication.
    y -= 26
    c.setFont(BOLD, 22)
    c.drawString(left, y - 14, "Rx")
    y = _wrapped(
        c,
        f"<b>{esc(rx.drug)}</b>{' (' + esc(rx.brand) + ')' if rx.brand else ''} "
        f"{esc(rx.strength)} {esc(rx.form)}",
        left + 30,
        y + 4,
        right - left - 30,
        "big",
    )
    y = _wrapped(
        c, f"<b>Directions:</b> {esc(rx.directions)}", left + 30, y - 4, right - left - 30, "body"
    )

    y -= 16
    c.setFont(BOLD, 11)
    quantity = f"{rx.quantity:g}"
    c.drawString(
        left, y, f"Quantity: {quantity} ({quantity_in_words(rx.quantity)}) {rx.quantity_unit}"
    )
    c.setFont(FONT, 10)
    c.drawRightString(right, y, f"Days' supply: {rx.days_supply}")
    y = _bands(c, left, y - 20, rx.quantity)
    y = _refills(c, left, y - 30, rx)  # its label clear of the bands' boxes

    y -= 20
    _checkbox(c, left, y, rx.substitution_permitted)
    c.setFont(FONT, 10)
    c.drawString(left + 14, y, "Substitution permitted")
    _checkbox(c, left + 190, y, not rx.substitution_permitted)
    c.drawString(left + 204, y, "Dispense as written")
    if rx.note_to_pharmacist:
        y = _wrapped(
            c,
            f"<b>Note to pharmacist:</b> {esc(rx.note_to_pharmacist)}",
            left,
            y - 8,
            right - left,
            "body",
        )

    # Signature.
    y -= 44
    c.line(left, y, left + 95 * mm, y)
    c.setFont(FONT, 8)
    c.drawString(left, y - 10, f"Prescriber's signature (signed by hand) - {p.name}")
    c.setFont(MONO, 9)
    c.drawRightString(right, y, f"Verify: {doc.verification_code}")
    c.setFont(FONT, 7)
    c.drawRightString(
        right, y - 10, f"Pharmacists: call {profile.phone or 'the practice'} with this code"
    )
    return float(y - 10)


def _contact(profile: PracticeProfile) -> str:
    parts = [
        f"{t('phone', 'en')} {profile.phone}" if profile.phone else "",
        f"{t('fax', 'en')} {profile.fax}" if profile.fax else "",
    ]
    return "   ".join(p for p in parts if p)


def _wrapped(c: Canvas, html: str, x: float, y_top: float, width: float, style: str) -> float:
    """Draw a wrapping paragraph whose top is y_top; return the y below it."""
    paragraph = Paragraph(html, styles()[style])
    _, height = paragraph.wrap(width, 400)
    paragraph.drawOn(c, x, y_top - height)
    return float(y_top - height)


def _checkbox(c: Canvas, x: float, y: float, marked: bool) -> None:
    c.rect(x, y - 1, 9, 9)
    if marked:
        c.saveState()
        c.setFont(BOLD, 9)
        c.drawString(x + 1.5, y + 0.5, "X")
        c.restoreState()


def _bands(c: Canvas, left: float, y: float, quantity: float) -> float:
    c.setFont(FONT, 8)
    c.drawString(left, y + 12, "Quantity check-off (the marked band holds the quantity):")
    marked = quantity_band(quantity)
    x = left
    for index, (low, high) in enumerate(QUANTITY_BANDS):
        label = f"{low}-{high}" if high else f"{low}+"
        _checkbox(c, x, y, index == marked)
        c.drawString(x + 12, y, label)
        x += 70
    return y


def _refills(c: Canvas, left: float, y: float, rx: Prescription) -> float:
    c.setFont(FONT, 8)
    if rx.schedule == "II":
        c.setFont(BOLD, 10)
        c.drawString(left, y, "Refills: NONE (Schedule II)")
        return y
    c.drawString(left, y + 12, "Refills (the marked box is the number allowed):")
    x = left
    for count in range(MAX_C3_C4_REFILLS + 1):
        _checkbox(c, x, y, count == rx.refills)
        c.drawString(x + 12, y, str(count))
        x += 36
    if rx.refills > MAX_C3_C4_REFILLS:
        c.drawString(x + 4, y, f"({rx.refills} refills)")
    return y


def _microprint_border(c: Canvas, width: float, height: float) -> None:
    """A border line that is really tiny text: a photocopy turns it into a blur."""
    c.saveState()
    c.setFont(FONT, 2.2)
    c.setFillColor(colors.Color(0.25, 0.25, 0.45))
    inset = 8 * mm
    run = _MICRO * 60
    c.drawString(inset, height - inset, run[: int((width - 2 * inset) / 2.2 * 2.0)])
    c.drawString(inset, inset, run[: int((width - 2 * inset) / 2.2 * 2.0)])
    for x in (inset, width - inset):
        c.saveState()
        c.translate(x, inset)
        c.rotate(90)
        c.drawString(0, 0, run[: int((height - 2 * inset) / 2.2 * 2.0)])
        c.restoreState()
    c.restoreState()


def _copy_mark(c: Canvas, width: float, height: float) -> None:
    """Across a reprint only: a light "COPY" that leaves every line readable."""
    c.saveState()
    c.setFont(BOLD, 90)
    c.setFillColor(colors.Color(0.85, 0.2, 0.2, alpha=0.12))
    c.translate(width / 2, height / 2)
    c.rotate(35)
    c.drawCentredString(0, -30, "COPY")
    c.restoreState()
