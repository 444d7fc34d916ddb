"""What every document shares: fonts, fixed strings, page frame, specimen marking."""

from __future__ import annotations

import io
import tomllib
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

Language = Literal["en", "es"]
Paper = Literal["letter", "a4"]
PAGE_SIZES = {"letter": LETTER, "a4": A4}
MARGIN = 18 * mm
FONT, BOLD, ITALIC, MONO = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono"


@cache
def register_fonts() -> None:
    """Embed DejaVu (free licence, wide Unicode coverage) so any name prints as typed."""
    folder = resources.files("practice_desk.resources").joinpath("fonts")
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (BOLD, "DejaVuSans-Bold.ttf"),
        (ITALIC, "DejaVuSans-Oblique.ttf"),
        (MONO, "DejaVuSansMono.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(folder.joinpath(file).read_bytes())))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


@cache
def _strings() -> dict[str, dict[str, str]]:
    text = (
        resources.files("practice_desk.resources")
        .joinpath("i18n/documents.toml")
        .read_text("utf-8")
    )
    return tomllib.loads(text)


#: Marked across every page: True for a specimen, "demo" for the demo practice's documents.
Specimen = bool | Literal["demo"]


def marking(specimen: Specimen) -> str:
    """The words (their key) a marked page carries."""
    return "demo" if specimen == "demo" else "specimen"


def t(key: str, language: Language) -> str:
    """A fixed document string in the language."""
    return _strings()[key][language]


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, alignment=TA_LEFT)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "title": ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=2
        ),
        "bold": ParagraphStyle("bold", parent=body, fontName=BOLD),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11),
        "big": ParagraphStyle("big", parent=body, fontSize=12, leading=15),
    }


def esc(text: str) -> str:
    """Text made safe for a ReportLab Paragraph (which reads a little XML)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(esc(text), styles()[style])


def build(
    story: Sequence[Flowable],
    *,
    paper: Paper = "letter",
    title: str,
    specimen: Specimen = False,
    language: Language = "en",
    on_page: Callable[[Canvas, Any], None] | None = None,
) -> bytes:
    """Lay out the story on pages and return the PDF bytes."""
    register_fonts()
    buffer = io.BytesIO()
    size = PAGE_SIZES[paper]
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="Practice Desk",
        creator="Practice Desk",
    )
    frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id="body")

    def decorate(canvas: Canvas, document: Any) -> None:
        canvas.saveState()
        if specimen:
            canvas.setFont(BOLD, 42)
            canvas.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.25))
            canvas.translate(size[0] / 2, size[1] / 2)
            canvas.rotate(35)
            words = marking(specimen)
            canvas.drawCentredString(0, 0, t(words, "en"))
            if language != "en":
                canvas.setFont(BOLD, 30)
                canvas.drawCentredString(0, -40, t(words, language))
            canvas.rotate(-35)
            canvas.translate(-size[0] / 2, -size[1] / 2)
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.grey)
        canvas.drawRightString(
            size[0] - MARGIN, MARGIN / 2, f"{t('page', language)} {document.page}"
        )
        canvas.restoreState()
        if on_page:
            on_page(canvas, document)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    doc.build(list(story))
    return buffer.getvalue()
