"""Printed documents read back as text and checked where a person would look."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

from practice_desk.documents.prescription import RxDocument, render_prescriptions
from practice_desk.domain.errors import ValidationError
from practice_desk.domain.prescriptions import Prescription, c2_series, check_prescription
from practice_desk.practice.specimens import PROFILE, SPECIMEN_PATIENT, specimens


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def english() -> dict[str, bytes]:
    return specimens("en")


@pytest.fixture(scope="module")
def spanish() -> dict[str, bytes]:
    return specimens("es")


def test_every_specimen_is_there_and_marked(english: dict[str, bytes]) -> None:
    required = {
        "prescription-noncontrolled.pdf",
        "prescription-schedule-ii.pdf",
        "prescription-reprint.pdf",
        "handout-sertraline-en.pdf",
        "taper-calendar.pdf",
        "visit-summary.pdf",
        "medication-list.pdf",
        "recovery-sheet.pdf",
    }
    assert required <= set(english)
    for name, pdf in english.items():
        assert pdf.startswith(b"%PDF"), name
        assert "SPECIMEN - NOT VALID" in text_of(pdf), name


def test_prescription_has_every_required_field(english: dict[str, bytes]) -> None:
    text = text_of(english["prescription-noncontrolled.pdf"])
    for field in (
        "Riverside Demo Psychiatry",
        "Dr Alex Sample",
        "DEA AS1234563",
        "NPI 1234567893",
        SPECIMEN_PATIENT,
        "Born 21 Mar 1984",
        "12 Placeholder Street",
        "Date issued: 4 Jan 2027",
        "sertraline",
        "(Zoloft)",
        "50 mg tablet",
        "Directions:",
        "Quantity: 45 (forty-five) tablets",
        "Days' supply: 30",
        "Substitution permitted",
        "Dispense as written",
        "Note to pharmacist",
        "signed by hand",
        "Verify:",
        "Rx #001001",
    ):
        assert field in text, field


def test_schedule_ii_series_has_no_refills_and_staggered_dates(english: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(english["prescription-schedule-ii.pdf"]))
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) == 3  # one prescription per page
    assert all("Refills: NONE (Schedule II)" in p for p in pages)
    assert "DO NOT FILL BEFORE" not in pages[0]
    assert "DO NOT FILL BEFORE 3 FEB 2027" in pages[1]
    assert "DO NOT FILL BEFORE 5 MAR 2027" in pages[2]
    assert "prescription 2 of 3" in pages[1]


def test_reprint_is_marked_as_a_copy(english: dict[str, bytes]) -> None:
    text = text_of(english["prescription-reprint.pdf"])
    assert "COPY - reprint of Rx #1001 first printed 14 Dec 2026" in text


def test_controlled_rules_refuse_in_words() -> None:
    base = Prescription(
        issued=date(2027, 1, 4),
        patient={"name": "A B", "date_of_birth": date(1980, 1, 1), "address": "1 X St"},
        drug="methylphenidate",
        strength="10 mg",
        form="tablet",
        directions="1 twice a day",
        quantity=60,
        quantity_unit="tablets",
        days_supply=30,
        schedule="II",
    )
    with pytest.raises(ValidationError, match="cannot have refills"):
        check_prescription(base.model_copy(update={"refills": 1}), PROFILE.prescriber)
    with pytest.raises(ValidationError, match="at most 90 days"):
        c2_series(base.model_copy(update={"days_supply": 31}), 3)
    with pytest.raises(ValidationError, match="full address"):
        check_prescription(
            base.model_copy(update={"patient": base.patient.model_copy(update={"address": ""})}),
            PROFILE.prescriber,
        )
    benzo = base.model_copy(update={"schedule": "IV", "refills": 6})
    with pytest.raises(ValidationError, match="at most 5 refills"):
        check_prescription(benzo, PROFILE.prescriber)
    no_dea = PROFILE.prescriber.model_copy(update={"dea": ""})
    with pytest.raises(ValidationError, match="DEA number"):
        check_prescription(base, no_dea)


def test_spanish_documents_and_names_print_intact(spanish: dict[str, bytes]) -> None:
    visit = text_of(spanish["visit-summary.pdf"])
    assert "Resumen de la visita" in visit and "Próxima cita" in visit and "988" in visit
    assert SPECIMEN_PATIENT in visit
    calendar = text_of(spanish["taper-calendar.pdf"])
    assert "Su calendario para bajar la dosis" in calendar
    assert "Hoja para la farmacia" in calendar
    if "handout-sertraline-es.pdf" in spanish:
        assert "Para qué sirve" in text_of(spanish["handout-sertraline-es.pdf"])


def test_taper_calendar_and_pharmacy_sheet(english: dict[str, bytes]) -> None:
    text = " ".join(text_of(english["taper-calendar.pdf"]).split())
    assert "Your dose-reduction calendar" in text
    assert "Pharmacy sheet" in text
    assert "mL of the 20 mg/mL oral" in text and "concentrate" in text
    assert "do not lower the dose further" in text


def test_no_text_runs_outside_the_margins(english: dict[str, bytes]) -> None:
    for name, pdf in english.items():
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            for page in doc.pages:
                for char in page.chars:
                    if char["size"] < 3:
                        continue  # the microprint border reaches the edge on purpose
                    assert char["x0"] >= 0 and char["x1"] <= page.width, (name, char["text"])
                    assert char["top"] >= 0 and char["bottom"] <= page.height, (name, char["text"])


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_nothing_wrong(english: dict[str, bytes], tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name, pdf in english.items():
        path = tmp_path / name
        path.write_bytes(pdf)
        result = subprocess.run(
            ["qpdf", "--check", str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, (name, result.stdout[-500:])


def test_long_directions_wrap_inside_the_page() -> None:
    rx = Prescription(
        serial=7,
        issued=date(2027, 1, 4),
        patient={"name": "Ada Quillwhistle", "date_of_birth": date(1980, 1, 1)},
        drug="dextroamphetamine-amphetamine mixed salts extended-release",
        strength="30 mg",
        form="capsule",
        directions=("Take one capsule by mouth every morning with breakfast. " * 6).strip(),
        quantity=30,
        quantity_unit="capsules",
        days_supply=30,
    )
    pdf = render_prescriptions([RxDocument(rx=rx, verification_code="ABCD-EFGH")], PROFILE)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        words = [c for c in page.chars if 8 <= c["size"] < 20]
        assert max(c["x1"] for c in words) <= page.width - 30


def _chars(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "".join(c["text"] for page in doc.pages for c in page.chars)


def _sertraline_rx() -> Prescription:
    return Prescription(
        serial=9,
        issued=date(2027, 1, 4),
        patient={"name": "Ada Quillwhistle", "date_of_birth": date(1980, 1, 1)},
        drug="sertraline",
        strength="50 mg",
        form="tablet",
        directions="Take 1 tablet by mouth each morning.",
        quantity=30,
        quantity_unit="tablets",
        days_supply=30,
        refills=2,
    )


def test_the_original_looks_valid_and_only_a_reprint_says_copy() -> None:
    rx = _sertraline_rx()
    original = _chars(render_prescriptions([RxDocument(rx=rx, verification_code="AB")], PROFILE))
    assert "VOID" not in original and "COPY" not in original
    reprint = _chars(
        render_prescriptions(
            [RxDocument(rx=rx, verification_code="AB", reprint_of_date=date(2027, 1, 5))],
            PROFILE,
        )
    )
    assert "COPY" in reprint and "VOID" not in reprint


def test_the_refill_line_clears_the_quantity_boxes() -> None:
    rx = _sertraline_rx()
    pdf = render_prescriptions([RxDocument(rx=rx, verification_code="AB")], PROFILE)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        text = page.extract_words()
        refills = next(w for w in text if w["text"] == "Refills")
        band_labels = [w for w in text if w["text"] in ("1-24", "25-49", "50-74")]
        boxes = [r for r in page.rects if abs(r["width"] - 9) < 0.5]
        band_boxes = [b for b in boxes if abs(b["top"] - band_labels[0]["top"]) < 6]
        assert band_boxes
        # The refill words begin below the lowest edge of the band's boxes.
        assert refills["top"] >= max(b["bottom"] for b in band_boxes) + 2


def test_the_phone_is_written_once_and_the_step_header_whole(
    english: dict[str, bytes], spanish: dict[str, bytes]
) -> None:
    for handout in ("handout-sertraline-en.pdf", "handout-sertraline-es.pdf"):
        pdf = english.get(handout) or spanish.get(handout)
        assert pdf is not None
        text = text_of(pdf)
        assert "((" not in text and "(555) 555-0100" in text
    for calendar, word in ((english, "Step"), (spanish, "Paso")):
        with pdfplumber.open(io.BytesIO(calendar["taper-calendar.pdf"])) as doc:
            words = [w["text"] for page in doc.pages for w in page.extract_words()]
        assert word in words, words[:40]
